"""Comparable qualifications, ranked, with reasons.

As a Malaysian employer with a Philippine Masonry NC II holder in front of me, I ask which of our qualifications
it compares to. Candidates are the qualifications at a level comparable to its level; they are ranked by the same
occupation (ISCO-08 unit group) first, then by the share of its units that theirs match (equivalent counts 1,
partial ½), then by the same ISCED-F field, then by how strong the level answer is. Each comes with sentences
that say why; qualifications for the same occupation at a level that is not comparable are listed apart, not
dropped. The fixtures add made-up Malaysian and Indonesian qualifications to the bundled data and the
illustrative AQRF levels (PQF 2 ≡ AQRF 2 ≡ MQF 2; KKNI 6 and 7 share AQRF 6, so KKNI 6 is a partial answer).
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from conftest import PROJECT

from qualgraph.cli import main
from qualgraph.ids import UnknownId
from qualgraph.loading import load_paths
from qualgraph.recognition.comparable import comparable_qualifications
from qualgraph.store import EmbeddedStore

COMPARABLE = Path(__file__).parent / "fixtures" / "recognition" / "comparable"
ILLUSTRATIVE = ["illustrative"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("comparable") / "store"
    store = EmbeddedStore(path)
    load_paths(store, [PROJECT / "data", PROJECT / "examples" / "illustrative-aqrf", COMPARABLE], root=PROJECT)
    store.close()
    return path


@pytest.fixture(scope="module")
def store(store_path: Path):
    s = EmbeddedStore(store_path, read_only=True)
    yield s
    s.close()


def test_candidates_are_ranked_by_occupation_then_units_then_field_then_strength(store):
    answer = comparable_qualifications(store, "ph-pqf:masonry-nc2", in_="my-mqf", include=ILLUSTRATIVE)
    assert [c.qualification for c in answer.comparable] == [
        "my-mqf:masonry-2",      # same occupation, 2 of 3 units equivalent
        "my-mqf:bricklaying-2",  # same occupation, 1 unit partial: ½ of 3
        "my-mqf:tiling-2",       # every unit matched, but another occupation (ISCO 7122)
        "my-mqf:plumbing-2",     # no units, same field (ISCED-F 0732)
        "my-mqf:carpentry-2",    # no units, another field
    ]
    assert [c.score for c in answer.comparable][:3] == [[1.0, 0.667, 1.0, 1.0], [1.0, 0.167, 1.0, 1.0],
                                                       [0.0, 1.0, 1.0, 1.0]]


def test_each_candidate_says_why_in_sentences(store):
    best = comparable_qualifications(store, "ph-pqf:masonry-nc2", in_="my-mqf", include=ILLUSTRATIVE).comparable[0]
    assert best.reasons == [
        "same occupation: Bricklayers and related workers (ISCO 7112)",
        "level: ph-pqf:2 ≡ aqrf:2 ≡ my-mqf:2, one-to-one (illustrative)",
        "2 of 3 units matched",
        "same field of education: Building and civil engineering (ISCED-F 0732)",
    ]
    partial = comparable_qualifications(store, "ph-pqf:masonry-nc2", in_="my-mqf", include=ILLUSTRATIVE).comparable[1]
    assert "1 of 3 units matched (0 equivalent, 1 partial)" in partial.reasons


def test_a_one_to_one_level_answer_ranks_above_a_partial_one(store):
    answer = comparable_qualifications(store, "ph-pqf:civil-engineering-bs", include=ILLUSTRATIVE)
    assert [(c.qualification, c.strength) for c in answer.comparable] == [
        ("my-mqf:civil-engineering-bachelor", "one-to-one"), ("id-kkni:sarjana-teknik-sipil", "partial")]
    assert "level: ph-pqf:6 ≡ aqrf:6 ≡ id-kkni:6, partial (illustrative)" in answer.comparable[1].reasons


def test_same_occupation_at_another_level_is_listed_apart(store):
    answer = comparable_qualifications(store, "ph-pqf:masonry-nc2", in_="my-mqf", include=ILLUSTRATIVE)
    (other,) = answer.other_levels
    assert (other.qualification, other.level) == ("my-mqf:masonry-3", "my-mqf:3")
    assert "same occupation, other level: my-mqf:3 is not comparable to ph-pqf:2 here" in other.reasons


def test_accepted_decisions_only_by_default(store):
    answer = comparable_qualifications(store, "ph-pqf:masonry-nc2", in_="my-mqf")
    assert answer.comparable == []  # no accepted PQF or MQF level table is recorded
    assert {c.qualification for c in answer.other_levels} >= {"my-mqf:masonry-2", "my-mqf:masonry-3"}


def test_in_a_country_means_in_its_frameworks(store):
    by_country = comparable_qualifications(store, "ph-pqf:masonry-nc2", in_="MY", include=ILLUSTRATIVE)
    by_framework = comparable_qualifications(store, "ph-pqf:masonry-nc2", in_="my-mqf", include=ILLUSTRATIVE)
    assert [c.qualification for c in by_country.comparable] == [c.qualification for c in by_framework.comparable]


def test_an_unknown_qualification_is_named_with_the_closest_ids(store):
    with pytest.raises(UnknownId) as unknown:
        comparable_qualifications(store, "ph-pqf:masonry-nc-2")
    assert "ph-pqf:masonry-nc2" in unknown.value.suggestions


def test_the_command_line_shows_the_ranking(store_path, capsys):
    assert main(["--store", str(store_path), "comparable", "ph-pqf:masonry-nc2", "--in", "my-mqf",
                 "--include", "illustrative"]) == 0
    out = capsys.readouterr().out
    assert out.index("my-mqf:masonry-2") < out.index("my-mqf:bricklaying-2") < out.index("my-mqf:tiling-2")
    assert "same occupation, other level" in out
    assert main(["--store", str(store_path), "comparable", "ph-pqf masonry"]) == 2


def test_the_api_gives_the_same_answer(bundled_service, bundled_store):
    url = f"{bundled_service.url}/api/qualifications/ph-pqf:masonry-nc2/comparable"
    response = httpx.get(url, params={"in": "AU"}, timeout=30)
    assert response.status_code == 200
    assert response.json() == comparable_qualifications(bundled_store, "ph-pqf:masonry-nc2", in_="AU").to_json()
    # the Australian Certificate III in bricklaying prepares for the same occupation; no level links them
    assert [c["qualification"] for c in response.json()["same_occupation_other_level"]] == ["au-aqf:CPC33020"]
    assert httpx.get(f"{bundled_service.url}/api/qualifications/ph-pqf:nothing/comparable", timeout=30).status_code == 404
    page = httpx.get(f"{bundled_service.url}/comparable", params={"qualification": "ph-pqf:masonry-nc2", "in": "AU"},
                     timeout=30)
    assert page.status_code == 200 and "Same occupation, other level" in page.text and "au-aqf:CPC33020" in page.text


def test_many_candidates_are_ranked_the_same_way_as_few(store, monkeypatch):
    # with many candidates the units that matched are traced back to their qualifications instead of every
    # candidate's units being read: the answer must not change
    few = comparable_qualifications(store, "ph-pqf:masonry-nc2", in_="my-mqf", include=ILLUSTRATIVE).to_json()
    monkeypatch.setattr("qualgraph.recognition.comparable.FEW_CANDIDATES", 0)
    many = comparable_qualifications(store, "ph-pqf:masonry-nc2", in_="my-mqf", include=ILLUSTRATIVE).to_json()
    assert many == few
