/* Registers the site's service worker (sw.js at the site root) for offline reading.
 * Only over http: or https:, never from file://. The root is found from this script's
 * own URL (<root>assets/register-sw.js), so no template data is needed. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) { return; }
  var protocol = window.location.protocol;
  if (protocol !== "http:" && protocol !== "https:") { return; }
  var root = new URL("../", script.src);
  navigator.serviceWorker.register(new URL("sw.js", root).href, {scope: root.pathname})
    .catch(function (error) {  /* the site still works online without it */
      if (window.console) { console.warn("offline reading unavailable:", error); }
    });
})();
