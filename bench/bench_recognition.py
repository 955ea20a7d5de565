"""Gap analysis and comparable qualifications at scale, next to raw pyoxigraph running the same queries.

A generated graph (issue 12's size: 60 national frameworks referenced one-to-one to a reference framework,
5,000 qualifications, 5,000 competency standards with 10 units each = 50,000 units, 50 regional model standards
of 10 units, every national unit benchmarked to a regional unit, and direct decisions between some pairs of
national standards) is bulk-loaded into a fresh on-disk store. Then, in one run on one machine:

1. ``qualgraph.recognition.gaps.gap_analysis`` between pairs of standards of the same occupation (their units
   meet through the regional standard, some also directly);
2. ``qualgraph.recognition.comparable.comparable_qualifications`` for qualifications, everywhere and in one
   framework (the level derivation comes from the comparability index, built once before timing);

and for each call, the SPARQL queries it sent, replayed as they were sent (the same text, bound parameters
included) on the raw ``pyoxigraph.Store`` in union-default-graph mode: the difference is what qualgraph's
Python adds (composition, ranking, reasons, JSON). Both answers walk the recognition index
(:mod:`qualgraph.recognition.index`: decisions, units of qualifications, qualifications by level), read as a
whole on first use; its build time is measured too, next to its queries on raw pyoxigraph. (After a write it is
brought up to date from the graphs the write changed: ``bench/bench_derived_after_writes.py`` times that.) Medians and
95th percentiles in milliseconds. Target: each answer under 50 ms in process.

    .venv/bin/python bench/bench_recognition.py [--qualifications 5000] [--calls 40]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from qualgraph import ids
from qualgraph.comparability import comparability_index
from qualgraph.recognition.comparable import comparable_qualifications
from qualgraph.recognition.gaps import gap_analysis
from qualgraph.recognition.index import benchmarking_index
from qualgraph.store import EmbeddedStore
from qualgraph.vocab import DCTERMS, QG, QGS, RDF, SKOS, XSD

OUT = Path(__file__).parent / "out"
LEVELS = 8
UNITS = 10
OCCUPATIONS = [f"{7100 + i}" for i in range(50)]
FIELDS = [f"07{i:02d}" for i in range(20)]


def _n(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def generate(frameworks: int, qualifications: int, seed: int = 12) -> tuple[list[ox.Quad], dict[str, list]]:
    """The quads of the generated graph, and what the timing loop picks from (standards by occupation ...)."""
    rnd = random.Random(seed)
    quads: list[ox.Quad] = []
    graph = _n(ids.graph_iri("bench/recognition.nq"))

    def add(s: object, p: object, o: ox.NamedNode | ox.Literal) -> None:
        quads.append(ox.Quad(_n(s), _n(p), o, graph))

    accepted = _n(QGS.accepted)
    ref = "ref-rqf"
    slugs = [f"c{i:02d}-nqf" for i in range(frameworks)]
    for slug, kind in [(ref, QG.ReferenceFramework)] + [(s, QG.NationalFramework) for s in slugs]:
        fw = ids.framework_iri(slug)
        for t in (QG.QualificationsFramework, kind, SKOS.ConceptScheme):
            add(fw, RDF.type, _n(t))
        add(fw, DCTERMS.identifier, ox.Literal(slug))
        add(fw, SKOS.prefLabel, ox.Literal(f"Framework {slug}", language="en"))
        add(fw, QG.jurisdiction, ox.Literal("ZZ" if slug == ref else f"{chr(65 + int(slug[1:3]) // 26)}{chr(65 + int(slug[1:3]) % 26)}"))
        for n in range(1, LEVELS + 1):
            lv = ids.level_iri(slug, str(n))
            add(lv, RDF.type, _n(QG.Level))
            add(lv, SKOS.inScheme, _n(fw))
            add(lv, SKOS.notation, ox.Literal(str(n)))
            add(lv, QG.rank, ox.Literal(str(n), datatype=_n(XSD.integer)))
            add(lv, SKOS.prefLabel, ox.Literal(f"Level {n}", language="en"))
            if slug != ref:
                c = ids.correspondence_iri(slug, str(n), ref, str(n))
                add(c, RDF.type, _n(QG.ReferencingDecision))
                add(c, QG.sourceLevel, _n(lv))
                add(c, QG.targetFramework, _n(ids.framework_iri(ref)))
                add(c, QG.targetLevel, _n(ids.level_iri(ref, str(n))))
                add(c, QG.status, accepted)
                add(c, DCTERMS.source, _n("https://example.org/referencing-report"))
    outcomes = [QG["outcome-equivalent"]] * 7 + [QG["outcome-partial"]] * 2 + [QG["outcome-no-counterpart"]]

    def standard(slug: str, kind: object, occupation: str) -> list[str]:
        std = ids.standard_iri(slug)
        add(std, RDF.type, _n(QG.CompetencyStandard))
        add(std, RDF.type, _n(kind))
        add(std, DCTERMS.title, ox.Literal(f"Standard {slug}", language="en"))
        add(std, QG.occupation, _n(f"http://data.europa.eu/esco/isco/C{occupation}"))
        units = []
        for u in range(1, UNITS + 1):
            code = f"U{u:02d}"
            unit = ids.standard_unit_iri(slug, code)
            add(unit, RDF.type, _n(QG.UnitOfCompetency))
            add(unit, DCTERMS.identifier, ox.Literal(code))
            add(unit, DCTERMS.title, ox.Literal(f"Unit {u} of {slug}", language="en"))
            add(unit, DCTERMS.isPartOf, _n(std))
            add(std, QG.hasUnit, _n(unit))
            units.append(str(unit))
        return units

    regional = {occ: standard(f"rmcs-{occ}", QG.RegionalModelStandard, occ) for occ in OCCUPATIONS}
    by_occupation: dict[str, list[str]] = {occ: [] for occ in OCCUPATIONS}
    quals: list[str] = []
    for i in range(qualifications):
        slug = slugs[i % frameworks]
        occ = rnd.choice(OCCUPATIONS)
        std_slug = f"s{i:05d}"
        units = standard(std_slug, QG.NationalStandard, occ)
        by_occupation[occ].append(std_slug)
        for k, unit in enumerate(units):  # every unit benchmarked to the regional unit of the same number
            outcome = rnd.choice(outcomes)
            d = ids.benchmarking_iri(std_slug, f"U{k + 1:02d}", f"rmcs-{occ}",
                                     None if outcome == QG["outcome-no-counterpart"] else f"U{k + 1:02d}")
            add(d, RDF.type, _n(QG.BenchmarkingDecision))
            add(d, QG.sourceUnit, _n(unit))
            add(d, QG.targetStandard, _n(ids.standard_iri(f"rmcs-{occ}")))
            if outcome != QG["outcome-no-counterpart"]:
                add(d, QG.targetUnit, _n(regional[occ][k]))
            add(d, QG.outcome, _n(outcome))
            add(d, QG.status, accepted)
            add(d, DCTERMS.source, _n("https://example.org/benchmarking-report"))
        q = ids.qualification_iri(slug, f"Q{i:05d}")
        add(q, RDF.type, _n(QG.Qualification))
        add(q, DCTERMS.title, ox.Literal(f"Qualification {i}", language="en"))
        add(q, QG.atLevel, _n(ids.level_iri(slug, str(rnd.randint(1, 4)))))
        add(q, QG.occupation, _n(f"http://data.europa.eu/esco/isco/C{occ}"))
        add(q, QG.fieldOfEducation, _n(f"http://data.europa.eu/esco/isced-f/{rnd.choice(FIELDS)}"))
        add(q, QG.basedOnStandard, _n(ids.standard_iri(std_slug)))
        for unit in units:
            add(q, QG.hasUnit, _n(unit))
        quals.append(f"{slug}:Q{i:05d}")
    # direct decisions between some pairs of standards of one occupation (they rank above the derived matches)
    pairs = []
    for occ, stds in by_occupation.items():
        for a, b in zip(stds[0:20:2], stds[1:20:2]):
            pairs.append((a, b))
            for k in range(1, 6):
                d = ids.benchmarking_iri(a, f"U{k:02d}", b, f"U{k:02d}")
                add(d, RDF.type, _n(QG.BenchmarkingDecision))
                add(d, QG.sourceUnit, _n(ids.standard_unit_iri(a, f"U{k:02d}")))
                add(d, QG.targetStandard, _n(ids.standard_iri(b)))
                add(d, QG.targetUnit, _n(ids.standard_unit_iri(b, f"U{k:02d}")))
                add(d, QG.outcome, _n(rnd.choice(outcomes[:9])))
                add(d, QG.status, accepted)
                add(d, DCTERMS.source, _n("https://example.org/benchmarking-report"))
    return quads, {"pairs": pairs, "qualifications": quals, "frameworks": slugs, "by_occupation": by_occupation,
                   "occupation_of": {s: occ for occ, stds in by_occupation.items() for s in stds}}


class Recorder:
    """Wraps a store's ``select_values`` and ``select_tsv`` to keep the text of every query a feature call sends."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store, self.texts = store, []

    def __enter__(self) -> list[str]:
        for name in ("select_values", "select_tsv"):
            inner = getattr(self.store, name)

            def recording(query: str, *args: object, _inner=inner) -> object:
                self.texts.append(query)
                return _inner(query, *args)
            setattr(self.store, name, recording)
        return self.texts

    def __exit__(self, *exc: object) -> None:
        del self.store.select_values
        del self.store.select_tsv


def timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def raw(store: EmbeddedStore, texts: list[str]) -> float:
    """The same query texts on the raw pyoxigraph store, every solution read (ms)."""
    oxi: ox.Store = store.oxigraph  # type: ignore[attr-defined]
    started = time.perf_counter()
    for text in texts:
        for solution in oxi.query(text, use_default_graph_as_union=True):  # type: ignore[union-attr]
            for term in solution:
                pass
    return (time.perf_counter() - started) * 1000


def summary(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {"median_ms": round(statistics.median(values), 2),
            "p95_ms": round(values[min(len(values) - 1, int(0.95 * len(values)))], 2),
            "max_ms": round(values[-1], 2), "n": len(values)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frameworks", type=int, default=60)
    parser.add_argument("--qualifications", type=int, default=5000)
    parser.add_argument("--calls", type=int, default=40)
    args = parser.parse_args()
    rnd = random.Random(7)
    result: dict[str, object] = {"when": datetime.now(UTC).isoformat(timespec="seconds"),
                                 "machine": platform.platform(), "python": sys.version.split()[0],
                                 "frameworks": args.frameworks, "qualifications": args.qualifications,
                                 "units": args.qualifications * UNITS + len(OCCUPATIONS) * UNITS}
    with tempfile.TemporaryDirectory(prefix="qualgraph-bench-recognition-") as tmp:
        started = time.perf_counter()
        quads, picks = generate(args.frameworks, args.qualifications)
        result["generate_s"] = round(time.perf_counter() - started, 2)
        store = EmbeddedStore(Path(tmp) / "store")
        started = time.perf_counter()
        store.replace_quads([ids.graph_iri("bench/recognition.nq")], quads)
        result["load_s"] = round(time.perf_counter() - started, 2)
        # the generated quads are in the store now: kept, their list of 720,000 made every full garbage collection
        # of this process walk it (~0.1 s, in the middle of whichever answer set it off), which a service does not
        del quads
        result["quads"] = len(store)
        started = time.perf_counter()
        comparability_index(store)
        result["comparability_index_s"] = round(time.perf_counter() - started, 2)
        # the recognition index: what the first answer after a write pays, and its queries on raw pyoxigraph
        with Recorder(store) as texts:
            started = time.perf_counter()
            index = benchmarking_index(store)
            built = (time.perf_counter() - started) * 1000
        result["recognition_index"] = {"qualgraph_ms": round(built, 1), "raw_pyoxigraph_same_queries_ms":
                                       round(raw(store, texts), 1), "decisions": index.decisions,
                                       "qualifications": len(index.qualifications)}
        print(f"recognition index: {result['recognition_index']}", file=sys.stderr)
        print(f"{result['quads']} quads; generated in {result['generate_s']} s, loaded in {result['load_s']} s",
              file=sys.stderr)

        tasks: dict[str, Callable[[], list[Callable[[], object]]]] = {
            "gap_analysis": lambda: [
                (lambda a=a, b=b: gap_analysis(store, a, b)) for a, b in rnd.sample(picks["pairs"], args.calls)],
            "gap_analysis_via_reference_only": lambda: [
                (lambda a=a: gap_analysis(store, a, picks["by_occupation"][picks["occupation_of"][a]][-1]))
                for a, _ in rnd.sample(picks["pairs"], args.calls)],
            "comparable_in_one_framework": lambda: [
                (lambda q=q: comparable_qualifications(store, q, in_=rnd.choice(picks["frameworks"])))
                for q in rnd.sample(picks["qualifications"], args.calls)],
            "comparable_everywhere": lambda: [
                (lambda q=q: comparable_qualifications(store, q)) for q in rnd.sample(picks["qualifications"], args.calls)],
        }
        for name, make in tasks.items():
            calls = make()
            calls[0]()  # warm-up: query parsing caches, the comparability index
            ours, theirs, sizes = [], [], []
            for call in calls:
                with Recorder(store) as texts:
                    ours.append(timed(call))
                theirs.append(raw(store, texts))
                answer = call()
                sizes.append(len(getattr(answer, "units", getattr(answer, "comparable", []))))
            result[name] = {"qualgraph": summary(ours), "raw_pyoxigraph_same_queries": summary(theirs),
                            "answer_rows_median": statistics.median(sizes)}
            print(f"{name}: qualgraph {summary(ours)}, raw {summary(theirs)}, rows {statistics.median(sizes)}",
                  file=sys.stderr)
        store.close()
    OUT.mkdir(exist_ok=True)
    out = OUT / f"recognition-{args.qualifications}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
