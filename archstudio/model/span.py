"""Source positions. Everything the parser produces points back into the text.

A span stores offsets only; line and column are worked out on demand from the
:class:`LineIndex` of the text it belongs to, because a large file has tens of
thousands of spans and only a handful are ever shown to a person.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate


class LineIndex:
    """Turns offsets into (line, column) quickly, for a whole text at once. The line
    starts are found when first asked for: every edit makes an index for its text, and
    most are never asked (a drag's text, the texts between two edits)."""

    __slots__ = ("_found", "_text", "text_length")

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: list[int] | None = None
        self.text_length = len(text)

    @property
    def _starts(self) -> list[int]:
        if self._found is None:
            # Line starts from the line lengths: one C-level split and accumulate, 2-3x
            # faster than a find() loop.
            lengths = accumulate(len(line) + 1 for line in self._text.split("\n"))
            self._found = [0, *lengths][:-1]
            self._text = ""
        return self._found

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        starts = self._starts
        return starts[max(0, min(line, len(starts)) - 1)]

    def position(self, offset: int) -> tuple[int, int]:
        starts = self._starts
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        return self.line_start(line) + column - 1

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self)


_NO_LINES = LineIndex("")


class Span:
    """A half-open range ``[start, end)`` of a text; line and column are 1-based."""

    __slots__ = ("start", "end", "_lines")

    def __init__(self, start: int, end: int, lines: LineIndex | None = None) -> None:
        self.start = start
        self.end = end
        self._lines = lines if lines is not None else _NO_LINES

    @property
    def line(self) -> int:
        return self._lines.position(self.start)[0]

    @property
    def column(self) -> int:
        return self._lines.position(self.start)[1]

    @property
    def end_line(self) -> int:
        return self._lines.position(self.end)[0]

    @property
    def end_column(self) -> int:
        return self._lines.position(self.end)[1]

    def contains(self, offset: int) -> bool:
        return self.start <= offset <= self.end

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Span) and (self.start, self.end) == (other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.start, self.end))

    def __repr__(self) -> str:
        return f"Span({self.start}, {self.end}, line={self.line}, column={self.column})"
