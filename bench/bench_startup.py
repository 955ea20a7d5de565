"""Start-up: seconds from starting ``qualgraph serve`` until ``/sparql`` answers ``ASK {}``, against ``oxigraph
serve`` on the same store, in interleaved rounds; and where the time goes (the web app's import, the store's
open, the query workers' start), each measured in a fresh interpreter.

Each start also measures, right after that first answer, the seconds until a query that is not a lookup (a join)
is answered, and, for qualgraph, until its JSON API answers (its first request builds what the routes keep).

Issue 15 asks for an answer in under a second at 10M triples. Both servers open a copy of the store made once
at the start (the copies are deleted at the end). Python runs as deployed: it reads and writes its bytecode cache
(``PYTHONDONTWRITEBYTECODE`` is taken out of the environment, and an untimed first start writes the cache): a
start that compiles qualgraph's ~80 modules again costs ~0.2 s more.

    python bench/bench_startup.py --store bench/out/store-10000000 [--rounds 3]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_http import free_port, start_oxigraph, stop, wait_for  # noqa: E402

ASK_QUERY = "?query=ASK%7B%7D"
ASK = "/sparql" + ASK_QUERY
JOIN = "?query=" + quote("SELECT * WHERE { ?s ?p ?o . ?o ?q ?r } LIMIT 1")
"""Not a lookup (:mod:`qualgraph.sparql.inline`): qualgraph answers it in a query worker."""
API = "/api/frameworks"


def python_env(**extra: str) -> dict[str, str]:
    """The environment of a Python child: the checkout's package first, and the bytecode cache used as deployed
    (an installed package has its bytecode compiled; a checkout writes it on its first start)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def start_qualgraph_cli(store: Path, port: int) -> subprocess.Popen:
    """The README's way: ``qualgraph serve``, default settings (the bundled data is not loaded: the store has
    data)."""
    env = python_env(QUALGRAPH_STORE=str(store))
    return subprocess.Popen([sys.executable, "-m", "qualgraph.cli", "serve", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def seconds_of(code: str) -> float:
    """Seconds a fresh interpreter takes to run ``code`` (which prints its own measure)."""
    out = subprocess.run([sys.executable, "-c", code], env=python_env(), capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


PARTS = {
    "python itself": "import time; t=time.perf_counter(); print(time.perf_counter()-t)",
    "import qualgraph.web.app": ("import time; t=time.perf_counter(); import qualgraph.web.app; "
                                 "print(time.perf_counter()-t)"),
    "import qualgraph.sparql.worker (each worker)": ("import time; t=time.perf_counter(); "
                                                     "import qualgraph.sparql.worker; print(time.perf_counter()-t)"),
}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()
    moments = ("ASK {}", "a join (worker)", "GET /api/frameworks")
    results: dict[str, dict[str, list[float]]] = {"oxigraph serve": {m: [] for m in moments[:2]},
                                                  "qualgraph serve": {m: [] for m in moments}}
    with tempfile.TemporaryDirectory(prefix="bench-startup-", dir=ROOT / "bench" / "out") as tmp:
        copy = Path(tmp) / "store"
        shutil.copytree(a.store, copy)
        starters = {"oxigraph serve": lambda port: start_oxigraph(copy, port),
                    "qualgraph serve": lambda port: start_qualgraph_cli(copy, port)}
        port = free_port()  # untimed: writes the bytecode cache, and reads the store once
        process = start_qualgraph_cli(copy, port)
        try:
            wait_for(f"http://127.0.0.1:{port}{ASK}", process)
        finally:
            stop(process)
        for rnd in range(a.rounds):
            for name, start in starters.items():
                port = free_port()
                started = time.monotonic()
                process = start(port)
                sparql = f"http://127.0.0.1:{port}" + ("/query" if name == "oxigraph serve" else "/sparql")
                urls = [sparql + ASK_QUERY, sparql + JOIN, f"http://127.0.0.1:{port}{API}"]
                try:
                    for moment, url in zip(results[name], urls):
                        wait_for(url, process)
                        results[name][moment].append(round(time.monotonic() - started, 3))
                finally:
                    stop(process)
            print(f"round {rnd + 1}: " + "; ".join(f"{n} " + ", ".join(f"{m} {v[-1]:.2f} s" for m, v in r.items())
                                                     for n, r in results.items()), flush=True)
    parts = {name: round(statistics.median(seconds_of(code) for _ in range(3)), 3) for name, code in PARTS.items()}
    for name, seconds in parts.items():
        print(f"{name:48} {seconds:6.3f} s (median of 3)")
    for name, by_moment in results.items():
        for moment, values in by_moment.items():
            print(f"{name:16} until {moment:22} is answered {statistics.median(values):6.3f} s (median; {values})")
    out = ROOT / "bench" / "out" / f"startup-{a.store.name}.json"
    out.write_text(json.dumps({"until_answered_s": results, "parts_s": parts}, indent=2) + "\n")
    print("written", out)


if __name__ == "__main__":
    main()
