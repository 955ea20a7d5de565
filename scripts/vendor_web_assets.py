"""Vendor the third-party browser assets the service serves itself (no CDN): Swagger UI for ``/docs``, YASGUI for the
SPARQL editor (``/sparql`` in a browser) and axe-core for the accessibility test of the pages (issue 13).

Each package is fetched from the npm registry with ``npm pack`` at the version pinned below, and only the files
listed are copied into ``src/qualgraph/web/static/vendor/<name>/``, with the package's licence files. The versions,
licences and the registry's integrity hashes are written to ``src/qualgraph/web/static/vendor/README.md``.

To update: change a version below, run ``.venv/bin/python scripts/vendor_web_assets.py``, run the page tests
(``tests/test_pages_accessibility.py``, ``tests/test_http_caching.py``) and commit the changed files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
VENDOR = PROJECT / "src" / "qualgraph" / "web" / "static" / "vendor"

PACKAGES: dict[str, dict[str, object]] = {
    "swagger-ui-dist": {"version": "5.35.0", "folder": "swagger-ui", "licence": "Apache-2.0",
                        "files": ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE", "NOTICE",
                                  "swagger-ui-bundle.js.LICENSE.txt"],
                        "why": "the interactive OpenAPI documentation at /docs"},
    "@zazuko/yasgui": {"version": "4.6.2", "folder": "yasgui", "licence": "MIT",
                       "files": ["build/yasgui.min.js", "build/yasgui.min.css"],
                       "why": "the SPARQL editor at /sparql (Zazuko's maintained YASGUI)"},
    "axe-core": {"version": "4.14.1", "folder": "axe-core", "licence": "MPL-2.0",
                 "files": ["axe.min.js", "LICENSE", "LICENSE-3RD-PARTY.txt"],
                 "why": "the accessibility check of the pages (tests/test_pages_accessibility.py)"},
}


MIT = """{name} {version}: The MIT License (MIT), as its package.json declares (the package ships no licence file)

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.
"""


def main() -> int:
    lines = ["# Vendored browser assets", "",
             "Served by qualgraph itself from `/static/vendor/` (no CDN: the pages and `/docs` work offline).",
             ("Made by `scripts/vendor_web_assets.py` from the npm registry; to update, change the version there "
              "and run it."), "", "| package | version | licence | integrity (npm) | what for |", "|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for name, spec in PACKAGES.items():
            done = subprocess.run(["npm", "pack", "--json", f"{name}@{spec['version']}"], cwd=tmp, check=True,
                                  capture_output=True, text=True)
            info = json.loads(done.stdout)[0]
            with tarfile.open(Path(tmp) / info["filename"]) as archive:
                archive.extractall(Path(tmp) / name, filter="data")
            source = Path(tmp) / name / "package"
            target = VENDOR / str(spec["folder"])
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            for file in spec["files"]:  # type: ignore[union-attr]
                shutil.copy2(source / file, target / Path(file).name)
            if not any(Path(f).name.startswith("LICENSE") for f in spec["files"]):  # type: ignore[union-attr]
                # the package names its licence in package.json but ships no licence file: write the licence's text
                declared = json.loads((source / "package.json").read_text(encoding="utf-8"))["license"]
                assert declared == spec["licence"] == "MIT", declared
                (target / "LICENSE").write_text(MIT.format(name=name, version=spec["version"]), encoding="utf-8")
            lines.append(f"| {name} | {spec['version']} | {spec['licence']} | `{info['integrity']}` | {spec['why']} |")
            print(f"{name} {spec['version']} -> {target.relative_to(PROJECT)}")
    (VENDOR / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
