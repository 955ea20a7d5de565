"""Start-up: seconds from starting ``qualgraph serve`` until ``/sparql`` answers ``ASK {}``, against ``oxigraph
serve`` on the same store, in interleaved rounds; and where the time goes (the web app's import, the store's
open, the query workers' start), each measured in a fresh interpreter.

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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_http import free_port, start_oxigraph, stop, wait_for  # noqa: E402

ASK = "/sparql?query=ASK%7B%7D"


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
    results: dict[str, list[float]] = {"oxigraph serve": [], "qualgraph serve": []}
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
                process = start(port)
                path = "/query?query=ASK%7B%7D" if name == "oxigraph serve" else ASK
                try:
                    results[name].append(round(wait_for(f"http://127.0.0.1:{port}{path}", process), 3))
                finally:
                    stop(process)
            print(f"round {rnd + 1}: " + ", ".join(f"{n} {v[-1]:.2f} s" for n, v in results.items()), flush=True)
    parts = {name: round(statistics.median(seconds_of(code) for _ in range(3)), 3) for name, code in PARTS.items()}
    for name, seconds in parts.items():
        print(f"{name:48} {seconds:6.3f} s (median of 3)")
    for name, values in results.items():
        print(f"{name:48} {statistics.median(values):6.3f} s until ASK {{}} is answered (median; {values})")
    out = ROOT / "bench" / "out" / f"startup-{a.store.name}.json"
    out.write_text(json.dumps({"until_ask_s": results, "parts_s": parts}, indent=2) + "\n")
    print("written", out)


if __name__ == "__main__":
    main()
