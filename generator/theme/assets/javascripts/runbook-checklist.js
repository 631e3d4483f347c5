// A runbook's steps, verification and rollback as a checklist: a tick box per line with the time it was
// ticked, kept in this browser per runbook and incident, and the timeline copied as Markdown lines for the
// incident channel. Without it the page is the numbered lists.
(function () {
  "use strict";
  var lb = window.loopbook;

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
  function squeeze(text) { return text.split(/\s+/).join(" ").trim(); }
  function firstLine(li) {
    var p = li.querySelector(":scope > p") || li;
    var text = squeeze(p.textContent);
    return text.length > 90 ? text.slice(0, 89) + "…" : text;
  }

  // The incident of this page session (this tab), kept for the session only.
  function sessionValue(key) {
    var memory = null;
    return {
      get: function () { try { return JSON.parse(sessionStorage.getItem(key)) || memory; } catch (e) { return memory; } },
      set: function (value) { memory = value; try { sessionStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* memory only */ } }
    };
  }
  function setup() {
    var data = lb.pageData("lb-runbook-data");
    var bar = data && lb.mount("lb-incident");
    if (!bar) return;
    bar.hidden = false;
    var el = lb.parts(bar, "data-incident");
    var book = lb.stored("loopbook.runbook.v1." + data.runbook);
    var session = sessionValue("loopbook.runbook.incident.v1." + data.runbook);
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

  lb.onPage(setup);
})();
