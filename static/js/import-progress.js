// Follows running import jobs: every <progress data-url> polls its job in /api/jobs/ each second,
// shows the stage, pages and events in the page's language (the API's progress_text), and reloads the page (with the summary or the error) at the end.
(function () {
  function follow(bar) {
    var label = bar.nextElementSibling;
    function poll() {
      fetch(bar.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (job) {
          bar.value = job.progress;
          bar.textContent = job.progress + "%";
          label.textContent = job.progress_text;
          if (job.status === "done" || job.status === "failed") {
            location.reload();
          } else {
            setTimeout(poll, 1000);
          }
        })
        .catch(function () { setTimeout(poll, 3000); });
    }
    setTimeout(poll, 1000);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("progress.import-progress[data-running]").forEach(follow);
  });
})();
