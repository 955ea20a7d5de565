"""The recognition templates: organisations, qualifications, competency standards and units, benchmarking
decisions between units, agreements and roadmap progress, as spreadsheet rows (issue 12).

They are read like the framework templates (:mod:`.templates`: CSV or XLSX sheets, the same row-and-column
problems, all or nothing) and may refer to records in the store or in the same load, through the catalogue.
This module holds only what is particular to them: the columns, and how each row becomes RDF.

* ``organisations``: organisation, name, jurisdiction, source [, acronym, roles, homepage, language]
* ``standards``: standard, title, kind, jurisdiction, source [, owner, skills_area, isco, language]
* ``qualifications``: framework, code, title, level, awarding_body, source
  [, isced_f, isco, hours, credits, standard, status, replaced_by, language, url]
* ``units``: standard, unit, title, source [, hours, kind, qualification, language]
* ``agreements``: agreement, kind, title, parties, source [, signed, in_force, place, status, occupations,
  skills_areas, reference_framework, levels, body, register, description]
* ``benchmarking``: standard, unit, compared_standard, compared_unit, outcome, status, decided, source
  [, corridor, decided_by, note]
* ``roadmap``: agreement, step, status, source [, date, note]

Lists inside a cell are separated by ``|``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

import pyoxigraph as ox

from .. import ids
from ..iris import is_iri
from ..vocab import DCTERMS, FOAF, ORG, QG, QGR, QGS, RDF, SKOS, STATUSES, XSD
from .catalogue import Catalogue

COLUMNS: dict[str, tuple[list[str], list[str]]] = {
    "organisations": (["organisation", "name", "jurisdiction", "source"], ["acronym", "roles", "homepage", "language"]),
    "standards": (["standard", "title", "kind", "jurisdiction", "source"], ["owner", "skills_area", "isco", "language"]),
    "qualifications": (
        ["framework", "code", "title", "level", "awarding_body", "source"],
        ["isced_f", "isco", "hours", "credits", "standard", "status", "replaced_by", "language", "url"],
    ),
    "units": (["standard", "unit", "title", "source"], ["hours", "kind", "qualification", "language"]),
    "agreements": (
        ["agreement", "kind", "title", "parties", "source"],
        ["signed", "in_force", "place", "status", "occupations", "skills_areas", "reference_framework", "levels",
         "body", "register", "description"],
    ),
    "benchmarking": (
        ["standard", "unit", "compared_standard", "compared_unit", "outcome", "status", "decided", "source"],
        ["corridor", "decided_by", "note"],
    ),
    "roadmap": (["agreement", "step", "status", "source"], ["date", "note"]),
}
ORDER = ["organisations", "standards", "qualifications", "units", "agreements", "benchmarking", "roadmap"]
"""Dependency order: a row may name what an earlier template defines (a unit its qualifications, a decision
its corridor)."""

ROLES = {
    "awarding body": "awarding-body", "provider": "provider", "qualifications agency": "qualifications-agency",
    "quality-assurance body": "quality-assurance-body", "quality assurance body": "quality-assurance-body",
    "standards body": "standards-body", "regional body": "regional-body", "referencing body": "referencing-body",
}
STANDARD_KINDS = {"national": QG.NationalStandard, "sectoral": QG.SectoralStandard, "regional": QG.RegionalModelStandard}
UNIT_KINDS = ("core", "common", "basic", "elective")
OUTCOMES = {"equivalent": QG["outcome-equivalent"], "partial": QG["outcome-partial"],
            "no-counterpart": QG["outcome-no-counterpart"]}
AGREEMENT_KINDS = {
    "mra": QG.MutualRecognitionArrangement, "mrs-corridor": QG.MRSCorridor, "guiding-principles": QG.GuidingPrinciples,
    "trade-agreement": QG.TradeAgreement, "labour-mobility-scheme": QG.LabourMobilityScheme,
    "framework-arrangement": QG.FrameworkArrangement,
}
ROADMAPS = {"mrs-corridor": "mrs"}
"""The roadmap an agreement of a kind follows: every MRS corridor follows the MRS roadmap."""
PROGRESS = ("done", "in-progress", "planned")
QUALIFICATION_STATUSES = ("current", "superseded")
ISCED_F = "http://data.europa.eu/esco/isced-f/"
ISCO = "http://data.europa.eu/esco/isco/C"
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_ISCED_RE = re.compile(r"^[0-9]{2,4}$")
_ISCO_RE = re.compile(r"^[0-9]{1,4}$")
_NUMBER_RE = re.compile(r"^[0-9]+(\.[0-9]+)?$")


class RowBuilder(Protocol):
    """What a row builder uses of the framework templates' builder (:class:`.templates._Builder`)."""

    sheet: object

    def add(self, s: object, p: object, o: ox.NamedNode | ox.Literal) -> None: ...
    def fail(self, message: str, row: int, column: str | None = None) -> None: ...
    def slug(self, value: str, row: int, column: str) -> str | None: ...
    def sources(self, subject: object, value: str, row: int) -> None: ...
    def language(self, values: dict[str, str], row: int) -> str: ...
    def date(self, value: str, row: int, column: str) -> ox.Literal | None: ...


def _nn(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


_EXAMPLES = {"organisation": "ph-tesda", "standard": "ph-tesda-masonry-nc2", "agreement": "asean-mra-engineering",
             "framework": "ph-pqf"}


def _slug(b: RowBuilder, value: str, row: int, column: str, what: str) -> str | None:
    """An id cell (lower-cased), or None and a problem that names what kind of id it should be."""
    slug = value.strip().lower()
    if ids.SLUG_RE.match(slug):
        return slug
    b.fail(f"{value!r} is not the id of a{'n' if what[0] in 'aeiou' else ''} {what}: short lower-case words joined "
           f"by '-', e.g. {_EXAMPLES[what]!r}", row, column)
    return None


def _rows(b: RowBuilder) -> list[tuple[int, dict[str, str]]]:
    return b.sheet.rows  # type: ignore[attr-defined,no-any-return]


def _known(b: RowBuilder, cat: Catalogue, kind: str, iri: object, row: int, column: str, shown: str,
           hint: str) -> bool:
    """Whether ``iri`` is a record of ``kind`` in the store or this load; if not, the problem is said once."""
    if cat.records.get(str(iri)) == kind:
        return True
    b.fail(f"{shown} is not in the store nor in this load; {hint}", row, column)
    return False


def _organisation(b: RowBuilder, cat: Catalogue, value: str, row: int, column: str) -> ox.NamedNode | None:
    slug = _slug(b, value, row, column, "organisation")
    if slug is None:
        return None
    iri = ids.organisation_iri(slug)
    if not _known(b, cat, "organisation", iri, row, column, f"organisation {slug!r}",
                  "add it to organisations.csv (its id is the organisation column there)"):
        return None
    return _nn(iri)


def _codes(b: RowBuilder, value: str | None, row: int, column: str, pattern: re.Pattern[str], base: str,
           example: str) -> list[ox.NamedNode]:
    found = []
    for code in _split(value):
        if pattern.match(code):
            found.append(_nn(base + code))
        else:
            b.fail(f"{code!r} is not {example}", row, column)
    return found


def _number(b: RowBuilder, value: str | None, row: int, column: str) -> ox.Literal | None:
    if not value:
        return None
    if not _NUMBER_RE.match(value):
        b.fail(f"{value!r} is not a number of hours or credits (e.g. 181 or 7.5)", row, column)
        return None
    return ox.Literal(value, datatype=_nn(XSD.decimal))


def _status(b: RowBuilder, value: str, row: int) -> str | None:
    status = (value or "accepted").lower()
    status = "accepted" if status == "endorsed" else status
    if status not in STATUSES:
        b.fail(f"status {value!r} is not one of {', '.join(STATUSES)}", row, "status")
        return None
    return status


# -- organisations --------------------------------------------------------------------------------------------------
def organisations(b: RowBuilder, cat: Catalogue) -> None:
    for row, v in _rows(b):
        slug = _slug(b, v["organisation"], row, "organisation", "organisation")
        if not v["name"]:
            b.fail("give the organisation's name as it writes it", row, "name")
        if not v["jurisdiction"]:
            b.fail("give where it works: an ISO 3166-1 alpha-2 code (e.g. PH) or a region name (e.g. ASEAN)", row,
                   "jurisdiction")
        roles = []
        for role in _split(v.get("roles")):
            if role.lower() not in ROLES:
                b.fail(f"role {role!r} is not one of {', '.join(sorted(set(ROLES) - {'quality assurance body'}))}",
                       row, "roles")
            else:
                roles.append(ROLES[role.lower()])
        if slug is None:
            continue
        org = ids.organisation_iri(slug)
        cat.records[str(org)] = "organisation"
        if not v["name"] or not v["jurisdiction"]:
            continue
        lang = b.language(v, row)
        b.add(org, RDF.type, _nn(ORG.Organization))
        b.add(org, DCTERMS.identifier, ox.Literal(slug))
        b.add(org, SKOS.prefLabel, ox.Literal(v["name"], language=lang))
        b.add(org, QG.jurisdiction, ox.Literal(v["jurisdiction"]))
        if v.get("acronym"):
            b.add(org, SKOS.altLabel, ox.Literal(v["acronym"], language=lang))
        for role in roles:
            b.add(org, ORG.classification, _nn(QGR[role]))
        if v.get("homepage"):
            if is_iri(v["homepage"], schemes=("http", "https")):
                b.add(org, FOAF.homepage, _nn(v["homepage"]))
            else:
                b.fail(f"{v['homepage']!r} is not a web address (http:// or https://)", row, "homepage")
        b.sources(org, v["source"], row)


# -- competency standards -------------------------------------------------------------------------------------------
def standards(b: RowBuilder, cat: Catalogue) -> None:
    for row, v in _rows(b):
        slug = _slug(b, v["standard"], row, "standard", "standard")
        kind = v["kind"].lower()
        ok = slug is not None
        if kind not in STANDARD_KINDS:
            b.fail(f"kind {v['kind']!r} is not one of national, sectoral, regional", row, "kind")
            ok = False
        if not v["title"]:
            b.fail("give the standard's title, e.g. 'Training Regulations: Masonry NC II'", row, "title")
            ok = False
        if not v["jurisdiction"]:
            b.fail("give the jurisdiction: an ISO 3166-1 alpha-2 code (e.g. PH) or a region name (e.g. ASEAN)", row,
                   "jurisdiction")
            ok = False
        owner = _organisation(b, cat, v["owner"], row, "owner") if v.get("owner") else None
        occupations = _codes(b, v.get("isco"), row, "isco", _ISCO_RE, ISCO, "an ISCO-08 code (1 to 4 digits, e.g. 7112)")
        if slug is not None:
            cat.records[str(ids.standard_iri(slug))] = "standard"
        if not ok:
            continue
        std = ids.standard_iri(slug)  # type: ignore[arg-type]
        lang = b.language(v, row)
        b.add(std, RDF.type, _nn(QG.CompetencyStandard))
        b.add(std, RDF.type, _nn(STANDARD_KINDS[kind]))
        b.add(std, DCTERMS.identifier, ox.Literal(slug))
        b.add(std, DCTERMS.title, ox.Literal(v["title"], language=lang))
        b.add(std, QG.jurisdiction, ox.Literal(v["jurisdiction"]))
        if owner is not None:
            b.add(std, DCTERMS.publisher, owner)
        for area in _split(v.get("skills_area")):
            b.add(std, QG.skillsArea, ox.Literal(area, language=lang))
        for occupation in occupations:
            b.add(std, QG.occupation, occupation)
        b.sources(std, v["source"], row)


# -- qualifications -------------------------------------------------------------------------------------------------
def qualifications(b: RowBuilder, cat: Catalogue) -> None:
    replacements: list[tuple[int, object, str, str]] = []
    for row, v in _rows(b):
        framework = _slug(b, v["framework"], row, "framework", "framework")
        ok = framework is not None
        if framework is not None and framework not in cat.frameworks:
            b.fail(f"framework {framework!r} is not in the store nor in this load{cat.suggest_framework(framework)}",
                   row, "framework")
            ok = False
        code = _code(b, v["code"], row, "code", "qualification code")
        if not v["title"]:
            b.fail("give the qualification's title, e.g. 'Masonry NC II'", row, "title")
            ok = False
        if ok and not cat.has_level(framework, v["level"]):  # type: ignore[arg-type]
            b.fail(f"{framework} has no level {v['level']!r}{cat.suggest_level(framework, v['level'])}; a "  # type: ignore[arg-type]
                   "qualification's level is a level of the framework it names", row, "level")
            ok = False
        awarded = _organisation(b, cat, v["awarding_body"], row, "awarding_body") if v["awarding_body"] else None
        if not v["awarding_body"]:
            b.fail("give the awarding body's organisation id (from organisations.csv), e.g. ph-tesda", row,
                   "awarding_body")
        fields = _codes(b, v.get("isced_f"), row, "isced_f", _ISCED_RE, ISCED_F,
                        "an ISCED-F 2013 code (2 to 4 digits, e.g. 0732)")
        occupations = _codes(b, v.get("isco"), row, "isco", _ISCO_RE, ISCO, "an ISCO-08 code (1 to 4 digits, e.g. 7112)")
        hours = _number(b, v.get("hours"), row, "hours")
        credits = _number(b, v.get("credits"), row, "credits")
        standard = None
        if v.get("standard"):
            slug = _slug(b, v["standard"], row, "standard", "standard")
            if slug is not None and _known(b, cat, "standard", ids.standard_iri(slug), row, "standard",
                                           f"standard {slug!r}", "add it to standards.csv"):
                standard = _nn(ids.standard_iri(slug))
        status = (v.get("status") or "current").lower()
        if status not in QUALIFICATION_STATUSES:
            b.fail(f"status {v['status']!r} is not current or superseded", row, "status")
        if v.get("replaced_by") and status != "superseded":
            b.fail("a qualification replaced by another is superseded: write superseded in the status column", row,
                   "status")
        if framework is None or code is None:
            continue
        qual = ids.qualification_iri(framework, code)
        cat.records[str(qual)] = "qualification"
        if not ok or awarded is None:
            continue
        lang = b.language(v, row)
        b.add(qual, RDF.type, _nn(QG.Qualification))
        b.add(qual, DCTERMS.identifier, ox.Literal(code))
        b.add(qual, DCTERMS.title, ox.Literal(v["title"], language=lang))
        b.add(qual, QG.atLevel, _nn(ids.level_iri(framework, v["level"])))
        b.add(qual, QG.awardedBy, awarded)
        for node in fields:
            b.add(qual, QG.fieldOfEducation, node)
        for node in occupations:
            b.add(qual, QG.occupation, node)
        if hours is not None:
            b.add(qual, QG.notionalLearningHours, hours)
        if credits is not None:
            b.add(qual, QG.credits, credits)
        if standard is not None:
            b.add(qual, QG.basedOnStandard, standard)
        if status == "superseded":
            b.add(qual, QG.status, _nn(QGS.superseded))
        if v.get("url"):
            if is_iri(v["url"], schemes=("http", "https")):
                b.add(qual, FOAF.page, _nn(v["url"]))
            else:
                b.fail(f"{v['url']!r} is not a web address (http:// or https://)", row, "url")
        if v.get("replaced_by"):
            replacements.append((row, qual, framework, v["replaced_by"]))
        b.sources(qual, v["source"], row)
    for row, qual, framework, text in replacements:  # after every row, so a row may name a later one
        ref = _qualification_ref(b, cat, text if ":" in text else f"{framework}:{text}", row, "replaced_by")
        if ref is not None:
            b.add(qual, DCTERMS.isReplacedBy, ref)


def _code(b: RowBuilder, value: str, row: int, column: str, what: str) -> str | None:
    try:
        return ids.check_code(value, what)
    except ids.InvalidId as e:
        b.fail(str(e), row, column)
        return None


def _qualification_ref(b: RowBuilder, cat: Catalogue, text: str, row: int, column: str) -> ox.NamedNode | None:
    try:
        qid = ids.RecordId.parse(text, "qualification")
    except ids.InvalidId as e:
        b.fail(str(e), row, column)
        return None
    iri = qid.qualification_iri
    if not _known(b, cat, "qualification", iri, row, column, f"qualification {qid}", "add it to qualifications.csv"):
        return None
    return _nn(iri)


# -- units of competency --------------------------------------------------------------------------------------------
def units(b: RowBuilder, cat: Catalogue) -> None:
    for row, v in _rows(b):
        slug = _slug(b, v["standard"], row, "standard", "standard")
        ok = slug is not None and _known(b, cat, "standard", ids.standard_iri(slug), row, "standard",
                                         f"standard {slug!r}", "add it to standards.csv first")
        code = _code(b, v["unit"], row, "unit", "unit code")
        if not v["title"]:
            b.fail("give the unit's title, e.g. 'Lay concrete hollow block for structure'", row, "title")
            ok = False
        kind = (v.get("kind") or "").lower()
        if kind and kind not in UNIT_KINDS:
            b.fail(f"kind {v['kind']!r} is not one of {', '.join(UNIT_KINDS)}", row, "kind")
        hours = _number(b, v.get("hours"), row, "hours")
        quals = [q for q in (_qualification_ref(b, cat, t, row, "qualification") for t in _split(v.get("qualification")))
                 if q is not None]
        if slug is None or code is None:
            continue
        unit = ids.standard_unit_iri(slug, code)
        cat.records[str(unit)] = "unit"
        if not ok:
            continue
        lang = b.language(v, row)
        std = ids.standard_iri(slug)
        b.add(unit, RDF.type, _nn(QG.UnitOfCompetency))
        b.add(unit, DCTERMS.identifier, ox.Literal(code))
        b.add(unit, DCTERMS.title, ox.Literal(v["title"], language=lang))
        b.add(unit, DCTERMS.isPartOf, _nn(std))
        b.add(std, QG.hasUnit, _nn(unit))
        if kind in UNIT_KINDS:
            b.add(unit, QG.unitKind, ox.Literal(kind))
        if hours is not None:
            b.add(unit, QG.notionalLearningHours, hours)
        for qual in quals:
            b.add(qual.value, QG.hasUnit, _nn(unit))
        b.sources(unit, v["source"], row)


# -- agreements -----------------------------------------------------------------------------------------------------
def agreements(b: RowBuilder, cat: Catalogue) -> None:
    for row, v in _rows(b):
        slug = _slug(b, v["agreement"], row, "agreement", "agreement")
        kind = v["kind"].lower()
        ok = slug is not None
        if kind not in AGREEMENT_KINDS:
            b.fail(f"kind {v['kind']!r} is not one of {', '.join(AGREEMENT_KINDS)}", row, "kind")
            ok = False
        if not v["title"]:
            b.fail("give the agreement's title as its text names it", row, "title")
            ok = False
        countries: list[str] = []
        bodies: list[ox.NamedNode] = []
        for party in _split(v["parties"]):
            if _COUNTRY_RE.match(party):
                countries.append(party)
            else:
                body = _organisation(b, cat, party, row, "parties")
                if body is not None:
                    bodies.append(body)
        if not _split(v["parties"]):
            b.fail("give the parties: ISO 3166-1 alpha-2 codes (e.g. PH|TH) or the id of a regional body", row,
                   "parties")
            ok = False
        status = _status(b, v.get("status", ""), row)
        dates = {col: b.date(v[col], row, col) if v.get(col) else None for col in ("signed", "in_force")}
        occupations = _codes(b, v.get("occupations"), row, "occupations", _ISCO_RE, ISCO,
                             "an ISCO-08 code (1 to 4 digits, e.g. 8344)")
        body = _organisation(b, cat, v["body"], row, "body") if v.get("body") else None
        reference = None
        levels: list[ox.NamedNode] = []
        if v.get("reference_framework"):
            reference = _slug(b, v["reference_framework"], row, "reference_framework", "framework")
            if reference is not None and reference not in cat.frameworks:
                b.fail(f"framework {reference!r} is not in the store nor in this load"
                       f"{cat.suggest_framework(reference)}", row, "reference_framework")
                reference = None
        for notation in _split(v.get("levels")):
            if reference is None:
                b.fail("levels are levels of the reference framework: fill in reference_framework", row, "levels")
                break
            if not cat.has_level(reference, notation):
                b.fail(f"{reference} has no level {notation!r}{cat.suggest_level(reference, notation)}", row, "levels")
            else:
                levels.append(_nn(ids.level_iri(reference, notation)))
        if slug is None:
            continue
        agreement = ids.agreement_iri(slug)
        cat.records[str(agreement)] = "agreement"
        if kind in ROADMAPS:
            cat.roadmaps[str(agreement)] = str(ids.roadmap_iri(ROADMAPS[kind]))
        if not ok or status is None:
            continue
        lang = b.language(v, row) if "language" in v else "en"
        b.add(agreement, RDF.type, _nn(AGREEMENT_KINDS[kind]))
        b.add(agreement, DCTERMS.identifier, ox.Literal(slug))
        b.add(agreement, DCTERMS.title, ox.Literal(v["title"], language=lang))
        b.add(agreement, QG.status, _nn(QGS[status]))
        for code in countries:
            b.add(agreement, QG.partyCountry, ox.Literal(code))
        for node in bodies:
            b.add(agreement, QG.partyBody, node)
        if dates["signed"] is not None:
            b.add(agreement, QG.signed, dates["signed"])
        if dates["in_force"] is not None:
            b.add(agreement, QG.inForce, dates["in_force"])
        if v.get("place"):
            b.add(agreement, QG.signedAt, ox.Literal(v["place"], language=lang))
        for node in occupations:
            b.add(agreement, QG.occupation, node)
        for area in _split(v.get("skills_areas")):
            b.add(agreement, QG.skillsArea, ox.Literal(area, language=lang))
        if reference is not None:
            b.add(agreement, QG.referenceFramework, _nn(ids.framework_iri(reference)))
        for node in levels:
            b.add(agreement, QG.targetsLevel, node)
        if body is not None:
            b.add(agreement, QG.coordinatingBody, body)
        if v.get("register"):
            b.add(agreement, QG.register, ox.Literal(v["register"], language=lang))
        if v.get("description"):
            b.add(agreement, DCTERMS.description, ox.Literal(v["description"], language=lang))
        if kind in ROADMAPS:
            b.add(agreement, QG.hasRoadmap, _nn(ids.roadmap_iri(ROADMAPS[kind])))
        b.sources(agreement, v["source"], row)


# -- benchmarking decisions -----------------------------------------------------------------------------------------
def benchmarking(b: RowBuilder, cat: Catalogue) -> None:
    for row, v in _rows(b):
        standard = _slug(b, v["standard"], row, "standard", "standard")
        compared = _slug(b, v["compared_standard"], row, "compared_standard", "standard")
        ok = standard is not None and compared is not None
        for slug, col in ((standard, "standard"), (compared, "compared_standard")):
            if slug is not None and not _known(b, cat, "standard", ids.standard_iri(slug), row, col,
                                               f"standard {slug!r}", "add it to standards.csv"):
                ok = False
        if ok and standard == compared:
            b.fail(f"a unit is benchmarked against another standard, not against its own ({standard})", row,
                   "compared_standard")
            ok = False
        outcome = v["outcome"].lower()
        if outcome not in OUTCOMES:
            b.fail(f"outcome {v['outcome']!r} is not one of {', '.join(OUTCOMES)}", row, "outcome")
            ok = False
        code = _code(b, v["unit"], row, "unit", "unit code")
        compared_code = None
        if outcome == "no-counterpart" and v["compared_unit"]:
            b.fail("an outcome of no-counterpart names no compared unit: leave compared_unit empty", row,
                   "compared_unit")
            ok = False
        elif outcome in ("equivalent", "partial"):
            if not v["compared_unit"]:
                b.fail(f"an outcome of {outcome} names the unit of {compared or 'the compared standard'} it matches",
                       row, "compared_unit")
                ok = False
            else:
                compared_code = _code(b, v["compared_unit"], row, "compared_unit", "unit code")
                ok = ok and compared_code is not None
        if ok and code is not None and not _known(
                b, cat, "unit", ids.standard_unit_iri(standard, code), row, "unit",  # type: ignore[arg-type]
                f"unit {standard}:{code}", "add it to units.csv"):
            ok = False
        if ok and compared_code is not None and not _known(
                b, cat, "unit", ids.standard_unit_iri(compared, compared_code), row, "compared_unit",  # type: ignore[arg-type]
                f"unit {compared}:{compared_code}", "add it to units.csv"):
            ok = False
        status = _status(b, v["status"], row)
        decided = b.date(v["decided"], row, "decided") if v["decided"] else None
        corridor = None
        if v.get("corridor"):
            slug = _slug(b, v["corridor"], row, "corridor", "agreement")
            if slug is not None and _known(b, cat, "agreement", ids.agreement_iri(slug), row, "corridor",
                                           f"agreement {slug!r}", "add it to agreements.csv"):
                corridor = _nn(ids.agreement_iri(slug))
        decided_by = _organisation(b, cat, v["decided_by"], row, "decided_by") if v.get("decided_by") else None
        if not ok or code is None or status is None or (v["decided"] and decided is None):
            continue
        unit = ids.standard_unit_iri(standard, code)  # type: ignore[arg-type]
        if status == "accepted":  # one accepted decision per unit and standard, across every file of the load
            key = (str(unit), compared)  # type: ignore[arg-type]
            here = b.sheet.problem("", row).place()  # type: ignore[attr-defined]
            if key in cat.benchmarked:
                b.fail(f"unit {standard}:{code} already has an accepted decision against {compared} "
                       f"({cat.benchmarked[key]}); a unit is benchmarked once against a standard (mark the older "
                       "one superseded)", row, "status")
                continue
            cat.benchmarked[key] = here
        decision = ids.benchmarking_iri(standard, code, compared, compared_code, v["decided"] or None)  # type: ignore[arg-type]
        b.add(decision, RDF.type, _nn(QG.BenchmarkingDecision))
        b.add(decision, QG.sourceUnit, _nn(unit))
        b.add(decision, QG.targetStandard, _nn(ids.standard_iri(compared)))  # type: ignore[arg-type]
        if compared_code is not None:
            b.add(decision, QG.targetUnit, _nn(ids.standard_unit_iri(compared, compared_code)))  # type: ignore[arg-type]
        b.add(decision, QG.outcome, _nn(OUTCOMES[outcome]))
        b.add(decision, QG.status, _nn(QGS[status]))
        if decided is not None:
            b.add(decision, DCTERMS.date, decided)
        if corridor is not None:
            b.add(decision, QG.corridor, corridor)
        if decided_by is not None:
            b.add(decision, QG.decidedBy, decided_by)
        if v.get("note"):
            b.add(decision, SKOS.note, ox.Literal(v["note"], language="en"))
        b.sources(decision, v["source"], row)


# -- roadmap progress -----------------------------------------------------------------------------------------------
def roadmap(b: RowBuilder, cat: Catalogue) -> None:
    for row, v in _rows(b):
        slug = _slug(b, v["agreement"], row, "agreement", "agreement")
        ok = slug is not None and _known(b, cat, "agreement", ids.agreement_iri(slug), row, "agreement",
                                         f"agreement {slug!r}", "add it to agreements.csv")
        road = cat.roadmaps.get(str(ids.agreement_iri(slug))) if ok else None  # type: ignore[arg-type]
        if ok and road is None:
            b.fail(f"agreement {slug!r} follows no roadmap (only MRS corridors follow the MRS roadmap)", row,
                   "agreement")
            ok = False
        step = v["step"]
        if road is not None:
            step_iri = f"{road}/step/{step}"
            if not step or cat.records.get(step_iri) != "step":
                known = sorted((s.rsplit("/", 1)[1] for s, k in cat.records.items()
                                if k == "step" and s.startswith(road + "/step/")), key=ids.natural_key)
                b.fail(f"{step!r} is not a step of the roadmap {road.rsplit('/', 1)[1]}"
                       f"{'; its steps are ' + ', '.join(known) if known else ' (load the roadmap first)'}", row, "step")
                ok = False
        status = v["status"].lower()
        if status not in PROGRESS:
            b.fail(f"status {v['status']!r} is not one of {', '.join(PROGRESS)}", row, "status")
            ok = False
        when = b.date(v["date"], row, "date") if v.get("date") else None
        if not ok or (v.get("date") and when is None):
            continue
        progress = ids.progress_iri(slug, step)  # type: ignore[arg-type]
        b.add(progress, RDF.type, _nn(QG.RoadmapProgress))
        b.add(progress, QG.progressOf, _nn(ids.agreement_iri(slug)))  # type: ignore[arg-type]
        b.add(progress, QG.roadmapStep, _nn(f"{road}/step/{step}"))
        b.add(progress, QG.progressStatus, ox.Literal(status))
        if when is not None:
            b.add(progress, DCTERMS.date, when)
        if v.get("note"):
            b.add(progress, SKOS.note, ox.Literal(v["note"], language="en"))
        b.sources(progress, v["source"], row)


BUILDERS: dict[str, Callable[[RowBuilder, Catalogue], None]] = {
    "organisations": organisations, "standards": standards, "qualifications": qualifications, "units": units,
    "agreements": agreements, "benchmarking": benchmarking, "roadmap": roadmap,
}
