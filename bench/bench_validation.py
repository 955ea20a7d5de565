"""Validation speed and memory: qualgraph's ``validate_graph`` next to pySHACL, on generated submissions.

For each size (bench/generate_submission.py: frameworks, levels, referencing decisions, qualifications with
their units, and three of each kind of seeded problem), in one run on one machine, each way of validating runs
in a process of its own (so that its peak memory is its own), warmed up on a small valid file first:

    pyshacl            pySHACL run directly: rdflib graph, all the shapes, its SPARQL on rdflib
    turbo              pyshacl-turbo run directly: rdflib graph, all the shapes
    qualgraph-pyshacl  validate_graph(engine="pyshacl"): pySHACL, its SPARQL on Oxigraph (the reference engine)
    qualgraph-fast     validate_graph(engine="fast") on an rdflib graph (the default engine)
    qualgraph-store    validate_graph(engine="fast") on a pyoxigraph store (what the submissions code holds)
    qualgraph-files    validate_files(engine="fast") on the N-Triples file: reading the file included

The data is parsed before the clock starts, except for qualgraph-files. Reported: the median time, the peak
resident memory of the process (ru_maxrss) and how much of it came during validation (above the resident size
just before), the number of results, and whether they are the same as pySHACL's (focus, path, constraint,
severity, message, value). The seeded problems leave out a rank written as text: rdflib's SPARQL misjudges it
(see tests/test_validation_engines.py), and pySHACL would then report problems that are not there.

Validation end to end (``validate-request``): the seeded data, as its N-Triples bytes, checked against an
on-disk store holding data/ the way ``POST /api/validate`` and ``qualgraph validate`` check it, in two ways:
``Submissions.check`` in process (parsing, gathering the context from the store, SHACL, the report as JSON),
and ``POST /api/validate`` to a running ``qualgraph serve`` (a subprocess; httpx; ``Content-Type:
application/n-triples``, ``Accept: application/json``), timed by the client from the first byte sent to the
last byte of the report received. Peak memory: the server process's (``VmHWM``).

End to end, in a process of its own too (``submission``): the same generated data without seeded problems
goes through ``Submissions.submit`` as a first version, then a second version replacing it (the titles of
one qualification in twenty changed: ``revise_submission``), on an on-disk ``EmbeddedStore`` holding data/,
in process: reading the N-Triples file's bytes, validating against the store, writing the named graph and
its provenance. Each repeat starts from a fresh store; warmed up on a small submission first. Rows
``submit-first`` and ``submit-second``: median times; peak RSS of the process and above the resident size
before the first submission.

Compare ratios within one run; these machines are shared and noisy.

    .venv/bin/python bench/bench_validation.py                 # 10k and 100k triples
    .venv/bin/python bench/bench_validation.py --sizes 10000 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
WARM_UP = ROOT / "tests" / "fixtures" / "shapes" / "valid-small-framework.ttl"
METHODS = ("pyshacl", "turbo", "qualgraph-pyshacl", "qualgraph-fast", "qualgraph-store", "qualgraph-files",
           "validate-request", "submission")
SUBMISSION_WARM_UP = ROOT / "tests" / "fixtures" / "submissions" / "ph-pqf--aqrf.ttl"
SLOW = {"pyshacl", "qualgraph-pyshacl"}  # run once at large sizes: one run is long enough to time


# --- one method, in a process of its own ----------------------------------------------------------------------


def _resident() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def child(method: str, path: Path, repeat: int) -> dict[str, object]:
    """Validate ``path`` ``repeat`` times with ``method``; times, memory and the results to compare."""
    sys.path.insert(0, str(ROOT / "src"))
    import pyoxigraph as ox
    import pyshacl_turbo
    from rdflib import Graph

    from qualgraph.validation import load_shapes, validate_files, validate_graph
    from qualgraph.validation_engines import comparable_results, pyshacl_reference

    shapes = load_shapes()

    def runner(data_path: Path):  # noqa: ANN202 - returns a callable giving the SHACL results graph
        if method == "qualgraph-files":
            return lambda: validate_files([data_path], engine="fast").report_graph
        if method == "qualgraph-store":
            store = ox.Store()
            store.bulk_load(path=str(data_path), format=ox.RdfFormat.from_extension(data_path.suffix[1:]))
            return lambda: validate_graph(store, engine="fast").report_graph
        graph = Graph().parse(data_path, format="nt" if data_path.suffix == ".nt" else "turtle")
        if method == "pyshacl":
            return lambda: pyshacl_reference(graph, shapes)
        if method == "turbo":
            return lambda: pyshacl_turbo.validate(graph, shacl_graph=shapes, advanced=True, allow_warnings=True,
                                                  allow_infos=True)[1]
        engine = "pyshacl" if method == "qualgraph-pyshacl" else "fast"
        return lambda: validate_graph(graph, engine=engine).report_graph

    runner(WARM_UP)()
    run = runner(path)
    before = _resident()
    times, report = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        report = run()
        times.append(time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    results = comparable_results(report, shapes)
    return {
        "method": method,
        "times_s": times,
        "median_s": statistics.median(times),
        "resident_before_mb": before / 2**20,
        "peak_rss_mb": peak / 2**20,
        "results": sum(results.values()),
        "result_keys": sorted(json.dumps([str(t) for t in key] + [n]) for key, n in results.items()),
    }


def child_submission(path: Path, repeat: int) -> dict[str, object]:
    """Submit ``path`` as a first version and its revision as a second, ``repeat`` times on fresh stores."""
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(BENCH))
    from generate_submission import revise_submission

    from qualgraph.loading import load_paths
    from qualgraph.store import EmbeddedStore
    from qualgraph.submissions import Submissions, SubmittedFile

    revised = path.with_name(path.stem + "-revised.nt")
    changed = revise_submission(path, revised)
    first_data, second_data = path.read_bytes(), revised.read_bytes()
    warm_up = SubmittedFile(SUBMISSION_WARM_UP.name, SUBMISSION_WARM_UP.read_bytes())
    first, second, triples, before = [], [], 0, None
    with tempfile.TemporaryDirectory(prefix="bench-submission-") as work:
        for r in range(repeat):
            store = EmbeddedStore(Path(work) / f"store-{r}")
            load_paths(store, [ROOT / "data"], root=ROOT)
            submissions = Submissions(store)
            for _ in range(2):  # a first and a second version of a small submission: every path warmed up
                submissions.submit([warm_up], agency="ph-pqf-ncc", name="warm-up")
            if before is None:
                before = _resident()
            for data, times in ((first_data, first), (second_data, second)):
                started = time.perf_counter()
                outcome = submissions.submit([SubmittedFile(path.name, data)], agency="bench-agency",
                                             name="generated")
                times.append(time.perf_counter() - started)
                if not outcome.accepted:
                    raise SystemExit(f"the generated submission was rejected:\n{outcome.report.text()[:2000]}")
                triples = outcome.triples
            store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "method": "submission", "triples": triples, "changed_in_second": changed,
        "first_s": first, "second_s": second,
        "first_median_s": statistics.median(first), "second_median_s": statistics.median(second),
        "resident_before_mb": (before or 0) / 2**20, "peak_rss_mb": peak / 2**20,
    }


def child_validate_request(path: Path, repeat: int) -> dict[str, object]:
    """``path`` checked against a store holding data/: ``Submissions.check`` in process, then over HTTP."""
    import httpx

    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(BENCH))
    from bench_http import free_port, start_qualgraph, stop, wait_for
    from qualgraph.loading import load_paths
    from qualgraph.store import EmbeddedStore
    from qualgraph.submissions import Submissions, SubmittedFile

    data = path.read_bytes()
    warm_up = SubmittedFile(SUBMISSION_WARM_UP.name, SUBMISSION_WARM_UP.read_bytes())
    with tempfile.TemporaryDirectory(prefix="bench-validate-") as work:
        store = EmbeddedStore(Path(work) / "store")
        load_paths(store, [ROOT / "data"], root=ROOT)
        submissions = Submissions(store)
        submissions.check([warm_up])
        in_process, problems = [], 0
        for _ in range(repeat):
            started = time.perf_counter()
            _, report = submissions.check([SubmittedFile(path.name, data)])
            json.dumps(report.to_json())
            in_process.append(time.perf_counter() - started)
            problems = report.count("Violation") + report.count("Warning")
        peak_in_process = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        store.close()

        port = free_port()
        server = start_qualgraph(Path(work) / "store", port)
        over_http: list[float] = []
        try:
            url = f"http://127.0.0.1:{port}/api/validate"
            headers = {"Content-Type": "application/n-triples", "Accept": "application/json"}
            wait_for(f"http://127.0.0.1:{port}/api/frameworks", server)
            with httpx.Client(timeout=300) as client:
                client.post(url, content=warm_up.data, headers={**headers, "Content-Type": "text/turtle"})
                for _ in range(repeat):
                    started = time.perf_counter()
                    answer = client.post(url, content=data, headers=headers)
                    answer.read()
                    over_http.append(time.perf_counter() - started)
                    if answer.status_code != 200 or answer.json()["status"] not in ("valid", "invalid"):
                        raise SystemExit(f"POST /api/validate answered {answer.status_code}: {answer.text[:500]}")
            status = Path(f"/proc/{server.pid}/status").read_text()
            server_peak = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) * 1024
        finally:
            stop(server)
    return {
        "method": "validate-request", "problems": problems,
        "in_process_s": in_process, "in_process_median_s": statistics.median(in_process),
        "in_process_peak_rss_mb": peak_in_process / 2**20,
        "http_s": over_http, "http_median_s": statistics.median(over_http), "server_peak_rss_mb": server_peak / 2**20,
    }


def run_child(method: str, path: Path, repeat: int) -> dict[str, object]:
    with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
        subprocess.run([sys.executable, __file__, "--child", method, str(path), str(repeat), out.name], check=True)
        return json.loads(Path(out.name).read_text())


# --- the run ------------------------------------------------------------------------------------------------------


def bench_size(triples: int, work: Path, *, repeat: int, per_kind: int, methods: list[str]) -> dict[str, object]:
    sys.path.insert(0, str(BENCH))
    from generate_submission import RDFLIB_SAFE_KINDS, generate_submission

    path = work / f"submission-{triples}.nt"
    # 60 frameworks make 13k triples before any qualification: a smaller submission has fewer frameworks
    frameworks = min(60, max(8, triples // 800))
    sub = generate_submission(path, triples, per_kind=per_kind, frameworks=frameworks, kinds=RDFLIB_SAFE_KINDS)
    print(f"\n{sub.triples} triples, {frameworks} frameworks, {len(sub.seeded)} seeded problems", flush=True)
    rows = []
    end_to_end = validated = None
    for method in methods:
        if method == "validate-request":
            validated = run_child(method, path, repeat)
            print(f"  {'check (in process)':18} {validated['in_process_median_s']:8.2f} s  "
                  f"{'POST /api/validate':18} {validated['http_median_s']:8.2f} s  "
                  f"server peak {validated['server_peak_rss_mb']:6.0f} MB  ({validated['problems']} problems)",
                  flush=True)
            continue
        if method == "submission":
            clean = work / f"submission-{triples}-clean.nt"
            generate_submission(clean, triples, per_kind=0, frameworks=frameworks)
            end_to_end = run_child(method, clean, repeat)
            print(f"  {'submit-first':18} {end_to_end['first_median_s']:8.2f} s  "
                  f"{'submit-second':14} {end_to_end['second_median_s']:8.2f} s  "
                  f"peak {end_to_end['peak_rss_mb']:6.0f} MB  ({end_to_end['triples']} triples, "
                  f"{end_to_end['changed_in_second']} changed in the second version)", flush=True)
            continue
        times = 1 if (method in SLOW and triples > 20_000) else repeat
        row = run_child(method, path, times)
        rows.append(row)
        print(f"  {method:18} {row['median_s']:8.2f} s  peak {row['peak_rss_mb']:6.0f} MB  "
              f"{row['results']} results", flush=True)
    reference = next((r for r in rows if r["method"] == "pyshacl"), None)
    for row in rows:
        row["same_as_pyshacl"] = None if reference is None else row["result_keys"] == reference["result_keys"]
        if reference is not None and not row["same_as_pyshacl"]:
            row["differences"] = sorted(set(row["result_keys"]) ^ set(reference["result_keys"]))[:20]
        if reference is not None:
            row["speedup_vs_pyshacl"] = reference["median_s"] / row["median_s"]
    found = {json.loads(k)[0] for k in rows[0]["result_keys"]} if rows else set()
    missed = [s.focus for s in sub.seeded if s.focus not in found] if rows else []
    return {"triples": sub.triples, "frameworks": frameworks, "seeded": len(sub.seeded), "seeded_not_found": missed,
            "rows": rows, "end_to_end": end_to_end, "validate_request": validated}


def print_table(sizes: list[dict[str, object]]) -> None:
    print("\n| triples | method | median s | x faster than pySHACL | peak RSS MB | during validation MB "
          "| results | same as pySHACL |")
    print("|---|---|---|---|---|---|---|---|")
    for size in sizes:
        for row in size["rows"]:  # type: ignore[union-attr]
            speedup = row.get("speedup_vs_pyshacl")
            same = {True: "yes", False: "NO", None: "-"}[row["same_as_pyshacl"]]
            print(f"| {size['triples']} | {row['method']} | {row['median_s']:.2f} | "
                  f"{'-' if speedup is None else f'{speedup:.1f}'} | {row['peak_rss_mb']:.0f} | "
                  f"{row['peak_rss_mb'] - row['resident_before_mb']:.0f} | {row['results']} | {same} |")
        validated = size.get("validate_request")
        if validated:
            print(f"| {size['triples']} | check, in process (end to end) | {validated['in_process_median_s']:.2f} "
                  f"| - | {validated['in_process_peak_rss_mb']:.0f} | - | {validated['problems']} | - |")
            print(f"| {size['triples']} | POST /api/validate (end to end) | {validated['http_median_s']:.2f} | - | "
                  f"{validated['server_peak_rss_mb']:.0f} | - | {validated['problems']} | - |")
        e2e = size.get("end_to_end")
        if e2e:
            during = e2e["peak_rss_mb"] - e2e["resident_before_mb"]
            for label, key in (("submit-first", "first_median_s"), ("submit-second", "second_median_s")):
                print(f"| {e2e['triples']} | {label} (end to end) | {e2e[key]:.2f} | - | {e2e['peak_rss_mb']:.0f} | "
                      f"{during:.0f} | accepted | - |")


def machine() -> dict[str, object]:
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "packages": {p: version(p) for p in ("pyshacl", "pyshacl-turbo", "pyoxigraph", "rdflib")},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per method (slow methods: 1 above 20k)")
    parser.add_argument("--per-kind", type=int, default=3, help="seeded problems of each kind")
    parser.add_argument("--methods", nargs="+", default=list(METHODS), choices=METHODS)
    parser.add_argument("--child", nargs=4, metavar=("METHOD", "PATH", "REPEAT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        method, path, repeat, out = args.child
        run = {"submission": child_submission, "validate-request": child_validate_request}.get(
            method, lambda p, n: child(method, p, n))
        Path(out).write_text(json.dumps(run(Path(path), int(repeat))))
        return 0
    info = machine()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as work:
        sizes = [bench_size(n, Path(work), repeat=args.repeat, per_kind=args.per_kind, methods=args.methods)
                 for n in args.sizes]
    print_table(sizes)
    for size in sizes:
        if size["seeded_not_found"]:
            print(f"seeded problems not found at {size['triples']}: {size['seeded_not_found']}")
    for size in sizes:
        for row in size["rows"]:
            row.pop("result_keys", None)
    OUT.mkdir(exist_ok=True)
    out = OUT / f"validation-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps({"machine": info, "args": vars(args), "sizes": sizes,
                               "wall_s": time.perf_counter() - started}, indent=2))
    print(f"written {out} ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
