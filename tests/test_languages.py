"""Languages: the data's labels in the reader's language, falling back to English.

As a recognition officer in Lyon I read the French framework's levels as France names them ("Niveau 5"), chosen by
my browser's ``Accept-Language`` or by the language switch on every page, which lists only the languages the data
holds; each label that is not English says its language (``lang``) so that a screen reader pronounces it right.
A language the data does not hold, or none, gives English. The service on the bundled data answers on loopback;
the switch is followed in headless Chromium.
"""

from __future__ import annotations

import httpx
import pytest
from browser_support import Elements, browse, needs_chromium

FRAMEWORK = "/id/framework/fr-cncp"


@pytest.fixture
def service(bundled_service):
    """The service on the bundled data (conftest.py; every test here only reads)."""
    return bundled_service


def level_names(html: str) -> list[str]:
    rows = Elements(html).all("tr")
    return [text for _, text in rows if text.split(" ")[0].isdigit()]


def test_lang_chooses_the_labels_and_marks_their_language(service):
    french = httpx.get(service.url + FRAMEWORK, params={"lang": "fr"}, headers={"Accept": "text/html"})
    assert any("Niveau 5" in row for row in level_names(french.text))
    assert '<span lang="fr">Niveau 5</span>' in french.text
    english = httpx.get(service.url + FRAMEWORK, headers={"Accept": "text/html"})
    assert any("Level 5" in row for row in level_names(english.text))
    assert "Niveau 5" not in " ".join(level_names(english.text))
    assert "Accept-Language" in english.headers["vary"]


def test_accept_language_chooses_when_lang_is_not_given_and_english_is_the_fallback(service):
    browser = httpx.get(service.url + FRAMEWORK, headers={"Accept": "text/html",
                                                          "Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"})
    assert '<span lang="fr">Niveau 5</span>' in browser.text
    german = httpx.get(service.url + FRAMEWORK, headers={"Accept": "text/html", "Accept-Language": "de-DE,de"})
    assert "Niveau 5" not in german.text
    unknown = httpx.get(service.url + FRAMEWORK, params={"lang": "x!"}, headers={"Accept": "text/html"})
    assert unknown.status_code == 200 and "Niveau 5" not in unknown.text
    # a label that exists only in English stays English in French: Ireland's levels
    irish = httpx.get(f"{service.url}/id/framework/ie-nfq", params={"lang": "fr"}, headers={"Accept": "text/html"})
    assert any("Level 8" in row for row in level_names(irish.text))


def test_the_switch_lists_the_languages_of_the_data_and_the_current_one(service):
    home = Elements(httpx.get(f"{service.url}/", params={"lang": "id"}).text)
    switch = [(a["hreflang"], a.get("aria-current"), a["href"]) for a, _ in home.all("a") if "hreflang" in a]
    assert [tag for tag, _, _ in switch] == ["en", "cy", "da", "de", "el", "et", "fi", "fr", "id", "is", "it", "lt", "ms", "nl",
                                              "pl", "pt", "sl", "sv", "th"]
    assert [tag for tag, current, _ in switch if current] == ["id"]
    assert {t: h for t, _, h in switch}["fr"] == "/?lang=fr"
    titles = home.all("span", lang="id")
    assert any("Kerangka Kualifikasi Nasional Indonesia" in text for _, text in titles)


def test_the_ladder_and_the_search_show_the_chosen_language(service):
    ladder = httpx.get(f"{service.url}/ladder", params={"frameworks": "fr-cncp,eqf", "lang": "fr"}).text
    assert "Niveau 8" in ladder
    search = httpx.get(f"{service.url}/search", params={"q": "niveau 5", "lang": "fr"}).text
    assert '<span lang="fr">Niveau 5</span>' in search


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    return tmp_path_factory.mktemp("chromium-profile")


@needs_chromium
def test_in_a_browser_the_switch_changes_the_labels(service, profile):
    page = Elements(browse(service.url + FRAMEWORK + "?format=html", profile))
    assert any("Level 5" in row for _, row in page.all("tr"))
    french = next(a["href"] for a, _ in page.all("a") if a.get("hreflang") == "fr")
    switched = Elements(browse(service.url + french, profile))
    assert any("Niveau 5" in row for _, row in switched.all("tr"))
