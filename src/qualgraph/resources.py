"""The files qualgraph ships with: the ontology, the SHACL shapes, the SPARQL queries and the bundled data.

Every reader of these files asks this module; nothing else knows where they are.

They are written at the top of the repository (``ontology/``, ``shapes/``, ``queries/``, ``data/``), and they
are part of the package as ``qualgraph/bundled/<name>``: in the source tree those four entries are symbolic links
to the top-level folders, so a checkout or an editable install (``pip install -e .``) reads the files as they
are edited, and a wheel or sdist holds copies of them (``[tool.setuptools.package-data]`` in pyproject.toml;
setuptools follows the links when it builds). Either way they are found the same way, with
:mod:`importlib.resources`, and an installed qualgraph needs no checkout.

The bundled data is a setting as well (``QUALGRAPH_DATA``, :attr:`qualgraph.config.Settings.data`): by default
the data shipped with the package, which in a checkout is its ``data/`` folder.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .config import Settings, get_settings

RESOURCES = ("ontology", "shapes", "queries", "data")
"""The folders that ship inside the package, under ``qualgraph/bundled/``."""


def resource_dir(name: str) -> Path:
    """The shipped folder ``name`` (one of :data:`RESOURCES`), as a real directory on disk.

    In a checkout this is the top-level folder itself (the link is resolved, so messages show ``data/...``
    rather than the link's path).
    """
    if name not in RESOURCES:
        raise ValueError(f"qualgraph ships no {name!r} folder; it ships {', '.join(RESOURCES)}")
    folder = files("qualgraph").joinpath("bundled", name)
    if not isinstance(folder, Path):  # a zip import; pip always installs as files
        raise RuntimeError(f"qualgraph's {name}/ is not a folder on disk ({folder}); install qualgraph with pip")
    if not folder.is_dir():
        raise RuntimeError(f"qualgraph's {name}/ is missing: {folder} (a broken install, or a checkout without "
                           "the links in src/qualgraph/bundled/)")
    return folder.resolve()


def ontology_file() -> Path:
    """The OWL ontology, ``ontology/qualgraph.ttl``."""
    return resource_dir("ontology") / "qualgraph.ttl"


def shape_files() -> list[Path]:
    """The SHACL shapes, ``shapes/*.ttl``, in a stable order."""
    return sorted(resource_dir("shapes").glob("*.ttl"))


def query_file(name: str) -> Path:
    """The SPARQL file ``queries/{name}.rq``."""
    return resource_dir("queries") / f"{name}.rq"


def query_files() -> list[Path]:
    """Every ``queries/*.rq``, in a stable order."""
    return sorted(resource_dir("queries").glob("*.rq"))


def bundled_data_dir(settings: Settings | None = None) -> Path:
    """The bundled data: ``QUALGRAPH_DATA`` when set, else the data shipped with the package (a checkout's
    ``data/``). ``qualgraph serve`` loads it into an empty store; ``qualgraph load`` with no path loads it."""
    chosen = (settings or get_settings()).data
    return Path(chosen).expanduser().resolve() if chosen is not None else resource_dir("data")


def child_process_env() -> dict[str, str]:
    """This process's environment, with the directory holding the qualgraph package first on ``PYTHONPATH``: the
    environment of a helper process started as ``python -m qualgraph...`` (a query worker, a front process), so it
    runs this copy of qualgraph whatever the working directory."""
    import os

    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env
