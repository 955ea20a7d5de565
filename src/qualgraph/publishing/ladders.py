"""Framework ladders: two or more frameworks side by side, and what each level of the first compares to.

A recognition officer compares frameworks the way referencing reports draw them: each framework a column of
its levels, lines between comparable levels, through the reference framework (AQRF, EQF, Pacific QF) they
are referenced to, and across two reference frameworks where those are compared. :func:`ladder` gives the
rows (for each level of the first framework, its comparable levels in each other framework) and the columns
to draw; the answers are :func:`~qualgraph.comparability.comparable_levels`'s, so the ladder and
``/api/equivalences`` never disagree (``tests/test_ladders.py`` compares them level by level).

:func:`sentence` says a row in plain words ("NFQ level 8 compares to SCQF levels 9 and 10, through EQF
level 6; two SCQF levels share that EQF level, so the match is to either"), and :func:`explain_empty` says
why nothing was derived and what is known instead (a report with no level table, only draft decisions).

Words: ``partial`` in the derivation means that several levels of one framework meet at one level on the
way. That is not a partial equivalence, so people read "shared" (:data:`STRENGTH_WORDS`).
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from .. import ids
from ..comparability import Comparable, comparable_levels
from ..frameworks import FrameworkSummary, framework_overview
from ..queries import load_query
from ..store import GraphStore
from ..vocab import SKOS, STATUSES
from .languages import pick

STRENGTH_WORDS: dict[str, tuple[str, str]] = {
    "one-to-one": ("one-to-one", "one level on each side: no other level shares the path"),
    "partial": ("shared", ("several levels of one framework meet at one level on the path, so this is one of "
                           "several matches (each may be right for a given qualification), not a partial equivalence")),
    "no-counterpart": ("no counterpart", "a decision says this level has no counterpart in that framework"),
}
"""The words a page uses for each strength, with the explanation shown where it appears."""

ROUTE_WORDS: dict[str, tuple[str, str]] = {
    "direct": ("direct", "one decision or bilateral comparison links the two levels"),
    "via-reference": ("through a reference framework",
                      "both levels are referenced to the same level of a regional reference framework"),
    "via-reference-comparison": ("across two reference frameworks",
                                 "the two levels are referenced to two reference frameworks that are compared"),
}
"""The words a page uses for each route, with the explanation shown where it appears."""


class LadderError(ValueError):
    """A ladder that cannot be drawn as asked (too few or too many frameworks, one named twice)."""


@dataclass
class Rung:
    """One level in a column of the ladder."""

    id: str
    notation: str
    rank: int | None
    label: str | None
    typical: str | None = None  # the typical qualifications at the level, where the source names them

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "notation": self.notation, "rank": self.rank, "label": self.label,
                "typical": self.typical}


@dataclass
class Column:
    """One framework drawn as a column: asked for, or a reference framework the paths go through."""

    id: str
    title: str
    short: str
    kind: str
    asked: bool
    rungs: list[Rung] = field(default_factory=list)


@dataclass
class Row:
    """One level of the first framework, with its comparable levels in each other framework."""

    level: Rung
    answers: dict[str, list[Comparable]]
    sentences: dict[str, str]

    def to_json(self) -> dict[str, object]:
        return {"level": self.level.id, "notation": self.level.notation, "label": self.level.label,
                "typical": self.level.typical, "comparable": {f: [a.to_json() for a in answers] for f, answers in self.answers.items()},
                "sentences": self.sentences}


@dataclass
class Ladder:
    """The frameworks asked for, the columns to draw, a row per level of the first framework, and for each
    other framework with no answer at all, why."""

    frameworks: list[str]
    include: list[str]
    columns: list[Column]
    rows: list[Row]
    explanations: dict[str, list[dict[str, str | None]]]
    unofficial: dict[str, list[str]]
    catalogue: list[FrameworkSummary] = field(default_factory=list)  # every framework (the form offers them)

    def column(self, framework: str) -> Column:
        return next(c for c in self.columns if c.id == framework)

    def to_json(self) -> dict[str, object]:
        """What ``GET /api/ladder`` answers."""
        return {
            "frameworks": self.frameworks, "include": self.include,
            "columns": [{"id": c.id, "title": c.title, "kind": c.kind, "asked": c.asked,
                         "levels": [r.to_json() for r in c.rungs]} for c in self.columns],
            "rows": [r.to_json() for r in self.rows],
            "explanations": self.explanations,
            "words": {"strength": {k: {"word": w, "meaning": m} for k, (w, m) in STRENGTH_WORDS.items()},
                      "route": {k: {"word": w, "meaning": m} for k, (w, m) in ROUTE_WORDS.items()}},
        }


def parse_frameworks(text: str | list[str], limit: int) -> list[str]:
    """``"ie-nfq,uk-scqf"`` (or repeated parameters) as a list of ids; raises :class:`LadderError` for fewer
    than two, more than ``limit``, or one named twice, and :class:`~qualgraph.ids.InvalidId` for a malformed id."""
    parts = [text] if isinstance(text, str) else list(text)
    found = [p.strip().lower() for part in parts for p in part.split(",") if p.strip()]
    if len(found) < 2:
        raise LadderError("name at least two frameworks to compare, e.g. frameworks=ie-nfq,uk-scqf")
    if len(found) > limit:
        raise LadderError(f"at most {limit} frameworks fit in one ladder; {len(found)} were named")
    if len(set(found)) != len(found):
        raise LadderError("a framework is named twice; name each once")
    for f in found:
        ids.check_slug(f)
    return found


def _short(summary: FrameworkSummary, alt_labels: list[str]) -> str:
    """A short name for sentences: the acronym the data gives (``NFQ``), else the title, else the id."""
    acronyms = [a for a in alt_labels if a.replace("-", "").isalnum() and a.upper() == a and len(a) <= 10]
    return acronyms[0] if acronyms else (summary.title or summary.id)


def level_notes(store: GraphStore, framework: str, language: str = "en") -> dict[str, str]:
    """What each level of ``framework`` is for in the source's words (its ``skos:scopeNote``: the typical
    qualifications), by level id, in ``language`` where the data has it (``queries/level-notes.rq``)."""
    notes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in store.select_values(load_query("level-notes"), {"framework": ids.framework_iri(framework)}):
        notes[ids.level_id_of(r["level"]) or r["level"]][r.get("lang", "")].append(r["note"])
    out = {}
    for level, by_language in notes.items():
        text, _ = pick(dict(by_language), language)
        if text is not None:
            out[level] = text
    return out


def _column(store: GraphStore, summary: FrameworkSummary, asked: bool, language: str) -> Column:
    """One framework's column: its levels in rank order (``queries/framework-levels.rq``, as
    :func:`~qualgraph.frameworks.framework_detail` reads them, without the overview of every framework it also
    reads: at a million triples that overview is most of a ladder's time) and its acronym."""
    iri = ids.framework_iri(summary.id)
    levels: dict[str, dict[str, Any]] = {}
    for r in store.select_values(load_query("framework-levels"), {"framework": iri}):
        entry = levels.setdefault(r["level"], {"id": ids.level_id_of(r["level"]) or r["level"],
                                               "notation": r.get("notation"), "labels": {},
                                               "rank": int(r["rank"]) if "rank" in r else None})
        if "label" in r:
            entry["labels"][r.get("lang") or ""] = r["label"]
    alt_labels = [r["o"] for r in store.select_values(load_query("describe-resource"), {"s": iri})
                  if r["p"] == str(SKOS.altLabel)]
    typical = level_notes(store, summary.id, language)
    rungs = [Rung(lv["id"], str(lv["notation"] or lv["id"]), lv["rank"], pick(lv["labels"], language)[0],
                  typical.get(lv["id"])) for lv in levels.values()]
    return Column(summary.id, summary.title or summary.id, _short(summary, alt_labels), summary.kind, asked, rungs)


def ladder(store: GraphStore, frameworks: list[str], include: list[str] | None = None,
           language: str = "en") -> Ladder:
    """The ladder of ``frameworks`` (ids, the first one's levels as rows) under the extra statuses ``include``,
    level names in ``language`` where the data has them.

    Raises :class:`~qualgraph.ids.UnknownId` (with the closest ids) for a framework not in the graph."""
    include = [s for s in STATUSES if s in (include or []) and s != "accepted"]
    catalogue = framework_overview(store)
    overview = {f.id: f for f in catalogue}
    for f in frameworks:
        if f not in overview:
            import difflib

            close = difflib.get_close_matches(f, list(overview), n=3, cutoff=0.4)
            raise ids.UnknownId(f"no framework {f!r}", close or sorted(overview))
    first, others = frameworks[0], frameworks[1:]
    columns = {f: _column(store, overview[f], True, language) for f in frameworks}
    rows: list[Row] = []
    through: dict[str, list[str]] = {f: [] for f in others}  # the reference frameworks on the paths to each
    for rung in columns[first].rungs:
        answers = comparable_levels(store, rung.id, include=include)
        by_framework: dict[str, list[Comparable]] = {f: [a for a in answers if a.framework == f] for f in others}
        for f, found in by_framework.items():
            for a in found:
                for step in a.via[1:-1] if a.level else a.via[1:]:
                    fw = step.split(":", 1)[0]
                    if fw not in frameworks and fw not in through[f]:
                        through[f].append(fw)
        rows.append(Row(rung, by_framework, {}))
    # the columns left to right: the frameworks in the order asked, each reference framework a path goes through
    # just before the first framework reached through it, so that most lines join neighbouring columns
    ordered = [columns[first]]
    for f in others:
        for fw in through[f]:
            if fw not in columns and fw in overview:
                columns[fw] = _column(store, overview[fw], False, language)
                ordered.append(columns[fw])
        ordered.append(columns[f])
    result = Ladder(frameworks, include, ordered, rows, {}, {}, catalogue)
    for row in rows:
        row.sentences = {f: sentence(result, row, f) for f in others}
    for f in others:
        if not any(row.answers[f] for row in rows):
            result.explanations[f] = explain_empty(store, result, overview, f)
    return result


# -- plain words ---------------------------------------------------------------------------------------------
_NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _levels_of(short: str, notations: list[str]) -> str:
    return f"{short} level{'s' if len(notations) > 1 else ''} {_and(notations)}"


def _notation(level_id: str) -> str:
    return level_id.split(":", 1)[1] if ":" in level_id else level_id


def _name(ladder: Ladder, level_id: str) -> str:
    fw = level_id.split(":", 1)[0]
    short = next((c.short for c in ladder.columns if c.id == fw), fw)
    return f"{short} level {_notation(level_id)}"


def sentence(ladder: Ladder, row: Row, framework: str) -> str:
    """What ``row``'s level compares to in ``framework``, in one sentence a reader needs no legend for."""
    first = ladder.columns[0]
    found = [a for a in row.answers.get(framework, []) if a.level is not None]
    sharing = [r.level.notation for r in ladder.rows if r is not row
               and any(a.level == found[0].level for a in r.answers.get(framework, []))] if len(found) == 1 else []
    return say(f"{first.short} level {row.level.notation}", framework, row.answers.get(framework, []),
               lambda fw: next((c.short for c in ladder.columns if c.id == fw), fw), used=ladder.include,
               sharing=(first.short, sharing))


def say(subject: str, framework: str, answers: list[Comparable], short: Callable[[str], str], *,
        used: list[str], sharing: tuple[str, list[str]] | None = None) -> str:
    """The sentence for ``subject``'s answers in ``framework``: ``short`` names a framework by its id,
    ``used`` are the statuses asked for besides accepted, ``sharing`` the other levels of the subject's framework
    that meet the same single target (with that framework's short name), where known."""
    target = short(framework)
    unofficial = sorted({s for a in answers for s in a.statuses if s != "accepted"})
    caveat = f" (using {_and(unofficial)} decisions, which are not official)" if unofficial else ""
    if not answers:
        basis = "from accepted decisions" if not used else "from the decisions used"
        return f"{subject} has no comparable level in {target} that can be derived {basis}."
    if all(a.level is None for a in answers):
        return f"{subject} has no counterpart in {target}: a decision says so{caveat}."
    found = [a for a in answers if a.level is not None]
    text = f"{subject} compares to {_levels_of(target, [_notation(a.level or '') for a in found])}"
    routes = {a.route for a in found}
    middles = sorted({step for a in found for step in a.via[1:-1]}, key=ids.natural_key)
    if routes == {"direct"}:
        text += ", decided directly"
    elif middles:
        by_fw: dict[str, list[str]] = defaultdict(list)
        for m in middles:
            by_fw[m.split(":", 1)[0]].append(_notation(m))
        text += ", through " + _and([_levels_of(short(fw), notes) for fw, notes in by_fw.items()])
        if "via-reference-comparison" in routes and len(by_fw) > 1:
            text += ", which are compared with each other"
    if any(a.strength == "partial" for a in found):
        if len(found) > 1:
            count = _NUMBERS.get(len(found), str(len(found)))
            middle = middles[0] if len(middles) == 1 else None
            shared = f"share that {short(middle.split(':', 1)[0])} level" if middle \
                else "share that path" if middles else "are referenced to it"
            text += (f"; {count} {target} levels {shared}, so the match is to "
                     f"{'either' if len(found) == 2 else 'any of them'}")
        elif sharing and sharing[1]:
            own, others = sharing
            text += (f"; {_levels_of(own, others)} also meet{'s' if len(others) == 1 else ''} "
                     f"{target} level {_notation(found[0].level or '')} there, so it matches more than this one level")
        else:
            text += "; other levels share a level on the way, so this is one of several matches"
    return text + caveat + "."


def short_names(store: GraphStore) -> Callable[[str], str]:
    """A framework's short name for sentences (its acronym, else its title, else its id), for every framework
    (``queries/framework-acronyms.rq``: one light query, not the overview, which counts every level)."""
    titles: dict[str, str | None] = {}
    acronyms: dict[str, list[str]] = defaultdict(list)
    for r in store.select_values(load_query("framework-acronyms")):
        slug = ids.framework_slug_of(r["framework"]) or r.get("id") or r["framework"]
        titles[slug] = titles.get(slug) or r.get("title")
        if "acronym" in r:
            acronyms[slug].append(r["acronym"])
    names = {slug: _short(FrameworkSummary(slug, title, "", None, 0), acronyms.get(slug, []))
             for slug, title in titles.items()}
    return lambda framework: names.get(framework, framework)


_MEETING: weakref.WeakKeyDictionary[GraphStore, tuple[int, dict[tuple[str, str, tuple[str, ...]], list[str]]]] = \
    weakref.WeakKeyDictionary()


def _meeting(store: GraphStore, target: str, framework: str, include: tuple[str, ...]) -> list[str]:
    """The levels of ``framework`` that ``target`` compares to, kept until the store's next write: a level page
    asks it for each framework its level reaches (40 calls, ~40 ms at a million triples), the same on every view."""
    generation, known = _MEETING.get(store, (-1, {}))
    if generation != store.generation or len(known) > 20_000:
        known = {}
        _MEETING[store] = (store.generation, known)
    key = (target, framework, include)
    if key not in known:
        known[key] = [b.level for b in comparable_levels(store, target, to=framework, include=include) if b.level]
    return known[key]


def level_sentences(store: GraphStore, level: str, answers: list[Comparable], include: list[str],
                    to: str | None = None) -> list[str]:
    """One sentence per framework that ``level``'s answers reach (or for ``to`` alone), for the compare and level
    pages; a framework asked for with no answer gets the sentence that says so."""
    short = short_names(store)
    framework, notation = level.split(":", 1)
    subject = f"{short(framework)} level {notation}"
    targets = list(dict.fromkeys([a.framework for a in answers] + ([to] if to else [])))
    sentences = []
    for fw in targets:
        mine = [a for a in answers if a.framework == fw]
        found = [a for a in mine if a.level is not None]
        sharing = None
        if len(found) == 1 and found[0].strength == "partial":  # which other levels of ours meet it, asked back
            back = _meeting(store, found[0].level or "", framework, tuple(include))
            sharing = (short(framework), [_notation(b) for b in back if b != level])
        sentences.append(say(subject, fw, mine, short, used=include, sharing=sharing))
    return sentences


def explain_level(store: GraphStore, level: str, to: str | None, include: list[str]) -> dict[str, Any]:
    """Why nothing is derived for ``level`` (in ``to``, or anywhere): the referencing reports of its framework
    (and of ``to``) with status, date and whether a level table is recorded, and which decisions not used would
    give an answer. ``{"lines": [{"text", "href"}], "unofficial": [statuses]}``."""
    overview = {f.id: f for f in framework_overview(store)}
    framework = level.split(":", 1)[0]
    lines = _reports(overview, [f for f in (framework, to) if f and f in overview])
    unused = [s for s in STATUSES if s != "accepted" and s not in include]
    statuses = sorted({s for a in comparable_levels(store, level, to=to, include=[*include, *unused])
                       for s in a.statuses if s != "accepted"}, key=STATUSES.index) if unused else []
    if statuses:
        lines.append({"text": f"Only {_and(statuses)} decisions relate this level; they are not official.",
                      "href": None})
    if not lines:
        lines.append({"text": "No decision relates this level to another framework, directly or through a "
                              "reference framework.", "href": None})
    return {"lines": lines, "unofficial": statuses}


def _reports(overview: dict[str, FrameworkSummary], frameworks: list[str]) -> list[dict[str, str | None]]:
    """Each framework's referencing reports and comparison studies as lines of an explanation."""
    lines: list[dict[str, str | None]] = []
    for fw in frameworks:
        summary = overview[fw]
        name = summary.title or fw
        if not summary.alignments:
            if summary.kind != "reference":
                lines.append({"text": f"{name}: no referencing report or comparison study is recorded here.",
                              "href": None})
            continue
        for a in summary.alignments:
            verb = "compared with" if a.type == "comparison" else "referenced to"
            target = overview[a.target].title if a.target in overview else a.target
            when = f", {a.date}" if a.date else ""
            table = f"{a.decisions} level decisions recorded" if a.decisions else "no level table is recorded here"
            lines.append({"text": f"{name}: {verb} the {target}, {a.status}{when}; {table}.",
                          "href": f"/id/alignment/{fw}/{a.target}"})
    return lines


def explain_empty(store: GraphStore, ladder: Ladder, overview: dict[str, FrameworkSummary],
                  framework: str) -> list[dict[str, str | None]]:
    """Why no level of the first framework compares to ``framework``, and what is known instead: each side's
    referencing reports with status and date (and whether a level table is recorded), and whether decisions
    not used (draft, illustrative, superseded) would relate them. Each line is ``{"text", "href"}``, the link
    being the report's page (or None)."""
    lines = _reports(overview, [ladder.frameworks[0], framework])
    unused = [s for s in STATUSES if s != "accepted" and s not in ladder.include]
    if unused:
        statuses = sorted({s for rung in ladder.columns[0].rungs
                           for a in comparable_levels(store, rung.id, include=[*ladder.include, *unused])
                           if a.framework == framework
                           for s in a.statuses if s != "accepted"}, key=STATUSES.index)
        if statuses:
            ladder.unofficial[framework] = statuses
            lines.append({"text": f"Only {_and(statuses)} decisions relate these levels; they are not official.",
                          "href": None})
    if not lines:
        lines.append({"text": "No decision relates these frameworks, directly or through a reference framework.",
                      "href": None})
    return lines


def referenced_by(store: GraphStore, framework: str) -> list[dict[str, Any]]:
    """The frameworks referenced or compared to ``framework`` (a reference framework's page lists them), each
    with the report's status, date and number of level decisions."""
    found = []
    for summary in framework_overview(store):
        for a in summary.alignments:
            if a.target == framework:
                found.append({"id": summary.id, "title": summary.title or summary.id, "type": a.type,
                              "status": a.status, "date": a.date, "decisions": a.decisions})
    return sorted(found, key=lambda f: (f["type"], f["id"]))


def ladder_partner(detail: dict[str, Any]) -> str | None:
    """The framework a framework's page offers its ladder against: its first referencing target (or the
    first framework compared with it)."""
    referencing = detail.get("referencing") or []
    preferred = [a for a in referencing if a["type"] == "referencing"] + [a for a in referencing if a["type"] != "referencing"]
    return preferred[0]["target"] if preferred else None


# -- the drawing -----------------------------------------------------------------------------------------------
# In pixels: a box's height, the step from one box to the next, the space above the first box (column heads),
# the gap between columns (where the lines run), the lane before a column that is reached from further left
# (where the labels of those lines stand), the margin around the drawing, and a box's width within bounds.
BOX_HEIGHT, STEP, TOP, GAP, MARGIN = 26, 32, 46, 76, 10
BOX_MIN, BOX_MAX, CHAR, PAD = 96, 170, 7, 8
LANE_MIN, LABEL_CHAR, LABEL_CHARS = 56, 6.5, 22  # a lane's label: 11px text, cut at LABEL_CHARS (whole in its title)
NONE_TEXT = "no counterpart"


@dataclass
class Box:
    """A level drawn as a box (its top-left corner), linking to the level's page; or, with ``level`` set to
    ``none:FRAMEWORK``, the place at the foot of a column where the lines of "no counterpart" end."""

    x: int
    y: int
    level: str
    text: str
    framework: str
    width: int = BOX_MIN

    @property
    def none(self) -> bool:
        return self.level.startswith("none:")


@dataclass
class Line:
    """A line between two comparable levels (or, with ``none`` set, to the "no counterpart" place of a column),
    linking to the path and sources of the first answer it draws. Between neighbouring columns it runs from box to
    box; to a column further away it would cross the columns between, so it is drawn only in the lane before its
    right end, under a ``label`` naming its left end ("EQF 6"): the reader follows it by name, not by eye."""

    points: list[tuple[int, int]]
    strength: str
    unofficial: bool
    anchor: str
    title: str
    start: str  # the level ids at its ends, left one first (the end is "none:FRAMEWORK" for no counterpart)
    end: str
    none: bool = False
    label: str | None = None  # only on a line to a column that is not the neighbour of its left end
    label_at: tuple[int, int] | None = None

    @property
    def adjacent(self) -> bool:
        return self.label is None

    @property
    def x1(self) -> int:
        return self.points[0][0]

    @property
    def y1(self) -> int:
        return self.points[0][1]

    @property
    def x2(self) -> int:
        return self.points[-1][0]

    @property
    def y2(self) -> int:
        return self.points[-1][1]

    @property
    def svg_points(self) -> str:
        return " ".join(f"{x},{y}" for x, y in self.points)


@dataclass
class Head:
    """A column's heading: the centre of the column, the short name, the framework id, whether it was asked."""

    x: int
    name: str
    framework: str
    asked: bool
    title: str


@dataclass
class Drawing:
    """Everything the SVG shows, in pixels: no layout is left to the browser or to a script."""

    width: int
    height: int
    heads: list[Head]
    boxes: list[Box]
    lines: list[Line]

    @property
    def headers(self) -> list[tuple[int, str, str, bool]]:
        return [(h.x, h.name, h.framework, h.asked) for h in self.heads]


def row_anchor(level: str) -> str:
    """The id of a level's row in the text table (``row-ie-nfq-8``)."""
    return "row-" + "".join(c if c.isalnum() or c == "-" else "-" for c in level.replace(":", "-"))


def answer_anchor(level: str, framework: str, index: int) -> str:
    """The id of one answer's path and sources in the text table (inside a ``<details>``, which the browser opens
    when a link leads there): a line of the drawing links to it."""
    return f"{row_anchor(level)}--{framework}--{index}"


def _fit(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[:chars - 1] + "…"


def _label(sources: list[str], ladder: Ladder) -> str:
    """``["eqf:5", "eqf:6", "ie-nfq:8"]`` as "EQF 5, 6 · NFQ 8": the left ends of the lines into one box."""
    by_fw: dict[str, list[str]] = defaultdict(list)
    for level in sources:
        by_fw[level.split(":", 1)[0]].append(_notation(level))
    short = {c.id: c.short if len(c.short) <= 8 else c.id for c in ladder.columns}
    return " · ".join(f"{short.get(fw, fw)} {', '.join(sorted(set(n), key=ids.natural_key))}"
                      for fw, n in by_fw.items())


def drawing(ladder: Ladder) -> Drawing:
    """Each column's levels as boxes (highest rank on top, columns aligned at the bottom, in the order of
    ``ladder.columns``), and a line for each step of each answer's path: level to reference level to level, as
    the referencing reports draw it. A step between columns that are not neighbours is drawn in the lane before
    its right end, labelled with its left end's level, so that no line crosses a column."""
    index = {c.id: i for i, c in enumerate(ladder.columns)}
    ranked = [sorted(c.rungs, key=lambda r: (r.rank if r.rank is not None else 0), reverse=True)
              for c in ladder.columns]
    column_of = {r.id: i for i, rungs in enumerate(ranked) for r in rungs}
    texts = {r.id: _fit(r.label or r.notation, (BOX_MAX - 2 * PAD) // CHAR) for rungs in ranked for r in rungs}
    # every step of every path, left end first: (left, right) -> the answers drawn through it
    steps: dict[tuple[str, str], list[tuple[Row, str, int, Comparable]]] = {}
    for row in ladder.rows:
        for framework, answers in row.answers.items():
            for k, a in enumerate(answers):
                path = [s for s in a.via if s in column_of]
                if a.level is None and path and framework in index:
                    path.append("none:" + framework)
                for p, q in pairwise(path):
                    ip = column_of.get(p, index.get(p[5:], 0))
                    iq = column_of.get(q, index.get(q[5:], 0))
                    if ip == iq:
                        continue
                    key = (p, q) if ip < iq else (q, p)
                    steps.setdefault(key, []).append((row, framework, k, a))

    def col(level: str) -> int:  # a level's column (a "none:FRAMEWORK" place is at the foot of that framework's)
        return column_of[level] if level in column_of else index[level[5:]]

    into: dict[str, list[str]] = defaultdict(list)  # the left ends of the lines drawn in the lane before a box
    for left, right in steps:
        if col(left) < col(right) - 1:
            into[right].append(left)
    labels = {right: _fit(_label(lefts, ladder), LABEL_CHARS) for right, lefts in into.items()}
    lane = [0] * len(ladder.columns)
    for right, label in labels.items():
        lane[col(right)] = max(lane[col(right)], LANE_MIN, int(len(label) * LABEL_CHAR) + 14)
    nones = {index[q[5:]] for _, q in steps if q.startswith("none:")}
    # x of each column, its width
    xs, widths, x = [], [], MARGIN
    for i, rungs in enumerate(ranked):
        x += (GAP if i else 0) + lane[i]
        longest = max([len(texts[r.id]) for r in rungs] + ([len(NONE_TEXT)] if i in nones else []), default=0)
        width = max(BOX_MIN, min(BOX_MAX, longest * CHAR + 2 * PAD))
        xs.append(x)
        widths.append(width)
        x += width
    tallest = max((len(r) for r in ranked), default=0)
    place: dict[str, tuple[int, int]] = {}  # level id -> (x, y) of its box
    boxes: list[Box] = []
    heads: list[Head] = []
    for i, (column, rungs) in enumerate(zip(ladder.columns, ranked, strict=True)):
        name = column.short if len(column.short) * 8 <= widths[i] + GAP - 8 else column.id
        heads.append(Head(xs[i] + widths[i] // 2, name, column.id, column.asked, column.title))
        for j, rung in enumerate(rungs):
            y = TOP + (tallest - len(rungs) + j) * STEP
            place[rung.id] = (xs[i], y)
            boxes.append(Box(xs[i], y, rung.id, texts[rung.id], column.id, widths[i]))
        if i in nones:
            y = TOP + tallest * STEP + 8
            place["none:" + column.id] = (xs[i], y)
            boxes.append(Box(xs[i], y, "none:" + column.id, NONE_TEXT, column.id, widths[i]))
    middle = BOX_HEIGHT // 2
    lines: list[Line] = []
    for (left, right), drawn in steps.items():
        row, framework, k, a = drawn[0]
        strength = "partial" if any(d[3].strength == "partial" for d in drawn) else drawn[0][3].strength
        if right.startswith("none:"):
            strength = "no-counterpart"
        unofficial = all(any(s != "accepted" for s in d[3].statuses) for d in drawn)
        title = " → ".join(a.via) + (f" → none in {framework}" if a.level is None else "")
        (xl, yl), (xr, yr) = place[left], place[right]
        i, j = col(left), col(right)
        end = (xr, yr + middle)
        if j == i + 1:  # neighbours: box to box, through the lane (if any) on the level of the right box
            start = (xl + widths[i], yl + middle)
            points = [start, (xr - lane[j], yr + middle), end] if lane[j] else [start, end]
            label, label_at = None, None
        else:
            points = [(xr - lane[j] + 4, yr + middle), end]
            label, label_at = labels[right], (xr - lane[j] + 4, yr + middle - 4)
            title += f" (the line comes from {_label([left], ladder)}, further left)"
        if unofficial:
            title += " (from decisions that are not accepted)"
        lines.append(Line(points, strength, unofficial, answer_anchor(row.level.id, framework, k),
                          title, left, right, none=right.startswith("none:"), label=label, label_at=label_at))
    # a box reached from several columns away gets one label, on its first line
    seen: set[str] = set()
    for line in lines:
        if line.label is not None:
            if line.end in seen:
                line.label, line.label_at = "", None
            seen.add(line.end)
    width = xs[-1] + widths[-1] + MARGIN if xs else 2 * MARGIN
    height = TOP + tallest * STEP + (BOX_HEIGHT + 16 if nones else 0) + MARGIN
    return Drawing(width, height, heads, boxes, lines)
