// Practise a loop: the rounds in order, each with questions for its principles and its own timer; at the
// end a summary of the ratings and of any story revealed in two rounds (one story, one round, in a loop).
// It lives inside practice mode's box and reads the same data; `L` below is one loop's view and state.
(function () {
  "use strict";
  var lb = window.loopbook;
  var saved = lb.stored("loopbook.practice.loop.v1");

  function keep(L) { saved.set(L.state); }
  function chosen(L) {
    return L.state && L.data.loops.filter(function (l) { return l.id === L.state.loop; })[0];
  }
  function asking(L) {
    var mine = L.state.rounds[L.state.round];
    return mine.questions[mine.ratings.length];
  }

  // One question per principle of the round, of the round's kinds: first one the company asked in an
  // earlier real round (its debriefs, most recent first), then one not yet asked in this loop, then any
  // that fits, so a thin bank still gives the round something to answer.
  function drawRound(L, round) {
    var asked = [].concat.apply([], L.state.rounds.map(function (r) { return r.questions; }));
    var before = chosen(L).asked || [];
    var picked = [];
    round.focus.forEach(function (principle) {
      var fits = L.data.questions.filter(function (q) {
        return q.principles.indexOf(principle) >= 0 && (!round.kinds.length || round.kinds.indexOf(q.kind) >= 0) &&
          picked.indexOf(q.id) < 0;
      });
      var fresh = fits.filter(function (q) { return asked.indexOf(q.id) < 0; });
      var real = before.filter(function (id) { return fresh.some(function (q) { return q.id === id; }); });
      var pool = fresh.length ? fresh : fits;
      if (real.length) picked.push(real[0]);
      else if (pool.length) picked.push(pool[Math.floor(Math.random() * pool.length)].id);
    });
    return picked;
  }

  function begin(L, index) {
    L.timer.reset(chosen(L).rounds[index].minutes * 60);
    L.state.round = index;
    L.state.rounds[index] = { questions: drawRound(L, chosen(L).rounds[index]), ratings: [] };
    keep(L);
    render(L);
    L.el("heading").focus();
  }
  function start(L) {
    L.state = { loop: L.el("choice").value, round: 0, rounds: [], revealed: {}, done: false };
    begin(L, 0);
  }
  function next(L) {
    L.timer.reset(0);
    if (L.state.round + 1 < chosen(L).rounds.length) return begin(L, L.state.round + 1);
    L.state.done = true;
    keep(L);
    render(L);
    L.el("summary-heading").focus();
  }
  function quit(L) {
    L.timer.reset(0);
    L.state = null;
    keep(L);
    render(L);
    L.el("start").focus();
  }

  function render(L) {
    var current = chosen(L);
    if (!current) L.state = null;
    L.el("round").hidden = !L.state || L.state.done;
    L.el("summary").hidden = !L.state || !L.state.done;
    if (!L.state) return;
    L.el("choice").value = L.state.loop;
    if (L.state.done) return summary(L, current);
    var round = current.rounds[L.state.round];
    L.el("heading").textContent = "Round " + (L.state.round + 1) + " of " + current.rounds.length + ": " + round.name +
      (round.bar_raiser ? " (Bar Raiser)" : "") + " · " + round.minutes + " minutes";
    L.el("focus").textContent = "The interviewer holds: " + round.focus.map(function (p) { return L.data.principles[p] || p; }).join(", ") + ".";
    L.timer.show(round.minutes * 60);
    showQuestion(L, current);
  }
  function showQuestion(L, current) {
    var q = L.byId[asking(L)];
    L.el("card").hidden = !q;
    L.el("done").hidden = !!q;
    L.el("answer").hidden = true;
    L.el("answer").textContent = "";
    if (q) {
      L.el("question").textContent = "";
      L.el("question").appendChild(lb.link(q.text, q.url, L.base));
    } else {
      L.el("done-text").textContent = L.state.rounds[L.state.round].questions.length ? "Round done." : "The question bank has no question for this round's principles.";
      L.el("next").textContent = L.state.round + 1 < current.rounds.length ? "Next round" : "See the summary";
    }
  }

  function reveal(L) {
    var q = L.byId[asking(L)];
    var answer = L.el("answer");
    answer.textContent = "";
    answer.appendChild(lb.answerFor(q, L.base, function (s) {
      var rounds = L.state.revealed[s.id] = L.state.revealed[s.id] || [];
      if (rounds.indexOf(L.state.round + 1) < 0) rounds.push(L.state.round + 1);
    }, L.data.stories));
    lb.drills.offer(answer, q, L.drills);
    if (q.stories.length) keep(L);
    answer.hidden = false;
  }
  function rate(L, score) {
    var id = asking(L);
    if (!id) return;
    L.state.rounds[L.state.round].ratings.push(score);
    lb.progress.rate(id, score);
    L.box.dispatchEvent(new CustomEvent("loopbook:rated", { bubbles: true }));  // practice mode counts it
    keep(L);
    render(L);
    (L.el("card").hidden ? L.el("next") : L.el("question").querySelector("a")).focus();
  }

  function summary(L, current) {
    L.el("summary-heading").textContent = "Loop summary: " + current.title;
    var rows = L.el("rows");
    rows.textContent = "";
    current.rounds.forEach(function (round, i) {
      var mine = L.state.rounds[i] || { questions: [], ratings: [] };
      var tr = document.createElement("tr");
      [round.name + (round.bar_raiser ? " (Bar Raiser)" : ""), mine.ratings.length + " of " + mine.questions.length,
        mine.ratings.map(function (r) { return ratingName(L, r); }).join(", ") || "none"].forEach(function (text) {
        var td = document.createElement("td");
        td.textContent = text;
        tr.appendChild(td);
      });
      rows.appendChild(tr);
    });
    showRepeats(L);
  }
  // A rating as the page names it: the label of its button.
  function ratingName(L, score) {
    return L.box.querySelector('[data-loop-rate="' + score + '"]').textContent;
  }
  function showRepeats(L) {
    var repeats = L.el("repeats"), revealed = L.state.revealed;
    repeats.textContent = "";
    var twice = Object.keys(revealed).filter(function (id) { return revealed[id].length > 1 && L.stories[id]; }).sort();
    var p = document.createElement("p");
    p.textContent = twice.length ? "Stories revealed in two rounds or more; in a real loop, tell each story in one round only:" :
      "No story came up in two rounds.";
    repeats.appendChild(p);
    if (!twice.length) return;
    var list = document.createElement("ul");
    twice.forEach(function (id) {
      var item = document.createElement("li");
      item.className = "lb-loop__repeat";
      item.appendChild(lb.link(L.stories[id].title, L.stories[id].url, L.base));
      item.appendChild(document.createTextNode(": rounds " + revealed[id].slice().sort(function (a, b) { return a - b; }).join(", ")));
      list.appendChild(item);
    });
    repeats.appendChild(list);
  }

  function listen(L) {
    var on = function (name, fn) { L.el(name).addEventListener("click", function () { fn(L); }); };
    on("start", start);
    on("reveal", reveal);
    on("next", next);
    on("again", function () { L.el("choice").value = L.state.loop; start(L); });
    on("quit", quit);
    on("close", quit);
    Array.prototype.forEach.call(L.box.querySelectorAll("[data-loop-rate]"), function (b) {
      b.addEventListener("click", function () { rate(L, Number(b.dataset.loopRate)); });
    });
  }

  function setup() {
    var practice = document.getElementById("lb-practice");
    var box = practice && practice.querySelector('[data-loop="root"]');
    var data = box && !box.dataset.ready && lb.linkedData("lb-practice-data");
    if (!data) return;
    box.dataset.ready = "1";
    data.then(function (d) { ready(practice, box, d); }, function (e) { console.error("loopbook loop practice:", e); });
  }

  function ready(practice, box, data) {
    if (!data.loops || !data.loops.length) return;
    var L = { box: box, el: lb.parts(box, "data-loop"), data: data, base: lb.siteBase(), byId: {}, stories: {}, state: saved.get() };
    data.questions.forEach(function (q) {
      L.byId[q.id] = q;
      q.stories.forEach(function (s) { L.stories[s.id] = s; });
    });
    L.timer = new lb.Countdown(L.el("timer"), L.el("timer-start"), L.el("timer-state"));
    L.drills = { data: data, ratings: lb.drills.ratings(box, "[data-loop-rate]", "data-loop-rate"),
      probeSeconds: Number(practice.dataset.probeSeconds) };
    listen(L);
    render(L);
  }

  lb.onPage(setup);
})();
