"""The example questions of the SPARQL editor: what a researcher asks, not the queries the service runs itself.

``queries/examples/*.rq``, each with a comment header whose first line is the question ("Which national frameworks
are referenced to the EQF, by whom, with what status and when?") and the next lines why one asks it. The service's
own queries (``queries/*.rq``) stay on the plain query page, where developers look for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..resources import resource_dir


@dataclass(frozen=True)
class Example:
    """One example question: its file name, the question, why one asks it, and the query."""

    name: str
    question: str
    about: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "question": self.question, "about": self.about, "text": self.text}


def example_questions() -> list[Example]:
    """Every ``queries/examples/*.rq`` in file-name order."""
    found = []
    for path in sorted((resource_dir("queries") / "examples").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
        found.append(Example(path.stem, header[0] if header else path.stem, " ".join(header[1:2]), text))
    return found
