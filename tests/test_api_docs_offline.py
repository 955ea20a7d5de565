"""The API documentation works offline and describes the uploads.

As a developer at an agency on a network that blocks CDNs I open ``/docs``: Swagger UI comes from qualgraph itself
(vendored in the package, ``/static/vendor/swagger-ui``), so the page draws, and it tells me what to send to
``POST /api/validate`` and ``POST /api/submissions`` (files as ``multipart/form-data`` in the field ``file``, or one
RDF document or template with its media type), which FastAPI cannot infer because those routes read their bodies
themselves within the limits. Real service on loopback; the page in headless Chromium, watching every request.
"""

from __future__ import annotations

import re
import time

import httpx
import pytest
from browser_support import DevTools, needs_chromium


@pytest.fixture
def service(bundled_service):
    """The service on the bundled data (conftest.py; every test here only reads)."""
    return bundled_service


def test_docs_load_swagger_ui_from_the_package_and_no_other_host(service):
    page = httpx.get(f"{service.url}/docs").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(a.startswith("/static/vendor/swagger-ui/") for a in assets), assets
    assert "cdn.jsdelivr" not in page and "unpkg" not in page
    for asset in assets:
        assert httpx.get(service.url + asset).status_code == 200
    assert httpx.get(f"{service.url}/redoc").status_code == 404  # ReDoc would need a CDN


@pytest.mark.parametrize("path", ["/api/validate", "/api/submissions"])
def test_the_openapi_description_has_the_upload_bodies(service, path):
    body = httpx.get(f"{service.url}/openapi.json").json()["paths"][path]["post"]["requestBody"]
    content = body["content"]
    assert content["multipart/form-data"]["schema"]["properties"]["file"]["type"] == "array"
    assert {"text/turtle", "application/ld+json", "text/csv", "application/zip"} <= set(content)


@needs_chromium
def test_in_a_browser_the_docs_draw_with_no_network_beyond_the_service(service, tmp_path):
    with DevTools(tmp_path / "profile") as browser:
        page = browser.open(f"{service.url}/docs")
        deadline = time.monotonic() + 30
        drawn = False
        while time.monotonic() < deadline and not drawn:
            drawn = bool(page.evaluate("document.querySelectorAll('.opblock').length"))
            time.sleep(0.1)
        assert drawn
        assert page.evaluate("document.body.innerText.includes('/api/validate')")
        requests = [e["params"]["request"]["url"] for e in page.events if e.get("method") == "Network.requestWillBeSent"]
        assert requests and all(url.startswith((service.url, "data:")) for url in requests), requests
        page.close()
