// People list: after htmx swaps in another page of results, move keyboard
// focus to the results, because the pager link that had it is gone.
document.addEventListener("htmx:afterSwap", (event) => {
  const trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (!trigger || !trigger.closest(".pager")) {
    return;
  }
  const results = document.getElementById("results");
  if (results) {
    results.focus({ preventScroll: true });
  }
});
