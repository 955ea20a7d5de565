"""The pages in a real browser.

As a staff member of a qualifications agency I open qualgraph in my browser: the home page lists the
frameworks and lets me ask what a level compares to; a level's page shows the decisions and the comparable
levels with their route and sources, with illustrative decisions marked as not official; the plain query
page (``/sparql/plain``) runs an example query and shows the answer as a table. Headless Chromium (Debian's
``chromium``) loads the pages from a real server; the query page's own script runs in it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed "
                                "(apt-get install chromium; scripts/setup installs it in CI)")


@pytest.fixture
def service(bundled_service):
    """The service on the bundled data (conftest.py; every test here only reads)."""
    return bundled_service


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("chromium-profile")


def browse(url: str, profile: Path, *, budget_ms: int = 0) -> str:
    """The DOM after the page loaded (and its scripts ran for ``budget_ms`` of virtual time)."""
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", f"--user-data-dir={profile}"]
    if budget_ms:
        command.append(f"--virtual-time-budget={budget_ms}")
    command += ["--dump-dom", url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_home_page_lists_frameworks_by_kind_and_asks_what_a_level_compares_to(service, profile):
    dom = browse(service.url + "/", profile)
    assert "Regional reference frameworks" in dom and "National frameworks" in dom
    assert "Irish National Framework of Qualifications" in dom
    assert 'action="/compare"' in dom


def test_the_compare_page_answers_the_form(service, profile):
    dom = browse(service.url + "/compare?from=ie-nfq:8&to=uk-scqf", profile)
    assert 'class="comparable"' in dom
    assert "uk-scqf:9" in dom and "uk-scqf:10" in dom


def test_a_level_page_shows_comparable_levels_and_marks_illustrative_decisions(service, profile):
    official = browse(service.url + "/id/framework/ie-nfq/level/8", profile)
    assert "Comparable levels" in official and "via-reference" in official
    assert "not an official decision" not in official  # accepted decisions only by default
    level = browse(service.url + "/id/framework/ph-pqf/level/5?include=draft,illustrative", profile)
    assert "ph-pqf:5" in level
    assert "not an official decision" in level or "not yet accepted" in level


def test_the_query_page_runs_an_example_and_shows_a_table(service, profile):
    dom = browse(service.url + "/sparql/plain?example=frameworks&run=1", profile, budget_ms=8000)
    assert '<textarea id="query"' in dom
    assert 'id="result-table"' in dom, dom[-3000:]
    assert "https://w3id.org/qualgraph/id/framework/ie-nfq" in dom
    assert 'href="/sparql?format=csv&amp;query=' in dom


def test_the_query_page_shows_the_parsers_message_for_a_broken_query(service, profile):
    # a query in the address (#query=, as the page writes it for sharing) and run=1 to send it at once
    dom = browse(service.url + "/sparql/plain?run=1#query=SELECT%20%3Fx%20WHERE%20%7B", profile, budget_ms=5000)
    assert "The query has an error (HTTP 400)" in dom
    assert 'id="result-table"' not in dom
