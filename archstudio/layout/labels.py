"""How much room a relation's label takes, without Qt.

The canvas draws a relation's label in 8 pt and its technology line in 7 pt italic
(``render.theme``), wrapped at 150 px (``render.edge_face.LABEL_WIDTH``) into at most
three lines, the technology into two. At 96 dpi, 8 pt is
10.7 px; DejaVu Sans (the first render font) averages about 0.56 em per character of
ordinary text, wider for capitals and digits, narrower for ``i``, ``l``, punctuation. This
estimate follows those widths closely enough to size the channels between layers; a
caller with real font metrics passes its own ``measure``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

Measure = Callable[[str, str], tuple[float, float]]  # (label, technology) -> (w, h)

LABEL_PX = 8 * 96 / 72
DETAIL_PX = 7 * 96 / 72
MAX_WIDTH = 150.0  # labels wrap beyond this
LABEL_LINES = 3
FILL = 0.8  # a greedy wrap at spaces fills about this much of each line
TECHNOLOGY_LINES = 2
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


@lru_cache(maxsize=8192)  # a layout asks twice per relation, and labels repeat
def estimate_label(label: str, technology: str) -> tuple[float, float]:
    """(width, height) in scene px of a relation's label box; (0, 0) when it has none."""
    widths: list[float] = []
    height = 2 * PADDING
    for text, px, most in ((label, LABEL_PX, LABEL_LINES),
                           (f"[{technology}]" if technology else "", DETAIL_PX,
                            TECHNOLOGY_LINES)):
        if not text:
            continue
        width = _em_width(text) * px
        widths.append(width)
        height += LINE_FACTOR * px * min(most, max(1, math.ceil(width / (MAX_WIDTH * FILL))))
    if not widths:
        return (0.0, 0.0)
    return (min(MAX_WIDTH, max(widths)) + 2 * PADDING, height)
