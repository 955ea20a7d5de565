"""Level comparability.

As a recognition officer I ask what a level of one national framework compares to in other frameworks.
I get each comparable level with the path that links them (through a shared reference level, across
two compared reference frameworks, or from a bilateral study, which comes first), how strong the link is,
and the documents behind every decision. Draft and superseded decisions are left out unless I ask for
them, and a level that has no counterpart is answered as such.

The fixture graph (tests/fixtures/comparability/) holds IE NFQ and SCQF referenced to the EQF, a
NZQF–EQF comparison with "no counterpart" for NZQF 8, an IE–NZ bilateral comparison, PQF and MQF
referenced to the AQRF, and an AQRF–EQF comparison.
"""

from __future__ import annotations

import pytest

from qualgraph.comparability import comparable_levels
from qualgraph.ids import UnknownId
from qualgraph.loading import load_paths


@pytest.fixture
def graph(store, fixtures):
    load_paths(store, [fixtures / "comparability"], root=fixtures)
    return store


def answers(graph, level, **kw):
    return {(a.level or f"{a.framework}:(none)", a.strength, a.route) for a in comparable_levels(graph, level, **kw)}


def test_levels_sharing_a_reference_level_are_comparable(graph):
    assert ("my-mqf:5", "one-to-one", "via-reference") in answers(graph, "ph-pqf:5")


def test_the_reference_level_itself_is_a_direct_answer(graph):
    assert ("aqrf:5", "one-to-one", "direct") in answers(graph, "ph-pqf:5")


def test_comparison_between_reference_frameworks_carries_across_regions(graph):
    result = comparable_levels(graph, "ph-pqf:5", to="ie-nfq")
    assert [(a.level, a.route, a.via) for a in result] == [
        ("ie-nfq:6", "via-reference-comparison", ["ph-pqf:5", "aqrf:5", "eqf:5", "ie-nfq:6"])
    ]


def test_several_levels_sharing_a_reference_level_make_a_partial_answer(graph):
    # SCQF 9 and 10 both reference EQF 6
    assert answers(graph, "ie-nfq:7", to="uk-scqf") == {
        ("uk-scqf:9", "partial", "via-reference"),
        ("uk-scqf:10", "partial", "via-reference"),
    }


def test_a_bilateral_comparison_ranks_above_derived_answers(graph):
    # IE 8 -> EQF 6 -> NZ 7 would be derived; the IE-NZ study says IE 8 ~ NZ 7 directly, and only that is given
    result = comparable_levels(graph, "ie-nfq:8", to="nz-nzqcf")
    assert [(a.level, a.route) for a in result] == [("nz-nzqcf:7", "direct")]
    assert comparable_levels(graph, "ie-nfq:8")[0].route == "direct"


def test_a_level_without_counterpart_is_answered_as_such(graph):
    [answer] = comparable_levels(graph, "nz-nzqcf:8", to="eqf")
    assert (answer.level, answer.strength) == (None, "no-counterpart")
    assert answer.sources == ["https://example.org/nz-nzqcf-eqf"]


def test_every_answer_carries_decisions_dates_and_sources(graph):
    [answer] = comparable_levels(graph, "ph-pqf:5", to="my-mqf")
    assert answer.decisions == [
        "https://w3id.org/qualgraph/id/correspondence/ph-pqf/5/aqrf/5/2019",
        "https://w3id.org/qualgraph/id/correspondence/my-mqf/5/aqrf/5/2019",
    ]
    assert answer.sources == ["https://example.org/my-mqf-aqrf", "https://example.org/ph-pqf-aqrf"]
    assert answer.dates == ["2019", "2019"]
    assert answer.label == "Level 5"


def test_superseded_and_draft_decisions_are_used_only_when_asked(graph):
    assert answers(graph, "ph-pqf:6", to="aqrf") == {("aqrf:6", "one-to-one", "direct")}
    assert answers(graph, "ph-pqf:6", to="aqrf", include=["superseded"]) == {
        ("aqrf:6", "partial", "direct"),
        ("aqrf:7", "partial", "direct"),
    }
    assert comparable_levels(graph, "ph-pqf:7") == []
    assert answers(graph, "ph-pqf:7", include=["draft"]) >= {("aqrf:7", "one-to-one", "direct")}


def test_an_unknown_level_suggests_the_closest_ids(graph):
    with pytest.raises(UnknownId) as error:
        comparable_levels(graph, "ph-pqf:9")
    assert "ph-pqf:7" in error.value.suggestions


def test_an_unknown_framework_suggests_the_closest_ids(graph):
    with pytest.raises(UnknownId) as error:
        comparable_levels(graph, "ph-pfq:5")
    assert error.value.suggestions[0] == "ph-pqf:5"


def test_an_unknown_target_framework_is_an_error_not_an_empty_answer(graph):
    with pytest.raises(UnknownId):
        comparable_levels(graph, "ph-pqf:5", to="my-mfq")


def test_an_unknown_status_is_refused(graph):
    with pytest.raises(ValueError, match="unknown status"):
        comparable_levels(graph, "ph-pqf:5", include=["rumoured"])


@pytest.fixture
def bundled(bundled_store):
    """The bundled, sourced data plus the illustrative AQRF example, as the README shows (conftest.py)."""
    return bundled_store


def test_bundled_data_answers_ireland_to_scotland_through_the_eqf(bundled):
    result = comparable_levels(bundled, "ie-nfq:8", to="uk-scqf")
    assert {(a.level, a.strength, a.route) for a in result} == {
        ("uk-scqf:9", "partial", "via-reference"),
        ("uk-scqf:10", "partial", "via-reference"),
    }
    assert all(a.statuses == ["accepted", "accepted"] and a.sources for a in result)


def test_no_official_aqrf_level_table_means_no_aqrf_answer(bundled):
    assert comparable_levels(bundled, "ph-pqf:5", to="my-mqf") == []


def test_the_illustrative_aqrf_set_answers_only_when_asked_and_says_so(bundled):
    [answer] = comparable_levels(bundled, "ph-pqf:5", to="my-mqf", include=["illustrative"])
    assert answer.level == "my-mqf:5"
    assert answer.statuses == ["illustrative", "illustrative"]
