"""What a gesture asks the app to do: plain data, in scene coordinates and qualified names."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class CreateRequest:
    """A new element of ``kind`` with its top-left corner at (x, y), inside ``parent``
    (a system's qualified name) or at the top level; ``connect_from`` also relates an
    existing element to it (``relation_kind`` None for an untyped relation)."""

    kind: str
    x: float
    y: float
    parent: str | None = None
    connect_from: str | None = None
    relation_kind: str | None = None


@dataclass(frozen=True, slots=True)
class ConnectRequest:
    """A relation from ``source`` to ``target`` (``kind`` None: untyped, ``->``)."""

    source: str
    target: str
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class MoveRequest:
    """New top-left corners of the moved elements; ``parents`` maps each element that
    changes system to its new system (None: the top level)."""

    positions: dict[str, tuple[float, float]]
    parents: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ResizeRequest:
    """A system's new box."""

    qname: str
    x: float
    y: float
    width: float
    height: float
