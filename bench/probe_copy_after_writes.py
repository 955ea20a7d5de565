"""Probe: how long after a trickle of writes a query worker's in-memory copy is current again (and why).

A writer process opens a copy of the store read-write (as ``qualgraph serve`` does) and replaces a 20-triple
graph every 0.5 s for ``--write-seconds`` (DROP + INSERT DATA, one update each, like a Graph Store PUT), then
keeps the store open. Meanwhile this process holds the query worker's ``_Snapshot`` (read-only snapshot plus
in-memory copy, :mod:`qualgraph.sparql.worker`) and asks it for the current store every 0.1 s, as queries
would; once a second it prints reopens and copies started / superseded / finished, and whether answers come
from the copy. Stops when the copy has answered for 5 s after the last write, or after ``--max`` seconds.

    python bench/probe_copy_after_writes.py --store bench/out/store-1000000
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

WRITER = r"""
import sys, time, pyoxigraph as ox
store = ox.Store(sys.argv[1]); seconds = float(sys.argv[2])
g = "https://example.org/bench/trickle"
t0 = time.monotonic(); n = 0
while time.monotonic() - t0 < seconds:
    time.sleep(max(0, t0 + n * 0.5 - time.monotonic()))
    triples = " ".join(f'<{g}/s{n}> <{g}/p{i}> "write {n} triple {i}" .' for i in range(20))
    store.update(f"DROP SILENT GRAPH <{g}> ; INSERT DATA {{ GRAPH <{g}> {{ {triples} }} }}")
    n += 1
print("writes done", n, flush=True)
time.sleep(float(sys.argv[3]))
"""


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("--write-seconds", type=float, default=10)
    p.add_argument("--max", type=float, default=150)
    a = p.parse_args()
    from qualgraph.sparql.worker import _Snapshot

    timeline = []
    with tempfile.TemporaryDirectory(prefix="probe-copy-") as tmp:
        path = Path(tmp) / "store"
        shutil.copytree(a.store, path)
        snap = _Snapshot(path, replica_max_quads=2_000_000)
        t0 = time.monotonic()
        while snap.replica is None and time.monotonic() - t0 < a.max:
            snap.current()
            time.sleep(0.1)
        print(f"first copy ready after {time.monotonic() - t0:.1f} s", flush=True)
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(a.write_seconds), str(a.max + 10)],
                                  stdout=subprocess.PIPE, text=True)
        start = time.monotonic()
        last_write = start + a.write_seconds
        from_copy_since = None
        next_print = start
        try:
            while time.monotonic() - start < a.write_seconds + a.max:
                store = snap.current()
                now = time.monotonic()
                on_copy = store is snap.replica and snap.replica is not None
                if now >= next_print:
                    row = {"t": round(now - start, 1), "reopens": snap.reopens, "copies_started": snap.copies_started,
                           "superseded": snap.copies_superseded, "finished": snap.copies_finished,
                           "from_copy": on_copy}
                    timeline.append(row)
                    print(row, flush=True)
                    next_print += 1
                if now > last_write:
                    from_copy_since = (from_copy_since or now) if on_copy else None
                    if from_copy_since and now - from_copy_since > 5:
                        print(f"copy current again {from_copy_since - last_write:.1f} s after the last write")
                        break
                time.sleep(0.1)
        finally:
            writer.kill()
            writer.wait()
    (ROOT / "bench" / "out" / f"probe-copy-after-writes-{a.store.name}.json").write_text(
        json.dumps(timeline, indent=2) + "\n")


if __name__ == "__main__":
    main()
