"""Spreadsheet templates (CSV, or XLSX with one sheet per template) turned into RDF.

Agencies keep their framework in spreadsheets; these templates let them submit it without writing RDF.
The framework templates, recognised by file (or sheet) name:

* ``frameworks``: framework, title, kind, jurisdiction, source [, acronym, language, publisher, description] — a
  framework named in several languages has a row per language, which agree on its kind, jurisdiction and publisher
* ``domains``: framework, domain, label, source [, language] — the descriptor domains the ``descriptor:<domain>``
  columns of ``levels`` name: a domain is declared once, with its name and the document that names it, before
  any level is described in it (a row per language, as for levels)
* ``levels``: framework, level, rank, label, source [, language, descriptor:<domain> ...]
* ``qualification-types``: framework, level, type, source [, language] — the typical qualification types a framework
  places at a level (Irish NFQ 8: Honours Bachelor Degree, Higher Diploma), a row per type and language, each citing
  the page that places it there
* ``referencing``: framework, level, reference_framework, reference_level, status, decided, source
  [, note, decided_by, kind]

``source`` holds one or more http(s) URLs separated by ``|`` or spaces. Every problem is reported with
its file, row and column; nothing is produced from a file that has any problem.

The recognition templates (organisations, standards, qualifications, units, agreements, benchmarking,
roadmap) are read the same way; their columns and rows are in :mod:`.recognition_templates`.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from .. import ids
from ..iris import is_iri
from ..vocab import DCTERMS, ORG, QG, QGR, QGS, RDF, SKOS, STATUSES, XSD
from . import recognition_templates as recognition
from .catalogue import Catalogue
from .errors import Problem
from .sources import Source

TEMPLATE_COLUMNS: dict[str, tuple[list[str], list[str]]] = {
    # template: (required columns, optional columns)
    "frameworks": (["framework", "title", "kind", "jurisdiction", "source"], ["acronym", "language", "publisher", "description"]),
    "domains": (["framework", "domain", "label", "source"], ["language"]),
    "levels": (["framework", "level", "rank", "label", "source"], ["language"]),
    "qualification-types": (["framework", "level", "type", "source"], ["language"]),
    "referencing": (
        ["framework", "level", "reference_framework", "reference_level", "status", "decided", "source"],
        ["note", "decided_by", "kind"],
    ),
}
TEMPLATE_COLUMNS.update(recognition.COLUMNS)
ORDER = ["frameworks", "domains", "levels", "qualification-types", "referencing", *recognition.ORDER]
KINDS = {"national": QG.NationalFramework, "reference": QG.ReferenceFramework, "sectoral": QG.SectoralFramework}
# What a framework's row says about the framework itself, not about its name: a framework given on a row per language
# has one kind, one jurisdiction and one publisher, whatever the language (only title, acronym and description are
# given per language), so its rows must agree on them.
FRAMEWORK_COLUMNS_ONE_PER_FRAMEWORK = ("kind", "jurisdiction", "publisher")
_DATE_RES = [
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
]
_LANG_RE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")


def template_kind(name: str) -> str | None:
    """The template ('frameworks', 'levels', 'units' ...) of a file stem or sheet name such as 'dqr-levels'.

    Underscores and spaces read as hyphens, so 'qualification_types' and a sheet 'Qualification types' are the
    qualification-types template, as 'dqr_levels' is levels."""
    stem = re.sub(r"[_\s]+", "-", name.strip().lower())
    for kind in ORDER:
        if stem == kind or stem.endswith("-" + kind):
            return kind
    return None


@dataclass
class Sheet:
    """One template table read from a CSV file or an XLSX sheet."""

    source: Source
    kind: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number as the spreadsheet shows it, values by column)
    sheet: str | None = None
    warnings: list[Problem] = field(default_factory=list)
    """Columns the template does not know: their cells are not loaded, so the officer is told, not left guessing."""

    def problem(self, message: str, row: int | None = None, column: str | None = None) -> Problem:
        col: str | None = column
        if column and self.sheet is not None and column in self.header:
            col = f"{_excel_column(self.header.index(column))} ({column})"
        return Problem(self.source.display, message, row=row, column=col, sheet=self.sheet)


def _excel_column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def read_sheets(source: Source) -> tuple[list[Sheet], list[Problem]]:
    """The template tables of one file, or the problems that stop them being read."""
    if source.suffix == ".csv":
        kind = template_kind(source.path.stem)
        if kind is None:
            return [], [Problem(source.display, "a CSV template is named after its template: "
                                                f"{', '.join(kind + '.csv' for kind in ORDER)} "
                                                "(a prefix such as 'dqr-levels.csv' is fine)")]
        try:
            text = source.path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as e:
            return [], [Problem(source.display, f"not UTF-8 text (byte {e.start}); save the sheet as 'CSV UTF-8'")]
        # newline="" as the csv module asks: a quoted cell may hold line breaks (a descriptor of two statements)
        table = list(csv.reader(io.StringIO(text, newline="")))
        return _sheet_from_table(source, kind, table, None)
    return _read_xlsx(source)


def _sheet_from_table(source: Source, kind: str, table: list[list[str]], sheet_name: str | None) -> tuple[list[Sheet], list[Problem]]:
    if not table or not any(c.strip() for c in table[0]):
        return [], [Problem(source.display, "the first row must name the columns", row=1, sheet=sheet_name)]
    header = [c.strip().lower() for c in table[0]]
    required, optional = TEMPLATE_COLUMNS[kind]
    missing = [c for c in required if c not in header]
    if missing:
        return [], [Problem(source.display, f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
                            f"a {kind} template has the columns {', '.join(required)}", row=1, sheet=sheet_name)]
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        values = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header) if h}
        rows.append((number, values))
    if not rows:
        # A template with no data would be a submission of nothing (or, loaded, empty its graph): an officer
        # who sent it most likely saved the wrong sheet, so it is refused rather than taken as "0 triples".
        what = f"sheet {sheet_name!r} of {source.display}" if sheet_name else source.display
        return [], [Problem(source.display, f"{what} has a header row and no data rows; fill in at least one row "
                                            "(or leave the file out)", sheet=sheet_name)]
    sheet = Sheet(source, kind, header, rows, sheet_name)
    sheet.warnings = [
        sheet.problem(f"the {kind} template has no column {column!r}: its cells are not loaded "
                      f"(known columns: {', '.join(known_columns(kind))})", row=1, column=column)
        for column in unknown_columns(kind, header)
    ]
    return [sheet], []


def known_columns(kind: str) -> list[str]:
    """The columns a template reads, required first (levels also take ``descriptor:<domain>`` columns)."""
    required, optional = TEMPLATE_COLUMNS[kind]
    return required + optional + (["descriptor:<domain>"] if kind == "levels" else [])


def unknown_columns(kind: str, header: list[str]) -> list[str]:
    """Named columns of a header that the template does not read."""
    required, optional = TEMPLATE_COLUMNS[kind]
    known = set(required) | set(optional)
    return [h for h in header if h and h not in known and not (kind == "levels" and h.startswith("descriptor:"))]


def _read_xlsx(source: Source) -> tuple[list[Sheet], list[Problem]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(source.path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises several unrelated types for a damaged file
        return [], [Problem(source.display, f"cannot read this workbook: {e}")]
    sheets: list[Sheet] = []
    problems: list[Problem] = []
    for ws in book.worksheets:
        kind = template_kind(ws.title)
        if kind is None:
            continue
        table = [["" if v is None else _cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        s, p = _sheet_from_table(source, kind, table, ws.title)
        sheets += s
        problems += p
    if not sheets and not problems:
        problems.append(Problem(source.display, f"no sheet named after a template ({', '.join(ORDER)})"))
    return sheets, problems


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]  # a date cell
    return str(value)


def _nn(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


class _Builder:
    """Collects quads of one graph and the problems found while building them."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.graph = _nn(sheet.source.graph)
        self.quads: list[ox.Quad] = []
        self.problems: list[Problem] = []

    def add(self, s: object, p: object, o: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(_nn(s), _nn(p), o, self.graph))

    def fail(self, message: str, row: int, column: str | None = None) -> None:
        self.problems.append(self.sheet.problem(message, row, column))

    def slug(self, value: str, row: int, column: str) -> str | None:
        try:
            return ids.check_slug(value)
        except ids.InvalidId as e:
            self.fail(str(e), row, column)
            return None

    def known_framework(self, v: dict[str, str], row: int, cat: Catalogue) -> str | None:
        """The row's framework, if it is in the store or in this load; else the problem at its cell, and None."""
        slug = self.slug(v["framework"].lower(), row, "framework")
        if slug is not None and slug not in cat.frameworks:
            self.fail(f"framework {slug!r} is not in the store nor in this load{cat.suggest_framework(slug)}; "
                      "add it to frameworks.csv first", row, "framework")
            return None
        return slug

    def sources(self, subject: object, value: str, row: int) -> None:
        """``dcterms:source`` of each URL in the cell, on ``subject`` (or on each of a list of subjects)."""
        subjects = subject if isinstance(subject, list) else [subject]
        urls = [u for u in re.split(r"[|\s]+", value) if u]
        if not urls:
            self.fail("give the URL of the document this comes from", row, "source")
        for url in urls:
            if not is_iri(url, schemes=("http", "https")):
                self.fail(f"{url!r} is not a web address (http:// or https://)", row, "source")
            else:
                for one in subjects:
                    self.add(one, DCTERMS.source, ox.NamedNode(url))

    def date(self, value: str, row: int, column: str) -> ox.Literal | None:
        """A date cell as a typed literal (YYYY-MM-DD, YYYY-MM or YYYY), or None and a problem at its cell."""
        return _date(self, value, row, column)

    def language(self, values: dict[str, str], row: int) -> str:
        lang = values.get("language") or "en"
        if not _LANG_RE.match(lang):
            self.fail(f"{lang!r} is not a language tag (e.g. en, fr, ms, fil)", row, "language")
            return "en"
        return lang


def build_quads(sheet: Sheet, catalogue: Catalogue) -> tuple[list[ox.Quad], list[Problem]]:
    """RDF for one template table; the catalogue learns what it defines so later tables may refer to it."""
    b = _Builder(sheet)
    builders = {"frameworks": _frameworks, "domains": _domains, "levels": _levels,
                "qualification-types": _qualification_types, "referencing": _referencing, **recognition.BUILDERS}
    builders[sheet.kind](b, catalogue)
    return b.quads, b.problems


def _frameworks(b: _Builder, cat: Catalogue) -> None:
    first_said: dict[tuple[str, str], tuple[int, str]] = {}  # (framework, column) -> the first row giving it, its value
    for row, v in b.sheet.rows:
        slug = b.slug(v["framework"].lower(), row, "framework")
        kind = v["kind"].lower()
        if kind not in KINDS:
            b.fail(f"kind {v['kind']!r} is not one of national, reference, sectoral", row, "kind")
        if not v["title"]:
            b.fail("give the framework's title", row, "title")
        if not v["jurisdiction"]:
            b.fail("give the jurisdiction: an ISO 3166-1 alpha-2 code (e.g. PH) or a region name (e.g. ASEAN)", row, "jurisdiction")
        if slug is None or kind not in KINDS:
            if slug is not None:  # known by its id, so rows referring to it do not repeat this row's problem
                cat.add_framework(slug, kind == "reference")
            continue
        _rows_of_a_framework_agree(b, first_said, slug, v | {"kind": kind}, row)
        fw = ids.framework_iri(slug)
        lang = b.language(v, row)
        for t in (QG.QualificationsFramework, KINDS[kind], SKOS.ConceptScheme):
            b.add(fw, RDF.type, _nn(t))
        b.add(fw, DCTERMS.identifier, ox.Literal(slug))
        b.add(fw, SKOS.prefLabel, ox.Literal(v["title"], language=lang))
        b.add(fw, QG.jurisdiction, ox.Literal(v["jurisdiction"]))
        if v.get("acronym"):
            b.add(fw, SKOS.altLabel, ox.Literal(v["acronym"], language=lang))
        if v.get("description"):
            b.add(fw, DCTERMS.description, ox.Literal(v["description"], language=lang))
        if v.get("publisher"):
            org = ids.organisation_iri(ids.slugify(v["publisher"]))
            b.add(fw, DCTERMS.publisher, _nn(org))
            b.add(org, RDF.type, _nn(ORG.Organization))
            b.add(org, SKOS.prefLabel, ox.Literal(v["publisher"], language=lang))
            b.add(org, ORG.classification, _nn(QGR["qualifications-agency"]))
        b.sources(fw, v["source"], row)
        cat.add_framework(slug, kind == "reference")


def _rows_of_a_framework_agree(b: _Builder, first_said: dict[tuple[str, str], tuple[int, str]], slug: str,
                               values: dict[str, str], row: int) -> None:
    """Refuse a row that gives its framework another kind, jurisdiction or publisher than an earlier row of it did.

    Loaded as they stand, the two rows would make one framework both national and sectoral, or in two jurisdictions:
    the officer is told which row said what, rather than left to find a framework with two answers. A cell left empty
    says nothing, so it disagrees with no one."""
    for column in FRAMEWORK_COLUMNS_ONE_PER_FRAMEWORK:
        value = values.get(column, "")
        if not value:
            continue
        first_row, first_value = first_said.setdefault((slug, column), (row, value))
        if first_value != value:
            b.fail(f"framework {slug} has {column} {first_value!r} on row {first_row} and {value!r} on this row; a "
                   f"framework has one {column} in every language, so write the same {column} on each of its rows",
                   row, column)


def _domains(b: _Builder, cat: Catalogue) -> None:
    """The descriptor domains of a framework, as the Turtle data declares them: a ``qg:DescriptorDomain`` with its
    name in each language and its source, listed by the framework (``qg:hasDescriptorDomain``). A descriptor then
    says which part of a level it describes in words an officer can read and cite, not only by a slug."""
    where = b.sheet.source.display + (f", sheet {b.sheet.sheet!r}" if b.sheet.sheet else "")
    for row, v in b.sheet.rows:
        slug = b.known_framework(v, row, cat)
        domain = ids.slugify(v["domain"])
        if not domain:
            b.fail("give the domain as the levels template's descriptor columns name it: "
                   "'wissen' for a column descriptor:wissen", row, "domain")
        if not v["label"]:
            b.fail("give the domain's name as the framework writes it (e.g. 'Knowledge', 'Wissen')", row, "label")
        lang = b.language(v, row)
        if not slug or not domain:
            continue
        dom = ids.domain_iri(slug, domain)
        cat.add_domain(slug, domain)  # declared even when this row has a problem: its descriptors need not repeat it
        if not v["label"]:
            continue
        first = cat.domain_labels.setdefault((str(dom), lang), (where, row))
        if first != (where, row):
            at = f"row {first[1]}" if first[0] == where else f"{first[0]}, row {first[1]}"
            b.fail(f"domain {domain} of {slug} is already named in {lang!r} in {at}; a domain has one name per "
                   "language (merge the rows, or give the other name its own language)", row, "label")
            continue
        fw = ids.framework_iri(slug)
        b.add(dom, RDF.type, _nn(QG.DescriptorDomain))
        b.add(dom, SKOS.prefLabel, ox.Literal(v["label"], language=lang))
        b.add(fw, QG.hasDescriptorDomain, _nn(dom))
        b.sources(dom, v["source"], row)


def _levels(b: _Builder, cat: Catalogue) -> None:
    ranks: dict[tuple[str, int], tuple[int, str]] = {}  # (framework, rank) -> the first row with it, its level
    level_ranks: dict[tuple[str, str], tuple[int, int]] = {}  # (framework, level) -> the first row of it, its rank
    undeclared: set[tuple[str, str]] = set()  # (framework, domain) already reported in this sheet
    for row, v in b.sheet.rows:
        slug = b.known_framework(v, row, cat)
        notation = v["level"]
        if not notation:
            b.fail("give the level as the framework writes it (e.g. 5, E3, 7.1)", row, "level")
        try:
            rank = int(v["rank"])
        except ValueError:
            b.fail(f"rank {v['rank']!r} must be a whole number that grows with the level", row, "rank")
            rank = None
        if slug and rank is not None:  # a level may come on several rows (a language each), with one rank
            first_row, first_level = ranks.setdefault((slug, rank), (row, notation))
            if first_level != notation:
                b.fail(f"rank {rank} is already used by row {first_row} of {slug} (level {first_level}); ranks are "
                       "unique in a framework", row, "rank")
            ranked_row, ranked = level_ranks.setdefault((slug, notation), (row, rank))
            if ranked != rank:
                b.fail(f"level {notation} of {slug} has rank {ranked} on row {ranked_row}; a level has one rank",
                       row, "rank")
        if not v["label"]:
            b.fail("give the level's label (e.g. 'Level 5' or its name in the framework)", row, "label")
        if not slug or not notation or rank is None:
            if slug and notation:  # known by its id, so rows referring to it do not repeat this row's problem
                cat.add_level(slug, notation)
            continue
        lvl = ids.level_iri(slug, notation)
        fw = ids.framework_iri(slug)
        lang = b.language(v, row)
        b.add(lvl, RDF.type, _nn(QG.Level))
        b.add(lvl, RDF.type, _nn(SKOS.Concept))
        b.add(lvl, SKOS.inScheme, _nn(fw))
        b.add(lvl, SKOS.topConceptOf, _nn(fw))
        b.add(lvl, SKOS.notation, ox.Literal(notation))
        b.add(lvl, QG.rank, ox.Literal(str(rank), datatype=_nn(XSD.integer)))
        b.add(lvl, SKOS.prefLabel, ox.Literal(v["label"], language=lang))
        described: list[ox.NamedNode] = []
        for col, text in v.items():
            if col.startswith("descriptor:") and text:
                domain = ids.slugify(col.split(":", 1)[1])
                if not domain or not cat.has_domain(slug, domain):
                    # A descriptor in an undeclared domain would point at a domain with no name and no source: the
                    # officer reading it could not say what it describes. Said once per framework and column.
                    if (slug, domain) not in undeclared:
                        undeclared.add((slug, domain))
                        b.fail(_undeclared_domain(cat, slug, col, domain), row, col)
                    continue
                d = ids.descriptor_iri(slug, notation, domain)
                b.add(lvl, QG.hasDescriptor, _nn(d))
                b.add(d, RDF.type, _nn(QG.LevelDescriptor))
                b.add(d, QG.descriptorDomain, _nn(ids.domain_iri(slug, domain)))
                b.add(d, RDF.value, ox.Literal(text, language=lang))
                described.append(d)
        b.sources([lvl, *described], v["source"], row)  # each descriptor cites its text, as in the Turtle data
        cat.add_level(slug, notation)


def _qualification_types(b: _Builder, cat: Catalogue) -> None:
    """The qualification types a framework places at its levels, as the Turtle data writes them: a
    ``qg:QualificationType`` named at its level, in the row's language, citing the row's source, which the level
    lists (``qg:hasQualificationType``). The level must exist, in the store or in this load: a type placed at a level
    the framework does not have would be a claim about nothing."""
    for row, v in b.sheet.rows:
        slug = b.known_framework(v, row, cat)
        notation, name = v["level"], v["type"]
        if not notation:
            b.fail("give the level as the framework writes it (e.g. 5, E3, 7.1)", row, "level")
        if not name:
            b.fail("give the qualification type's name as the framework writes it (e.g. Honours Bachelor Degree)",
                   row, "type")
        if not slug or not notation:
            continue
        if not cat.has_level(slug, notation):
            b.fail(f"{slug} has no level {notation!r}{cat.suggest_level(slug, notation)}", row, "level")
            continue
        lang = b.language(v, row)
        if not name:
            continue
        try:
            q = ids.qualification_type_iri(slug, notation, name)
        except ids.InvalidId as e:
            b.fail(str(e), row, "type")
            continue
        lvl = ids.level_iri(slug, notation)
        b.add(lvl, QG.hasQualificationType, _nn(q))
        b.add(q, RDF.type, _nn(QG.QualificationType))
        b.add(q, RDF.type, _nn(SKOS.Concept))
        b.add(q, SKOS.prefLabel, ox.Literal(name, language=lang))
        b.sources(q, v["source"], row)


def _undeclared_domain(cat: Catalogue, slug: str, column: str, domain: str) -> str:
    """What to do about a descriptor column whose domain the framework does not declare."""
    if not domain:
        return f"column {column!r} names no domain: write descriptor:<domain>, e.g. descriptor:knowledge"
    return (f"{slug} declares no descriptor domain {domain!r}{cat.suggest_domain(slug, domain)}; declare it in "
            f"domains.csv (framework {slug}, domain {domain}, its name as {slug} writes it, and the source that "
            "names it), or load the file that declares it together with this one")


def _date(b: _Builder, value: str, row: int, column: str = "decided") -> ox.Literal | None:
    """The decision date as a typed literal, only when it is a real date: '2019-13-45' has the shape of one
    but no calendar holds it, and must be said in the spreadsheet's words, not as an RDF datatype error."""
    for pattern, datatype in _DATE_RES:
        if pattern.match(value) and _is_calendar_date(value):
            return ox.Literal(value, datatype=_nn(datatype))
    b.fail(f"{value} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY (or leave it empty)", row, column)
    return None


def _is_calendar_date(value: str) -> bool:
    """Whether YYYY-MM-DD, YYYY-MM or YYYY names a day, month or year of the calendar."""
    parts = value.split("-")
    try:
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _referencing(b: _Builder, cat: Catalogue) -> None:
    alignments = cat.alignments
    for row, v in b.sheet.rows:
        slug = b.slug(v["framework"].lower(), row, "framework")
        ref = b.slug(v["reference_framework"].lower(), row, "reference_framework")
        notation, ref_notation = v["level"], v["reference_level"]
        ok = slug is not None and ref is not None
        for s, col in ((slug, "framework"), (ref, "reference_framework")):
            if s is not None and s not in cat.frameworks:
                b.fail(f"framework {s!r} is not in the store nor in this load{cat.suggest_framework(s)}", row, col)
                ok = False
        if ok and not cat.has_level(slug, notation):
            b.fail(f"{slug} has no level {notation!r}{cat.suggest_level(slug, notation)}", row, "level")
            ok = False
        if ok and ref_notation and not cat.has_level(ref, ref_notation):
            b.fail(f"{ref} has no level {ref_notation!r}{cat.suggest_level(ref, ref_notation)}", row, "reference_level")
            ok = False
        status = (v["status"] or "accepted").lower()
        if status == "endorsed":
            status = "accepted"
        if status not in STATUSES:
            b.fail(f"status {v['status']!r} is not one of {', '.join(STATUSES)}", row, "status")
            ok = False
        kind = (v.get("kind") or "referencing").lower()
        if kind not in ("referencing", "comparison"):
            b.fail(f"kind {kind!r} is not 'referencing' or 'comparison'", row, "kind")
            ok = False
        decided = _date(b, v["decided"], row) if v["decided"] else None
        if v["decided"] and decided is None:
            ok = False
        if not ok:
            continue
        c = ids.correspondence_iri(slug, notation, ref, ref_notation or None, v["decided"] or None)
        report = ids.alignment_iri(slug, ref)
        cls = QG.ReferencingDecision if kind == "referencing" else QG.LevelComparison
        b.add(c, RDF.type, _nn(cls))
        b.add(c, QG.sourceLevel, _nn(ids.level_iri(slug, notation)))
        b.add(c, QG.targetFramework, _nn(ids.framework_iri(ref)))
        if ref_notation:
            b.add(c, QG.targetLevel, _nn(ids.level_iri(ref, ref_notation)))
        else:
            b.add(c, QG.noCounterpart, ox.Literal("true", datatype=_nn(XSD.boolean)))
        b.add(c, QG.status, _nn(QGS[status]))
        if decided is not None:
            b.add(c, DCTERMS.date, decided)
        b.add(c, DCTERMS.isPartOf, _nn(report))
        if v.get("note"):
            b.add(c, SKOS.note, ox.Literal(v["note"], language="en"))
        if v.get("decided_by"):
            b.add(c, QG.decidedBy, _nn(ids.organisation_iri(ids.slugify(v["decided_by"]))))
        b.sources(c, v["source"], row)
        if (slug, ref) not in alignments:
            alignments.add((slug, ref))
            rcls = QG.ReferencingReport if kind == "referencing" else QG.ComparisonReport
            b.add(report, RDF.type, _nn(rcls))
            b.add(report, QG.sourceFramework, _nn(ids.framework_iri(slug)))
            b.add(report, QG.targetFramework, _nn(ids.framework_iri(ref)))
            b.add(report, QG.status, _nn(QGS[status]))
            b.sources(report, v["source"], row)


def build_all(sheets: list[Sheet], catalogue: Catalogue) -> tuple[list[tuple[Sheet, list[ox.Quad]]], list[Problem]]:
    """RDF for template tables in dependency order (:data:`ORDER`). Every table is built even
    after one with problems, so one run reports every row's problems; a row with a problem still tells the
    catalogue the framework or level it names, so the rows that refer to it do not repeat its problem."""
    built: list[tuple[Sheet, list[ox.Quad]]] = []
    problems: list[Problem] = []
    for sheet in template_sheets_in_order(sheets):
        quads, found = build_quads(sheet, catalogue)
        problems += found
        built.append((sheet, quads))
    return built, problems


def template_sheets_in_order(sheets: list[Sheet]) -> Iterator[Sheet]:
    """frameworks before domains before levels before referencing (then the recognition templates in :data:`ORDER`),
    whatever order the files came in."""
    yield from sorted(sheets, key=lambda s: ORDER.index(s.kind))
