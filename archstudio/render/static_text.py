"""Text lines drawn from a cache of laid-out text (QStaticText).

``QPainter.drawText`` shapes its string again on every call; a frame of the canvas draws
the same few hundred names and labels over and over, and that shaping was a tenth of a
frame at 100 %. A static text is laid out once per text and font (and again only when
the zoom changes); what it draws is the same as ``drawText`` (plain text, never markup).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QStaticText

CACHE_SIZE = 20_000
_texts: dict[tuple[str, int], QStaticText] = {}
_ascents: dict[int, tuple[QFont, float]] = {}


def draw_line(painter: QPainter, font: QFont, baseline: QPointF, text: str) -> None:
    """Draw ``text`` in ``font`` (already set on ``painter``) with its baseline starting
    at ``baseline``, as ``painter.drawText(baseline, text)`` would. ``font`` must live as
    long as the program (the faces' fonts are cached per theme)."""
    key = id(font)
    known = _ascents.get(key)
    if known is None or known[0] is not font:
        known = _ascents[key] = (font, QFontMetricsF(font).ascent())
    static = _texts.get((text, key))
    if static is None:
        if len(_texts) >= CACHE_SIZE:
            _texts.clear()
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
        _texts[(text, key)] = static
    painter.drawStaticText(QPointF(baseline.x(), baseline.y() - known[1]), static)
