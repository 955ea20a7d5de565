"""Reading the recognition records an answer starts from: a qualification, and the frameworks of a country."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from rdflib import URIRef

from .. import ids
from ..queries import load_query, with_values
from ..store import GraphStore

ISCO = "http://data.europa.eu/esco/isco/C"
ISCED_F = "http://data.europa.eu/esco/isced-f/"
COUNTRY_RE = re.compile(r"^[A-Za-z]{2}$")


@dataclass
class QualificationRecord:
    """What the answers need of one qualification."""

    id: str
    iri: str
    title: str | None = None
    levels: list[str] = field(default_factory=list)  # level ids (ph-pqf:2)
    occupations: list[str] = field(default_factory=list)  # ISCO-08 codes
    fields: list[str] = field(default_factory=list)  # ISCED-F codes
    standards: list[str] = field(default_factory=list)  # standard ids
    superseded: bool = False
    replaced_by: list[str] = field(default_factory=list)
    skills_areas: list[str] = field(default_factory=list)  # of the standards it is based on

    @property
    def framework(self) -> str:
        return self.id.split(":", 1)[0]

    def to_json(self) -> dict[str, object]:
        return {"qualification": self.id, "title": self.title, "levels": self.levels, "isco": self.occupations,
                "isced_f": self.fields, "standards": self.standards, "superseded": self.superseded,
                "replaced_by": self.replaced_by}


def code_of(iri: str, base: str) -> str:
    return iri.removeprefix(base)


def read_qualifications(store: GraphStore, iris: list[str]) -> dict[str, QualificationRecord]:
    """The qualifications among ``iris`` that exist, by IRI (one query)."""
    found: dict[str, QualificationRecord] = {}
    if not iris:
        return found
    query = with_values(load_query("qualification"), "qualification", [URIRef(i) for i in iris])
    for r in store.select_values(query):
        q = found.setdefault(r["qualification"], QualificationRecord(ids.record_id_of(r["qualification"]) or r["qualification"],
                                                                     r["qualification"]))
        q.title = q.title or r.get("title")
        for key, attr, conv in (("level", "levels", lambda v: ids.level_id_of(v) or v),
                                ("occupation", "occupations", lambda v: code_of(v, ISCO)),
                                ("field", "fields", lambda v: code_of(v, ISCED_F)),
                                ("standard", "standards", lambda v: ids.record_id_of(v) or v),
                                ("replacedBy", "replaced_by", lambda v: ids.record_id_of(v) or v),
                                ("skillsArea", "skills_areas", lambda v: v)):
            if r.get(key):
                value = conv(r[key])
                if value not in getattr(q, attr):
                    getattr(q, attr).append(value)
        if r.get("status", "").endswith("/superseded"):
            q.superseded = True
    return found


def read_qualification(store: GraphStore, text: str) -> QualificationRecord:
    """The qualification written ``FRAMEWORK:CODE``; :class:`ids.UnknownId` with the closest ids when none."""
    qid = ids.RecordId.parse(text, "qualification")
    found = read_qualifications(store, [str(qid.qualification_iri)])
    if found:
        return next(iter(found.values()))
    from ..loading.catalogue import Catalogue

    known = sorted(ids.record_id_of(i) or i for i, kind in Catalogue.from_store(store).records.items()
                   if kind == "qualification")
    close = difflib.get_close_matches(str(qid), known, n=5, cutoff=0.4)
    raise ids.UnknownId(f"no qualification {str(qid)!r}", close or known)


@dataclass(frozen=True)
class Scope:
    """Where to look: some frameworks (``in=my-mqf``, or all of a country's: ``in=TH``), or everywhere."""

    text: str | None
    frameworks: frozenset[str] | None  # None: every framework
    country: str | None = None

    def __contains__(self, framework: str) -> bool:
        return self.frameworks is None or framework in self.frameworks


def framework_jurisdictions(store: GraphStore) -> dict[str, tuple[str | None, str | None]]:
    """framework id -> (jurisdiction, title)."""
    found: dict[str, tuple[str | None, str | None]] = {}
    for r in store.select_values(load_query("framework-jurisdictions")):
        slug = ids.framework_slug_of(r["framework"])
        if slug and (slug not in found or found[slug][1] is None):
            found[slug] = (r.get("jurisdiction"), r.get("title"))
    return found


def read_scope(store: GraphStore, text: str | None) -> Scope:
    """``None`` (everywhere), a framework id, or an ISO 3166-1 alpha-2 country code (its frameworks)."""
    if text is None or not text.strip():
        return Scope(None, None)
    text = text.strip()
    frameworks = framework_jurisdictions(store)
    if COUNTRY_RE.match(text) and text.lower() not in frameworks:
        country = text.upper()
        return Scope(text, frozenset(s for s, (j, _) in frameworks.items() if j == country), country)
    slug = ids.check_slug(text.lower())
    if slug not in frameworks:
        close = difflib.get_close_matches(slug, list(frameworks), n=5, cutoff=0.4)
        raise ids.UnknownId(f"no framework {slug!r} (write a framework id such as my-mqf, or a country code such "
                            "as TH)", close or sorted(frameworks))
    return Scope(text, frozenset({slug}), frameworks[slug][0])


_TSV_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "\\": "\\"}


def _tsv_cell(cell: str) -> str | None:
    """The lexical value of one SPARQL TSV cell: an IRI, a literal (its language or datatype dropped), or a bare
    number or boolean."""
    if not cell:
        return None
    if cell[0] == "<":
        return cell[1:-1]
    if cell[0] == '"':
        text = cell[1:cell.rfind('"')]
        if "\\" in text:
            out, i = [], 0
            while i < len(text):
                if text[i] == "\\" and i + 1 < len(text):
                    out.append(_TSV_ESCAPES.get(text[i + 1], text[i + 1]))
                    i += 2
                else:
                    out.append(text[i])
                    i += 1
            text = "".join(out)
        return text
    return cell


def select_rows(store: GraphStore, query: str) -> list[dict[str, str]]:
    """A SELECT's rows as plain strings, like ``GraphStore.select_values``, read from the SPARQL TSV the store
    serialises (on the embedded store, in Rust): the large answers (thousands of candidates or decisions at
    5,000 qualifications) are read in a third of the time."""
    head, *lines = store.select_tsv(query).split("\n")
    names = [h[1:] for h in head.split("\t")]
    rows = []
    for line in lines:
        if line:
            row = {}
            for n, c in zip(names, line.split("\t")):
                if c:  # an IRI is most cells: sliced here rather than in a call
                    row[n] = c[1:-1] if c[0] == "<" else _tsv_cell(c)
            rows.append(row)
    return rows


def iris(values: Iterable[str]) -> list[URIRef]:
    """IRIs to bind with :func:`qualgraph.queries.with_values`, which checks each and writes only its text: plain
    strings, so that thousands of them are not each parsed into an rdflib term first."""
    return cast(list[URIRef], sorted(set(values)))


def concept_labels(store: GraphStore, concepts: Iterable[str]) -> dict[str, str]:
    """The names the store holds for concepts of other classifications (English preferred)."""
    labels: dict[str, str] = {}
    concepts = list(concepts)
    if concepts:
        for r in store.select_values(with_values(load_query("concept-labels"), "concept", iris(concepts))):
            if r["concept"] not in labels or r.get("lang", "").startswith("en"):
                labels[r["concept"]] = r["label"]
    return labels
