// An alert's page (handbook/alerts/<name>/) leads to its runbook. Its meta refresh, for browsers without
// JavaScript, drops the query string the alert's link carries (?cluster=prod-eu), which the runbook page
// reads; this keeps it, and the fragment.
(function () {
  var link = document.querySelector("a[data-lb-runbook]");
  if (link) window.location.replace(link.href + window.location.search + window.location.hash);
})();
