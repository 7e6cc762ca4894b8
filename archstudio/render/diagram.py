"""A whole diagram: which faces to draw, in which order, and painting them.

Used by export directly and by the canvas piece by piece (the canvas keeps one item per
face), so both draw through the same :class:`ElementFace` and :class:`EdgeFace`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from archstudio.layout.geometry import Box
from archstudio.layout.routes import hints_for
from archstudio.model.elements import Element, Model, Relation
from archstudio.render.drawing import Drawing, wants_plans
from archstudio.render.edge_face import LABEL_LOD, EdgeFace, label_size
from archstudio.render.element_face import ElementFace, title_clearances, title_width_of
from archstudio.render.labels import LabelSize
from archstudio.render.legend import Legend, marker_numbers
from archstudio.render.routing_memo import RoutingMemo
from archstudio.render.scope import Shape
from archstudio.render.shapes import outline_points
from archstudio.render.theme import LIGHT, Theme


def depth(qname: str) -> int:
    return qname.count(".")


def drawable_relations(model: Model, boxes: dict[str, Box],
                       keep: set[str] | None = None) -> list[Relation]:
    return [r for r in model.relations
            if r.source in boxes and r.target in boxes
            and r.source in model.elements and r.target in model.elements
            and (keep is None or (r.source in keep and r.target in keep))]


def shapes_of(model: Model, boxes: dict[str, Box], keep: set[str] | None = None,
              theme: Theme = LIGHT, memo: RoutingMemo | None = None) -> dict[str, Shape]:
    """The router's view of the elements: box, holding system, whether a system, and a
    system's title tab width (lines cross its top border anywhere else). ``memo``: the
    shapes of the previous call, handed out again where nothing changed."""
    shapes = {}
    memo = memo or RoutingMemo()

    def title_of(element: Element) -> float:
        return title_width_of(element, theme)

    for qname, box in boxes.items():
        element = model.elements.get(qname)
        if element is None or (keep is not None and qname not in keep):
            continue
        parent = element.parent if element.parent in boxes else None
        shapes[qname] = memo.shape(qname, element, box, parent, title_of)
    return shapes


def routing_inputs(model: Model, boxes: dict[str, Box], theme: Theme,
                   keep: set[str] | None = None, memo: RoutingMemo | None = None):
    """(relations, shapes, links, label sizes, outline) for :class:`Drawing`. ``memo``:
    what an earlier call for the same view gave (see :mod:`routing_memo`)."""
    memo = memo.for_theme(theme) if memo is not None else RoutingMemo()
    elements = model.elements

    def outline(qname: str):
        box = boxes[qname]
        return outline_points(elements[qname].kind, box.width, box.height)

    moved = memo.only_moved(model, boxes) if keep is None else None
    if moved is not None:  # a drag: the same relations and elements, some boxes changed
        relations, shapes, links, sizes = memo.last_inputs()
        for qname in moved:
            element = elements[qname]
            parent = element.parent if element.parent in boxes else None
            shapes[qname] = memo.shape(qname, element, boxes[qname], parent,
                                       lambda e: title_width_of(e, theme))
        memo.remember(model, boxes, relations, shapes, links, sizes)
        return relations, shapes, links, sizes, outline
    relations = drawable_relations(model, boxes, keep)
    shapes = shapes_of(model, boxes, keep, theme, memo)
    links = [(r.key, r.source, r.target) for r in relations]
    sizes = {}

    def measure(relation: Relation) -> LabelSize | None:
        return label_size(relation, theme)

    for relation in relations:
        size = memo.label_size(relation, measure)
        if size is not None:
            sizes[relation.key] = size
    memo.trim(len(shapes), len(relations))
    if keep is None:
        memo.remember(model, boxes, relations, shapes, links, sizes)
    return relations, shapes, links, sizes, outline


def compute_drawing(model: Model, boxes: dict[str, Box], theme: Theme = LIGHT,
                    routing: str = "orthogonal", keep: set[str] | None = None,
                    labels: bool = True) -> tuple[list[Relation], Drawing]:
    """Every relation's line and label box, computed once for canvas and export alike
    (``labels=False``: the lines only, see :meth:`Drawing.compute`)."""
    relations, shapes, links, sizes, outline = routing_inputs(model, boxes, theme, keep)
    hints = hints_for(model, boxes, links) if routing == "orthogonal" \
        and wants_plans(links) else None
    return relations, Drawing.compute(shapes, links, sizes, outline, routing, hints, labels)


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
    drawing: Drawing | None = None  # the lines and labels the edges show, with its report
    element_ids: list[str] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    clearances: dict[str, float] = field(default_factory=dict)  # see title_clearances
    # the text of the labels drawn as markers, below the drawing (``render.legend``)
    legend: Legend | None = None

    def bounds(self) -> QRectF:
        rect = self.drawn_bounds()
        return rect if self.legend is None else rect.united(self.legend.rect)

    def drawn_bounds(self) -> QRectF:
        """The shapes, lines and labels, without the legend."""
        rect = QRectF()
        for box, _ in self.groups + self.shapes:
            rect = rect.united(QRectF(box.x, box.y, box.width, box.height))
        for edge in self.edges:
            rect = rect.united(edge.bounding_rect())
        return rect

    def obstacles(self) -> list[QRectF]:
        """What a legend placed inside the drawing must leave clear: every shape and
        system, every line segment and every label."""
        out = [QRectF(box.x, box.y, box.width, box.height)
               for box, _ in self.groups + self.shapes]
        for edge in self.edges:
            for (ax, ay), (bx, by) in zip(edge.points, edge.points[1:], strict=False):
                out.append(QRectF(min(ax, bx), min(ay, by), abs(bx - ax) + 1, abs(by - ay) + 1))
            if edge.label_box is not None:
                out.append(edge.label_rect())
        return out

    def paint(self, painter: QPainter, lod: float = 1.0) -> None:
        """``lod``: the scale the picture is drawn at; below 1, what the canvas leaves
        out at that zoom is left out here too (unreadable text), and systems get the
        large names the canvas shows then."""
        self._paint_faces(painter, self.groups, lod)
        if lod < 1.0:  # under the lines, as on the canvas: a name hides no line
            for qname, (box, face) in zip(self.element_ids, self.groups, strict=False):
                painter.save()
                painter.translate(box.x, box.y)
                face.paint_big_name(painter, lod, self.clearances.get(qname, math.inf))
                painter.restore()
        for edge in self.edges:
            edge.paint_line(painter)
        self._paint_faces(painter, self.shapes, lod)
        for edge in self.edges:
            edge.paint_label(painter, False, lod)
        if self.legend is not None and lod >= LABEL_LOD:
            self.legend.paint(painter)

    @staticmethod
    def _paint_faces(painter: QPainter, faces: list[tuple[Box, ElementFace]],
                     lod: float = 1.0) -> None:
        for box, face in faces:
            painter.save()
            painter.translate(box.x, box.y)
            face.paint(painter, False, lod)
            painter.restore()


def plan(model: Model, boxes: dict[str, Box], theme: Theme = LIGHT,
         routing: str = "orthogonal", only: Iterable[str] | None = None,
         drawing: Drawing | None = None, labels: bool = True) -> DiagramPlan:
    """Everything to draw for a model laid out in ``boxes`` (``only``: a selection).
    ``drawing``: the relations' lines and labels already computed (the canvas's), so an
    export shows exactly what the canvas shows; computed here when not given (without
    labels when ``labels`` is False: a picture too small to show them)."""
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
    result.clearances = title_clearances(model, {q: boxes[q] for q in result.element_ids})
    if drawing is None or keep is not None:
        relations, drawing = compute_drawing(model, boxes, theme, routing, keep, labels)
    else:  # the canvas's drawing, brought up to date if the model moved on since
        relations, shapes, links, sizes, outline = routing_inputs(model, boxes, theme)
        drawing = drawing.update(shapes, links, sizes, outline)
    result.drawing = drawing
    numbers = marker_numbers(drawing.labels, theme)
    for relation in relations:
        key = relation.key
        result.edges.append(EdgeFace.of(relation, drawing.routes[key], theme,
                                        drawing.labels.get(key), numbers.get(key)))
        result.relations.append(relation)
    if numbers:
        result.legend = Legend.placed(result.edges, result.relations, result.drawn_bounds(),
                                      result.obstacles(), theme)
    return result
