"""The qualgraph ontology file, and a logical consistency check of it together with data.

SHACL shapes check that each resource is complete; this module checks that the ontology and the data do not
contradict each other (a level that is also a framework, a level with two ranks, two statuses on one
decision), using the HermiT reasoner shipped with owlready2. HermiT needs Java; when Java is missing the check
raises :class:`ReasonerUnavailable` rather than pretending the data is fine.

HermiT says *whether* there is a contradiction but not why, so on a failure the same input is handed to the
Pellet reasoner (also shipped with owlready2), whose ``explain`` command names the axioms and facts that clash.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node
from rdflib.util import guess_format

from .resources import bundled_data_dir, ontology_file
from .vocab import PREFIXES

RDF_SUFFIXES = (".ttl", ".trig")
"""Suffixes of the bundled RDF files under data/ (spreadsheet templates there are not RDF)."""

JAVA_MEMORY_MB = 1024
"""Heap for one reasoner run; the bundled data is a few thousand triples."""

EXPLAIN_TIMEOUT_S = 120.0

_BUILTIN_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))
_TOKEN = "QGX{}QGX"
_TOKEN_RE = re.compile(r"QGX(\d+)QGX")


class ReasonerUnavailable(RuntimeError):
    """The reasoner cannot run here (HermiT needs Java, and none was found)."""


class ReasonerFailed(RuntimeError):
    """The reasoner stopped without a verdict (a Java error, input it could not read)."""


@dataclass(frozen=True)
class ConsistencyResult:
    """HermiT's verdict on a set of RDF files read together with the ontology."""

    consistent: bool
    """False when the files contradict each other: no world can make all of them true."""
    unsatisfiable_classes: tuple[str, ...]
    """Classes that can have no member (a modelling error even when no data uses them)."""
    files: tuple[Path, ...]
    """Every file that was read, the ontology first."""
    explanation: str
    """A readable account: what was checked, and on failure the clashing statements."""

    @property
    def ok(self) -> bool:
        """Consistent, and every class can have members."""
        return self.consistent and not self.unsatisfiable_classes


def ontology_path() -> Path:
    """ontology/qualgraph.ttl (shipped in the package, :mod:`qualgraph.resources`)."""
    return ontology_file()


def load_ontology_graph() -> Graph:
    """The ontology as an rdflib graph, with the project's prefixes bound for readable serialisations."""
    graph = read_rdf(ontology_path())
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, replace=True)
    return graph


def bundled_data_files(data_dir: Path | None = None) -> list[Path]:
    """Every Turtle and TriG file of the bundled data (recursively; ``QUALGRAPH_DATA``, by default data/), in a
    stable order."""
    root = data_dir or bundled_data_dir()
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in RDF_SUFFIXES)


def read_rdf(path: Path) -> Graph:
    """One file as a single graph; the named graphs of a TriG file are merged, since OWL has none."""
    fmt = guess_format(str(path)) or "turtle"
    try:
        if fmt in ("trig", "nquads"):
            dataset = Dataset()
            with warnings.catch_warnings():  # rdflib's own TriG parser uses its deprecated ConjunctiveGraph
                warnings.simplefilter("ignore", DeprecationWarning)
                dataset.parse(path, format=fmt)
            graph = Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
            return graph
        return Graph().parse(path, format=fmt)
    except Exception as exc:  # rdflib raises several unrelated types for syntax errors
        raise ValueError(f"{_show(path)}: not readable as {fmt}: {exc}") from exc


def check_consistency(
    graph_files: Iterable[Path],
    *,
    include_ontology: bool = True,
    java: str | None = None,
    memory_mb: int = JAVA_MEMORY_MB,
    explain: bool = True,
) -> ConsistencyResult:
    """Run HermiT (through owlready2) over the ontology and ``graph_files`` read as one graph.

    ``owl:imports`` are dropped so that nothing is fetched. HermiT knows only the OWL 2 datatypes, so values
    typed ``xsd:date``, ``xsd:gYear`` and the like are not checked here (the SHACL shapes check them).
    """
    java = java or shutil.which("java")
    if not java:
        raise ReasonerUnavailable(
            "the consistency check runs the HermiT reasoner, which needs Java 8 or later: "
            "install a Java runtime (e.g. `apt-get install default-jre-headless`) and put `java` on the PATH"
        )
    files = _with_ontology(graph_files) if include_ontology else list(dict.fromkeys(graph_files))
    merged = Graph()
    for path in files:
        merged += read_rdf(path)
    merged.remove((None, OWL.imports, None))

    with tempfile.TemporaryDirectory(prefix="qualgraph-reasoner-") as tmp:
        input_nt = Path(tmp) / "input.nt"
        merged.serialize(input_nt, format="nt", encoding="utf-8")
        consistent, unsatisfiable = _run_hermit(input_nt, java, memory_mb)

        what = f"{len(files)} file(s), {len(merged)} triples: " + ", ".join(_show(p) for p in files)
        if consistent and not unsatisfiable:
            explanation = f"HermiT found no contradiction in {what}."
        elif not consistent:
            explanation = f"HermiT found a contradiction in {what}."
            if explain:
                explanation += "\n" + _explain(merged, Path(tmp), java, memory_mb, ["--inconsistent"])
        else:
            explanation = f"HermiT found classes that can have no member in {what}: " + ", ".join(
                _curie(c) for c in unsatisfiable
            )
            if explain:
                explanation += "\n" + _explain(merged, Path(tmp), java, memory_mb, ["--all-unsat"])

    return ConsistencyResult(consistent, tuple(unsatisfiable), tuple(files), explanation)


def _with_ontology(graph_files: Iterable[Path]) -> list[Path]:
    ontology = ontology_path().resolve()
    rest = [p for p in dict.fromkeys(graph_files) if Path(p).resolve() != ontology]
    return [ontology_path(), *rest]


def _run_hermit(input_nt: Path, java: str, memory_mb: int) -> tuple[bool, list[str]]:
    """(consistent, unsatisfiable class IRIs) from HermiT, in a fresh owlready2 World each time."""
    import owlready2

    world = owlready2.World()
    try:
        world.get_ontology(input_nt.as_uri()).load()
        with _java_settings(java, memory_mb):
            try:
                owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
            except owlready2.OwlReadyInconsistentOntologyError:
                return False, []
            except owlready2.OwlReadyJavaError as exc:
                raise ReasonerFailed(f"HermiT stopped without a verdict: {exc}") from exc
        nothing = str(OWL.Nothing)
        unsatisfiable = sorted(
            c.iri for c in world.inconsistent_classes() if getattr(c, "iri", nothing) != nothing
        )
        return True, unsatisfiable
    finally:
        world.close()


@contextmanager
def _java_settings(java: str, memory_mb: int) -> Iterator[None]:
    """owlready2 reads the Java path and heap size from module globals; set them for one run only."""
    import owlready2
    from owlready2 import reasoning

    saved = owlready2.JAVA_EXE, reasoning.JAVA_MEMORY
    owlready2.JAVA_EXE, reasoning.JAVA_MEMORY = java, memory_mb
    try:
        yield
    finally:
        owlready2.JAVA_EXE, reasoning.JAVA_MEMORY = saved


def _explain(merged: Graph, tmp: Path, java: str, memory_mb: int, mode: list[str]) -> str:
    """Pellet's justification, with every IRI written as a CURIE (``qgid:framework/ie-nfq/level/8``).

    Pellet prints only the last segment of an IRI, which is ambiguous for level IRIs ("8"), so each IRI is
    renamed to a numbered token before the run and the tokens are turned back into CURIEs afterwards.
    """
    import owlready2

    renamed, names = _tokenised(merged)
    pellet_input = tmp / "explain.nt"
    renamed.serialize(pellet_input, format="nt", encoding="utf-8")
    jars = sorted((Path(owlready2.__file__).parent / "pellet").glob("*.jar"))
    command = [
        java, f"-Xmx{memory_mb}m", "-cp", os.pathsep.join(map(str, jars)),
        "pellet.Pellet", "explain", *mode, "--max", "3", "--ignore-imports", pellet_input.as_uri(),
    ]  # fmt: skip
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=EXPLAIN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return f"(no explanation: Pellet did not finish within {EXPLAIN_TIMEOUT_S:.0f} s)"
    found = [part.strip("\n") for part in re.split(r"Explanation\(s\):\s*\n", run.stdout)[1:]]
    if not found:
        lines = (run.stderr or run.stdout).strip().splitlines()
        causes = [ln for ln in lines if "Exception" in ln or "Error" in ln] or lines[-1:] or ["no output"]
        return f"(no explanation: Pellet could not justify it: {causes[0].strip()})"
    text = "\n".join(part.split("\n\n\n")[0].rstrip() for part in found)
    readable = _TOKEN_RE.sub(lambda m: names[int(m.group(1))], text)
    return f"Why (Pellet's justification; fix it and re-run, there may be more):\n{readable}"


def _tokenised(graph: Graph) -> tuple[Graph, list[str]]:
    """A copy of ``graph`` with every non-built-in IRI replaced by a numbered token, and the token names."""
    index: dict[URIRef, URIRef] = {}
    names: list[str] = []

    def token(term: Node) -> Node:
        if not isinstance(term, URIRef) or str(term).startswith(_BUILTIN_NAMESPACES):
            return term
        if term not in index:
            index[term] = URIRef("urn:qualgraph:explain#" + _TOKEN.format(len(names)))
            names.append(_curie(str(term)))
        return index[term]

    renamed = Graph()
    for s, p, o in graph:
        renamed.add((token(s), token(p), token(o)))
    return renamed, names


def _curie(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def _show(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
