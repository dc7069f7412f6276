// People pages: keyboard focus after htmx swaps, and selecting rows for the
// bulk tag / tier form. Everything here is an enhancement: the pages work
// as plain links and forms without it.

// After htmx swaps in another page of results, move keyboard focus to the
// results, because the pager link that had it is gone. After "Show older"
// in a person's history, move it to the first entry loaded.
document.addEventListener("htmx:afterSwap", (event) => {
  const trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (!trigger) {
    return;
  }
  if (trigger.closest(".pager")) {
    const results = document.getElementById("results");
    if (results) {
      results.focus({ preventScroll: true });
    }
  }
});

document.addEventListener("htmx:beforeSwap", (event) => {
  const trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (!trigger || !trigger.hasAttribute("data-timeline-more")) {
    return;
  }
  // The "Show older" item is replaced; remember where the new entries go.
  const item = trigger.closest("li");
  const list = item && item.parentElement;
  if (list) {
    list.dataset.loadedFrom = String(Array.prototype.indexOf.call(list.children, item));
  }
});

document.addEventListener("htmx:afterSettle", (event) => {
  const lists = document.querySelectorAll("ol.timeline[data-loaded-from]");
  lists.forEach((list) => {
    const first = list.children[Number(list.dataset.loadedFrom)];
    delete list.dataset.loadedFrom;
    if (first && first.classList.contains("timeline__item")) {
      first.focus({ preventScroll: false });
    }
  });
});

// Selecting rows: "Select all on this page" checks every row; checking
// rows by hand keeps it (and the count) in step.
function rowBoxes() {
  return Array.from(document.querySelectorAll("input[data-select-row]"));
}

function updateSelection() {
  const rows = rowBoxes();
  const all = document.querySelector("input[data-select-all]");
  const count = document.getElementById("bulk-count");
  const checked = rows.filter((box) => box.checked).length;
  if (all) {
    all.checked = rows.length > 0 && checked === rows.length;
    all.indeterminate = checked > 0 && checked < rows.length;
  }
  if (count) {
    count.textContent = checked ? `${checked} selected` : "";
  }
}

document.addEventListener("change", (event) => {
  const target = event.target;
  if (!(target instanceof HTMLInputElement)) {
    return;
  }
  if (target.hasAttribute("data-select-all")) {
    rowBoxes().forEach((box) => {
      box.checked = target.checked;
    });
    updateSelection();
  } else if (target.hasAttribute("data-select-row")) {
    updateSelection();
  }
});
