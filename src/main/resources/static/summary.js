// Draws the outcome-score chart from the JSON in the canvas's data-series attribute.
(function () {
  "use strict";
  function draw() {
    var canvas = document.getElementById("score-chart");
    if (!canvas || typeof Chart === "undefined") {
      return;
    }
    var series = JSON.parse(canvas.getAttribute("data-series") || "[]");
    var dates = [];
    series.forEach(function (s) {
      s.points.forEach(function (p) { if (dates.indexOf(p.x) < 0) { dates.push(p.x); } });
    });
    dates.sort();
    var colours = ["#2f5d62", "#a0522d", "#5b4b8a"];
    new Chart(canvas, {
      type: "line",
      data: {
        labels: dates,
        datasets: series.map(function (s, i) {
          var byDate = {};
          s.points.forEach(function (p) { byDate[p.x] = p.y; });
          return {
            label: s.name + " (0–" + s.max + ")",
            data: dates.map(function (d) { return d in byDate ? byDate[d] : null; }),
            borderColor: colours[i % colours.length],
            backgroundColor: colours[i % colours.length],
            spanGaps: true,
            tension: 0.2
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true } }
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
