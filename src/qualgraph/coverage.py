"""How complete and how trustworthy the data is: per framework, its levels, descriptors, qualification types and
decisions, and whether the URLs they cite are official pages or copies (``qualgraph coverage``, the coverage table
of ``data/README.md``).

Why a fixed list of host patterns: whether a URL is the deciding body's own page or a document mirror cannot be
read from the graph. The lists below are the single place that says so; ``tests/test_data_sources.py`` uses them
to refuse a decision that rests only on copies or secondary pages, and ``data/README.md`` explains them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .queries import load_query
from .store import GraphStore

#: Document mirrors: sites that host copies of other bodies' documents. A fact read there cites the official
#: document's URL as ``dcterms:source`` and keeps the copy as ``prov:wasDerivedFrom``.
COPY_HOSTS: tuple[str, ...] = (
    "yumpu.com", "abcdocz.com", "docslib.org", "vdocument.in", "vdocuments.site", "vdocuments.us",
    "vdocuments.net", "vdocuments.mx", "dokumen.tips", "fdokumen.com", "scribd.com", "fdocuments.net",
    "fdocuments.us", "fdocuments.in", "documents.pub", "pdfslide.us", "docplayer.net", "123dok.com", "paperzz.com", "studylib.net",
    "slideshare.net", "readkong.com", "pingpdf.com", "ilovetranslation.com", "vanbanphapluat.co",
    "anyflip.com", "pdfcoffee.com",
)
#: Secondary pages: encyclopaedias, law blogs and the press. They may corroborate; they never carry a decision.
SECONDARY_HOSTS: tuple[str, ...] = (
    "wikipedia.org", "mdwiki.org", "total.law", "lawnet.vn",
    "antaranews.com", "vietnam.vn", "laodong.vn", "nhandan.vn", "btarchive.org", "islandsbusiness.com",
    "matangitonga.to", "aefinfo.fr",
)
#: Official pages: public bodies, qualifications agencies and intergovernmental organisations (the deciding body,
#: or another public authority that publishes the fact). ``host/path`` restricts a shared host to one owner.
OFFICIAL_HOSTS: tuple[str, ...] = (
    "europa.eu", "github.com/european-commission-empl", "gov.uk", "gov.wales", "scqf.org.uk", "qaa.ac.uk",
    "qualifications.wales", "ccea.org.uk", "qqi.ie", "govt.nz", "dqr.de", "insee.fr", "gouv.fr",
    "francecompetences.fr", "gov.my", "gov.ph", "asean.org", "spc.int", "eqap.org.fj", "gov.fj", "gov.ws", "gov.pg",
    "gov.bn", "gov.hk", "unesco.org", "ilo.org", "qcaa.qld.edu.au", "training.gov.au", "aqf.edu.au",
    "qualifikationsregister.at", "gv.at", "kutsekoda.ee", "hm.ee", "nlqf.nl", "nuffic.nl", "gov.pt", "myh.se",
    "uhr.se", "gov.au", "go.th", "aseansec.org", "ilo.ch", "pacerplus.org", "acpecc.net", "atprs.org",
    "gov.cy", "lrv.lt", "kpmpc.lt", "admin.ch", "enicnaric.is", "stjornartidindi.is", "mms.is", "gov.gr", "eoppep.gr", "nok.si", "cpi.si",
    "gazzettaufficiale.it", "inapp.gov.it", "nqfl.li", "ufm.dk", "finlex.fi", "oph.fi", "minedu.fi",
    "vlaamsekwalificatiestructuur.be", "vlaanderen.be", "cfwb.be", "wallonie.be", "hec.org.fj", "fhec.org.fj", "tnqab.to",
    # TNQAB's older domain (its 'About TNQAB' and TQF pages), and Viet Nam's government hosts (the Directorate of
    # Vocational Education and Training, en.gdnn.gov.vn) (issue 14)
    "tnqab.com", "gov.vn",
    # Poland's government hosts (the Ministry of National Education's PRK site, the Integrated Qualifications System's
    # portal) and Luxembourg's lifelong-learning portal (the Ministry of Education's) (issue 14)
    "gov.pl", "lifelong-learning.lu",
    # the Houses of the Oireachtas, Ireland's parliament: its record of ministers' written answers (issue 14)
    "oireachtas.ie",
    # Iceland's national curriculum site (Aðalnámskrá), to which the ministry's page on the curricula points
    # (menntamalaraduneyti.is: 'Upplýsingar um námskrár og námskrárgerð á vefnum namskra.is') (issue 14)
    "namskra.is",
)
SOURCE_KINDS = ("official", "copy", "secondary", "other")


def _matches(url: str, pattern: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    host_pattern, _, path_pattern = pattern.partition("/")
    if not (host == host_pattern or host.endswith("." + host_pattern)):
        return False
    return not path_pattern or parts.path.lstrip("/").lower().startswith(path_pattern.lower())


def source_kind(url: str) -> str:
    """``official``, ``copy``, ``secondary`` or ``other`` (e.g. an awarding body's or a chamber's page)."""
    for kind, patterns in (("copy", COPY_HOSTS), ("secondary", SECONDARY_HOSTS), ("official", OFFICIAL_HOSTS)):
        if any(_matches(url, p) for p in patterns):
            return kind
    return "other"


@dataclass
class FrameworkCoverage:
    """One framework's row of the coverage table."""

    id: str
    levels: int = 0
    levels_with_descriptors: int = 0
    levels_with_types: int = 0
    decisions: int = 0
    decisions_with_official_source: int = 0
    decisions_by_status: dict[str, int] = field(default_factory=dict)
    urls: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in SOURCE_KINDS})

    def sources(self, kind: str) -> int:
        return len(self.urls[kind])

    def to_json(self) -> dict[str, object]:
        return {
            "framework": self.id, "levels": self.levels, "levels_with_descriptors": self.levels_with_descriptors,
            "levels_with_qualification_types": self.levels_with_types, "decisions": self.decisions,
            "decisions_with_official_source": self.decisions_with_official_source,
            "decisions_by_status": dict(sorted(self.decisions_by_status.items())),
            "sources": {k: self.sources(k) for k in SOURCE_KINDS},
        }


@dataclass
class Coverage:
    frameworks: list[FrameworkCoverage]

    def totals(self) -> dict[str, object]:
        """Sums over the frameworks; source URLs are counted once however many frameworks cite them."""
        urls: dict[str, set[str]] = {k: set() for k in SOURCE_KINDS}
        statuses: dict[str, int] = {}
        for f in self.frameworks:
            for k in SOURCE_KINDS:
                urls[k] |= f.urls[k]
            for status, n in f.decisions_by_status.items():
                statuses[status] = statuses.get(status, 0) + n
        # a URL cited as a source by one framework and kept as a copy by another is a copy
        urls["official"] -= urls["copy"]
        return {
            "frameworks": len(self.frameworks),
            "frameworks_with_decisions": sum(1 for f in self.frameworks if f.decisions),
            "levels": sum(f.levels for f in self.frameworks),
            "levels_with_descriptors": sum(f.levels_with_descriptors for f in self.frameworks),
            "levels_with_qualification_types": sum(f.levels_with_types for f in self.frameworks),
            "decisions": sum(f.decisions for f in self.frameworks),
            "decisions_with_official_source": sum(f.decisions_with_official_source for f in self.frameworks),
            "decisions_by_status": dict(sorted(statuses.items())),
            "sources": {k: len(urls[k]) for k in SOURCE_KINDS},
        }

    def to_json(self) -> dict[str, object]:
        return {"frameworks": [f.to_json() for f in self.frameworks], "totals": self.totals()}


def coverage(store: GraphStore) -> Coverage:
    """The coverage of everything in the store, from ``queries/coverage.rq``."""
    rows: dict[str, FrameworkCoverage] = {}
    for r in store.select_values(load_query("coverage")):
        f = rows.setdefault(r["framework"], FrameworkCoverage(id=r.get("id") or r["framework"]))
        sources, copies = r.get("sources", "").split(), r.get("copies", "").split()
        kinds = [source_kind(u) for u in sources]
        for url, kind in zip(sources, kinds):
            f.urls[kind].add(url)
        f.urls["copy"].update(copies)
        if r["kind"] == "level":
            f.levels += 1
            f.levels_with_descriptors += int(r["descriptors"]) > 0
            f.levels_with_types += int(r["types"]) > 0
        elif r["kind"] == "decision":
            f.decisions += 1
            f.decisions_with_official_source += "official" in kinds
            status = r.get("status", "").rsplit("/", 1)[-1] or "none"
            f.decisions_by_status[status] = f.decisions_by_status.get(status, 0) + 1
    for f in rows.values():
        f.urls["official"] -= f.urls["copy"]
    return Coverage(sorted(rows.values(), key=lambda f: f.id))


HEADERS = ["framework", "levels", "with descriptors", "with qualification types", "decisions",
           "decisions with an official source", "official sources", "copies", "secondary sources", "other sources"]


def table_rows(cov: Coverage) -> list[list[object]]:
    """The table's rows, then a totals row (the columns of :data:`HEADERS`)."""
    rows: list[list[object]] = [
        [f.id, f.levels, f.levels_with_descriptors, f.levels_with_types, f.decisions,
         f.decisions_with_official_source, *(f.sources(k) for k in SOURCE_KINDS)]
        for f in cov.frameworks
    ]
    t = cov.totals()
    sources = t["sources"]
    assert isinstance(sources, dict)
    rows.append([f"total ({t['frameworks']} frameworks, {t['frameworks_with_decisions']} with decisions)",
                 t["levels"], t["levels_with_descriptors"], t["levels_with_qualification_types"], t["decisions"],
                 t["decisions_with_official_source"], *(sources[k] for k in SOURCE_KINDS)])
    return rows


def markdown(cov: Coverage) -> str:
    """The coverage table in Markdown, as ``data/README.md`` keeps it."""
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" + "---:|" * (len(HEADERS) - 1)]
    for row in table_rows(cov):
        lines.append("| " + " | ".join(str(c) for c in row) + " |")
    statuses = cov.totals()["decisions_by_status"]
    assert isinstance(statuses, dict)
    lines.append("")
    lines.append("Decisions by status: " + ", ".join(f"{k} {v}" for k, v in statuses.items()) + ".")
    return "\n".join(lines) + "\n"
