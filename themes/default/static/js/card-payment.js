// Stripe's Payment Element. The order becomes paid when Stripe's signed webhook reaches
// the shop, not when this page says so: after confirmation we go back to the order page.
(function () {
  var form = document.getElementById("card-form");
  if (!form || typeof Stripe === "undefined") return;
  var stripe = Stripe(form.dataset.key, { locale: form.dataset.lang || "vi" });
  var elements = stripe.elements({ clientSecret: form.dataset.secret });
  elements.create("payment").mount("#payment-element");
  var error = document.getElementById("card-error");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    form.querySelector("button").disabled = true;
    stripe
      .confirmPayment({ elements: elements, confirmParams: { return_url: form.dataset.return } })
      .then(function (result) {
        if (result.error) {
          error.textContent = result.error.message;
          form.querySelector("button").disabled = false;
        }
      });
  });
})();
