"""Boxes and default sizes: the geometry every layer agrees on (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from archstudio.model.elements import Element

# Width and height of each kind at 100 % zoom, in scene units (pixels).
DEFAULT_SIZES: dict[str, tuple[float, float]] = {
    "person": (140.0, 120.0),
    "container": (180.0, 90.0),
    "datastore": (160.0, 100.0),
    "broker": (180.0, 70.0),
    "gateway": (180.0, 80.0),
    "external": (180.0, 90.0),
    "goal": (170.0, 80.0),
    "capability": (180.0, 80.0),
    "policy": (160.0, 100.0),
    "operation": (200.0, 64.0),
    "schema": (170.0, 90.0),
    "system": (260.0, 160.0),
    "group": (260.0, 160.0),
}
FALLBACK_SIZE = (180.0, 90.0)  # a kind without an entry above
GROUP_PADDING = 24.0
GROUP_TITLE = 34.0  # band at the top of a system for its label


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in scene coordinates; (x, y) is the top-left corner."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y + self.height / 2)

    def shifted(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.width, self.height)

    def intersects(self, other: Box, margin: float = 0.0) -> bool:
        return not (
            self.right + margin <= other.x
            or other.right + margin <= self.x
            or self.bottom + margin <= other.y
            or other.bottom + margin <= self.y
        )

    def contains_box(self, other: Box) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


def default_size(element: Element) -> tuple[float, float]:
    return DEFAULT_SIZES.get(element.kind, FALLBACK_SIZE)


def bounding_box(boxes: list[Box]) -> Box:
    """The smallest box holding every given box (which must not be empty)."""
    left = min(b.x for b in boxes)
    top = min(b.y for b in boxes)
    right = max(b.right for b in boxes)
    bottom = max(b.bottom for b in boxes)
    return Box(left, top, right - left, bottom - top)


def union(first: Box, second: Box) -> Box:
    left, top = min(first.x, second.x), min(first.y, second.y)
    right, bottom = max(first.right, second.right), max(first.bottom, second.bottom)
    return Box(left, top, right - left, bottom - top)


def is_ancestor(qname: str, other: str) -> bool:
    """Whether ``qname`` names a system that (transitively) holds ``other``."""
    return other.startswith(qname) and other[len(qname):len(qname) + 1] == "."
