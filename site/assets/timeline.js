/* timeline.html: a zoomable timeline in lanes. A classic script, no framework, no fetch: the data is
   the page's inline JSON, so it works from file:// and offline. Without it the page keeps its
   server-drawn axis and full list; this script only enhances. */
(function () {
  "use strict";
  var root = document.getElementById("tv"), dataEl = document.getElementById("tv-data");
  if (!root || !dataEl || !window.requestAnimationFrame) return;
  var D = JSON.parse(dataEl.textContent), T = D.t, EV = D.events;
  /* Time is a day number: days since 1 January 1970, proleptic Gregorian (the page's JSON says so;
     Julian dates arrive converted). Months and years fall on their real first day at every zoom. */
  var NS = "http://www.w3.org/2000/svg", DAY = 1, YEAR = 365.2425, MON = T.months || ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], DEEP = dn(-10000, 1, 1);
  var AGO = T.ago || [[1e9, "{n} billion years ago"], [1e6, "{n} million years ago"]];
  var chart = root.querySelector(".tv-chart"), status = document.getElementById("tv-status");
  var lanesEl = root.querySelector(".tv-lanes"), select = document.getElementById("tv-facet");
  var reduced = window.matchMedia("(prefers-reduced-motion: reduce)");
  var phone = window.matchMedia("(max-width: 40rem)");
  var S = { facet: D.facet, hidden: {}, lo: 0, hi: 1, hot: -1 };
  var full = extent(), svg, lanes, byLane, pending = 0, announceTimer = 0, anim = 0, idle = 0, drawn = null;

  /* ---- calendar: H. Hinnant's days_from_civil and its inverse, as chronicle/dates/calendars.py ---- */
  function dn(y, m, d) {
    y -= m <= 2 ? 1 : 0;
    var era = Math.floor(y / 400), yoe = y - era * 400, doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  }
  function civil(n) {  // [year, month 1-12, day] of the day holding day number n
    n = Math.floor(n) + 719468;
    var era = Math.floor(n / 146097), doe = n - era * 146097;
    var yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    var doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)), mp = Math.floor((5 * doy + 2) / 153);
    var m = mp < 10 ? mp + 3 : mp - 9;
    return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, doy - Math.floor((153 * mp + 2) / 5) + 1];
  }
  function daysIn(y, m) { return m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : (m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31); }
  function yearLen(y) { return dn(y + 1, 1, 1) - dn(y, 1, 1); }
  /* Fractional years (1958.9) as the rest of chronicle counts them (day of year over days in the year), for the API. */
  function fromYears(t) { var y = Math.floor(t); return dn(y, 1, 1) + (t - y) * yearLen(y); }
  function toYears(d) { var y = civil(d)[0]; return y + (d - dn(y, 1, 1)) / yearLen(y); }

  /* ---- data ---- */
  function endOf(e) { return e.e === undefined ? e.s : (e.e === null ? Infinity : e.e); }
  function extent() {
    var lo = Infinity, hi = -Infinity;
    EV.forEach(function (e) {
      lo = Math.min(lo, e.s); hi = Math.max(hi, isFinite(endOf(e)) ? endOf(e) : e.s);
      (e.c || []).forEach(function (c) { lo = Math.min(lo, c[0]); hi = Math.max(hi, c[1]); });  // a source's other date stays in reach
    });
    if (!EV.length) { lo = dn(2000, 1, 1); hi = dn(2001, 1, 1); }
    var span = Math.max(hi - lo, 1), pad = span * 0.03;
    if (!EV.length) return [lo - pad, hi + pad];
    // An edge run the padding would dwarf gets half a year: 13.8 billion years ago to 2019, not to AD 414 million.
    var runs = refine(merge(EV.map(function (e) { return [e.s, isFinite(endOf(e)) ? endOf(e) : e.s]; }), span * 0.3), pad, 99);
    function edge(r) { return pad <= r.hi - r.lo ? pad : Math.min(pad, YEAR / 2); }
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
  function geometry(lo, hi) {
    var w = chart.clientWidth || 600, vert = phone.matches, vis = visibleLanes();
    var laneW = vert ? Math.max(6, Math.min(22, (w - 230) / Math.max(vis.length, 1))) : 0;
    var g = { vert: vert, w: w, vis: vis, laneW: laneW, axis: vert ? 58 : 28, laneH: 46 };
    g.h = vert ? Math.max(420, Math.round(window.innerHeight * 0.72)) : g.axis + vis.length * g.laneH + 8;
    g.len = (vert ? g.h : g.w) - (vert ? 24 : 16);
    g.segs = segments(g.len, lo === undefined ? S.lo : lo, hi === undefined ? S.hi : hi);
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
  function segments(len, lo, hi) {
    var span = hi - lo, min = Math.max(span * 0.3, span / len * 34 * 3), spans = [], ramp = span * 0.02;
    for (var i = 0; i < EV.length; i++) {
      var a = Math.max(EV[i].s, lo), b = Math.min(endOf(EV[i]), hi);
      // An event counts fully once it is 2 % of the view inside it: the layout must not jump as the
      // view moves, or no zoom or drag could keep the date under the pointer.
      if (b >= lo && a <= hi) spans.push([a, b, Math.min(1, (b - lo) / ramp, (hi - a) / ramp)]);
    }
    if (!spans.length) return [{ lo: lo, hi: hi, p0: 0, p1: len }];
    var pad = span * 0.02, runs = refine(merge(spans, min), pad, Math.floor(len / 102)), parts = [];
    // The empty stretch before the first run (after the last) grows into a break gradually, from
    // none when it is `min` long to a whole break at twice that, for the same reason.
    function grow(empty) { return Math.min(1, Math.max(0, (empty - min) / min)); }
    runs.forEach(function (r, k) {
      var p = runPad(runs, k, pad), last = k === runs.length - 1, fa = k ? 1 : grow(r.lo - lo), fb = last ? grow(hi - r.hi) : 1;
      var from = k ? r.lo - p : lo + fa * Math.max(r.lo - p - lo, 0), to = last ? hi - fb * Math.max(hi - r.hi - p, 0) : r.hi + p;
      if (!k && from > lo) parts.push({ lo: lo, hi: from, gap: fa });
      else if (k) parts.push({ lo: parts[parts.length - 1].hi, hi: from, gap: 1 });
      var n = 0;
      r.s.forEach(function (sp) { n += sp[2]; });
      parts.push({ lo: from, hi: to, n: n });
      if (last && to < hi) parts.push({ lo: to, hi: hi, gap: fb });
    });
    var gapPx = 0, total = 0, stretches = 0;
    parts.forEach(function (z) { if (z.gap) gapPx += 34 * z.gap; else { total += z.hi - z.lo; stretches += Math.min(1, z.n); } });
    // A stretch's room: half by its length in time, half by its number of events, so a crowded
    // cluster (2018-19) is not squeezed by a sparse one of the same length. The floor that keeps a
    // short stretch legible comes in with its events (z.n ramps), so a stretch entering at an edge
    // starts with no room instead of a fifth of the mean.
    var floor = 0.2 * total / Math.max(stretches, 1e-9), weights = 0, count = 0, at = 0;
    function weight(z) { return Math.max(z.hi - z.lo, floor * Math.min(1, z.n)); }
    parts.forEach(function (z) { if (!z.gap) { weights += weight(z); count += z.n; } });
    parts.forEach(function (z) {
      var share = weights > 0 ? weight(z) / weights : 1;
      var w = z.gap ? 34 * z.gap : (len - gapPx) * (count > 0 ? (share + z.n / count) / 2 : share);
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
    var r = runs[k], n = r.hi - r.lo, p = pad <= n ? pad : Math.max(n * 0.02, Math.min(pad, YEAR / 2));
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
        var r = runs[k], axis = (r.hi - r.lo) * weights / lens[k], bits = merge(r.s, 2 * YEAR);
        for (var j = 1; j < bits.length; j++) {
          if ((bits[j].lo - bits[j - 1].hi) / axis < 0.03) {
            parts = merge(r.s, Math.max((r.hi - r.lo) * 0.3, 2 * YEAR));
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
  /* Tick steps below a year, each [days it spans at most, unit, count]: hours, days of the month
     (1, 3, 5 ...; 1, 8, 15, 22: a month's last ticks are left out when the next month's first
     would come sooner than the step), months from January. Every tick is a real date. */
  var SUB = [[1 / 24, "h", 1], [3 / 24, "h", 3], [6 / 24, "h", 6], [0.5, "h", 12], [1, "d", 1], [2, "d", 2], [5, "d", 5],
    [7, "d", 7], [31, "m", 1], [62, "m", 2], [92, "m", 3], [184, "m", 6]];
  function ticks(lo, hi, len, vert) {
    var room = vert ? 44 : 86, per = (hi - lo) / len;  // days per px
    if (!(per > 0) || !isFinite(per)) return [];
    if (lo >= DEEP) for (var k = 0; k < SUB.length; k++) if (SUB[k][0] / per >= room) return subTicks(lo, hi, SUB[k][1], SUB[k][2]);
    for (var step = 1; step * 365 / per < room; ) step = step * (String(step)[0] === "2" ? 2.5 : 2);
    return yearTicks(lo, hi, step);
  }
  /* Whole years on their 1 January: BC ticks on round BC years (t = 1 - k * step), AD ticks on round AD years. */
  function yearTicks(lo, hi, step) {
    var out = [], ylo = civil(lo)[0] + (dn(civil(lo)[0], 1, 1) < lo ? 1 : 0), yhi = civil(hi)[0];
    for (var k = Math.max(1, Math.ceil((1 - Math.min(yhi, 0)) / step)), y; (y = 1 - k * step) >= ylo && out.length < 1e4; k++) out.unshift([dn(y, 1, 1), yearText(y)]);
    if (out.length && yhi >= 1 && step >= 5) out.push([dn(1, 1, 1), yearText(1)]);  // AD 1 fills the hole at 0
    for (k = Math.max(1, Math.ceil(ylo / step)); k * step <= yhi && out.length < 1e4; k++) out.push([dn(k * step, 1, 1), yearText(k * step)]);
    // A year or two of deep time has ticks that all read '13.8 billion years ago': say it once.
    return out.filter(function (tk, n) { return !n || out[n - 1][1] !== tk[1]; });
  }
  function subTicks(lo, hi, unit, n) {
    var out = [], c = civil(lo), y = c[0], m = c[1];
    if (unit === "m") {
      for (var mi = Math.ceil((y * 12 + m - 1) / n) * n; out.length < 1e4; mi += n) {
        var yy = Math.floor(mi / 12), mo = mi - yy * 12, t = dn(yy, mo + 1, 1);
        if (t < lo) continue;
        if (t > hi) break;
        out.push([t, mo ? (out.length ? MON[mo] : ym(MON[mo], yy)) : yearText(yy)]);
      }
      return out;
    }
    if (unit === "h") {
      for (var day = Math.floor(lo); day <= hi && out.length < 1e4; day++) {
        var cd = civil(day);
        for (var h = 0; h < 24; h += n) {
          var th = day + h / 24;
          if (th < lo) continue;
          if (th > hi) return out;
          out.push([th, h ? (h < 10 ? "0" : "") + h + ":00" : (out.length && cd[2] !== 1 ? dm(cd[2], cd[1] - 1) : ym(dm(cd[2], cd[1] - 1), cd[0]))]);
        }
      }
      return out;
    }
    for (var guard = 0; guard < 400; guard++) {
      for (var d = 1; d <= daysIn(y, m) - n + 1; d += n) {
        var td = dn(y, m, d);
        if (td < lo) continue;
        if (td > hi) return out;
        out.push([td, d === 1 || !out.length ? ym(dm(d, m - 1), y) : dm(d, m - 1)]);
      }
      if (++m === 13) { m = 1; y++; }
    }
    return out;
  }
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
    g.top = g.axis;
    g.vis.forEach(function (n, row) { collect(g, n, row, items); });
    if (!g.vert) g.h = g.top + 8;  // lanes grow with their stacked rows
    svg.setAttribute("viewBox", "0 0 " + g.w + " " + g.h);
    svg.setAttribute("width", g.w); svg.setAttribute("height", g.h);
    parts.push(drawEras(g), drawTicks(g));
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
    laneHead(g);
    var focused = document.activeElement && chart.contains(document.activeElement) ? document.activeElement.getAttribute("data-key") : null;
    svg.innerHTML = '<g class="tv-layer">' + parts.join("") + labels + "</g>" + fixed.join("");
    // Focus is never lost to a redraw: the same mark, else (an opened cluster) its first event, else the chart.
    if (focused) {
      var again = svg.querySelector('[data-key="' + focused + '"]') || (S.refocus ? svg.querySelector('.tv-mark[data-i="' + S.refocus + '"]:not([tabindex="-1"])') : null);
      (again || chart).focus();
    }
    if (S.hot >= 0) hot(S.hot, true);
    announce();
  }
  /* Phones: each lane's name heads its column, written upwards, so a lane is known by its name and
     not by its colour alone (eight colours serve any number of lanes). Names need 13 px each; when
     the lanes are narrower (16 lanes: 7 px) the names spread wider and a short line joins each to
     its column. Positions are set through the CSSOM: a style attribute would need 'unsafe-inline'. */
  var NAME = 13;
  function laneHead(g) {
    var head = chart.querySelector(".tv-lanehead");
    if (!g.vert) { if (head) head.hidden = true; return; }
    if (!head) {
      head = document.createElement("div"); head.className = "tv-lanehead"; head.setAttribute("aria-hidden", "true");
      chart.insertBefore(head, svg);
    }
    head.hidden = false;
    head.textContent = "";
    var pitch = Math.max(g.laneW, NAME), x0 = g.axis + 8, joins = [];
    g.vis.forEach(function (n, row) {
      var el = document.createElement("span"), at = x0 + row * pitch, col = x0 + row * g.laneW + g.laneW / 2;
      el.className = "tv-lanename tv-c" + (n % 8); el.textContent = lanes[n].name; el.title = lanes[n].name;
      el.style.left = at + "px"; el.style.width = pitch + "px"; el.style.lineHeight = (pitch - 3) + "px";
      head.appendChild(el);
      joins.push('<path class="tv-lanejoin tv-c' + (n % 8) + '" data-lane="' + n + '" d="M' + (at + 1.5).toFixed(1) + " 0L" + col.toFixed(1) + ' 14"/>');
    });
    var fan = document.createElementNS(NS, "svg");
    fan.setAttribute("class", "tv-lanefan"); fan.setAttribute("width", g.w); fan.setAttribute("height", 14);
    fan.innerHTML = joins.join("");
    head.appendChild(fan);
  }
  function drawTicks(g) {
    var out = [], all = [];
    g.segs.forEach(function (z) {
      if (z.gap) {
        if (z.p1 - z.p0 < 17) return;  // a break still growing in at an edge
        var m = 8 + (z.p0 + z.p1) / 2;
        out.push(g.vert ? '<path class="tv-break" d="M' + (g.axis - 30) + " " + (m - 4) + "l12 -5M" + (g.axis - 30) + " " + (m + 3) + 'l12 -5"/>'
          : '<path class="tv-break" d="M' + (m - 6) + " 22l5 -12M" + (m + 1) + ' 22l5 -12"/>');
      } else if (g.segs.length === 1) {  // a plain axis: ticks for the slide margin too
        var sp = z.hi - z.lo;
        all = ticks(z.lo - sp / 2, z.hi + sp / 2, (z.p1 - z.p0) * 2, g.vert);
      } else all = all.concat(ticks(z.lo, z.hi, z.p1 - z.p0, g.vert));
    });
    // A label that would touch the one before (measured: '29 Dec 2018' beside '1 Jan 2019' at a
    // break) is left out; its grid line stays.
    var free = -Infinity;
    all.forEach(function (tk) {
      var p = g.pos(tk[0]), iso = isoDay(tk[0]), room = g.vert ? p - 10 >= free : p + 3 >= free;
      if (room) free = g.vert ? p + 4 : p + 3 + textWidth(tk[1]) + 8;
      var text = room ? esc(tk[1]) : "";
      if (g.vert) out.push('<path class="tv-grid" d="M' + g.axis + " " + p.toFixed(2) + "H" + g.w + '"/>' + (text ? '<text class="tv-tick" data-date="' + iso + '" x="' + (g.axis - 6) + '" y="' + (p + 4).toFixed(2) + '" text-anchor="end">' + text + "</text>" : ""));
      else out.push('<path class="tv-grid" data-date="' + iso + '" d="M' + p.toFixed(2) + " " + (g.axis - 6) + "V" + g.h + '"/>' + (text ? '<text class="tv-tick" data-date="' + iso + '" x="' + (p + 3).toFixed(2) + '" y="14">' + text + "</text>" : ""));
    });
    return out.join("");
  }
  /* '2019-03-01' (or '2019-03-01T06' for an hour tick): the date a tick stands for, for tests and tools. */
  function isoDay(t) {
    var c = civil(t), h = Math.round((t - Math.floor(t)) * 24), pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return c[0] + "-" + pad(c[1]) + "-" + pad(c[2]) + (h ? "T" + pad(h) : "");
  }
  function textWidth(text) {
    if (!measure) { measure = document.createElement("canvas").getContext("2d"); measure.font = "12px " + getComputedStyle(svg).fontFamily; }
    return measure.measureText(text).width;
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
  /* One lane: events in view, gathered into a cluster where three or more share a few pixels. Marks
     whose bar and label would overlap stack in rows within the lane (vis-timeline's rule), so each
     keeps a readable label: a mark takes the first row free at its start, at most STACK rows. */
  var STACK = 5, ROW = 20;
  function collect(g, lane, row, items) {
    var list = byLane[lane], edge = g.vert ? g.h : g.w, group = [], colour = "tv-c" + (lane % 8), found = [];
    var top = g.top, base = g.vert ? g.axis + 8 + row * g.laneW + g.laneW / 2 : top + 30;
    function flush() {
      if (!group.length) return;
      if (group.length >= 3) found.push({ group: group });
      else group.forEach(function (i) { found.push({ i: i }); });
      group = [];
    }
    for (var k = 0; k < list.length; k++) {
      var e = EV[list[k]], a = g.pos(e.s), b = g.pos(Math.min(endOf(e), S.hi + (S.hi - S.lo) * 10));
      if (b < -edge / 2 || a > edge * 1.5) continue;
      if (group.length && a - g.pos(EV[group[0]].s) > 12) flush();
      group.push(list[k]);
    }
    flush();
    var ends = [], rows = [];
    found.forEach(function (f) {
      var sub = 0;
      if (!g.vert) {
        var a = g.pos(EV[f.group ? f.group[0] : f.i].s) - 8, b = f.group ? a + 36 : Math.max(g.pos(Math.min(endOf(EV[f.i]), S.hi + (S.hi - S.lo) * 10)), a + 14) + 16 + textWidth(EV[f.i].t);
        for (sub = 0; sub < ends.length && ends[sub] > a; sub++);
        if (sub === STACK) { sub = 0; for (var r = 1; r < STACK; r++) if (ends[r] < ends[sub]) sub = r; }
        ends[sub] = Math.max(ends[sub] || -Infinity, b);
      }
      var cross = base + sub * ROW, it = f.group ? cluster(g, f.group, cross, colour, row) : mark(g, f.i, cross, colour, row, lane);
      it.sub = sub;
      (rows[sub] = rows[sub] || []).push(it);
      items.push(it);
    });
    if (g.vert) return;
    items.push({ t: -Infinity, row: row, i: -1, html: '<text class="tv-lane" x="4" y="' + (top + 14) + '">' + esc(lanes[lane].name) + "</text>" });
    rows.forEach(function (mine, sub) { laneLabels(g, mine, base + sub * ROW); });
    g.top += g.laneH + Math.max(ends.length - 1, 0) * ROW;
  }
  /* Each label goes right of its mark, up to the next mark of its row; when it does not fit there but
     fits whole on the left (clear of the mark before, so it cannot be read as that mark's), it goes
     left. Widths are measured in the browser. Outside the link and hidden from assistive technology:
     the link's name already says it in full. */
  function laneLabels(g, mine, cross) {
    var free = 0, cuts = [];  // where the row is free from, left to right; the breaks, which no label crosses
    g.segs.forEach(function (z) { if (z.gap && z.p1 - z.p0 >= 17) cuts.push(8 + (z.p0 + z.p1) / 2); });
    mine.forEach(function (it, j) {
      if (it.i < 0) { free = it.b; return; }
      var stop = j + 1 < mine.length ? mine[j + 1].a : g.w;
      cuts.forEach(function (c) { if (c > it.b && c - 8 < stop) stop = c - 8; if (c < it.a && c + 8 > free) free = c + 8 - 20; });
      var text = EV[it.i].t, w = textWidth(text), right = stop - it.b - 10, left = it.a - free - (free ? 24 : 4);
      var before = w > right && w <= left, room = before ? left : right, shown = text;
      free = it.b;
      if (room < 40) return;
      while (shown.length > 1 && textWidth(shown + (shown === text ? "" : "…")) > room) shown = shown.slice(0, -1);
      if (shown !== text) shown = shown.replace(/\s+$/, "") + "…";
      var x = before ? it.a - 6 : it.b + 6;
      if (!before) free = x + textWidth(shown);
      it.html += '<text class="tv-label" aria-hidden="true" data-i="' + it.i + '" x="' + x.toFixed(1) + '" y="' + (cross + 4) + '"' +
        (before ? ' text-anchor="end"' : "") + ">" + esc(shown) + "</text>";
    });
  }
  function mark(g, i, cross, colour, row, lane) {
    var e = EV[i], a = g.pos(e.s), end = endOf(e), open = !isFinite(end), edge = g.vert ? g.h : g.w;
    var b = open ? edge : Math.max(g.pos(end), a + (e.k === "p" ? 0 : 4)), cls = "tv-mark " + colour + (e.f ? " is-fuzzy" : "") + (open ? " is-open" : "") + (e.k === "i" ? " is-imprecise" : "");
    // A bar is cut a view beyond each edge (past the half view kept for sliding): a year-long bar at
    // a two-day zoom is 300,000 px wide, and rasterising that stalled Chromium's frames for 0.5 s.
    var shape, ca = Math.max(a, -edge), cb = Math.min(b, 2 * edge);
    if (e.k === "p" || b - a < 3) shape = g.vert ? '<circle cx="' + cross + '" cy="' + a.toFixed(1) + '" r="6"/>' : '<circle cx="' + a.toFixed(1) + '" cy="' + cross + '" r="6"/>';
    else shape = g.vert ? '<rect x="' + (cross - 5) + '" y="' + ca.toFixed(1) + '" width="10" height="' + (cb - ca).toFixed(1) + '" rx="3"/>'
      : '<rect x="' + ca.toFixed(1) + '" y="' + (cross - 5) + '" width="' + (cb - ca).toFixed(1) + '" height="10" rx="3"/>';
    var name = e.a + ": " + e.t;
    return { t: e.s, row: row, i: i, lane: lane, a: a, b: Math.min(b, edge), c: cross,
      html: claims(g, e, a, cross, colour) + '<a class="' + cls + '" href="' + esc(e.h) + '" data-i="' + i + '" data-key="m' + i + "-" + lane + '" aria-label="' + esc(name) + '"%TAB%>' + shape + "</a>" };
  }
  /* The other dates sources give (date_claims): each a faint mark joined to the event by a thin
     dashed line in the lane's colour (3:1 against the chart), with its source as the tooltip. Hidden
     from screen readers: the mark's tooltip and the event page ("Sources differ") say the same. */
  function claims(g, e, a, cross, colour) {
    if (!e.c) return "";
    var edge = g.vert ? g.h : g.w;
    return '<g class="tv-claims ' + colour + '" aria-hidden="true">' + e.c.map(function (c) {
      var c0 = g.pos(c[0]), c1 = Math.max(g.pos(c[1]), c0 + 4), mid = (c0 + c1) / 2;
      if (c1 < -edge || c0 > 2 * edge) return "";
      c0 = Math.max(c0, -edge); c1 = Math.min(c1, 2 * edge);
      var join = g.vert ? "M" + cross + " " + a.toFixed(1) + "V" + mid.toFixed(1) : "M" + a.toFixed(1) + " " + cross + "H" + mid.toFixed(1);
      var box = g.vert ? 'x="' + (cross - 3) + '" y="' + c0.toFixed(1) + '" width="6" height="' + (c1 - c0).toFixed(1) + '"'
        : 'x="' + c0.toFixed(1) + '" y="' + (cross - 3) + '" width="' + (c1 - c0).toFixed(1) + '" height="6"';
      return '<g class="tv-claim" data-claim="' + esc(c[2]) + '"><title>' + esc(c[2]) + '</title><path class="tv-claim-join" d="' + join +
        '"/><rect class="tv-claim-mark" ' + box + ' rx="2"/></g>';
    }).join("") + "</g>";
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
  /* The view never leaves the events' range and never gets shorter than two days. */
  function clampView(lo, hi) {
    var most = full[1] - full[0], span = Math.min(Math.max(hi - lo, 2 * DAY), most);
    if (span !== hi - lo) lo = (lo + hi) / 2 - span / 2;
    lo = Math.min(Math.max(lo, full[0]), full[1] - span);
    return [lo, lo + span];
  }
  function setView(lo, hi, animate) {
    var v = clampView(lo, hi), nlo = v[0], nhi = v[1];
    cancelAnimationFrame(anim);
    if (!animate || reduced.matches) { S.lo = nlo; S.hi = nhi; schedule(); return; }
    var flo = S.lo, fhi = S.hi, t0 = performance.now();
    (function step(now) {
      // A frame's timestamp may precede the key press that started the animation: k < 0 would
      // run the view backwards past its start, hi below lo (and the tick loops never end).
      var k = Math.max(0, Math.min(1, (now - t0) / 220)), q = 1 - Math.pow(1 - k, 3);
      S.lo = flo + (nlo - flo) * q; S.hi = fhi + (nhi - fhi) * q; draw();
      if (k < 1) anim = requestAnimationFrame(step);
    })(t0);
  }
  /* The view `span` days long that draws time t at pixel p. The breaks and each stretch's room move
     as the view does, so a plain proportion is only the first guess: secant steps on the drawn
     scale itself (then halving a bracket, should the layout jump) make it exact. */
  function viewAt(span, t, p, thorough) {
    function err(lo) { var v = clampView(lo, lo + span); return geometry(v[0], v[1]).pos(t) - p; }
    var g = geometry(), a = t - (p - 8) / g.len * span, ea = err(a), b = a + ea * span / g.len, eb = err(b);
    var best = Math.abs(ea) < Math.abs(eb) ? a : b, bestErr = Math.min(Math.abs(ea), Math.abs(eb));
    for (var k = 0; k < 16 && bestErr > 0.01; k++) {
      var c = ea * eb < 0 && k > 5 ? (a + b) / 2 : (eb !== ea ? b - eb * (b - a) / (eb - ea) : b + eb * span / g.len);
      if (!isFinite(c)) break;
      var ec = err(c);
      if (Math.abs(ec) < bestErr) { best = c; bestErr = Math.abs(ec); }
      if (ea * eb < 0 && k > 5) { if (ec * ea < 0) { b = c; eb = ec; } else { a = c; ea = ec; } }
      else { a = b; ea = eb; b = c; eb = ec; }
    }
    if (thorough && bestErr > 0.01) best = bisect(err, span, best, bestErr);
    return clampView(best, best + span);
  }
  /* Where secant steps fail (the first guess ignores the breaks, and with a break in view it can be
     200 px off, so the steps wander to the range's end): t's pixel only falls as the view's start
     grows, so halving the whole range of starts the view may take finds it. Up to 60 layouts: a drag
     asks for it (one call a frame); a zoom, which tries many spans, keeps to the secant steps. */
  function bisect(err, span, best, bestErr) {
    var x0 = full[0], x1 = full[1] - span;
    if (!(x1 > x0)) return best;
    var e0 = err(x0), e1 = err(x1);
    if (e0 * e1 > 0) return Math.abs(e0) < Math.min(Math.abs(e1), bestErr) ? x0 : Math.abs(e1) < bestErr ? x1 : best;
    for (var k = 0; k < 60 && bestErr > 0.01; k++) {
      var m = (x0 + x1) / 2, em = err(m);
      if (Math.abs(em) < bestErr) { best = m; bestErr = Math.abs(em); }
      if (em * e0 > 0) { x0 = m; e0 = em; } else { x1 = m; e1 = em; }
    }
    return best;
  }
  /* As viewAt, but where a break appears or vanishes the layout jumps and no view of exactly that
     span keeps t at p: then the nearest span (within 25 %) that does is taken. */
  function anchored(span, t, p) {
    var v = viewAt(span, t, p), k, tries = [];
    for (k = 1; k <= 12; k++) tries.push(1 + k * 0.02, 1 / (1 + k * 0.02));
    function off(w) { return Math.abs(geometry(w[0], w[1]).pos(t) - p); }
    var miss = off(v);
    for (k = 0; k < tries.length && miss > 0.3; k++) {
      var w = viewAt(span * tries[k], t, p), m = off(w);
      if (m < miss) { v = w; miss = m; }
    }
    return v;
  }
  /* Zoom by `factor` keeping time t under pixel p (the pointer, the pinch centre, a focused mark). */
  function zoomAt(factor, t, p, animate) {
    var v = anchored(clampView(S.lo, S.lo + (S.hi - S.lo) * factor)[1] - S.lo, t, p);
    setView(v[0], v[1], animate);
  }
  function zoom(factor, at, animate) {
    var t = at === undefined ? (S.lo + S.hi) / 2 : at;
    setView(t - (t - S.lo) * factor, t + (S.hi - t) * factor, animate);
  }
  /* "+" and "-": around the focused mark; else zooming in goes to the densest stretch of the view
     (the most events within the new span), never into an empty gap. */
  function zoomStep(factor) {
    var a = document.activeElement, i = a && a !== chart && chart.contains(a) ? a.getAttribute("data-i") : null, g = geometry();
    if (i !== null) {
      var p = g.pos(EV[+i].s);
      if (p >= 0 && p <= (g.vert ? g.h : g.w)) return zoomAt(factor, EV[+i].s, p, true);
    }
    if (factor >= 1) return zoom(factor, undefined, true);
    var span = (S.hi - S.lo) * factor, hid = S.hidden[S.facet] || {}, shown = function (e) {
      return e.l[S.facet].some(function (k) { return !hid[lanes[k].id]; });
    };
    var starts = EV.filter(function (e) { return shown(e) && e.s <= S.hi && endOf(e) >= S.lo; }).map(function (e) { return Math.max(e.s, S.lo); });
    if (!starts.length) starts = EV.filter(shown).map(function (e) { return e.s; });
    if (!starts.length) return zoom(factor, undefined, true);
    starts.sort(function (x, y) { return x - y; });
    var best = 0, most = 0;
    for (var k = 0, j = 0; k < starts.length; k++) {
      while (starts[k] - starts[j] > span * 0.9) j++;
      if (k - j + 1 > most) { most = k - j + 1; best = j; }
    }
    var mid = (starts[best] + starts[best + most - 1]) / 2;
    setView(mid - span / 2, mid + span / 2, true);
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
      saveState();
    }, 250);
  }
  function when(t) {
    var span = (S.hi - S.lo) / YEAR, c = civil(t);
    if (span > 3 || t < DEEP) return yearText(c[0]);
    if (span > 0.25) return ym(MON[c[1] - 1], c[0]);
    return ym(dm(c[2], c[1] - 1), c[0]);
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
  /* Print gives every event under its lanes' headings: the lanes chosen on screen, in date order. */
  function fillPrint() {
    var box = root.querySelector(".tv-print-lanes");
    if (!box) return;
    box.innerHTML = lanes.map(function (l, n) {
      if (!byLane[n].length) return "";
      return "<h3>" + esc(l.name) + '</h3><ol class="event-list">' + byLane[n].map(function (i) {
        return '<li><a href="' + esc(EV[i].h) + '">' + esc(EV[i].t) + '</a> <span class="when">' + esc(EV[i].w) + "</span></li>";
      }).join("") + "</ol>";
    }).join("");
  }
  function onControls() {
    select.addEventListener("change", function () { S.facet = select.value; buildLanes(); fillLanes(); fillPrint(); drawn = null; schedule(); });
    lanesEl.addEventListener("change", function (ev) {
      S.hidden[S.facet][ev.target.value] = !ev.target.checked; drawn = null; schedule();
    });
    root.querySelector(".tv-all").addEventListener("click", function () { S.hidden[S.facet] = {}; fillLanes(); drawn = null; schedule(); });
    root.querySelector(".tv-none").addEventListener("click", function () {
      var h = S.hidden[S.facet] = {}; lanes.forEach(function (l) { h[l.id] = true; }); fillLanes(); drawn = null; schedule();
    });
    root.querySelector(".tv-zoom").addEventListener("click", function (ev) {
      var act = ev.target.closest("button") && ev.target.closest("button").getAttribute("data-act");
      if (act === "in") zoomStep(0.5); else if (act === "out") zoomStep(2);
      else if (act === "earlier") pan(-0.4); else if (act === "later") pan(0.4);
      else if (act === "reset") setView(full[0], full[1], true);
    });
  }
  /* The page scrolls like a page: a plain wheel (or a vertical swipe, touch-action: pan-y) scrolls it,
     and a one-line hint says how to zoom. Ctrl or Cmd + wheel zooms, as does a trackpad pinch (the
     browser sends it as a wheel with ctrlKey); a sideways wheel or drag moves along time. */
  function onChart() {
    var pointers = {}, startDist = 0, grab = null, hintTimer = 0;
    var hintEl = document.createElement("p");
    hintEl.className = "tv-hint";
    hintEl.setAttribute("aria-hidden", "true");  // the help line already says it to everyone
    hintEl.textContent = /Mac|iP(hone|ad|od)/.test(navigator.platform || "") ? T.wheel_hint_mac : T.wheel_hint;
    chart.appendChild(hintEl);
    function at(ev, g) { var r = svg.getBoundingClientRect(); return g.vert ? ev.clientY - r.top : ev.clientX - r.left; }
    chart.addEventListener("wheel", function (ev) {
      var g = geometry(), p = at(ev, g), unit = ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? g.len : 1;
      if (ev.ctrlKey || ev.metaKey) {
        ev.preventDefault();
        return zoomAt(Math.exp(ev.deltaY * unit * 0.0015), g.time(p), p, false);
      }
      if (!g.vert && Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) {
        ev.preventDefault();
        var t = g.time(p), v = viewAt(S.hi - S.lo, t, p - ev.deltaX * unit);
        return setView(v[0], v[1], false);
      }
      hintEl.classList.add("is-on");
      clearTimeout(hintTimer);
      hintTimer = setTimeout(function () { hintEl.classList.remove("is-on"); }, 1500);
    }, { passive: false });
    chart.addEventListener("pointerdown", function (ev) {
      if (ev.target.closest("a") || ev.button > 0) return;
      pointers[ev.pointerId] = ev; chart.setPointerCapture(ev.pointerId);
      var ids = Object.keys(pointers), g = geometry();
      if (ids.length === 2) { startDist = dist(pointers[ids[0]], pointers[ids[1]]); grab = null; }
      // One finger along a phone's vertical time axis is a page scroll (touch-action: pan-y), not a pan.
      else if (!(g.vert && ev.pointerType === "touch")) grab = { t: g.time(at(ev, g)), id: ev.pointerId };
    });
    chart.addEventListener("pointermove", function (ev) {
      var prev = pointers[ev.pointerId]; if (!prev) return;
      var g = geometry(), ids = Object.keys(pointers);
      pointers[ev.pointerId] = ev;
      if (ids.length === 2) {
        var d = dist(pointers[ids[0]], pointers[ids[1]]), r = svg.getBoundingClientRect();
        var mid = g.vert ? (pointers[ids[0]].clientY + pointers[ids[1]].clientY) / 2 - r.top : (pointers[ids[0]].clientX + pointers[ids[1]].clientX) / 2 - r.left;
        if (startDist > 0 && d > 0) zoomAt(startDist / d, g.time(mid), mid, false);
        startDist = d; return;
      }
      // A drag keeps the time first grabbed under the pointer: the content moves exactly as far as it.
      if (grab && grab.id === ev.pointerId) { var v = viewAt(S.hi - S.lo, grab.t, at(ev, g), true); setView(v[0], v[1], false); }
    });
    function up(ev) { delete pointers[ev.pointerId]; startDist = 0; grab = null; }
    chart.addEventListener("pointerup", up); chart.addEventListener("pointercancel", up);
    chart.addEventListener("keydown", function (ev) {
      var vert = phone.matches, k = ev.key, on = ev.target.closest && ev.target.closest(".tv-svg a");
      // On a mark or cluster: arrows go to the next one in time (along its lane) or to the nearest
      // in the lane beside; Space acts as Enter does (a link is followed, a cluster opens).
      if (on && (k === " " || k === "Spacebar")) {
        ev.preventDefault();
        if (on.classList.contains("tv-cluster")) on.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
        else location.assign(new URL(on.getAttribute("href"), document.baseURI).href);
        return;
      }
      if (on && /^Arrow/.test(k) && step(on, k, vert)) { ev.preventDefault(); return; }
      if (k === "+" || k === "=") zoomStep(0.5);
      else if (k === "-" || k === "_") zoomStep(2);
      else if (k === (vert ? "ArrowUp" : "ArrowLeft")) pan(-0.2);
      else if (k === (vert ? "ArrowDown" : "ArrowRight")) pan(0.2);
      else if (k === "0") setView(full[0], full[1], true);
      else return;
      ev.preventDefault();
    });
    chart.addEventListener("click", function (ev) {
      var c = ev.target.closest(".tv-cluster"); if (!c) return;
      ev.preventDefault();
      S.refocus = c.getAttribute("data-key").slice(1).split("-")[0];  // its first event keeps the focus
      var z = c.getAttribute("data-zoom").split(",").map(Number), pad = Math.max((z[1] - z[0]) * 0.2, 2 * DAY);
      setView(z[0] - pad, (isFinite(z[1]) ? z[1] : z[0] + YEAR) + pad, true);
    });
  }
  /* The mark to go to from `on` with an arrow key; false when there is none (the view pans instead). */
  function step(on, k, vert) {
    var along = vert ? (k === "ArrowDown" ? 1 : k === "ArrowUp" ? -1 : 0) : (k === "ArrowRight" ? 1 : k === "ArrowLeft" ? -1 : 0);
    var across = vert ? (k === "ArrowRight" ? 1 : k === "ArrowLeft" ? -1 : 0) : (k === "ArrowDown" ? 1 : k === "ArrowUp" ? -1 : 0);
    function at(el) { var r = el.getBoundingClientRect(); return vert ? [r.top, r.left + r.width / 2] : [r.left, r.top + r.height / 2]; }
    var me = at(on), best = null, score = Infinity;
    Array.prototype.forEach.call(svg.querySelectorAll(".tv-layer > a:not([tabindex='-1'])"), function (el) {
      if (el === on) return;
      var p = at(el), dt = p[0] - me[0], dl = p[1] - me[1];
      if (along && Math.abs(dl) < 4 && dt * along > 0 && Math.abs(dt) < score) { best = el; score = Math.abs(dt); }
      if (across && dl * across > 4) { var s = Math.abs(dl) * 1000 + Math.abs(dt); if (s < score) { best = el; score = s; } }
    });
    if (best) best.focus();
    return !!best;
  }
  function dist(a, b) { return Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY); }
  /* A mark's tooltip (title, date, lane) on hover and on keyboard focus; the link's own name says
     the same to a screen reader, so the tooltip is hidden from it. */
  var tip = document.createElement("div");
  tip.className = "tv-tip";
  tip.setAttribute("aria-hidden", "true");
  tip.hidden = true;
  function showTip(el) {
    var i = +el.getAttribute("data-i"), key = el.getAttribute("data-key") || "", lane = +key.split("-")[1];
    if (!el.classList.contains("tv-mark") || !EV[i]) return;
    tip.innerHTML = "<strong>" + esc(EV[i].t) + "</strong><br>" + esc(EV[i].w) + (lanes[lane] ? "<br>" + esc(lanes[lane].name) : "") +
      (EV[i].c ? EV[i].c.map(function (c) { return '<br><span class="tv-tip-claim">' + esc(c[2]) + "</span>"; }).join("") : "");
    place(el);
  }
  function claimTip(el) {
    tip.textContent = el.getAttribute("data-claim");
    place(el.querySelector("rect"));
  }
  function place(el) {
    tip.hidden = false;
    var c = chart.getBoundingClientRect(), m = el.getBoundingClientRect(), w = tip.offsetWidth;
    tip.style.left = Math.max(4, Math.min(m.left - c.left, c.width - w - 4)) + "px";
    tip.style.top = (m.bottom - c.top + 6) + "px";
  }
  function onLinked() {
    chart.appendChild(tip);
    ["mouseover", "focusin"].forEach(function (type) {
      root.addEventListener(type, function (ev) {
        var claim = ev.target.closest && ev.target.closest(".tv-claim");
        if (claim) return claimTip(claim);
        var el = ev.target.closest && ev.target.closest("[data-i]"); if (!el) return;
        if (S.hot >= 0) hot(S.hot, false);
        S.hot = +el.getAttribute("data-i"); hot(S.hot, true);
        if (chart.contains(el)) showTip(el);
      });
    });
    ["mouseout", "focusout"].forEach(function (type) {
      root.addEventListener(type, function (ev) {
        if (ev.target.closest && ev.target.closest(".tv-claim")) { tip.hidden = true; return; }
        var el = ev.target.closest && ev.target.closest("[data-i]"); if (!el || S.hot < 0) return;
        hot(S.hot, false); S.hot = -1; tip.hidden = true;
      });
    });
  }

  /* The view, the lanes' facet and the hidden lanes live in the URL's hash ('#v=17884,17956&f=places&h=hanoi'),
     so a view can be shared and survives a reload; replaceState works from file:// too. */
  function saveState() {
    var hid = Object.keys(S.hidden[S.facet] || {}).filter(function (k) { return S.hidden[S.facet][k]; });
    var parts = ["v=" + S.lo.toFixed(2) + "," + S.hi.toFixed(2)];
    if (S.facet !== D.facet) parts.push("f=" + encodeURIComponent(S.facet));
    if (hid.length) parts.push("h=" + hid.map(encodeURIComponent).join(","));
    try { history.replaceState(history.state, "", "#" + parts.join("&")); } catch (e) { /* a sandboxed frame: keep the view only */ }
  }
  function loadState() {
    var found = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var k = kv.indexOf("="); if (k > 0) found[kv.slice(0, k)] = kv.slice(k + 1);
    });
    if (found.f && D.facets[decodeURIComponent(found.f)]) S.facet = decodeURIComponent(found.f);
    if (found.h) {
      var h = S.hidden[S.facet] = {};
      found.h.split(",").forEach(function (id) { h[decodeURIComponent(id)] = true; });
    }
    var v = (found.v || "").split(",").map(Number);
    if (v.length === 2 && isFinite(v[0]) && isFinite(v[1]) && v[1] > v[0]) return clampView(v[0], v[1]);
    return null;
  }

  /* ---- start ---- */
  var saved = loadState();
  select.value = S.facet;
  buildLanes();
  fillLanes();
  if (S.facet !== D.facet) fillPrint();  // a saved view in other lanes
  if (phone.matches) root.querySelector(".tv-filter").open = false;  // the chart first on a small screen
  root.querySelector(".tv-controls").hidden = false;
  if (document.getElementById("tv-skip")) document.getElementById("tv-skip").hidden = false;  // the chart exists now
  chart.hidden = false;
  root.classList.add("tv-live");
  svg = document.createElementNS(NS, "svg");
  svg.setAttribute("class", "tv-svg");
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", T.chart);
  chart.appendChild(svg);
  S.lo = saved ? saved[0] : full[0]; S.hi = saved ? saved[1] : full[1];
  onControls(); onChart(); onLinked();
  window.addEventListener("resize", function () { drawn = null; schedule(); });
  phone.addEventListener && phone.addEventListener("change", schedule);
  draw();
  // For tests and the benchmark: the view's time range, and a way to set it.
  // For tests and the benchmark: the view in fractional years (range, set) or day numbers (days,
  // setDays), and the drawn scale: segments of days over pixels, from the chart's left (or top).
  function setNow(lo, hi) { setView(lo, hi, false); cancelAnimationFrame(pending); pending = 0; render(); }
  window.timelineView = { range: function () { return [toYears(S.lo), toYears(S.hi)]; },
    set: function (lo, hi) { setNow(fromYears(lo), fromYears(hi)); },
    days: function () { return [S.lo, S.hi]; }, setDays: setNow,
    scale: function () { return geometry().segs.map(function (z) { return { lo: z.lo, hi: z.hi, p0: z.p0 + 8, p1: z.p1 + 8 }; }); },
    draw: function () { draw(); },
    facet: function () { return S.facet; } };
})();
