"""The one check of whether a string is an IRI qualgraph may write between ``<`` and ``>``.

An IRI (RFC 3987, https://www.rfc-editor.org/rfc/rfc3987) never holds the characters RFC 3986 leaves out of
URIs (https://www.rfc-editor.org/rfc/rfc3986#section-2: spaces, control characters and ``<>"{}|^`\\``), and
SPARQL's ``IRIREF`` (https://www.w3.org/TR/sparql11-query/#rIRIREF), Turtle and N-Triples forbid exactly
those, so an IRI that passes cannot break out of ``<...>`` in a query or a document, nor into an HTTP header.
An absolute IRI starts with a scheme (RFC 3986 §3.1: a letter, then letters, digits, ``+``, ``-``, ``.``) and
a colon. This is a check of the characters and the scheme, not a full RFC 3987 parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]|\s')


def is_iri(text: str, *, absolute: bool = True, schemes: Iterable[str] | None = None) -> bool:
    """Whether ``text`` is an IRI: none of the characters RFC 3986 §2 excludes (nor any other whitespace),
    and, when ``absolute``, a scheme (RFC 3986 §3.1); ``schemes`` limits it to those schemes (``http``,
    ``https``) followed by ``//`` and an authority."""
    if not text or _FORBIDDEN.search(text):
        return False
    if schemes is not None:
        scheme, sep, rest = text.partition(":")
        return bool(sep) and scheme in set(schemes) and rest.startswith("//") and len(rest) > 2
    return not absolute or _SCHEME.match(text) is not None
