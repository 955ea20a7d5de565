"""Headless Chromium for page tests: the DOM a real browser builds from a page, after its scripts ran.

``browse(url, profile)`` runs Debian's ``chromium`` (installed by ``scripts/setup``) with ``--dump-dom``;
``pytestmark = needs_chromium`` skips a module where it is missing. Only loopback URLs are opened, and
Chromium's own background networking is off.
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed "
                                    "(apt-get install chromium; scripts/setup installs it in CI)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def browse(url: str, profile: Path, *, budget_ms: int = 0, width: int | None = None) -> str:
    """The DOM after the page loaded (and its scripts ran for ``budget_ms`` of virtual time)."""
    command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}"]
    if budget_ms:
        command.append(f"--virtual-time-budget={budget_ms}")
    if width:
        command.append(f"--window-size={width},900")
    command += ["--dump-dom", url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class Elements(HTMLParser):
    """The elements of an HTML document with their attributes and text, to find what a page shows."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str], list[str]]] = []
        self._open: list[tuple[str, dict[str, str], list[str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = (tag, {k: v or "" for k, v in attrs}, [])
        self.found.append(element)
        if tag not in ("br", "img", "input", "meta", "link", "rect", "line", "hr"):
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                break

    def handle_data(self, data: str) -> None:
        for _, _, text in self._open:
            text.append(data)

    def all(self, tag: str, **attrs: str) -> list[tuple[dict[str, str], str]]:
        """Every ``tag`` whose attributes contain ``attrs`` (``class_`` for ``class``, a word of it), with its text."""
        wanted = {k.rstrip("_"): v for k, v in attrs.items()}
        out = []
        for t, a, text in self.found:
            if t != tag:
                continue
            if all((v in a.get(k, "").split()) if k == "class" else a.get(k) == v for k, v in wanted.items()):
                out.append((a, " ".join(" ".join(text).split())))
        return out


class DevTools:
    """Headless Chromium driven over the DevTools protocol (a WebSocket on loopback): open a page at a given
    window size, run JavaScript in it and read the result. For what ``--dump-dom`` cannot do: the accessibility
    engine's report, a page at phone width."""

    def __init__(self, profile: Path) -> None:
        import time

        port_file = profile / "DevToolsActivePort"
        port_file.unlink(missing_ok=True)
        self.process = subprocess.Popen([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}",
                                         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                                         "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("Chromium did not open its DevTools port")
            time.sleep(0.05)
        self.port = int(port_file.read_text().splitlines()[0])
        self._id = 0

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def __enter__(self) -> DevTools:  # noqa: PYI034 - a test helper, not subclassed
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self, url: str, *, width: int = 1280, height: int = 900) -> Page:
        """A new tab showing ``url`` (loaded) at ``width`` × ``height`` CSS pixels (a phone: 375 wide)."""
        import json as _json
        import urllib.request

        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/json/new?about:blank", method="PUT")
        with urllib.request.urlopen(request, timeout=30) as answer:
            target = _json.loads(answer.read())
        page = Page(target["webSocketDebuggerUrl"])
        page.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=width < 600)
        page.call("Network.enable")  # every request the page makes is in page.events (Network.requestWillBeSent)
        page.navigate(url)
        return page


class Page:
    """One tab: :meth:`call` sends a DevTools command and returns its result."""

    def __init__(self, websocket_url: str) -> None:
        from websockets.sync.client import connect

        self.socket = connect(websocket_url, max_size=None, open_timeout=30, legacy=True)
        self._id = 0
        self.events: list[dict] = []

    def call(self, method: str, **params: object) -> dict:
        import json as _json

        self._id += 1
        self.socket.send(_json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = _json.loads(self.socket.recv(timeout=120))
            if message.get("id") == self._id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def navigate(self, url: str) -> None:
        import json as _json

        self.call("Page.enable")
        self.events.clear()
        self.call("Page.navigate", url=url)
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(_json.loads(self.socket.recv(timeout=120)))

    def evaluate(self, expression: str) -> object:
        """The value of a JavaScript expression (a promise is awaited)."""
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"JavaScript failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def close(self) -> None:
        self.socket.close()


def axe_violations(page: Page, axe_source: str) -> list[dict]:
    """What axe-core (its source given, as qualgraph serves it) finds on the page: id, impact, help, a few nodes."""
    import json as _json

    page.evaluate(axe_source)
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']})"
                          ".then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, "
                          "help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))")
    return _json.loads(found)  # type: ignore[arg-type]
