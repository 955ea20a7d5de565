"""The "Low" findings of the hardening issue: small faults that mislead the people using qualgraph.

As an agency officer I fix my templates from one validation run that names every problem in my words (file,
row, column; "2019-13-45 is not a date", not ``^^xsd:date``), and a file that was refused is never reported as
conforming. As the operator, a typo in the tokens file or a killed bulk load or Graph Store write does not
leave the service broken, the store half-written or the disk filling up with temporary files; and no request
path, however odd, drops the connection instead of answering.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from qualgraph.loading import LoadError, load_paths
from qualgraph.store import EmbeddedStore, StoreError
from qualgraph.submissions import InvalidInput, Submissions, SubmittedFile
from service_support import RunningService, running_service
from test_cli import qualgraph

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ADMIN = "admin-token-of-the-low-findings"
AGENCY_SECRET = "agency-secret-that-must-never-be-shown"
BROKEN_SET = FIXTURES / "security" / "one-problem-of-each-kind-in-several-files"
VALID = FIXTURES / "templates" / "valid"
LIMIT = 4096
"""Submission size limit of the test service: the broken set fits, a larger body does not."""
WAIT = 120.0
"""Longest wait for a child process to reach the point where it is killed (bounded loops only)."""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
    """The real service on an on-disk store, with a small size limit and a tokens file with a syntax error."""
    folder = tmp_path_factory.mktemp("low-findings")
    tokens = folder / "tokens.toml"
    tokens.write_text(f'[agencies.ph-pqf-ncc]\ntoken = "{AGENCY_SECRET}\nframeworks = ["ph-pqf"]\n', encoding="utf-8")
    with running_service(folder / "store", admin_token=ADMIN, tokens_file=tokens, max_submission_bytes=LIMIT,
                         query_workers=1) as running:
        running.tokens = tokens  # type: ignore[attr-defined]
        yield running


def _problems(report: dict) -> set[tuple[str | None, int | None, str | int | None]]:
    return {(p.get("file"), p.get("row"), p.get("column")) for p in report["problems"]}


def _wait_for(condition, what: str, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the child ended before {what}: {process.stderr.read() if process.stderr else ''}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


# -- 1 -------------------------------------------------------------------------------------------------------
def test_a_refused_input_never_reports_conforming(service, tmp_path, monkeypatch):
    big = tmp_path / "levels.ttl"
    big.write_text("# " + "x" * (LIMIT * 2) + "\n", encoding="utf-8")

    monkeypatch.setenv("QUALGRAPH_MAX_SUBMISSION_BYTES", str(LIMIT))
    done = qualgraph(tmp_path / "no-store", "validate", "--no-store", str(big))
    assert done.returncode == 1, done.stdout + done.stderr  # the CLI's "bad input or a failed check"
    assert "conforms" not in done.stdout
    assert f"at most {LIMIT:,} are accepted" in done.stderr and "refused, not checked" in done.stdout

    done = qualgraph(tmp_path / "no-store", "validate", "--no-store", "--format", "json", str(big))
    assert done.returncode == 1
    assert '"conforms": false' in done.stdout

    response = httpx.post(f"{service.url}/api/validate", content=big.read_bytes(),
                          headers={"Content-Type": "text/turtle"}, timeout=60)
    assert response.status_code == 413
    report = response.json()["report"]
    assert report["conforms"] is False and report["violations"] == 1
    assert "refused, not checked" in report["problems"][0]["message"]


# -- 2 -------------------------------------------------------------------------------------------------------
def test_a_tokens_file_with_a_syntax_error_is_503_for_agencies_and_the_admin_still_writes(service, caplog):
    caplog.set_level("ERROR", logger="qualgraph.web.auth")
    body = (VALID / "frameworks.csv").read_bytes()
    response = httpx.post(f"{service.url}/api/submissions", files=[("file", ("frameworks.csv", body))],
                          params={"name": "frameworks"}, headers={"Authorization": f"Bearer {AGENCY_SECRET}"},
                          timeout=60)
    assert response.status_code == 503, response.text
    assert "token configuration is broken" in response.text
    assert AGENCY_SECRET not in response.text and "tokens.toml" not in response.text  # nothing of the file

    logged = [r.getMessage() for r in caplog.records if r.name == "qualgraph.web.auth"]
    assert any(str(service.tokens) in m and "line 2" in m for m in logged), logged

    admin = httpx.put(f"{service.store_url}", params={"graph": "https://w3id.org/qualgraph/graph/admin-note"},
                      content=b"<urn:x:a> <urn:x:b> <urn:x:c> .\n",
                      headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {ADMIN}"},
                      timeout=60)
    assert admin.status_code in (201, 204), admin.text


# -- 3 -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/id/%00", "/id/framework/%0D%0ASet-Cookie:%20x=1", "/id/framework/ph-pqf%7F",
                                  "/status/%00", "/role/%0A", "/status/a%20b", "/id/%22%3E%00"])
def test_a_linked_data_path_with_control_or_invalid_characters_is_a_clean_400(service, path):
    with httpx.Client(base_url=service.url, timeout=60) as client:
        for accept in ("text/turtle", "text/html"):
            response = client.get(path, headers={"Accept": accept})  # before: the connection was dropped
            assert "set-cookie" not in response.headers and "link" not in response.headers
            if "%0D%0A" in path:  # no route matches a path with a line break: the framework's plain 404
                assert response.status_code == 404, (path, response.text)
                continue
            assert response.status_code == 400, (path, response.text)
            assert "cannot name a qualgraph resource" in response.text


def test_an_odd_but_valid_linked_data_path_is_still_a_404_with_an_encoded_link_header(service):
    response = httpx.get(f"{service.url}/id/framework/no%20such", headers={"Accept": "text/turtle"}, timeout=60)
    assert response.status_code == 404
    assert "/id/framework/no%20such?format=ttl" in response.headers["link"]


# -- 4 -------------------------------------------------------------------------------------------------------
_BULK_LOAD_CHILD = textwrap.dedent("""
    import io, sys, time
    from pathlib import Path
    import pyoxigraph as ox
    from qualgraph.store import EmbeddedStore

    path = Path(sys.argv[1])
    store = EmbeddedStore(path)

    class Endless(io.RawIOBase):
        '''N-Triples without end, paused for good once the loader has written a temporary file.'''
        def __init__(self):
            self.n, self.buffer = 0, b""
        def readable(self):
            return True
        def readinto(self, into):
            if not self.buffer:
                if any(path.glob("bulk-*.sst")):
                    time.sleep(3600)  # killed here, mid-load
                self.buffer = "".join(f'<urn:x:s{i}> <urn:x:p> "{i}" .\\n'
                                      for i in range(self.n, self.n + 50000)).encode()
                self.n += 50000
            size = min(len(into), len(self.buffer))
            into[:size], self.buffer = self.buffer[:size], self.buffer[size:]
            return size

    store.bulk_load(input=io.BufferedReader(Endless()), format=ox.RdfFormat.N_TRIPLES,
                    to_graph=ox.NamedNode("urn:x:bulk"))
""")


def test_a_killed_bulk_load_leaves_no_temporary_files_once_the_store_opens_again(tmp_path):
    path = tmp_path / "store"
    kept = ox.Quad(ox.NamedNode("urn:x:kept"), ox.NamedNode("urn:x:p"), ox.Literal("kept"), ox.NamedNode("urn:x:g"))
    with EmbeddedStore(path) as store:
        store.extend([kept])
    child = subprocess.Popen([sys.executable, "-c", _BULK_LOAD_CHILD, str(path)], stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: any(path.glob("bulk-*.sst")), "a bulk-load temporary file", child)
        running = sorted(path.glob("bulk-*.sst"))
        with pytest.raises(StoreError):  # the live load holds the write lock: nobody can clean under it
            EmbeddedStore(path)
        assert all(f.exists() for f in running)  # a file of a load running now is never removed
    finally:
        _kill(child)
    assert any(path.glob("bulk-*.sst"))  # what a killed load leaves behind

    with EmbeddedStore(path) as store:
        assert not any(path.glob("bulk-*.sst"))
        assert kept in set(store.oxigraph)


# -- 5 -------------------------------------------------------------------------------------------------------
_GRAPH_STORE_PUT_CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import pyoxigraph as ox
    from qualgraph.sparql import GraphStoreService
    from qualgraph.store import EmbeddedStore

    path, marker = Path(sys.argv[1]), Path(sys.argv[2])

    class Body(list):
        '''The parsed body of a large PUT; the process is killed while the store is writing it.'''
        def __iter__(self):
            for n, triple in enumerate(list.__iter__(self)):
                if n == 5000:
                    marker.touch()
                    time.sleep(3600)
                yield triple

    p = ox.NamedNode("urn:x:p")
    body = Body(ox.Triple(ox.NamedNode(f"urn:x:s{i}"), p, ox.Literal(str(i))) for i in range(10000))
    GraphStoreService(EmbeddedStore(path)).put("https://w3id.org/qualgraph/graph/put", body)
""")


def test_a_graph_store_put_killed_mid_write_leaves_no_empty_graph(tmp_path):
    path, marker = tmp_path / "store", tmp_path / "writing"
    child = subprocess.Popen([sys.executable, "-c", _GRAPH_STORE_PUT_CHILD, str(path), str(marker)],
                             stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(marker.exists, "the PUT to be written", child)
    finally:
        _kill(child)
    with EmbeddedStore(path) as store:
        graph = ox.NamedNode("https://w3id.org/qualgraph/graph/put")
        assert not store.oxigraph.contains_named_graph(graph)  # nothing, rather than an empty graph
        assert len(store) == 0


def test_a_graph_store_put_of_nothing_still_creates_the_graph_and_clears_an_existing_one(tmp_path):
    from qualgraph.sparql import GraphStoreService

    with EmbeddedStore(tmp_path / "store") as store:
        service = GraphStoreService(store)
        graph = "https://w3id.org/qualgraph/graph/empty"
        assert service.put(graph, []).created
        assert store.oxigraph.contains_named_graph(ox.NamedNode(graph))
        triple = ox.Triple(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o"))
        assert not service.put(graph, [triple]).created
        assert not service.put(graph, []).created
        assert store.oxigraph.contains_named_graph(ox.NamedNode(graph)) and len(store) == 0


# -- 6 -------------------------------------------------------------------------------------------------------
def test_a_header_only_template_is_refused_naming_the_file(tmp_path):
    header = (VALID / "levels.csv").read_text(encoding="utf-8").splitlines()[0] + "\n"
    with EmbeddedStore(None) as store:
        with pytest.raises(InvalidInput) as refused:
            Submissions(store).check([SubmittedFile("levels.csv", header.encode())])
        assert [f.message.split(";")[0] for f in refused.value.findings] == [
            "levels.csv has a header row and no data rows"]
        assert refused.value.report.conforms is False

        (tmp_path / "levels.csv").write_text(header, encoding="utf-8")  # `qualgraph load` refuses it the same way
        with pytest.raises(LoadError) as failed:
            load_paths(store, [tmp_path / "levels.csv"], root=tmp_path)
        assert "levels.csv has a header row and no data rows" in str(failed.value)
        assert len(store) == 0


# -- 7 -------------------------------------------------------------------------------------------------------
def test_one_validation_run_reports_every_problem_of_a_broken_template_set(tmp_path):
    done = qualgraph(tmp_path / "no-store", "validate", "--no-store", "--format", "json", str(BROKEN_SET))
    assert done.returncode == 1, done.stderr
    import json

    report = json.loads(done.stdout)
    assert report["conforms"] is False
    found = _problems(report)
    assert {
        ("turtle-syntax-error-on-line-8.ttl", None, 7),          # parse errors of every file (line 8, column 7)
        ("ntriples-syntax-error-on-line-2.nt", None, 105),
        ("dqr-levels.csv", None, None),                          # a header row and no data rows
        ("frameworks.csv", 2, "source"),                         # every template row checked, in every file
        ("levels.csv", 7, "rank"),
        ("referencing.csv", 4, "decided"),
        ("referencing.csv", 2, "status"),                        # SHACL on what could be read: both decisions
        ("qualification-without-title.ttl", None, None),         # SHACL on an RDF file that parsed
    } <= found, found
    lines = {p["file"]: p.get("line") for p in report["problems"] if p.get("line")}
    assert lines == {"turtle-syntax-error-on-line-8.ttl": 8, "ntriples-syntax-error-on-line-2.nt": 2}
    assert len(report["problems"]) == 8  # nothing repeated: no problem of a row reported again by the shapes


# -- 8 -------------------------------------------------------------------------------------------------------
SAID = "2019-13-45 is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"


def _templates_with_an_impossible_date(folder: Path) -> Path:
    folder.mkdir()
    for name in ("frameworks.csv", "levels.csv"):
        (folder / name).write_bytes((VALID / name).read_bytes())
    lines = (VALID / "referencing.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("2019-05-22", "2019-13-45")  # row 4
    (folder / "referencing.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_an_impossible_date_is_said_in_the_spreadsheet_s_words_by_load_validate_and_the_api(service, tmp_path):
    folder = _templates_with_an_impossible_date(tmp_path / "templates")

    loaded = qualgraph(tmp_path / "store", "load", str(folder))
    assert loaded.returncode == 1
    assert f"referencing.csv, row 4, column 'decided': {SAID}" in loaded.stderr
    assert "Traceback" not in loaded.stderr and "xsd:" not in loaded.stderr

    checked = qualgraph(tmp_path / "store", "validate", "--no-store", str(folder))
    assert checked.returncode == 1
    assert "referencing.csv, row 4, column 'decided'" in checked.stdout and SAID in checked.stdout
    assert "Traceback" not in checked.stderr and "xsd:" not in checked.stdout

    files = [("file", (p.name, p.read_bytes())) for p in sorted(folder.iterdir())]
    response = httpx.post(f"{service.url}/api/validate", files=files, timeout=60)
    [problem] = [p for p in response.json()["report"]["problems"] if p["severity"] == "Violation"]
    assert (problem["file"], problem["row"], problem["column"]) == ("referencing.csv", 4, "decided")
    assert problem["message"].startswith(SAID)


# -- 9 -------------------------------------------------------------------------------------------------------
def test_a_duplicate_decision_names_both_rows_of_referencing_csv():
    files = [SubmittedFile(n, (VALID / n).read_bytes()) for n in ("frameworks.csv", "levels.csv")]
    referencing = (VALID / "referencing.csv").read_text(encoding="utf-8").replace("illustrative", "accepted")
    referencing += "ph-pqf,4,aqrf,5,accepted,2021,https://pqf.gov.ph,test data: a second accepted decision\n"
    files.append(SubmittedFile("referencing.csv", referencing.encode()))
    with EmbeddedStore(None) as store:
        _, report = Submissions(store).check(files)
    [duplicate] = [f for f in report.findings if f.shape == "qgsh:AtMostOneAcceptedDecisionPerLevel"]
    assert (duplicate.file, duplicate.row, duplicate.column) == ("referencing.csv", 2, "status")
    assert "referencing.csv, rows 2 and 5" in duplicate.message
    assert "levels.csv" not in (duplicate.place() or "")
