"""Front processes: more processes on ``qualgraph serve``'s port that answer ``/sparql`` lookups themselves.

Why: a lookup ("everything about this IRI") costs the engine ~0.1 ms, and one Python process spends ~0.3 ms
more on HTTP around it; on two cores one process answered 0.26-0.29x what ``oxigraph serve`` answers, whatever
HTTP server ran it (``bench/probe_fast_path.py``, issue 15). Only a second process that answers lookups itself
uses the second core for them.

How: the server accepts every connection on the public address and hands them out in turn, one to itself, one to
each front process that is ready (:func:`sharing_server`): the socket itself, passed over a private Unix socket
(``SCM_RIGHTS``), so the front serves the client directly. (The kernel's ``SO_REUSEPORT``, used before, spreads
connections by a hash of each: with four kept-alive connections, all four went to one process one time in eight,
and lookups ran at half speed; bench/README.md, eleventh session.) A front process answers the lookups the server
would answer itself (:class:`~qualgraph.web.sparql_lookups.SparqlLookups`, the same code, answers and headers)
from a read-only snapshot of the store (:class:`~qualgraph.sparql.snapshot_lookups.SnapshotLookups`), and hands
every other request, whole, to the server over a private loopback socket (:class:`Forwarder`). Writes, tokens, limits,
pages and errors all stay the server's: the front decides nothing but "is this a lookup I can answer now".

Costs: a process of ~60-90 MB (counted in the server's share of ``memory_budget``), and a forwarded request
costs the front's CPU too (~0.4 ms, :class:`Forwarder`), so the front only pays off for lookups. A front that
exits is started again; while it is down (and until it is ready), the server keeps its connections. The front
exits when the server does (it reads its standard input until the server closes it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httptools

from starlette.datastructures import State
from starlette.types import Receive, Scope, Send

if TYPE_CHECKING:
    from ..config import Settings


HOP_BY_HOP = frozenset({b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"te",
                        b"trailer", b"trailers", b"transfer-encoding", b"upgrade"})
"""Headers of one connection, not of the request or answer (RFC 9110, 7.6.1): not passed on."""

FORWARDED = frozenset({b"x-forwarded-for", b"x-forwarded-proto", b"forwarded"})
"""Set by the front from what its own server resolved (the client, the scheme); a client's own are dropped."""

NOT_FORWARDED = HOP_BY_HOP | FORWARDED | {b"expect"}
"""Request headers the front does not pass on (``Expect: 100-continue`` was answered by the front's own server)."""

NOT_RETURNED = HOP_BY_HOP | {b"date"}
"""Answer headers the front does not pass back (its own server writes ``Date``, as for every answer)."""

START_AFTER_SECONDS = 1.0
"""Seconds from the server's listening until the fronts start: a front's start costs ~0.3 s of CPU, which on two
cores would come out of the server's first answers (its query workers are starting then too); a second later
nothing else is starting."""

IDLE_REUSE_SECONDS = 2.0
"""A connection to the server idle longer than this is not used again: uvicorn closes one idle for 5 s, and a
request sent on a connection the server is closing would be lost (one without a body is sent again)."""

IDLE_CONNECTIONS = 64
"""Kept-alive connections to the server kept at most."""

RESTART_AFTER_SECONDS = (1, 2, 5, 10, 30)
"""Waits before a front process that exited is started again (the last one repeats)."""


def front_processes_for(settings: Settings, store_path: Path | None) -> int:
    """How many front processes ``qualgraph serve`` starts: the setting, else one on a machine with two or more
    CPUs; none without a store on disk (nothing to share) or with inline lookups off (nothing to answer)."""
    if store_path is None or not settings.sparql_inline_rows:
        return 0
    if settings.front_processes is not None:
        return max(0, settings.front_processes)
    return 1 if (os.cpu_count() or 1) >= 2 else 0


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket listening on ``host``:``port``."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                         flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(address)
    sock.listen(2048)
    sock.set_inheritable(False)
    return sock


# -- connections shared in turn ---------------------------------------------------------------------------------
def sharing_server(config: Any, *, public: socket.socket | None = None,
                   fronts: Callable[[], list[FrontHandOff]] = list, handed: socket.socket | None = None) -> Any:
    """uvicorn's server, with connections handed out in turn. In the server: those it accepts on ``public``, in
    turn with the front processes ``fronts`` returns (their hand-off sockets). In a front: those the server hands
    it on ``handed``. Connections on the sockets given to ``run`` are the process's own, as with uvicorn's.

    The class is made here, on first use, so that importing this module does not import uvicorn."""
    import uvicorn

    class _Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.should_exit:
                return
            config = self.config
            loop = asyncio.get_running_loop()

            def own(_loop: asyncio.AbstractEventLoop | None = None) -> asyncio.Protocol:
                # as uvicorn makes its protocol for the sockets it listens on, writing each answer at once
                protocol = config.http_protocol_class(config=config, server_state=self.server_state,
                                                      app_state=self.lifespan.state, _loop=_loop)
                made = protocol.connection_made
                protocol.connection_made = lambda transport: made(_OneWrite(transport))  # type: ignore[method-assign]
                return protocol

            if public is not None:
                turn = _Turns(fronts)
                shared = await loop.create_server(lambda: turn.protocol(own, loop), sock=public,
                                                  backlog=config.backlog)
                self.servers.append(shared)
            if handed is not None:
                loop.add_reader(handed.fileno(), _take_handed, handed, own, loop, self)
                handed.send(b"ready")

        async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
            if handed is not None:
                asyncio.get_running_loop().remove_reader(handed.fileno())
            await super().shutdown(sockets=sockets)

    return _Server(config)


class _OneWrite:
    """A transport that sends an answer's head and its body in one write, so one packet, where uvicorn writes them
    apart: the head is held until the body's first write, or until the event loop's next turn (a ``HEAD`` answer,
    a streamed body that comes later), whichever is first. Everything else is the transport's.

    Why: on loopback a packet costs the sender the receiver's side of TCP too; a lookup's answer in one packet cost
    both processes ~10% less CPU (3,504 against 3,863 lookups a second, 8 alternating runs at 10M, issue 15)."""

    def __init__(self, transport: Any) -> None:
        self._transport = transport
        self._held: bytes | None = None

    def write(self, data: bytes) -> None:
        if self._held is not None:
            data, self._held = self._held + data, None
            self._transport.write(data)
        elif data.endswith(b"\r\n\r\n") and data.startswith(b"HTTP/"):
            self._held = data
            asyncio.get_running_loop().call_soon(self._flush)
        else:
            self._transport.write(data)

    def _flush(self) -> None:
        if self._held is not None:
            data, self._held = self._held, None
            if not self._transport.is_closing():
                self._transport.write(data)

    def writelines(self, parts: Any) -> None:
        self.write(b"".join(parts))

    def write_eof(self) -> None:
        self._flush()
        self._transport.write_eof()

    def close(self) -> None:
        self._flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class FrontHandOff:
    """The server's end of a front's hand-off socket: whether the front is ready, and handing it a connection."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.sock.setblocking(False)
        self.ready = False
        self.gone = False

    def is_ready(self) -> bool:
        """Ready once the front has said so (it serves connections from then on); gone once its end closed."""
        if not self.ready and not self.gone:
            try:
                said = self.sock.recv(16)
            except BlockingIOError:
                return False
            except OSError:
                said = b""
            self.ready, self.gone = said == b"ready", said != b"ready"
        return self.ready and not self.gone

    def give(self, connection: socket.socket) -> bool:
        """Pass ``connection`` to the front (the kernel keeps it open for the front); False if it cannot take it
        now (gone, or its queue full): then the server keeps the connection."""
        try:
            socket.send_fds(self.sock, [b"c"], [connection.fileno()])
            return True
        except (BlockingIOError, InterruptedError):
            return False
        except OSError:
            self.gone = True
            return False


class _Turns:
    """Whose turn the next connection is: the server's, then each ready front's, round and round."""

    def __init__(self, fronts: Callable[[], list[FrontHandOff]]) -> None:
        self.fronts = fronts
        self.next = 0

    def protocol(self, own: Callable[..., asyncio.Protocol], loop: asyncio.AbstractEventLoop) -> asyncio.Protocol:
        ready = [front for front in self.fronts() if front.is_ready()]
        turn = self.next % (len(ready) + 1)
        self.next = turn + 1
        if turn == 0:
            return own()
        return _HandOn(ready[turn - 1], own, loop)


class _HandOn(asyncio.Protocol):
    """A connection that is a front's turn: handed to it as soon as it is accepted, before a byte is read (asyncio
    calls ``connection_made`` before it starts reading); kept by the server if the front cannot take it."""

    def __init__(self, front: FrontHandOff, own: Callable[..., asyncio.Protocol],
                 loop: asyncio.AbstractEventLoop) -> None:
        self.front, self.own, self.loop = front, own, loop

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        connection = transport.get_extra_info("socket")
        kept = socket.socket(fileno=os.dup(connection.fileno()))
        if self.front.give(kept):
            kept.close()
        else:
            self.loop.create_task(self.loop.connect_accepted_socket(self.own, kept))
        transport.abort()  # closes this process's descriptor only: the connection lives on in the other


def _take_handed(handed: socket.socket, own: Callable[..., asyncio.Protocol], loop: asyncio.AbstractEventLoop,
                 server: Any) -> None:
    """In a front: serve the connections the server has handed over; the front ends when the server's end closes."""
    while True:
        try:
            message, descriptors, _, _ = socket.recv_fds(handed, 16, 8)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            message, descriptors = b"", []
        if not message and not descriptors:
            loop.remove_reader(handed.fileno())
            server.should_exit = True
            return
        for descriptor in descriptors:
            connection = socket.socket(fileno=descriptor)
            connection.setblocking(False)
            loop.create_task(loop.connect_accepted_socket(own, connection))


# -- in the server: starting and watching the front processes -----------------------------------------------
class FrontProcesses:
    """``count`` front processes for a server with a private socket at ``private_url``, each given the server's
    connections in turn through :meth:`handoffs`; started on :meth:`start`, stopped on :meth:`stop`, and started
    again when one exits."""

    def __init__(self, count: int, *, private_url: str, store_path: Path, settings: Settings,
                 access_log: bool) -> None:
        self.count = count
        self._command = [sys.executable, "-m", "qualgraph.web.front", "--server", private_url, "--store",
                         str(store_path)]
        if not access_log:
            self._command.append("--no-access-log")
        # the front needs no secret: tokens are the server's to check, and the front never reads them
        self._settings = settings.model_dump_json(exclude={"admin_token", "tokens_file", "sparql_password"})
        self._processes: list[subprocess.Popen | None] = [None] * count
        self._handoffs: list[FrontHandOff | None] = [None] * count
        """The server's end of each front's hand-off socket (a new one for each start)."""
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None

    def start(self, once: Callable[[], bool] = lambda: True) -> None:
        """Start the fronts (on a thread) :data:`START_AFTER_SECONDS` after ``once()`` is true: ``qualgraph serve``
        starts them once its own server listens, since on two cores a front starting beside the server's start
        delayed its first answers. Until then the server answers every connection."""
        self._watcher = threading.Thread(target=self._watch, args=(once,), name="qualgraph-front-watch", daemon=True)
        self._watcher.start()

    def handoffs(self) -> list[FrontHandOff]:
        """The fronts the server may hand connections to (each says whether it is ready)."""
        return [handoff for handoff in self._handoffs if handoff is not None and not handoff.gone]

    def _spawn(self, i: int) -> subprocess.Popen:
        from ..resources import child_process_env

        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            process = subprocess.Popen([*self._command, "--handoff-fd", str(theirs.fileno())], stdin=subprocess.PIPE,
                                       env=child_process_env(), pass_fds=[theirs.fileno()])
        finally:
            theirs.close()
        assert process.stdin is not None
        process.stdin.write(self._settings.encode("utf-8") + b"\n")
        process.stdin.flush()  # kept open: the front exits when it closes (this process ended)
        old, self._handoffs[i] = self._handoffs[i], FrontHandOff(ours)
        if old is not None:
            old.sock.close()
        return process

    def _watch(self, once: Callable[[], bool]) -> None:
        while not once():
            if self._stopping.wait(0.01):
                return
        if self._stopping.wait(START_AFTER_SECONDS):
            return
        for i in range(self.count):
            if self._stopping.is_set():
                return
            self._processes[i] = self._spawn(i)
        failures = [0] * self.count
        while not self._stopping.wait(0.5):
            for i, process in enumerate(self._processes):
                if process is None or process.poll() is None:
                    continue
                wait = RESTART_AFTER_SECONDS[min(failures[i], len(RESTART_AFTER_SECONDS) - 1)]
                print(f"qualgraph: front process {process.pid} exited ({process.returncode}); starting another in "
                      f"{wait} s", file=sys.stderr)
                if self._stopping.wait(wait):
                    return
                failures[i] += 1
                self._processes[i] = self._spawn(i)

    def stop(self) -> None:
        self._stopping.set()
        if self._watcher is not None:
            self._watcher.join(timeout=5)  # it starts no front after this
        for process in self._processes:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in self._processes:
            if process is None:
                continue
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdin is not None:
                process.stdin.close()


# -- in the front process -------------------------------------------------------------------------------------
class Forwarder:
    """ASGI app: every request, as it came, to the server at ``server_url``; its answer, as it came, back.

    The client's address and the scheme go along as ``X-Forwarded-For`` / ``X-Forwarded-Proto`` (the server trusts
    them from loopback, as it trusts a reverse proxy there), so the server's per-client limits and the IRIs it
    writes are the same whichever process accepted the connection. Bodies stream both ways: the server applies
    its size limits, and a long answer is never held here.

    ``GET`` and ``POST`` (without a chunked body) go the short way (:meth:`_forward`): HTTP/1.1 written by hand on
    kept-alive loopback connections, the answer read by httptools (uvicorn's C parser). Through httpx a forwarded
    request cost the front ~2.5 ms of CPU, its whole cost (``py-spy``: httpx and httpcore's layers), which capped
    a connection the kernel gave to the front at ~400 answers a second where the server itself gave ~4,600 (issue
    15). Everything else (``HEAD``, whose answer has a length but no body; chunked bodies; other methods) goes
    through httpx."""

    def __init__(self, server_url: str) -> None:
        self.server_url = server_url.rstrip("/")
        self._client: Any = None
        address = urlsplit(self.server_url)
        self._address = (address.hostname or "127.0.0.1", address.port or 80)
        self._idle: list[tuple[float, asyncio.StreamReader, asyncio.StreamWriter]] = []
        """Kept-alive connections to the server, with the time each was last used (most recent last)."""

    def _http(self) -> Any:
        import httpx

        if self._client is None:  # made on the event loop that uses it
            self._client = httpx.AsyncClient(timeout=httpx.Timeout(None, connect=5.0),
                                             limits=httpx.Limits(max_connections=None, max_keepalive_connections=64))
        return self._client

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return  # no websockets here; lifespan is off
        headers = [(k, v) for k, v in scope["headers"] if k not in NOT_FORWARDED]
        client = scope.get("client")
        if client:
            headers.append((b"x-forwarded-for", client[0].encode("latin-1")))
        headers.append((b"x-forwarded-proto", scope["scheme"].encode("latin-1")))
        path = scope.get("raw_path") or scope["path"].encode()
        if scope["query_string"]:
            path += b"?" + scope["query_string"]
        chunked = any(k == b"transfer-encoding" for k, _ in scope["headers"])
        if scope["method"] in ("GET", "POST") and not chunked:
            await self._forward(scope["method"].encode(), path, headers, receive, send)
            return
        import httpx

        has_body = chunked or any(k == b"content-length" for k, _ in scope["headers"])
        target = self.server_url + path.decode("latin-1")
        http = self._http()
        request = http.build_request(scope["method"], target, headers=headers,
                                     content=_body(receive) if has_body else None)
        try:
            answer = await http.send(request, stream=True)
        except httpx.HTTPError:
            await _plain(send, 502, b"the service's main process did not answer; try again\n")
            return
        try:
            await send({"type": "http.response.start", "status": answer.status_code,
                        "headers": [(k.lower(), v) for k, v in answer.headers.raw if k.lower() not in NOT_RETURNED]})
            async for chunk in answer.aiter_raw():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            await answer.aclose()

    async def _forward(self, method: bytes, path: bytes, headers: list[tuple[bytes, bytes]], receive: Receive,
                       send: Send) -> None:
        """The short way (class docstring): the request on a kept-alive connection, the answer streamed back."""
        head = b"%s %s HTTP/1.1\r\n%s\r\n" % (method, path, b"".join(b"%s: %s\r\n" % h for h in headers))
        length = next((int(v) for k, v in headers if k == b"content-length" and v.strip().isdigit()), 0)
        for attempt in range(2):
            reused, reader, writer = await self._connection(fresh=attempt > 0)
            if reader is None:
                await _plain(send, 502, b"the service's main process did not answer; try again\n")
                return
            answer = _Answer()
            parser = httptools.HttpResponseParser(answer)
            started = kept = False
            try:
                writer.write(head)
                sent = 0
                try:
                    if length:
                        async for chunk in _body(receive):
                            writer.write(chunk)
                            sent += len(chunk)
                            await writer.drain()
                    await writer.drain()
                except OSError:
                    sent = length  # the server answered before reading it all (a body over its limit: 413) and closed
                if sent < length:
                    return  # the client went away before its body was whole: nobody is left to answer
                while not answer.complete:
                    data = await reader.read(65536)
                    if not data:
                        break
                    parser.feed_data(data)
                    if answer.headers_complete and not started:
                        started = True
                        await send({"type": "http.response.start", "status": parser.get_status_code(),
                                    "headers": [h for h in answer.headers if h[0] not in NOT_RETURNED]})
                    for chunk in answer.take_body():
                        await send({"type": "http.response.body", "body": chunk, "more_body": True})
                if answer.complete:
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                    if parser.should_keep_alive() and len(self._idle) < IDLE_CONNECTIONS:
                        self._idle.append((time.monotonic(), reader, writer))
                        kept = True
                    return
            except (OSError, httptools.HttpParserError):
                pass
            finally:
                if not kept:
                    writer.close()
            if started:
                return  # cut off midway: the client sees a short answer, as from any proxy
            if not reused or length:
                break  # on a new connection, or with a body already read: it cannot be sent again
        await _plain(send, 502, b"the service's main process did not answer; try again\n")

    async def _connection(self, *, fresh: bool) -> tuple[bool, Any, Any]:
        """(reused, reader, writer): the most recently used idle connection, unless it has been idle long enough
        for the server to close it; else a new one ((False, None, None) when the server cannot be reached)."""
        now = time.monotonic()
        while self._idle and not fresh:
            used, reader, writer = self._idle.pop()
            if now - used < IDLE_REUSE_SECONDS and not reader.at_eof():
                return True, reader, writer
            writer.close()
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(*self._address), timeout=5.0)
        except (OSError, asyncio.TimeoutError):
            return False, None, None
        return False, reader, writer


class _Answer:
    """httptools' callbacks for one answer: its headers, the body as it comes, and when it is complete."""

    def __init__(self) -> None:
        self.headers: list[tuple[bytes, bytes]] = []
        self.headers_complete = False
        self.complete = False
        self._body: list[bytes] = []

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name.lower(), value))

    def on_headers_complete(self) -> None:
        self.headers_complete = True

    def on_body(self, body: bytes) -> None:
        self._body.append(bytes(body))

    def on_message_complete(self) -> None:
        self.complete = True

    def take_body(self) -> list[bytes]:
        chunks, self._body = self._body, []
        return chunks


async def _body(receive: Receive) -> Any:
    """The request body as the client sends it, chunk by chunk."""
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return  # the client went away: the server sees a short body and answers it as such
        yield message.get("body", b"")
        if not message.get("more_body"):
            return


async def _plain(send: Send, status: int, text: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(text)).encode())]})
    await send({"type": "http.response.body", "body": text})


def main(argv: list[str] | None = None) -> None:
    """A front process (started by :class:`FrontProcesses`): settings as JSON on the first line of standard input."""
    import uvicorn

    from ..sparql.snapshot_lookups import SnapshotLookups
    from .lookup_protocol import lookup_protocol
    from .sparql_lookups import SparqlLookups

    parser = argparse.ArgumentParser(prog="qualgraph.web.front")
    parser.add_argument("--server", required=True, help="the server's private URL (loopback)")
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--no-access-log", action="store_true")
    parser.add_argument("--handoff-fd", type=int, required=True,
                        help="the socket on which the server hands this front its connections")
    args = parser.parse_args(argv)
    # the server's settings, as it wrote them (Settings' JSON), read as plain values: what a front reads of them
    # needs no model, and importing pydantic would cost ~0.1 s of CPU while the server starts
    settings = SimpleNamespace(**json.loads(sys.stdin.buffer.readline()))
    state = State()
    state.settings = settings
    state.sparql = SnapshotLookups(args.store, settings)
    app = SparqlLookups(Forwarder(args.server), state)
    handed = socket.socket(fileno=args.handoff_fd)
    handed.setblocking(False)
    server = sharing_server(uvicorn.Config(app, lifespan="off", ws="none", proxy_headers=True, server_header=False,
                                           access_log=not args.no_access_log, log_level="warning",
                                           http=lookup_protocol(app)), handed=handed)

    def exit_with_the_server() -> None:
        sys.stdin.buffer.read()  # returns when the server closes the pipe, or is gone
        server.should_exit = True

    threading.Thread(target=exit_with_the_server, name="qualgraph-front-parent", daemon=True).start()
    # ready only now, with the store open: until the front says so, the server keeps every connection
    server.run(sockets=[])


if __name__ == "__main__":
    main()
