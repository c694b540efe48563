// The zoomable multi-year timeline on /years/, drawn by vis-timeline (vendored in static/vendor).
//
// Zoomed out it shows one bar per year that holds events; closer, one per month; within about a
// year and a half, the events themselves, read from the REST API (/api/events/ with the visible
// dates, at most 500). Every label is set as text, never as HTML.
(function () {
  "use strict";
  var DAY = 86400000;
  var MAX_EVENTS = 500;

  function start() {
    var holder = document.getElementById("overview");
    var data = JSON.parse(document.getElementById("overview-data").textContent);
    if (!holder || !window.vis || !data.years.length) return;
    var english = (document.documentElement.lang || "").indexOf("en") === 0;
    var status = document.querySelector(".zoom-status");
    var items = new vis.DataSet();
    var first = data.years[0][0], last = data.years[data.years.length - 1][0];

    function text(s) { var span = document.createElement("span"); span.textContent = s; return span; }
    function yearLabel(y, n) { return english ? y + " · " + n : y + "年 · " + n + " 件"; }
    function monthLabel(m, n) { return english ? m + "/" + n : m + "月 · " + n; }
    function day(y, m, d) { var t = new Date(0); t.setFullYear(y, m - 1, d); t.setHours(0, 0, 0, 0); return t; }
    function iso(t) {
      var y = String(t.getFullYear()).padStart(4, "0");
      return y + "-" + String(t.getMonth() + 1).padStart(2, "0") + "-" + String(t.getDate()).padStart(2, "0");
    }

    var yearItems = data.years.map(function (row) {
      return { id: "y" + row[0], start: day(row[0], 1, 1), end: day(row[0] + 1, 1, 1), type: "range",
               content: text(yearLabel(row[0], row[1])), className: "ov-year", url: data.timeline + row[0] + "/",
               title: text(yearLabel(row[0], row[1])) };
    });
    var monthItems = data.months.map(function (row) {
      return { id: "m" + row[0] + "-" + row[1], start: day(row[0], row[1], 1), end: day(row[0], row[1] + 1, 1),
               type: "range", content: text(monthLabel(row[1], row[2])), className: "ov-month",
               url: data.timeline + row[0] + "/#m" + row[1], title: text(row[0] + "-" + row[1] + ": " + row[2]) };
    });

    function minor(date, scale) {
      if (english) return null;
      switch (scale) {
        case "year": return date.format("YYYY") + "年";
        case "month": return date.format("M") + "月";
        case "week": case "day": case "weekday": return date.format("D") + "日";
        default: return date.format("HH:mm");
      }
    }
    function major(date, scale) {
      if (english) return null;
      switch (scale) {
        case "year": return "";
        case "month": return date.format("YYYY") + "年";
        default: return date.format("YYYY") + "年" + date.format("M") + "月";
      }
    }
    var format = english ? {} : {
      minorLabels: function (date, scale) { return minor(date, scale); },
      majorLabels: function (date, scale) { return major(date, scale); }
    };

    var timeline = new vis.Timeline(holder, items, {
      start: day(first - 1, 7, 1), end: day(last + 1, 7, 1),
      min: day(first - 20, 1, 1), max: day(last + 20, 1, 1),
      zoomMin: 14 * DAY, zoomMax: 400 * 365 * DAY,
      minHeight: "10rem", maxHeight: "26rem", orientation: { axis: "bottom", item: "top" }, stack: true, selectable: true, showCurrentTime: false,
      zoomKey: "ctrlKey", margin: { item: 4 }, format: format, tooltip: { followMouse: true }
    });

    var shown = null, request = 0;
    function show(kind, list, message) {
      if (shown !== kind || kind === "events") { items.clear(); items.add(list); shown = kind; }
      if (status) status.textContent = message;
    }
    function refresh() {
      var range = timeline.getWindow();
      var span = (range.end - range.start) / DAY;
      if (span > 6 * 366) {
        show("years", yearItems, english ? "One bar per year" : "每年一条，放大看各月");
      } else if (span > 550) {
        show("months", monthItems, english ? "One bar per month" : "每月一条，再放大看各个事件");
      } else {
        loadEvents(range.start, range.end);
      }
    }
    function loadEvents(from, to) {
      var mine = ++request;
      var url = data.api + "?" + new URLSearchParams({
        date_after: iso(from), date_before: iso(to), page_size: String(MAX_EVENTS), format: "json"
      });
      fetch(url, { headers: { Accept: "application/json" } }).then(function (r) { return r.json(); })
        .then(function (body) {
          if (mine !== request) return;
          if (body.count > MAX_EVENTS) {
            show("months", monthItems, english ? "Too many events here: zoom in further"
                                               : "这一段事件太多（" + body.count + " 件），请再放大");
            return;
          }
          var list = body.results.map(function (e) {
            var start = new Date(e.start_date + "T00:00:00"), end = new Date(e.end_date + "T00:00:00");
            var point = e.start_date === e.end_date && e.precision === "day";
            return { id: "e" + e.id, start: start, end: point ? undefined : new Date(end.getTime() + DAY),
                     type: point ? "point" : "range", content: text(e.title.length > 28 ? e.title.slice(0, 27) + "…" : e.title), title: text((e.date_text || e.start_date) + " " + e.title),
                     className: "ov-event t-" + e.type, url: data.event + e.id + "/" };
          });
          show("events", list, english ? body.count + " events" : "此段共 " + body.count + " 件事件，点一下打开");
        })
        .catch(function () { if (status) status.textContent = english ? "Could not load the events" : "事件没能读出来"; });
    }

    var pending = null;
    timeline.on("rangechanged", function () { clearTimeout(pending); pending = setTimeout(refresh, 150); });
    timeline.on("select", function (props) {
      var item = props.items.length && items.get(props.items[0]);
      if (item && item.url) window.location.href = item.url;
    });
    document.querySelectorAll(".zoom-controls button").forEach(function (button) {
      button.addEventListener("click", function () {
        var zoom = button.dataset.zoom, move = parseFloat(button.dataset.move || "0");
        if (zoom === "in") timeline.zoomIn(0.5);
        else if (zoom === "out") timeline.zoomOut(0.5);
        else if (zoom === "fit") timeline.setWindow(day(first - 1, 7, 1), day(last + 1, 7, 1));
        else if (move) {
          var w = timeline.getWindow(), shift = (w.end - w.start) * move;
          timeline.setWindow(new Date(w.start.getTime() + shift), new Date(w.end.getTime() + shift));
        }
      });
    });
    refresh();
    window.chronicleOverview = timeline;  // for the browser tests
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
