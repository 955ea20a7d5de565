"""The web package's page assets: the one Jinja environment (``templates/``) and the static files (``static/``).

Every route module that renders HTML (the linked-data pages, the query page, the validation report) uses
:func:`templates` or :func:`render` from here, so there is one environment, configured once, with the filters
the templates use (``href``, ``curie``, ``idhref`` from :mod:`qualgraph.linked_data`). The static files are
served by :func:`static_files`, mounted at ``/static`` by :func:`qualgraph.web.app.create_app`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from ..linked_data import curie, id_href, local_href
from ..publishing.ladders import ROUTE_WORDS, STRENGTH_WORDS
from ..vocab import STATUSES
from .languages import label, language_switch

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
STATIC_CACHE_CONTROL = "public, max-age=3600"


@lru_cache(maxsize=1)
def templates() -> Environment:
    """The Jinja environment for ``templates/`` (created once)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["href"] = local_href
    env.filters["curie"] = curie
    env.filters["idhref"] = id_href
    env.globals["statuses"] = STATUSES
    env.globals["label"] = label  # the data's labels in the reader's language (web/languages.py)
    env.globals["language_switch"] = language_switch
    env.globals["strength_words"] = STRENGTH_WORDS  # plain words for the derivation's terms (publishing/ladders.py)
    env.globals["route_words"] = ROUTE_WORDS
    return env


def render(name: str, status_code: int = 200, headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
    """The template ``name`` rendered with ``context``, as an HTML response."""
    return HTMLResponse(templates().get_template(name).render(**context), status_code=status_code,
                        headers=headers)


@lru_cache(maxsize=1)
def query_script() -> str:
    """``static/query.js``, inlined into the query page (checked: it cannot close the script element)."""
    text = (STATIC / "query.js").read_text(encoding="utf-8")
    if "</script" in text.lower():
        raise ValueError("static/query.js must not contain '</script'")
    return text


class _CachedStaticFiles(StaticFiles):
    """Starlette's static files with a ``Cache-Control`` header (our own stylesheet and script: no
    third-party code, no CDN)."""

    def file_response(self, full_path: Any, stat_result: Any, scope: Scope, status_code: int = 200) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = STATIC_CACHE_CONTROL
        return response


def static_files() -> StaticFiles:
    """The ASGI app that serves ``static/`` (for ``app.mount("/static", ...)``), with the same cache header on
    a 200 and a 304."""
    return _CachedStaticFiles(directory=STATIC)
