"""Finding the sources to load and naming the graph each one goes to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from ..ids import graph_iri
from ..media_types import suffixes
from .errors import LoadError, Problem

RDF_FORMATS: dict[str, ox.RdfFormat] = {suffix: f.pyoxigraph for suffix, f in suffixes().items()}
"""The pyoxigraph syntax of each RDF file suffix (:data:`qualgraph.media_types.RDF_FILE_FORMATS`)."""
TEMPLATE_SUFFIXES = {".csv", ".xlsx"}


@dataclass(frozen=True)
class Source:
    """One file to load and the named graph that will hold exactly its content."""

    path: Path
    graph: URIRef
    display: str  # the path as the user wrote it / relative to the root, for messages

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    @property
    def is_template(self) -> bool:
        return self.suffix in TEMPLATE_SUFFIXES

    @property
    def rdf_format(self) -> ox.RdfFormat:
        return RDF_FORMATS[self.suffix]


def _graph_name(path: Path, root: Path) -> str:
    resolved = path.resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix().lstrip("/")


def find_sources(paths: list[Path], *, root: Path | None = None, graph: str | None = None) -> list[Source]:
    """Expand folders (everything loadable in them, recursively, in a stable order) and name a graph per file.

    The graph of a file is the graph base + its path relative to ``root`` (the working directory by default),
    so loading the same file again replaces exactly what it loaded before.
    """
    root = root or Path.cwd()
    problems: list[Problem] = []
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and (f.suffix.lower() in RDF_FORMATS or f.suffix.lower() in TEMPLATE_SUFFIXES)
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                problems.append(Problem(str(p), "this folder holds no RDF file or spreadsheet template"))
            files.extend(found)
        elif p.is_file():
            if p.suffix.lower() not in RDF_FORMATS and p.suffix.lower() not in TEMPLATE_SUFFIXES:
                known = ", ".join(sorted(set(RDF_FORMATS) | TEMPLATE_SUFFIXES))
                problems.append(Problem(str(p), f"unknown file type {p.suffix or '(none)'!r}; qualgraph reads {known}"))
            else:
                files.append(p)
        else:
            problems.append(Problem(str(p), "no such file or folder"))
    if graph is not None and len(files) > 1:
        problems.append(Problem(", ".join(str(f) for f in files[:3]), "--graph names one graph, so give exactly one file"))
    if problems:
        raise LoadError(problems)
    seen: dict[URIRef, Path] = {}
    sources = []
    for f in files:
        g = URIRef(graph) if graph else graph_iri(_graph_name(f, root))
        if g in seen and seen[g].resolve() != f.resolve():
            raise LoadError([Problem(str(f), f"goes to the same graph as {seen[g]}")])
        if g in seen:
            continue
        seen[g] = f
        sources.append(Source(f, g, str(f)))
    return sources
