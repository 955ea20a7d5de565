"""An operator caps what one query may return (``max_rows``); a client asking for SPARQL JSON gets every row up to
the cap, in the engine's order, in a document that parses, and is told when rows were left out, whatever the values
hold. The JSON is written once and its rows counted as it is written, so these tests hold the count to account
where it could be fooled: values that contain the text between two rows, and rows with nothing bound.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from qualgraph.sparql.execution import QueryLimits, QueryRequest, run_query

JSON = "application/sparql-results+json"
CAP = 3


def rows(values: list[str]) -> str:
    """A query whose rows bind ?v to each of ``values`` in order (no store needed)."""
    literals = " ".join(json.dumps(v) for v in values)
    return f"SELECT ?v ?n WHERE {{ VALUES ?v {{ {literals} }} BIND(STRLEN(?v) AS ?n) }}"


def answer(query: str, cap: int = CAP) -> tuple[list[dict], int | None]:
    result = run_query(ox.Store(), QueryRequest(query, accept=JSON), QueryLimits(max_rows=cap))
    return json.loads(result.body)["results"]["bindings"], result.truncated_at


def values(bindings: list[dict]) -> list[str | None]:
    return [row["v"]["value"] if "v" in row else None for row in bindings]


def test_a_result_as_long_as_the_cap_is_whole_and_unmarked() -> None:
    bindings, cut = answer(rows(["a", "b", "c"]))
    assert values(bindings) == ["a", "b", "c"] and cut is None


def test_a_longer_result_is_cut_at_the_cap_and_marked() -> None:
    bindings, cut = answer(rows([f"value {n}" for n in range(50)]))
    assert values(bindings) == ["value 0", "value 1", "value 2"] and cut == CAP
    assert [row["n"]["value"] for row in bindings] == ["7", "7", "7"]


@pytest.mark.parametrize("count", [2, 3, 4, 10])
def test_values_holding_the_text_between_two_rows_do_not_change_the_rows(count: int) -> None:
    tricky = [f'x}},{{"v":{{}}}},{{}},{{ {n}' for n in range(count)]
    bindings, cut = answer(rows(tricky))
    assert values(bindings) == tricky[:CAP]
    assert cut == (CAP if count > CAP else None)


def test_rows_with_nothing_bound_are_counted_as_rows() -> None:
    query = "SELECT ?v WHERE { VALUES ?k { 1 2 3 4 5 } OPTIONAL { ?k <urn:x-test:p> ?v } }"
    bindings, cut = answer(query)
    assert bindings == [{}, {}, {}] and cut == CAP


def test_without_a_cap_every_row_comes() -> None:
    bindings, cut = answer(rows([str(n) for n in range(25)]), cap=0)
    assert len(bindings) == 25 and cut is None


def test_the_text_between_two_rows_is_counted_once_even_when_split_between_two_writes() -> None:
    from qualgraph.sparql.execution import _JSON_ROW_BOUNDARY, _Sink

    body = b'{"results":{"bindings":[{"v":{"value":"1"}},{"v":{"value":"2"}},{}]}}'
    for split in range(len(body) + 1):
        sink = _Sink(max_lines=10, line_end=_JSON_ROW_BOUNDARY)
        sink.write(body[:split])
        sink.write(body[split:])
        assert sink.lines == 2, split
