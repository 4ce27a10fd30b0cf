/* newsgraph: small progressive enhancement. Pages work without it; with it, the timeline and event charts
   (Chart.js) and the co-occurrence network (Cytoscape.js) are drawn from data embedded in the page as JSON
   (<script type="application/json">) or fetched from the same JSON API the pages are built from. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var TYPE_COLOURS = { PERSON: "#f0a33a", ORG: "#3d8bd9", GPE: "#3fae5a", LOC: "#3fae5a", NORP: "#a25ddc", MISC: "#8e8e9a" };
  var PALETTE = ["#2456c7", "#e8590c", "#2f9e44", "#ae3ec9", "#c92a2a", "#1098ad", "#f08c00", "#5c7cfa", "#66a80f", "#868e96"];

  function embedded(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function barChart(canvas, labels, datasets, stacked) {
    if (!window.Chart || !canvas) return null;
    return new window.Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: datasets.length > 1 || !!stacked, position: "bottom" } },
        scales: { x: { stacked: !!stacked, ticks: { autoSkip: true, maxRotation: 0 } },
                  y: { stacked: !!stacked, beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }

  function entityPage() {
    var data = embedded("entity-data");
    if (!data) return;
    var canvas = document.getElementById("timeline-chart");
    if (canvas && data.timeline.length) {
      window.newsgraphTimeline = barChart(canvas, data.timeline.map(function (d) { return d.day; }), [
        { label: "mentions", maxBarThickness: 48, data: data.timeline.map(function (d) { return d.mentions; }), backgroundColor: "#2456c7" }
      ]);
    }
    var box = document.getElementById("network");
    if (box && window.cytoscape && data.network.nodes.length) {
      var maxW = Math.max.apply(null, data.network.edges.map(function (e) { return e.weight; }).concat([1]));
      var elements = data.network.nodes.map(function (n) {
        return { data: { id: n.id, label: n.name, type: n.type, centre: n.id === data.id ? 1 : 0 } };
      }).concat(data.network.edges.map(function (e, i) {
        return { data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight } };
      }));
      window.newsgraphNetwork = window.cytoscape({
        container: box, elements: elements, wheelSensitivity: 0.3, minZoom: 0.2, maxZoom: 1.2,
        layout: { name: data.network.nodes.length > 2 ? "cose" : "circle", animate: false, randomize: false,
                  padding: 30, idealEdgeLength: function () { return 110; }, nodeRepulsion: function () { return 900000; },
                  nodeOverlap: 30, componentSpacing: 80 },
        style: [
          { selector: "node", style: { "label": "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
              "width": 18, "height": 18, "background-color": function (n) { return TYPE_COLOURS[n.data("type")] || TYPE_COLOURS.MISC; } } },
          { selector: "node[centre = 1]", style: { "width": 30, "height": 30, "font-weight": "bold", "border-width": 3, "border-color": "#1d2330" } },
          { selector: "edge", style: { "width": function (e) { return 1 + 5 * e.data("weight") / maxW; }, "line-color": "#b8c0cc", "opacity": 0.8 } }
        ]
      });
      window.newsgraphNetwork.on("tap", "node", function (evt) {
        var id = evt.target.id();
        if (id !== data.id) window.location.href = "/entities/" + encodeURIComponent(id);
      });
    }
  }

  function eventsPage() {
    var rows = embedded("events-data");
    var canvas = document.getElementById("events-chart");
    if (!rows || !canvas) return;
    var days = [], types = [];
    rows.forEach(function (r) {
      if (days.indexOf(r.day) < 0) days.push(r.day);
      if (types.indexOf(r.type || "?") < 0) types.push(r.type || "?");
    });
    days.sort();
    var datasets = types.map(function (t, i) {
      return { label: t, maxBarThickness: 48, backgroundColor: PALETTE[i % PALETTE.length], data: days.map(function (d) {
        var hit = rows.filter(function (r) { return r.day === d && (r.type || "?") === t; })[0];
        return hit ? hit.n : 0;
      }) };
    });
    window.newsgraphEvents = barChart(canvas, days, datasets, true);
  }

  function searchTimeline() {
    var box = document.getElementById("search-timeline");
    if (!box || !window.fetch) return;
    fetch(box.getAttribute("data-src"), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d || d.days.length < 2) { box.hidden = true; return; }
        barChart(document.getElementById("search-timeline-chart"), d.days.map(function (x) { return x.day; }),
          [{ label: "articles", maxBarThickness: 32, data: d.days.map(function (x) { return x.articles; }), backgroundColor: "#94a9dc" }]);
      })
      .catch(function () { box.hidden = true; });
  }

  function start() { entityPage(); eventsPage(); searchTimeline(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
