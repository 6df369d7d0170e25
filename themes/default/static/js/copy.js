/* Copy buttons of the VietQR box (issue 11): a buyer paying from the phone that shows the
   code cannot scan it, so each detail copies with one tap. The buttons are hidden until
   this script runs; without it the values are plain text to select by hand.
   navigator.clipboard needs a secure context; elsewhere (or when refused) the value's text
   is selected and execCommand("copy") tried, and if even that fails the selection stays so
   the buyer can copy it from the phone's own menu. The result is said in the aria-live
   status line, so screen readers announce it. */
(function () {
  "use strict";
  var status = document.querySelector(".copy-status");
  var buttons = document.querySelectorAll("button[data-copy]");
  if (!status || !buttons.length) return;

  function select(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function say(button, text) {
    buttons.forEach(function (b) { b.classList.remove("copied"); });
    button.classList.add("copied");
    status.textContent = "";
    // A fresh text node, so a second copy of the same value is announced again.
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function fallback(button, value) {
    var shown = document.getElementById(button.getAttribute("aria-describedby"));
    var copied = false;
    if (shown) select(shown);
    // What is copied is the button's value (digits only for the amount), via a hidden field.
    var field = document.createElement("textarea");
    field.value = value;
    field.setAttribute("readonly", "");
    field.className = "copy-buffer";
    document.body.appendChild(field);
    field.select();
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    document.body.removeChild(field);
    if (shown && !copied) select(shown);
    say(button, copied ? button.dataset.copied + ": " + value : status.dataset.selectHint);
  }

  buttons.forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var value = button.dataset.copy;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(value).then(
          function () { say(button, button.dataset.copied + ": " + value); },
          function () { fallback(button, value); }
        );
      } else {
        fallback(button, value);
      }
    });
  });
})();
