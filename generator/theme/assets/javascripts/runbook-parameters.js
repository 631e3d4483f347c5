// A runbook's parameters filled into its commands, from the page's address (?namespace=payments: an alert's
// labels) and from a field per parameter. Without it the commands show their <placeholders> as written.
(function () {
  "use strict";
  var lb = window.loopbook;

  // A value reaches a command only when it matches its parameter's whole pattern and holds no control or
  // invisible formatting character (a newline ends a command; a bidirectional override hides what is run).
  // Then it is quoted for where it stands, so that the shell reads it as one word of text and nothing else.
  var REFUSED = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;
  var LONGEST = 1000;
  var PLAIN_IN_DOUBLE = /^[^\x22$\x60\\!]*$/;  // nothing "..." gives meaning to: no " $ ` \ or !
  var BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;  // needs no quotes anywhere in a POSIX shell command line

  // Inside '...', a quote is written '\'' : the quotes end, an escaped quote, the quotes open again.
  function inSingleQuotes(value) { return value.split("'").join("'\\''"); }
  function singleQuoted(value) { return "'" + inSingleQuotes(value) + "'"; }
  function quoted(value, where) {
    if (where === "single") return inSingleQuotes(value);
    if (where === "double") return PLAIN_IN_DOUBLE.test(value) ? value : '"' + singleQuoted(value) + '"';
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

  // Each placeholder of each command the page's data names, as a span: {name: [{span, where}]}.
  function slotsOf(data) {
    var byText = {}, slots = {};
    data.commands.forEach(function (c) { byText[c.text] = c; });
    Array.prototype.forEach.call(document.querySelectorAll(".md-content pre > code"), function (code) {
      var command = byText[lb.squeeze(code.textContent)];
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

  // The field of one parameter, and the message shown when its value is refused.
  function field(row, p) {
    var input = document.createElement("input"), error = document.createElement("span");
    input.type = "text";
    input.id = "lb-param-" + p.name;
    input.name = p.name;
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("aria-describedby", "lb-param-" + p.name + "-help lb-param-" + p.name + "-error");
    error.className = "lb-param__error";
    error.id = "lb-param-" + p.name + "-error";
    error.setAttribute("role", "alert");
    error.hidden = true;
    row.querySelector("label").after(input);
    row.appendChild(error);
    return { input: input, error: error };
  }

  // The field's value into the parameter's placeholders, quoted for each, or the placeholders back when the
  // value is empty or refused.
  function fill(p, f, fits, spans) {
    var value = f.input.value, ok = value === "" || fits(value), filled = ok && value !== "";
    f.input.setAttribute("aria-invalid", ok ? "false" : "true");
    f.error.hidden = ok;
    f.error.textContent = ok ? "" : "Not used: " + JSON.stringify(value.slice(0, 80)) + " is not a valid " + p.name +
      " (it must match " + p.pattern + "). The commands keep <" + p.name + ">.";
    spans.forEach(function (s) {
      s.span.textContent = filled ? quoted(value, s.where) : "<" + p.name + ">";
      s.span.classList.toggle("lb-slot--filled", filled);
    });
  }

  function setup() {
    var data = lb.pageData("lb-runbook-data");
    var form = data && data.parameters.length && lb.mount("lb-params");
    if (!form) return;
    var slots = slotsOf(data), query = new URLSearchParams(location.search);
    data.parameters.forEach(function (p) {
      var row = form.querySelector('[data-lb-param="' + p.name + '"]');
      if (!row) return;
      var f = field(row, p), fits = checker(p.pattern), again = function () { fill(p, f, fits, slots[p.name] || []); };
      f.input.value = query.get(p.name) || "";
      // What is typed stays in the field: not in the page's address or the browser's storage, since a value may be
      // one that should not linger (a token someone pasted).
      f.input.addEventListener("input", again);
      again();
    });
  }

  lb.onPage(setup);
})();
