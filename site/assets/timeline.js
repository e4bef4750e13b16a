/* timeline.html: a zoomable timeline in lanes. A classic script, no framework, no fetch: the data is
   the page's inline JSON, so it works from file:// and offline. Without it the page keeps its
   server-drawn axis and full list; this script only enhances. */
(function () {
  "use strict";
  var root = document.getElementById("tv"), dataEl = document.getElementById("tv-data");
  if (!root || !dataEl || !window.requestAnimationFrame) return;
  var D = JSON.parse(dataEl.textContent), T = D.t, EV = D.events;
  var NS = "http://www.w3.org/2000/svg", DAY = 1 / 365, MON = T.months || ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], DEEP = 10000;
  var AGO = T.ago || [[1e9, "{n} billion years ago"], [1e6, "{n} million years ago"]];
  var chart = root.querySelector(".tv-chart"), status = document.getElementById("tv-status");
  var lanesEl = root.querySelector(".tv-lanes"), select = document.getElementById("tv-facet");
  var reduced = window.matchMedia("(prefers-reduced-motion: reduce)");
  var phone = window.matchMedia("(max-width: 40rem)");
  var S = { facet: D.facet, hidden: {}, lo: 0, hi: 1, hot: -1 };
  var full = extent(), svg, lanes, byLane, pending = 0, announceTimer = 0, anim = 0, idle = 0, drawn = null;

  /* ---- data ---- */
  function endOf(e) { return e.e === undefined ? e.s : (e.e === null ? Infinity : e.e); }
  function extent() {
    var lo = Infinity, hi = -Infinity;
    EV.forEach(function (e) { lo = Math.min(lo, e.s); hi = Math.max(hi, isFinite(endOf(e)) ? endOf(e) : e.s); });
    if (!EV.length) { lo = 2000; hi = 2001; }
    var span = Math.max(hi - lo, 1), pad = span * 0.03;
    if (!EV.length) return [lo - pad, hi + pad];
    // An edge run the padding would dwarf gets half a year: 13.8 billion years ago to 2019, not to AD 414 million.
    var runs = refine(merge(EV.map(function (e) { return [e.s, isFinite(endOf(e)) ? endOf(e) : e.s]; }), span * 0.3), pad, 99);
    function edge(r) { return pad <= r.hi - r.lo ? pad : Math.min(pad, 0.5); }
    return [lo - edge(runs[0]), hi + edge(runs[runs.length - 1])];
  }
  function buildLanes() {
    lanes = D.facets[S.facet];
    byLane = lanes.map(function () { return []; });
    EV.forEach(function (e, i) { e.l[S.facet].forEach(function (n) { byLane[n].push(i); }); });
  }
  function visibleLanes() {
    var hid = S.hidden[S.facet] || {};
    return lanes.map(function (l, n) { return n; }).filter(function (n) { return !hid[lanes[n].id]; });
  }

  /* ---- scale and ticks ---- */
  function geometry() {
    var w = chart.clientWidth || 600, vert = phone.matches, vis = visibleLanes();
    var laneW = vert ? Math.max(6, Math.min(22, (w - 230) / Math.max(vis.length, 1))) : 0;
    var g = { vert: vert, w: w, vis: vis, laneW: laneW, axis: vert ? 58 : 28, laneH: 46 };
    g.h = vert ? Math.max(420, Math.round(window.innerHeight * 0.72)) : g.axis + vis.length * g.laneH + 8;
    g.len = (vert ? g.h : g.w) - (vert ? 24 : 16);
    g.segs = segments(g.len);
    g.pos = function (t) {
      for (var k = 0; k < g.segs.length - 1 && t > g.segs[k].hi; k++);
      var z = g.segs[k];
      return 8 + z.p0 + (t - z.lo) / (z.hi - z.lo) * (z.p1 - z.p0);
    };
    g.time = function (p) {
      for (var k = 0; k < g.segs.length - 1 && p - 8 > g.segs[k].p1; k++);
      var z = g.segs[k];
      return z.lo + (p - 8 - z.p0) / (z.p1 - z.p0) * (z.hi - z.lo);
    };
    return g;
  }
  /* Focus + context: a stretch of the view with no event, longer than 30 % of it, shrinks to a
     34 px break, so clusters decades apart each get room. Zooming in makes the gaps shorter than
     the threshold, and the axis is plainly proportional again. */
  function segments(len) {
    var lo = S.lo, hi = S.hi, span = hi - lo, min = Math.max(span * 0.3, span / len * 34 * 3), spans = [];
    for (var i = 0; i < EV.length; i++) {
      var a = Math.max(EV[i].s, lo), b = Math.min(endOf(EV[i]), hi);
      if (b >= lo && a <= hi) spans.push([a, b]);
    }
    if (!spans.length) return [{ lo: lo, hi: hi, p0: 0, p1: len }];
    var pad = span * 0.02, runs = refine(merge(spans, min), pad, Math.floor(len / 102)), parts = [];
    runs.forEach(function (r, k) {
      var p = runPad(runs, k, pad), from = k ? r.lo - p : (r.lo - lo <= min ? lo : r.lo - p);
      var to = k < runs.length - 1 ? r.hi + p : (hi - r.hi <= min ? hi : r.hi + p);
      if (!k && from > lo) parts.push({ lo: lo, hi: from, gap: 1 });
      else if (k) parts.push({ lo: parts[parts.length - 1].hi, hi: from, gap: 1 });
      parts.push({ lo: from, hi: to, n: r.s.length });
      if (k === runs.length - 1 && to < hi) parts.push({ lo: to, hi: hi, gap: 1 });
    });
    var gaps = parts.filter(function (z) { return z.gap; }).length, total = 0;
    parts.forEach(function (z) { if (!z.gap) total += z.hi - z.lo; });
    // A stretch's room: half by its length in time, half by its number of events, so a crowded
    // cluster (2018-19) is not squeezed by a sparse one of the same length.
    var floor = 0.2 * total / (parts.length - gaps), weights = 0, count = 0, at = 0;
    parts.forEach(function (z) { if (!z.gap) { weights += Math.max(z.hi - z.lo, floor); count += z.n; } });
    parts.forEach(function (z) {
      var w = z.gap ? 34 : (len - 34 * gaps) * (Math.max(z.hi - z.lo, floor) / weights + z.n / count) / 2;
      z.p0 = at; z.p1 = at += w;
    });
    return parts;
  }
  /* Spans (in time order) merged into runs separated by more than `gap` years of nothing. */
  function merge(spans, gap) {
    var runs = [];
    spans.forEach(function (s) {
      var r = runs[runs.length - 1];
      if (r && s[0] - r.hi <= gap) { r.hi = Math.max(r.hi, s[1]); r.s.push(s); } else runs.push({ lo: s[0], hi: s[1], s: [s] });
    });
    return runs;
  }
  /* A run's padding: the view's, unless that dwarfs the run (a lone event 13.8 billion years ago),
     and never more than a third of the gap to a neighbour. As axis_scale._pads. */
  function runPad(runs, k, pad) {
    var r = runs[k], n = r.hi - r.lo, p = pad <= n ? pad : Math.max(n * 0.02, Math.min(pad, 0.5));
    if (k) p = Math.min(p, (r.lo - runs[k - 1].hi) / 3);
    return k < runs.length - 1 ? Math.min(p, (runs[k + 1].lo - r.hi) / 3) : p;
  }
  /* Deep time: beside 13.8 billion years, 44 BC to 1958 is nothing, yet a reader needs them apart.
     A run whose events more than two years apart would nearly touch (under 3 % of the axis at its
     share of it) is split again by its own long gaps, up to `most` runs. As axis_scale._refine. */
  function refine(runs, pad, most) {
    for (var pass = 0; pass < 8 && runs.length < most; pass++) {
      var lens = runs.map(function (r, k) { return r.hi - r.lo + 2 * runPad(runs, k, pad); }), sum = 0, weights = 0;
      lens.forEach(function (n) { sum += n; });
      lens = lens.map(function (n) { return Math.max(n, 0.2 * sum / lens.length); });
      lens.forEach(function (n) { weights += n; });
      var split = -1, parts;
      for (var k = 0; k < runs.length && split < 0; k++) {
        var r = runs[k], axis = (r.hi - r.lo) * weights / lens[k], bits = merge(r.s, 2);
        for (var j = 1; j < bits.length; j++) {
          if ((bits[j].lo - bits[j - 1].hi) / axis < 0.03) {
            parts = merge(r.s, Math.max((r.hi - r.lo) * 0.3, 2));
            if (parts.length > 1) split = k;
            break;
          }
        }
      }
      if (split < 0) break;
      runs = runs.slice(0, split).concat(parts, runs.slice(split + 1));
    }
    return runs;
  }
  var STEPS = [1000, 500, 200, 100, 50, 20, 10, 5, 2, 1, 6 / 12, 3 / 12, 1 / 12, 7 * DAY, DAY];
  function ticks(lo, hi, len, vert) {
    var span = hi - lo, room = vert ? 44 : 86, step = STEPS[0], out = [];
    for (var k = 0; k < STEPS.length; k++) if (len / (span / STEPS[k]) >= room) step = STEPS[k];
    while (len / (span / step) < room) step *= 10;
    if (step >= 1 || lo < -DEEP) {  // no months before 10,000 BC: they mean nothing there
      step = Math.max(step, 1);
      // BC ticks on round BC years (t = 1 - k * step), AD ticks on round AD years; AD 1 fills the hole at 0.
      for (var k = Math.max(1, Math.ceil((1 - Math.min(hi, 0)) / step)), y; (y = 1 - k * step) >= lo && out.length < 1e4; k++) out.unshift([y, yearText(y)]);
      if (out.length && hi >= 1 && step >= 5) out.push([1, yearText(1)]);
      for (k = Math.max(1, Math.ceil(lo / step)); k * step <= hi && out.length < 1e4; k++) out.push([k * step, yearText(k * step)]);
      // A year or two of deep time has ticks that all read '13.8 billion years ago': say it once.
      return out.filter(function (tk, n) { return !n || out[n - 1][1] !== tk[1]; });
    } else if (step >= 1 / 12) {
      var m = Math.round(step * 12);
      for (var n = Math.ceil(lo * 12 / m) * m; n / 12 <= hi; n += m) {
        var yr = Math.floor(n / 12), mo = n - yr * 12;
        out.push([yr + mo / 12, mo ? (out.length ? MON[mo] : ym(MON[mo], yr)) : yearText(yr)]);
      }
    } else {
      var every = step > DAY ? 7 : 1, yy = Math.floor(lo), mm = Math.floor((lo - yy) * 12);
      for (var guard = 0; guard < 400; guard++) {
        for (var d = 1; d <= 31; d += every) {
          var t = yy + mm / 12 + (d - 1) / 365;
          if (d > daysIn(yy, mm) || t < lo) continue;
          if (t > hi) return out;
          out.push([t, d === 1 || !out.length ? ym(dm(d, mm), yy) : dm(d, mm)]);
        }
        if (++mm === 12) { mm = 0; yy++; }
      }
    }
    return out;
  }
  function daysIn(y, m) { return [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m]; }
  /* '1958', '44 BC', and a million years or more ago as time ago, to three decimals: '13.8 billion
     years ago' (as axis_scale.year_label; the page's table may count in other units: '138억 년 전'). */
  function yearText(y) {
    y = Math.round(y);
    var n = y > 0 ? y : 1 - y, s = n >= 10000 ? n.toLocaleString("en") : String(n);
    if (y <= 0 && n >= 1e6) for (var k = 0; k < AGO.length; k++) {
      if (n >= AGO[k][0]) return AGO[k][1].replace("{n}", (Math.round(n / AGO[k][0] * 1000) / 1000).toLocaleString("en"));
    }
    return y > 0 ? s : (T.bc || "{y} BC").replace("{y}", s);
  }
  /* A month or day with its year, and a day of a month, in the page's language ('28 Nov 1958'). */
  function ym(m, y) { return (T.ym || "{m} {y}").replace("{m}", m).replace("{y}", yearText(y)); }
  function dm(d, m) { return (T.dm || "{d} {m}").replace("{d}", d).replace("{m}", MON[m]); }

  /* ---- drawing ---- */
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
  function schedule() { if (!pending) pending = requestAnimationFrame(function () { pending = 0; render(); }); }
  /* A pan at the same zoom slides the drawn layer (it holds half a view more on each side) and
     redraws once the view rests: rebuilding thousands of nodes every frame would not keep 60 fps. */
  function render() {
    var d = drawn, span = S.hi - S.lo;
    if (d && d.linear && d.vert === phone.matches && Math.abs(span - (d.hi - d.lo)) < span * 1e-9) {
      var shift = (S.lo - d.lo) / span * d.len;
      if (Math.abs(shift) < d.len * 0.45) {
        svg.querySelector(".tv-layer").setAttribute("transform", d.vert ? "translate(0 " + (-shift).toFixed(1) + ")" : "translate(" + (-shift).toFixed(1) + " 0)");
        clearTimeout(idle); idle = setTimeout(draw, 150); announce();
        return;
      }
    }
    draw();
  }
  function draw() {
    var g = geometry(), parts = [], items = [], seen = {}, fixed = [];
    if (!svg) return;
    clearTimeout(idle);
    drawn = { lo: S.lo, hi: S.hi, len: g.len, vert: g.vert, linear: g.segs.length === 1 };
    svg.setAttribute("viewBox", "0 0 " + g.w + " " + g.h);
    svg.setAttribute("width", g.w); svg.setAttribute("height", g.h);
    parts.push(drawEras(g), drawTicks(g));
    g.vis.forEach(function (n, row) { collect(g, n, row, items); });
    items.sort(function (a, b) { return a.t - b.t || a.row - b.row; });
    var labels = g.vert ? verticalLabels(g, items) : "";
    var edge = g.vert ? g.h : g.w;
    items.forEach(function (it) {
      if (it.t === -Infinity) return fixed.push(it.html);
      // Marks drawn beyond the edges (for sliding) stay out of the tab order until they are in view.
      var away = it.b < 0 || it.a > edge, dup = it.i >= 0 && seen[it.i];
      if (it.i >= 0 && !away) seen[it.i] = 1;
      parts.push(it.html.replace("%TAB%", dup || away ? ' tabindex="-1"' : ""));
    });
    var focused = document.activeElement && chart.contains(document.activeElement) ? document.activeElement.getAttribute("data-key") : null;
    svg.innerHTML = '<g class="tv-layer">' + parts.join("") + labels + "</g>" + fixed.join("");
    if (focused) { var again = svg.querySelector('[data-key="' + focused + '"]'); if (again) again.focus(); }
    if (S.hot >= 0) hot(S.hot, true);
    announce();
  }
  function drawTicks(g) {
    var out = [], all = [];
    g.segs.forEach(function (z) {
      if (z.gap) {
        var m = 8 + (z.p0 + z.p1) / 2;
        out.push(g.vert ? '<path class="tv-break" d="M' + (g.axis - 30) + " " + (m - 4) + "l12 -5M" + (g.axis - 30) + " " + (m + 3) + 'l12 -5"/>'
          : '<path class="tv-break" d="M' + (m - 6) + " 22l5 -12M" + (m + 1) + ' 22l5 -12"/>');
      } else if (g.segs.length === 1) {  // a plain axis: ticks for the slide margin too
        var sp = z.hi - z.lo;
        all = ticks(z.lo - sp / 2, z.hi + sp / 2, (z.p1 - z.p0) * 2, g.vert);
      } else all = all.concat(ticks(z.lo, z.hi, z.p1 - z.p0, g.vert));
    });
    all.forEach(function (tk) {
      var p = g.pos(tk[0]);
      if (g.vert) out.push('<path class="tv-grid" d="M' + g.axis + " " + p.toFixed(1) + "H" + g.w + '"/><text class="tv-tick" x="' + (g.axis - 6) + '" y="' + (p + 4).toFixed(1) + '" text-anchor="end">' + esc(tk[1]) + "</text>");
      else out.push('<path class="tv-grid" d="M' + p.toFixed(1) + " " + (g.axis - 6) + "V" + g.h + '"/><text class="tv-tick" x="' + (p + 3).toFixed(1) + '" y="14">' + esc(tk[1]) + "</text>");
    });
    return out.join("");
  }
  function drawEras(g) {
    return D.eras.map(function (era, n) {
      var a = Math.max(g.pos(era.s), 0), b = Math.min(g.pos(era.e), g.vert ? g.h : g.w);
      if (b <= a) return "";
      var box = g.vert ? 'x="' + g.axis + '" y="' + a.toFixed(1) + '" width="' + (g.w - g.axis) + '" height="' + (b - a).toFixed(1) + '"'
        : 'x="' + a.toFixed(1) + '" y="' + g.axis + '" width="' + (b - a).toFixed(1) + '" height="' + (g.h - g.axis) + '"';
      return '<g class="tv-era tv-era-' + (n % 2) + '"><title>' + esc(era.name) + "</title><rect " + box + "/></g>";
    }).join("");
  }
  /* One lane: events in view, gathered into a cluster where three or more share a few pixels. */
  function collect(g, lane, row, items) {
    var list = byLane[lane], cross = g.vert ? g.axis + 8 + row * g.laneW + g.laneW / 2 : g.axis + row * g.laneH + 30;
    var edge = g.vert ? g.h : g.w, group = [], colour = "tv-c" + (lane % 8);
    if (!g.vert) items.push({ t: -Infinity, row: row, i: -1, html: '<text class="tv-lane" x="4" y="' + (cross - 16) + '">' + esc(lanes[lane].name) + "</text>" });
    var mine = [];
    function flush() {
      if (!group.length) return;
      if (group.length >= 3) mine.push(cluster(g, group, cross, colour, row));
      else group.forEach(function (i) { mine.push(mark(g, i, cross, colour, row, lane)); });
      group = [];
    }
    for (var k = 0; k < list.length; k++) {
      var e = EV[list[k]], a = g.pos(e.s), b = g.pos(Math.min(endOf(e), S.hi + 1e9));
      if (b < -edge / 2 || a > edge * 1.5) continue;
      if (group.length && a - g.pos(EV[group[0]].s) > 12) flush();
      group.push(list[k]);
    }
    flush();
    if (!g.vert) laneLabels(g, mine, cross);
    Array.prototype.push.apply(items, mine);
  }
  /* Each label goes right of its mark, up to the next mark; when it does not fit there but fits whole
     on the left (clear of the mark before, so it cannot be read as that mark's), it goes left. Outside
     the link and hidden from assistive technology: the link's name already says it in full. */
  function laneLabels(g, mine, cross) {
    var free = 0;  // where the lane is free from, left to right
    mine.forEach(function (it, j) {
      if (it.i < 0) { free = it.b; return; }
      var text = EV[it.i].t, right = (j + 1 < mine.length ? mine[j + 1].a : g.w) - it.b - 10, left = it.a - free - (free ? 24 : 4);
      var before = text.length * 6.2 > right && text.length * 6.2 <= left, fit = Math.floor((before ? left : right) / 6.2);
      free = it.b;
      if (fit < 8) return;
      var x = before ? it.a - 6 : it.b + 6, shown = text.length > fit ? text.slice(0, fit - 1) + "…" : text;
      if (!before) free = x + shown.length * 6.2;
      it.html += '<text class="tv-label" aria-hidden="true" data-i="' + it.i + '" x="' + x.toFixed(1) + '" y="' + (cross + 4) + '"' +
        (before ? ' text-anchor="end"' : "") + ">" + esc(shown) + "</text>";
    });
  }
  function mark(g, i, cross, colour, row, lane) {
    var e = EV[i], a = g.pos(e.s), end = endOf(e), open = !isFinite(end), edge = g.vert ? g.h : g.w;
    var b = open ? edge : Math.max(g.pos(end), a + (e.k === "p" ? 0 : 4)), cls = "tv-mark " + colour + (e.f ? " is-fuzzy" : "") + (open ? " is-open" : "") + (e.k === "i" ? " is-imprecise" : "");
    var shape;
    if (e.k === "p" || b - a < 3) shape = g.vert ? '<circle cx="' + cross + '" cy="' + a.toFixed(1) + '" r="6"/>' : '<circle cx="' + a.toFixed(1) + '" cy="' + cross + '" r="6"/>';
    else shape = g.vert ? '<rect x="' + (cross - 5) + '" y="' + a.toFixed(1) + '" width="10" height="' + (b - a).toFixed(1) + '" rx="3"/>'
      : '<rect x="' + a.toFixed(1) + '" y="' + (cross - 5) + '" width="' + (b - a).toFixed(1) + '" height="10" rx="3"/>';
    var name = e.a + ": " + e.t;
    return { t: e.s, row: row, i: i, lane: lane, a: a, b: Math.min(b, edge), c: cross,
      html: '<a class="' + cls + '" href="' + esc(e.h) + '" data-i="' + i + '" data-key="m' + i + "-" + lane + '" aria-label="' + esc(name) + '"%TAB%>' + shape + "</a>" };
  }
  function cluster(g, group, cross, colour, row) {
    var first = EV[group[0]], last = EV[group[group.length - 1]], a = g.pos(first.s), r = Math.min(14, 7 + Math.sqrt(group.length) * 1.5);
    var label = T.events_n.replace("{n}", group.length) + ", " + first.w + " – " + last.w + ": " + T.zoom_in;
    var x = g.vert ? cross : a + r - 6, y = g.vert ? a + r - 6 : cross;
    return { t: first.s, row: row, i: -1, a: a, b: a + 2 * r, html: '<a class="tv-cluster ' + colour + '" href="#" role="button" data-zoom="' + first.s + "," + endOf(last) +
      '" data-key="c' + group[0] + "-" + row + '" aria-label="' + esc(label) + '"><title>' + esc(label) + '</title><circle cx="' + x.toFixed(1) + '" cy="' + y.toFixed(1) + '" r="' + r.toFixed(1) +
      '"/><text x="' + x.toFixed(1) + '" y="' + (y + 4).toFixed(1) + '" text-anchor="middle">' + group.length + "</text></a>" };
  }
  /* Phones: names in a column right of the lanes, wrapped to its width (three lines at most), each
     joined to its mark by a leader. Labels are taken in mark order (top to bottom, the rightmost
     lane first at a tie) and stacked as near their marks as the column allows; two leaders that
     would still cross trade places, so the eye can follow every one. */
  var LINE = 14, measure = null;
  function verticalLabels(g, items) {
    var x = g.axis + 8 + g.vis.length * g.laneW + 12, named = {}, list = [];
    items.forEach(function (it) {
      if (it.i < 0 || it.a < 0 || it.a > g.h || named[it.i]) return;
      named[it.i] = 1;
      var lines = wrap(EV[it.i].t, g.w - x - 6, 3);
      list.push({ it: it, lines: lines, h: lines.length * LINE + 4, sx: it.c + 6, sy: it.a });
    });
    list.sort(function (p, q) { return p.sy - q.sy || q.sx - p.sx; });
    for (var guard = 0; guard < 60; guard++) {
      stack(list, 2, g.h - 2);
      if (!uncross(list, x - 4)) break;
    }
    return list.map(function (l) {
      if (l.top + l.h > g.h) return "";
      var spans = l.lines.map(function (line, k) {
        return '<tspan x="' + x + '" y="' + (l.top + 11 + k * LINE).toFixed(1) + '">' + esc(line) + "</tspan>";
      });
      return '<path class="tv-leader" d="M' + l.sx + " " + l.sy.toFixed(1) + "L" + (x - 4) + " " + l.ty.toFixed(1) + '"/><text class="tv-label" aria-hidden="true" data-i="' + l.it.i + '">' + spans.join("") + "</text>";
    }).join("");
  }
  /* Greedy word wrap by measured width; the last allowed line ends in an ellipsis if text remains. */
  function wrap(text, width, most) {
    if (!measure) { measure = document.createElement("canvas").getContext("2d"); measure.font = "12px " + getComputedStyle(svg).fontFamily; }
    var words = text.split(" "), lines = [], line = "";
    for (var k = 0; k < words.length; k++) {
      var next = line ? line + " " + words[k] : words[k];
      if (!line || measure.measureText(next).width <= width) { line = next; continue; }
      if (lines.length === most - 1) { line = next; break; }
      lines.push(line); line = words[k];
    }
    if (k < words.length - 1 || measure.measureText(line).width > width) {
      while (line.length > 1 && measure.measureText(line + "…").width > width) line = line.slice(0, -1);
      line = line.replace(/\s+$/, "") + "…";
    }
    lines.push(line);
    return lines;
  }
  /* Stack labels in order: each run of touching labels centres on its marks, within [top, bottom]. */
  function stack(list, top, bottom) {
    var blocks = [];
    list.forEach(function (l) {
      var b = { ls: [l], h: l.h, sum: l.sy - 7, n: 1 };
      for (;;) {
        b.top = Math.max(top, Math.min(b.sum / b.n, bottom - b.h));
        var p = blocks[blocks.length - 1];
        if (!p || p.top + p.h <= b.top) break;
        blocks.pop();
        b = { ls: p.ls.concat(b.ls), h: p.h + b.h, sum: p.sum + b.sum - b.n * p.h, n: p.n + b.n };
      }
      blocks.push(b);
    });
    blocks.forEach(function (b) {
      var at = b.top;
      b.ls.forEach(function (l) { l.top = at; l.ty = at + 7; at += l.h; });
    });
  }
  /* Swap the first two labels whose leaders cross; false when none do. */
  function uncross(list, tx) {
    for (var i = 0; i < list.length; i++) for (var j = i + 1; j < list.length; j++) {
      var p = list[i], q = list[j];
      if (crosses(p.sx, p.sy, tx, p.ty, q.sx, q.sy, tx, q.ty)) { list[i] = q; list[j] = p; return true; }
    }
    return false;
  }
  function crosses(ax, ay, bx, by, cx, cy, dx, dy) {
    function side(px, py, qx, qy, rx, ry) { return (qx - px) * (ry - py) - (qy - py) * (rx - px); }
    return side(ax, ay, bx, by, cx, cy) * side(ax, ay, bx, by, dx, dy) < 0 && side(cx, cy, dx, dy, ax, ay) * side(cx, cy, dx, dy, bx, by) < 0;
  }

  /* ---- view changes ---- */
  function setView(lo, hi, animate) {
    var span = Math.min(Math.max(hi - lo, 2 * DAY), Math.max((full[1] - full[0]) * 1.5, 3000));
    var mid = (lo + hi) / 2, nlo = mid - span / 2, nhi = mid + span / 2;
    cancelAnimationFrame(anim);
    if (!animate || reduced.matches) { S.lo = nlo; S.hi = nhi; schedule(); return; }
    var flo = S.lo, fhi = S.hi, t0 = performance.now();
    (function step(now) {
      var k = Math.min(1, (now - t0) / 220), q = 1 - Math.pow(1 - k, 3);
      S.lo = flo + (nlo - flo) * q; S.hi = fhi + (nhi - fhi) * q; draw();
      if (k < 1) anim = requestAnimationFrame(step);
    })(t0);
  }
  function zoom(factor, at, animate) {
    var t = at === undefined ? (S.lo + S.hi) / 2 : at;
    setView(t - (t - S.lo) * factor, t + (S.hi - t) * factor, animate);
  }
  function pan(fraction) { var d = (S.hi - S.lo) * fraction; setView(S.lo + d, S.hi + d, false); }
  function announce() {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(function () {
      var n = 0, hid = S.hidden[S.facet] || {};
      EV.forEach(function (e) {
        if (e.s <= S.hi && endOf(e) >= S.lo && e.l[S.facet].some(function (k) { return !hid[lanes[k].id]; })) n++;
      });
      status.textContent = T.showing.replace("{from}", when(S.lo)).replace("{to}", when(S.hi)) + " · " + T.events_n.replace("{n}", n);
    }, 250);
  }
  function when(t) {
    var span = S.hi - S.lo, y = Math.floor(t), m = Math.floor((t - y) * 12);
    if (span > 3 || t < -DEEP) return yearText(y);
    if (span > 0.25) return ym(MON[Math.min(m, 11)], y);
    return ym(dm(Math.max(1, Math.floor((t - y - m / 12) * 365) + 1), Math.min(m, 11)), y);
  }
  function hot(i, on) {
    Array.prototype.forEach.call(root.querySelectorAll('[data-i="' + i + '"]'), function (el) { el.classList.toggle("is-hot", on); });
  }

  /* ---- controls ---- */
  function fillLanes() {
    var hid = S.hidden[S.facet] || (S.hidden[S.facet] = {});
    lanesEl.innerHTML = lanes.map(function (l, n) {
      return '<li><label><input type="checkbox" value="' + esc(l.id) + '"' + (hid[l.id] ? "" : " checked") + '> <span class="tv-chip tv-c' + (n % 8) + '"></span> ' + esc(l.name) + "</label></li>";
    }).join("");
  }
  function onControls() {
    select.addEventListener("change", function () { S.facet = select.value; buildLanes(); fillLanes(); drawn = null; schedule(); });
    lanesEl.addEventListener("change", function (ev) {
      S.hidden[S.facet][ev.target.value] = !ev.target.checked; drawn = null; schedule();
    });
    root.querySelector(".tv-all").addEventListener("click", function () { S.hidden[S.facet] = {}; fillLanes(); drawn = null; schedule(); });
    root.querySelector(".tv-none").addEventListener("click", function () {
      var h = S.hidden[S.facet] = {}; lanes.forEach(function (l) { h[l.id] = true; }); fillLanes(); drawn = null; schedule();
    });
    root.querySelector(".tv-zoom").addEventListener("click", function (ev) {
      var act = ev.target.closest("button") && ev.target.closest("button").getAttribute("data-act");
      if (act === "in") zoom(0.5, undefined, true); else if (act === "out") zoom(2, undefined, true);
      else if (act === "earlier") pan(-0.4); else if (act === "later") pan(0.4);
      else if (act === "reset") setView(full[0], full[1], true);
    });
  }
  function onChart() {
    var pointers = {}, startDist = 0;
    chart.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var g = geometry(), r = svg.getBoundingClientRect(), p = g.vert ? ev.clientY - r.top : ev.clientX - r.left;
      if (Math.abs(ev.deltaX) > Math.abs(ev.deltaY) && !g.vert) return pan(ev.deltaX / g.len);
      zoom(Math.exp(ev.deltaY * 0.0015), g.time(p), false);
    }, { passive: false });
    chart.addEventListener("pointerdown", function (ev) {
      if (ev.target.closest("a")) return;
      pointers[ev.pointerId] = ev; chart.setPointerCapture(ev.pointerId);
      var ids = Object.keys(pointers);
      if (ids.length === 2) startDist = dist(pointers[ids[0]], pointers[ids[1]]);
    });
    chart.addEventListener("pointermove", function (ev) {
      var prev = pointers[ev.pointerId]; if (!prev) return;
      var g = geometry(), ids = Object.keys(pointers);
      pointers[ev.pointerId] = ev;
      if (ids.length === 2) {
        var d = dist(pointers[ids[0]], pointers[ids[1]]), r = svg.getBoundingClientRect();
        var mid = g.vert ? (pointers[ids[0]].clientY + pointers[ids[1]].clientY) / 2 - r.top : (pointers[ids[0]].clientX + pointers[ids[1]].clientX) / 2 - r.left;
        if (startDist > 0 && d > 0) zoom(startDist / d, g.time(mid), false);
        startDist = d; return;
      }
      var moved = g.vert ? ev.clientY - prev.clientY : ev.clientX - prev.clientX;
      pan(-moved / g.len);
    });
    function up(ev) { delete pointers[ev.pointerId]; startDist = 0; }
    chart.addEventListener("pointerup", up); chart.addEventListener("pointercancel", up);
    chart.addEventListener("keydown", function (ev) {
      var vert = phone.matches, k = ev.key;
      if (k === "+" || k === "=") zoom(0.5, undefined, true);
      else if (k === "-" || k === "_") zoom(2, undefined, true);
      else if (k === (vert ? "ArrowUp" : "ArrowLeft")) pan(-0.2);
      else if (k === (vert ? "ArrowDown" : "ArrowRight")) pan(0.2);
      else if (k === "0") setView(full[0], full[1], true);
      else return;
      ev.preventDefault();
    });
    chart.addEventListener("click", function (ev) {
      var c = ev.target.closest(".tv-cluster"); if (!c) return;
      ev.preventDefault();
      var z = c.getAttribute("data-zoom").split(",").map(Number), pad = Math.max((z[1] - z[0]) * 0.2, 2 * DAY);
      setView(z[0] - pad, (isFinite(z[1]) ? z[1] : z[0] + 1) + pad, true);
    });
  }
  function dist(a, b) { return Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY); }
  function onLinked() {
    ["mouseover", "focusin"].forEach(function (type) {
      root.addEventListener(type, function (ev) {
        var el = ev.target.closest && ev.target.closest("[data-i]"); if (!el) return;
        if (S.hot >= 0) hot(S.hot, false);
        S.hot = +el.getAttribute("data-i"); hot(S.hot, true);
      });
    });
    ["mouseout", "focusout"].forEach(function (type) {
      root.addEventListener(type, function (ev) {
        var el = ev.target.closest && ev.target.closest("[data-i]"); if (!el || S.hot < 0) return;
        hot(S.hot, false); S.hot = -1;
      });
    });
  }

  /* ---- start ---- */
  buildLanes();
  fillLanes();
  if (phone.matches) root.querySelector(".tv-filter").open = false;  // the chart first on a small screen
  root.querySelector(".tv-controls").hidden = false;
  chart.hidden = false;
  root.classList.add("tv-live");
  svg = document.createElementNS(NS, "svg");
  svg.setAttribute("class", "tv-svg");
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", T.chart);
  chart.appendChild(svg);
  S.lo = full[0]; S.hi = full[1];
  onControls(); onChart(); onLinked();
  window.addEventListener("resize", function () { drawn = null; schedule(); });
  phone.addEventListener && phone.addEventListener("change", schedule);
  draw();
  // For tests and the benchmark: the view's time range, and a way to set it.
  window.timelineView = { range: function () { return [S.lo, S.hi]; }, set: function (lo, hi) { setView(lo, hi, false); cancelAnimationFrame(pending); pending = 0; render(); },
    draw: function () { draw(); },
    facet: function () { return S.facet; } };
})();
