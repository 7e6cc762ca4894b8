"""Text layout: wrap a label into the lines that fit a width, never overflowing.

Laid out once per element (when its label, kind or size changes) and kept, because
measuring text is the costly part of drawing a diagram.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF

ELLIPSIS = "…"


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


def wrap(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap; words wider than the line are broken; the last line is elided."""
    if max_lines <= 0 or width <= 0:
        return []
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if metrics.horizontalAdvance(word) <= width:
            current = word
        else:
            *full, current = _break_word(word, metrics, width)
            lines.extend(full)
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = elide(lines[-1] + ELLIPSIS, metrics, width)
    return lines
