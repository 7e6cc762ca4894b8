"""Text layout: wrap a label into the lines that fit a width, never overflowing.

Names break where a reader expects them to: at spaces first, then after a hyphen,
underscore, dot or slash and between the words of camelCase, and only as a last resort
inside a word (``compose-post-`` / ``service``, never ``compose-post-servic`` / ``e``).
Laid out once per element (when its label, kind or size changes) and kept, because
measuring text is the costly part of drawing a diagram.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QFont, QFontMetricsF

ELLIPSIS = "…"
# where a word may break: after - _ . / : and before the next word of camelCase
# ("userService" -> "user|Service", "HTTPServer" -> "HTTP|Server")
_WORD_BREAK = re.compile(r"(?<=[-_./:])(?=.)|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


class CachedMetrics(QFontMetricsF):
    """Font metrics that remember widths: a diagram repeats the same words a lot, and
    measuring is the costly part of laying out text."""

    def __init__(self, font: QFont) -> None:
        super().__init__(font)
        self._widths: dict[str, float] = {}

    def horizontalAdvance(self, text: str) -> float:  # noqa: N802 (Qt's name)
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) > 50_000:
                self._widths.clear()
            width = self._widths[text] = super().horizontalAdvance(text)
        return width


def _break_word(word: str, metrics: QFontMetricsF, width: float) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and metrics.horizontalAdvance(current + char) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return pieces + ([current] if current else [])


def elide(text: str, metrics: QFontMetricsF, width: float) -> str:
    if metrics.horizontalAdvance(text) <= width:
        return text
    while text and metrics.horizontalAdvance(text + ELLIPSIS) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS if text else ""


def word_pieces(word: str) -> list[str]:
    """The word cut where it may break without a hyphen being invented: after ``-``,
    ``_``, ``.``, ``/``, ``:`` and between the words of camelCase."""
    return [piece for piece in _WORD_BREAK.split(word) if piece]


def _fill(pieces: list[str], metrics: QFontMetricsF, width: float,
          current: str) -> tuple[list[str], str, bool]:
    """Pieces of one word appended to ``current`` greedily; a piece wider than a whole
    line is broken between characters (the last resort, reported as True)."""
    lines: list[str] = []
    broken = False
    for piece in pieces:
        if metrics.horizontalAdvance(current + piece) <= width:
            current += piece
            continue
        if current.strip():
            lines.append(current.rstrip())
        if metrics.horizontalAdvance(piece) <= width:
            current = piece
        else:
            *full, current = _break_word(piece, metrics, width)
            lines.extend(full)
            broken = True
    return lines, current, broken


def _wrap_all(text: str, metrics: QFontMetricsF, width: float) -> tuple[list[str], bool]:
    """Every line of the greedy wrap, and whether a word had to break between letters."""
    words = text.split()
    whole = " ".join(words)
    if metrics.horizontalAdvance(whole) <= width:  # the usual case: one line, one measure
        return ([whole] if whole else []), False
    lines: list[str] = []
    current = ""
    broken = False
    for word in words:
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width:
            current = candidate
            continue
        if metrics.horizontalAdvance(word) <= width:
            if current:
                lines.append(current)
            current = word
            continue
        full, current, broke = _fill(word_pieces(word), metrics, width,
                                     f"{current} " if current else "")
        lines.extend(full)
        broken = broken or broke
    if current:
        lines.append(current)
    return lines, broken


def wrap(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Greedy wrap at spaces; a word wider than the line breaks at its natural points
    (:func:`word_pieces`), and between letters only when a piece is still too wide.
    More lines than ``max_lines``: the last one shown is elided."""
    if max_lines <= 0 or width <= 0:
        return []
    lines, _ = _wrap_all(text, metrics, width)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = elide(lines[-1] + ELLIPSIS, metrics, width)
    return lines


def cut(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """``text`` too long for ``max_lines`` lines, cut so that as much of it shows as
    fits: each line but the last ends at a space or a natural break (:func:`word_pieces`),
    the last holds the rest, elided. A name cut on two lines shows where its words differ
    (``ts-admin-`` / ``order-se…``), not only the start it shares with its neighbours.
    One elided line when even the first piece is wider than a line."""
    tokens: list[str] = []
    for index, word in enumerate(text.split()):
        tokens.extend([" "] if index else [])
        tokens.extend(word_pieces(word))
    lines: list[str] = []
    start = 0
    while start < len(tokens) and len(lines) < max_lines - 1:
        end, line = start, ""
        while end < len(tokens) and metrics.horizontalAdvance(line + tokens[end]) <= width:
            line += tokens[end]
            end += 1
        if not line.strip():
            break
        lines.append(line.rstrip())
        start = end
        while start < len(tokens) and tokens[start] == " ":
            start += 1
    rest = "".join(tokens[start:])
    if rest:
        last = elide(rest, metrics, width)
        if last and last != ELLIPSIS:
            lines.append(last)
        elif lines:  # not one letter of the rest fits: the line before says it goes on
            lines[-1] = elide(lines[-1] + ELLIPSIS, metrics, width)
    return lines


def fits(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str] | None:
    """The wrapped lines when ``text`` fits in ``max_lines`` lines, neither elided nor
    broken between letters; otherwise None."""
    if max_lines <= 0 or width <= 0:
        return None
    lines, broken = _wrap_all(text, metrics, width)
    return lines if len(lines) <= max_lines and not broken else None
