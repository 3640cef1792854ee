// Laget's only script besides htmx: nothing inline anywhere (Content-Security-Policy).
(function () {
  "use strict";
  // After an HTMX swap of a results region, tell screen-reader users it changed (the region
  // has aria-live="polite"); keep keyboard focus where it was.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && !target.hasAttribute("aria-live")) {
      target.setAttribute("aria-live", "polite");
    }
  });
  // A range input shows its value in the <output> that names it (for=...).
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (input.type !== "range" || !input.id) return;
    var output = document.querySelector('output[for="' + input.id + '"]');
    if (output) output.textContent = input.value + " %";
  });
})();
