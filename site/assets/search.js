/* Full-text search for search.html; a classic script so it also works from file://.
 * Needs assets/search-index.js loaded first: it defines TIMELINE_SEARCH (every entry) or, on a
 * large site, TIMELINE_SEARCH_SHARDS (a manifest; see chronicle/searchshards.py), and then the
 * shards a query needs are loaded as classic scripts that call window.timelineSearchShard.
 * Exposes window.timelineSearch(query) (over the shards loaded so far),
 * window.timelineSearchReady(query, callback) (loads what the query needs, then answers)
 * and window.timelineNormalise(text). */
(function () {
  "use strict";
  var LIMIT = 50;
  var SHARDS = window.TIMELINE_SEARCH_SHARDS || null;
  var entries = SHARDS ? [] : window.TIMELINE_SEARCH || [];  /* sharded: filled as shards arrive */
  var MEMO_SIZE = 32;
  var memo = [];      /* recent {query, matches}, newest last */
  var prepared = null;  /* normalised titles and character masks, made once (per shard if sharded) */
  var gramTables = [];  /* gram file number -> {gram: entry shard numbers, or 1 for all} */
  var loading = {};     /* shard script name -> callbacks waiting for it, or true once it ran */

  /* Must agree with chronicle.search.normalise in Python. */
  var NON_WORD = /[\p{P}\p{Z}\p{C}\s]+/gu;
  var MARKS = /\p{Mn}/gu;
  function normalise(text) {
    var folded = String(text).normalize("NFKD").toLowerCase()
      .replace(/\u00df/g, "ss").replace(/\u03c2/g, "\u03c3").normalize("NFKD");
    return folded.replace(MARKS, "").replace(NON_WORD, " ")
      .replace(/\u0111/g, "d").trim();
  }

  /* A 31-bit summary of the characters in text: a word whose mask is not inside
   * an entry's mask cannot occur in it, so that entry is skipped without a scan. */
  function mask(text) {
    var bits = 0;
    for (var c = 0; c < text.length; c++) { bits |= 1 << (text.charCodeAt(c) % 31); }
    return bits;
  }

  function prepare() {
    if (!prepared) {
      prepared = {
        titles: entries.map(function (e) { return normalise(e.title); }),
        masks: entries.map(function (e) { return mask(e.h); })
      };
    }
    return prepared;
  }

  /* Called by each shard script: "e" brings entries from n * size on, "g" a gram table. */
  window.timelineSearchShard = function (kind, n, data) {
    if (kind === "g") { gramTables[n] = data; return; }
    var tables = prepare();
    data.forEach(function (entry, k) {
      var i = n * SHARDS.size + k;
      entries[i] = entry;
      tables.titles[i] = normalise(entry.title);
      tables.masks[i] = mask(entry.h);
    });
  };

  /* Insert the classic scripts not loaded yet; call done once all of them ran (or failed). */
  function load(names, done) {
    var left = 1;
    function one() { if (--left === 0) { done(); } }
    names.forEach(function (name) {
      if (loading[name] === true) { return; }
      left++;
      if (loading[name]) { loading[name].push(one); return; }
      loading[name] = [one];
      var script = document.createElement("script");
      script.src = SHARDS.folder + name + ".js";
      script.onload = script.onerror = function () {
        var waiting = loading[name];
        loading[name] = true;
        waiting.forEach(function (call) { call(); });
      };
      document.head.appendChild(script);
    });
    one();
  }

  /* Code points, as Python counts them: a query word's trigrams, or the word when shorter. */
  function gramsOf(word) {
    var chars = Array.from(word);
    if (chars.length < 3) { return [word]; }
    var grams = [];
    for (var c = 0; c + 3 <= chars.length; c++) { grams.push(chars.slice(c, c + 3).join("")); }
    return grams;
  }

  /* Must agree with chronicle.searchshards.gram_file. */
  function gramFile(gram) {
    var value = 0;
    Array.from(gram).forEach(function (ch) { value = (Math.imul(value, 31) + ch.codePointAt(0)) >>> 0; });
    return value % SHARDS.grams;
  }

  /* The entry shards that hold every gram of every word (all shards if none is ruled out). */
  function shardsFor(words) {
    var keep = null;
    words.forEach(function (word) {
      gramsOf(word).forEach(function (gram) {
        var held = (gramTables[gramFile(gram)] || {})[gram] || [];
        if (held === 1) { return; }
        keep = (keep || held).filter(function (n) { return held.indexOf(n) >= 0; });
      });
    });
    if (keep) { return keep; }
    var all = [];
    for (var n = 0; n < SHARDS.shards; n++) { all.push(n); }
    return all;
  }

  /* Entry indices a query may match: all of them, or those of the shards its grams allow. */
  function universe(words) {
    if (!SHARDS) { return null; }
    var found = [];
    shardsFor(words).forEach(function (n) {
      var end = Math.min((n + 1) * SHARDS.size, SHARDS.entries);
      for (var i = n * SHARDS.size; i < end; i++) {
        if (entries[i]) { found.push(i); } else { found.partial = true; }
      }
    });
    return found;
  }

  /* Load the gram files, then the entry shards, a query needs; then call back with its answer. */
  function ready(query, callback) {
    var words = normalise(query || "").split(" ").filter(Boolean);
    if (!SHARDS || !words.length) { callback(search(query)); return; }
    var grams = {};
    words.forEach(function (word) { gramsOf(word).forEach(function (g) { grams["g" + gramFile(g)] = 1; }); });
    load(Object.keys(grams), function () {
      load(shardsFor(words).map(function (n) { return "e" + n; }), function () { callback(search(query)); });
    });
  }

  /* The matches of the longest recent query that the new query extends: a superset. */
  function pool(query) {
    var best = null;
    memo.forEach(function (m) {
      if (query.indexOf(m.query) === 0 && (!best || m.query.length > best.query.length)) {
        best = m;
      }
    });
    return best;
  }

  function remember(query, matches) {
    memo = memo.filter(function (m) { return m.query !== query; });
    memo.push({query: query, matches: matches});
    if (memo.length > MEMO_SIZE) { memo.shift(); }
  }

  /* Indices of entries whose haystack contains every word, in index order. */
  function matching(query, words) {
    var masks = prepare().masks;
    var start = pool(query);
    if (start && start.query === query) { return start.matches; }
    var need = mask(words.join(""));
    var candidates = start ? start.matches : universe(words);
    var count = candidates ? candidates.length : entries.length;
    var found = [];
    for (var k = 0; k < count; k++) {
      var i = candidates ? candidates[k] : k;
      if ((masks[i] & need) !== need) { continue; }
      var h = entries[i].h;
      var ok = true;
      for (var w = 0; w < words.length && ok; w++) { ok = h.indexOf(words[w]) >= 0; }
      if (ok) { found.push(i); }
    }
    /* An answer over shards still loading is no superset to narrow later queries from. */
    if (!(candidates && candidates.partial)) { remember(query, found); }
    return found;
  }

  /* 0: the title is the query (spaces aside); 1: every word is in the title; 2: not. */
  function tier(i, query, words) {
    var title = prepare().titles[i];
    if (title.replace(/ /g, "") === query.replace(/ /g, "")) { return 0; }
    for (var w = 0; w < words.length; w++) { if (title.indexOf(words[w]) < 0) { return 2; } }
    return 1;
  }

  /* How far into the haystack the last-found word is: titles and names come first. */
  function depth(i, words) {
    var h = entries[i].h, far = 0;
    for (var w = 0; w < words.length; w++) { far = Math.max(far, h.indexOf(words[w])); }
    return far;
  }

  /* Entry indices, best first: tier, then depth (tier 2 only), then timeline order.
   * Each key packs all three into one number so a typed array sorts them fast. */
  function ranked(found, query, words) {
    var keys = new Float64Array(found.length);
    for (var k = 0; k < found.length; k++) {
      var i = found[k];
      var t = tier(i, query, words);
      var d = t === 2 ? Math.min(depth(i, words), 999999) : 0;
      keys[k] = (t * 1e6 + d) * 1e6 + i;  /* below 2^53 for up to a million entries */
    }
    keys.sort();
    return keys;
  }

  function search(query) {
    var normal = normalise(query || "");
    if (!normal) { return {query: normal, total: 0, results: []}; }
    var words = normal.split(" ");
    var found = matching(normal, words);
    var results = Array.prototype.slice.call(ranked(found, normal, words), 0, LIMIT)
      .map(function (key) { return entries[key % 1e6]; });
    return {query: normal, total: found.length, results: results};
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  /* The words shown; a page in another language replaces them from #search-results' data-words. */
  var WORDS = {prompt: "Type to search events, people and places.", none: "No results for \u201c{q}\u201d.",
    one: "1 result", many: "{n} results",
    more: "; showing the first {shown}, {rest} more: add words to narrow the search", end: ".",
    event: "Event", person: "Person", place: "Place", page: "Page", work: "Source"};
  function resultItem(entry) {
    var item = element("li", "search-result search-" + entry.kind);
    var link = element("a", "search-title", entry.title);
    link.href = entry.url;
    item.appendChild(link);
    var meta = element("p", "search-meta");
    meta.appendChild(element("span", "search-kind", WORDS[entry.kind] || entry.kind));
    if (entry.date) { meta.appendChild(element("span", "search-date", entry.date)); }
    item.appendChild(meta);
    if (entry.summary) { item.appendChild(element("p", "search-summary", entry.summary)); }
    return item;
  }

  function statusText(query, answer) {
    if (!answer.query) { return WORDS.prompt; }
    if (!answer.total) { return WORDS.none.replace("{q}", function () { return query; }); }
    var text = answer.total === 1 ? WORDS.one : WORDS.many.replace("{n}", answer.total);
    if (answer.total > answer.results.length) {
      text += WORDS.more.replace("{shown}", answer.results.length)
        .replace("{rest}", answer.total - answer.results.length);
    }
    return text + WORDS.end;
  }

  var shown = 0;  /* the latest query asked for: a slower earlier one must not overwrite it */
  function show(ui, query) {
    var asked = ++shown;
    ready(query, function (answer) { if (asked === shown) { showAnswer(ui, query, answer); } });
  }

  function showAnswer(ui, query, answer) {
    var list = document.createDocumentFragment();
    answer.results.forEach(function (entry) { list.appendChild(resultItem(entry)); });
    ui.results.textContent = "";
    ui.results.appendChild(list);
    ui.status.textContent = statusText(query, answer);
    return answer;
  }

  function keepInAddress(query) {
    try {
      var url = new URL(window.location.href);
      if (query) { url.searchParams.set("q", query); } else { url.searchParams.delete("q"); }
      window.history.replaceState(null, "", url.href);
    } catch (error) { /* some browsers refuse history changes on file:// */ }
  }

  function links(ui) { return Array.prototype.slice.call(ui.results.querySelectorAll("a")); }

  function onKey(ui, event) {
    var all = links(ui);
    var at = all.indexOf(document.activeElement);
    if (at < 0 && document.activeElement !== ui.input) { return; }
    var next = null;
    if (event.key === "ArrowDown") {
      next = at < 0 ? all[0] : all[Math.min(at + 1, all.length - 1)];
    } else if (event.key === "ArrowUp") {
      next = at <= 0 ? ui.input : all[at - 1];
    } else if (event.key === "Escape" && at >= 0) {
      next = ui.input;
    }
    if (next) { event.preventDefault(); next.focus(); }
  }

  function start() {
    var ui = {
      input: document.getElementById("search-input"),
      results: document.getElementById("search-results"),
      status: document.getElementById("search-status")
    };
    if (!ui.input || !ui.results || !ui.status) { return; }
    var words = JSON.parse(ui.results.getAttribute("data-words") || "{}");
    Object.keys(words).forEach(function (key) { WORDS[key] = words[key]; });
    prepare();  /* the cost of a whole index is paid before the first key, not on it */
    var query = new URLSearchParams(window.location.search).get("q") || "";
    ui.input.value = query;
    show(ui, query);
    ui.input.addEventListener("input", function () { show(ui, ui.input.value); });
    ui.input.addEventListener("change", function () { keepInAddress(ui.input.value); });
    if (ui.input.form) {
      ui.input.form.addEventListener("submit", function (event) {
        event.preventDefault();
        keepInAddress(ui.input.value);
        var first = links(ui)[0];
        if (first) { first.focus(); }
      });
    }
    document.addEventListener("keydown", function (event) { onKey(ui, event); });
  }

  window.timelineSearch = search;
  window.timelineSearchReady = ready;
  window.timelineNormalise = normalise;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
