"""Gap analysis between two competency standards.

As a recognition officer of the Philippines working on the masonry corridor with Thailand, I ask which units of
our Training Regulations match, partly match or are missing in the Thai standard — the MRS "gap pillars". For
each unit I see the outcome, the Thai units that match it, whether a body decided that directly or it follows
from both standards being benchmarked to the regional model standard, and the decisions' statuses and sources.
A unit nobody has compared with Thailand's standard is "not benchmarked", which is not the same as a decision
that Thailand has no such unit. The same answer comes from the command line, the JSON API and a page.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from conftest import PROJECT

from qualgraph.cli import main
from qualgraph.ids import UnknownId
from qualgraph.loading import load_paths
from qualgraph.recognition.gaps import gap_analysis
from qualgraph.store import EmbeddedStore

GAPS = Path(__file__).parent / "fixtures" / "recognition" / "gaps"
PH, TH = "ph-tesda-masonry-nc2", "th-dsd-masonry-1"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gaps") / "store"
    store = EmbeddedStore(path)
    load_paths(store, [GAPS], root=GAPS.parent)
    store.close()
    return path


@pytest.fixture(scope="module")
def store(store_path: Path):
    s = EmbeddedStore(store_path, read_only=True)
    yield s
    s.close()


def by_unit(answer) -> dict[str, object]:
    return {u.unit.split(":", 1)[1]: u for u in answer.units}


def test_each_unit_gets_one_of_four_outcomes_and_they_are_counted(store):
    answer = gap_analysis(store, PH, TH)
    assert {code: u.outcome for code, u in by_unit(answer).items()} == {
        "CON311202": "equivalent", "CON311203": "no-counterpart", "CON311204": "not-benchmarked",
        "CON711318": "equivalent", "CON711319": "partial", "CON931201": "partial",
    }
    assert answer.counts == {"equivalent": 2, "partial": 2, "no-counterpart": 1, "not-benchmarked": 1}


def test_a_match_through_the_regional_standard_is_equivalent_only_when_every_hop_is(store):
    units = by_unit(gap_analysis(store, PH, TH))
    (both_equivalent,) = units["CON711318"].matches
    assert (both_equivalent.route, both_equivalent.outcome) == ("via-reference", "equivalent")
    assert both_equivalent.via == [f"{PH}:CON711318", "asean-rmcs-masonry:R01", f"{TH}:TH-MAS-01"]
    (one_partial,) = units["CON711319"].matches
    assert (one_partial.route, one_partial.outcome) == ("via-reference", "partial")


def test_a_direct_decision_ranks_above_a_derived_match(store):
    (match,) = by_unit(gap_analysis(store, PH, TH))["CON931201"].matches
    assert (match.unit, match.route, match.outcome) == (f"{TH}:TH-MAS-03", "direct", "partial")


def test_an_equivalence_decided_from_the_other_side_reads_both_ways(store):
    (match,) = by_unit(gap_analysis(store, PH, TH))["CON311202"].matches
    assert (match.unit, match.route, match.outcome, match.title) == (
        f"{TH}:TH-MAS-04", "direct", "equivalent", "Read construction drawings")


def test_no_counterpart_is_a_decision_and_not_benchmarked_is_its_absence(store):
    units = by_unit(gap_analysis(store, PH, TH))
    (decided,) = units["CON311203"].matches
    assert decided.unit is None and decided.outcome == "no-counterpart"
    assert decided.sources == ["http://www.ilo.org/asia/events/WCMS_713738/lang--en/index.htm"]
    assert decided.dates == ["2019-09"]
    assert units["CON311204"].matches == []


def test_only_accepted_decisions_unless_asked_for_more(store):
    answer = gap_analysis(store, PH, TH, include=["draft"])
    (draft,) = by_unit(answer)["CON311204"].matches
    assert (draft.outcome, draft.statuses) == ("partial", ["draft"])
    assert answer.counts["not-benchmarked"] == 0


def test_units_of_the_other_standard_that_nothing_matches_are_listed(store):
    assert gap_analysis(store, PH, TH).unmatched == [f"{TH}:TH-MAS-05"]
    assert gap_analysis(store, PH, TH, include=["draft"]).unmatched == []


def test_the_json_answer_has_the_documented_keys(store):
    data = gap_analysis(store, PH, TH).to_json()
    assert {"from", "to", "units", "unmatched", "counts"} <= set(data)
    unit = data["units"][0]
    assert {"unit", "title", "outcome", "matches"} <= set(unit)
    assert {"unit", "route", "via", "statuses", "sources"} <= set(data["units"][-1]["matches"][0])
    json.dumps(data)


def test_an_unknown_standard_is_named_with_the_closest_ids(store):
    with pytest.raises(UnknownId) as unknown:
        gap_analysis(store, PH, "th-dsd-masonry")
    assert TH in unknown.value.suggestions


def test_the_command_line_prints_the_table_and_json(store_path, capsys):
    assert main(["--store", str(store_path), "gaps", PH, "--to", TH]) == 0
    out = capsys.readouterr().out
    assert "2 equivalent, 2 partial, 1 no-counterpart, 1 not-benchmarked" in out
    assert f"{TH}:TH-MAS-05" in out.split("matches:")[-1]
    assert main(["--store", str(store_path), "gaps", PH, "--to", TH, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["partial"] == 2
    assert main(["--store", str(store_path), "gaps", PH, "--to", "th-dsd"]) == 2
    assert "did you mean" in capsys.readouterr().err


def test_the_api_and_the_page_give_the_same_answer_on_the_bundled_data(bundled_service, bundled_store):
    params = {"from": "ph-tesda-masonry-nc2", "to": "au-cpc-training-package"}
    response = httpx.get(f"{bundled_service.url}/api/gaps", params=params, timeout=30)
    assert response.status_code == 200
    assert response.json() == gap_analysis(bundled_store, *params.values()).to_json()
    # no public source states a benchmarking result: every unit of the bundled data is not benchmarked
    assert response.json()["counts"]["not-benchmarked"] == 3
    missing = httpx.get(f"{bundled_service.url}/api/gaps", params={"from": "ph-tesda-masonry", "to": "x"}, timeout=30)
    assert missing.status_code == 404 and "ph-tesda-masonry-nc2" in missing.json()["detail"]["suggestions"]
    bad = httpx.get(f"{bundled_service.url}/api/gaps", params={**params, "include": "rumoured"}, timeout=30)
    assert bad.status_code == 400
    page = httpx.get(f"{bundled_service.url}/gaps", params=params, timeout=30)
    assert page.status_code == 200 and "not-benchmarked" in page.text and "CON711318" in page.text


def test_the_illustrative_example_is_labelled_as_such():
    store = EmbeddedStore(None)
    load_paths(store, [PROJECT / "data", PROJECT / "examples" / "illustrative-mrs"], root=PROJECT)
    answer = gap_analysis(store, PH, "au-cpc-training-package", include=["illustrative"])
    assert answer.counts == {"equivalent": 1, "partial": 1, "no-counterpart": 1, "not-benchmarked": 0}
    assert {s for u in answer.units for m in u.matches for s in m.statuses} == {"illustrative"}
    notes = store.select_values("""PREFIX qg: <https://w3id.org/qualgraph/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?note WHERE { ?d a qg:BenchmarkingDecision ; skos:note ?note }""")
    assert notes and all(r["note"].startswith("ILLUSTRATIVE ONLY") for r in notes)
    store.close()


def test_a_decision_loaded_later_is_in_the_next_answer():
    # the decisions are followed in memory (qualgraph.recognition.index); a write made through qualgraph is seen
    store = EmbeddedStore(None)
    load_paths(store, [GAPS], root=GAPS.parent)
    assert by_unit(gap_analysis(store, PH, TH))["CON311204"].outcome == "not-benchmarked"
    load_paths(store, [GAPS.parent / "gaps-later"], root=GAPS.parent)
    assert by_unit(gap_analysis(store, PH, TH))["CON311204"].outcome == "partial"
    store.close()


def test_the_benchmarking_index_outlives_writes_to_graphs_it_does_not_read(tmp_path: Path) -> None:
    """Building the index took ~7 s at 50,000 units: a write that touches no benchmarking, unit or qualification
    (a provider's note, a framework's labels) leaves it as it is; one that does (a decision's status) rebuilds
    it, and the next answer has it."""
    import pyoxigraph as ox
    from rdflib import URIRef

    from qualgraph.recognition.index import benchmarking_index

    store = EmbeddedStore(tmp_path / "store")
    load_paths(store, [GAPS], root=GAPS.parent)
    first = benchmarking_index(store)
    store.write_graph(URIRef("https://w3id.org/qualgraph/graph/test/notes"),
                      b'<urn:x-test:provider> <http://www.w3.org/2000/01/rdf-schema#comment> "a note" .',
                      ox.RdfFormat.N_TRIPLES)
    assert benchmarking_index(store) is first
    assert gap_analysis(store, PH, TH).counts["equivalent"] == 2
    decision = next(e.decision for edges in first.edges.values() for e in edges
                    if e.outcome.endswith("equivalent") and e.status.endswith("accepted"))
    store.add_quads([ox.Quad(ox.NamedNode(decision), ox.NamedNode("https://w3id.org/qualgraph/ontology#status"),
                             ox.NamedNode("https://w3id.org/qualgraph/status/superseded"),
                             ox.NamedNode("https://w3id.org/qualgraph/graph/test/statuses"))])
    assert benchmarking_index(store) is not first
    store.close()
