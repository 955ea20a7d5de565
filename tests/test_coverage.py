"""The coverage report says truthfully how complete and how well sourced the bundled data is.

User story: as the maintainer of qualgraph's data I run ``qualgraph coverage`` to see, per framework, how many
levels, level descriptors, qualification types and decisions we hold, and how many of the URLs cited are official
pages rather than copies; ``scripts/coverage_report`` keeps that table in ``data/README.md``. I trust those figures
because they agree with a count made straight from the files, and the README's table is never stale.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from qualgraph import ids
from qualgraph.cli import main
from qualgraph.coverage import coverage, markdown
from qualgraph.loading import load_paths
from qualgraph.store import EmbeddedStore
from qualgraph.vocab import QG

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TEMPLATES = DATA / "templates"
DECISION_CLASSES = (QG.ReferencingDecision, QG.LevelComparison, QG.LevelCorrespondence)


def framework_turtle() -> Graph:
    g = Graph()
    for path in sorted((DATA / "frameworks").glob("*.ttl")) + sorted((DATA / "referencing").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def template_rows(name: str) -> list[dict[str, str]]:
    with open(TEMPLATES / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def counted_from_the_files() -> dict[str, Counter[str]]:
    """Levels and decisions per framework, counted from the Turtle files and the spreadsheet templates."""
    g = framework_turtle()
    levels: Counter[str] = Counter(ids.framework_slug_of(scheme) for lv, scheme in g.subject_objects(SKOS.inScheme)
                     if (lv, RDF.type, QG.Level) in g)
    levels.update(fw for fw, _ in {(r["framework"], r["level"]) for r in template_rows("levels.csv")})  # a row a language
    decisions: Counter[str] = Counter()
    for cls in DECISION_CLASSES:
        for d in g.subjects(RDF.type, cls):
            decisions[(ids.level_id_of(g.value(d, QG.sourceLevel)) or ":").split(":")[0]] += 1
    decisions.update(r["framework"] for r in template_rows("referencing.csv"))
    return {"levels": levels, "decisions": decisions}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A store on disk with data/ loaded, as `qualgraph load data/` makes it."""
    path = tmp_path_factory.mktemp("coverage") / "store"
    store = EmbeddedStore(path)
    load_paths(store, [DATA], root=ROOT)
    store.close()
    yield path


@pytest.fixture(scope="module")
def report(store_path: Path) -> dict:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--store", str(store_path), "coverage", "--format", "json"]) == 0
    return json.loads(out.getvalue())


def test_levels_and_decisions_per_framework_match_the_files(report: dict) -> None:
    expected = counted_from_the_files()
    rows = {r["framework"]: r for r in report["frameworks"]}
    assert {k: r["levels"] for k, r in rows.items() if r["levels"]} == dict(expected["levels"])
    assert {k: r["decisions"] for k, r in rows.items() if r["decisions"]} == dict(expected["decisions"])


def test_the_totals_add_up(report: dict) -> None:
    rows, totals = report["frameworks"], report["totals"]
    assert totals["frameworks"] == len(rows) == len({r["framework"] for r in rows})
    assert totals["levels"] == sum(r["levels"] for r in rows)
    assert totals["decisions"] == sum(r["decisions"] for r in rows) == sum(totals["decisions_by_status"].values())
    assert totals["frameworks_with_decisions"] == sum(1 for r in rows if r["decisions"])
    assert totals["decisions_with_official_source"] <= totals["decisions"]


def test_every_decision_has_an_official_source_and_germanys_template_rows_count(report: dict) -> None:
    """The figures a reader of the README sees first: all decisions trace to an official page, and Germany's
    DQR, bundled as spreadsheet templates rather than Turtle, is counted too."""
    rows = {r["framework"]: r for r in report["frameworks"]}
    assert report["totals"]["decisions_with_official_source"] == report["totals"]["decisions"]
    assert rows["de-dqr"]["levels"] == 8 and rows["de-dqr"]["decisions"] == 8


def test_the_readme_table_is_what_the_script_writes_now(store_path: Path) -> None:
    store = EmbeddedStore(store_path, read_only=True)
    try:
        table = markdown(coverage(store))
    finally:
        store.close()
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    section = re.search(r"<!-- coverage:start[^>]*-->\n\n(.*?)\n<!-- coverage:end -->", readme, re.DOTALL)
    assert section, "data/README.md has no coverage section"
    assert section.group(1) == table, "the coverage table is out of date: run scripts/coverage_report"


def test_a_decision_read_only_in_a_copy_has_no_official_source(tmp_path: Path) -> None:
    """The split is by URL: a decision citing only a yumpu copy counts as a decision without an official
    source, and the copy counts under copies; a level with a descriptor and a scope note counts for both."""
    path = tmp_path / "tiny.ttl"
    path.write_text("""
        @base <https://w3id.org/qualgraph/id/> .
        @prefix qg: <https://w3id.org/qualgraph/ontology#> .
        @prefix qgs: <https://w3id.org/qualgraph/status/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        <framework/xx-nqf> a qg:QualificationsFramework ; dcterms:identifier "xx-nqf" ;
            dcterms:source <https://www.qqi.ie/nfq> .
        <framework/xx-nqf/level/1> a qg:Level ; skos:inScheme <framework/xx-nqf> ; qg:hasDescriptor <d1> ;
            skos:scopeNote "Level 1 Certificate"@en ; dcterms:source <https://www.qqi.ie/nfq> .
        <correspondence/xx-nqf/1/eqf/1> a qg:ReferencingDecision ; qg:sourceLevel <framework/xx-nqf/level/1> ;
            qg:status qgs:accepted ; dcterms:source <https://www.yumpu.com/en/document/view/1/x> .
    """, encoding="utf-8")
    store = EmbeddedStore(None)
    load_paths(store, [path], root=tmp_path)
    try:
        [row] = coverage(store).frameworks
    finally:
        store.close()
    assert (row.levels, row.levels_with_descriptors, row.levels_with_types) == (1, 1, 1)
    assert (row.decisions, row.decisions_with_official_source) == (1, 0)
    assert (row.sources("official"), row.sources("copy")) == (1, 1)
