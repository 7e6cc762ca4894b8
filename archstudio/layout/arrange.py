"""First placement: honour the file's positions, put the rest in a grid per system.

A simple, correct starting point; the layered layout replaces the grid.
"""

from __future__ import annotations

from archstudio.layout.geometry import GROUP_PADDING, GROUP_TITLE, Box, default_size
from archstudio.model.elements import Model

GAP = 60.0


def arrange(model: Model, previous: dict[str, Box] | None = None) -> dict[str, Box]:
    previous = previous or {}
    boxes: dict[str, Box] = {}

    def place(parent: str | None, origin_x: float, origin_y: float) -> tuple[float, float]:
        x, y, row_height, right, bottom = origin_x, origin_y, 0.0, origin_x, origin_y
        for index, element in enumerate(model.children_of(parent)):
            if element.is_group:
                width, height = place(element.qname, x + GROUP_PADDING,
                                      y + GROUP_TITLE + GROUP_PADDING)
                size = (max(width - x + GROUP_PADDING, 260.0), max(height - y + GROUP_PADDING,
                                                                   160.0))
            else:
                size = default_size(element)
            entry = model.layout.get(element.qname)
            if entry is not None:
                width = entry.width or size[0]
                height = entry.height or size[1]
                box = Box(entry.x, entry.y, width, height)
            elif element.qname in previous:
                box = previous[element.qname]
            else:
                box = Box(x, y, size[0], size[1])
            boxes[element.qname] = box
            x += box.width + GAP
            row_height = max(row_height, box.height)
            right = max(right, box.right)
            bottom = max(bottom, box.bottom)
            if (index + 1) % 4 == 0:
                x, y, row_height = origin_x, y + row_height + GAP, 0.0
        return right, bottom

    place(None, 0.0, 0.0)
    return boxes


def auto_arrange(model: Model) -> dict[str, Box]:
    stripped = Model(elements=model.elements, relations=model.relations)
    return arrange(stripped)
