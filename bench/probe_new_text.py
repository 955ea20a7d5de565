"""Probe: what a never-seen query text costs besides the engine (issue 15, the heavy query with a new text each
request at 10M: 0.84x ``oxigraph serve``).

For the comparability query on a read-only store, one thread, each evaluation a text of its own (a numbered
comment), in interleaved rounds, median CPU ms of:

* the query and its JSON serialisation with no row cap (the engine's floor);
* the same with the row cap, written through TSV (rows counted by lines, parsed back and written as JSON);
* the same with the row cap, written as JSON directly and its rows counted as they are written;

and, on the text alone: the nesting-depth check and the result cache's verdict (whether the answer may be kept).

    python bench/probe_new_text.py --store bench/out/store-10000000 [--rounds 5 --queries 60]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import pyoxigraph as ox  # noqa: E402

from qualgraph import ids  # noqa: E402
from qualgraph.queries import load_query, with_values  # noqa: E402
from qualgraph.sparql import execution  # noqa: E402
from qualgraph.sparql.result_cache import cacheable  # noqa: E402

HEAVY = with_values(load_query("comparable-levels"), "level", [ids.LevelId.parse("xx-nqf:5").iri])
JSON = ox.QueryResultsFormat.JSON


def cpu_ms(step: Callable[[str], object], texts: list[str]) -> float:
    """Median CPU milliseconds of ``step`` over ``texts``."""
    spent = []
    for text in texts:
        started = time.process_time()
        step(text)
        spent.append((time.process_time() - started) * 1000)
    return statistics.median(spent)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--queries", type=int, default=60, help="evaluations per step and round (default 60)")
    args = parser.parse_args(argv)
    store = ox.Store.read_only(str(args.store))
    cap = execution.DEFAULT_MAX_ROWS
    counter = iter(range(10**9))

    def texts(n: int) -> list[str]:
        return [f"{HEAVY}\n# request {next(counter)}\n" for _ in range(n)]

    def query(text: str) -> ox.QuerySolutions:
        return store.query(text, use_default_graph_as_union=True)

    steps: dict[str, Callable[[str], object]] = {
        "no cap": lambda t: query(t).serialize(format=JSON),
        "cap through TSV": lambda t: execution._serialise_through_tsv(query(t), JSON, cap, None),
        "cap counted in JSON": lambda t: execution._serialise_json_rows(query(t), cap, None, lambda: query(t)),
        "depth check": lambda t: execution.check_sparql(t),
        "cache verdict": cacheable,
    }
    figures: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(3):  # warm the block cache and the page cache
        steps["no cap"](texts(1)[0])
    for round_ in range(args.rounds):
        order = list(steps) if round_ % 2 == 0 else list(reversed(steps))
        for name in order:
            n = args.queries if name in ("no cap", "cap through TSV", "cap counted in JSON") else args.queries * 5
            figures[name].append(round(cpu_ms(steps[name], texts(n)), 3))
    summary = {name: {"median_ms": round(statistics.median(values), 3), "rounds_ms": values}
               for name, values in figures.items()}
    floor = summary["no cap"]["median_ms"]
    for name, figure in summary.items():
        extra = f"  ({figure['median_ms'] - floor:+.3f} ms vs no cap)" if name.startswith("cap") else ""
        print(f"{name:22} {figure['median_ms']:7.3f} ms  rounds {figure['rounds_ms']}{extra}")
    out = ROOT / "bench" / "out" / f"probe-new-text-{args.store.name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"store": str(args.store), "queries": args.queries, "figures": summary}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
