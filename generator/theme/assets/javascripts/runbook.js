// The runbook pages and the runbook index: parameters filled into the commands, the checklist and its
// timeline, the review banner counted from today, and the index's filter. Each part only adds to a page that
// reads whole without it (TechDocs runs no script): the commands keep their <placeholders>, the banner is the
// build's verdict, the steps are a numbered list, the index two plain lists.
(function () {
  "use strict";

  function onPage(fn) {
    // Material's instant navigation swaps pages without a reload; document$ tells us each time.
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(fn);
    else document.addEventListener("DOMContentLoaded", fn);
  }
  function pageData(id) {
    var source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  }
  // A value kept in this browser under `key`; where the browser keeps nothing (private mode), it lasts the visit.
  function stored(area, key) {
    var memory = null;
    return {
      get: function () {
        try { return JSON.parse(window[area].getItem(key)) || memory; } catch (e) { return memory; }
      },
      set: function (value) {
        memory = value;
        try { window[area].setItem(key, JSON.stringify(value)); } catch (e) { /* memory only */ }
      }
    };
  }

  // ---- Parameters ----------------------------------------------------------
  // A value reaches a command only when it matches its parameter's whole pattern and holds no control or
  // invisible formatting character (a newline ends a command; a bidirectional override hides what is run).
  // Then it is quoted for where it stands, so that the shell reads it as one word of text and nothing else.
  var REFUSED = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;
  var LONGEST = 1000;
  var BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;  // needs no quotes anywhere in a POSIX shell command line

  function singleQuoted(value) { return "'" + value.replace(/'/g, "'\\''") + "'"; }
  function quoted(value, where) {
    if (where === "single") return value.replace(/'/g, "'\\''");  // ends the quotes, an escaped quote, reopens them
    if (where === "double") return /^[^"$`\\!]*$/.test(value) ? value : '"' + singleQuoted(value) + '"';
    return BARE.test(value) ? value : singleQuoted(value);
  }
  function checker(pattern) {
    var re = null;
    try { re = new RegExp("^(?:" + pattern + ")$"); } catch (e) { re = null; }  // a pattern the browser cannot read refuses all
    return function (value) { return re !== null && value.length <= LONGEST && !REFUSED.test(value) && re.test(value); };
  }

  function textNodes(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), nodes = [], node;
    while ((node = walker.nextNode())) nodes.push(node);
    return nodes;
  }
  // The characters start..end of the code's text, across the highlighter's spans, moved into one span of ours.
  function wrap(code, start, end) {
    var range = document.createRange(), at = 0, begun = false;
    textNodes(code).some(function (node) {
      var next = at + node.data.length;
      if (!begun && start < next) { range.setStart(node, start - at); begun = true; }
      if (begun && end <= next) { range.setEnd(node, end - at); return true; }
      at = next;
      return false;
    });
    var span = document.createElement("span");
    span.appendChild(range.extractContents());
    range.insertNode(span);
    return span;
  }
  function nth(text, needle, k) {
    var i = -1;
    for (var n = 0; n <= k; n += 1) { i = text.indexOf(needle, i + 1); if (i < 0) return -1; }
    return i;
  }
  function squeeze(text) { return text.split(/\s+/).join(" ").trim(); }

  // Each placeholder of each command the page's data names, as a span: {name: [{span, where}]}.
  function slotsOf(data) {
    var byText = {}, slots = {};
    data.commands.forEach(function (c) { byText[c.text] = c; });
    Array.prototype.forEach.call(document.querySelectorAll(".md-content pre > code"), function (code) {
      var command = byText[squeeze(code.textContent)];
      if (!command) return;
      var text = code.textContent;
      command.slots.map(function (s) {
        var at = nth(text, "<" + s[0] + ">", s[2]);
        return { name: s[0], where: s[1], start: at, end: at + s[0].length + 2 };
      }).filter(function (s) { return s.start >= 0; })
        .sort(function (a, b) { return b.start - a.start; })  // from the end, so earlier offsets hold
        .forEach(function (s) {
          var span = wrap(code, s.start, s.end);
          span.className = "lb-slot";
          (slots[s.name] = slots[s.name] || []).push({ span: span, where: s.where });
        });
    });
    return slots;
  }

  function setupParameters(data) {
    var form = document.getElementById("lb-params");
    if (!form || form.dataset.ready || !data.parameters.length) return;
    form.dataset.ready = "1";
    var slots = slotsOf(data);
    var query = new URLSearchParams(location.search);
    data.parameters.forEach(function (p) {
      var row = form.querySelector('[data-lb-param="' + p.name + '"]');
      if (!row) return;
      var input = document.createElement("input");
      input.type = "text";
      input.id = "lb-param-" + p.name;
      input.name = p.name;
      input.autocomplete = "off";
      input.spellcheck = false;
      input.setAttribute("aria-describedby", "lb-param-" + p.name + "-help lb-param-" + p.name + "-error");
      var error = document.createElement("span");
      error.className = "lb-param__error";
      error.id = "lb-param-" + p.name + "-error";
      error.setAttribute("role", "alert");
      error.hidden = true;
      row.querySelector("label").after(input);
      row.appendChild(error);
      var fits = checker(p.pattern);
      function fill() {
        var value = input.value, ok = value === "" || fits(value);
        input.setAttribute("aria-invalid", ok ? "false" : "true");
        error.hidden = ok;
        error.textContent = ok ? "" : "Not used: " + JSON.stringify(value.slice(0, 80)) + " is not a valid " + p.name +
          " (it must match " + p.pattern + "). The commands keep <" + p.name + ">.";
        (slots[p.name] || []).forEach(function (s) {
          var filled = ok && value !== "";
          s.span.textContent = filled ? quoted(value, s.where) : "<" + p.name + ">";
          s.span.classList.toggle("lb-slot--filled", filled);
        });
      }
      input.value = query.get(p.name) || "";
      // What is typed stays in the field: not in the page's address or the browser's storage, since a value may be
      // one that should not linger (a token someone pasted).
      input.addEventListener("input", fill);
      fill();
    });
  }
  // ---- Checklist -----------------------------------------------------------
  // Ticks by incident, kept in this browser for this runbook: {incidents: {id: {name, started, ticks: {item: ISO time}}}}.
  // The incident of this page session is new unless the reader picks another; it is kept once something is ticked.
  var KEPT_INCIDENTS = 20;

  function pad(n) { return String(n).padStart(2, "0"); }
  function hhmm(d) { return pad(d.getHours()) + ":" + pad(d.getMinutes()); }
  function day(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function zone(d) {
    var off = -d.getTimezoneOffset(), abs = Math.abs(off);
    return "UTC" + (off < 0 ? "-" : "+") + pad(Math.floor(abs / 60)) + ":" + pad(abs % 60);
  }
  function firstLine(li) {
    var p = li.querySelector(":scope > p") || li;
    var text = squeeze(p.textContent);
    return text.length > 90 ? text.slice(0, 89) + "…" : text;
  }

  function setupChecklist(data) {
    var bar = document.getElementById("lb-incident");
    if (!bar || bar.dataset.ready) return;
    bar.dataset.ready = "1";
    bar.hidden = false;
    var el = function (name) { return bar.querySelector('[data-incident="' + name + '"]'); };
    var book = stored("localStorage", "loopbook.runbook.v1." + data.runbook);
    var session = stored("sessionStorage", "loopbook.runbook.incident.v1." + data.runbook);
    var all = (book.get() || {}).incidents || {};
    var current = session.get();
    if (!current || !all[current]) current = fresh();
    var items = ticks();

    function fresh() {
      var id = "i" + Date.now().toString(36), now = new Date();
      all[id] = { name: "Incident " + day(now) + " " + hhmm(now), started: now.toISOString(), ticks: {} };
      session.set(id);
      return id;
    }
    function keep() {
      var ids = Object.keys(all).filter(function (id) { return id === current || Object.keys(all[id].ticks).length; });
      ids.sort(function (a, b) { return all[b].started < all[a].started ? -1 : 1; });
      var kept = {};
      ids.slice(0, KEPT_INCIDENTS).forEach(function (id) { kept[id] = all[id]; });
      all = kept;
      book.set({ incidents: all });
    }
    // One tick box per step, verification and rollback line, labelled with what it ticks.
    function ticks() {
      var found = [];
      Array.prototype.forEach.call(document.querySelectorAll("[data-lb-checklist]"), function (list) {
        var part = list.getAttribute("data-lb-checklist");
        var ol = list.querySelector("ol");
        if (!ol) return;
        Array.prototype.forEach.call(ol.children, function (li, i) {
          var id = part + "-" + (i + 1), label = part + " " + (i + 1);
          var row = document.createElement("div");
          row.className = "lb-tick";
          var box = document.createElement("input");
          box.type = "checkbox";
          box.id = "lb-tick-" + id;
          var text = li.querySelector(":scope > p");
          if (text) { text.id = text.id || "lb-tick-" + id + "-text"; box.setAttribute("aria-describedby", text.id); }
          var name = document.createElement("label");
          name.htmlFor = box.id;
          name.textContent = "Done: " + label;
          var time = document.createElement("span");
          time.className = "lb-tick__time";
          row.append(box, name, time);
          li.insertBefore(row, li.firstChild);
          box.addEventListener("change", function () { tick(id, box.checked); });
          found.push({ id: id, label: label, li: li, box: box, time: time });
        });
      });
      return found;
    }
    function tick(id, on) {
      var mine = all[current].ticks;
      if (on) mine[id] = new Date().toISOString(); else delete mine[id];
      keep();
      render();
    }
    function render() {
      var mine = all[current].ticks;
      items.forEach(function (item) {
        var at = mine[item.id];
        item.box.checked = !!at;
        item.time.textContent = at ? "ticked " + hhmm(new Date(at)) : "";
        item.li.classList.toggle("lb-done", !!at);
      });
      var choice = el("choice");
      choice.textContent = "";
      Object.keys(all).sort(function (a, b) { return all[b].started < all[a].started ? -1 : 1; }).forEach(function (id) {
        var option = document.createElement("option");
        option.value = id;
        option.textContent = all[id].name + " (" + Object.keys(all[id].ticks).length + " ticked)";
        choice.appendChild(option);
      });
      choice.value = current;
      if (document.activeElement !== el("name")) el("name").value = all[current].name;
    }
    function timeline() {
      var mine = all[current].ticks, title = document.querySelector(".md-content h1");
      var done = items.filter(function (i) { return mine[i.id]; }).sort(function (a, b) { return mine[a.id] < mine[b.id] ? -1 : 1; });
      var url = location.origin + location.pathname, first = new Date(done.length ? mine[done[0].id] : Date.now());
      var lines = ["**" + all[current].name + "**: [" + squeeze(title ? title.firstChild.textContent : document.title) + "](" + url + ")" +
        ", times " + zone(first)];
      var shownDay = day(first);
      done.forEach(function (item) {
        var at = new Date(mine[item.id]);
        var prefix = day(at) === shownDay ? "" : day(at) + " ";
        shownDay = day(at);
        lines.push(prefix + hhmm(at) + " " + item.label + " " + firstLine(item.li));
      });
      return { text: lines.join("\n") + "\n", count: done.length };
    }
    function say(text) { el("status").textContent = text; }
    function copy() {
      var t = timeline();
      var shown = function () {
        var area = bar.querySelector("textarea") || bar.appendChild(document.createElement("textarea"));
        area.readOnly = true;
        area.setAttribute("aria-label", "Timeline");
        area.value = t.text;
        area.select();
        say("The browser did not allow copying: the timeline is selected below, copy it with Ctrl+C.");
      };
      if (!navigator.clipboard) return shown();
      navigator.clipboard.writeText(t.text).then(function () {
        say("Timeline copied: " + t.count + " line" + (t.count === 1 ? "" : "s") + ".");
      }, shown);
    }
    var clearing = null;
    function clear() {
      var button = el("reset");
      if (!clearing) {  // a second press within five seconds clears: one stray press at 3 a.m. loses nothing
        button.textContent = "Clear all ticks? Press again";
        clearing = setTimeout(function () { clearing = null; button.textContent = "Clear ticks"; }, 5000);
        return;
      }
      clearTimeout(clearing);
      clearing = null;
      button.textContent = "Clear ticks";
      all[current].ticks = {};
      keep();
      render();
      say("Ticks cleared.");
    }

    el("choice").addEventListener("change", function () { current = el("choice").value; session.set(current); render(); });
    el("name").addEventListener("input", function () { all[current].name = el("name").value || "Incident"; keep(); render(); });
    el("new").addEventListener("click", function () { current = fresh(); keep(); render(); say("New incident started."); el("name").focus(); });
    el("copy").addEventListener("click", copy);
    el("reset").addEventListener("click", clear);
    render();
  }

  // ---- Review banner -------------------------------------------------------
  // Counted from today each time the page is read: a site nobody rebuilds still turns overdue.
  function setupReview() {
    var box = document.querySelector("[data-lb-review-due]");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var due = box.getAttribute("data-lb-review-due").split("-").map(Number);
    var now = new Date();
    var days = Math.round((Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) - Date.UTC(due[0], due[1] - 1, due[2])) / 86400000);
    box.hidden = days <= 0;
    if (days <= 0) return;
    var text = box.querySelector(".lb-review__text");
    text.textContent = "This runbook was due for review on " + box.getAttribute("data-lb-review-due") + ", " + days +
      (days === 1 ? " day" : " days") + " ago. Check every step before you rely on it, then update ";
    var code = document.createElement("code");
    code.textContent = "last_reviewed";
    text.append(code, ".");
  }

  // ---- Runbook index -------------------------------------------------------
  function setupIndex() {
    var bar = document.getElementById("lb-runbook-filter");
    if (!bar || bar.dataset.ready) return;
    bar.dataset.ready = "1";
    bar.hidden = false;
    var words = bar.querySelector('[data-filter="text"]'), level = bar.querySelector('[data-filter="severity"]');
    var count = bar.querySelector(".lb-count");
    var groups = [], heading = null;
    Array.prototype.forEach.call(document.querySelectorAll(".md-content h3, .md-content table"), function (node) {
      if (node.tagName === "H3") { heading = node; return; }
      groups.push({ heading: heading, table: node, rows: Array.prototype.slice.call(node.querySelectorAll("tbody tr")) });
    });
    var total = {};
    groups.forEach(function (g) { g.rows.forEach(function (r) { var a = r.querySelector("a"); if (a) total[a.href] = 1; }); });
    function severity(row, group) {
      var badge = row.querySelector(".lb-sev");
      return badge ? badge.className.replace(/.*lb-sev--(sev\d).*/, "$1") : group.heading && group.heading.id;
    }
    function apply() {
      var want = squeeze(words.value).toLowerCase(), shown = {};
      groups.forEach(function (g) {
        var any = false, context = g.heading ? g.heading.textContent : "";
        g.rows.forEach(function (row) {
          var ok = (!level.value || severity(row, g) === level.value) &&
            (!want || (context + " " + row.textContent).toLowerCase().indexOf(want) >= 0);
          row.hidden = !ok;
          if (ok) { any = true; var a = row.querySelector("a"); if (a) shown[a.href] = 1; }
        });
        g.table.classList.toggle("lb-filter-empty", !any);
        if (g.heading) g.heading.classList.toggle("lb-filter-empty", !any);
      });
      count.textContent = Object.keys(shown).length + " of " + Object.keys(total).length + " runbooks";
    }
    words.addEventListener("input", apply);
    level.addEventListener("change", apply);
    apply();
  }

  onPage(function () {
    var data = pageData("lb-runbook-data");
    if (data) { setupParameters(data); setupChecklist(data); }
    setupReview();
    setupIndex();
  });
})();
