/* Small page behaviours, in a file rather than inline handlers so the Content-Security-Policy
   can refuse inline script: select[data-autosubmit] submits its form when changed;
   a[data-back] goes back in history (or follows its href without history);
   a button or form with data-confirm asks first (without script it simply submits). */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("select[data-autosubmit]") && el.form) {
      el.form.submit();
    }
  });
  document.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    var source = (submitter && submitter.hasAttribute("data-confirm")) ? submitter : event.target;
    var question = source.getAttribute && source.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-back]");
    if (link && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
})();
