/* journey.js: step through a journey's stops on an event page, with the route map following.

   A classic script (works from file://, no framework). It only enhances: without it the
   map and the itinerary table stay as they are. It adds Previous/Next buttons and a live
   status line; the current stop is marked in the table (aria-current="step") and on the map
   (class is-current on the marker and on the leg that arrived there), and the map's viewBox
   glides to that leg. The words come from the section's data-* attributes (event.html). */
(function () {
  'use strict';

  var PAD = 70;            // map units of room around the leg in view
  var MAX_PX_PER_UNIT = 1.6; // zoom no further than this, so labels never grow huge
  var GLIDE_MS = 350;

  function el(name, attrs, text) {
    var node = document.createElement(name);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function reducedMotion() {
    return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  }

  /* The viewBox of the whole map, and the map area without its legend strip. */
  function mapFrame(svg) {
    var box = svg.viewBox.baseVal;
    var frame = svg.querySelector('.map-frame');
    var height = frame ? Number(frame.getAttribute('height')) : box.height;
    return { whole: [box.x, box.y, box.width, box.height], width: box.width, height: height };
  }

  /* The box to show for a stop: its marker and the leg that led there, padded, clamped to the map. */
  function targetBox(svg, frame, parts) {
    var boxes = parts.filter(Boolean).map(function (node) { return node.getBBox(); });
    if (!boxes.length) { return null; }
    var x0 = Math.min.apply(null, boxes.map(function (b) { return b.x; })) - PAD;
    var y0 = Math.min.apply(null, boxes.map(function (b) { return b.y; })) - PAD;
    var x1 = Math.max.apply(null, boxes.map(function (b) { return b.x + b.width; })) + PAD;
    var y1 = Math.max.apply(null, boxes.map(function (b) { return b.y + b.height; })) + PAD;
    var shown = svg.getBoundingClientRect().width || frame.width;
    var minW = Math.min(frame.width, frame.width / Math.max(1, MAX_PX_PER_UNIT * frame.width / shown));
    var aspect = frame.height / frame.width;
    var w = Math.min(frame.width, Math.max(minW, x1 - x0, (y1 - y0) / aspect));
    var h = w * aspect;
    var marker = boxes[0];
    var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    if (x1 - x0 > w || y1 - y0 > h) {  // the leg does not fit: keep the stop itself in view
      cx = marker.x + marker.width / 2; cy = marker.y + marker.height / 2;
    }
    var x = Math.max(0, Math.min(frame.width - w, cx - w / 2));
    var y = Math.max(0, Math.min(frame.height - h, cy - h / 2));
    return [x, y, w, h];
  }

  function glide(svg, to) {
    var from = svg.getAttribute('viewBox').split(/[\s,]+/).map(Number);
    var set = function (box) { svg.setAttribute('viewBox', box.map(function (v) { return v.toFixed(1); }).join(' ')); };
    if (reducedMotion() || !window.requestAnimationFrame) { set(to); return; }
    var start = null;
    svg._glide = (svg._glide || 0) + 1;
    var run = svg._glide;
    window.requestAnimationFrame(function step(now) {
      if (run !== svg._glide) { return; }  // a newer step took over
      start = start === null ? now : start;
      var t = Math.min(1, (now - start) / GLIDE_MS);
      var ease = 1 - Math.pow(1 - t, 3);
      set(from.map(function (v, i) { return v + (to[i] - v) * ease; }));
      if (t < 1) { window.requestAnimationFrame(step); }
    });
  }

  function statusText(section, rows, n) {
    var cells = rows[n - 1].cells;
    var when = [cells[2], cells[3]].map(function (c) { return c ? c.textContent.trim() : ''; })
      .filter(Boolean).join(', ');
    var text = section.getAttribute('data-status').replace('{n}', n).replace('{total}', rows.length)
      .replace('{place}', cells[1].textContent.trim()).replace('{date}', when);
    return text.replace(/,\s*$/, '');
  }

  function setup(section) {
    var table = section.querySelector('table.itinerary');
    var rows = table ? Array.prototype.slice.call(table.querySelectorAll('tr[data-stop]')) : [];
    if (rows.length < 2) { return; }
    var svg = section.querySelector('svg.route-map');
    var frame = svg ? mapFrame(svg) : null;
    var current = 0;

    var controls = el('div', { 'class': 'journey-controls', role: 'group',
                               'aria-label': section.getAttribute('data-controls') });
    var prev = el('button', { type: 'button', 'class': 'journey-prev', 'aria-disabled': 'true' },
                  '← ' + section.getAttribute('data-prev'));
    var next = el('button', { type: 'button', 'class': 'journey-next' }, section.getAttribute('data-next') + ' →');
    var whole = el('button', { type: 'button', 'class': 'journey-whole' }, section.getAttribute('data-whole'));
    var status = el('p', { 'class': 'journey-status', role: 'status', 'aria-live': 'polite' });
    var keys = el('p', { 'class': 'journey-keys', id: 'journey-keys' }, section.getAttribute('data-keys'));
    controls.appendChild(prev);
    controls.appendChild(next);
    if (svg) { controls.appendChild(whole); }
    controls.appendChild(status);
    controls.appendChild(keys);
    table.parentNode.insertBefore(controls, table);
    table.setAttribute('tabindex', '0');
    table.setAttribute('aria-describedby', 'journey-keys');

    function go(n) {
      n = Math.max(1, Math.min(rows.length, n));
      current = n;
      rows.forEach(function (row, i) {
        if (i === n - 1) { row.setAttribute('aria-current', 'step'); } else { row.removeAttribute('aria-current'); }
      });
      prev.setAttribute('aria-disabled', String(n === 1));
      next.setAttribute('aria-disabled', String(n === rows.length));
      var number = rows[n - 1].getAttribute('data-stop');
      status.textContent = statusText(section, rows, n);
      rows[n - 1].scrollIntoView({ block: 'nearest' });
      if (!svg) { return; }
      svg.classList.add('is-stepping');
      // The leg that arrived at this stop; the first stop has none, so the one that leaves it.
      var leg = svg.querySelector('.leg[data-to="' + number + '"]') ||
                (n === 1 ? svg.querySelector('.leg[data-to="' + rows[1].getAttribute('data-stop') + '"]') : null);
      svg.querySelectorAll('.leg.is-current').forEach(function (node) { node.classList.remove('is-current'); });
      if (leg) { leg.classList.add('is-current'); }
      svg.querySelectorAll('.stop.is-current').forEach(function (node) { node.classList.remove('is-current'); });
      var marker = svg.querySelector('.stop[data-stops~="' + number + '"]');
      if (!marker) { return; }  // a stop without coordinates: the table alone shows it
      marker.classList.add('is-current');
      var to = targetBox(svg, frame, [marker.querySelector('.stop-dot'), leg]);
      if (to) { glide(svg, to); }
    }

    prev.addEventListener('click', function () { if (current > 1) { go(current - 1); } });
    next.addEventListener('click', function () { if (current < rows.length) { go(current + 1); } });
    whole.addEventListener('click', function () { if (svg) { glide(svg, frame.whole); } });
    table.addEventListener('keydown', function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) { return; }
      var moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
      var to = event.key in moves ? (current || (moves[event.key] > 0 ? 0 : rows.length + 1)) + moves[event.key]
        : event.key === 'Home' ? 1 : event.key === 'End' ? rows.length : 0;
      if (!to) { return; }
      event.preventDefault();
      go(to);
    });
    rows.forEach(function (row, i) {
      row.addEventListener('click', function (event) {
        if (!event.target.closest('a')) { go(i + 1); }
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('section[data-journey]'), setup);
}());
