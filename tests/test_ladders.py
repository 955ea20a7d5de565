"""Framework ladders: two or more frameworks side by side.

As a recognition officer in Dublin I compare Ireland's NFQ with Scotland's SCQF the way the referencing reports
draw it: each framework a column of its levels, lines between comparable levels through the EQF, and a table
that says each row in plain words ("NFQ level 8 compares to SCQF levels 9 and 10, through EQF level 6; two SCQF
levels share that EQF level, so the match is to either"). A program gets the same rows from
``/api/ladder?frameworks=ie-nfq,uk-scqf``, and they are exactly what ``/api/equivalences`` answers level by level.
When nothing can be derived (the Philippine PQF and the Malaysian MQF: both referenced to the AQRF, with no
accepted level table relating them here) the page says why and what is known, instead of an empty table. The
service on the bundled data answers (uvicorn on loopback); the drawing is checked in headless Chromium.
"""

from __future__ import annotations

import httpx
import pytest
from browser_support import Elements, browse, needs_chromium


@pytest.fixture
def service(bundled_service):
    """The service on the bundled data (conftest.py; every test here only reads)."""
    return bundled_service


def test_each_row_of_the_ladder_is_what_equivalences_answers_for_that_level(service):
    ladder = httpx.get(f"{service.url}/api/ladder", params={"frameworks": "ie-nfq,uk-scqf,nz-nzqcf"}).json()
    nfq = httpx.get(f"{service.url}/api/frameworks/ie-nfq").json()
    assert [r["level"] for r in ladder["rows"]] == [lv["id"] for lv in nfq["levels"]]
    for row in ladder["rows"]:
        for other in ("uk-scqf", "nz-nzqcf"):
            expected = httpx.get(f"{service.url}/api/equivalences", params={"from": row["level"], "to": other}).json()
            assert row["comparable"][other] == expected, (row["level"], other)
    eight = next(r for r in ladder["rows"] if r["level"] == "ie-nfq:8")
    assert [a["level"] for a in eight["comparable"]["uk-scqf"]] == ["uk-scqf:9", "uk-scqf:10"]
    # the EQF, which the paths go through, is drawn between the two frameworks asked for
    assert [c["id"] for c in ladder["columns"]] == ["ie-nfq", "eqf", "uk-scqf", "nz-nzqcf"]
    assert [c["asked"] for c in ladder["columns"]] == [True, False, True, True]


def test_a_row_says_in_plain_words_what_the_level_compares_to_and_does_not_call_it_partial(service):
    ladder = httpx.get(f"{service.url}/api/ladder", params={"frameworks": "ie-nfq,uk-scqf"}).json()
    sentences = {r["level"]: r["sentences"]["uk-scqf"] for r in ladder["rows"]}
    assert sentences["ie-nfq:8"] == ("NFQ level 8 compares to SCQF levels 9 and 10, through EQF level 6; two SCQF "
                                     "levels share that EQF level, so the match is to either.")
    assert sentences["ie-nfq:9"] == "NFQ level 9 compares to SCQF level 11, through EQF level 7."
    assert sentences["ie-nfq:1"].startswith("NFQ level 1 compares to SCQF level 3, through EQF level 1; NFQ level 2 "
                                            "also meets SCQF level 3 there")
    assert not any("partial" in s for s in sentences.values())
    assert ladder["words"]["strength"]["partial"]["word"] == "shared"


def test_an_empty_ladder_says_why_and_what_is_known(service):
    ladder = httpx.get(f"{service.url}/api/ladder", params={"frameworks": "ph-pqf,my-mqf"}).json()
    assert all(r["comparable"]["my-mqf"] == [] for r in ladder["rows"])
    reasons = [line["text"] for line in ladder["explanations"]["my-mqf"]]
    assert any(r.startswith("Philippine Qualifications Framework: referenced to the ASEAN Qualifications Reference "
                            "Framework, accepted, 2019-05-22") for r in reasons), reasons
    assert "Only illustrative decisions relate these levels; they are not official." in reasons
    assert {line["href"] for line in ladder["explanations"]["my-mqf"]} >= {"/id/alignment/ph-pqf/aqrf",
                                                                          "/id/alignment/my-mqf/aqrf"}
    page = httpx.get(f"{service.url}/ladder", params={"frameworks": "ph-pqf,my-mqf"}).text
    assert "No level of Philippine Qualifications Framework compares to a level of Malaysian" in page
    assert "include=illustrative" in page and "Show the illustrative decisions" in page
    shown = httpx.get(f"{service.url}/api/ladder", params={"frameworks": "ph-pqf,my-mqf", "include": "illustrative"})
    assert [a["level"] for a in shown.json()["rows"][4]["comparable"]["my-mqf"]] == ["my-mqf:5"]


def test_a_ladder_asked_wrongly_is_refused_with_the_reason_and_the_service_still_answers(service):
    one = httpx.get(f"{service.url}/api/ladder", params={"frameworks": "ie-nfq"})
    assert one.status_code == 400 and "at least two" in one.json()["detail"]["error"]
    many = "ie-nfq,uk-scqf,eqf,aqrf,ph-pqf,my-mqf,uk-rqf"
    too_many = httpx.get(f"{service.url}/api/ladder", params={"frameworks": many})
    assert too_many.status_code == 400
    assert f"at most {service.settings.max_ladder_frameworks} frameworks" in too_many.json()["detail"]["error"]
    unknown = httpx.get(f"{service.url}/api/ladder", params={"frameworks": "ie-nfq,uk-scq"})
    assert unknown.status_code == 404 and "uk-scqf" in unknown.json()["detail"]["suggestions"]
    page = httpx.get(f"{service.url}/ladder", params={"frameworks": many})
    assert page.status_code == 400 and 'role="alert"' in page.text
    assert httpx.get(f"{service.url}/api/ladder", params={"frameworks": "ie-nfq,uk-scqf"}).status_code == 200


def test_the_home_page_and_each_framework_page_lead_to_a_ladder(service):
    home = httpx.get(f"{service.url}/").text
    assert 'href="/ladder?frameworks=ie-nfq,uk-scqf"' in home
    nfq = httpx.get(f"{service.url}/id/framework/ie-nfq", headers={"Accept": "text/html"}).text
    assert 'href="/ladder?frameworks=ie-nfq,eqf"' in nfq
    eqf = httpx.get(f"{service.url}/id/framework/eqf", headers={"Accept": "text/html"}).text
    assert "No referencing report or comparison study is recorded" not in eqf
    rows = Elements(eqf).all("tr")
    irish = next(text for _, text in rows if "ie-nfq" in text)
    assert "referencing report" in irish and "accepted" in irish and "2009" in irish
    assert any("nz-nzqcf" in text and "comparison study" in text for _, text in rows)


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    return tmp_path_factory.mktemp("chromium-profile")


@needs_chromium
def test_the_drawing_shows_the_lines_of_the_answers_and_the_table_the_same_rows(service, profile):
    ladder = httpx.get(f"{service.url}/api/ladder", params={"frameworks": "ie-nfq,uk-scqf"}).json()
    expected_lines = {tuple(sorted(pair)) for r in ladder["rows"] for a in r["comparable"]["uk-scqf"]
                      for pair in zip(a["via"], a["via"][1:])}
    page = Elements(browse(f"{service.url}/ladder?frameworks=ie-nfq,uk-scqf", profile))
    drawn = {tuple(sorted((a["data-from"], a["data-to"]))) for a, _ in page.all("a", class_="line")}
    assert drawn == expected_lines
    assert ("eqf:6", "ie-nfq:8") in drawn and ("eqf:6", "uk-scqf:9") in drawn
    boxes = {a["data-level"] for a, _ in page.all("a", class_="rung")}
    assert {"ie-nfq:1", "ie-nfq:10", "eqf:6", "uk-scqf:12"} <= boxes
    for row in ladder["rows"]:
        anchor = "row-" + row["level"].replace(":", "-")
        cell = next(a for a, _ in page.all("tr", id=anchor))
        assert cell is not None
    shown = {a["data-level"] for a, _ in page.all("li") if a.get("data-level")}
    assert shown == {a["level"] for r in ladder["rows"] for a in r["comparable"]["uk-scqf"]}


def test_levels_say_what_they_hold_where_the_source_names_it(service):
    ladder = httpx.get(f"{service.url}/api/ladder", params={"frameworks": "ph-pqf,my-mqf"}).json()
    typical = {r["level"]: r["typical"] for r in ladder["rows"]}
    assert typical["ph-pqf:3"] == "TESDA NC III"
    framework = Elements(httpx.get(f"{service.url}/id/framework/ph-pqf", headers={"Accept": "text/html"}).text)
    assert any("TESDA NC III" in text for _, text in framework.all("tr"))
    level = httpx.get(f"{service.url}/id/framework/ph-pqf/level/3", headers={"Accept": "text/html"}).text
    assert "Typical qualifications:</strong> TESDA NC III" in level


def test_the_compare_and_level_pages_say_it_in_words_and_explain_an_empty_answer(service):
    compare = Elements(httpx.get(f"{service.url}/compare", params={"from": "ie-nfq:8", "to": "uk-scqf"}).text)
    assert [t for _, t in compare.all("li") if t.startswith("NFQ level 8")] == [
        ("NFQ level 8 compares to SCQF levels 9 and 10, through EQF level 6; two SCQF levels share that EQF level, "
         "so the match is to either.")]
    level = Elements(httpx.get(f"{service.url}/id/framework/ie-nfq/level/8", headers={"Accept": "text/html"}).text)
    said = [t for _, t in level.all("li") if t.startswith("NFQ level 8 compares to EQF level 6")]
    assert said == [("NFQ level 8 compares to EQF level 6, decided directly; NFQ level 7 also meets EQF level 6 "
                     "there, so it matches more than this one level.")]
    assert [a["data-strength"] for a, t in level.all("td") if "data-strength" in a and t == "shared"]
    empty = httpx.get(f"{service.url}/compare", params={"from": "au-aqf:7", "to": "eqf"}).text
    assert "AQF level 7 has no comparable level in EQF that can be derived from accepted decisions." in empty
    assert "compared with the European Qualifications Framework, accepted, 2016; no level table is recorded here" \
        in empty and 'href="/id/alignment/au-aqf/eqf"' in empty
    pqf = httpx.get(f"{service.url}/id/framework/ph-pqf/level/5", headers={"Accept": "text/html"}).text
    assert "Only draft and illustrative decisions relate this level; they are not official." in pqf
