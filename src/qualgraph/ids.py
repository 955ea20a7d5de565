"""The one place where qualgraph IRIs are built and parsed.

Every framework, level and decision gets a readable, stable IRI under ``qgid:`` (see docs/model.md),
so that loaders, templates, the CLI and the web pages agree on names without looking them up.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, unquote

from rdflib import URIRef

from .vocab import GRAPH_BASE, QGID

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ID = str(QGID)


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """The sort key of level notations and ids written with numbers: ``Level 9`` before ``Level 10``,
    ``ie-nfq:9`` before ``ie-nfq:10``, ``4`` before ``4a`` before ``5`` (runs of digits compare as numbers,
    and before text at the same place)."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part)


class InvalidId(ValueError):
    """A framework slug or level id that cannot name anything in qualgraph."""


class UnknownId(LookupError):
    """A well-formed framework or level id that names nothing in the graph; ``suggestions`` holds the closest
    ids (the API answers 404 with them, the pages and the command line offer them)."""

    def __init__(self, message: str, suggestions: list[str]) -> None:
        super().__init__(message)
        self.suggestions = suggestions


def _seg(text: str) -> str:
    """One path segment: keep readable characters, percent-encode the rest."""
    return quote(str(text).strip(), safe="-._~")


_LETTERS_SPELLED_OUT = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th",
                                      "ł": "l", "ı": "i", "ħ": "h"})
"""Latin letters that Unicode does not decompose into a base letter and an accent."""


def slugify(text: str) -> str:
    """A lower-case ASCII slug from free text: 'Ireland QQI' -> 'ireland-qqi', 'Autonomia e responsabilità' ->
    'autonomia-e-responsabilita', 'Põhikooli lõputunnistus' -> 'pohikooli-loputunnistus'.

    Accents are dropped rather than the letters that carry them, so that a name in its framework's own language
    keeps its words in the IRI (before, 'responsabilità' became 'responsabilit'). A text in another script (Greek,
    Thai, Khmer) gets a slug from its digest, stable and distinct, instead of what is left once its letters are
    dropped ('Επίπεδο 5' was '5', and an all-Thai name was empty)."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS_SPELLED_OUT))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    if not any(c.isalpha() and not c.isascii() for c in plain):
        return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return "u-" + hashlib.sha256(unicodedata.normalize("NFC", text.strip().lower()).encode()).hexdigest()[:12]


def check_slug(slug: str) -> str:
    if not SLUG_RE.match(slug):
        raise InvalidId(
            f"{slug!r} is not a framework id: use short lower-case words joined by '-', "
            "with the country first for a national framework (e.g. 'ph-pqf', 'ie-nfq')"
        )
    return slug


def framework_iri(slug: str) -> URIRef:
    return URIRef(f"{_ID}framework/{check_slug(slug)}")


def level_iri(slug: str, notation: str) -> URIRef:
    notation = str(notation).strip()
    if not notation:
        raise InvalidId(f"a level of {slug!r} needs a notation (e.g. '{slug}:5')")
    return URIRef(f"{_ID}framework/{check_slug(slug)}/level/{_seg(notation)}")


def domain_iri(slug: str, domain: str) -> URIRef:
    return URIRef(f"{_ID}framework/{check_slug(slug)}/domain/{slugify(domain)}")


def descriptor_iri(slug: str, notation: str, domain: str) -> URIRef:
    return URIRef(f"{level_iri(slug, notation)}/descriptor/{slugify(domain)}")


def qualification_type_iri(slug: str, notation: str, name: str) -> URIRef:
    """framework/{slug}/level/{notation}/type/{type-slug}: a type is named at its level, so the same name at two
    levels (GCSEs at CQFW 1 and 2) is two records, each citing the page that places it there (docs/model.md)."""
    type_slug = slugify(name)
    if not type_slug:
        raise InvalidId(f"a qualification type needs a name with a letter or a digit, not {name!r}")
    return URIRef(f"{level_iri(slug, notation)}/type/{type_slug}")


def alignment_iri(source_slug: str, target_slug: str) -> URIRef:
    return URIRef(f"{_ID}alignment/{check_slug(source_slug)}/{check_slug(target_slug)}")


def correspondence_iri(
    source_slug: str,
    source_notation: str,
    target_slug: str,
    target_notation: str | None,
    decided: str | None = None,
) -> URIRef:
    """A level correspondence; the decision date keeps a later decision apart from a superseded one."""
    target = _seg(target_notation) if target_notation else "none"
    iri = f"{_ID}correspondence/{check_slug(source_slug)}/{_seg(source_notation)}/{check_slug(target_slug)}/{target}"
    if decided:
        iri += f"/{_seg(decided)}"
    return URIRef(iri)


def organisation_iri(slug: str) -> URIRef:
    return URIRef(f"{_ID}organisation/{check_slug(slug)}")


def qualification_iri(framework_slug: str, code: str) -> URIRef:
    return URIRef(f"{_ID}qualification/{check_slug(framework_slug)}/{_seg(code)}")


def standard_iri(slug: str) -> URIRef:
    return URIRef(f"{_ID}standard/{_seg(slug)}")


def unit_iri(code: str) -> URIRef:
    return URIRef(f"{_ID}unit/{_seg(code)}")


def accreditation_iri(slug: str) -> URIRef:
    return URIRef(f"{_ID}accreditation/{_seg(slug)}")


def graph_iri(name: str) -> URIRef:
    """The named graph that holds one loaded source (its path relative to the load root)."""
    return URIRef(GRAPH_BASE + "/".join(_seg(p) for p in name.strip("/").split("/")))


@dataclass(frozen=True)
class LevelId:
    """A level written the qualgraph way, ``framework:notation`` (``ie-nfq:8``, ``uk-rqf:E3``)."""

    framework: str
    notation: str

    @classmethod
    def parse(cls, text: str) -> "LevelId":
        framework, sep, notation = text.strip().partition(":")
        if not sep or not notation:
            raise InvalidId(f"{text!r} is not a level id: write FRAMEWORK:LEVEL, e.g. 'ph-pqf:5' or 'uk-rqf:E3'")
        return cls(check_slug(framework.lower()), notation.strip())

    @property
    def iri(self) -> URIRef:
        return level_iri(self.framework, self.notation)

    def __str__(self) -> str:
        return f"{self.framework}:{self.notation}"


_LEVEL_IRI_RE = re.compile(re.escape(_ID) + r"framework/([a-z0-9-]+)/level/([^/]+)$")
_FRAMEWORK_IRI_RE = re.compile(re.escape(_ID) + r"framework/([a-z0-9-]+)$")


def level_id_of(iri: str) -> str | None:
    """``ie-nfq:8`` for a qualgraph level IRI; None for any other IRI."""
    m = _LEVEL_IRI_RE.match(str(iri))
    return f"{m.group(1)}:{unquote(m.group(2))}" if m else None


def framework_slug_of(iri: str) -> str | None:
    m = _FRAMEWORK_IRI_RE.match(str(iri))
    return m.group(1) if m else None


# -- recognition: qualifications, competency standards and units, benchmarking, agreements, roadmaps ---------------
CODE_RE = re.compile(r"^[A-Za-z0-9._-]+$")
"""A code within a framework or a standard (a qualification's ``CPC33020``, a unit's ``CON711318``)."""


def check_code(code: str, what: str = "code") -> str:
    code = str(code).strip()
    if not CODE_RE.match(code):
        raise InvalidId(f"{code!r} is not a {what}: use letters, digits, '.', '_' and '-' only (e.g. 'CPC33020')")
    return code


def standard_unit_iri(standard: str, code: str) -> URIRef:
    """A unit of competency, named within its standard (``STANDARD:CODE``): the same code may be used by two
    standards (TESDA's common units appear in several Training Regulations)."""
    return URIRef(f"{_ID}unit/{check_slug(standard)}/{_seg(check_code(code, 'unit code'))}")


def agreement_iri(slug: str) -> URIRef:
    return URIRef(f"{_ID}agreement/{check_slug(slug)}")


def benchmarking_iri(standard: str, code: str, compared_standard: str, compared_code: str | None,
                     decided: str | None = None) -> URIRef:
    """A benchmarking decision between two units; like a level correspondence, its date keeps a later decision
    apart from a superseded one, and ``none`` stands for the compared unit of a no-counterpart outcome."""
    target = _seg(compared_code) if compared_code else "none"
    iri = f"{_ID}benchmarking/{check_slug(standard)}/{_seg(code)}/{check_slug(compared_standard)}/{target}"
    if decided:
        iri += f"/{_seg(decided)}"
    return URIRef(iri)


def roadmap_iri(slug: str) -> URIRef:
    return URIRef(f"{_ID}roadmap/{check_slug(slug)}")


def roadmap_step_iri(slug: str, notation: str) -> URIRef:
    return URIRef(f"{_ID}roadmap/{check_slug(slug)}/step/{_seg(notation)}")


def progress_iri(agreement: str, step: str) -> URIRef:
    """A corridor's progress on one step of its roadmap."""
    return URIRef(f"{_ID}agreement/{check_slug(agreement)}/progress/{_seg(step)}")


@dataclass(frozen=True)
class RecordId:
    """A qualification (``FRAMEWORK:CODE``: ``ph-pqf:masonry-nc2``) or a unit (``STANDARD:CODE``:
    ``ph-tesda-masonry-nc2:CON711318``), written the qualgraph way."""

    scope: str
    code: str

    @classmethod
    def parse(cls, text: str, what: str = "qualification") -> RecordId:
        scope, sep, code = str(text).strip().partition(":")
        example = "ph-pqf:masonry-nc2" if what == "qualification" else "ph-tesda-masonry-nc2:CON711318"
        owner = "FRAMEWORK" if what == "qualification" else "STANDARD"
        if not sep or not code:
            raise InvalidId(f"{text!r} is not a {what} id: write {owner}:CODE, e.g. {example!r}")
        return cls(check_slug(scope.strip().lower()), check_code(code, f"{what} code"))

    @property
    def qualification_iri(self) -> URIRef:
        return qualification_iri(self.scope, self.code)

    @property
    def unit_iri(self) -> URIRef:
        return standard_unit_iri(self.scope, self.code)

    def __str__(self) -> str:
        return f"{self.scope}:{self.code}"


_RECORD_IRI_RE = re.compile(re.escape(_ID) + r"(qualification|unit|standard|agreement|organisation)/([^/]+)(?:/([^/]+))?$")


def record_id_of(iri: str) -> str | None:
    """The id people write for a recognition record's IRI: ``ph-pqf:masonry-nc2`` (qualification),
    ``ph-tesda-masonry-nc2:CON711318`` (unit), ``ph-tesda-masonry-nc2`` (standard), ``asean-mra-engineering``
    (agreement), ``ph-tesda`` (organisation); None for any other IRI."""
    m = _RECORD_IRI_RE.match(str(iri))
    if not m:
        return None
    kind, first, second = m.groups()
    if kind in ("qualification", "unit"):
        return f"{unquote(first)}:{unquote(second)}" if second else None
    return None if second else unquote(first)
