// Today: after htmx swaps in a new agenda or a form sent back, keyboard focus
// would fall to the page itself, because the button that had it is gone.
// Move it where a keyboard or screen-reader user expects to go on.
(() => {
  const focusables = [
    // A form came back with an error: the first field to correct.
    ".log-form [aria-invalid='true'], .snooze-form [aria-invalid='true']",
    // A form came back with a cold-ask warning: the button that confirms.
    ".log-form--warned button[type='submit']",
    // The agenda changed: the message saying what was done.
    "#today-status",
    "#agenda-title",
  ];

  document.addEventListener("htmx:afterSettle", (event) => {
    // Only a form sent (log it, snooze, told them) replaces what had focus;
    // the side cards loading or the cold-ask check leave focus alone.
    const config = event.detail.requestConfig;
    if (!config || config.verb !== "post") {
      return;
    }
    const active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) {
      return;
    }
    for (const selector of focusables) {
      const element = document.querySelector(selector);
      if (element) {
        element.focus({ preventScroll: false });
        return;
      }
    }
  });
})();
