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
  function clock(seconds) {
    var abs = Math.abs(seconds);
    return (seconds < 0 ? "-" : "") + Math.floor(abs / 60) + ":" + String(abs % 60).padStart(2, "0");
  }
  // A question's answer as both practice modes show it: the stories that answer it, or why none does.
  // onStory is told of each story shown (the loop keeps which round revealed it).
  function answerFor(question, base, onStory) {
    if (!question.stories.length) {
      var p = document.createElement("p");
      p.textContent = question.notes ? "No story answers this question; it has answer notes: " : "No story answers this question yet: a gap to prepare. ";
      p.appendChild(link("open the question", question.url, base));
      return p;
    }
    var list = document.createElement("ul");
    question.stories.forEach(function (s) {
      var item = document.createElement("li");
      item.appendChild(link(s.title, s.url, base));
      list.appendChild(item);
      if (onStory) onStory(s);
    });
    return list;
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
        el("timer").textContent = clock(left);
        // The clock itself is not live (a reading every second is noise); the end of the two minutes is.
        if (left < 0 && !el("timer").classList.contains("lb-overtime")) el("announce").textContent = "Two minutes are up.";
        el("timer").classList.toggle("lb-overtime", left < 0);
      }, 250);
    }
    function reveal() {
      var box = el("answer");
      box.textContent = "";
      box.appendChild(answerFor(current, base));
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
    setupLoop(root, data, base, function (id, score) {
      progress[id] = { score: score, at: new Date().toISOString().slice(0, 10) };
      save(progress);
      showProgress();
    });
  }

  // ---- Practice a loop -----------------------------------------------------
  // The rounds in order, each with questions for its principles and its own timer; at the end a
  // summary of the ratings and of any story revealed in two rounds (one story, one round, in a loop).
  var LOOP_STORE = "loopbook.practice.loop.v1";
  var RATINGS = { 1: "Struggled", 2: "Got there", 3: "Nailed it" };

  function setupLoop(root, data, base, record) {
    var box = root.querySelector('[data-loop="root"]');
    if (!box || !data.loops || !data.loops.length) return;
    var el = function (name) { return box.querySelector('[data-loop="' + name + '"]'); };
    var byId = {};
    data.questions.forEach(function (q) { byId[q.id] = q; });
    var stories = {};
    data.questions.forEach(function (q) { q.stories.forEach(function (s) { stories[s.id] = s; }); });
    var state = null;
    var timer = null;
    try { state = JSON.parse(localStorage.getItem(LOOP_STORE)); } catch (e) { state = null; }

    function keep() {
      try {
        if (state) localStorage.setItem(LOOP_STORE, JSON.stringify(state));
        else localStorage.removeItem(LOOP_STORE);
      } catch (e) { /* private mode: the loop lasts the visit */ }
    }
    function loop() {
      return state && data.loops.filter(function (l) { return l.id === state.loop; })[0];
    }
    function stopTimer() { if (timer) { clearInterval(timer); timer = null; } }

    // One question per principle of the round, of the round's kinds; questions not yet asked in this
    // loop first, then any that fits, so a thin bank still gives the round something to answer.
    function draw(round) {
      var asked = [].concat.apply([], state.rounds.map(function (r) { return r.questions; }));
      var chosen = [];
      round.focus.forEach(function (principle) {
        var fits = data.questions.filter(function (q) {
          return q.principles.indexOf(principle) >= 0 && (!round.kinds.length || round.kinds.indexOf(q.kind) >= 0) &&
            chosen.indexOf(q.id) < 0;
        });
        var fresh = fits.filter(function (q) { return asked.indexOf(q.id) < 0; });
        var pool = fresh.length ? fresh : fits;
        if (pool.length) chosen.push(pool[Math.floor(Math.random() * pool.length)].id);
      });
      return chosen;
    }
    function begin(index) {
      stopTimer();
      var round = loop().rounds[index];
      state.round = index;
      state.rounds[index] = { questions: draw(round), ratings: [] };
      keep();
      render();
      el("heading").focus();
    }
    function start() {
      state = { loop: el("choice").value, round: 0, rounds: [], revealed: {}, done: false };
      begin(0);
    }

    function render() {
      var current = loop();
      if (!current) state = null;
      el("round").hidden = !state || state.done;
      el("summary").hidden = !state || !state.done;
      if (!state) return;
      el("choice").value = state.loop;
      if (state.done) return summary(current);
      var round = current.rounds[state.round];
      var mine = state.rounds[state.round];
      el("heading").textContent = "Round " + (state.round + 1) + " of " + current.rounds.length + ": " + round.name +
        (round.bar_raiser ? " (Bar Raiser)" : "") + " · " + round.minutes + " minutes";
      el("focus").textContent = "The interviewer holds: " + round.focus.map(function (p) { return data.principles[p] || p; }).join(", ") + ".";
      el("timer").textContent = clock(round.minutes * 60);
      el("timer").classList.remove("lb-overtime");
      var q = byId[mine.questions[mine.ratings.length]];
      el("card").hidden = !q;
      el("done").hidden = !!q;
      el("answer").hidden = true;
      el("answer").textContent = "";
      if (q) {
        el("question").textContent = "";
        el("question").appendChild(link(q.text, q.url, base));
      } else {
        el("done-text").textContent = mine.questions.length ? "Round done." : "The question bank has no question for this round's principles.";
        el("next").textContent = state.round + 1 < current.rounds.length ? "Next round" : "See the summary";
      }
    }
    function startTimer() {
      stopTimer();
      var limit = loop().rounds[state.round].minutes * 60;
      var started = Date.now();
      timer = setInterval(function () {
        var left = limit - Math.floor((Date.now() - started) / 1000);
        el("timer").textContent = clock(left);
        el("timer").classList.toggle("lb-overtime", left < 0);
      }, 250);
    }
    function reveal() {
      var mine = state.rounds[state.round];
      var q = byId[mine.questions[mine.ratings.length]];
      var answer = el("answer");
      answer.textContent = "";
      answer.appendChild(answerFor(q, base, function (s) {
        var rounds = state.revealed[s.id] = state.revealed[s.id] || [];
        if (rounds.indexOf(state.round + 1) < 0) rounds.push(state.round + 1);
      }));
      if (q.stories.length) keep();
      answer.hidden = false;
    }
    function rate(score) {
      var mine = state.rounds[state.round];
      var id = mine.questions[mine.ratings.length];
      if (!id) return;
      mine.ratings.push(score);
      record(id, score);
      keep();
      render();
      (el("card").hidden ? el("next") : el("question").querySelector("a")).focus();
    }
    function next() {
      stopTimer();
      if (state.round + 1 < loop().rounds.length) return begin(state.round + 1);
      state.done = true;
      keep();
      render();
      el("summary-heading").focus();
    }

    function summary(current) {
      el("summary-heading").textContent = "Loop summary: " + current.title;
      var rows = el("rows");
      rows.textContent = "";
      current.rounds.forEach(function (round, i) {
        var mine = state.rounds[i] || { questions: [], ratings: [] };
        var tr = document.createElement("tr");
        [round.name + (round.bar_raiser ? " (Bar Raiser)" : ""), mine.ratings.length + " of " + mine.questions.length,
          mine.ratings.map(function (r) { return RATINGS[r]; }).join(", ") || "none"].forEach(function (text) {
          var td = document.createElement("td");
          td.textContent = text;
          tr.appendChild(td);
        });
        rows.appendChild(tr);
      });
      var repeats = el("repeats");
      repeats.textContent = "";
      var twice = Object.keys(state.revealed).filter(function (id) { return state.revealed[id].length > 1 && stories[id]; }).sort();
      var p = document.createElement("p");
      p.textContent = twice.length ? "Stories revealed in two rounds or more; in a real loop, tell each story in one round only:" :
        "No story came up in two rounds.";
      repeats.appendChild(p);
      if (twice.length) {
        var list = document.createElement("ul");
        twice.forEach(function (id) {
          var item = document.createElement("li");
          item.className = "lb-loop__repeat";
          item.appendChild(link(stories[id].title, stories[id].url, base));
          item.appendChild(document.createTextNode(": rounds " + state.revealed[id].slice().sort(function (a, b) { return a - b; }).join(", ")));
          list.appendChild(item);
        });
        repeats.appendChild(list);
      }
    }

    el("start").addEventListener("click", start);
    el("timer-start").addEventListener("click", startTimer);
    el("reveal").addEventListener("click", reveal);
    el("next").addEventListener("click", next);
    el("again").addEventListener("click", function () { el("choice").value = state.loop; start(); });
    [el("quit"), el("close")].forEach(function (b) {
      b.addEventListener("click", function () { stopTimer(); state = null; keep(); render(); el("start").focus(); });
    });
    Array.prototype.forEach.call(box.querySelectorAll("[data-loop-rate]"), function (b) {
      b.addEventListener("click", function () { rate(Number(b.dataset.loopRate)); });
    });
    render();
  }

  // ---- Coverage heat-map ---------------------------------------------------
  // Drawn from the page's JSON: a row per principle, a column per story, so that the page itself
  // stays small however many stories and principles the handbook has.
  function setupCoverage() {
    var box = document.getElementById("lb-coverage");
    var source = document.getElementById("lb-coverage-data");
    if (!box || !source || box.dataset.ready) return;
    box.dataset.ready = "1";
    var data = JSON.parse(source.textContent);
    var base = siteBase();
    var cells = data.principles.map(function () { return data.stories.map(function () { return 0; }); });
    data.stories.forEach(function (story, j) {
      story[1].forEach(function (p, k) { cells[p][j] = k === 0 ? 2 : 1; });
    });
    var words = ["not shown", "also shown", "primary"];
    var table = document.createElement("table");
    table.className = "lb-heatmap";
    var head = table.createTHead().insertRow();
    var corner = document.createElement("th");
    corner.scope = "col";
    corner.textContent = "Principle";
    head.appendChild(corner);
    data.stories.forEach(function (story, j) {
      var th = document.createElement("th");
      th.scope = "col";
      th.title = story[0];
      var a = document.createElement("a");
      a.href = "#story-" + (j + 1);
      a.textContent = String(j + 1);
      th.appendChild(a);
      head.appendChild(th);
    });
    var total = document.createElement("th");
    total.scope = "col";
    total.textContent = "Stories";
    head.appendChild(total);
    var body = table.createTBody();
    data.principles.forEach(function (principle, i) {
      var row = body.insertRow();
      var th = document.createElement("th");
      th.scope = "row";
      th.appendChild(link(principle[0], principle[1], base));
      row.appendChild(th);
      var shown = 0;
      cells[i].forEach(function (c, j) {
        var td = row.insertCell();
        td.className = "lb-heat lb-heat--" + c;
        td.title = data.stories[j][0] + ": " + words[c];
        td.textContent = ["", "·", "●"][c];
        if (c) shown += 1;
      });
      var count = row.insertCell();
      count.className = "lb-heat-total";
      count.textContent = String(shown);
    });
    box.appendChild(table);
    box.hidden = false;
  }

  // ---- Problems under `loopbook serve` --------------------------------------
  // The preview keeps serving the last good pages while the data has errors; every page lists them.
  function showProblems() {
    var meta = document.querySelector('meta[name="loopbook-serve"]');
    var content = document.querySelector(".md-content__inner");
    if (!meta || !content) return;
    fetch(new URL(meta.content, siteBase()).href, { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : { problems: [] }; })
      .then(function (data) {
        var old = document.getElementById("lb-problems");
        if (old) old.remove();
        if (!data.problems || !data.problems.length) return;
        var box = document.createElement("div");
        box.id = "lb-problems";
        box.className = "admonition failure lb-problems";
        box.setAttribute("role", "alert");
        var title = document.createElement("p");
        title.className = "admonition-title";
        title.textContent = data.problems.length === 1 ? "The data has a problem; these pages are the last good build"
          : "The data has " + data.problems.length + " problems; these pages are the last good build";
        var list = document.createElement("ul");
        data.problems.forEach(function (line) {
          var item = document.createElement("li");
          var code = document.createElement("code");
          code.textContent = line;  // text, never HTML: a message quotes the data
          item.appendChild(code);
          list.appendChild(item);
        });
        box.appendChild(title);
        box.appendChild(list);
        content.insertBefore(box, content.firstChild);
      })
      .catch(function () { /* no list to show: the terminal has it */ });
  }

  onPage(function () { setupBank(); setupPractice(); setupCoverage(); showProblems(); });
})();
