"""qualgraph as an installed package.

As an operator, I pip install qualgraph's wheel on a server and run it, without the source checkout: the
ontology, the shapes, the queries and the bundled data come with the package, so ``qualgraph load``,
``qualgraph equivalences`` and ``qualgraph serve`` work out of the box.

The test builds the wheel from a copy of the source tree (so the build leaves nothing in the shared checkout,
and a stale ``build/`` cannot hide a missing file), installs it with its dependencies into a fresh virtualenv in
a temporary folder, and runs the ``qualgraph`` command of that virtualenv from a working directory outside the
checkout. About 20 s, most of it pip installing the dependencies (from its cache) and the server starting.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

CHECKOUT = Path(__file__).resolve().parents[1]
RESOURCES = ("ontology", "shapes", "queries", "data")

pytestmark = pytest.mark.slow


def _run(cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(cmd)} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment of a shell on a server: nothing pointing at the checkout or at this test's virtualenv."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("QUALGRAPH_") and k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(extra)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built with this virtualenv's setuptools (no network), from a copy of the source tree."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    shutil.copytree(CHECKOUT, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "var", "bench", "__pycache__", "*.egg-info", ".pytest_cache", ".qualgraph"))
    dist = tmp / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--disable-pip-version-check",
          "-q", "-w", str(dist), str(source)], cwd=tmp, env=_clean_env())
    (built,) = dist.glob("qualgraph-*.whl")
    return built


def test_the_wheel_holds_the_ontology_shapes_queries_and_data_as_files(wheel):
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    for name in RESOURCES:
        shipped = {n.removeprefix(f"qualgraph/bundled/{name}/") for n in names
                   if n.startswith(f"qualgraph/bundled/{name}/")}
        in_checkout = {p.relative_to(CHECKOUT / name).as_posix() for p in (CHECKOUT / name).rglob("*") if p.is_file()}
        assert shipped == in_checkout, f"{name}/: the wheel and the checkout differ"


def test_an_installed_wheel_loads_answers_and_serves_without_the_checkout(wheel, tmp_path):
    assert CHECKOUT not in tmp_path.parents, "the test must run outside the checkout"
    venv, work = tmp_path / "venv", tmp_path / "work"
    work.mkdir()
    # (HOME stays: pip's cache is under it)
    env = _clean_env(QUALGRAPH_STORE=str(tmp_path / "store"), QUALGRAPH_QUERY_WORKERS="1",
                     XDG_DATA_HOME=str(tmp_path / "share"))

    started = time.perf_counter()
    # A fresh virtualenv; this virtualenv's pip installs into it (--python), which spares seeding a pip of its own,
    # and --no-compile spares compiling every dependency's bytecode: together ~7 s instead of ~20 s.
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=work, env=env)
    _run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--no-compile",
          "--disable-pip-version-check", "-q", str(wheel)], cwd=work, env=env)
    installing = time.perf_counter() - started

    # The qualgraph that runs is the wheel's, and its files are inside the new virtualenv.
    where = json.loads(_run([str(venv / "bin" / "python"), "-c", (
        "import json, qualgraph, qualgraph.resources as r; "
        f"print(json.dumps([qualgraph.__file__, *[str(r.resource_dir(n)) for n in {RESOURCES!r}]]))"
    )], cwd=work, env=env).stdout)
    for path in where:
        assert Path(path).is_relative_to(venv), f"{path} is not in the new virtualenv {venv}"

    qualgraph = str(venv / "bin" / "qualgraph")
    loaded = _run([qualgraph, "load"], cwd=work, env=env)  # no path: the bundled data
    # named as `qualgraph load data/` names them in a checkout, so loading a corrected file replaces its graph
    assert "<https://w3id.org/qualgraph/graph/data/frameworks/ie-nfq.ttl>" in loaded.stdout, loaded.stdout

    answers = json.loads(_run([qualgraph, "equivalences", "ie-nfq:8", "--to", "uk-scqf", "--format", "json"],
                              cwd=work, env=env).stdout)
    assert {a["level"] for a in answers} == {"uk-scqf:9", "uk-scqf:10"}

    port = _free_port()
    server = subprocess.Popen([qualgraph, "serve", "--port", str(port)], cwd=work, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, f"qualgraph serve stopped:\n{server.stdout.read()}"
            try:
                home = httpx.get(base + "/", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "qualgraph serve did not answer within 60 s"
                time.sleep(0.3)
        assert home.status_code == 200 and "text/html" in home.headers["content-type"]
        assert "ie-nfq" in home.text

        frameworks = httpx.get(base + "/api/frameworks", timeout=30)
        assert frameworks.status_code == 200
        assert {"ie-nfq", "uk-scqf", "eqf", "aqrf"} <= {f["id"] for f in frameworks.json()}
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        try:  # anything left of the server's own process group (its query workers)
            os.killpg(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    print(f"venv and pip install of the wheel: {installing:.1f} s")
