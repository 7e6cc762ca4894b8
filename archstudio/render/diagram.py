"""A whole diagram: which faces to draw, in which order, and painting them.

Used by export directly and by the canvas piece by piece (the canvas keeps one item per
face), so both draw through the same :class:`ElementFace` and :class:`EdgeFace`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from archstudio.layout.geometry import Box
from archstudio.model.elements import Element, Model, Relation
from archstudio.render.edge_face import EdgeFace
from archstudio.render.element_face import ElementFace
from archstudio.render.routing import BoxIndex, Point, parallel_shifts, port_offsets, route
from archstudio.render.shapes import outline_points
from archstudio.render.theme import LIGHT, Theme


def depth(qname: str) -> int:
    return qname.count(".")


def obstacles_of(model: Model, boxes: dict[str, Box]) -> BoxIndex:
    """The shapes a relation label must not cover (systems are backgrounds, not shapes)."""
    return BoxIndex(box for qname, box in boxes.items()
                    if qname in model.elements and not model.elements[qname].is_group)


def drawable_relations(model: Model, boxes: dict[str, Box],
                       keep: set[str] | None = None) -> list[Relation]:
    return [r for r in model.relations
            if r.source in boxes and r.target in boxes
            and r.source in model.elements and r.target in model.elements
            and (keep is None or (r.source in keep and r.target in keep))]


def shifts_of(relations: Iterable[Relation]) -> dict[str, float]:
    return parallel_shifts((r.key, r.source, r.target) for r in relations)


def ports_of(relations: Iterable[Relation], boxes: dict[str, Box]) -> dict[str, tuple]:
    return port_offsets(((r.key, r.source, r.target) for r in relations), boxes)


def route_of(relation: Relation, model: Model, boxes: dict[str, Box], style: str,
             shift: float = 0.0, obstacles: BoxIndex | None = None,
             ports: tuple[float, float] | None = None) -> list[Point]:
    source, target = boxes[relation.source], boxes[relation.target]
    source_kind = model.elements[relation.source].kind
    target_kind = model.elements[relation.target].kind
    return route(source, target,
                 outline_points(source_kind, source.width, source.height),
                 outline_points(target_kind, target.width, target.height), style, shift,
                 obstacles, ports)


def with_descendants(model: Model, qnames: Iterable[str]) -> set[str]:
    keep: set[str] = set()
    pending = [q for q in qnames if q in model.elements]
    while pending:
        qname = pending.pop()
        if qname not in keep:
            keep.add(qname)
            pending.extend(model.elements[qname].children)
    return keep


@dataclass
class DiagramPlan:
    """Faces in painting order: systems outermost first, relation lines, shapes, and
    relation labels last, so a label is never hidden behind a shape it could not avoid.

    ``element_ids`` and ``relations`` say what is drawn (for the JSON geometry export):
    the qualified ids of ``groups + shapes`` in that order, and the relation each of
    ``edges`` draws (same index)."""

    groups: list[tuple[Box, ElementFace]] = field(default_factory=list)
    edges: list[EdgeFace] = field(default_factory=list)
    shapes: list[tuple[Box, ElementFace]] = field(default_factory=list)
    element_ids: list[str] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def bounds(self) -> QRectF:
        rect = QRectF()
        for box, _ in self.groups + self.shapes:
            rect = rect.united(QRectF(box.x, box.y, box.width, box.height))
        for edge in self.edges:
            rect = rect.united(edge.bounding_rect())
        return rect

    def paint(self, painter: QPainter) -> None:
        self._paint_faces(painter, self.groups)
        for edge in self.edges:
            edge.paint_line(painter)
        self._paint_faces(painter, self.shapes)
        for edge in self.edges:
            edge.paint_label(painter)

    @staticmethod
    def _paint_faces(painter: QPainter, faces: list[tuple[Box, ElementFace]]) -> None:
        for box, face in faces:
            painter.save()
            painter.translate(box.x, box.y)
            face.paint(painter)
            painter.restore()


def plan(model: Model, boxes: dict[str, Box], theme: Theme = LIGHT,
         routing: str = "orthogonal", only: Iterable[str] | None = None) -> DiagramPlan:
    """Everything to draw for a model laid out in ``boxes`` (``only``: a selection)."""
    keep = with_descendants(model, only) if only is not None else None
    result = DiagramPlan()
    elements: list[Element] = sorted(
        (e for q, e in model.elements.items() if q in boxes and (keep is None or q in keep)),
        key=lambda e: depth(e.qname))
    group_ids: list[str] = []
    shape_ids: list[str] = []
    for element in elements:
        box = boxes[element.qname]
        face = ElementFace.of(element, box.width, box.height, theme)
        (result.groups if element.is_group else result.shapes).append((box, face))
        (group_ids if element.is_group else shape_ids).append(element.qname)
    result.element_ids = group_ids + shape_ids
    relations = drawable_relations(model, boxes, keep)
    shifts = shifts_of(relations)
    obstacles = obstacles_of(model, boxes)
    ports = ports_of(relations, boxes) if routing == "orthogonal" else {}
    for relation in relations:
        points = route_of(relation, model, boxes, routing, shifts.get(relation.key, 0.0),
                          obstacles, ports.get(relation.key, (0.0, 0.0)))
        result.edges.append(EdgeFace.of(relation, points, theme, obstacles))
        result.relations.append(relation)
    return result
