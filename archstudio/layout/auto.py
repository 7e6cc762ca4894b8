"""Auto-arrange: a fresh layered layout of a whole model or of one system.

Both are the compound layered engine (``engine.layout_model``): relations are laid out
between the real elements, with each system's members kept together in every layer.
"""

from __future__ import annotations

from archstudio.layout.engine import DEFAULT_ASPECT, layout_model
from archstudio.layout.geometry import Box
from archstudio.layout.labels import Measure
from archstudio.model.elements import Model

MIN_GROUP_SIZE = (260.0, 160.0)


def auto_arrange(model: Model, direction: str = "auto", aspect: float = DEFAULT_ASPECT,
                 measure: Measure | None = None) -> dict[str, Box]:
    """Lay out every element from scratch, ignoring the file's positions.

    ``direction`` is ``LR``, ``RL``, ``TB``, ``BT`` or ``auto`` (the default: left-to-right
    or top-to-bottom, whichever fits a window of width/height ``aspect`` at the larger
    scale, so names stay readable at Fit to Window)."""
    return layout_model(model, direction, aspect=aspect, measure=measure)


def arrange_group(model: Model, qname: str, whole: dict[str, Box] | None = None
                  ) -> dict[str, Box]:
    """One system and everything in it as auto-arrange draws it (``whole``, computed when
    not given), moved so that the system's box is at (0, 0). Taking it from the whole
    layout keeps a system's shape the same whether it is placed alone or with the rest."""
    boxes = whole if whole is not None else auto_arrange(model)
    box = boxes[qname]
    prefix = qname + "."
    return {name: b.shifted(-box.x, -box.y) for name, b in boxes.items()
            if name == qname or name.startswith(prefix)}
