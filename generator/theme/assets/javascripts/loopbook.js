// What loopbook's feature scripts share, as window.loopbook. main.html loads this file first, then one
// file per feature (bank.js, practice.js, loop-practice.js, coverage.js, problems.js, search.js). Each
// feature only adds controls to a page that reads whole without it: TechDocs, for one, runs no script.
(function () {
  "use strict";

  function onPage(fn) {
    // Material's instant navigation swaps pages without a reload; document$ tells us each time.
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(fn);
    else document.addEventListener("DOMContentLoaded", fn);
  }

  // A feature's element, the first time a page is set up: null when the page has none, or when it was set
  // up already (a page is announced again on instant navigation).
  function mount(id) {
    var box = document.getElementById(id);
    if (!box || box.dataset.ready) return null;
    box.dataset.ready = "1";
    return box;
  }

  // The JSON a generated page carries for its script (in a <script type="application/json">), or null.
  function pageData(id) {
    var source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  }

  // The JSON a page links to for its script (the link in the element with this id), where it would make
  // the page grow with the handbook: a promise of it, fetched once however many features ask; null when
  // the page has no such link.
  var fetched = {};
  function linkedData(id) {
    var box = document.getElementById(id);
    var link = box && box.querySelector("a[href]");
    if (!link) return null;
    if (!fetched[link.href]) {
      fetched[link.href] = fetch(link.href, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(link.href + ": HTTP " + r.status);
        return r.json();
      });
    }
    return fetched[link.href];
  }

  // The parts of a view by name: parts(root, "data-practice")("timer") is its [data-practice="timer"].
  function parts(root, attribute) {
    return function (name) { return root.querySelector("[" + attribute + '="' + name + '"]'); };
  }

  // The site's root URL, wherever the page sits below it (the site may live under a sub-path).
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

  // ---- One clock for both practice modes and the follow-up drills --------------
  function clock(seconds) {
    var abs = Math.abs(seconds);
    return Math.floor(abs / 60) + ":" + String(abs % 60).padStart(2, "0");
  }

  // A countdown shown in `face`, started, paused and resumed by `button` when one is given, its state said in
  // words in `state` (Running, Paused, Over time), not by colour alone. Past zero it counts the time over, as
  // "0:12 over" (never a negative time), marked lb-overtime.
  function Countdown(face, button, state) {
    this.face = face;
    this.button = button || null;
    this.state = state || null;
    this.label = button ? button.textContent : "";  // the button's own words for "start"
    this.ticking = null;
    this.limit = 0;
    this.left = 0;
    this.mode = "idle";
    this.onOver = null;
    var self = this;
    if (button) button.addEventListener("click", function () { self.toggle(); });
  }
  Countdown.prototype.stop = function () {
    if (this.ticking) { clearInterval(this.ticking); this.ticking = null; }
  };
  Countdown.prototype.paint = function () {
    var over = this.left < 0;
    this.face.textContent = clock(this.left) + (over ? " over" : "");
    this.face.classList.toggle("lb-overtime", over);
    var words = { idle: "", running: "Running", paused: "Paused" }[this.mode];
    if (this.state) this.state.textContent = over && this.mode === "running" ? "Over time" : words;
    if (this.face.parentNode) this.face.parentNode.dataset.timer = this.mode;
    if (this.button) this.button.textContent = { idle: this.label, running: "Pause timer", paused: "Resume timer" }[this.mode];
  };
  // Set to `seconds`, not running: the loop shows a round's time again after each rating only while it is idle.
  Countdown.prototype.show = function (seconds) {
    if (this.mode !== "idle") return;
    this.limit = this.left = seconds;
    this.paint();
  };
  Countdown.prototype.reset = function (seconds) {
    this.stop();
    this.mode = "idle";
    this.show(seconds);
  };
  // onOver, if given, is told once when the time is up.
  Countdown.prototype.start = function (seconds, onOver) {
    this.reset(seconds);
    this.onOver = onOver || null;
    this.run();
  };
  Countdown.prototype.run = function () {
    var self = this, from = Date.now(), left = this.left;
    this.mode = "running";
    this.paint();
    this.ticking = setInterval(function () {
      if (!self.face.isConnected) return self.stop();  // its card was replaced: a new draw, a new follow-up
      var was = self.left;
      self.left = left - Math.floor((Date.now() - from) / 1000);
      self.paint();
      if (self.left < 0 && was >= 0 && self.onOver) self.onOver();
    }, 250);
  };
  Countdown.prototype.pause = function () {
    this.stop();
    this.mode = "paused";
    this.paint();
  };
  Countdown.prototype.toggle = function () {
    if (this.mode === "running") this.pause();
    else if (this.mode === "paused") this.run();
    else this.start(this.limit, this.onOver);
  };

  // ---- Stored progress -------------------------------------------------------
  // A value kept in this browser under `key` (null: none). Where the browser keeps nothing (private
  // mode), it lasts the visit.
  function stored(key) {
    var memory = null, kept = true;
    return {
      get: function () {
        if (!kept) return memory;
        try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return memory; }
      },
      set: function (value) {
        memory = value;
        try {
          if (value === null) localStorage.removeItem(key);
          else localStorage.setItem(key, JSON.stringify(value));
          kept = true;
        } catch (e) { kept = false; }
      }
    };
  }

  // The questions practised and how it went, by question id; practice and loop practice both rate.
  var practised = stored("loopbook.practice.v1");
  var progress = {
    get: function () { return practised.get() || {}; },
    rate: function (id, score) {
      var all = progress.get();
      all[id] = { score: score, at: new Date().toISOString().slice(0, 10) };
      practised.set(all);
    },
    reset: function () { practised.set({}); }
  };

  // ---- A question's answer ---------------------------------------------------
  // As both practice modes show it: the stories that answer it, each in place (headline, STAR in brief,
  // figures, from `stories`, the page's stories by id), or why none does. onStory is told of each story
  // shown (the loop keeps which round revealed it).
  function answerFor(question, base, onStory, stories) {
    if (!question.stories.length) {
      var p = document.createElement("p");
      p.textContent = question.notes ? "No story answers this question; it has answer notes: " : "No story answers this question yet: a gap to prepare. ";
      p.appendChild(link("open the question", question.url, base));
      return p;
    }
    var list = document.createElement("ul");
    list.className = "lb-reveal";
    question.stories.forEach(function (s) {
      var item = document.createElement("li");
      item.className = "lb-reveal__story";
      item.dataset.story = s.id;
      var title = document.createElement("p");
      title.className = "lb-reveal__title";
      title.appendChild(link(s.title, s.url, base));
      item.appendChild(title);
      if (stories && stories[s.id]) brief(item, stories[s.id]);
      list.appendChild(item);
      if (onStory) onStory(s);
    });
    return list;
  }

  function add(parent, tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  // A story in brief, enough to judge an answer without leaving the page.
  function brief(item, story) {
    if (story.headline) add(add(item, "p", "lb-reveal__headline"), "strong", "", story.headline);
    if (story.star.length) {
      var star = add(item, "dl", "lb-reveal__star");
      story.star.forEach(function (part) {
        add(star, "dt", "", part[0]);
        add(star, "dd", "", part[1]);
      });
    }
    if (story.figures.length) {
      var figures = add(item, "ul", "lb-reveal__figures");
      figures.setAttribute("aria-label", "Figures");
      story.figures.forEach(function (f) {
        var li = add(figures, "li");
        add(li, "strong", "", f[0]);
        li.appendChild(document.createTextNode(" " + f[1]));
      });
    }
  }

  // Text with its white space collapsed: a code block's text as the page data gives it, a step's first line.
  function squeeze(text) { return text.split(/\s+/).join(" ").trim(); }

  // Assigned, never tested first: a page element with id="loopbook" is window.loopbook until then.
  window.loopbook = {
    onPage: onPage, mount: mount, pageData: pageData, linkedData: linkedData, parts: parts, siteBase: siteBase, link: link,
    clock: clock, Countdown: Countdown, stored: stored, progress: progress, answerFor: answerFor, add: add,
    squeeze: squeeze
  };
})();
