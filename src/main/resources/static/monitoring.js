// Dosing workspace: the session clock since the dose, the live part (alerts, next check, chart, timeline) reloaded
// from the server after each acknowledged save and every 30 s, and the vitals chart with the alert thresholds.
(function () {
  "use strict";
  var chart = null;

  function clock() {
    var el = document.getElementById("session-clock");
    if (!el || !el.getAttribute("data-dose")) { return; }
    var minutes = Math.max(0, Math.floor((Date.now() - Date.parse(el.getAttribute("data-dose"))) / 60000));
    el.textContent = Math.floor(minutes / 60) + " h " + String(minutes % 60).padStart(2, "0") + " min since dose";
  }

  function band(label, value, count, colour) {
    var data = [];
    for (var i = 0; i < count; i++) { data.push(value); }
    return {label: label, data: data, borderColor: colour, borderDash: [6, 4], pointRadius: 0, borderWidth: 1,
      fill: false};
  }

  function draw() {
    var canvas = document.getElementById("vitals-chart");
    if (!canvas || typeof Chart === "undefined") { return; }
    var data = JSON.parse(canvas.getAttribute("data-chart") || "{}");
    var points = data.points || [];
    var minutes = [0];  // from the dose on, so that the limits are drawn as lines from the first reading
    points.forEach(function (p) { var m = Math.round(p.m); if (minutes.indexOf(m) < 0) { minutes.push(m); } });
    minutes.sort(function (a, b) { return a - b; });
    function series(key, field) {
      return minutes.map(function (m) {
        var hit = points.filter(function (p) { return p.k === key && Math.round(p.m) === m; }).pop();
        return hit ? hit[field] : null;
      });
    }
    var n = minutes.length;
    var datasets = [
      {label: "Systolic (mmHg)", data: series("bp", "v"), borderColor: "#2f5d62", spanGaps: true},
      {label: "Diastolic (mmHg)", data: series("bp", "d"), borderColor: "#5b8a8f", spanGaps: true},
      {label: "Heart rate (/min)", data: series("hr", "v"), borderColor: "#5b4b8a", spanGaps: true},
      {label: "SpO₂ (%)", data: series("spo2", "v"), borderColor: "#7a6a3a", spanGaps: true},
      band("Systolic limit " + data.systolic, data.systolic, n, "#8a8a8a"),
      band("Diastolic limit " + data.diastolic, data.diastolic, n, "#a0a0a0"),
      band("Heart-rate limit " + data.heartRate, data.heartRate, n, "#9a90b8"),
      band("SpO₂ floor " + data.oxygen, data.oxygen, n, "#b0a070")
    ];
    if (chart) { chart.destroy(); }
    chart = new Chart(canvas, {
      type: "line",
      data: {labels: minutes.map(function (m) { return m + " min"; }), datasets: datasets},
      options: {responsive: true, maintainAspectRatio: false, animation: false,
        scales: {y: {suggestedMin: 40, suggestedMax: 200}}}
    });
  }

  function typing(live) {
    return Array.prototype.some.call(live.querySelectorAll("form input:not([name=effective]), form textarea"),
      function (field) { return field.value !== ""; });
  }

  function refresh(periodic) {
    var live = document.getElementById("live");
    if (!live || (periodic === true && typing(live))) { return; }
    fetch(live.getAttribute("data-src"), {credentials: "same-origin", cache: "no-store"}).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html === null) { return; }
      var parsed = new DOMParser().parseFromString(html, "text/html");
      var fresh = parsed.getElementById("live");
      if (!fresh) { return; }
      live.replaceChildren.apply(live, Array.prototype.slice.call(fresh.childNodes));
      clock();
      draw();
      document.dispatchEvent(new CustomEvent("live-updated"));
    }).catch(function () { /* the next refresh tries again */ });
  }

  function start() {
    clock();
    draw();
    setInterval(clock, 15000);
    setInterval(function () { refresh(true); }, 30000);
    var timer = null;
    document.addEventListener("entry-acknowledged", function () {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(refresh, 150);
    });
  }

  document.addEventListener("DOMContentLoaded", start);
}());
