"""Loading sources into the store.

As a data steward I load our frameworks from RDF files in whatever syntax we have. Each file goes to a
named graph of its own, so loading a corrected file replaces exactly what the old one brought. When a
file is broken, I am told the file and the line, and the store is left exactly as it was.
"""

from __future__ import annotations


import pytest

from qualgraph.ids import graph_iri
from qualgraph.loading import LoadError, load_paths
from conftest import snapshot

SYNTAXES = ["eqf-levels.ttl", "eqf-levels.nt", "eqf-levels.rdf", "eqf-levels.jsonld", "eqf-levels.trig", "eqf-levels.nq"]


@pytest.mark.parametrize("name", SYNTAXES)
def test_every_rdf_syntax_loads_the_same_statements(store, fixtures, name):
    result = load_paths(store, [fixtures / "loading" / name], root=fixtures)
    assert result.quads_added == 21
    assert store.select_values(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?l WHERE { ?l skos:prefLabel \"EQF level 5\"@en }"
    ) == [{"l": "https://w3id.org/qualgraph/id/framework/eqf/level/5"}]


def test_a_file_goes_to_a_graph_named_after_its_path(store, fixtures):
    load_paths(store, [fixtures / "loading" / "eqf-levels.ttl"], root=fixtures)
    assert store.named_graphs() == [graph_iri("loading/eqf-levels.ttl")]


def test_named_graphs_of_a_trig_file_are_kept(store, fixtures):
    load_paths(store, [fixtures / "loading" / "eqf-levels.trig"], root=fixtures)
    assert [str(g) for g in store.named_graphs()] == ["https://w3id.org/qualgraph/graph/test/eqf-named"]


def test_loading_a_file_again_replaces_its_graph(store, fixtures, tmp_path):
    source = tmp_path / "eqf.ttl"
    source.write_text((fixtures / "loading" / "eqf-levels.ttl").read_text())
    load_paths(store, [source], root=tmp_path)
    first = len(store)
    # the corrected file drops level 4's label
    source.write_text(source.read_text().replace('skos:prefLabel "EQF level 4"@en ;', ""))
    result = load_paths(store, [source], root=tmp_path)
    assert len(store) == first - 1
    assert result.graphs[0].replaced


def test_a_folder_loads_everything_loadable_in_it(store, fixtures, tmp_path):
    folder = tmp_path / "data"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "eqf.nt").write_text((fixtures / "loading" / "eqf-levels.nt").read_text())
    (folder / "README.md").write_text("not data")
    result = load_paths(store, [folder], root=tmp_path)
    assert [g.source for g in result.graphs] == [str(folder / "sub" / "eqf.nt")]
    assert len(store) == 21


def test_a_syntax_error_names_file_and_line_and_loads_nothing(store, fixtures):
    load_paths(store, [fixtures / "loading" / "eqf-levels.ttl"], root=fixtures)
    before = snapshot(store)
    broken = fixtures / "loading" / "turtle-syntax-error-on-line-6.ttl"
    good = fixtures / "loading" / "eqf-levels.nt"
    with pytest.raises(LoadError) as error:
        load_paths(store, [good, broken], root=fixtures)
    [problem] = error.value.problems
    assert problem.file.endswith("turtle-syntax-error-on-line-6.ttl")
    assert problem.line == 6
    assert "line 6" in str(error.value) and "store is unchanged" in str(error.value)
    assert snapshot(store) == before


def test_a_failed_bulk_load_of_a_large_file_leaves_no_trace(store, fixtures, tmp_path):
    """Large files take Oxigraph's bulk loader, which is not transactional; the loader undoes it."""
    load_paths(store, [fixtures / "loading" / "eqf-levels.ttl"], root=fixtures)
    before = snapshot(store)
    big = tmp_path / "big.nt"
    lines = [f"<https://example.org/q/{i}> <https://example.org/p> \"{i}\" .\n" for i in range(50_000)]
    big.write_text("".join(lines) + "<https://example.org/broken> <https://example.org/p> \"no end .\n")
    with pytest.raises(LoadError) as error:
        load_paths(store, [big], root=tmp_path, bulk_threshold=0)
    assert error.value.problems[0].line == 50_001
    assert snapshot(store) == before
    assert graph_iri("big.nt") not in store.named_graphs()


def test_a_large_file_is_bulk_loaded_with_progress(store, tmp_path):
    big = tmp_path / "big.nt"
    big.write_text("".join(f"<https://example.org/q/{i}> <https://example.org/p> \"{i}\" .\n" for i in range(50_000)))
    seen: list[tuple[int, int]] = []
    result = load_paths(store, [big], root=tmp_path, bulk_threshold=0, progress=lambda name, done, total: seen.append((done, total)))
    assert result.quads_added == 50_000
    assert seen and seen[-1][0] == seen[-1][1] == big.stat().st_size


def test_an_unknown_file_type_is_refused(store, tmp_path):
    odd = tmp_path / "levels.docx"
    odd.write_text("x")
    with pytest.raises(LoadError, match="unknown file type '.docx'"):
        load_paths(store, [odd], root=tmp_path)


def test_a_missing_path_is_refused(store, tmp_path):
    with pytest.raises(LoadError, match="no such file or folder"):
        load_paths(store, [tmp_path / "nowhere.ttl"], root=tmp_path)
