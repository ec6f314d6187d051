// The overview's live figures: /api/status every few seconds while the page is open.
// Counts and states only; written with textContent, never as HTML.
(function () {
  "use strict";
  var table = document.getElementById("counts");
  var bar = document.getElementById("progress");
  if (!table || !bar) { return; }
  var text = document.getElementById("progress-text");
  var state = document.getElementById("run-state");
  var live = document.getElementById("live");
  function refresh() {
    fetch("/api/status", {credentials: "same-origin", cache: "no-store"})
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (doc) {
        var p = doc.progress;
        bar.max = p.total || 1;
        bar.value = p.done;
        text.textContent = p.done + " of " + p.total + " records moved (" + p.percent + "%)";
        state.textContent = doc.run.state;
        Object.keys(doc.counts).forEach(function (kind) {
          var row = table.querySelector('tr[data-kind="' + CSS.escape(kind) + '"]');
          if (!row) { return; }
          Object.keys(doc.counts[kind]).forEach(function (metric) {
            var cell = row.querySelector('td[data-metric="' + metric + '"]');
            if (cell) { cell.textContent = String(doc.counts[kind][metric]); }
          });
        });
        live.textContent = p.running ? "running: updated " + new Date().toLocaleTimeString() : "";
      })
      .catch(function () { live.textContent = "live figures unavailable"; });
  }
  setInterval(refresh, 3000);
}());
