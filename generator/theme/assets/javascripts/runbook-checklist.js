// A runbook's steps, verification and rollback as a checklist: a tick box per line with the time it was
// ticked, kept in this browser per runbook and incident, and the timeline copied as Markdown lines for the
// incident channel. Without it the page is the numbered lists.
(function () {
  "use strict";
  var lb = window.loopbook;

  // Ticks by incident, kept in this browser for this runbook: {incidents: {id: {name, started, ticks: {item: ISO time}}}}.
  // The incident of this page session (this tab) is a new one unless the reader picks another; an incident is
  // kept once something is ticked in it, the newest 20.
  var KEPT_INCIDENTS = 20;

  function pad(n) { return String(n).padStart(2, "0"); }
  function hhmm(d) { return pad(d.getHours()) + ":" + pad(d.getMinutes()); }
  function day(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function zone(d) {
    var off = -d.getTimezoneOffset(), abs = Math.abs(off);
    return "UTC" + (off < 0 ? "-" : "+") + pad(Math.floor(abs / 60)) + ":" + pad(abs % 60);
  }
  function firstLine(li) {
    var text = lb.squeeze((li.querySelector(":scope > p") || li).textContent);
    return text.length > 90 ? text.slice(0, 89) + "…" : text;
  }
  function newestFirst(all) {
    return Object.keys(all).sort(function (a, b) { return all[b].started < all[a].started ? -1 : 1; });
  }

  // The current incident of this tab, for this tab only.
  function sessionValue(key) {
    var memory = null;
    return {
      get: function () { try { return JSON.parse(sessionStorage.getItem(key)) || memory; } catch (e) { return memory; } },
      set: function (value) { memory = value; try { sessionStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* memory only */ } }
    };
  }

  // The incidents of one runbook, and which one this tab is in.
  function Incidents(runbook) {
    this.book = lb.stored("loopbook.runbook.v1." + runbook);
    this.session = sessionValue("loopbook.runbook.incident.v1." + runbook);
    this.all = (this.book.get() || {}).incidents || {};
    this.current = this.session.get();
    if (!this.current || !this.all[this.current]) this.start();
  }
  Incidents.prototype.start = function () {
    var id = "i" + Date.now().toString(36), now = new Date();
    this.all[id] = { name: "Incident " + day(now) + " " + hhmm(now), started: now.toISOString(), ticks: {} };
    this.pick(id);
  };
  Incidents.prototype.pick = function (id) { this.current = id; this.session.set(id); };
  Incidents.prototype.mine = function () { return this.all[this.current]; };
  Incidents.prototype.keep = function () {
    var all = this.all, current = this.current, kept = {};
    newestFirst(all).filter(function (id) { return id === current || Object.keys(all[id].ticks).length; })
      .slice(0, KEPT_INCIDENTS).forEach(function (id) { kept[id] = all[id]; });
    this.all = kept;
    this.book.set({ incidents: kept });
  };

  // One tick box per step, verification and rollback line, labelled with what it ticks and described by its text.
  function tickBox(li, part, n, onChange) {
    var id = part + "-" + n, row = document.createElement("div"), box = document.createElement("input");
    var name = document.createElement("label"), time = document.createElement("span"), text = li.querySelector(":scope > p");
    row.className = "lb-tick";
    box.type = "checkbox";
    box.id = "lb-tick-" + id;
    if (text) { text.id = text.id || box.id + "-text"; box.setAttribute("aria-describedby", text.id); }
    name.htmlFor = box.id;
    name.textContent = "Done: " + part + " " + n;
    time.className = "lb-tick__time";
    row.append(box, name, time);
    li.insertBefore(row, li.firstChild);
    box.addEventListener("change", function () { onChange(id, box.checked); });
    return { id: id, label: part + " " + n, li: li, box: box, time: time };
  }
  function tickBoxes(onChange) {
    var found = [];
    Array.prototype.forEach.call(document.querySelectorAll("[data-lb-checklist] > ol"), function (ol) {
      var part = ol.parentNode.getAttribute("data-lb-checklist");
      Array.prototype.forEach.call(ol.children, function (li, i) { found.push(tickBox(li, part, i + 1, onChange)); });
    });
    return found;
  }

  function render(incidents, items, el) {
    var ticks = incidents.mine().ticks, choice = el("choice");
    items.forEach(function (item) {
      var at = ticks[item.id];
      item.box.checked = !!at;
      item.time.textContent = at ? "ticked " + hhmm(new Date(at)) : "";
      item.li.classList.toggle("lb-done", !!at);
    });
    choice.textContent = "";
    newestFirst(incidents.all).forEach(function (id) {
      var option = document.createElement("option"), it = incidents.all[id];
      option.value = id;
      option.textContent = it.name + " (" + Object.keys(it.ticks).length + " ticked)";
      choice.appendChild(option);
    });
    choice.value = incidents.current;
    if (document.activeElement !== el("name")) el("name").value = incidents.mine().name;
  }

  // A line for the incident and its runbook, then "03:12 step 2 What it says" per tick, in the order ticked (the
  // date before a time when the day changes).
  function timeline(incident, items) {
    var ticks = incident.ticks, title = document.querySelector(".md-content h1");
    var done = items.filter(function (i) { return ticks[i.id]; }).sort(function (a, b) { return ticks[a.id] < ticks[b.id] ? -1 : 1; });
    var first = new Date(done.length ? ticks[done[0].id] : Date.now()), shownDay = day(first);
    var lines = ["**" + incident.name + "**: [" + lb.squeeze(title ? title.firstChild.textContent : document.title) + "](" +
      location.origin + location.pathname + "), times " + zone(first)];
    done.forEach(function (item) {
      var at = new Date(ticks[item.id]);
      lines.push((day(at) === shownDay ? "" : day(at) + " ") + hhmm(at) + " " + item.label + " " + firstLine(item.li));
      shownDay = day(at);
    });
    return { text: lines.join("\n") + "\n", count: done.length };
  }

  function copy(bar, t, say) {
    function shown() {  // where the browser refuses the clipboard, the text to copy by hand
      var area = bar.querySelector("textarea") || bar.appendChild(document.createElement("textarea"));
      area.readOnly = true;
      area.setAttribute("aria-label", "Timeline");
      area.value = t.text;
      area.select();
      say("The browser did not allow copying: the timeline is selected below, copy it with Ctrl+C.");
    }
    if (!navigator.clipboard) return shown();
    navigator.clipboard.writeText(t.text).then(function () {
      say("Timeline copied: " + t.count + " line" + (t.count === 1 ? "" : "s") + ".");
    }, shown);
  }

  // Clearing asks twice: a second press within five seconds clears, so one stray press at 3 a.m. loses nothing.
  function twice(button, done) {
    var waiting = null, label = button.textContent;
    button.addEventListener("click", function () {
      if (!waiting) {
        button.textContent = "Clear all ticks? Press again";
        waiting = setTimeout(function () { waiting = null; button.textContent = label; }, 5000);
        return;
      }
      clearTimeout(waiting);
      waiting = null;
      button.textContent = label;
      done();
    });
  }

  function setup() {
    var data = lb.pageData("lb-runbook-data");
    var bar = data && lb.mount("lb-incident");
    if (!bar) return;
    bar.hidden = false;
    var el = lb.parts(bar, "data-incident"), incidents = new Incidents(data.runbook);
    var show = function () { render(incidents, items, el); };
    var say = function (text) { el("status").textContent = text; };
    var items = tickBoxes(function (id, on) {
      var ticks = incidents.mine().ticks;
      if (on) ticks[id] = new Date().toISOString(); else delete ticks[id];
      incidents.keep();
      show();
    });
    el("choice").addEventListener("change", function () { incidents.pick(el("choice").value); show(); });
    el("name").addEventListener("input", function () { incidents.mine().name = el("name").value || "Incident"; incidents.keep(); show(); });
    el("new").addEventListener("click", function () { incidents.start(); incidents.keep(); show(); say("New incident started."); el("name").focus(); });
    el("copy").addEventListener("click", function () { copy(bar, timeline(incidents.mine(), items), say); });
    twice(el("reset"), function () { incidents.mine().ticks = {}; incidents.keep(); show(); say("Ticks cleared."); });
    show();
  }

  lb.onPage(setup);
})();
