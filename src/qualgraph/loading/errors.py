"""Load errors that say where the problem is, so an officer can open the file and fix it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Problem:
    """One problem in one place: a file, and a line/column or a row/column (or sheet/cell)."""

    file: str
    message: str
    line: int | None = None
    column: str | int | None = None
    row: int | None = None
    sheet: str | None = None

    def place(self) -> str:
        where = self.file
        if self.sheet:
            where += f", sheet {self.sheet!r}"
        if self.line is not None:
            where += f", line {self.line}"
        if self.row is not None:
            where += f", row {self.row}"
        if self.column not in (None, ""):
            where += f", column {self.column}" if isinstance(self.column, int) else f", column {self.column!r}"
        return where

    def __str__(self) -> str:
        return f"{self.place()}: {self.message}"

    def to_json(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if v is not None} | {"place": self.place()}


@dataclass
class LoadError(Exception):
    """Nothing was loaded: every problem found before writing is listed (up to a cap)."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        head = "nothing was loaded; the store is unchanged."
        n = len(self.problems)
        lines = [f"{n} problem{'s' if n != 1 else ''} found, {head}"]
        lines += [f"  {p}" for p in self.problems[:50]]
        if n > 50:
            lines.append(f"  ... and {n - 50} more")
        return "\n".join(lines)
