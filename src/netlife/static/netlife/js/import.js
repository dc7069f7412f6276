// Import pages. The forms work without this file; it only makes waiting
// and deciding smoother.

// A form with data-busy-text says it is working once submitted and cannot
// be sent twice (reading a large file takes a few seconds).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.busyText) {
    return;
  }
  if (form.dataset.sent) {
    event.preventDefault();
    return;
  }
  form.dataset.sent = "1";
  form.classList.add("is-busy");
  const button = form.querySelector("button[type=submit]");
  if (button) {
    button.dataset.idleText = button.textContent;
    button.textContent = form.dataset.busyText;
    button.setAttribute("aria-disabled", "true");
  }
});

// A page restored from the back-forward cache must be usable again.
window.addEventListener("pageshow", (event) => {
  if (!event.persisted) {
    return;
  }
  document.querySelectorAll("form[data-sent]").forEach((form) => {
    delete form.dataset.sent;
    form.classList.remove("is-busy");
    const button = form.querySelector("button[data-idle-text]");
    if (button) {
      button.textContent = button.dataset.idleText;
      button.removeAttribute("aria-disabled");
    }
  });
});

document.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.target;
  // The import finished: move focus to its result, so it is read out.
  const job = document.getElementById("import-job");
  if (job && !job.hasAttribute("hx-get") && target && target.id === "import-job") {
    const title = document.getElementById("import-job-title");
    if (title) {
      title.focus();
    }
    return;
  }
  // A duplicate was decided (the button that had focus is gone) or a page
  // of pairs was loaded: focus the outcome, or the list.
  if (target && target.id === "duplicates") {
    const status = document.getElementById("duplicates-status");
    (status || target).focus({ preventScroll: !status });
  }
});
