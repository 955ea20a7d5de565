"""Media types and HTTP content negotiation: which of the media types we can produce does the client prefer?

Implements the ``Accept`` rules of RFC 9110 §12.5.1 (https://www.rfc-editor.org/rfc/rfc9110#section-12.5.1):
media ranges with ``q`` weights, ``type/*`` and ``*/*`` wildcards, ``q=0`` meaning "not acceptable", and the
most specific matching range deciding the weight of a type. Ties are broken by how specific the match is, then
by the order the client wrote, then by the order of our offers (the server's preference).

This module imports nothing but the standard library: the query worker processes use it too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    """One element of an Accept header, e.g. ``text/turtle;q=0.9``."""

    type: str
    subtype: str
    q: float
    position: int

    @property
    def specificity(self) -> int:
        """2 for ``type/subtype``, 1 for ``type/*``, 0 for ``*/*``."""
        if self.type == "*":
            return 0
        return 1 if self.subtype == "*" else 2

    def matches(self, media_type: str) -> bool:
        mtype, _, msub = media_type.partition("/")
        return (self.type in ("*", mtype)) and (self.subtype in ("*", msub))


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header, sorted best first; no header means ``*/*``.

    Malformed elements are skipped rather than rejected (browsers and old clients send odd headers), a
    malformed ``q`` counts as 1, and parameters other than ``q`` (``charset``, ``profile``) are ignored.
    """
    if header is None or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges: list[MediaRange] = []
    for position, element in enumerate(header.split(",")):
        parts = [p.strip() for p in element.split(";")]
        media = parts[0].lower()
        if media == "*":  # some clients send a bare "*"
            media = "*/*"
        mtype, sep, msub = media.partition("/")
        if not sep or not mtype or not msub or (mtype == "*" and msub != "*"):
            continue
        q = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 1.0
                break  # RFC 9110: what follows q are accept-extensions, not media type parameters
        ranges.append(MediaRange(mtype, msub, q, position))
    ranges.sort(key=lambda r: (-r.q, -r.specificity, r.position))
    return ranges


def choose(
    accept: str | Sequence[MediaRange] | None,
    offers: Sequence[str],
    aliases: Mapping[str, str] | None = None,
) -> str | None:
    """The offer the client prefers, or None when it accepts none of them (answer 406).

    ``offers`` are canonical media types in the server's order of preference (the first is what ``*/*``
    gets). ``aliases`` maps other names a client may use to one of the offers, e.g. ``application/json``
    to ``application/sparql-results+json``; an alias matches only when written exactly (no wildcard).
    """
    ranges = parse_accept(accept) if accept is None or isinstance(accept, str) else list(accept)
    names: list[tuple[str, str]] = [(o, o) for o in offers]
    for alias, target in (aliases or {}).items():
        if target in offers:
            names.append((alias, target))
    best: tuple[float, int, int, int] | None = None
    chosen: str | None = None
    for order, offer in enumerate(offers):
        # The weight of an offer is that of the most specific range matching it (or one of its aliases).
        match: MediaRange | None = None
        for name, target in names:
            if target != offer:
                continue
            for r in ranges:
                if name != offer and r.specificity < 2:
                    continue  # a wildcard already matched the canonical name
                if r.matches(name) and (match is None or r.specificity > match.specificity):
                    match = r
        if match is None or match.q <= 0:
            continue
        key = (match.q, match.specificity, -match.position, -order)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen
