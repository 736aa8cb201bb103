// Dosing workspace: the session clock since the first dose, the live part (alerts, doses, next check, chart,
// timeline) reloaded from the server after each acknowledged save, after a dose not saved for doses recorded since,
// and every 30 s (not while something is typed in it), and the vitals chart with the alert thresholds. A form of the
// live part holding typed values is kept as it is through a reload, so nothing typed is lost. While a colleague's
// session start is on its way to the EHR, the page looks again every 10 s until the session shows.
(function () {
  "use strict";
  var chart = null;

  function clock() {
    var el = document.getElementById("session-clock");
    if (!el || !el.getAttribute("data-dose")) { return; }
    var minutes = Math.max(0, Math.floor((Date.now() - Date.parse(el.getAttribute("data-dose"))) / 60000));
    el.textContent = Math.floor(minutes / 60) + " h " + String(minutes % 60).padStart(2, "0") + " min "
      + (el.getAttribute("data-since") || "since dose");
  }

  // A dashed limit line across the whole time axis.
  function band(label, value, xMax, colour) {
    return {label: label, data: [{x: 0, y: value}, {x: xMax, y: value}], borderColor: colour, borderDash: [6, 4],
      pointRadius: 0, borderWidth: 1, fill: false};
  }

  // Every reading is a point at its time since the first dose (minutes, to the second) on a linear axis: two readings
  // in the same minute are both drawn, and gaps are to scale; the axis is marked in whole minutes.
  function draw() {
    var canvas = document.getElementById("vitals-chart");
    if (!canvas || typeof Chart === "undefined") { return; }
    var data = JSON.parse(canvas.getAttribute("data-chart") || "{}");
    var series = data.series || {};
    var xMax = Math.max(1, data.xMax || 0);
    function line(label, points, colour) {
      return {label: label, data: points || [], borderColor: colour, backgroundColor: colour, showLine: true,
        pointRadius: 4};
    }
    var datasets = [
      line("Systolic (mmHg)", series.systolic, "#2f5d62"),
      line("Diastolic (mmHg)", series.diastolic, "#5b8a8f"),
      line("Heart rate (/min)", series.hr, "#5b4b8a"),
      line("SpO₂ (%)", series.spo2, "#7a6a3a"),
      band("Systolic limit " + data.systolic, data.systolic, xMax, "#8a8a8a"),
      band("Diastolic limit " + data.diastolic, data.diastolic, xMax, "#a0a0a0"),
      band("Heart-rate limit " + data.heartRate, data.heartRate, xMax, "#9a90b8"),
      band("SpO₂ floor " + data.oxygen, data.oxygen, xMax, "#b0a070")
    ];
    // A further dose (a top-up) as an upright dashed line at its minute.
    (data.furtherDoses || []).forEach(function (x) {
      datasets.push({label: "Further dose at " + Math.round(x) + " min", data: [{x: x, y: 40}, {x: x, y: 200}],
        borderColor: "#444444", borderDash: [2, 3], showLine: true, pointRadius: 0, borderWidth: 1.5, fill: false});
    });
    if (chart) { chart.destroy(); }
    chart = new Chart(canvas, {
      type: "scatter",
      data: {datasets: datasets},
      options: {responsive: true, maintainAspectRatio: false, animation: false,
        scales: {x: {type: "linear", min: 0, suggestedMax: xMax, ticks: {precision: 0},
          title: {display: true, text: data.axis || "Minutes since the dose"}},
          y: {suggestedMin: 40, suggestedMax: 200}}}
    });
  }

  // Whether a form within (or being) the element holds a typed value.
  function typing(element) {
    return Array.prototype.some.call(element.querySelectorAll(
      "form input:not([name=effective]):not([type=hidden]), form textarea"), function (field) {
      return field.value !== "";
    });
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
      var another = document.getElementById("another-dose");
      var anotherOpen = another && another.open;
      var focused = document.activeElement;
      var kept = Array.prototype.filter.call(live.querySelectorAll("form[id]"), typing).filter(function (form) {
        var replacement = parsed.getElementById(form.id);
        if (replacement) { replacement.replaceWith(form); }
        return replacement;
      });
      live.replaceChildren.apply(live, Array.prototype.slice.call(fresh.childNodes));
      another = document.getElementById("another-dose");
      var holdsKept = kept.some(function (form) { return another && another.contains(form); });
      if (another && (anotherOpen || holdsKept)) { another.open = true; }
      if (focused && focused !== document.activeElement && live.contains(focused)) { focused.focus(); }
      clock();
      draw();
      document.dispatchEvent(new CustomEvent("live-updated"));
    }).catch(function () { /* the next refresh tries again */ });
  }

  // Acknowledges one alert of the bar; it is recorded as a session note and leaves the bar once the page has it.
  function acknowledge(button) {
    var root = document.getElementById("entry-root");
    if (!root) { return; }
    button.disabled = true;
    fetch(root.getAttribute("data-base") + "session/alerts/acknowledge", {method: "POST", credentials: "same-origin",
      cache: "no-store", headers: {"Content-Type": "application/json", "Accept": "application/json",
        "X-CSRF-Token": root.getAttribute("data-csrf")},
      body: JSON.stringify({rule: button.getAttribute("data-rule"), start: button.getAttribute("data-start")})
    }).then(function (response) {
      if (!response.ok) { throw new Error("status " + response.status); }
      refresh();
    }).catch(function () {
      button.disabled = false;
      var problem = document.querySelector("#alert-bar .alert-ack-problem");
      if (problem) { problem.hidden = false; problem.textContent = "The acknowledgement was not saved: try again."; }
    });
  }

  // Shows only the protocol's response to the adverse event chosen (all are shown without script).
  function showResponse() {
    var select = document.getElementById("ae-code");
    if (!select) { return; }
    document.querySelectorAll("#ae-responses [data-ae-code]").forEach(function (p) {
      p.hidden = p.getAttribute("data-ae-code") !== select.value;
    });
  }

  function start() {
    showResponse();
    document.addEventListener("change", function (event) {
      if (event.target.id === "ae-code") { showResponse(); }
    });
    document.addEventListener("reset", function () { setTimeout(showResponse, 0); });
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest(".alert-ack");
      if (button) { acknowledge(button); }
    });
    clock();
    draw();
    setInterval(clock, 15000);
    setInterval(function () { refresh(true); }, 30000);
    var timer = null;
    function soon() {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(refresh, 150);
    }
    document.addEventListener("entry-acknowledged", soon);
    document.addEventListener("doses-recorded-since", soon);
    if (document.getElementById("start-under-way")) {
      setTimeout(function () { window.location.reload(); }, 10000);
    }
  }

  document.addEventListener("DOMContentLoaded", start);
}());
