/* Shows the inline timeline data (<script type="application/json" id="timeline-data">) in
 * TimelineJS, loaded before this script from assets/vendor/timelinejs/. Nothing is fetched:
 * the data is in the page (file:// cannot fetch timeline.json), so is the locale of a site
 * not in English (English is built into TimelineJS), no web font is loaded, and script_path
 * points at our copy, not the CDN. */
(function () {
  "use strict";
  var source = document.getElementById("timeline-data");
  var container = document.getElementById("timeline-embed");
  if (!source || !container || !window.TL) { return; }
  container.style.height = Math.round(Math.max(400, Math.min(window.innerHeight * 0.8, 650))) + "px";
  // TimelineJS leaves some headings empty (e.g. a slide without a headline); screen readers
  // would announce an empty heading, so hide those from them as slides are drawn.
  function hideEmptyHeadings() {
    var headings = container.querySelectorAll("h1, h2, h3, h4, h5, h6");
    for (var i = 0; i < headings.length; i++) {
      if (!headings[i].textContent.trim()) { headings[i].setAttribute("aria-hidden", "true"); }
    }
    // Its previous/next buttons are named from the raw headline, not from the text they show.
    var buttons = container.querySelectorAll(".tl-slidenav-previous, .tl-slidenav-next");
    for (var j = 0; j < buttons.length; j++) {
      var shown = buttons[j].textContent.replace(/\s+/g, " ").trim();
      var word = buttons[j].className.indexOf("next") >= 0 ? "Next" : "Previous";
      buttons[j].setAttribute("aria-label", shown ? word + ": " + shown : word);
    }
  }
  // TimelineJS fetches a locale by its code from script_path, which file:// forbids. It also
  // takes a URL ending in ".json": give it the table in the page (#timeline-locale) that way.
  function language() {
    var code = container.getAttribute("data-language") || "en";
    var locale = document.getElementById("timeline-locale");
    if (!locale || !window.Blob || !window.URL || !URL.createObjectURL) { return "en"; }
    var table = new Blob([locale.textContent], {type: "application/json"});
    return URL.createObjectURL(table) + "#" + code + ".json";
  }
  if (window.MutationObserver) {
    new MutationObserver(hideEmptyHeadings).observe(container, {childList: true, subtree: true});
  }
  new window.TL.Timeline(container, JSON.parse(source.textContent), {
    font: null,
    language: language(),
    script_path: new URL("assets/vendor/timelinejs/js/", document.baseURI).href,
    hash_bookmark: false,
    soundcite: false
  });
})();
