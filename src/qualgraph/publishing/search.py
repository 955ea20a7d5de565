"""Search: one box across titles, acronyms, level names and notations, qualification titles, in every language.

People do not know qualgraph's ids. An officer types ``Irish 8``, ``NFQ 8`` or ``ie-nfq:8`` and expects Ireland's
NFQ level 8; ``Niveau 5`` finds the French levels named so; ``Philippine`` finds the PQF. :class:`SearchIndex`
reads the names once after each change of the store, as the comparability index does, and answers from memory:
the names of frameworks, levels and organisations (``queries/search-index.rq``, small: the level fields, the
labels of the pages and "did you mean" need only these), and, for a search that may find them, those of the
qualifications and standards too (``queries/search-records.rq``; ~2 s to read at a million triples). Each is an
inverted index from word to records, where a query word matches a word of a record's names (or, for a level, of
its framework's names and id) that it equals or begins (numbers must be equal: ``8`` does not find level 80). Every word of the query must match. Ranking: an id written exactly, then
records whose own names match best, then frameworks before their levels.

The same index gives the command line's "did you mean" (:func:`did_you_mean`) and the level field's
suggestions (``kind="level"``).
"""

from __future__ import annotations

import bisect
import re
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from .. import ids
from ..queries import load_query
from ..store import GraphStore
from ..store.derived import PerStore
from ..vocab import QG

KINDS = {str(QG.QualificationsFramework): "framework", str(QG.Level): "level", str(QG.Qualification): "qualification",
         str(QG.CompetencyStandard): "standard", "http://www.w3.org/ns/org#Organization": "organisation"}
_KIND_ORDER = {k: i for i, k in enumerate(("framework", "level", "qualification", "standard", "organisation"))}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents, so ``Niveau``, ``niveau`` and ``NIVEAU`` match, as ``Việt`` and ``viet``."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of a text, folded (``ie-nfq:8`` gives ``ie``, ``nfq``, ``8``)."""
    return _WORD.findall(fold(text))


@dataclass
class Record:
    """One thing that can be found, with every name it has."""

    iri: str
    kind: str
    names: dict[str, list[str]] = field(default_factory=dict)  # language tag ("" for none) -> names
    framework: str | None = None  # for a level: its framework's IRI

    @property
    def id(self) -> str:
        """The qualgraph id (``ie-nfq``, ``ie-nfq:8``, ``ph-pqf:masonry-nc2``), else the IRI."""
        record_id_of = getattr(ids, "record_id_of", None)  # qualifications' ids (issue 12), where ids.py has them
        return ids.level_id_of(self.iri) or ids.framework_slug_of(self.iri) \
            or (record_id_of(self.iri) if record_id_of else None) or self.iri

    def name(self, language: str = "en") -> str:
        """Its name in ``language``, else English, else any: the title or label, not an acronym or notation."""
        for lang in (language, "en", ""):
            if self.names.get(lang):
                return self.names[lang][0]
        return next((n[0] for n in self.names.values() if n), self.id)


@dataclass
class Hit:
    """One search result."""

    record: Record
    score: float
    matched: str
    framework_name: str | None

    def to_json(self, language: str = "en") -> dict[str, object]:
        return {"id": self.record.id, "iri": self.record.iri, "kind": self.record.kind,
                "name": self.record.name(language), "framework": self.framework_name, "matched": self.matched}


class SearchIndex:
    """Every name of the searchable records, by word (built from the store once per change)."""

    def __init__(self, store: GraphStore, *, full: bool = True) -> None:
        started = time.perf_counter()
        self.generation = store.generation
        self.built_at = time.monotonic()
        self.max_age = store.derived_max_age
        self.full = full
        records: dict[str, Record] = {}
        labels: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        short: dict[str, list[str]] = defaultdict(list)  # acronyms, notations, identifiers
        rows = store.select_values(load_query("search-index"))
        if full:
            rows += store.select_values(load_query("search-records"))
        for r in rows:
            kind = KINDS.get(r["type"])
            if kind is None:
                continue
            record = records.get(r["thing"])
            if record is None or _KIND_ORDER[kind] < _KIND_ORDER[record.kind]:
                record = records[r["thing"]] = Record(r["thing"], kind, framework=r.get("scheme"))
            text = r["text"]
            if len(text) <= 12 and (text.upper() == text or text.isdigit() or ":" in text or "-" in text):
                short[r["thing"]].append(text)
            else:
                labels[r["thing"]][r.get("lang", "")].append(text)
        self.records: list[Record] = []
        own: list[set[str]] = []
        for iri, record in records.items():
            record.names = {lang: sorted(names) for lang, names in labels[iri].items()}
            if not record.names and short[iri]:
                record.names = {"": sorted(short[iri])}
            self.records.append(record)
            found = {w for names in labels[iri].values() for n in names for w in words(n)}
            found |= {w for n in short[iri] for w in words(n)} | set(words(record.id))
            own.append(found)
        at = {r.iri: i for i, r in enumerate(self.records)}
        self.own = own
        self.context: list[set[str]] = [
            own[at[r.framework]] if r.framework in at else set() for r in self.records]
        postings: dict[str, set[int]] = defaultdict(set)
        for i, found in enumerate(own):
            for w in found | self.context[i]:
                postings[w].add(i)
        self.postings = dict(postings)
        self.words = sorted(postings)
        self.by_iri = {r.iri: r for r in self.records}
        self.seconds = time.perf_counter() - started

    def is_current(self, store: GraphStore) -> bool:
        if self.generation != store.generation:
            return False
        return self.max_age is None or time.monotonic() - self.built_at <= self.max_age

    def _matching(self, word: str) -> set[int]:
        """Records with a word equal to ``word`` or (unless it is a number) beginning with it."""
        if word.isdigit():
            return set(self.postings.get(word, ()))
        found: set[int] = set()
        start = bisect.bisect_left(self.words, word)
        for w in self.words[start:]:
            if not w.startswith(word):
                break
            found |= self.postings[w]
        return found

    def search(self, text: str, *, kinds: set[str] | None = None, limit: int = 20,
               language: str = "en") -> list[Hit]:
        """The records matching every word of ``text`` (of ``kinds`` when given), best first."""
        query = words(text)
        if not query:
            return []
        candidates: set[int] | None = None
        for word in query:
            found = self._matching(word)
            candidates = found if candidates is None else candidates & found
            if not candidates:
                return []
        exact = _exact_id(text)
        folded = fold(text.strip())
        hits = []
        for i in candidates or ():
            record = self.records[i]
            if kinds and record.kind not in kinds:
                continue
            own = self.own[i]
            score = sum(3.0 if w in own else 1.0 if any(o.startswith(w) for o in own) else 0.5 for w in query)
            names = [n for ns in record.names.values() for n in ns]
            if record.id == exact:
                score += 100
            if any(fold(n) == folded for n in names):
                score += 10
            score -= _KIND_ORDER[record.kind] * 0.1
            framework = self.by_iri.get(record.framework or "")
            matched = next((n for n in names if all(w in words(n) for w in query)), record.name(language))
            hits.append(Hit(record, score, matched, framework.name(language) if framework else None))
        hits.sort(key=lambda h: (-h.score, _KIND_ORDER[h.record.kind], ids.natural_key(h.record.id)))
        return hits[:limit]


def _exact_id(text: str) -> str | None:
    text = text.strip().lower()
    try:
        return str(ids.LevelId.parse(text)) if ":" in text else ids.check_slug(text)
    except ids.InvalidId:
        return None


CORE_KINDS = frozenset({"framework", "level", "organisation"})
"""What the small index holds (``queries/search-index.rq``)."""
_INDEXES: dict[bool, PerStore[SearchIndex]] = {
    full: PerStore(lambda store, full=full: SearchIndex(store, full=full)) for full in (False, True)}


def search_index(store: GraphStore, *, full: bool = False) -> SearchIndex:
    """The store's current search index (``full``: with the qualifications and standards), built on first use
    and after each write (one build at a time)."""
    return _INDEXES[full].get(store)


class SearchTooLong(ValueError):
    """A search text longer than ``max_search_chars``."""


def search(store: GraphStore, text: str, *, kinds: set[str] | None = None, limit: int = 20,
           max_chars: int = 200, language: str = "en") -> list[Hit]:
    """What ``text`` finds (see the module's docstring); raises :class:`SearchTooLong` past ``max_chars``."""
    if len(text) > max_chars:
        raise SearchTooLong(f"a search holds at most {max_chars} characters; this one has {len(text)}")
    full = kinds is None or not kinds <= CORE_KINDS
    return search_index(store, full=full).search(text, kinds=kinds, limit=limit, language=language)


def resolve_level(store: GraphStore, text: str) -> list[str]:
    """The level ids that ``text`` may mean: the id itself when it is one, else the best search results among
    levels (one when one is clearly best). For the level fields of the forms: ``Irish 8`` gives ``ie-nfq:8``."""
    hits = search(store, text, kinds={"level"}, limit=10)
    if not hits:
        return []
    if len(hits) == 1 or hits[0].score > hits[1].score:
        return [hits[0].record.id]
    return [h.record.id for h in hits if h.score == hits[0].score]


def did_you_mean(store: GraphStore, text: str, kinds: set[str], limit: int = 5) -> list[str]:
    """Ids of frameworks or levels whose names match ``text`` (titles, acronyms), for an unknown id."""
    try:
        return [h.record.id for h in search(store, text.replace(":", " "), kinds=kinds, limit=limit)]
    except SearchTooLong:
        return []
