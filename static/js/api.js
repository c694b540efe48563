// The browsable API (DRF's own page) for readers of every kind: the page's language (DRF's
// template writes <html> without it) and a name for the format menu's caret-only button
// (Bootstrap's tooltip moves its title away, leaving screen readers nothing to say); a long
// answer's scrolling box reachable from the keyboard.
(function () {
  "use strict";
  var lang = document.querySelector('meta[name="chronicle-lang"]');
  if (lang && !document.documentElement.lang) {
    document.documentElement.lang = lang.content;
  }
  document.querySelectorAll("button.dropdown-toggle").forEach(function (button) {
    if (!button.textContent.trim() && !button.getAttribute("aria-label")) {
      button.setAttribute("aria-label", button.getAttribute("title") || button.dataset.originalTitle || "");
    }
  });
  document.querySelectorAll("pre.prettyprint").forEach(function (pre) {
    pre.tabIndex = 0;
  });
})();
