"""Languages: which language a page's labels are shown in, from ``?lang=`` and ``Accept-Language``.

The data holds names in several languages (a French level is ``Niveau 5``@fr, Indonesia's framework
``Kerangka Kualifikasi Nasional Indonesia``@id). A reader chooses with ``?lang=fr`` (the language switch on every
page) or by the browser's ``Accept-Language``; a label missing in that language falls back to English, then to a
label without a language, then to any. The words of the pages themselves stay English: only the data's labels
change, and each carries a ``lang`` attribute when it is not English.
"""

from __future__ import annotations

import re

from ..store import GraphStore

DEFAULT = "en"
NAMES: dict[str, str] = {"en": "English", "fr": "Français", "id": "Bahasa Indonesia", "de": "Deutsch",
                         "ms": "Bahasa Melayu", "vi": "Tiếng Việt", "th": "ไทย", "fil": "Filipino", "km": "ខ្មែរ",
                         "lo": "ລາວ", "es": "Español", "pt": "Português", "ga": "Gaeilge", "cy": "Cymraeg",
                         "gd": "Gàidhlig", "mi": "Te Reo Māori", "sm": "Gagana Samoa", "to": "Lea Faka-Tonga",
                         "da": "Dansk", "el": "Ελληνικά", "et": "Eesti", "fi": "Suomi", "is": "Íslenska",
                         "it": "Italiano", "lt": "Lietuvių", "nl": "Nederlands", "sl": "Slovenščina", "sv": "Svenska"}
"""Each language's name in itself, for the switch (a tag not listed is shown as it is)."""

_TAG = re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$")


def available(store: GraphStore) -> list[str]:
    """The languages the data's names are in (English first, then by tag)."""
    from .search import search_index

    found = {lang.split("-")[0].lower() for record in search_index(store).records for lang in record.names if lang}
    return [DEFAULT] + sorted(found - {DEFAULT})


def negotiate(asked: str | None, accept_language: str | None, languages: list[str]) -> str:
    """The language to show: ``asked`` (``?lang=``) if the data has it, else the best of ``Accept-Language``
    that it has, else English."""
    if asked and _TAG.match(asked.strip()):
        primary = asked.strip().split("-")[0].lower()
        if primary in languages:
            return primary
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if tag and q > 0 and (tag == "*" or _TAG.match(tag)):
            ranked.append((-q, position, tag.split("-")[0].lower()))
    for _, _, primary in sorted(ranked):
        if primary in languages:
            return primary
    return DEFAULT


def pick(labels: dict[str, str] | dict[str, list[str]], language: str) -> tuple[str | None, str]:
    """The label in ``language``, else English, else without a language, else any; with its language tag."""
    def first(value: str | list[str]) -> str:
        return value[0] if isinstance(value, list) else value

    by_primary = {tag.split("-")[0].lower(): tag for tag in labels if tag}
    for wanted in (language, DEFAULT):
        if wanted in by_primary and labels[by_primary[wanted]]:  # type: ignore[index]
            return first(labels[by_primary[wanted]]), by_primary[wanted]  # type: ignore[index]
    if labels.get(""):
        return first(labels[""]), ""  # type: ignore[index]
    for tag, value in labels.items():
        if value:
            return first(value), tag
    return None, ""
