"""The one place where qualgraph IRIs are built and parsed.

Every framework, level and decision gets a readable, stable IRI under ``qgid:`` (see docs/model.md),
so that loaders, templates, the CLI and the web pages agree on names without looking them up.
"""

from __future__ import annotations

import re
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


def slugify(text: str) -> str:
    """A lower-case slug from free text ('Ireland QQI' -> 'ireland-qqi')."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


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
