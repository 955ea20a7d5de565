"""Probe: where the CPU of a heavy ``/sparql`` query goes at 10M triples (issue 15: 13-15 ms of CPU per request
against ``oxigraph serve``'s 9 ms): the server process and each query worker process apart, against ``oxigraph
serve`` on a copy of the same store, in interleaved rounds (wrk, 4 connections), and the engine alone
(pyoxigraph in this process, one thread, the same query and serialisation) as the floor.

    python bench/probe_heavy_split.py --store bench/out/store-10000000 [--seconds 6 --rounds 2]
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_http import (  # noqa: E402
    CLK_TCK, Request, _stat, free_port, process_tree, run_wrk, start_oxigraph, start_qualgraph, stop,
    wait_for, wait_until_idle,
)

from qualgraph import ids  # noqa: E402
from qualgraph.queries import load_query, with_values  # noqa: E402

HEAVY = with_values(load_query("comparable-levels"), "level", [ids.LevelId.parse("xx-nqf:5").iri])
HEADERS = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}


def per_process(root: int) -> dict[int, float]:
    return {pid: found[1] / CLK_TCK for pid in process_tree(root) if (found := _stat(pid))}


def engine_alone(store: Path, n: int = 60) -> float:
    """Median ms of the query and its JSON serialisation in pyoxigraph (read-only store, one thread)."""
    import pyoxigraph as ox

    db = ox.Store.read_only(str(store))
    times = []
    for _ in range(n):
        started = time.perf_counter()
        db.query(HEAVY, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)
        times.append(time.perf_counter() - started)
    del db
    return statistics.median(times[5:]) * 1000


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("--seconds", type=float, default=6)
    p.add_argument("--rounds", type=int, default=2)
    a = p.parse_args()
    out: dict = {"rounds": []}
    with tempfile.TemporaryDirectory(prefix="probe-heavy-", dir=ROOT / "bench" / "out") as tmp:
        work = Path(tmp)
        ox_copy, qg_copy = work / "ox", work / "qg"
        shutil.copytree(a.store, ox_copy)
        shutil.copytree(a.store, qg_copy)
        ports = {"ox": free_port(), "qg": free_port()}
        procs = {"ox": start_oxigraph(ox_copy, ports["ox"]), "qg": start_qualgraph(qg_copy, ports["qg"])}
        try:
            wait_for(f"http://127.0.0.1:{ports['ox']}/query?query=ASK%7B%7D", procs["ox"])
            wait_for(f"http://127.0.0.1:{ports['qg']}/sparql?query=ASK%7B%7D", procs["qg"], timeout=300)
            wait_until_idle(procs["qg"].pid)
            out["engine_alone_ms"] = round(engine_alone(qg_copy), 2)
            print(f"engine alone (pyoxigraph, one thread): {out['engine_alone_ms']} ms per query", flush=True)
            for rnd in range(a.rounds):
                row = {}
                for name, path in (("ox", "query"), ("qg", "sparql")):
                    req = Request(f"http://127.0.0.1:{ports[name]}/{path}", "POST", HEAVY, HEADERS)
                    run_wrk(req, 1, work)
                    before = per_process(procs[name].pid)
                    count, errors, elapsed, p50, _ = run_wrk(req, a.seconds, work)
                    after = per_process(procs[name].pid)
                    split = {("server" if pid == procs[name].pid else f"worker {pid}"):
                             round((after[pid] - before.get(pid, 0.0)) / max(count, 1) * 1000, 3) for pid in after}
                    row[name] = {"rps": round(count / elapsed, 1), "errors": errors,
                                 "cpu_ms_per_req": round(sum(split.values()), 3), "by_process": split}
                out["rounds"].append(row)
                print(f"round {rnd + 1}: oxigraph serve {row['ox']['rps']} req/s, {row['ox']['cpu_ms_per_req']} ms CPU; "
                      f"qualgraph {row['qg']['rps']} req/s ({row['qg']['rps'] / row['ox']['rps']:.2f}x), "
                      f"{row['qg']['cpu_ms_per_req']} ms CPU: {row['qg']['by_process']}", flush=True)
        finally:
            for proc in procs.values():
                stop(proc)
    target = ROOT / "bench" / "out" / f"probe-heavy-split-{a.store.name}.json"
    target.write_text(json.dumps(out, indent=2) + "\n")
    print("written", target)


if __name__ == "__main__":
    main()
