"""Spans that move with their statement, so a re-parse keeps what an edit did not touch.

A statement after an edit keeps every part it built: its spans add the statement's
offset (one addition per move) instead of being copied with shifted numbers, which cost
about as much as building them again.
"""

from __future__ import annotations

from archstudio.dsl.scanner import RawStatement, ScanProblem
from archstudio.model.diagnostics import Diagnostic, Severity
from archstudio.model.span import LineIndex, Span


class Current:
    """The line index of the latest text, shared by every movable span of a parser."""

    __slots__ = ("lines",)

    def __init__(self, lines: LineIndex) -> None:
        self.lines = lines


class Place:
    """How far a unit's statement has moved since it was built."""

    __slots__ = ("offset", "current")

    def __init__(self, current: Current) -> None:
        self.offset = 0
        self.current = current


class MovableSpan(Span):
    """A span of a unit: moving the unit moves all its spans at once, so a statement
    after an edit costs nothing to keep. Valid for the parser's latest text."""

    __slots__ = ("_place", "_built_start", "_built_end")

    def __init__(self, start: int, end: int, place: Place) -> None:  # noqa: D107
        self._built_start = start
        self._built_end = end
        self._place = place

    @property  # type: ignore[override]
    def start(self) -> int:
        return self._built_start + self._place.offset

    @property  # type: ignore[override]
    def end(self) -> int:
        return self._built_end + self._place.offset

    @property  # type: ignore[override]
    def _lines(self) -> LineIndex:
        return self._place.current.lines

    def __reduce__(self) -> tuple:
        """Pickled as a plain span where it is now: a model sent to another process
        (the layout copy's parse) no longer moves with this parser's edits. (The default
        would store the slots through these properties and fail to set them back.)"""
        return Span, (self.start, self.end, self._lines)


def shift_statement(statement: RawStatement, delta: int) -> None:
    statement.start += delta
    statement.head_end += delta
    statement.end += delta
    if statement.open_brace is not None:
        statement.open_brace += delta
    if statement.close_brace is not None:
        statement.close_brace += delta
    for child in statement.children or ():
        shift_statement(child, delta)


def scan_diagnostic(problem: ScanProblem, lines: LineIndex) -> Diagnostic:
    return Diagnostic(problem.code, Severity.ERROR, problem.message,
                      Span(problem.start, problem.end, lines), {})


def shifted_span(span: Span, delta: int, lines: LineIndex) -> Span:
    return Span(span.start + delta, span.end + delta, lines)


def shifted_diagnostic(diagnostic: Diagnostic, delta: int, lines: LineIndex) -> Diagnostic:
    return Diagnostic(diagnostic.code, diagnostic.severity, diagnostic.message,
                      shifted_span(diagnostic.span, delta, lines), diagnostic.data)
