"""Diagnostics: what the parser, the checks and the rules have to say about a text."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from archstudio.model.span import Span


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    ADVICE = "advice"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "advice": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem. ``code`` is stable across versions; ``data`` feeds quick fixes."""

    code: str
    severity: Severity
    message: str
    span: Span
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self, path: str) -> str:
        return (
            f"{path}:{self.span.line}:{self.span.column}: "
            f"{self.severity.value} {self.code} {self.message}"
        )

    def to_json(self, path: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "start": self.span.start,
            "end": self.span.end,
        }
        if path is not None:
            out["file"] = path
        if self.data:
            out["data"] = self.data
        return out


def sort_key(diagnostic: Diagnostic) -> tuple[int, int, int, str]:
    return (diagnostic.span.start, diagnostic.span.end, diagnostic.severity.rank, diagnostic.code)
