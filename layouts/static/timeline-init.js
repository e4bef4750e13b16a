/* Shows the inline timeline data (<script type="application/json" id="timeline-data">) in
 * TimelineJS, loaded before this script from assets/vendor/timelinejs/. Nothing is fetched:
 * the data is in the page (file:// cannot fetch timeline.json), English is built into
 * TimelineJS, no web font is loaded, and script_path points at our copy, not the CDN. */
(function () {
  "use strict";
  var source = document.getElementById("timeline-data");
  var container = document.getElementById("timeline-embed");
  if (!source || !container || !window.TL) { return; }
  container.style.height = Math.round(Math.max(400, Math.min(window.innerHeight * 0.8, 650))) + "px";
  new window.TL.Timeline(container, JSON.parse(source.textContent), {
    font: null,
    language: "en",
    script_path: new URL("assets/vendor/timelinejs/js/", document.baseURI).href,
    hash_bookmark: false,
    soundcite: false
  });
})();
