"""The query page is a SPARQL editor: YASGUI from the package, on this endpoint, with no other host contacted.

As a researcher studying referencing across Europe I open ``/sparql`` in my browser, pick "Which national
frameworks are referenced to the EQF…" from the questions researchers ask, and get a table I can sort and page
through, with prefixed names (``qgid:framework/uk-rqf``, ``qgs:accepted``) because the graph's prefixes are known
to the editor, and each IRI's name beside it ("Regulated Qualifications Framework"), looked up at
``/api/labels``. Everything the page loads comes from qualgraph itself (YASGUI is vendored in the package), so it
works on a closed network; the page passes the accessibility check with its results shown. A link to
``/sparql?example=NAME&run=1`` opens a question and runs it, ``#query=TEXT`` opens any query; the old address
``/sparql/editor`` leads to ``/sparql``, and the plain page with the service's own queries is ``/sparql/plain``.
Headless Chromium over the DevTools protocol, watching every request the page makes.
"""

from __future__ import annotations

import json
import time
from urllib.parse import quote

import httpx
import pytest
from browser_support import DevTools, axe_violations, needs_chromium

pytestmark = needs_chromium


@pytest.fixture
def service(bundled_service):
    """The service on the bundled data (conftest.py; every test here only reads)."""
    return bundled_service


def _config(page: str) -> dict:
    return json.loads(page.split('<script type="application/json" id="editor-config">', 1)[1].split("</script>")[0])


def _wait(page, expression: str, seconds: float = 60) -> object:
    deadline = time.monotonic() + seconds
    value = None
    while time.monotonic() < deadline:
        value = page.evaluate(expression)
        if value:
            return value
        time.sleep(0.1)
    return value


def test_a_browser_asking_for_the_endpoint_gets_the_editor_with_questions_researchers_ask(service):
    page = httpx.get(f"{service.url}/sparql", headers={"Accept": "text/html"}).text
    assert 'id="yasgui"' in page and "/static/vendor/yasgui/yasgui.min.js" in page
    assert "Which national frameworks are referenced to the EQF" in page
    assert "comparability-subgraph" not in page and "submission-" not in page
    config = _config(page)
    assert config["endpoint"] == f"{service.url}/sparql"
    assert config["prefixes"]["qgid"] == "https://w3id.org/qualgraph/id/"
    assert httpx.get(config["prefixesUrl"]).json()["qgid"] == "https://w3id.org/qualgraph/id/"
    assert httpx.get(f"{service.url}/static/vendor/yasgui/yasgui.min.js").status_code == 200
    # a SPARQL client asking for the endpoint still gets the Service Description
    assert httpx.get(f"{service.url}/sparql").headers["content-type"].startswith("text/turtle")


def test_the_old_address_leads_to_the_editor_and_the_plain_page_keeps_the_service_queries(service):
    moved = httpx.get(f"{service.url}/sparql/editor?example=2-levels-at-eqf-6")
    assert moved.status_code == 308 and moved.headers["location"] == "/sparql?example=2-levels-at-eqf-6"
    opened = _config(httpx.get(f"{service.url}/sparql/editor?example=2-levels-at-eqf-6", follow_redirects=True,
                               headers={"Accept": "text/html"}).text)
    assert opened["examples"][opened["selected"]]["name"] == "2-levels-at-eqf-6"
    plain = httpx.get(f"{service.url}/sparql/plain").text
    assert plain.index("Questions researchers ask") < plain.index("Queries the service itself runs")
    assert 'action="/sparql"' in plain


def test_an_example_runs_with_no_other_host_and_shows_a_sortable_paged_table_with_labels(service, tmp_path):
    with DevTools(tmp_path / "profile") as browser:
        page = browser.open(f"{service.url}/sparql", width=1280)
        page.evaluate("document.querySelector('[data-example]').click()")
        assert (_wait(page, "document.querySelectorAll('.yasr table tbody tr').length") or 0) >= 5
        table = page.evaluate("document.querySelector('.yasr table').innerText")
        assert "qgid:framework/uk-rqf" in table and "qgs:accepted" in table  # type: ignore[operator]
        assert _wait(page, "document.querySelectorAll('.yasr .iri-label').length")  # the labels came
        labels = page.evaluate("Array.from(document.querySelectorAll('.yasr .iri-label')).map(e => e.textContent)")
        assert any("Qualifications Framework" in text for text in labels), labels  # type: ignore[union-attr]
        assert page.evaluate("document.querySelector('.yasr .iri-label').getAttribute('lang')")  # its own language
        assert page.evaluate("!!document.querySelector('#yasgui select.tableSizer')")  # paging
        assert page.evaluate("document.querySelectorAll('.yasr table thead th').length") >= 5  # type: ignore[operator]
        requests = [e["params"]["request"]["url"] for e in page.events if e.get("method") == "Network.requestWillBeSent"]
        assert any(url.endswith("/static/vendor/yasgui/yasgui.min.js") for url in requests), requests
        assert any(url == f"{service.url}/sparql" for url in requests), requests
        assert any(url == f"{service.url}/api/labels" for url in requests), requests
        assert all(url.startswith(service.url) or url.startswith("data:") for url in requests), requests
        axe = httpx.get(f"{service.url}/static/vendor/axe-core/axe.min.js").text
        serious = [v for v in axe_violations(page, axe) if v["impact"] in ("serious", "critical")]
        assert serious == [], serious
        page.close()


def test_a_link_opens_a_question_and_runs_it_and_a_shared_query_opens_from_the_address(service, tmp_path):
    with DevTools(tmp_path / "profile") as browser:
        page = browser.open(f"{service.url}/sparql?example=1-referenced-to-the-eqf&run=1")
        assert (_wait(page, "document.querySelectorAll('.yasr table tbody tr').length") or 0) >= 5
        assert "referenced" in page.evaluate("qualgraphEditor.getTab().getYasqe().getValue()").lower()  # type: ignore[union-attr]
        page.close()
        shared = "SELECT ?level WHERE { ?level a qg:Level } LIMIT 3"
        page = browser.open(f"{service.url}/sparql?run=1#query={quote(shared)}")
        assert _wait(page, "qualgraphEditor.getTab().getYasqe().getValue().indexOf('LIMIT 3') >= 0")
        page.close()


def test_labels_are_looked_up_within_limits(service):
    level = "https://w3id.org/qualgraph/id/framework/ie-nfq/level/8"
    found = httpx.get(f"{service.url}/api/labels", params={"iri": [level, "https://example.org/nothing"]}).json()
    assert found["lang"] == "en" and set(found["labels"]) == {level} and found["labels"][level]
    assert found["languages"][level] == "en"
    posted = httpx.post(f"{service.url}/api/labels", json={"iris": [level], "lang": "en"})
    assert posted.status_code == 200 and posted.json()["labels"] == found["labels"]
    # what a client may not send, and why
    not_an_iri = httpx.post(f"{service.url}/api/labels", json={"iris": ["not an iri"]})
    assert not_an_iri.status_code == 400 and "not an absolute IRI" in not_an_iri.text
    many = [f"https://example.org/{i}" for i in range(service.settings.max_label_iris + 1)]
    too_many = httpx.post(f"{service.url}/api/labels", json={"iris": many})
    assert too_many.status_code == 400 and "QUALGRAPH_MAX_LABEL_IRIS" in too_many.text
    huge = httpx.post(f"{service.url}/api/labels", content=b"[" + b" " * service.settings.max_label_request_bytes,
                      headers={"Content-Type": "application/json"})
    assert huge.status_code == 413 and "QUALGRAPH_MAX_LABEL_REQUEST_BYTES" in huge.text
    assert httpx.post(f"{service.url}/api/labels", content=b"iris=x").status_code == 415
    assert httpx.post(f"{service.url}/api/labels", content=b"{", headers={"Content-Type": "application/json"}
                      ).status_code == 400
