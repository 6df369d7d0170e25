/* Small page behaviours, in a file rather than inline handlers so the Content-Security-Policy
   can refuse inline script: select[data-autosubmit] submits its form when changed;
   a[data-back] goes back in history (or follows its href without history);
   a button or form with data-confirm asks first (without script it simply submits);
   div[data-more] is filled from its URL as it nears the screen (below). */
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");
  // a[data-drawer=ID] opens #ID as a drawer on a phone (filters); [data-drawer-close] or
  // Escape closes it and gives focus back to the opener. Without script the link jumps there.
  var opener = null;
  function closeDrawer(drawer) {
    drawer.classList.remove("is-open");
    document.body.classList.remove("drawer-open");
    if (opener) { opener.setAttribute("aria-expanded", "false"); opener.focus(); }
  }
  document.addEventListener("click", function (event) {
    var open = event.target.closest && event.target.closest("[data-drawer]");
    var drawer = open && document.getElementById(open.getAttribute("data-drawer"));
    if (drawer && window.matchMedia("(max-width: 999px)").matches) {
      event.preventDefault();
      opener = open;
      drawer.classList.add("is-open");
      document.body.classList.add("drawer-open");
      open.setAttribute("aria-expanded", "true");
      var close = drawer.querySelector("[data-drawer-close]");
      if (close) { close.hidden = false; close.focus(); }
      return;
    }
    var shut = event.target.closest && event.target.closest("[data-drawer-close]");
    if (shut) { closeDrawer(shut.closest(".drawer")); }
  });
  document.addEventListener("keydown", function (event) {
    var drawer = document.querySelector(".drawer.is-open");
    if (drawer && event.key === "Escape") { closeDrawer(drawer); }
  });
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
  // div[data-more=URL]: a part of the page fetched as it comes near the screen: the
  // producer's fair booth, stories and other products on a product page
  // (catalogue.views.ProducerMoreView). Fetched without cookies, so every visitor and every
  // product of the producer share one cached copy. Its [data-show=N] holds N + 1 cards: the
  // card of data-except (the page's own product) goes, else the last. Without script, or
  // if the fetch fails or is redirected, the link to the producer's page stands. The box's
  // data-state says which: loaded or failed.
  function fill(box) {
    fetch(box.getAttribute("data-more"), { credentials: "omit" })
      .then(function (response) {
        // Redirected (a sign-in or maintenance page): not the part; the link stays.
        if (!response.ok || response.redirected) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) {
        var part = document.createElement("template");
        part.innerHTML = html;
        if (!part.content.querySelector("[data-producer-part]")) { throw new Error("not the part"); }
        box.appendChild(part.content);
        var section = box.querySelector("[data-show]");
        if (section) {
          var cards = section.querySelectorAll("[data-product]");
          var own = section.querySelector('[data-product="' + box.getAttribute("data-except") + '"]');
          if (own) { own.remove(); } else if (cards.length > Number(section.getAttribute("data-show"))) {
            cards[cards.length - 1].remove();
          }
          if (!section.querySelector("[data-product]")) { section.remove(); }
        }
        box.setAttribute("data-state", "loaded");
      })
      .catch(function () { box.setAttribute("data-state", "failed"); /* the link stays */ });
  }
  var boxes = document.querySelectorAll("div[data-more]");
  if (boxes.length && "IntersectionObserver" in window) {
    var watcher = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { watcher.unobserve(entry.target); fill(entry.target); }
      });
    }, { rootMargin: "0px 0px 800px 0px" });
    boxes.forEach(function (box) { watcher.observe(box); });
  } else {
    boxes.forEach(fill);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-back]");
    if (link && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
})();
