/**
 * The report page's own script: draws the embedded chart specs with uPlot (synced cursor and zoom,
 * limit lines, breach bands), and wires the small controls (reset zoom, wall-clock axis, table filters,
 * "show as table", save JSON, local times). It runs in the reader's browser, never in Node, so it is
 * kept as text; the browser tests in test/html-report-browser.test.ts are its type check.
 *
 * Plain ES2017 without template literals, so it can live in String.raw unchanged.
 */
export const reportClientScript: string = String.raw`(function () {
  'use strict';
  var doc = document;
  function byId(id) { return doc.getElementById(id); }
  function readJson(id) {
    var el = byId(id);
    return el ? JSON.parse(el.textContent || 'null') : null;
  }
  var model = readJson('fpt-charts') || { charts: [], startedAt: '' };
  var startedAtMs = Date.parse(model.startedAt) || 0;
  var css = getComputedStyle(doc.documentElement);
  function cssVar(name, fallback) { var v = css.getPropertyValue(name).trim(); return v || fallback; }
  var axisColor = cssVar('--muted', '#6b7280');
  var gridColor = cssVar('--grid', 'rgba(128,128,128,0.15)');
  var breachColor = cssVar('--breach', 'rgba(220,38,38,0.12)');
  var wallClock = false;

  function group(whole) { return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  function trim(v) {
    if (v === null || v === undefined || !isFinite(v)) return '–';
    if (v < 0) return '-' + trim(-v);
    if (v === 0) return '0';
    var r = Number(v.toPrecision(3));
    if (r >= 1000) return group(Math.round(v));
    return String(r);
  }
  function fmt(unit, v) {
    if (v === null || v === undefined) return '–';
    switch (unit) {
      case 'ms': return Math.abs(Number(v.toPrecision(3))) < 1000 ? trim(v) + ' ms' : trim(v / 1000) + ' s';
      case 'per-second': return trim(v) + '/s';
      case 'percent': return trim(v) + ' %';
      case 'vus': case 'count': return group(Math.round(v));
      default: return trim(v);
    }
  }
  // Counts (VUs) step in whole numbers: uPlot's default steps would label a 1-VU axis "0 0 0 1 1 1".
  var wholeIncrs = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 25000, 50000, 100000, 1000000];
  function incrsFor(unit) { return unit === 'vus' || unit === 'count' ? wholeIncrs : undefined; }
  function pad(n) { return n < 10 ? '0' + n : String(n); }
  // Tenths of a second only where ticks are closer than a second (a run of a few seconds).
  function tenths(sec, fine) { return fine ? '.' + Math.floor((sec * 10 + 1e-6) % 10) : ''; }
  function elapsed(sec, fine) {
    var total = Math.max(0, fine ? Math.floor(sec + 1e-6) : Math.round(sec));
    var h = Math.floor(total / 3600), m = Math.floor(total / 60) % 60, s = total % 60;
    return (h > 0 ? h + ':' + pad(m) + ':' + pad(s) : m + ':' + pad(s)) + tenths(sec, fine);
  }
  function clock(sec, fine) {
    var d = new Date(startedAtMs + Math.floor(sec * 1000));
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + (fine ? '.' + Math.floor(d.getMilliseconds() / 100) : '');
  }
  function xText(kind, v, fine) {
    if (kind === 'nines') return nines(v);
    return wallClock ? clock(v, fine) : elapsed(v, fine);
  }
  // Tick steps that read well on a clock: whole seconds and minutes, sub-second only for short runs.
  var clockIncrs = [0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
  function nines(v) {
    var p = 100 * (1 - Math.pow(10, -v));
    var digits = Math.max(0, Math.ceil(v) - 2);
    return p.toFixed(digits) + ' %';
  }
  function holds(op, v, limit) {
    switch (op) {
      case '<': return v < limit;
      case '<=': return v <= limit;
      case '>': return v > limit;
      case '>=': return v >= limit;
      case '==': return v === limit;
      default: return v !== limit;
    }
  }
  function alpha(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + ((n >> 16) & 255) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
  }

  // Red bands behind the intervals whose value did not satisfy a limit: where the run went wrong.
  function breachPlugin(spec) {
    return {
      hooks: {
        drawClear: [function (u) {
          if (spec.breaches.length === 0) return;
          var ctx = u.ctx, top = u.bbox.top, height = u.bbox.height, xs = u.data[0];
          ctx.save();
          ctx.fillStyle = breachColor;
          spec.breaches.forEach(function (b) {
            var values = u.data[b.series + 1];
            for (var i = 0; i < xs.length; i++) {
              var v = values[i];
              if (v === null || v === undefined || holds(b.op, v, b.value)) continue;
              var from = u.valToPos(i > 0 ? xs[i - 1] : xs[i], 'x', true);
              var to = u.valToPos(xs[i], 'x', true);
              ctx.fillRect(Math.min(from, to), top, Math.max(2, Math.abs(to - from)), height);
            }
          });
          ctx.restore();
        }],
      },
    };
  }

  var charts = [];
  var syncing = false;
  function syncZoom(source) {
    if (syncing) return;
    syncing = true;
    var min = source.scales.x.min, max = source.scales.x.max;
    charts.forEach(function (entry) {
      if (entry.plot !== source && entry.spec.xKind === 'elapsed') entry.plot.setScale('x', { min: min, max: max });
    });
    syncing = false;
  }
  function xLabel() { return wallClock ? 'time of day (your zone)' : 'time since start (m:ss)'; }
  function subSecond(spec) { return spec.x.length > 1 && spec.x[1] - spec.x[0] < 1; }
  function widthOf(el) { return Math.max(280, Math.floor(el.getBoundingClientRect().width)); }

  function draw(spec) {
    var host = byId(spec.id);
    if (!host) return;
    var series = [{ label: spec.xKind === 'nines' ? 'percentile' : 'time', value: function (u, v) { return v === null ? '–' : xText(spec.xKind, v, subSecond(spec)); } }];
    spec.series.forEach(function (s) {
      series.push({
        label: s.label,
        stroke: s.color,
        width: s.dash ? 1.5 : 2,
        dash: s.dash || undefined,
        fill: s.fill ? alpha(s.color, 0.22) : undefined,
        scale: s.axis === 'right' ? 'right' : 'y',
        // A sparse series (Web Vitals) is dotted and joined across its empty intervals; lone points would not show.
        spanGaps: Boolean(s.sparse),
        points: s.sparse ? { show: true, size: 6, fill: s.color } : { show: false },
        value: function (u, v) { return fmt(s.unit, v); },
      });
    });
    var axes = [
      {
        stroke: axisColor,
        grid: { stroke: gridColor, width: 1 },
        ticks: { stroke: gridColor, width: 1 },
        label: spec.xKind === 'nines' ? 'percentile' : xLabel(),
        // Room for "10:58:15" in wall-clock mode, so labels never run into each other.
        space: spec.xKind === 'nines' ? 40 : 80,
        labelSize: 20,
        values: function (u, splits, axisIdx, space, incr) {
          return splits.map(function (v) { return xText(spec.xKind, v, incr < 1); });
        },
        incrs: spec.xKind === 'elapsed' ? clockIncrs : undefined,
        splits: spec.xKind === 'nines'
          ? function (u) { var out = []; for (var k = 0; k <= Math.floor(u.scales.x.max + 1e-9); k++) out.push(k); return out; }
          : undefined,
      },
      {
        stroke: axisColor,
        grid: { stroke: gridColor, width: 1 },
        ticks: { stroke: gridColor, width: 1 },
        label: spec.left.label,
        labelSize: 20,
        size: 64,
        values: function (u, splits) { return splits.map(function (v) { return fmt(spec.left.unit, v); }); },
        incrs: incrsFor(spec.left.unit),
      },
    ];
    var scales = { x: { time: false }, y: { range: function (u, min, max) { return [Math.min(0, min), max > 0 ? max * 1.08 : 1]; } } };
    if (spec.right) {
      axes.push({
        scale: 'right',
        side: 1,
        stroke: axisColor,
        grid: { show: false },
        ticks: { stroke: gridColor, width: 1 },
        label: spec.right.label,
        labelSize: 20,
        size: 52,
        values: function (u, splits) { return splits.map(function (v) { return fmt(spec.right.unit, v); }); },
        incrs: incrsFor(spec.right.unit),
      });
      scales.right = { range: function (u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; } };
    }
    var entry = { spec: spec, host: host, plot: null };
    var opts = {
      width: widthOf(host),
      height: 260,
      series: series,
      axes: axes,
      scales: scales,
      legend: { live: true },
      cursor: spec.xKind === 'elapsed'
        ? { sync: { key: 'fpt', setSeries: false }, drag: { x: true, y: false } }
        : { drag: { x: true, y: false } },
      plugins: [breachPlugin(spec)],
      hooks: {
        setScale: [function (u, key) {
          if (key !== 'x') return;
          // The visible range, readable from outside (tests, printing) without reaching into uPlot.
          host.setAttribute('data-x-range', u.scales.x.min + '..' + u.scales.x.max);
          if (spec.xKind === 'elapsed') syncZoom(u);
        }],
      },
    };
    var data = [spec.x].concat(spec.series.map(function (s) { return s.values; }));
    entry.plot = new uPlot(opts, data, host);
    host.setAttribute('data-drawn', 'true');
    charts.push(entry);
  }

  function resetZoom() {
    charts.forEach(function (entry) {
      var xs = entry.spec.x;
      if (xs.length > 1) entry.plot.setScale('x', { min: xs[0], max: xs[xs.length - 1] });
    });
  }

  function tableOf(spec) {
    var head = '<tr><th>' + (spec.xKind === 'nines' ? 'percentile' : 'time') + '</th>' +
      spec.series.map(function (s) { return '<th>' + esc(s.label) + '</th>'; }).join('') + '</tr>';
    var rows = spec.x.map(function (x, i) {
      return '<tr><td>' + esc(xText(spec.xKind, x, subSecond(spec))) + '</td>' +
        spec.series.map(function (s) { return '<td class="num">' + esc(fmt(s.unit, s.values[i])) + '</td>'; }).join('') + '</tr>';
    });
    return '<div class="table-scroll"><table class="data"><thead>' + head + '</thead><tbody>' + rows.join('') + '</tbody></table></div>';
  }
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  model.charts.forEach(function (spec) {
    try { draw(spec); } catch (error) {
      var host = byId(spec.id);
      if (host) host.textContent = 'This chart could not be drawn: ' + (error && error.message ? error.message : String(error));
    }
  });

  doc.querySelectorAll('details[data-table-for]').forEach(function (details) {
    details.addEventListener('toggle', function () {
      if (!details.open || details.getAttribute('data-filled')) return;
      var id = details.getAttribute('data-table-for');
      var spec = model.charts.filter(function (c) { return c.id === id; })[0];
      if (!spec) return;
      var holder = doc.createElement('div');
      holder.innerHTML = tableOf(spec);
      details.appendChild(holder);
      details.setAttribute('data-filled', 'true');
    });
  });

  doc.querySelectorAll('[data-action="reset-zoom"]').forEach(function (b) { b.addEventListener('click', resetZoom); });
  doc.querySelectorAll('[data-action="print"]').forEach(function (b) { b.addEventListener('click', function () { window.print(); }); });
  doc.querySelectorAll('[data-action="wall-clock"]').forEach(function (box) {
    box.addEventListener('change', function () {
      wallClock = box.checked;
      charts.forEach(function (entry) {
        if (entry.spec.xKind === 'elapsed') entry.plot.axes[0].label = xLabel();
        entry.plot.redraw(false, true);
      });
    });
  });
  doc.querySelectorAll('[data-action="save-json"]').forEach(function (b) {
    b.addEventListener('click', function () {
      var el = byId('fpt-summary');
      if (!el) return;
      var blob = new Blob([JSON.stringify(JSON.parse(el.textContent || 'null'), null, 2) + '\n'], { type: 'application/json' });
      var link = doc.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = b.getAttribute('data-file') || 'summary.json';
      doc.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    });
  });

  // Failing-only and search filters of the request and check tables.
  doc.querySelectorAll('[data-filter-table]').forEach(function (control) {
    var table = byId(control.getAttribute('data-filter-table'));
    if (!table) return;
    function apply() {
      var failingOnly = false, query = '';
      doc.querySelectorAll('[data-filter-table="' + table.id + '"]').forEach(function (c) {
        if (c.type === 'checkbox') failingOnly = c.checked;
        else query = c.value.trim().toLowerCase();
      });
      table.querySelectorAll('tbody tr').forEach(function (row) {
        var text = (row.getAttribute('data-search') || '').toLowerCase();
        var hide = (failingOnly && row.getAttribute('data-failing') !== 'true') || (query && text.indexOf(query) === -1);
        row.hidden = Boolean(hide);
      });
    }
    control.addEventListener(control.type === 'checkbox' ? 'change' : 'input', apply);
    apply();
  });

  // Times are written in UTC; show them in the reader's zone with UTC in the tooltip.
  doc.querySelectorAll('time[data-local]').forEach(function (el) {
    var when = new Date(el.getAttribute('datetime'));
    if (isNaN(when.getTime())) return;
    el.title = el.textContent;
    el.textContent = when.getFullYear() + '-' + pad(when.getMonth() + 1) + '-' + pad(when.getDate()) + ' ' +
      pad(when.getHours()) + ':' + pad(when.getMinutes()) + ':' + pad(when.getSeconds()) + ' local';
  });

  window.addEventListener('beforeprint', function () {
    doc.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
  var resizeTimer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      charts.forEach(function (entry) { entry.plot.setSize({ width: widthOf(entry.host), height: 260 }); });
    }, 100);
  });
  doc.documentElement.setAttribute('data-report-ready', 'true');
})();
`;
