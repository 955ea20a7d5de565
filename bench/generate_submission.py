"""A generated submission with seeded violations: what the validation benchmark and the engine tests check.

The graph is bench/generate.py's synthetic qualifications graph (frameworks, levels, referencing decisions,
qualifications with their units, all following docs/model.md, so it conforms as written). Then a few records
are broken on purpose, ``per_kind`` of each kind below, each kind the way an agency gets it wrong:

    level-without-rank            a level lost its qg:rank                    sh:MinCountConstraintComponent
    level-rank-as-text            qg:rank "5" in quotes                       sh:DatatypeConstraintComponent
    level-name-without-language   "Level 5" without @en (a warning)           sh:DatatypeConstraintComponent
    qualification-without-title   no dcterms:title                            sh:MinCountConstraintComponent
    qualification-negative-credits  qg:credits -5                             sh:MinInclusiveConstraintComponent
    qualification-field-not-isced   an ISCED-F code of five digits            sh:PatternConstraintComponent
    qualification-at-unknown-level  qg:atLevel level 99                       sh:SPARQLConstraintComponent
    unit-without-identifier       a unit without its code                     sh:MinCountConstraintComponent
    decision-date-as-text         dcterms:date "May 2015"                     sh:OrConstraintComponent
    two-accepted-decisions        a second accepted decision for one level    sh:SPARQLConstraintComponent
    referencing-not-monotone      a level referenced to reference level 1     sh:SPARQLConstraintComponent

Records are picked at random (the same for the same seed); decisions are broken in frameworks of their own,
so that one broken record cannot hide another.

    python bench/generate_submission.py --triples 100000 --out bench/out/submission-100k.nt
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402  (bench/generate.py, the synthetic graph)

from qualgraph import ids  # noqa: E402
from qualgraph.vocab import DCTERMS, QG, QGID, QGS, SKOS, XSD  # noqa: E402

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class Seeded:
    """One broken record: what was done, the record the report must name, the constraint that must find it."""

    kind: str
    focus: str
    constraint: str
    severity: str = "Violation"


@dataclass
class Submission:
    path: Path
    triples: int
    seeded: list[Seeded] = field(default_factory=list)


def _n(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(XSD.integer))


A = _n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


class _Seeder:
    def __init__(self, store: ox.Store, rng: random.Random) -> None:
        self.store, self.rng = store, rng
        self.seeded: list[Seeded] = []
        self.used_frameworks: set[str] = set()

    def one(self, subject: ox.NamedNode | None, predicate: object) -> ox.Quad:
        return next(self.store.quads_for_pattern(subject, _n(predicate), None, ox.DefaultGraph()))

    def instances(self, cls: object) -> list[ox.NamedNode]:
        return sorted((q.subject for q in self.store.quads_for_pattern(None, A, _n(cls), ox.DefaultGraph())),
                      key=lambda n: n.value)

    def national_levels(self) -> list[ox.NamedNode]:
        return [lv for lv in self.instances(QG.Level) if not lv.value.split("/framework/")[1].startswith("ref-")]

    def pick(self, nodes: list[ox.NamedNode], k: int, taken: set[str]) -> list[ox.NamedNode]:
        free = [n for n in nodes if n.value not in taken]
        chosen = self.rng.sample(free, min(k, len(free)))
        taken.update(n.value for n in chosen)
        return chosen

    def replace(self, quad: ox.Quad, obj: ox.NamedNode | ox.Literal | None) -> None:
        self.store.remove(quad)
        if obj is not None:
            self.store.add(ox.Quad(quad.subject, quad.predicate, obj))

    def add(self, kind: str, focus: ox.NamedNode, constraint: str, severity: str = "Violation") -> None:
        self.seeded.append(Seeded(kind, focus.value, f"sh:{constraint}", severity))

    def accepted_decisions(self) -> list[tuple[ox.NamedNode, str, int, str, int]]:
        """(decision, framework, level rank, reference, reference rank) of accepted national decisions."""
        found = []
        for d in self.instances(QG.ReferencingDecision):
            if not any(self.store.quads_for_pattern(d, _n(QG.status), _n(QGS.accepted), ox.DefaultGraph())):
                continue
            targets = list(self.store.quads_for_pattern(d, _n(QG.targetLevel), None, ox.DefaultGraph()))
            if not targets:
                continue
            level = self.one(d, QG.sourceLevel).object.value
            target = targets[0].object.value
            framework, n = level.split("/framework/")[1].split("/level/")
            reference, r = target.split("/framework/")[1].split("/level/")
            found.append((d, framework, int(n), reference, int(r)))
        return found


KINDS = (
    "two-accepted-decisions", "referencing-not-monotone", "decision-date-as-text", "level-without-rank",
    "level-rank-as-text", "level-name-without-language", "qualification-without-title",
    "qualification-negative-credits", "qualification-field-not-isced", "qualification-at-unknown-level",
    "unit-without-identifier",
)
# rdflib's SPARQL compares a rank written as text with the numeric ranks (SPARQL makes that a type error,
# https://www.w3.org/TR/sparql11-query/#OperatorMapping), so pySHACL on rdflib then reports non-monotone
# referencing that is not there. Comparisons with pySHACL on rdflib leave this kind out.
RDFLIB_SAFE_KINDS = tuple(k for k in KINDS if k != "level-rank-as-text")


def seed(store: ox.Store, per_kind: int, rng: random.Random, kinds: tuple[str, ...] = KINDS) -> list[Seeded]:
    """Break ``per_kind`` records of each of ``kinds`` in ``store`` (see the module docstring)."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds: {', '.join(sorted(unknown))}")
    s = _Seeder(store, rng)
    counts = {k: (per_kind if k in kinds else 0) for k in KINDS}
    taken: set[str] = set()
    decisions = s.accepted_decisions()
    by_pair: dict[tuple[str, str], dict[int, int]] = {}
    for _, fw, n, ref, r in decisions:
        by_pair.setdefault((fw, ref), {})[n] = r

    # decisions first, each in a framework of its own
    pairs = sorted(by_pair)
    rng.shuffle(pairs)
    doubled = 0
    for fw, ref in pairs:
        if doubled == counts["two-accepted-decisions"] or fw in s.used_frameworks:
            continue
        ranks = by_pair[(fw, ref)]
        # a level whose lower neighbour goes to a lower reference level: a second decision one reference level
        # down then breaks "one accepted decision per level" and nothing else
        candidates = [n for n in sorted(ranks) if n - 1 in ranks and ranks[n - 1] < ranks[n]]
        if not candidates:
            continue
        n = rng.choice(candidates)
        r = ranks[n] - 1
        original = next(d for d, f, m, rf, _ in decisions if (f, m, rf) == (fw, n, ref))
        twin = _n(ids.correspondence_iri(fw, str(n), ref, str(r), "2024-02"))
        for q in list(store.quads_for_pattern(original, None, None, ox.DefaultGraph())):
            obj = q.object
            if q.predicate == _n(QG.targetLevel):
                obj = _n(ids.level_iri(ref, str(r)))
            elif q.predicate == _n(DCTERMS.date):
                obj = ox.Literal("2024-02", datatype=_n(XSD.gYearMonth))
            store.add(ox.Quad(twin, q.predicate, obj))
        s.used_frameworks.add(fw)
        s.add("two-accepted-decisions", _n(ids.level_iri(fw, str(n))), "SPARQLConstraintComponent")
        doubled += 1
    lowered = 0
    for fw, ref in pairs:
        if lowered == counts["referencing-not-monotone"] or fw in s.used_frameworks:
            continue
        ranks = by_pair[(fw, ref)]
        candidates = [n for n in sorted(ranks) if n >= 3 and any(ranks[m] > 1 for m in ranks if m < n)]
        if not candidates:
            continue
        n = rng.choice(candidates)
        decision = next(d for d, f, m, rf, _ in decisions if (f, m, rf) == (fw, n, ref))
        s.replace(s.one(decision, QG.targetLevel), _n(ids.level_iri(ref, "1")))
        s.used_frameworks.add(fw)
        s.add("referencing-not-monotone", decision, "SPARQLConstraintComponent")
        lowered += 1
    dated = [d for d, fw, *_ in decisions if fw not in s.used_frameworks]
    for d in s.pick(dated, counts["decision-date-as-text"], taken):
        s.replace(s.one(d, DCTERMS.date), ox.Literal("May 2015"))
        s.add("decision-date-as-text", d, "OrConstraintComponent")

    # levels, outside the frameworks whose decisions were broken
    levels = [lv for lv in s.national_levels()
              if lv.value.split("/framework/")[1].split("/level/")[0] not in s.used_frameworks]
    for lv in s.pick(levels, counts["level-without-rank"], taken):
        s.replace(s.one(lv, QG.rank), None)
        s.add("level-without-rank", lv, "MinCountConstraintComponent")
    for lv in s.pick(levels, counts["level-rank-as-text"], taken):
        rank = s.one(lv, QG.rank)
        s.replace(rank, ox.Literal(rank.object.value))
        s.add("level-rank-as-text", lv, "DatatypeConstraintComponent")
    for lv in s.pick(levels, counts["level-name-without-language"], taken):
        label = next(q for q in store.quads_for_pattern(lv, _n(SKOS.prefLabel), None, ox.DefaultGraph())
                     if q.object.language == "en")
        s.replace(label, ox.Literal(label.object.value))
        s.add("level-name-without-language", lv, "DatatypeConstraintComponent", "Warning")

    # qualifications and units
    qualifications = s.instances(QG.Qualification)
    for q in s.pick(qualifications, counts["qualification-without-title"], taken):
        s.replace(s.one(q, DCTERMS.title), None)
        s.add("qualification-without-title", q, "MinCountConstraintComponent")
    for q in s.pick(qualifications, counts["qualification-negative-credits"], taken):
        store.add(ox.Quad(q, _n(QG.credits), _int(-5)))
        s.add("qualification-negative-credits", q, "MinInclusiveConstraintComponent")
    for q in s.pick(qualifications, counts["qualification-field-not-isced"], taken):
        s.replace(s.one(q, QG.fieldOfEducation), ox.NamedNode("http://data.europa.eu/esco/isced-f/04111"))
        s.add("qualification-field-not-isced", q, "PatternConstraintComponent")
    for q in s.pick(qualifications, counts["qualification-at-unknown-level"], taken):
        level = s.one(q, QG.atLevel)
        framework = level.object.value.split("/framework/")[1].split("/level/")[0]
        s.replace(level, _n(ids.level_iri(framework, "99")))
        s.add("qualification-at-unknown-level", q, "SPARQLConstraintComponent")
    for u in s.pick(s.instances(QG.UnitOfCompetency), counts["unit-without-identifier"], taken):
        s.replace(s.one(u, DCTERMS.identifier), None)
        s.add("unit-without-identifier", u, "MinCountConstraintComponent")
    return s.seeded


def generate_submission(path: Path, triples: int, *, seed_value: int = 42, per_kind: int = 3,
                        frameworks: int = 60, kinds: tuple[str, ...] = KINDS) -> Submission:
    """Write a synthetic submission of about ``triples`` triples, with seeded violations, as N-Triples."""
    path = Path(path)
    clean = path.with_suffix(".clean.nt")
    generate(clean, triples, seed=seed_value, frameworks=frameworks)
    store = ox.Store()
    store.bulk_load(path=str(clean), format=ox.RdfFormat.N_TRIPLES)
    clean.unlink()
    seeded = seed(store, per_kind, random.Random(seed_value), kinds)
    store.dump(output=str(path), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return Submission(path, len(store), seeded)


def revise_submission(path: Path, out: Path, *, every: int = 20) -> int:
    """Write a second version of the submission at ``path``: the title of every ``every``-th qualification
    changed, as an agency correcting a few records resubmits. Returns the number of triples changed."""
    title = f" <{DCTERMS.title}> ".encode()
    prefix = f"<{QGID}qualification/".encode()
    lines = Path(path).read_bytes().split(b"\n")
    changed = 0
    seen = 0
    for i, line in enumerate(lines):
        if line.startswith(prefix) and title in line:
            seen += 1
            if seen % every == 0 and line.endswith(b'"@en .'):
                lines[i] = line[: -len(b'"@en .')] + b' (revised)"@en .'
                changed += 1
    Path(out).write_bytes(b"\n".join(lines))
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--per-kind", type=int, default=3, help="broken records of each kind (default 3)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--frameworks", type=int, default=60)
    parser.add_argument("--rdflib-safe", action="store_true", help="leave out the kinds rdflib's SPARQL misjudges")
    parser.add_argument("--out", type=Path, required=True, help="the N-Triples file to write")
    args = parser.parse_args(argv)
    sub = generate_submission(args.out, args.triples, seed_value=args.seed, per_kind=args.per_kind,
                              frameworks=args.frameworks, kinds=RDFLIB_SAFE_KINDS if args.rdflib_safe else KINDS)
    print(f"{sub.path}: {sub.triples} triples, {len(sub.seeded)} seeded problems")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
