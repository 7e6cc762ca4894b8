"""How large a drawing must be for its relation labels to sit beside their lines.

A label is read horizontally. Left to right, lines run along the text, and the labels of
one gap between layers stack across the flow, each one line of text high; top to
bottom, lines run across the text, and the labels of one gap stand side by side across
the flow, each as wide as its text. A gap whose labels need more room across the flow
than the drawing has cannot hold them beside their lines: some end up over other lines
whatever the router does (a fan of thirty labelled calls from one gateway, drawn top to
bottom). ``auto`` compares the directions at the sizes their labels need
(``engine._pick``), so it does not turn a drawing to a direction that fits the window
larger only by leaving its labels no room. Pure Python.
"""

from __future__ import annotations

from archstudio.layout.part_drawing import LABEL_MARGIN, Part


def labelled_extent(part: Part, direction: str, size: tuple[float, float]
                    ) -> tuple[float, float]:
    """``size`` (the part's (width, height) in ``direction``), grown across the flow to
    the room the labels of its most crowded gap between layers need side by side (each
    with ``LABEL_MARGIN`` on both sides). A label belongs to the gap its middle falls
    in, as the gaps are sized (``part_drawing``)."""
    horizontal = direction in ("LR", "RL")
    need: dict[int, float] = {}
    for first, last, width, height in part.labels:
        gap = first + (last - first - 1) // 2
        need[gap] = need.get(gap, 0.0) + (height if horizontal else width) + 2 * LABEL_MARGIN
    most = max(need.values(), default=0.0)
    return (size[0], max(size[1], most)) if horizontal else (max(size[0], most), size[1])
