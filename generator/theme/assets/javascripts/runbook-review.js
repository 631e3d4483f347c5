// A runbook's review banner, counted from the reader's date each time the page is read: a site nobody rebuilds
// still turns overdue. Without it the banner is the build's verdict.
(function () {
  "use strict";
  var lb = window.loopbook;

  function setup() {
    var box = lb.mount("lb-review");
    if (!box) return;
    var due = box.getAttribute("data-lb-review-due").split("-").map(Number);
    var now = new Date();
    var days = Math.round((Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) - Date.UTC(due[0], due[1] - 1, due[2])) / 86400000);
    box.hidden = days <= 0;
    if (days <= 0) return;
    var text = box.querySelector(".lb-review__text");
    text.textContent = "This runbook was due for review on " + box.getAttribute("data-lb-review-due") + ", " + days +
      (days === 1 ? " day" : " days") + " ago. Check every step before you rely on it, then update ";
    var code = document.createElement("code");
    code.textContent = "last_reviewed";
    text.append(code, ".");
  }

  lb.onPage(setup);
})();
