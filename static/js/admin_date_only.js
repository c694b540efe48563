// chronicle's dates are days without a time of day. Django's DateTimeShortcuts warns "you are
// N hours behind server time" beside every date field when the browser's time zone differs
// from the server's; for a day that note is wrong. Without the server's offset it says nothing
// (and "Today" is the editor's own today). Pages with a real time field keep the note.
document.addEventListener("DOMContentLoaded", function () {
  if (!document.querySelector("input.vTimeField")) {
    delete document.body.dataset.adminUtcOffset;
  }
});
