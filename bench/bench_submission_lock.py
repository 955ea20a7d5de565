"""How long a submission holds the write lock, next to how long it takes: every other writer waits that long.

A generated submission (bench/generate_submission.py, no seeded problems) goes through ``Submissions.submit``
on an on-disk ``EmbeddedStore`` holding data/, in three cases:

    first          a first version, its records described nowhere else
    elsewhere      the same file again under another name: every record is already described in another graph
                   (the worst case for the context: its units, qualifications and organisations all join it)
    second         the first submission again with one title in twenty changed (a later version)

The lock is the one ``Submissions`` is given (the SPARQL service's write lock in the web app), wrapped here to
time each hold, so the figures are those of the code as it is. Reported per case: the time ``submit`` took, the
longest hold of the lock, and the time a small writer started halfway through waited for it (``--probe``).

    .venv/bin/python bench/bench_submission_lock.py --triples 200000
    .venv/bin/python bench/bench_submission_lock.py --triples 100000 --profile elsewhere   # cProfile, top 25
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(BENCH))

SMALL = ROOT / "tests" / "fixtures" / "submissions" / "ph-pqf--aqrf.ttl"


class TimedLock:
    """A re-entrant lock that records how long each outermost hold lasted, and how long each acquire waited."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._depth = threading.local()
        self.holds: list[float] = []
        self.waits: list[float] = []
        self._since = 0.0

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        asked = time.perf_counter()
        got = self._lock.acquire(blocking, timeout)
        if got:
            depth = getattr(self._depth, "n", 0)
            if depth == 0:
                self.waits.append(time.perf_counter() - asked)
                self._since = time.perf_counter()
            self._depth.n = depth + 1
        return got

    def release(self) -> None:
        self._depth.n -= 1
        if self._depth.n == 0:
            self.holds.append(time.perf_counter() - self._since)
        self._lock.release()

    __enter__ = acquire

    def __exit__(self, *exc: object) -> None:
        self.release()


def run(triples: int, *, probe: bool, profile: str | None) -> list[dict[str, float | str]]:
    from generate_submission import generate_submission, revise_submission

    from qualgraph.loading import load_paths
    from qualgraph.store import EmbeddedStore
    from qualgraph.submissions import Submissions, SubmittedFile

    rows: list[dict[str, float | str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-lock-") as work:
        path = Path(work) / f"submission-{triples}.nt"
        frameworks = min(60, max(8, triples // 800))
        generate_submission(path, triples, per_kind=0, frameworks=frameworks)
        revised = Path(work) / "revised.nt"
        revise_submission(path, revised)
        store = EmbeddedStore(Path(work) / "store")
        load_paths(store, [ROOT / "data"], root=ROOT)
        lock = TimedLock()
        submissions = Submissions(store, lock=lock)
        small = SubmittedFile(SMALL.name, SMALL.read_bytes())
        submissions.submit([small], agency="ph-pqf-ncc", name="warm-up")  # every path warmed up
        submissions.submit([small], agency="ph-pqf-ncc", name="warm-up")
        cases = (("first", path, "generated"), ("elsewhere", path, "generated-again"), ("second", revised, "generated"))
        for case, data_path, name in cases:
            data = [SubmittedFile(data_path.name, data_path.read_bytes())]
            lock.holds.clear()
            waited: list[float] = []

            def small_writer() -> None:
                asked = time.perf_counter()
                with lock:
                    waited.append(time.perf_counter() - asked)

            profiler = cProfile.Profile() if profile == case else None
            started = time.perf_counter()
            prober = None
            if probe:
                prober = threading.Timer(0.5, small_writer)
                prober.start()
            if profiler:
                profiler.enable()
            outcome = submissions.submit(data, agency="bench-agency", name=name)
            if profiler:
                profiler.disable()
            took = time.perf_counter() - started
            if prober:
                prober.join()
            if not outcome.accepted:
                raise SystemExit(f"{case}: rejected\n{outcome.report.text()[:2000]}")
            row = {"case": case, "triples": outcome.triples, "submit_s": took,
                   "longest_hold_s": max(lock.holds or [0.0]), "small_writer_waited_s": waited[0] if waited else -1}
            rows.append(row)
            print(f"{case:10} {outcome.triples:7} triples  submit {took:7.2f} s  lock held {row['longest_hold_s']:6.2f} s"
                  + (f"  a small writer waited {row['small_writer_waited_s']:6.2f} s" if probe else ""), flush=True)
            if profiler:
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        store.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--no-probe", action="store_true", help="no small writer started during each submission")
    parser.add_argument("--profile", choices=("first", "elsewhere", "second"), help="cProfile one case")
    args = parser.parse_args(argv)
    run(args.triples, probe=not args.no_probe, profile=args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
