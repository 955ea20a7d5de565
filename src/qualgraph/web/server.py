"""``qualgraph serve``: uvicorn on the web app, listening before the app is imported.

Why: importing the web app (FastAPI and pydantic building their models, the routers, the templates) takes
0.7-1 s of CPU, the same at any store size, and was most of the start-up at 10M triples (issue 15 asks for an
answer in under a second). So the server listens at once with a :class:`StartingApp` and imports the web app on a
thread. Until it is there, ``/sparql`` answers plain queries (``GET ?query=`` alone, or ``POST`` of the query as
``application/sparql-query``, without ``Origin``) as the route would, through the same lookups middleware made
whole (:class:`~qualgraph.web.sparql_lookups.SparqlLookups`): a monitor's ``ASK {}`` is answered as soon as the
first query worker is. Every other request waits for the web app, then goes to it: it is answered, later, never
refused.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from starlette.datastructures import State
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .front import FrontProcesses, front_processes_for, listening_socket, sharing_server
from .lookup_protocol import lookup_protocol
from .sparql_lookups import SparqlLookups

if TYPE_CHECKING:
    from ..config import Settings
    from ..sparql import SparqlService
    from ..store import GraphStore


class StartingApp:
    """The ASGI app uvicorn runs: the web app, once :meth:`build` has made it on a thread after the server
    started listening; until then, plain ``/sparql`` queries answered and every other request held (module
    docstring)."""

    def __init__(self, build: Callable[[], ASGIApp], settings: Settings, sparql_service: SparqlService | None,
                 on_failure: Callable[[], None] = lambda: None) -> None:
        self.build = build
        """Imports and makes the web app (the slow part, run on a thread)."""
        self.on_failure = on_failure
        """Called when the web app cannot be made or started: the server should stop."""
        self.app: ASGIApp | None = None
        self.failure: str | None = None
        self._settled = threading.Event()  # set once the web app is there or has failed (read from other threads)
        self._waiters: asyncio.Event | None = None
        self._app_lifespan: tuple[asyncio.Queue, asyncio.Queue, asyncio.Task] | None = None
        self._starting: asyncio.Task | None = None
        state = State()
        state.settings, state.sparql = settings, sparql_service
        self.plain_queries = SparqlLookups(self._when_ready, state, whole=True)
        """Plain ``/sparql`` queries answered before the web app is there (and, by the HTTP protocol, after)."""

    @property
    def ready(self) -> bool:
        """Whether the web app answers (or has failed to start): the front processes start after that."""
        return self._settled.is_set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(scope, receive, send)
        elif self.app is not None:
            await self.app(scope, receive, send)
        elif scope["type"] == "http":
            await self.plain_queries(scope, receive, send)
        else:
            await self._when_ready(scope, receive, send)

    async def _when_ready(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._ready_event().wait()
        if self.app is None:
            if scope["type"] == "http":
                await PlainTextResponse(f"the service could not start: {self.failure}", status_code=503)(
                    scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _ready_event(self) -> asyncio.Event:
        if self._waiters is None:
            self._waiters = asyncio.Event()
            if self._settled.is_set():
                self._waiters.set()
        return self._waiters

    async def _lifespan(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Uvicorn's lifespan: startup completes at once (the server listens) while the web app is made and its own
        lifespan started; shutdown waits for that, then ends the web app's lifespan."""
        await receive()  # lifespan.startup
        self._starting = asyncio.create_task(self._start(scope.get("state")))
        await send({"type": "lifespan.startup.complete"})
        await receive()  # lifespan.shutdown
        await asyncio.wait([self._starting])
        if self._app_lifespan is not None:
            inbox, outbox, task = self._app_lifespan
            await inbox.put({"type": "lifespan.shutdown"})
            await outbox.get()
            await task
        await send({"type": "lifespan.shutdown.complete"})

    async def _start(self, lifespan_state: dict[str, Any] | None) -> None:
        try:
            app = await asyncio.to_thread(self.build)
            inbox: asyncio.Queue[Message] = asyncio.Queue()
            outbox: asyncio.Queue[Message] = asyncio.Queue()
            await inbox.put({"type": "lifespan.startup"})
            lifespan_scope = {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"},
                              "state": lifespan_state if lifespan_state is not None else {}}
            task = asyncio.create_task(app(lifespan_scope, inbox.get, outbox.put))
            reply = await outbox.get()
            if reply["type"] != "lifespan.startup.complete":
                raise RuntimeError(reply.get("message") or "the web app's start-up failed")
            self._app_lifespan = (inbox, outbox, task)
            self.app = app
        except Exception as error:  # noqa: BLE001 - reported, then the server stops
            traceback.print_exc(file=sys.stderr)
            self.failure = f"{type(error).__name__}: {error}"
            self.on_failure()
        finally:
            self._settled.set()
            self._ready_event().set()


def serve(settings: Settings | None = None, host: str = "127.0.0.1", port: int = 7878, *,
          store: GraphStore | None = None, sparql_service: SparqlService | None = None,
          access_log: bool = True) -> None:
    """Run the service with uvicorn until interrupted (``qualgraph serve``): listening before the web app is
    imported (module docstring), and with its front processes (:mod:`.front`: more processes on the same port
    that answer ``/sparql`` lookups themselves) when the store is on disk. The SPARQL service (its query workers)
    is started first when not given, so that plain queries are answered before the web app is there."""
    import uvicorn

    from ..config import get_settings
    from ..store import open_store

    settings = settings or get_settings()
    if store is None:
        with open_store(settings) as opened:
            serve(settings, host, port, store=opened, sparql_service=sparql_service, access_log=access_log)
        return
    if sparql_service is None:
        from ..sparql import open_service

        # the first query worker opens the store while the server starts, and answers the first queries
        service = open_service(store, settings, wait_for_workers=False)
        try:
            serve(settings, host, port, store=store, sparql_service=service, access_log=access_log)
        finally:
            service.close()
        return

    def build() -> ASGIApp:
        from .app import create_app

        return create_app(settings, store, sparql_service)

    app = StartingApp(build, settings, sparql_service, on_failure=lambda: setattr(server, "should_exit", True))
    # ws="none": the service has no WebSocket route, and loading uvicorn's WebSocket protocol costs start-up time
    config = uvicorn.Config(app, access_log=access_log, ws="none", proxy_headers=True, server_header=False,
                            http=lookup_protocol(app.plain_queries))  # lookups answered as they are read
    store_path = store.local_path
    fronts = front_processes_for(settings, store_path)
    if not fronts or store_path is None:
        server = sharing_server(config, public=listening_socket(host, port))  # no fronts: every connection its own
        server.run(sockets=[])
        return
    # the fronts forward from loopback with the client's address: trusted whatever else the operator trusts
    trusted = config.forwarded_allow_ips  # uvicorn's: $FORWARDED_ALLOW_IPS, else loopback
    trusted = [t.strip() for t in trusted.split(",")] if isinstance(trusted, str) else list(trusted)
    if "*" not in trusted and "127.0.0.1" not in trusted:
        config.forwarded_allow_ips = [*trusted, "127.0.0.1"]
    public = listening_socket(host, port)
    private = listening_socket("127.0.0.1", 0)  # the fronts hand the server what is not a lookup
    front = FrontProcesses(fronts, private_url=f"http://127.0.0.1:{private.getsockname()[1]}", store_path=store_path,
                           settings=settings, access_log=access_log)
    server = sharing_server(config, public=public, fronts=front.handoffs)  # its connections, in turn with the fronts
    front.start(once=lambda: server.started and app.ready)
    try:
        server.run(sockets=[private])
    finally:
        front.stop()
