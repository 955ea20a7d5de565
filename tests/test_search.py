"""Search: finding a framework or a level by the words people use.

As an employer in Manila reading a CV that says "Irish NFQ level 8" I do not know qualgraph's ids. I type
``Irish 8`` or ``NFQ 8`` in the box at the top of any page, or in the level field of the compare form (which lists
the matching levels as I type and writes the chosen one's id), and get Ireland's NFQ level 8; ``ie-nfq:8`` works too, and ``Niveau 5`` finds the French levels named so. A program asks
``/api/search?q=`` and gets the same results as JSON. On the command line, a mistyped level or framework is
answered with the ids whose titles or acronyms match. The search is bounded (length and number of results are
settings), and a search past the bound is refused while the service keeps answering. Real service on loopback;
the page in headless Chromium.
"""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from browser_support import DevTools, Elements, browse, needs_chromium


@pytest.fixture
def service(bundled_service):
    """The service on the bundled data (conftest.py; every test here only reads)."""
    return bundled_service


@pytest.mark.parametrize("words", ["Irish 8", "NFQ 8", "ie-nfq:8", "ie nfq 8", "irish national framework 8"])
def test_a_level_is_found_by_its_frameworks_name_acronym_or_id(service, words):
    hits = httpx.get(f"{service.url}/api/search", params={"q": words}).json()
    assert hits[0]["id"] == "ie-nfq:8", hits[:3]
    assert hits[0]["kind"] == "level" and hits[0]["framework"] == "Irish National Framework of Qualifications"
    assert hits[0]["href"] == "/id/framework/ie-nfq/level/8"


def test_a_framework_is_found_by_a_word_of_its_title_before_its_levels(service):
    hits = httpx.get(f"{service.url}/api/search", params={"q": "Philippine"}).json()
    assert hits[0]["id"] == "ph-pqf" and hits[0]["kind"] == "framework"
    assert {h["id"] for h in hits[1:]} <= {f"ph-pqf:{n}" for n in range(1, 9)}
    scottish = httpx.get(f"{service.url}/api/search", params={"q": "SCQF", "kind": "framework"}).json()
    assert [h["id"] for h in scottish] == ["uk-scqf"]


def test_names_in_other_languages_are_found_without_their_accents(service):
    hits = httpx.get(f"{service.url}/api/search", params={"q": "niveau 5"}).json()
    assert hits and all("niveau 5" in h["matched"].lower() for h in hits)
    matched = {h["id"]: h["matched"] for h in hits}
    assert matched["fr-cncp:5"] == "Niveau 5" and matched["nl-nlqf:5"] == "NLQF-niveau 5"  # French and Dutch


def test_a_number_finds_only_that_level_not_the_levels_it_begins(service):
    hits = httpx.get(f"{service.url}/api/search", params={"q": "SCQF 1"}).json()
    assert [h["id"] for h in hits] == ["uk-scqf:1"]


def test_the_search_box_is_on_every_page_and_its_page_links_each_result(service):
    for path in ("/", "/id/framework/ie-nfq/level/8", "/ladder", "/compare", "/ontology", "/no/such/page"):
        html = httpx.get(service.url + path, headers={"Accept": "text/html"}).text
        assert 'role="search"' in html and 'action="/search"' in html, path
    page = Elements(httpx.get(f"{service.url}/search", params={"q": "NFQ 8"}).text)
    first = page.all("li")
    assert any(a.get("data-id") == "ie-nfq:8" for a, _ in first)
    assert any(a["href"] == "/id/framework/ie-nfq/level/8" for a, _ in page.all("a") if "href" in a)
    nothing = httpx.get(f"{service.url}/search", params={"q": "zzqx"})
    assert nothing.status_code == 200 and "Nothing is named" in nothing.text


def test_the_level_field_of_the_compare_form_takes_words(service):
    page = httpx.get(f"{service.url}/compare", params={"from": "NFQ 8", "to": "uk-scqf"})
    assert page.status_code == 200
    assert "Read as" in page.text and "ie-nfq:8" in page.text and "uk-scqf:9" in page.text
    several = httpx.get(f"{service.url}/compare", params={"from": "level 8"})
    assert several.status_code == 404 and "ie-nfq:8" in several.text


def test_a_search_past_the_limits_is_refused_and_the_service_still_answers(service):
    limit = service.settings.max_search_chars
    too_long = httpx.get(f"{service.url}/api/search", params={"q": "a" * (limit + 1)})
    assert too_long.status_code == 400 and f"at most {limit} characters" in too_long.json()["detail"]["error"]
    page = httpx.get(f"{service.url}/search", params={"q": "a" * (limit + 1)})
    assert page.status_code == 400 and 'role="alert"' in page.text
    many = httpx.get(f"{service.url}/api/search", params={"q": "level", "limit": 10_000}).json()
    assert len(many) == service.settings.max_search_results
    assert len(httpx.get(f"{service.url}/api/search", params={"q": "level", "limit": 3}).json()) == 3
    assert httpx.get(f"{service.url}/api/search", params={"q": "NFQ 8"}).json()[0]["id"] == "ie-nfq:8"


def test_the_command_lines_did_you_mean_matches_titles_and_acronyms(bundled_store_path, service):
    def equivalences(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "qualgraph.cli", "--store", str(bundled_store_path),
                               "equivalences", *args], capture_output=True, text=True, timeout=120, check=False)

    irish = equivalences("Irish 8")
    assert irish.returncode == 2 and "did you mean ie-nfq:8" in irish.stderr
    acronym = equivalences("nfq:8")
    assert acronym.returncode == 2 and "did you mean ie-nfq:8" in acronym.stderr
    scottish = equivalences("ie-nfq:8", "--to", "scottish")
    assert scottish.returncode == 2 and "did you mean uk-scqf" in scottish.stderr


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    return tmp_path_factory.mktemp("chromium-profile")


@needs_chromium
def test_in_a_browser_the_box_finds_a_level_by_its_frameworks_name(service, profile):
    page = Elements(browse(f"{service.url}/search?q=Irish+8", profile))
    results = page.all("li", **{"data-id": "ie-nfq:8"})
    assert results and "Irish National Framework of Qualifications" in results[0][1]


@needs_chromium
def test_in_a_browser_the_level_field_suggests_levels_and_writes_the_chosen_id(service, tmp_path):
    import time

    with DevTools(tmp_path / "profile") as browser:
        page = browser.open(f"{service.url}/compare")
        page.evaluate("var f = document.getElementById('from'); f.focus(); f.value = 'Irish 8';"
                      "f.dispatchEvent(new Event('input'))")
        deadline = time.monotonic() + 30
        options: list = []
        while time.monotonic() < deadline and not options:
            options = page.evaluate("Array.from(document.querySelectorAll('#from-options [role=option]'))"
                                    ".map(o => o.getAttribute('data-id'))")  # type: ignore[assignment]
            time.sleep(0.1)
        assert options and options[0] == "ie-nfq:8", options
        assert page.evaluate("document.getElementById('from').getAttribute('aria-expanded')") == "true"
        page.evaluate("document.getElementById('from').dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowDown'}));"
                      "document.getElementById('from').dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}))")
        assert page.evaluate("document.getElementById('from').value") == "ie-nfq:8"
        assert page.evaluate("document.getElementById('from-options').hidden") is True
        page.close()
