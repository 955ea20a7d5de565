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

from itertools import pairwise

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


# -- three frameworks and more, and a phone -------------------------------------------------------------------
#
# As a recognition officer I put three or four frameworks side by side (Ireland's NFQ with Scotland's SCQF, New
# Zealand's NZQCF and England's RQF; Austria's NQR with the EQF and Sweden's SEQF). Each is a column in the order I
# asked, the EQF that the comparisons go through stands before the first framework reached through it, and every
# line joins neighbouring columns; a line to a column further away does not cross the columns between: it is drawn
# in the lane before its right end, named by the level it comes from ("EQF 6"). The table has one column group per
# other framework with the same rows. On my phone the drawing scrolls sideways in its own box, the table is below it,
# and no text in the drawing overlaps another.

FOUR = "ie-nfq,uk-scqf,nz-nzqcf,uk-rqf"


def _steps(ladder: dict) -> set[tuple[str, str]]:
    """Every step of every answer's path (a "no counterpart" one ends at ``none:FRAMEWORK``), as unordered pairs."""
    found = set()
    for row in ladder["rows"]:
        for framework, answers in row["comparable"].items():
            for a in answers:
                path = a["via"] + ([] if a["level"] else [f"none:{framework}"])
                found |= {tuple(sorted(pair)) for pair in pairwise(path)}
    return found


def _points(text: str) -> list[tuple[float, float]]:
    return [tuple(float(v) for v in p.split(",")) for p in text.split()]  # type: ignore[misc]


def _crosses(segment: tuple[tuple[float, float], tuple[float, float]], box: tuple[float, float, float, float]) -> bool:
    """Whether a straight segment passes through the inside of a box (x, y, width, height), ends excluded."""
    (x1, y1), (x2, y2) = segment
    x, y, w, h = box
    for k in range(1, 200):
        px, py = x1 + (x2 - x1) * k / 200, y1 + (y2 - y1) * k / 200
        if x + 1 < px < x + w - 1 and y + 1 < py < y + h - 1:
            return True
    return False


def test_a_ladder_of_three_or_four_frameworks_keeps_the_order_asked_and_puts_the_reference_framework_on_the_path(service):
    austria = httpx.get(f"{service.url}/api/ladder", params={"frameworks": "at-nqr,eqf,se-seqf"}).json()
    assert [c["id"] for c in austria["columns"]] == ["at-nqr", "eqf", "se-seqf"]
    assert all(c["asked"] for c in austria["columns"])
    four = httpx.get(f"{service.url}/api/ladder", params={"frameworks": FOUR}).json()
    assert [c["id"] for c in four["columns"]] == ["ie-nfq", "eqf", "uk-scqf", "nz-nzqcf", "uk-rqf"]
    assert [c["id"] for c in four["columns"] if c["asked"]] == FOUR.split(",")
    for row in four["rows"]:
        assert set(row["comparable"]) == {"uk-scqf", "nz-nzqcf", "uk-rqf"} == set(row["sentences"])
    # a reference framework asked after the framework reached through it stays where it was asked
    late = httpx.get(f"{service.url}/api/ladder", params={"frameworks": "ie-nfq,uk-scqf,eqf"}).json()
    assert [c["id"] for c in late["columns"]] == ["ie-nfq", "uk-scqf", "eqf"]


@needs_chromium
@pytest.mark.parametrize("asked", ["at-nqr,eqf,se-seqf", "ie-nfq,uk-scqf,nz-nzqcf", FOUR, "ie-nfq,uk-scqf,eqf"])
def test_the_drawing_of_n_frameworks_has_a_column_each_in_order_lines_only_where_levels_compare_and_none_crosses_a_box(
        service, profile, asked):
    ladder = httpx.get(f"{service.url}/api/ladder", params={"frameworks": asked}).json()
    page = Elements(browse(f"{service.url}/ladder?frameworks={asked}", profile))
    heads = [a["data-framework"] for a, _ in page.all("a", class_="column")]
    assert heads == [c["id"] for c in ladder["columns"]]
    lines = page.all("a", class_="line")
    assert {tuple(sorted((a["data-from"], a["data-to"]))) for a, _ in lines} == _steps(ladder)
    order = {c["id"]: i for i, c in enumerate(ladder["columns"])}

    def column(level: str) -> int:
        return order[level[5:] if level.startswith("none:") else level.split(":")[0]]

    boxes = {}
    for tag in ("a", "g"):
        for attrs, _ in page.all(tag):
            if attrs.get("data-level") and attrs.get("class") in ("rung", "none-box"):
                boxes[attrs["data-level"]] = attrs
    rects = [(float(r["x"]), float(r["y"]), float(r["width"]), float(r["height"])) for r, _ in page.all("rect")
             if r.get("height") == "26"]
    assert len(rects) == len(boxes) and len(set(boxes)) == len(boxes)
    polylines = [_points(p["points"]) for p, _ in page.all("polyline")]
    assert len(polylines) == len(lines)
    for (attrs, text), points in zip(lines, polylines, strict=True):
        left, right = attrs["data-from"], attrs["data-to"]
        assert column(left) < column(right), (left, right)
        if column(right) > column(left) + 1:  # from further away: a stub in the lane, named by its left end
            assert "from-afar" in attrs["class"] and len(points) == 2 and points[0][1] == points[1][1]
            assert "comes from" in text and left.split(":")[1] in text
        else:
            assert "from-afar" not in attrs["class"]
        for segment in pairwise(points):
            assert not any(_crosses(segment, r) for r in rects), (left, right, segment)
    # the lane labels name the level a line comes from
    labels = [t for _, t in page.all("text", class_="lane-label")]
    if asked == FOUR:
        assert "EQF 6" in labels and "NFQ 10" in labels and "NFQ 1, 2" in labels
        assert "none:nz-nzqcf" in boxes  # NFQ levels 1 and 2 have no counterpart in the NZQCF: a decision says so
    # the table: the same rows, one column group per other framework, each cell the answers of the API
    others = ladder["frameworks"][1:]
    assert [a["data-framework"] for a, _ in page.all("colgroup", class_="framework")] == others
    assert [a["data-framework"] for a, _ in page.all("th") if a.get("data-framework")] == others
    rows = [a["id"] for a, _ in page.all("tr") if a.get("id", "").startswith("row-")]
    assert rows == ["row-" + r["level"].replace(":", "-") for r in reversed(ladder["rows"])]
    for framework in others:
        cells = page.all("td", **{"data-framework": framework})
        assert len(cells) == len(ladder["rows"])
    for a, _ in page.all("a", class_="line"):  # every line leads to one answer's path and sources in the table
        assert page.all("p", id=a["href"][1:]), a["href"]


def test_the_form_offers_one_more_framework_than_chosen_up_to_the_limit(service):
    page = Elements(httpx.get(f"{service.url}/ladder", params={"frameworks": FOUR}).text)
    selects = page.all("select", name="frameworks")
    assert len(selects) == 5
    chosen = [a["value"] for a, _ in page.all("option") if "selected" in a]
    assert chosen == FOUR.split(",")
    limit = service.settings.max_ladder_frameworks
    full = ",".join(["ie-nfq", "uk-scqf", "nz-nzqcf", "uk-rqf", "eqf", "se-seqf", "at-nqr"][:limit])
    assert len(Elements(httpx.get(f"{service.url}/ladder", params={"frameworks": full}).text)
               .all("select", name="frameworks")) == limit


def test_hostile_or_mistaken_ladders_are_refused_naming_the_framework(service):
    unknown = httpx.get(f"{service.url}/api/ladder", params={"frameworks": "ie-nfq,eqf,xx-nope"})
    assert unknown.status_code == 404 and "xx-nope" in unknown.json()["detail"]["error"]
    page = httpx.get(f"{service.url}/ladder", params={"frameworks": "ie-nfq,eqf,xx-nope"})
    assert page.status_code == 404 and "xx-nope" in page.text and 'role="alert"' in page.text
    twice = httpx.get(f"{service.url}/api/ladder", params={"frameworks": "ie-nfq,eqf,ie-nfq"})
    assert twice.status_code == 400 and "twice" in twice.json()["detail"]["error"]
    script = httpx.get(f"{service.url}/ladder", params={"frameworks": "ie-nfq,<script>alert(1)</script>"})
    assert script.status_code == 400 and "<script>alert(1)" not in script.text
    limit = service.settings.max_ladder_frameworks
    names = ",".join(["ie-nfq", "uk-scqf", "nz-nzqcf", "uk-rqf", "eqf", "se-seqf", "at-nqr", "de-dqr"][:limit + 1])
    assert httpx.get(f"{service.url}/api/ladder", params={"frameworks": names}).status_code == 400
    assert httpx.get(f"{service.url}/ladder", params=[("frameworks", n) for n in names.split(",")]).status_code == 400


MEASURE = """(() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const region = document.querySelector('.ladder-box');
  return JSON.stringify({
    page: document.documentElement.scrollWidth,
    region: [region.scrollWidth, region.clientWidth], regionBox: box(region),
    table: box(document.querySelector('table.ladder-rows')),
    texts: [...document.querySelectorAll('svg.ladder text')].map(t => [t.textContent, ...box(t)]),
    rungs: [...document.querySelectorAll('svg.ladder .rung, svg.ladder .none-box')].map(
      a => [box(a.querySelector('rect')), box(a.querySelector('text'))]),
  });
})()"""


@needs_chromium
@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
@pytest.mark.parametrize("asked", ["ie-nfq,eqf,uk-scqf", FOUR])
def test_the_ladder_fits_or_scrolls_in_its_box_without_overlapping_text(service, tmp_path, width, asked):
    import json

    from browser_support import DevTools

    with DevTools(tmp_path) as browser:
        page = browser.open(f"{service.url}/ladder?frameworks={asked}", width=width)
        try:
            seen = json.loads(page.evaluate(MEASURE))  # type: ignore[arg-type]
        finally:
            page.close()
    assert seen["page"] <= width + 1  # the page is never wider than the window: the drawing scrolls in its box
    scroll, client = seen["region"]
    assert client <= width and (scroll <= client + 1 or width < 600)
    if width < 600:
        assert scroll > client  # on a phone the drawing scrolls sideways ...
        assert seen["table"][1] >= seen["regionBox"][3]  # ... and the table is below it
    texts = seen["texts"]
    for i, (a, *ra) in enumerate(texts):
        for b, *rb in texts[i + 1:]:
            overlap_x = min(ra[2], rb[2]) - max(ra[0], rb[0])
            overlap_y = min(ra[3], rb[3]) - max(ra[1], rb[1])
            assert overlap_x <= 1 or overlap_y <= 1, (a, b, ra, rb)
    for rect, text in seen["rungs"]:  # each level's name stays inside its box
        assert rect[0] <= text[0] and text[2] <= rect[2] + 0.5, (rect, text)


@needs_chromium
def test_a_click_on_a_line_opens_its_path_and_sources_in_the_table(service, tmp_path):
    from browser_support import DevTools

    with DevTools(tmp_path) as browser:
        page = browser.open(f"{service.url}/ladder?frameworks={FOUR}", width=1280)
        try:
            line = "document.querySelector('svg.ladder a.line[data-from=\"eqf:6\"][data-to=\"uk-rqf:6\"]')"
            target = page.evaluate(f"{line}.getAttribute('href')")
            assert page.evaluate(f"document.querySelector('{target}').closest('details').open") is False
            page.evaluate(f"{line}.dispatchEvent(new MouseEvent('click', {{bubbles: true}}))")
            assert page.evaluate("location.hash") == target
            assert page.evaluate(f"document.querySelector('{target}').closest('details').open") is True
            said = page.evaluate(f"document.querySelector('{target}').closest('details').textContent")
            assert "eqf:6 → uk-rqf:6" in said and "Decisions:" in said  # type: ignore[operator]
        finally:
            page.close()
