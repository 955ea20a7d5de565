"""A synthetic qualifications graph for benchmarks, as large as asked and the same for the same seed.

The graph follows docs/model.md so that the real qualgraph code (loading, comparability) runs on it:

* 3 reference frameworks (``ref-a``, ``ref-b``, ``ref-c``) with 8 levels each, compared level by level
  (``ref-a`` — ``ref-b`` — ``ref-c``, ``qg:LevelComparison``), so the "via-reference-comparison" route exists;
* 57 national frameworks (``xx-nqf``, ``xa-nqf`` ..., ``qm-tvqf`` ...; ISO 3166 user-assigned codes, so no
  real country is named) with 8 to 10 levels, each referenced to one or two reference frameworks in a
  ``qg:ReferencingReport`` with one ``qg:ReferencingDecision`` per level: monotone, some N:1 (two national
  levels share a reference level), some "no counterpart", and a few superseded decisions with their
  accepted replacements; a few bilateral ``qg:LevelComparison`` studies between national frameworks;
* qualifications filling the rest of the asked size: title, identifier, level, awarding body, ISCED-F
  field, source and 10 units of competency each (47 triples per qualification).

Every IRI comes from ``qualgraph.ids``. All of it is made up: labels say "Synthetic", statuses are real
statuses only so that the derivation uses them.

    python bench/generate.py --triples 1000000 --out bench/out/synthetic-1m.nt
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

try:
    from qualgraph import ids
except ModuleNotFoundError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from qualgraph import ids

from qualgraph.vocab import DCTERMS, ORG, QG, QGR, QGS, RDF, SKOS, XSD

REFERENCE = ("ref-a", "ref-b", "ref-c")
REFERENCE_LEVELS = 8
# ISO 3166-1 user-assigned codes (never a real country): XA..XZ, then QM..QZ
# (XX first: the benchmark asks about xx-nqf:5)
CODES = ["XX"] + [f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWYZ"] + [f"Q{c}" for c in "MNOPQRSTUVWXYZ"]
FRAMEWORKS = 60
UNITS_PER_QUALIFICATION = 10
TRIPLES_PER_QUALIFICATION = 7 + UNITS_PER_QUALIFICATION * 4  # 7 + 10 qg:hasUnit + 10 units x 3
ISCED_F = ["0011", "0111", "0211", "0311", "0411", "0412", "0521", "0611", "0713", "0714", "0732", "0811",
           "0912", "0913", "1013", "1015", "1041"]
ISCED = "http://data.europa.eu/esco/isced-f/"
SOURCE = "https://example.org/synthetic/"
SUBJECTS = ["Engineering", "Nursing", "Hospitality", "Accounting", "Agriculture", "Logistics", "Software",
            "Construction", "Tourism", "Education", "Electrotechnology", "Automotive", "Health", "Business"]
AWARDS = ["Certificate", "Diploma", "Advanced Diploma", "Bachelor", "Master", "Doctorate"]


@dataclass
class Summary:
    """What was written: sizes, and levels worth asking about (for the benchmark and the smoke test)."""

    path: Path
    triples: int = 0
    frameworks: int = 0
    decisions: int = 0
    qualifications: int = 0
    sample_levels: list[str] = field(default_factory=list)


def _iri(term: object) -> str:
    return f"<{term}>"


def _lit(text: str, lang: str | None = None, datatype: object | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype is not None:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


A = _iri(RDF.type)
P = {name: _iri(term) for name, term in {
    "inScheme": SKOS.inScheme, "topConceptOf": SKOS.topConceptOf, "hasTopConcept": SKOS.hasTopConcept,
    "notation": SKOS.notation, "prefLabel": SKOS.prefLabel, "altLabel": SKOS.altLabel,
    "identifier": DCTERMS.identifier, "title": DCTERMS.title, "source": DCTERMS.source,
    "date": DCTERMS.date, "isPartOf": DCTERMS.isPartOf, "publisher": DCTERMS.publisher,
    "rank": QG.rank, "jurisdiction": QG.jurisdiction, "sourceLevel": QG.sourceLevel,
    "targetLevel": QG.targetLevel, "sourceFramework": QG.sourceFramework, "targetFramework": QG.targetFramework,
    "noCounterpart": QG.noCounterpart, "status": QG.status, "decidedBy": QG.decidedBy,
    "atLevel": QG.atLevel, "awardedBy": QG.awardedBy, "fieldOfEducation": QG.fieldOfEducation,
    "hasUnit": QG.hasUnit, "classification": ORG.classification,
}.items()}
C = {name: _iri(term) for name, term in {
    "Framework": QG.QualificationsFramework, "National": QG.NationalFramework, "Reference": QG.ReferenceFramework,
    "Scheme": SKOS.ConceptScheme, "Level": QG.Level, "Concept": SKOS.Concept,
    "Report": QG.ReferencingReport, "Comparison": QG.ComparisonReport,
    "Decision": QG.ReferencingDecision, "LevelComparison": QG.LevelComparison,
    "Qualification": QG.Qualification, "Unit": QG.UnitOfCompetency, "Organisation": ORG.Organization,
}.items()}
ACCEPTED, SUPERSEDED, DRAFT = _iri(QGS.accepted), _iri(QGS.superseded), _iri(QGS.draft)
TRUE = _lit("true", datatype=XSD.boolean)


@dataclass
class _Framework:
    slug: str
    title: str
    jurisdiction: str
    levels: int
    reference: bool


def _frameworks(rng: random.Random, count: int) -> list[_Framework]:
    fws = [_Framework(s, f"Synthetic reference framework {s[-1].upper()}", f"Region {s[-1].upper()}",
                      REFERENCE_LEVELS, True) for s in REFERENCE]
    for i in range(count - len(REFERENCE)):
        code = CODES[i % len(CODES)]
        kind = "nqf" if i < len(CODES) else "tvqf"
        # xx-nqf always has 10 levels, two of them sharing a reference level
        levels = 10 if i == 0 else rng.choice((8, 8, 9, 10))
        fws.append(_Framework(f"{code.lower()}-{kind}", f"Synthetic {kind.upper()} of {code}", code, levels, False))
    return fws


def _mapping(rng: random.Random, levels: int, targets: int, merged: set[int] | None = None,
             entry_has_counterpart: bool | None = None) -> list[int | None]:
    """A monotone map of national ranks 1..levels to reference ranks 1..targets (None: no counterpart).

    National levels beyond the reference's share a reference level (N:1): ``merged`` are the reference
    ranks that take two national levels (random unless given).
    """
    ranks: list[int | None] = []
    extra = levels - targets
    if merged is None:
        merged = set(rng.sample(range(1, targets + 1), extra)) if extra > 0 else set()
    merged = set(merged)
    r = 1
    for _ in range(levels):
        ranks.append(r)
        if r in merged:
            merged.discard(r)  # the next national level goes to the same reference level
        else:
            r = min(r + 1, targets)
    if entry_has_counterpart is None:
        entry_has_counterpart = rng.random() >= 0.3
    if not entry_has_counterpart:
        ranks[0] = None  # an entry level judged to have no counterpart
    return ranks


def _triples(rng: random.Random, target: int, frameworks: int, summary: Summary) -> Iterator[str]:
    fws = _frameworks(rng, frameworks)
    summary.frameworks = len(fws)
    agency: dict[str, str] = {}
    awarding: dict[str, list[str]] = {}

    for fw in fws:
        f = _iri(ids.framework_iri(fw.slug))
        src = _iri(f"{SOURCE}{fw.slug}")
        org = _iri(ids.organisation_iri(f"{fw.slug}-agency"))
        agency[fw.slug] = org
        yield f"{f} {A} {C['Framework']} .\n{f} {A} {C['Reference' if fw.reference else 'National']} .\n"
        yield f"{f} {A} {C['Scheme']} .\n{f} {P['identifier']} {_lit(fw.slug)} .\n"
        yield f"{f} {P['prefLabel']} {_lit(fw.title, 'en')} .\n{f} {P['altLabel']} {_lit(fw.slug.upper())} .\n"
        yield f"{f} {P['jurisdiction']} {_lit(fw.jurisdiction)} .\n{f} {P['publisher']} {org} .\n"
        yield f"{f} {P['source']} {src} .\n"
        yield f"{org} {A} {C['Organisation']} .\n{org} {P['prefLabel']} {_lit(f'Synthetic agency of {fw.slug}', 'en')} .\n"
        role = QGR["referencing-body"] if fw.reference else QGR["qualifications-agency"]
        yield f"{org} {P['classification']} {_iri(role)} .\n{org} {P['jurisdiction']} {_lit(fw.jurisdiction)} .\n"
        for n in range(1, fw.levels + 1):
            lv = _iri(ids.level_iri(fw.slug, str(n)))
            yield f"{lv} {A} {C['Level']} .\n{lv} {A} {C['Concept']} .\n{lv} {P['inScheme']} {f} .\n"
            yield f"{lv} {P['topConceptOf']} {f} .\n{f} {P['hasTopConcept']} {lv} .\n"
            yield f"{lv} {P['notation']} {_lit(str(n))} .\n{lv} {P['rank']} {_lit(str(n), datatype=XSD.integer)} .\n"
            yield f"{lv} {P['prefLabel']} {_lit(f'Level {n}', 'en')} .\n{lv} {P['prefLabel']} {_lit(f'Niveau {n}', 'fr')} .\n"
            yield f"{lv} {P['source']} {src} .\n"
        if not fw.reference:
            bodies = []
            for b in range(4):
                body = _iri(ids.organisation_iri(f"{fw.slug}-awarding-{b + 1}"))
                bodies.append(body)
                yield f"{body} {A} {C['Organisation']} .\n{body} {P['classification']} {_iri(QGR['awarding-body'])} .\n"
                yield f"{body} {P['prefLabel']} {_lit(f'Synthetic awarding body {b + 1} of {fw.slug}', 'en')} .\n"
            awarding[fw.slug] = bodies

    # the reference frameworks compared level by level: ref-a — ref-b — ref-c
    for a, b in zip(REFERENCE, REFERENCE[1:]):
        yield from _alignment(a, b, C["Comparison"], "2018-05", agency[a])
        for n in range(1, REFERENCE_LEVELS + 1):
            summary.decisions += 1
            yield from _correspondence(a, n, b, n, "2018-05", C["LevelComparison"], ACCEPTED, agency[a])

    national = [fw for fw in fws if not fw.reference]
    for i, fw in enumerate(national):
        refs = [REFERENCE[i % 3]] + ([REFERENCE[(i + 1) % 3]] if i % 4 == 1 else [])
        for ref in refs:
            year = 2012 + rng.randrange(12)
            decided = f"{year}-{rng.randrange(1, 13):02d}"
            yield from _alignment(fw.slug, ref, C["Report"], decided, agency[ref])
            if i == 0:  # xx-nqf: levels 4 and 5 share ref-a:4 (a partial answer), 8 and 9 share ref-a:7
                mapping = _mapping(rng, fw.levels, REFERENCE_LEVELS, merged={4, 7}, entry_has_counterpart=True)
            elif i == 2:  # the entry level of the third national framework has no counterpart
                mapping = _mapping(rng, fw.levels, REFERENCE_LEVELS, entry_has_counterpart=False)
            else:
                mapping = _mapping(rng, fw.levels, REFERENCE_LEVELS)
            if i % 9 == 4:  # an earlier decision on one level was replaced by this report
                n = rng.randrange(2, fw.levels)
                old = mapping[n - 1]
                if old is not None:
                    summary.decisions += 1
                    earlier = f"{year - 3}-06"
                    yield from _correspondence(fw.slug, n, ref, max(1, old - 1), earlier, C["Decision"],
                                               SUPERSEDED, agency[ref])
            for n, r in enumerate(mapping, start=1):
                summary.decisions += 1
                yield from _correspondence(fw.slug, n, ref, r, decided, C["Decision"], ACCEPTED, agency[ref])
            if i % 13 == 7 and mapping[-1] is not None and mapping[-1] > 1:  # a draft proposal to move the top level
                summary.decisions += 1
                yield from _correspondence(fw.slug, fw.levels, ref, mapping[-1] - 1, f"{year + 1}-01", C["Decision"],
                                           DRAFT, agency[ref])
    # a few bilateral studies between national frameworks (direct answers)
    for a, b in zip(national[0:12:3], national[1:13:3]):
        yield from _alignment(a.slug, b.slug, C["Comparison"], "2020-11", agency[a.slug])
        for n in range(1, min(a.levels, b.levels) + 1):
            summary.decisions += 1
            yield from _correspondence(a.slug, n, b.slug, n, "2020-11", C["LevelComparison"], ACCEPTED,
                                       agency[a.slug])

    # levels worth asking about: an N:1 one, one in a framework referenced twice, an entry level, a top level
    summary.sample_levels = ["xx-nqf:5", f"{national[1].slug}:3", f"{national[2].slug}:1",
                             f"{national[3].slug}:{national[3].levels}"]

    # qualifications fill the rest
    fixed = summary.triples
    for q in range(max(0, (target - fixed) // TRIPLES_PER_QUALIFICATION)):
        fw = national[q % len(national)]
        yield from _qualification(rng, fw, q, awarding[fw.slug])
        summary.qualifications += 1


def _alignment(src: str, tgt: str, kind: str, decided: str, by: str) -> Iterator[str]:
    al = _iri(ids.alignment_iri(src, tgt))
    yield f"{al} {A} {kind} .\n{al} {P['sourceFramework']} {_iri(ids.framework_iri(src))} .\n"
    yield f"{al} {P['targetFramework']} {_iri(ids.framework_iri(tgt))} .\n{al} {P['status']} {ACCEPTED} .\n"
    yield f"{al} {P['date']} {_lit(decided, datatype=XSD.gYearMonth)} .\n{al} {P['decidedBy']} {by} .\n"
    yield f"{al} {P['title']} {_lit(f'Synthetic referencing of {src} to {tgt}', 'en')} .\n"
    yield f"{al} {P['source']} {_iri(f'{SOURCE}{src}--{tgt}')} .\n"


def _correspondence(src: str, n: int, tgt: str, r: int | None, decided: str, kind: str, status: str,
                    by: str) -> Iterator[str]:
    c = _iri(ids.correspondence_iri(src, str(n), tgt, None if r is None else str(r), decided))
    yield f"{c} {A} {kind} .\n{c} {P['sourceLevel']} {_iri(ids.level_iri(src, str(n)))} .\n"
    yield f"{c} {P['targetFramework']} {_iri(ids.framework_iri(tgt))} .\n"
    if r is None:
        yield f"{c} {P['noCounterpart']} {TRUE} .\n"
    else:
        yield f"{c} {P['targetLevel']} {_iri(ids.level_iri(tgt, str(r)))} .\n"
    yield f"{c} {P['status']} {status} .\n{c} {P['date']} {_lit(decided, datatype=XSD.gYearMonth)} .\n"
    yield f"{c} {P['decidedBy']} {by} .\n{c} {P['isPartOf']} {_iri(ids.alignment_iri(src, tgt))} .\n"
    yield f"{c} {P['source']} {_iri(f'{SOURCE}{src}--{tgt}')} .\n"


def _qualification(rng: random.Random, fw: _Framework, q: int, bodies: list[str]) -> Iterator[str]:
    code = f"Q{q:07d}"
    qi = _iri(ids.qualification_iri(fw.slug, code))
    n = min(fw.levels, max(1, round(rng.triangular(1, fw.levels, fw.levels * 0.6))))
    subject = rng.choice(SUBJECTS)
    title = f"Synthetic {rng.choice(AWARDS)} in {subject} ({code})"
    lines = [
        f"{qi} {A} {C['Qualification']} .\n",
        f"{qi} {P['title']} {_lit(title, 'en')} .\n",
        f"{qi} {P['identifier']} {_lit(code)} .\n",
        f"{qi} {P['atLevel']} {_iri(ids.level_iri(fw.slug, str(n)))} .\n",
        f"{qi} {P['awardedBy']} {rng.choice(bodies)} .\n",
        f"{qi} {P['fieldOfEducation']} <{ISCED}{rng.choice(ISCED_F)}> .\n",
        f"{qi} {P['source']} <{SOURCE}{fw.slug}/qualifications> .\n",
    ]
    for u in range(1, UNITS_PER_QUALIFICATION + 1):
        ucode = f"{fw.slug}-{code}-U{u:02d}"
        ui = _iri(ids.unit_iri(ucode))
        lines.append(f"{qi} {P['hasUnit']} {ui} .\n")
        lines.append(f"{ui} {A} {C['Unit']} .\n")
        lines.append(f"{ui} {P['identifier']} {_lit(ucode)} .\n")
        lines.append(f"{ui} {P['title']} {_lit(f'{subject} unit {u} of {code}', 'en')} .\n")
    yield "".join(lines)


def generate(path: Path, triples: int, seed: int = 42, frameworks: int = FRAMEWORKS) -> Summary:
    """Write about ``triples`` triples of synthetic frameworks, decisions and qualifications to ``path``.

    The frameworks and decisions come first (about 13k triples for 60 frameworks); qualifications fill up to
    ``triples``. ``frameworks`` (at least 8) makes a smaller graph for tests.
    """
    if frameworks < len(REFERENCE) + 5:
        raise ValueError(f"at least {len(REFERENCE) + 5} frameworks, please")
    rng = random.Random(seed)
    summary = Summary(Path(path))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for chunk in _triples(rng, triples, frameworks, summary):
            summary.triples += chunk.count("\n")
            out.write(chunk)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000, help="about how many triples (default 100000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--frameworks", type=int, default=FRAMEWORKS, help="how many frameworks (default 60)")
    parser.add_argument("--out", type=Path, required=True, help="the N-Triples file to write")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    s = generate(args.out, args.triples, args.seed, args.frameworks)
    print(f"{s.path}: {s.triples} triples, {s.frameworks} frameworks, {s.decisions} correspondences, "
          f"{s.qualifications} qualifications in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
