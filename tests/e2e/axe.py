"""Accessibility checks with axe-core (the copy bundled in axe-playwright-python, so nothing
is fetched), and the journeys' screenshots under var/screenshots/ (not committed)."""

from functools import cache
from pathlib import Path

import axe_playwright_python

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
FAILING_IMPACTS = {"critical", "serious"}


@cache
def axe_source():
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def check_page(page, name):
    """Screenshot the page and fail on any critical or serious axe violation. axe is
    evaluated through the browser's debugging protocol, which the page's CSP (no inline
    script) does not apply to: the page is tested as it is served."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:5])}"
        for v in result["violations"]
        if v["impact"] in FAILING_IMPACTS
    ]
    assert not bad, f"{name}: " + "; ".join(bad)
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{name}: {width} px wide on a {viewport} px screen"
