"""Real SPARQL servers for the tests: ``oxigraph serve`` and Virtuoso Open Source, each on a loopback port
with its data in a temporary directory, started in the foreground and stopped by the test session.

Virtuoso comes from Debian's ``virtuoso-opensource`` package. Its system instance is never used: the
package leaves it disabled when installed without a DBA password (``DEBIAN_FRONTEND=noninteractive``), and
``virtuoso-t -f -c <our ini>`` runs a private database whose ``dba`` password is the default ``dba``.
Updates go to ``/sparql-auth`` and the Graph Store to ``/sparql-graph-crud-auth``, both with HTTP digest
authentication as ``dba``; the anonymous ``/sparql`` endpoint stays read-only, as on a real installation.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

VIRTUOSO_BINARY = "virtuoso-t"
VIRTUOSO_USER = "dba"
VIRTUOSO_PASSWORD = "dba"  # the default of a new Virtuoso database


class ServerDidNotStart(RuntimeError):
    """A server process that exited or did not answer in time; the message ends with its log."""


@dataclass
class RunningServer:
    """A server process and the endpoints and credentials a RemoteStore needs to use it."""

    name: str
    process: subprocess.Popen[bytes]
    log: Path
    query_endpoint: str
    update_endpoint: str
    graph_store_endpoint: str | None = None
    credentials: dict[str, str] = field(default_factory=dict)

    def store_arguments(self, *, graph_store: bool = True) -> dict[str, Any]:
        """Keyword arguments for ``RemoteStore(**...)``."""
        return {
            "query_endpoint": self.query_endpoint,
            "update_endpoint": self.update_endpoint,
            "graph_store_endpoint": self.graph_store_endpoint if graph_store else None,
            **self.credentials,
        }

    def stop(self) -> None:
        """Stop the process (Virtuoso checkpoints on SIGTERM), killing it if it does not exit in time."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def free_port() -> int:
    """A loopback port nobody listens on now (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def oxigraph_binary() -> Path | None:
    """The ``oxigraph`` server installed with the PyPI package in the virtualenv, else one on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return beside
    found = shutil.which("oxigraph")
    return Path(found) if found else None


def virtuoso_binary() -> str | None:
    return shutil.which(VIRTUOSO_BINARY)


def _log_tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def wait_until_answering(server: RunningServer, timeout: float) -> None:
    """Ask ``ASK {}`` until the server answers 200; fail early if the process dies."""
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerDidNotStart(
                f"{server.name} exited with status {server.process.returncode}; log:\n{_log_tail(server.log)}"
            )
        try:
            response = httpx.post(
                server.query_endpoint,
                data={"query": "ASK {}"},
                headers={"Accept": "application/sparql-results+json"},
                timeout=2,
            )
            if response.status_code == 200:
                return
            last = f"HTTP {response.status_code}"
        except httpx.HTTPError as e:
            last = str(e) or type(e).__name__
        time.sleep(0.2)
    server.stop()
    raise ServerDidNotStart(
        f"{server.name} did not answer within {timeout:g} s ({last}); log:\n{_log_tail(server.log)}"
    )


def start_oxigraph(data_dir: Path, *, timeout: float = 30) -> RunningServer:
    """``oxigraph serve`` on disk, with the union default graph qualgraph expects."""
    binary = oxigraph_binary()
    if binary is None:
        raise ServerDidNotStart("the oxigraph server binary is not installed (pip install oxigraph)")
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = data_dir / "oxigraph.log"
    command = [
        str(binary), "serve", "--location", str(data_dir / "db"), "--bind", f"127.0.0.1:{port}",
        "--union-default-graph", "--timeout-s", "30",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    server = RunningServer("oxigraph serve", process, log, f"{base}/query", f"{base}/update", f"{base}/store")
    wait_until_answering(server, timeout)
    return server


# A private database in data_dir: loopback ports only, small buffers (tests, 2 cores), and a result cap far
# above any test graph (the Debian default of 10,000 rows silently truncates bigger answers).
_VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = ., {dir}
NumberOfBuffers      = 10000
MaxDirtyBuffers      = 6000
ThreadsPerQuery      = 2

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
MaxClientConnections = 10
ServerThreads        = 10
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows      = 1000000
MaxQueryExecutionTime = 60
"""


def start_virtuoso(data_dir: Path, *, timeout: float = 120) -> RunningServer:
    """Virtuoso in the foreground with its own virtuoso.ini, database and loopback ports (SQL and HTTP)."""
    binary = virtuoso_binary()
    if binary is None:
        raise ServerDidNotStart(f"{VIRTUOSO_BINARY} is not installed (Debian package virtuoso-opensource)")
    data_dir.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = data_dir / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(dir=data_dir, sql_port=sql_port, http_port=http_port))
    log = data_dir / "virtuoso-stdout.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "-f", "-c", str(ini)], cwd=data_dir, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    base = f"http://127.0.0.1:{http_port}"
    server = RunningServer(
        "virtuoso",
        process,
        log,
        query_endpoint=f"{base}/sparql",
        update_endpoint=f"{base}/sparql-auth",
        graph_store_endpoint=f"{base}/sparql-graph-crud-auth",
        credentials={"user": VIRTUOSO_USER, "password": VIRTUOSO_PASSWORD, "auth": "digest"},
    )
    wait_until_answering(server, timeout)
    return server
