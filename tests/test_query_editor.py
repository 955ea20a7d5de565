"""The SPARQL editor: YASGUI from the package, on this endpoint, with no other host contacted.

As a researcher studying referencing across Europe I open ``/sparql/editor``, pick "Which national frameworks are
referenced to the EQF…" from the questions researchers ask, and get a table I can sort and page through, with
prefixed names (``qgid:framework/uk-rqf``, ``qgs:accepted``) because the graph's prefixes are known to the editor.
Everything the page loads comes from qualgraph itself (YASGUI is vendored in the package), so it works on a
closed network; the page passes the accessibility check with its results shown. Headless Chromium over the
DevTools protocol, watching every request the page makes.
"""

from __future__ import annotations

import json
import time

import httpx
import pytest
from browser_support import DevTools, axe_violations, needs_chromium

pytestmark = needs_chromium


@pytest.fixture
def service(bundled_service):
    """The service on the bundled data (conftest.py; every test here only reads)."""
    return bundled_service


def test_the_page_lists_questions_researchers_ask_not_internal_queries(service):
    page = httpx.get(f"{service.url}/sparql/editor").text
    assert "Which national frameworks are referenced to the EQF" in page
    assert "comparability-subgraph" not in page and "submission-" not in page
    config = json.loads(page.split('<script type="application/json" id="editor-config">', 1)[1].split("</script>")[0])
    assert config["endpoint"] == f"{service.url}/sparql"
    assert config["prefixes"]["qgid"] == "https://w3id.org/qualgraph/id/"
    assert httpx.get(f"{service.url}/static/vendor/yasgui/yasgui.min.js").status_code == 200


def test_an_example_runs_with_no_other_host_and_shows_a_sortable_paged_table(service, tmp_path):
    with DevTools(tmp_path / "profile") as browser:
        page = browser.open(f"{service.url}/sparql/editor", width=1280)
        page.evaluate("document.querySelector('[data-example]').click()")
        deadline = time.monotonic() + 60
        rows = 0
        while time.monotonic() < deadline and not rows:
            rows = page.evaluate("document.querySelectorAll('.yasr table tbody tr').length")  # type: ignore[assignment]
            time.sleep(0.1)
        assert rows >= 5
        table = page.evaluate("document.querySelector('.yasr table').innerText")
        assert "qgid:framework/uk-rqf" in table and "qgs:accepted" in table  # type: ignore[operator]
        assert page.evaluate("!!document.querySelector('#yasgui select.tableSizer')")  # paging
        assert page.evaluate("document.querySelectorAll('.yasr table thead th').length") >= 5  # type: ignore[operator]
        requests = [e["params"]["request"]["url"] for e in page.events if e.get("method") == "Network.requestWillBeSent"]
        assert any(url.endswith("/static/vendor/yasgui/yasgui.min.js") for url in requests), requests
        assert any(url == f"{service.url}/sparql" for url in requests), requests
        assert all(url.startswith(service.url) for url in requests), requests
        axe = httpx.get(f"{service.url}/static/vendor/axe-core/axe.min.js").text
        serious = [v for v in axe_violations(page, axe) if v["impact"] in ("serious", "critical")]
        assert serious == [], serious
        page.close()


def test_the_plain_query_page_lists_the_researchers_questions_first(service):
    """The plain query page (``/sparql`` in a browser) keeps the service's own queries for developers, but below
    the questions a researcher asks, which open there too."""
    page = httpx.get(f"{service.url}/sparql", headers={"Accept": "text/html"}).text
    questions = page.index("Questions researchers ask")
    assert questions < page.index("Which national frameworks are referenced to the EQF")
    assert page.index("Which national frameworks are referenced to the EQF") < page.index("Queries the service itself runs")
    opened = httpx.get(f"{service.url}/sparql", params={"example": "1-referenced-to-the-eqf"},
                       headers={"Accept": "text/html"}).text
    assert 'value="1-referenced-to-the-eqf" selected' in opened
