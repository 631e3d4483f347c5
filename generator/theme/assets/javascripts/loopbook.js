// loopbook's reader views: the question-bank filter and practice mode. Static: no server at read time.
(function () {
  "use strict";

  function onPage(fn) {
    // Material's instant navigation swaps pages without a reload; document$ tells us each time.
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(fn);
    else document.addEventListener("DOMContentLoaded", fn);
  }

  // ---- Question bank -------------------------------------------------------
  function setupBank() {
    var bar = document.getElementById("lb-bank-filter");
    if (!bar || bar.dataset.ready) return;
    bar.dataset.ready = "1";
    bar.hidden = false;
    var kind = bar.querySelector('[data-filter="kind"]');
    var principle = bar.querySelector('[data-filter="principle"]');
    var gaps = bar.querySelector('[data-filter="gaps"]');
    var count = bar.querySelector(".lb-count");
    var rows = Array.prototype.slice.call(document.querySelectorAll(".lb-q"));
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!kind.value || row.dataset.kind === kind.value) &&
          (!principle.value || row.dataset.principles.split(" ").indexOf(principle.value) >= 0) &&
          (!gaps.checked || row.dataset.answered === "no");
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " questions";
    }
    [kind, principle, gaps].forEach(function (el) { el.addEventListener("change", apply); });
    apply();
  }

  // ---- Practice ------------------------------------------------------------
  var STORE = "loopbook.practice.v1";
  var LIMIT = 120;

  function load() {
    try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }
  function save(progress) {
    try { localStorage.setItem(STORE, JSON.stringify(progress)); } catch (e) { /* private mode: progress lasts the visit */ }
  }
  function siteBase() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }
  function link(text, url, base) {
    var a = document.createElement("a");
    a.textContent = text;  // text, never HTML: the data cannot inject markup
    a.href = new URL(url, base).href;
    return a;
  }

  function setupPractice() {
    var root = document.getElementById("lb-practice");
    var source = document.getElementById("lb-practice-data");
    if (!root || !source || root.dataset.ready) return;
    root.dataset.ready = "1";
    root.hidden = false;
    var data = JSON.parse(source.textContent);
    var base = siteBase();
    var el = function (name) { return root.querySelector('[data-practice="' + name + '"]'); };
    var progress = load();
    var current = null;
    var timer = null;

    function pool() {
      var scope = el("scope").value;
      return data.questions.filter(function (q) {
        if (scope.indexOf("kind:") === 0 && q.kind !== scope.slice(5)) return false;
        if (scope.indexOf("principle:") === 0 && q.principles.indexOf(scope.slice(10)) < 0) return false;
        return !(el("fresh").checked && progress[q.id]);
      });
    }
    function showProgress() {
      var done = data.questions.filter(function (q) { return progress[q.id]; }).length;
      el("progress").textContent = "Practised " + done + " of " + data.questions.length + " questions.";
    }
    function stopTimer() { if (timer) { clearInterval(timer); timer = null; } }
    // Keyboard and screen-reader readers follow the focus: after a draw it goes to the question (or to the note
    // that none is left), after a reveal to the stories, so that Tab carries on from where the eyes are.
    function draw() {
      stopTimer();
      var choices = pool();
      el("empty").hidden = choices.length > 0;
      el("card").hidden = choices.length === 0;
      if (!choices.length) { current = null; el("empty").focus(); return; }
      current = choices[Math.floor(Math.random() * choices.length)];
      var q = el("question");
      q.textContent = "";
      q.appendChild(link(current.text, current.url, base));
      el("timer").textContent = "2:00";
      el("timer").classList.remove("lb-overtime");
      el("answer").hidden = true;
      el("answer").textContent = "";
      el("reveal").setAttribute("aria-expanded", "false");
      el("announce").textContent = "";
      q.focus();
    }
    function startTimer() {
      stopTimer();
      var started = Date.now();
      el("announce").textContent = "Timer started: two minutes.";
      timer = setInterval(function () {
        var left = LIMIT - Math.floor((Date.now() - started) / 1000);
        var abs = Math.abs(left);
        el("timer").textContent = (left < 0 ? "-" : "") + Math.floor(abs / 60) + ":" + String(abs % 60).padStart(2, "0");
        // The clock itself is not live (a reading every second is noise); the end of the two minutes is.
        if (left < 0 && !el("timer").classList.contains("lb-overtime")) el("announce").textContent = "Two minutes are up.";
        el("timer").classList.toggle("lb-overtime", left < 0);
      }, 250);
    }
    function reveal() {
      var box = el("answer");
      box.textContent = "";
      if (current.stories.length) {
        var list = document.createElement("ul");
        current.stories.forEach(function (s) {
          var item = document.createElement("li");
          item.appendChild(link(s.title, s.url, base));
          list.appendChild(item);
        });
        box.appendChild(list);
      } else {
        var p = document.createElement("p");
        p.textContent = current.notes ? "No story answers this question; it has answer notes: " : "No story answers this question yet: a gap to prepare. ";
        p.appendChild(link("open the question", current.url, base));
        box.appendChild(p);
      }
      box.hidden = false;
      el("reveal").setAttribute("aria-expanded", "true");
      box.focus();
    }
    function rate(score) {
      if (!current) return;
      progress[current.id] = { score: score, at: new Date().toISOString().slice(0, 10) };
      save(progress);
      showProgress();
      draw();
    }

    el("draw").addEventListener("click", draw);
    el("start").addEventListener("click", startTimer);
    el("reveal").addEventListener("click", reveal);
    el("reset").addEventListener("click", function () { progress = {}; save(progress); showProgress(); });
    Array.prototype.forEach.call(root.querySelectorAll("[data-rate]"), function (b) {
      b.addEventListener("click", function () { rate(Number(b.dataset.rate)); });
    });
    showProgress();
  }

  onPage(function () { setupBank(); setupPractice(); });
})();
