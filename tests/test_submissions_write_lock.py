"""While a large submission is checked, other writers wait seconds, not minutes.

As the secretariat, I want an agency's large submission (here 20,000 generated triples whose records all exist in
another graph already, the slowest case) to hold the store's write lock only while it is written: checking it
happens beside other writes, and a small write made meanwhile waits for the write, not for the check. And
still nothing invalid enters: a write that comes between the check and the write makes the submission checked
again, against the store as it now is.

The lock is the one ``Submissions`` is given (the SPARQL service's write lock in the service), wrapped here to
time each hold. bench/bench_submission_lock.py gives the figures at 200,000 triples.
"""

from __future__ import annotations

import sys
import threading
import time

import pytest

from conftest import PROJECT, bundled_data_store
from qualgraph.submissions import Submissions, SubmittedFile

sys.path.insert(0, str(PROJECT / "bench"))
from bench_submission_lock import TimedLock  # noqa: E402  (bench/, the same lock the figures are taken with)
from generate_submission import generate_submission  # noqa: E402

LEVEL = """@base <https://w3id.org/qualgraph/id/> .
@prefix qg: <https://w3id.org/qualgraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<framework/ph-pqf/level/NOTATION> a qg:Level, skos:Concept ; skos:inScheme <framework/ph-pqf> ;
    skos:topConceptOf <framework/ph-pqf> ; skos:notation "NOTATION" ; qg:rank 9 ;
    skos:prefLabel "Level NOTATION (test data)"@en ; dcterms:source <https://pqf.gov.ph> .
"""


def level_with_rank_9(notation: str) -> list[SubmittedFile]:
    return [SubmittedFile(f"level-{notation}.ttl", LEVEL.replace("NOTATION", notation).encode())]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[SubmittedFile]:
    path = tmp_path_factory.mktemp("generated") / "submission-20k.nt"
    generate_submission(path, 20_000, per_kind=0, frameworks=25)
    return [SubmittedFile(path.name, path.read_bytes())]


def test_a_large_submission_holds_the_lock_only_to_write_it(tmp_path, generated, monkeypatch):
    store = bundled_data_store(tmp_path / "store")
    lock = TimedLock()
    submissions = Submissions(store, lock=lock)
    assert submissions.submit(generated, agency="bench-agency", name="generated").accepted
    lock.holds.clear()
    writes: list[float] = []
    write = Submissions._write

    def timed_write(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return write(self, *args, **kwargs)
        finally:
            writes.append(time.perf_counter() - started)

    monkeypatch.setattr(Submissions, "_write", timed_write)
    waited: list[float] = []

    def small_writer() -> None:  # another writer, arriving while the large submission is checked
        asked = time.perf_counter()
        with lock:
            waited.append(time.perf_counter() - asked)

    writer = threading.Timer(0.2, small_writer)
    started = time.perf_counter()
    writer.start()
    outcome = submissions.submit(generated, agency="bench-agency", name="generated-again")  # records elsewhere
    took = time.perf_counter() - started
    writer.join()

    assert outcome.accepted, outcome.report.text()[:2000]
    [written] = writes
    longest = max(lock.holds)
    # held for the write and a comparison of two numbers; checking took the rest of the time, outside the lock
    assert longest < written + 0.25, f"the lock was held {longest:.2f} s to write for {written:.2f} s ({took:.1f} s in all)"
    assert waited[0] < longest + 0.25, f"a small writer waited {waited[0]:.2f} s (the lock was held {longest:.2f} s)"


def test_a_write_between_the_check_and_the_write_makes_the_submission_checked_again(tmp_path, monkeypatch):
    """Level 9 with rank 9 is valid when checked; then another writer stores level 10 with rank 9 before it is
    written. Checked again against the store as it now is, level 9 breaks 'ranks are unique' and is refused."""
    store = bundled_data_store(tmp_path / "store")
    submissions = Submissions(store)
    validate = Submissions._validate
    checks: list[bool] = []

    def validate_then_let_another_writer_in(self, read):
        report = validate(self, read)
        checks.append(report.conforms)
        if len(checks) == 1:  # meanwhile, another agency's writer takes rank 9 first
            assert Submissions(store, lock=submissions.lock).submit(level_with_rank_9("10"), agency="ph-pqf-ncc",
                                                                    name="level-10").accepted
        return report

    monkeypatch.setattr(Submissions, "_validate", validate_then_let_another_writer_in)
    outcome = submissions.submit(level_with_rank_9("9"), agency="ph-pqf-ncc", name="level-9")

    assert checks[:2] == [True, True] and checks[-1] is False  # valid, (the other writer's own check), then not
    assert not outcome.accepted
    assert [f.shape for f in outcome.report.findings] == ["qgsh:UniqueRankInFramework"]
    assert not store.has_graph(outcome.submission.graph)


def test_a_write_elsewhere_between_the_check_and_the_write_does_not_make_it_validate_again(tmp_path, monkeypatch):
    """A write that leaves the submission's context as it was: the check is made again, the validation is not."""
    store = bundled_data_store(tmp_path / "store")
    submissions = Submissions(store)
    validate = Submissions._validate
    checks: list[bool] = []

    def validate_then_let_another_writer_in(self, read):
        report = validate(self, read)
        checks.append(report.conforms)
        if len(checks) == 1:
            store.update("INSERT DATA { GRAPH <urn:test:elsewhere> { <urn:test:a> <urn:test:b> <urn:test:c> } }")
        return report

    monkeypatch.setattr(Submissions, "_validate", validate_then_let_another_writer_in)
    outcome = submissions.submit(level_with_rank_9("9"), agency="ph-pqf-ncc", name="level-9")

    assert outcome.accepted and checks == [True]
    assert store.has_graph(outcome.submission.graph)
