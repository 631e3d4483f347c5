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

  // ---- One clock for both practice modes -------------------------------------
  function clock(seconds) {
    var abs = Math.abs(seconds);
    return (seconds < 0 ? "-" : "") + Math.floor(abs / 60) + ":" + String(abs % 60).padStart(2, "0");
  }

  // A countdown shown in `face`: the time left, below zero once it is over (marked lb-overtime).
  function Countdown(face) {
    this.face = face;
    this.ticking = null;
  }
  Countdown.prototype.stop = function () {
    if (this.ticking) { clearInterval(this.ticking); this.ticking = null; }
  };
  // The face alone: a running countdown carries on (the loop shows a round's time again after each rating).
  Countdown.prototype.show = function (seconds) {
    this.face.textContent = clock(seconds);
    this.face.classList.remove("lb-overtime");
  };
  // onOver, if given, is told once when the time is up.
  Countdown.prototype.start = function (seconds, onOver) {
    this.stop();
    var face = this.face, started = Date.now(), over = false;
    this.ticking = setInterval(function () {
      var left = seconds - Math.floor((Date.now() - started) / 1000);
      face.textContent = clock(left);
      face.classList.toggle("lb-overtime", left < 0);
      if (left < 0 && !over) { over = true; if (onOver) onOver(); }
    }, 250);
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
  // As both practice modes show it: the stories that answer it, or why none does. onStory is told of
  // each story shown (the loop keeps which round revealed it).
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

  // Text with its white space collapsed: a code block's text as the page data gives it, a step's first line.
  function squeeze(text) { return text.split(/\s+/).join(" ").trim(); }

  // Assigned, never tested first: a page element with id="loopbook" is window.loopbook until then.
  window.loopbook = {
    onPage: onPage, mount: mount, pageData: pageData, parts: parts, siteBase: siteBase, link: link,
    clock: clock, Countdown: Countdown, stored: stored, progress: progress, answerFor: answerFor,
    squeeze: squeeze
  };
})();
