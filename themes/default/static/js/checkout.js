// Narrow the commune list when the province changes. Without this script the form has a
// "Show communes" button that does the same with a page reload.
(function () {
  var script = document.getElementById("checkout-js");
  var province = document.getElementById("id_province");
  var ward = document.getElementById("id_ward");
  if (!script || !province || !ward) return;
  document.querySelectorAll(".js-hide").forEach(function (el) { el.hidden = true; });
  province.addEventListener("change", function () {
    ward.disabled = true;
    fetch(script.dataset.wardsUrl + "?province=" + encodeURIComponent(province.value), {
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { ward.innerHTML = html; })
      .catch(function () {
        document.querySelectorAll(".js-hide").forEach(function (el) { el.hidden = false; });
      })
      .finally(function () { ward.disabled = false; });
  });
})();
