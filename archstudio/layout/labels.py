"""How much room a relation's label takes, without Qt.

The canvas draws a relation's label in 8 pt and its technology line in 7 pt italic
(``render.theme``), elided at 150 px (``render.edge_face.LABEL_WIDTH``). At 96 dpi, 8 pt is
10.7 px; DejaVu Sans (the first render font) averages about 0.56 em per character of
ordinary text, wider for capitals and digits, narrower for ``i``, ``l``, punctuation. This
estimate follows those widths closely enough to size the channels between layers; a
caller with real font metrics passes its own ``measure``.
"""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str, str], tuple[float, float]]  # (label, technology) -> (w, h)

LABEL_PX = 8 * 96 / 72
DETAIL_PX = 7 * 96 / 72
MAX_WIDTH = 150.0  # labels are elided beyond this
LINE_FACTOR = 1.25
PADDING = 6.0  # around the text, as the label background is drawn

_NARROW = set("iljtfrI.,:;'!|()[]{} ")
_WIDE = set("mwMW@%")


def _em_width(text: str) -> float:
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 0.33
        elif char in _WIDE:
            width += 0.88
        elif char.isupper() or char.isdigit():
            width += 0.66
        else:
            width += 0.56
    return width


def estimate_label(label: str, technology: str) -> tuple[float, float]:
    """(width, height) in scene px of a relation's label box; (0, 0) when it has none."""
    lines: list[float] = []
    if label:
        lines.append(_em_width(label) * LABEL_PX)
    if technology:
        lines.append(_em_width(f"[{technology}]") * DETAIL_PX)
    if not lines:
        return (0.0, 0.0)
    width = min(MAX_WIDTH, max(lines)) + 2 * PADDING
    height = LINE_FACTOR * (LABEL_PX if label else 0.0) + \
        LINE_FACTOR * (DETAIL_PX if technology else 0.0) + 2 * PADDING
    return (width, height)
