// The document page: the previous and next event in the text, and a date's meaning on a tap.
//
// Without JavaScript the page works as it is (the dates' meaning is in their title, the parts
// and the search are links); this adds what a phone and a keyboard lack.
(function () {
  "use strict";

  function start() {
    var text = document.getElementById("text");
    if (!text) return;
    var english = (document.documentElement.lang || "").indexOf("en") === 0;

    // Old links (#m123, #p37) to a part that is not this one: ask the server which part holds them.
    var hash = location.hash.slice(1);
    if (/^[mp]\d+$/.test(hash) && !document.getElementById(hash)) {
      var key = hash[0] === "m" ? "mention" : "page";
      location.replace(location.pathname + "?" + key + "=" + hash.slice(1));
      return;
    }

    // On a phone the table of contents starts folded: the text comes first.
    var toc = document.querySelector(".toc details");
    if (toc && window.matchMedia("(max-width: 44rem)").matches) toc.open = false;

    // Previous and next event: the statements in text order, the one in view or last visited first.
    var tools = document.querySelector(".doc-tools");
    var status = document.querySelector(".doc-tools-status");
    var statements = Array.prototype.slice.call(text.querySelectorAll("a.stmt[id], a.also[id]"));
    var current = -1;
    if (hash) current = statements.findIndex(function (a) { return a.id === hash; });
    if (hash === "last") current = statements.length;
    function go(step) {
      var next = current + step;
      if (next < 0 && text.dataset.previousPart) { location.href = text.dataset.previousPart + "#last"; return; }
      if (next >= statements.length && text.dataset.nextPart) { location.href = text.dataset.nextPart + "#first"; return; }
      if (next < 0 || next >= statements.length) {
        status.textContent = english ? "No more events" : (step < 0 ? "前面没有事件了" : "后面没有事件了");
        return;
      }
      current = next;
      var target = statements[current];
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
      history.replaceState(null, "", "#" + target.id);
      status.textContent = (english ? "Event " : "第 ") + (current + 1) + " / " + statements.length + (english ? "" : " 处");
    }
    if (tools && statements.length) {
      tools.hidden = false;
      tools.addEventListener("click", function (e) {
        var button = e.target.closest("button[data-step]");
        if (button) go(parseInt(button.dataset.step, 10));
      });
      if (hash === "first") go(1);
      if (hash === "last") go(-1);
    }

    // A date's interval, precision and calendar: the title shows on hover; a tap shows it here.
    var pop = document.querySelector(".date-pop");
    var touch = false;
    text.addEventListener("pointerdown", function (e) { touch = e.pointerType === "touch" || e.pointerType === "pen"; });
    text.addEventListener("click", function (e) {
      var mark = e.target.closest("mark.date[title]");
      if (!mark || !pop) return;
      if (touch || !mark.closest("a")) {
        e.preventDefault();  // on a phone the first tap on a date in a statement explains the date
        pop.textContent = mark.textContent + "：" + mark.title;
        pop.hidden = false;
        var box = mark.getBoundingClientRect();
        pop.style.top = (window.scrollY + box.bottom + 6) + "px";
        pop.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8)) + "px";
      }
    });
    document.addEventListener("click", function (e) {
      if (pop && !pop.hidden && !e.target.closest("mark.date")) pop.hidden = true;
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape" && pop) pop.hidden = true; });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
