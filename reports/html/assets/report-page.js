// The report page's script: charts (Chart.js) and flamegraphs (d3-flame-graph), drawn
// from the JSON the C++ report generator embedded, and sortable tables. Everything
// it needs is inlined into the page: it works from disk, offline.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('tollgate-report-data').textContent);
  const state = { chartsRendered: 0, flame: null, flameIndex: 0, ready: false };
  window.tollgateReport = state;

  const PHASE_COLORS = { copy_in: '#4c72b0', call: '#dd8452', compute: '#55a868', serialize: '#c44e52', copy_out: '#8172b3' };
  const RUNTIME_COLORS = { native: '#55a868', node: '#4c72b0', chromium: '#dd8452' };


  function formatNs(ns) {
    if (ns == null || Number.isNaN(ns)) return '-';
    if (ns < 1e3) return ns.toFixed(ns < 10 ? 2 : 1) + ' ns';
    if (ns < 1e6) return (ns / 1e3).toFixed(ns < 1e4 ? 2 : 1) + ' µs';
    if (ns < 1e9) return (ns / 1e6).toFixed(ns < 1e7 ? 2 : 1) + ' ms';
    return (ns / 1e9).toFixed(2) + ' s';
  }

  function caseAt(path) {
    const [w, c] = path.split('/').map(Number);
    return data.workloads[w].cases[c];
  }

  const label = (e) => `${e.file} ${e.variant}`;

  function timeChart(canvas, kase) {
    const entries = kase.entries;
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: entries.map(label),
        datasets: [
          { label: `median per ${kase.item}`, data: entries.map((e) => e.per_item_ns),
            backgroundColor: entries.map((e) => RUNTIME_COLORS[e.runtime] || '#999') },
          { label: 'interquartile range', data: entries.map((e) => [e.p25_ns, e.p75_ns]),
            backgroundColor: 'rgba(31,35,40,0.25)', barPercentage: 0.25, grouped: false },
        ],
      },
      options: {
        indexAxis: 'y', animation: false, responsive: true, maintainAspectRatio: false,
        scales: { x: { beginAtZero: true, ticks: { callback: (v) => formatNs(v) } } },
        plugins: { tooltip: { callbacks: { label: (ctx) => Array.isArray(ctx.raw)
          ? `IQR ${formatNs(ctx.raw[0])} – ${formatNs(ctx.raw[1])}` : `${formatNs(ctx.raw)}` } } },
      },
    });
  }

  function phaseChart(canvas, kase) {
    const entries = kase.entries;
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: entries.map(label),
        datasets: Object.keys(PHASE_COLORS).map((phase) => ({
          label: phase, data: entries.map((e) => e.phases_ns[phase] || 0), backgroundColor: PHASE_COLORS[phase],
        })),
      },
      options: {
        indexAxis: 'y', animation: false, responsive: true, maintainAspectRatio: false,
        scales: { x: { stacked: true, ticks: { callback: (v) => formatNs(v) } }, y: { stacked: true } },
        plugins: { tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${formatNs(ctx.raw)}` } } },
      },
    });
  }

  function boundaryChart(canvas, kase) {
    const entries = kase.entries;
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: entries.map(label),
        datasets: [
          { label: `crossings per ${kase.item}`, data: entries.map((e) => e.crossings), backgroundColor: '#dd8452', xAxisID: 'x' },
          { label: `bytes in + out per ${kase.item}`, data: entries.map((e) => e.bytes_in + e.bytes_out), backgroundColor: '#4c72b0', xAxisID: 'x2' },
        ],
      },
      options: {
        indexAxis: 'y', animation: false, responsive: true, maintainAspectRatio: false,
        scales: { x: { beginAtZero: true, position: 'bottom' }, x2: { beginAtZero: true, position: 'top', grid: { drawOnChartArea: false } } },
      },
    });
  }

  const CHARTS = { time: timeChart, phases: phaseChart, boundary: boundaryChart };

  // Charts are drawn when they scroll into view: a report over many files opens fast.
  function drawChart(canvas) {
    if (canvas.dataset.drawn) return;
    canvas.dataset.drawn = '1';
    CHARTS[canvas.dataset.chart](canvas, caseAt(canvas.dataset.case));
    state.chartsRendered++;
  }
  const canvases = document.querySelectorAll('canvas[data-chart]');
  if ('IntersectionObserver' in window) {
    const observer = new IntersectionObserver((seen) => seen.forEach((s) => {
      if (s.isIntersecting) { drawChart(s.target); observer.unobserve(s.target); }
    }), { rootMargin: '200px' });
    canvases.forEach((c) => observer.observe(c));
  } else {
    canvases.forEach(drawChart);
  }
  state.drawAllCharts = () => canvases.forEach(drawChart);

  // Flamegraphs: one, or two side by side, chosen from lists; click to zoom, search
  // and reset apply to both. Frames tagged with their layer ("name [wasm]") take the
  // layer's colour, so the boundary shows; differential views colour by change.
  const CATEGORY_COLORS = {
    wasm: '#9ecae1', boundary: '#fd8d3c', glue: '#c7e9c0', binding: '#fdd0a2', js: '#dadaeb',
    runtime: '#d9d9d9', native: '#a1d99b', kernel: '#bdbdbd',
  };
  const categoryOf = (name) => (/ \[(\w+)\]$/.exec(name) || [])[1];
  const panes = [
    { box: document.getElementById('flamegraph'), select: document.getElementById('flame-select'), chart: null },
    { box: document.getElementById('flamegraph-b'), select: document.getElementById('flame-select-b'), chart: null },
  ];
  const search = document.getElementById('flame-search');

  function showFlame(pane, index) {
    if (!pane.box || !data.flamegraphs.length) return;
    pane.box.innerHTML = '';
    pane.chart = null;
    const second = panes[1];
    if (pane === second) {
      second.box.hidden = index < 0;
      second.box.parentElement.classList.toggle('two', index >= 0);
      if (panes[0].chart) showFlame(panes[0], Number(panes[0].select.value));  // re-fit to its new width
    }
    if (index < 0) return;
    const spec = data.flamegraphs[index];
    const make = flamegraph.default || flamegraph.flamegraph;  // the UMD build exports it as default
    const chart = make()
      .width(Math.max(300, pane.box.clientWidth - 4))
      .cellHeight(18)
      .transitionDuration(150)
      .minFrameSize(1)
      .selfValue(false)
      .setLabelHandler((d) => `${d.data.name}: ${spec.kind === 'cpu' ? d.data.value + ' samples or µs' : formatNs(d.data.value)}` +
        (d.data.delta != null ? ` (Δ ${d.data.delta > 0 ? '+' : ''}${d.data.delta})` : ''));
    chart.setColorMapper(spec.kind === 'differential'
      ? flamegraph.colorMapper.differentialColorMapper
      : (d, original) => (d.highlight ? original : CATEGORY_COLORS[categoryOf(d.data.name)] || original));
    d3.select(pane.box).datum(spec.root).call(chart);
    pane.chart = chart;
    if (search && search.value) chart.search(search.value);
    if (pane === panes[0]) state.flame = chart;
  }
  panes.forEach((pane) => pane.select && pane.select.addEventListener('change', () => showFlame(pane, Number(pane.select.value))));
  if (search) {
    search.addEventListener('input', () => panes.forEach((p) => p.chart && (search.value ? p.chart.search(search.value) : p.chart.clear())));
  }
  const reset = document.getElementById('flame-reset');
  if (reset) {
    reset.addEventListener('click', () => panes.forEach((p) => {
      if (!p.chart) return;
      p.chart.resetZoom();
      if (search) p.chart.clear();
    }));
    if (search) reset.addEventListener('click', () => { search.value = ''; });
  }
  state.showFlame = (pane, index) => showFlame(panes[pane], index);
  showFlame(panes[0], 0);

  // Sortable tables: numbers sort by their data-value, text by its content.
  document.querySelectorAll('table.sortable').forEach((table) => {
    table.querySelectorAll('th').forEach((th, column) => {
      th.classList.add('sortable');
      th.addEventListener('click', () => {
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        table.querySelectorAll('th').forEach((other) => other.removeAttribute('aria-sort'));
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const body = table.tBodies[0];
        const rows = [...body.rows];
        const key = (row) => {
          const cell = row.cells[column];
          const v = cell && cell.dataset.value;
          return v !== undefined && v !== '' ? Number(v) : (cell ? cell.textContent : '');
        };
        rows.sort((a, b) => {
          const x = key(a), y = key(b);
          const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
          return ascending ? order : -order;
        });
        rows.forEach((row) => body.appendChild(row));
      });
    });
  });

  state.ready = true;
  document.documentElement.dataset.ready = 'true';
})();
