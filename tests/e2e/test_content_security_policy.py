"""Item 16: the shop's own pages pass their Content-Security-Policy in a real browser:
Chromium reports no violation on the home page, a product page, the basket and checkout."""

import pytest

from tests.factories import CertificateFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Runs before any page script (through the DevTools protocol, so the policy does not apply
# to it) and records every violation the page reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def test_no_csp_violations_on_shop_pages(live_server, phone):
    product = CertificateFactory(product__title="Kẹo dừa Bến Tre", stars=4).product
    console = []
    phone.on("console", lambda msg: console.append(msg.text))
    phone.add_init_script(RECORD_VIOLATIONS)

    def visit(path):
        response = phone.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "Content-Security-Policy" in {k.title() for k in response.headers}
        phone.wait_for_load_state("load")
        assert phone.evaluate("window.__cspViolations") == [], path

    visit("/")
    visit(product.get_absolute_url())
    with phone.expect_navigation():  # the basket form's answer, before going on
        phone.locator(".add-to-basket button[type=submit]").click()
    visit("/shop/basket/")
    visit("/shop/checkout/")
    # The checkout script still runs under the policy: the commune list follows the province.
    phone.select_option("#id_province", "86")
    phone.wait_for_selector("#id_ward option >> nth=1", state="attached")
    assert phone.evaluate("window.__cspViolations") == []
    assert not [m for m in console if "Content Security Policy" in m], console
