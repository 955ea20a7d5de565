"""Accessibility: the pages people open pass an automated check, at desktop and at phone width.

As a recognition officer who uses a screen reader, or who reads qualgraph on a phone between meetings, I need the
pages to be usable: names on every control, text that contrasts with its background, landmarks, language marked,
tables that scroll inside their box instead of the page. axe-core (served by qualgraph from its package,
``/static/vendor/axe-core``, so the check needs no network) runs in headless Chromium on each page and reports no
serious or critical violation. At phone width no page is wider than the screen. (A submission's own page is
checked in ``test_submission_pages.py``, on a service that holds one.)
"""

from __future__ import annotations

import json

import httpx
import pytest
from browser_support import DevTools, axe_violations, needs_chromium

pytestmark = needs_chromium

PAGES = {
    "home": "/",
    "framework": "/id/framework/ie-nfq",
    "reference framework": "/id/framework/eqf",
    "level": "/id/framework/ie-nfq/level/8",
    "ladder": "/ladder?frameworks=ie-nfq,uk-scqf,nz-nzqcf",
    "ladder of three with a reference framework": "/ladder?frameworks=at-nqr,eqf,se-seqf",
    "ladder of four": "/ladder?frameworks=ie-nfq,uk-scqf,nz-nzqcf,uk-rqf",
    "empty ladder": "/ladder?frameworks=ph-pqf,my-mqf",
    "search": "/search?q=NFQ+8",
    "compare": "/compare?from=ie-nfq:8",
    "query editor": "/sparql",
    "plain query page": "/sparql/plain",
    "dataset": "/dataset",
    "upload form": "/submit",
    "submissions": "/submissions",
    "not found": "/no/such/page",
}


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with DevTools(tmp_path_factory.mktemp("chromium-devtools")) as tools:
        yield tools


@pytest.fixture(scope="module")
def axe_source(bundled_service) -> str:
    answer = httpx.get(f"{bundled_service.url}/static/vendor/axe-core/axe.min.js")
    assert answer.status_code == 200
    return answer.text


violations = axe_violations


@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_violation(bundled_service, browser, axe_source, name, width):
    page = browser.open(bundled_service.url + PAGES[name], width=width)
    try:
        found = violations(page, axe_source)
        serious = [v for v in found if v["impact"] in ("serious", "critical")]
        assert serious == [], json.dumps(serious, indent=1)
        if width < 600:  # nothing wider than the phone: wide tables and the ladder scroll inside their box
            overflow = page.evaluate("document.documentElement.scrollWidth") - width  # type: ignore[operator]
            assert overflow <= 1, f"{name} is {overflow}px wider than the screen"
    finally:
        page.close()


def test_the_check_sees_a_violation_and_an_overflow_when_there_is_one(bundled_service, browser, axe_source):
    page = browser.open(bundled_service.url + "/", width=375)
    try:
        page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                      "'<img src=\"/static/vendor/swagger-ui/favicon-32x32.png\"><div style=\"width:900px\">wide</div>')")
        assert "image-alt" in [v["id"] for v in violations(page, axe_source) if v["impact"] == "critical"]
        assert page.evaluate("document.documentElement.scrollWidth") > 375 + 1  # type: ignore[operator]
    finally:
        page.close()
