"""What the attacker's checklist needs: a loopback listener that counts who called it, and resident memory
read from outside a process (the server and its query workers), so a limit is shown from where a host sees it.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest


@dataclass
class Listener:
    """A TCP server on a free loopback port that counts connections and answers each with a tiny SPARQL
    result (so a fetch that got through would also *succeed*, and show up in the answer)."""

    host: str
    port: int
    connections: int = 0
    requests: list[bytes] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"


@pytest.fixture
def listener() -> Iterator[Listener]:
    """A loopback listener; the test asserts ``listener.connections == 0`` to show nothing was fetched."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.settimeout(0.2)
    state = Listener("127.0.0.1", sock.getsockname()[1])
    stop = threading.Event()
    body = b'{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"literal","value":"fetched"}}]}}'
    answer = (b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
              + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
            state.connections += 1
            with conn:
                conn.settimeout(1)
                try:
                    state.requests.append(conn.recv(65536))
                    conn.sendall(answer)
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield state
    stop.set()
    thread.join(timeout=5)
    sock.close()


def resident_bytes(pid: int) -> int:
    """Resident memory of one process, as the kernel counts it (``/proc/PID/statm``)."""
    pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


def children_of(pid: int) -> list[int]:
    """Direct child processes (the query workers of a server running in this process)."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def service_resident_bytes(pid: int | None = None) -> int:
    """Resident memory of a service and all its worker processes together."""
    pid = pid or os.getpid()
    return resident_bytes(pid) + sum(resident_bytes(c) for c in children_of(pid) if Path(f"/proc/{c}").exists())


@pytest.fixture
def read_resident_bytes() -> Callable[[int], int]:
    """:func:`resident_bytes` for test modules, (a plain function; modules may also import it from .conftest)."""
    return resident_bytes
