"""Reading RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) with errors that name the line."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import TYPE_CHECKING
from pathlib import Path

import pyoxigraph as ox

from .errors import Problem
from .sources import Source

if TYPE_CHECKING:
    from ..store import GraphStore

ProgressFn = Callable[[str, int, int], None]
"""progress(file, bytes_read, bytes_total)"""

_LINE_RE = re.compile(r"line (\d+)(?: column (\d+))?")


def syntax_problem(source: Source, error: Exception) -> Problem:
    """A parser error as a Problem with the line and column pyoxigraph reports."""
    text = str(error)
    line = getattr(error, "lineno", None)
    column = getattr(error, "offset", None)
    if line is None:
        m = _LINE_RE.search(text)
        if m:
            line = int(m.group(1))
            column = int(m.group(2)) if m.group(2) else None
    text = re.sub(r"\s*\([^()]*, line \d+\)$", "", text)  # pyoxigraph repeats the place at the end
    return Problem(source.display, f"not valid {source.rdf_format.name}: {text}", line=line, column=column)


class _CountingReader(io.RawIOBase):
    """Wraps a binary file and reports bytes read, so a long bulk load can show progress."""

    def __init__(self, raw: io.BufferedReader, total: int, name: str, progress: ProgressFn) -> None:
        self._raw, self._total, self._name, self._progress = raw, total, name, progress
        self._read = 0
        self._next_report = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self._read += n
        if self._read >= self._next_report or n == 0:
            self._progress(self._name, self._read, self._total)
            self._next_report = self._read + max(self._total // 50, 1 << 20)
        return n


def open_for_progress(path: Path, name: str, progress: ProgressFn | None) -> io.BufferedIOBase:
    raw = open(path, "rb")
    if progress is None:
        return raw
    return io.BufferedReader(_CountingReader(raw, path.stat().st_size, name, progress), 1 << 20)


def parse_quads(source: Source, progress: ProgressFn | None = None) -> list[ox.Quad]:
    """All quads of one file; triples go to the source's graph, TriG/N-Quads named graphs stay as written."""
    graph = ox.NamedNode(str(source.graph))
    base = source.path.resolve().as_uri()
    with open_for_progress(source.path, source.display, progress) as f:
        parser = ox.parse(input=f, format=source.rdf_format, base_iri=base, rename_blank_nodes=True)
        return [
            q if not isinstance(q.graph_name, ox.DefaultGraph) else ox.Quad(q.subject, q.predicate, q.object, graph)
            for q in parser
        ]


def bulk_load_file(store: "GraphStore", source: Source, progress: ProgressFn | None = None) -> None:
    """Fast path for a large triples file into a graph that does not exist yet (not transactional: the store
    drops the graph again if the write fails, and the loader drops it if a later step fails)."""
    base = source.path.resolve().as_uri()
    with open_for_progress(source.path, source.display, progress) as f:
        store.write_graph(source.graph, f, source.rdf_format, base_iri=base)
