// Practice mode: draw a question, answer it aloud against the clock, reveal the stories that answer it in
// place, drill their follow-ups, rate yourself. The page states the time and the ratings (practice.md.j2);
// this reads them from it.
(function () {
  "use strict";
  var lb = window.loopbook;

  // The rating a question had last, practice or real interview, whichever is later: {score, at} or null.
  function lastRating(q, done) {
    var practised = done[q.id] || null;
    var real = q.debrief ? { score: q.debrief.rating, at: q.debrief.at } : null;
    if (!practised || !real) return practised || real;
    return real.at > practised.at ? real : practised;
  }

  // The questions a draw picks from: of the scope chosen (a kind, a principle, asked in a real interview,
  // rated low last time), and not yet practised if asked.
  function pool(p) {
    var scope = p.el("scope").value, done = lb.progress.get();
    return p.data.questions.filter(function (q) {
      if (scope.indexOf("kind:") === 0 && q.kind !== scope.slice(5)) return false;
      if (scope.indexOf("principle:") === 0 && q.principles.indexOf(scope.slice(10)) < 0) return false;
      if (scope === "asked" && !q.asked) return false;
      if (scope === "low" && !((lastRating(q, done) || {}).score === p.lowest)) return false;
      return !(p.el("fresh").checked && done[q.id]);
    });
  }

  function showProgress(p) {
    var done = lb.progress.get();
    var n = p.data.questions.filter(function (q) { return done[q.id]; }).length;
    p.el("progress").textContent = "Practised " + n + " of " + p.data.questions.length + " questions.";
  }

  // Keyboard and screen-reader readers follow the focus: after a draw it goes to the question (or to the note
  // that none is left), after a reveal to the stories, so that Tab carries on from where the eyes are.
  function draw(p) {
    p.timer.reset(p.seconds);
    var choices = pool(p);
    p.el("empty").hidden = choices.length > 0;
    p.el("card").hidden = choices.length === 0;
    if (!choices.length) { p.current = null; p.el("empty").focus(); return; }
    p.current = choices[Math.floor(Math.random() * choices.length)];
    var q = p.el("question");
    q.textContent = "";
    q.appendChild(lb.link(p.current.text, p.current.url, p.base));
    p.el("answer").hidden = true;
    p.el("answer").textContent = "";
    p.el("reveal").setAttribute("aria-expanded", "false");
    p.el("announce").textContent = "";
    q.focus();
  }

  // The clock itself is not live (a reading every second is noise); starting, pausing and the end of the time are.
  function announceTimer(p) {
    var announce = p.el("announce"), mode = p.timer.mode;
    if (mode === "paused") announce.textContent = "Timer paused.";
    else if (p.timer.left === p.seconds) announce.textContent = announce.dataset.started;
    else announce.textContent = "Timer resumed.";
  }

  function reveal(p) {
    var box = p.el("answer");
    box.textContent = "";
    box.appendChild(lb.answerFor(p.current, p.base, null, p.data.stories));
    lb.drills.offer(box, p.current, p.drills);
    box.hidden = false;
    p.el("reveal").setAttribute("aria-expanded", "true");
    box.focus();
  }

  function rate(p, score) {
    if (!p.current) return;
    lb.progress.rate(p.current.id, score);
    showProgress(p);
    draw(p);
  }

  function setup() {
    var root = lb.mount("lb-practice");
    var data = root && lb.linkedData("lb-practice-data");
    if (data) data.then(function (d) { ready(root, d); }, function (e) { console.error("loopbook practice:", e); });
  }

  function ready(root, data) {
    root.hidden = false;
    var el = lb.parts(root, "data-practice");
    var ratings = lb.drills.ratings(root, "[data-rate]", "data-rate");
    var p = { el: el, data: data, base: lb.siteBase(), current: null, seconds: Number(el("timer").dataset.seconds),
      timer: new lb.Countdown(el("timer"), el("start"), el("timer-state")), lowest: ratings[0].score,
      drills: { data: data, ratings: ratings, probeSeconds: Number(root.dataset.probeSeconds) } };
    p.timer.onOver = function () { el("announce").textContent = el("announce").dataset.over; };
    p.timer.show(p.seconds);
    el("draw").addEventListener("click", function () { draw(p); });
    el("start").addEventListener("click", function () { announceTimer(p); });  // after the timer's own handler
    el("reveal").addEventListener("click", function () { reveal(p); });
    el("reset").addEventListener("click", function () { lb.progress.reset(); showProgress(p); });
    Array.prototype.forEach.call(root.querySelectorAll("[data-rate]"), function (b) {
      b.addEventListener("click", function () { rate(p, Number(b.dataset.rate)); });
    });
    // Loop practice (loop-practice.js), inside this box, rates questions too: its ratings count here.
    root.addEventListener("loopbook:rated", function () { showProgress(p); });
    showProgress(p);
  }

  lb.onPage(setup);
})();
