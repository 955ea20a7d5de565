"""The first derived answer after a write, at a million triples, against reading the index again as a whole.

On a copy of ``bench/out/store-1000000`` (``generate.py``'s graph: 60 frameworks, 674 correspondences, ~21,000
qualifications with 10 units each; the original is never written), both indexes are built once. Then, for each
kind of write, in rounds (``--rounds``, 2 by default), this script:

1. writes, through the store's own methods (so the journal names the graph, as a load, a Graph Store PUT or a
   submission does): a referencing decision, a level with its decision, a unit listed by a qualification, or a
   qualification at a level with its units, each in a new named graph of its own; and, last, one triple about a
   qualification written into the large graph that holds everything else (the worst case: that graph is read
   again);
2. times the first answer of each kind that follows: ``comparable_levels`` (equivalences: the comparability
   index brought up to date) and ``comparable_qualifications`` everywhere (recognition: the benchmarking index
   brought up to date), each the first call after the write;
3. right after, in the same round, times ``ComparabilityIndex(store)`` and ``BenchmarkingIndex(store)``: what the
   same answers paid before this change (the whole index read again after every such write).

Prints one line per write and answer with the medians and the ratio (first answer after the write / full
rebuild), the load average, and writes ``bench/out/derived-after-writes-<timestamp>.json``.

    .venv/bin/python bench/bench_derived_after_writes.py [--store bench/out/store-1000000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from qualgraph import ids
from qualgraph.comparability import (
    ComparabilityIndex,
    comparability_index,
    comparable_levels,
)
from qualgraph.recognition.comparable import comparable_qualifications
from qualgraph.recognition.index import BenchmarkingIndex, benchmarking_index
from qualgraph.store import EmbeddedStore
from qualgraph.vocab import DCTERMS, QG, QGS, RDF, SKOS

OUT = Path(__file__).resolve().parent / "out"
BIG_GRAPH = "https://w3id.org/qualgraph/graph/bench/synthetic.nt"


def n(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def timed(call: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


class Writes:
    """One write of each kind per round, each in a new graph (or, for ``big-graph``, in the graph of everything)."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        index = benchmarking_index(store)
        self.qualifications = sorted(index.qualifications)
        self.units = sorted(index.qualifications_of)

    def graph(self, kind: str, round_: int) -> ox.NamedNode:
        return n(ids.graph_iri(f"bench/after-writes/{kind}-{round_}"))

    def decision(self, r: int) -> None:
        g = self.graph("decision", r)
        c = n(f"https://w3id.org/qualgraph/id/correspondence/bench/after-writes/decision-{r}")
        self.store.add_quads([ox.Quad(c, n(p), o, g) for p, o in (
            (RDF.type, n(QG.ReferencingDecision)), (QG.sourceLevel, n(ids.level_iri("xb-nqf", "3"))),
            (QG.targetLevel, n(ids.level_iri("ref-a", str(3 + r % 3)))), (QG.targetFramework, n(ids.framework_iri("ref-a"))),
            (QG.status, n(QGS.accepted)), (DCTERMS.source, n("https://example.org/bench-after-writes")))])

    def level(self, r: int) -> None:
        g, fw = self.graph("level", r), ids.framework_iri("xc-nqf")
        level = n(ids.level_iri("xc-nqf", f"9{r}"))
        c = n(f"https://w3id.org/qualgraph/id/correspondence/bench/after-writes/level-{r}")
        self.store.add_quads([ox.Quad(level, n(p), o, g) for p, o in (
            (RDF.type, n(QG.Level)), (SKOS.inScheme, n(fw)), (SKOS.topConceptOf, n(fw)),
            (SKOS.notation, ox.Literal(f"9{r}")), (SKOS.prefLabel, ox.Literal(f"Level 9{r}", language="en")))]
            + [ox.Quad(n(fw), n(SKOS.hasTopConcept), level, g)]
            + [ox.Quad(c, n(p), o, g) for p, o in (
                (RDF.type, n(QG.ReferencingDecision)), (QG.sourceLevel, level),
                (QG.targetLevel, n(ids.level_iri("ref-a", "8"))), (QG.status, n(QGS.accepted)))])

    def unit(self, r: int) -> None:
        g = self.graph("unit", r)
        unit = n(ids.unit_iri(f"bench-after-writes-U{r}"))
        self.store.add_quads([
            ox.Quad(unit, n(RDF.type), n(QG.UnitOfCompetency), g),
            ox.Quad(unit, n(DCTERMS.title), ox.Literal(f"A unit written after the build ({r})", language="en"), g),
            ox.Quad(n(self.qualifications[r]), n(QG.hasUnit), unit, g)])

    def qualification(self, r: int) -> None:
        g = self.graph("qualification", r)
        q = n(ids.qualification_iri("xx-nqf", f"AFTER-WRITES-{r}"))
        self.store.add_quads([ox.Quad(q, n(p), o, g) for p, o in (
            (RDF.type, n(QG.Qualification)), (DCTERMS.title, ox.Literal(f"Written after the build ({r})", language="en")),
            (QG.atLevel, n(ids.level_iri("xx-nqf", "5"))),
            (QG.fieldOfEducation, n("http://data.europa.eu/esco/isced-f/0732")))]
            + [ox.Quad(q, n(QG.hasUnit), n(u), g) for u in self.units[r * 10:r * 10 + 10]])

    def big_graph(self, r: int) -> None:
        self.store.add_quads([ox.Quad(n(self.qualifications[-1 - r]), n(QG.occupation),
                                      n(f"http://data.europa.eu/esco/isco/C71{r:02d}"), n(BIG_GRAPH))])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=OUT / "store-1000000")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--kinds", default="decision,level,unit,qualification,big_graph")
    parser.add_argument("--label", default="", help="a name for this run in the JSON file's name (e.g. before)")
    args = parser.parse_args()
    result: dict[str, object] = {"when": datetime.now(UTC).isoformat(timespec="seconds"),
                                 "machine": platform.platform(), "python": sys.version.split()[0],
                                 "store": str(args.store), "label": args.label, "load_average_start": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="qualgraph-bench-after-writes-") as tmp:
        copy = Path(tmp) / "store"
        shutil.copytree(args.store, copy)  # never write into bench/out/store-*
        store = EmbeddedStore(copy)
        result["quads"] = len(store)
        ms, _ = timed(lambda: comparability_index(store))
        result["first_build_comparability_ms"] = round(ms, 1)
        ms, _ = timed(lambda: benchmarking_index(store))
        result["first_build_benchmarking_ms"] = round(ms, 1)
        print(f"{result['quads']} quads; first builds: comparability {result['first_build_comparability_ms']} ms, "
              f"benchmarking {result['first_build_benchmarking_ms']} ms; load {os.getloadavg()}", file=sys.stderr)
        writes = Writes(store)
        level = "xx-nqf:5"
        qualification = ids.record_id_of(writes.qualifications[1000]) or ""
        answers: dict[str, Callable[[], object]] = {
            "equivalences": lambda: comparable_levels(store, level),
            "comparable_everywhere": lambda: comparable_qualifications(store, qualification),
        }
        rebuilds: dict[str, Callable[[], object]] = {
            "equivalences": lambda: ComparabilityIndex(store),
            "comparable_everywhere": lambda: BenchmarkingIndex(store),
        }
        figures: dict[str, dict[str, dict[str, list[float]]]] = {}
        for r in range(args.rounds):
            for kind in args.kinds.split(","):
                for answer, ask in answers.items():  # one write per answer: each is the first after its write
                    getattr(writes, kind)(r * 2 + (answer == "comparable_everywhere"))
                    after, _ = timed(ask)
                    # the other index is brought up to date untimed, so the next write starts from current indexes
                    for other, call in answers.items():
                        if other != answer:
                            call()
                    quiet, _ = timed(ask)
                    full, _ = timed(rebuilds[answer])
                    cell = figures.setdefault(kind, {}).setdefault(answer, {"after_write_ms": [], "full_rebuild_ms": [],
                                                                            "quiet_answer_ms": []})
                    cell["after_write_ms"].append(round(after, 2))
                    cell["full_rebuild_ms"].append(round(full, 2))
                    cell["quiet_answer_ms"].append(round(quiet, 2))
                    print(f"round {r + 1} {kind:13s} {answer:22s} first answer after the write {after:8.1f} ms "
                          f"(quiet {quiet:5.1f} ms); full rebuild {full:8.1f} ms; load {os.getloadavg()[0]:.2f}",
                          file=sys.stderr)
        store.close()
    summary = {}
    print(f"\n{'write':14s} {'answer':22s} {'after write (median ms)':>24s} {'full rebuild':>13s} {'ratio':>7s}")
    for kind, by_answer in figures.items():
        for answer, cell in by_answer.items():
            after, full = statistics.median(cell["after_write_ms"]), statistics.median(cell["full_rebuild_ms"])
            summary[f"{kind}/{answer}"] = {"after_write_median_ms": round(after, 1), "full_rebuild_median_ms": round(full, 1),
                                           "ratio": round(after / full, 3), **cell}
            print(f"{kind:14s} {answer:22s} {after:24.1f} {full:13.1f} {after / full:7.3f}")
    result["figures"] = summary
    result["load_average_end"] = os.getloadavg()
    print(f"load average at start {result['load_average_start']}, at end {result['load_average_end']}")
    OUT.mkdir(exist_ok=True)
    label = f"-{args.label}" if args.label else ""
    out = OUT / f"derived-after-writes{label}-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
