// Supervisor review: draws the session's readings chart from its canvas's data-series attribute (whole minutes since
// the dose on the x axis; vital signs on the left axis, titled with their units as shown, 0–10 scales on the right)
// and wires the print button.
(function () {
  "use strict";
  var colours = ["#2f5d62", "#a0522d", "#5b4b8a", "#1f6f43", "#8a1c12", "#6b4a00", "#3b5b92", "#7a4f6d"];
  function drawChart() {
    var canvas = document.getElementById("session-chart");
    if (!canvas || typeof Chart === "undefined") {
      return;
    }
    var series = JSON.parse(canvas.getAttribute("data-series") || "[]");
    var units = [];
    series.forEach(function (s) {
      if (s.axis !== "scales" && s.unit && units.indexOf(s.unit) < 0) { units.push(s.unit); }
    });
    new Chart(canvas, {
      type: "line",
      data: {
        datasets: series.map(function (s, i) {
          return {
            label: s.name + (s.unit ? " (" + s.unit + ")" : ""),
            data: s.points,
            yAxisID: s.axis === "scales" ? "scales" : "vitals",
            borderColor: colours[i % colours.length],
            backgroundColor: colours[i % colours.length],
            borderDash: s.axis === "scales" ? [6, 4] : [],
            tension: 0.1
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        parsing: { xAxisKey: "x", yAxisKey: "y" },
        scales: {
          x: { type: "linear", ticks: { precision: 0 }, title: { display: true, text: "Minutes since the dose" } },
          vitals: { type: "linear", position: "left", beginAtZero: true,
            title: { display: units.length > 0, text: units.join(", ") } },
          scales: { type: "linear", position: "right", min: 0, max: 10, grid: { drawOnChartArea: false },
            title: { display: true, text: "Scale score" } }
        }
      }
    });
  }
  function wirePrint() {
    var button = document.getElementById("print-button");
    if (button) {
      button.addEventListener("click", function () { window.print(); });
    }
  }
  function start() {
    drawChart();
    wirePrint();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
