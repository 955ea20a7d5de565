"""Load throughput and equivalence latency of qualgraph, next to raw pyoxigraph doing the same work.

For each size (synthetic graph from bench/generate.py, N-Triples), in one run on one machine, with fresh
on-disk stores in a temporary folder:

1. load: ``qualgraph.loading.load_paths`` into an ``EmbeddedStore`` against raw ``pyoxigraph.Store.bulk_load``
   into a named graph (triples/s and the ratio; target >= 0.8), plus the ``qualgraph load`` command's wall
   time (a subprocess, Python start-up included) for information;
2. equivalences: ``qualgraph.comparability.comparable_levels`` on a few levels (answered from the
   comparability index), against raw pyoxigraph running the three queries of ``queries/`` that answer one
   level without an index, bound to that level: on the named-graph store in union-default-graph mode (how
   qualgraph stores data), with the data in the default graph (what the named-graph-per-source design
   costs), in memory (what the disk costs), and on an empty store (what parsing and planning cost); and
   the time to build the index, which the first call after every write pays.

Medians and 95th percentiles in milliseconds; compare ratios within one run, not absolute times across runs.

    .venv/bin/python bench/bench_load_and_equivalences.py --sizes 100000,1000000
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402  (bench/generate.py, next to this file)

from qualgraph import ids  # noqa: E402
from qualgraph.comparability import ComparabilityIndex, comparability_index, comparable_levels  # noqa: E402
from qualgraph.loading import BULK_THRESHOLD_BYTES, load_paths  # noqa: E402
from qualgraph.store import EmbeddedStore  # noqa: E402
from qualgraph.queries import load_query, with_values  # noqa: E402

OUT = BENCH / "out"
GRAPH = ox.NamedNode("https://w3id.org/qualgraph/graph/bench/synthetic.nt")


# -- timing ------------------------------------------------------------------------------------------

@dataclass
class Timing:
    median_ms: float
    p95_ms: float
    calls: int

    def to_json(self) -> dict[str, float | int]:
        return {"median_ms": round(self.median_ms, 4), "p95_ms": round(self.p95_ms, 4), "calls": self.calls}


def _timing(times: list[float]) -> Timing:
    times = sorted(times)
    return Timing(statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))], len(times))


def time_calls(fns: list[Callable[[], object]], calls: int, warmup: int = 10) -> Timing:
    """Call the functions round-robin (one per level asked about), ``calls`` times in all."""
    return time_interleaved({"only": fns}, calls, warmup)["only"]


def time_interleaved(variants: dict[str, list[Callable[[], object]]], calls: int, warmup: int = 10) -> dict[str, Timing]:
    """Time several ways of doing the same work in turn, call by call, so that a neighbour's load on a
    shared machine hits all of them alike (the ratios are what carries over, not the absolute times)."""
    for i in range(warmup):
        for fns in variants.values():
            fns[i % len(fns)]()
    times: dict[str, list[float]] = {name: [] for name in variants}
    gc.collect()
    gc.disable()
    try:
        for i in range(calls):
            for name, fns in variants.items():
                started = time.perf_counter()
                fns[i % len(fns)]()
                times[name].append((time.perf_counter() - started) * 1000)
    finally:
        gc.enable()
    return {name: _timing(t) for name, t in times.items()}


# -- loading -----------------------------------------------------------------------------------------

def load_qualgraph(path: Path, store_dir: Path, **options: int) -> tuple[float, EmbeddedStore]:
    store = EmbeddedStore(store_dir)
    started = time.perf_counter()
    load_paths(store, [path], root=path.parent, **options)  # type: ignore[arg-type]
    return time.perf_counter() - started, store


def load_raw(path: Path, store_dir: Path | None, graph: ox.NamedNode | None) -> tuple[float, ox.Store]:
    store = ox.Store(str(store_dir)) if store_dir is not None else ox.Store()
    started = time.perf_counter()
    if graph is None:
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    else:
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    return time.perf_counter() - started, store


def run_cli(*args: str) -> float:
    exe = Path(sys.executable).with_name("qualgraph")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "qualgraph.cli"]
    started = time.perf_counter()
    subprocess.run(command + list(args), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


# -- the queries that answer one level without the index (the baseline) --------------------------------

def level_queries(store: EmbeddedStore, level: str) -> list[tuple[str, str]]:
    """The three queries of queries/ bound to one level, as an implementation without the comparability
    index runs them per call: the paths of the level, the edges at every level on them (for the strength),
    and the evidence of their decisions and targets."""
    paths_query = with_values(load_query("comparable-levels"), "level", [ids.LevelId.parse(level).iri])
    rows = store.select_values(paths_query)
    on_paths = {r[k] for r in rows for k in ("level", "r1", "r2", "target") if k in r}
    evidence = {r[k] for r in rows for k in ("c1", "c2", "c3", "target") if k in r}
    return [
        ("comparable-levels.rq", paths_query),
        ("level-edges.rq", with_values(load_query("level-edges"), "lvl", [URIRef(x) for x in sorted(on_paths)])),
        ("evidence.rq", with_values(load_query("evidence"), "x", [URIRef(x) for x in sorted(evidence)])),
    ]


def raw_runner(store: ox.Store, query: str, union: bool) -> Callable[[], object]:
    def run() -> object:
        return list(store.query(query, use_default_graph_as_union=union))

    return run


def bench_equivalences(qg: EmbeddedStore, raw_named: ox.Store, raw_default: ox.Store, raw_memory: ox.Store,
                       levels: list[str], calls: int, builds: int) -> list[dict[str, object]]:
    """One row per baseline query, one for the whole call, one for building the index."""
    by_name: dict[str, list[str]] = {}
    for lv in levels:
        for name, text in level_queries(qg, lv):
            by_name.setdefault(name, []).append(text)
    empty = ox.Store()
    rows: list[dict[str, object]] = []
    for name, texts in by_name.items():
        row: dict[str, object] = {"query": name}
        row.update(time_interleaved({
            "raw_union": [raw_runner(raw_named, t, True) for t in texts],
            "raw_default_graph": [raw_runner(raw_default, t, False) for t in texts],
            "raw_in_memory": [raw_runner(raw_memory, t, True) for t in texts],
            "raw_empty_store": [raw_runner(empty, t, True) for t in texts],
        }, calls))
        rows.append(row)
    index = comparability_index(qg)  # built once: what every call after the first (and after a write) reads
    answers = {lv: len(comparable_levels(qg, lv)) for lv in levels}
    whole: dict[str, object] = {"query": "comparable_levels() call"}
    whole["qualgraph"] = time_calls([(lambda lv=lv: comparable_levels(qg, lv)) for lv in levels], calls)  # type: ignore[misc]
    for key in ("raw_union", "raw_default_graph", "raw_in_memory", "raw_empty_store"):
        whole[key] = Timing(sum(r[key].median_ms for r in rows), sum(r[key].p95_ms for r in rows), calls)  # type: ignore[attr-defined]
    whole["answers"] = answers
    whole["per_level"] = {  # latency follows the number of paths found, not the size of the graph
        lv: time_calls([lambda lv=lv: comparable_levels(qg, lv)], max(20, calls // len(levels))).to_json()
        for lv in levels
    }
    rows.append(whole)
    rebuilt = time_calls([lambda: ComparabilityIndex(qg)], builds, warmup=1)
    rows.append({"query": "index build (after a write)", "qualgraph": rebuilt, "index_triples": index.triples,
                 "index_levels": len(index.levels), "index_paths": index.path_count})
    return rows


# -- one size ----------------------------------------------------------------------------------------

def bench_size(target: int, work: Path, *, seed: int, calls: int, load_repeats: int, builds: int) -> dict[str, object]:
    nt = work / f"synthetic-{target}.nt"
    started = time.perf_counter()
    summary = generate.generate(nt, target, seed)
    print(f"\n== {summary.triples:,} triples ({summary.qualifications:,} qualifications, {summary.decisions} "
          f"correspondences; generated in {time.perf_counter() - started:.1f} s, "
          f"{nt.stat().st_size / 1e6:.0f} MB)", flush=True)
    nt.read_bytes()  # into the page cache, so that neither loader pays for the first read

    qg_times, raw_times = [], []
    qg_store = raw_store = None
    for i in range(load_repeats):  # alternate, so that drift on a shared machine hits both
        for d in (work / "qg", work / "raw"):
            shutil.rmtree(d, ignore_errors=True)
        qg_store = raw_store = None
        gc.collect()
        seconds, raw_store = load_raw(nt, work / "raw", GRAPH)
        raw_times.append(seconds)
        seconds, qg_store = load_qualgraph(nt, work / "qg")
        qg_times.append(seconds)
    assert qg_store is not None and raw_store is not None
    if len(qg_store) != summary.triples or len(raw_store) != summary.triples:
        raise SystemExit(f"loaded {len(qg_store)} (qualgraph) / {len(raw_store)} (raw) of {summary.triples} triples")
    default_seconds, raw_default = load_raw(nt, work / "raw-default", None)
    memory_seconds, raw_memory = load_raw(nt, None, GRAPH)
    cli_seconds = run_cli("--store", str(work / "cli"), "load", "--quiet", str(nt))
    below = nt.stat().st_size < BULK_THRESHOLD_BYTES
    if below:  # what qualgraph would do if this file were bulk-loaded too
        forced_seconds, forced = load_qualgraph(nt, work / "qg-bulk", bulk_threshold=0)
        forced.close()
        shutil.rmtree(work / "qg-bulk", ignore_errors=True)
    qg_rate, raw_rate = summary.triples / min(qg_times), summary.triples / min(raw_times)
    load = {
        "qualgraph_s": [round(t, 3) for t in qg_times], "raw_bulk_load_s": [round(t, 3) for t in raw_times],
        "qualgraph_triples_per_s": round(qg_rate), "raw_triples_per_s": round(raw_rate),
        "ratio": round(qg_rate / raw_rate, 3),
        "raw_default_graph_s": round(default_seconds, 3), "raw_in_memory_s": round(memory_seconds, 3),
        "cli_wall_s": round(cli_seconds, 3),
        "qualgraph_path": "transaction (file below BULK_THRESHOLD_BYTES)" if below else "bulk_load",
    }
    if below:
        load["qualgraph_bulk_threshold_0_s"] = round(forced_seconds, 3)
        load["ratio_bulk_threshold_0"] = round(min(raw_times) / forced_seconds, 3)
    print(f"load (best of {load_repeats}): qualgraph {qg_rate:,.0f} triples/s ({min(qg_times):.2f} s), "
          f"raw bulk_load {raw_rate:,.0f} triples/s ({min(raw_times):.2f} s), ratio {qg_rate / raw_rate:.2f} "
          f"(target >= 0.8)")
    print(f"      raw bulk_load into the default graph {default_seconds:.2f} s, into memory {memory_seconds:.2f} s; "
          f"`qualgraph load` command {cli_seconds:.2f} s wall")
    if below:
        print(f"      the file is below qualgraph's bulk threshold ({BULK_THRESHOLD_BYTES // 2**20} MiB), so qualgraph parsed "
              f"it and wrote one transaction; with bulk_threshold=0 it took {forced_seconds:.2f} s "
              f"(ratio {min(raw_times) / forced_seconds:.2f})")

    levels = list(summary.sample_levels)
    rows = bench_equivalences(qg_store, raw_store, raw_default, raw_memory, levels, calls, builds)
    cli_eq = run_cli("--store", str(work / "cli"), "equivalences", levels[0], "--format", "json")
    print_rows(rows, levels, calls)
    print(f"`qualgraph equivalences {levels[0]}` command: {cli_eq * 1000:.0f} ms wall (Python start-up included)")
    qg_store.close()
    del raw_store, raw_default, raw_memory
    for d in ("qg", "raw", "raw-default", "cli"):
        shutil.rmtree(work / d, ignore_errors=True)
    nt.unlink()
    return {
        "target": target, "triples": summary.triples, "qualifications": summary.qualifications,
        "correspondences": summary.decisions, "levels": levels, "load": load,
        "equivalences": [{k: (v.to_json() if isinstance(v, Timing) else v) for k, v in r.items()} for r in rows],
        "cli_equivalences_wall_s": round(cli_eq, 3),
    }


def print_rows(rows: list[dict[str, object]], levels: list[str], calls: int) -> None:
    print(f"equivalences of {', '.join(levels)} ({calls} calls round-robin; median / p95 ms):")
    print(f"  {'':<28} {'qualgraph':>15} {'raw':>15} {'ratio':>6}  {'raw default g.':>15} {'raw memory':>15} {'raw empty':>15}")
    *queries, whole, build = rows
    for r in [*queries, whole]:
        cells = [f"{r[k].median_ms:7.3f} /{r[k].p95_ms:6.2f}" if k in r else "" for k in  # type: ignore[attr-defined]
                 ("qualgraph", "raw_union", "raw_default_graph", "raw_in_memory", "raw_empty_store")]
        ratio = f"{r['qualgraph'].median_ms / max(r['raw_union'].median_ms, 1e-9):6.3f}" if "qualgraph" in r else ""  # type: ignore[attr-defined]
        print(f"  {r['query']:<28} {cells[0]:>15} {cells[1]:>15} {ratio:>6}  {cells[2]:>15} {cells[3]:>15} {cells[4]:>15}")
    b = build["qualgraph"]
    print(f"  {build['query']:<28} {b.median_ms:7.1f} /{b.p95_ms:6.1f}  ({build['index_triples']:,} triples copied, "  # type: ignore[attr-defined]
          f"{build['index_paths']:,} paths for {build['index_levels']:,} levels)")
    print("  one call per level (answers, median ms): " + ", ".join(
        f"{lv} ({whole['answers'][lv]}, {t['median_ms']:.3f})" for lv, t in whole["per_level"].items()))  # type: ignore[index, union-attr]
    print("  (qualgraph = comparable_levels() answered from the comparability index; raw = the three queries that "
          "answer one level without an index, bound to it, on pyoxigraph: union default graph on disk, as "
          "qualgraph stores data; 'default g.' = data in the default graph; 'memory' = in-memory store; "
          "'empty' = parse + plan only. The call row's raw columns are sums of the rows above; the first call "
          "after a write also pays the index build.)")


def machine() -> dict[str, object]:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory_gib = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        memory_gib = None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": memory_gib, "python": platform.python_version(),
            "pyoxigraph": getattr(ox, "__version__", "?"), "platform": platform.platform(),
            "load_average": os.getloadavg()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="triple counts, comma-separated")
    parser.add_argument("--calls", type=int, default=200, help="timed calls per cell (round-robin over levels)")
    parser.add_argument("--load-repeats", type=int, default=2, help="loads per loader and size (best is kept)")
    parser.add_argument("--builds", type=int, default=10, help="timed builds of the comparability index per size")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--workdir", type=Path, default=None, help="where the temporary stores go (default: $TMPDIR)")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    info = machine()
    print(f"qualgraph bench, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {info['cpu']}, {info['cores']} cores, "
          f"{info['memory_gib']} GiB, Python {info['python']}, pyoxigraph {info['pyoxigraph']}, "
          f"load average {', '.join(f'{x:.1f}' for x in info['load_average'])}")  # type: ignore[union-attr]
    results = []
    with tempfile.TemporaryDirectory(prefix="qualgraph-bench-", dir=args.workdir) as tmp:
        for size in sizes:
            results.append(bench_size(size, Path(tmp), seed=args.seed, calls=args.calls, load_repeats=args.load_repeats,
                                      builds=args.builds))

    print("\nsummary")
    for r in results:
        call, build = r["equivalences"][-2], r["equivalences"][-1]  # type: ignore[index]
        print(f"  {r['triples']:>10,} triples: load ratio {r['load']['ratio']:.2f} (target >= 0.8); "  # type: ignore[index]
              f"comparable_levels {call['qualgraph']['median_ms']:.3f} ms median (target: about 1 ms), raw "
              f"queries for one level {call['raw_union']['median_ms']:.2f} ms, ratio "
              f"{call['qualgraph']['median_ms'] / call['raw_union']['median_ms']:.3f}; index build after a write "
              f"{build['qualgraph']['median_ms']:.0f} ms")
    OUT.mkdir(exist_ok=True)
    out = OUT / f"bench-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps({"machine": info, "args": vars(args) | {"workdir": str(args.workdir)},
                               "results": results}, indent=2))
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
