"""The real service (``service_support.running_service``) in a child process, for inputs that may crash it.

``running_service`` runs uvicorn in a thread of the calling process; a parser that segfaults there (Oxigraph's
JSON-LD and SPARQL parsers did, on deep nesting) would take pytest down with it. Here the child process
holds the server (and starts its query workers), under an address-space cap so that an entity bomb that
got through fails the child, not the machine. The test sees a crash as a dead process and refused
connections, and can say so.

    with isolated_service(tmp_path / "store", data=[FILE], admin_token="t") as service:
        httpx.get(f"{service.url}/sparql", params={"query": "ASK {}"})
        assert service.alive()
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1]
MEMORY_CAP = 4 << 30
"""Address space of the server process and its workers: a bomb that gets through dies at 4 GB."""

_CHILD = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from service_support import running_service
options = json.loads(sys.argv[3])
options["data"] = [Path(p) for p in options.get("data", [])]
with running_service(Path(sys.argv[2]), **options) as service:
    print(service.url, flush=True)
    sys.stdin.read()  # until the test closes stdin
"""


@dataclass
class IsolatedService:
    url: str
    process: subprocess.Popen[str]

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def exit_status(self) -> int | None:
        return self.process.poll()


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@contextmanager
def isolated_service(store_path: Path, *, startup_timeout: float = 90, **options: Any) -> Iterator[IsolatedService]:
    """Start the service in a child process; ``options`` are ``running_service``'s (``data`` as paths)."""
    options = {k: [str(p) for p in v] if k == "data" else v for k, v in options.items()}
    process = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(TESTS), str(store_path), json.dumps(options)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, preexec_fn=_cap_memory,
        env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], startup_timeout)
        line = process.stdout.readline().strip() if ready else ""  # type: ignore[union-attr]
        if not line.startswith("http://"):
            raise RuntimeError(f"the service did not start (exit status {process.poll()})")
        yield IsolatedService(line, process)
    finally:
        if process.poll() is None:
            process.stdin.close()  # type: ignore[union-attr]
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)
        try:  # query workers left behind by a server that crashed: the session this function started
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
