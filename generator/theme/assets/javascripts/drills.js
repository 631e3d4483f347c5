// Follow-up drills: once practice or loop practice reveals a story, its follow-ups (the story's `probes`) are
// asked one at a time, each on a short timer, with what interviewers listen for (the principles' `signals`)
// as a checklist to hold the answer against, and a rating. Ratings are kept in this browser by story and
// follow-up. Used by practice.js and loop-practice.js as window.loopbook.drills; loaded before them.
(function () {
  "use strict";
  var lb = window.loopbook;
  var saved = lb.stored("loopbook.practice.drills.v1");

  function record(key, score, ticked) {
    var all = saved.get() || {};
    all[key] = { score: score, signals: ticked, at: new Date().toISOString().slice(0, 10) };
    saved.set(all);
  }

  // The principles whose signals the answer is held against: those of the question the story shows, else (when
  // they list no signal) the story's own.
  function principlesFor(question, story, signals) {
    var listed = story.principles.filter(function (p) { return (signals[p] || []).length; });
    var asked = listed.filter(function (p) { return question.principles.indexOf(p) >= 0; });
    return asked.length ? asked : listed;
  }

  // One drill: the story's follow-ups in turn. `page` gives the data, the follow-up time and the rating names.
  function Drill(box, question, storyId, page) {
    this.box = box;
    this.story = page.data.stories[storyId];
    this.key = storyId;
    this.question = question;
    this.page = page;
    this.at = 0;
  }
  Drill.prototype.begin = function () {
    this.at = 0;
    this.box.hidden = false;
    this.ask();
  };
  Drill.prototype.ask = function () {
    var self = this, probe = this.story.probes[this.at], box = this.box;
    if (this.timer) this.timer.stop();
    box.textContent = "";
    if (!probe) return this.finish();
    var heading = lb.add(box, "p", "lb-drill__heading", "Follow-up " + (this.at + 1) + " of " + this.story.probes.length + ": " + probe.question);
    heading.tabIndex = -1;
    var line = lb.add(box, "p", "lb-practice__timer lb-drill__timer");
    var face = lb.add(line, "span");
    face.setAttribute("role", "timer");
    face.setAttribute("aria-label", "Time left for this follow-up");
    line.appendChild(document.createTextNode(" "));
    var button = lb.add(line, "button", "md-button", "Start timer");
    button.type = "button";
    line.appendChild(document.createTextNode(" "));
    this.timer = new lb.Countdown(face, button, lb.add(line, "span", "lb-timer__state"));
    this.timer.show(this.page.probeSeconds);
    var ticks = this.checklist(box);
    this.notes(box, probe);
    var rate = lb.add(box, "p", "lb-practice__rate", "Rate your answer: ");
    rate.setAttribute("role", "group");
    rate.setAttribute("aria-label", "Rate your answer to this follow-up");
    this.page.ratings.forEach(function (r) {
      var b = lb.add(rate, "button", "md-button", r.name);
      b.type = "button";
      b.dataset.drillRate = r.score;
      b.addEventListener("click", function () { self.rate(r.score, ticks); });
      rate.appendChild(document.createTextNode(" "));
    });
    heading.focus();
  };
  // What interviewers listen for, as checkboxes: tick what the answer showed.
  Drill.prototype.checklist = function (box) {
    var data = this.page.data, ticks = [];
    principlesFor(this.question, this.story, data.signals).forEach(function (p) {
      var set = lb.add(box, "fieldset", "lb-drill__signals");
      lb.add(set, "legend", "", "What interviewers listen for (" + (data.principles[p] || p) + "): tick what your answer showed");
      data.signals[p].forEach(function (text) {
        var label = lb.add(set, "label");
        var tick = lb.add(label, "input");
        tick.type = "checkbox";
        label.appendChild(document.createTextNode(" " + text));
        ticks.push(tick);
      });
    });
    return ticks;
  };
  // The answer notes, shown on request once the answer is given aloud.
  Drill.prototype.notes = function (box, probe) {
    var show = lb.add(box, "button", "md-button", "Show the answer notes");
    show.type = "button";
    show.setAttribute("aria-expanded", "false");
    var notes = lb.add(box, "div", "lb-drill__notes");
    notes.hidden = true;
    if (probe.claim) lb.add(notes, "p", "", "As told: " + probe.claim);
    lb.add(notes, "p", "", probe.answer);
    show.addEventListener("click", function () {
      notes.hidden = !notes.hidden;
      show.setAttribute("aria-expanded", String(!notes.hidden));
    });
  };
  Drill.prototype.rate = function (score, ticks) {
    var ticked = ticks.map(function (t, i) { return t.checked ? i : -1; }).filter(function (i) { return i >= 0; });
    record(this.key + "#" + (this.at + 1), score, ticked);
    this.at += 1;
    this.ask();
  };
  Drill.prototype.finish = function () {
    var self = this, done = lb.add(this.box, "p", "lb-drill__heading", "Follow-ups done: " + this.story.probes.length +
      " rated. Your ratings stay in this browser.");
    done.tabIndex = -1;
    var again = lb.add(this.box, "button", "md-button", "Drill the follow-ups again");
    again.type = "button";
    again.addEventListener("click", function () { self.begin(); });
    done.focus();
  };

  // Give each revealed story that has follow-ups a button that starts its drill, below the story.
  function offer(answer, question, page) {
    Array.prototype.forEach.call(answer.querySelectorAll(".lb-reveal__story"), function (item) {
      var story = page.data.stories[item.dataset.story];
      if (!story || !story.probes.length) return;
      var start = lb.add(item, "button", "md-button", "Drill the follow-ups (" + story.probes.length + ")");
      start.type = "button";
      start.setAttribute("aria-expanded", "false");
      var box = lb.add(item, "div", "lb-drill");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Follow-up drill: " + story.title);
      box.hidden = true;
      var drill = new Drill(box, question, item.dataset.story, page);
      start.addEventListener("click", function () {
        start.setAttribute("aria-expanded", "true");
        drill.begin();
      });
    });
  }

  // The rating names as the page's buttons say them (selector: those buttons).
  function ratings(root, selector, attribute) {
    return Array.prototype.map.call(root.querySelectorAll(selector), function (b) {
      return { score: Number(b.getAttribute(attribute)), name: b.textContent };
    });
  }

  lb.drills = { offer: offer, ratings: ratings, saved: saved };
})();
