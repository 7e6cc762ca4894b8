"""Render layer: shapes per kind, text wrapping, routing that ends on outlines."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontMetricsF

from archstudio.dsl import parse
from archstudio.layout import Box, arrange
from archstudio.model.kinds import ELEMENT_KINDS
from archstudio.render import LIGHT, ElementFace, plan, route
from archstudio.render.labels import place_labels
from archstudio.render.routing import parallel_shifts
from archstudio.render.scope import Scene, Shape
from archstudio.render.shapes import outline_points, paths, text_area
from archstudio.render.text import wrap


@pytest.fixture(autouse=True)
def gui(qapp):
    """pytest-qt's QApplication: a bare QGuiApplication would break widget tests later."""
    return qapp


def test_every_kind_has_its_own_outline():
    outlines = {kind: paths(kind, 180.0, 90.0)[0] for kind in ELEMENT_KINDS}
    # no two kinds share an outline (external differs from container by its dashed pen;
    # a group is framed like a system but says no kind)
    distinct = {tuple(outline_points(k, 180.0, 90.0)) for k in ELEMENT_KINDS
                if k not in ("external", "group")}
    assert len(distinct) == len(ELEMENT_KINDS) - 2
    for kind, outline in outlines.items():
        assert outline.boundingRect().width() <= 180.5, kind
        assert outline.contains(text_area(kind, 180.0, 90.0).center()), kind
    assert LIGHT.style("external").dashed and not LIGHT.style("container").dashed


def test_long_labels_wrap_inside_the_text_area():
    label = "A remarkably long label for a service that would overflow any reasonable box"
    face = ElementFace("container", label, "[Service: Python]", 180.0, 90.0, LIGHT)
    area = text_area("container", 180.0, 90.0)
    metrics = QFontMetricsF(LIGHT.font(LIGHT.label_size, bold=True))
    assert len(face.lines) >= 2
    for point, text, bold in face.lines:
        if bold:
            assert point.x() >= area.left() - 0.5
            assert point.x() + metrics.horizontalAdvance(text) <= area.right() + 0.5
        assert area.top() <= point.y() <= area.bottom() + 1
    assert " ".join(t for _, t, bold in face.lines if bold).startswith("A remarkably long")
    assert face.lines[-1] == (face.lines[-1][0], "[Service: Python]", False)


def test_wrap_breaks_a_word_wider_than_the_line():
    metrics = QFontMetricsF(LIGHT.font(10))
    lines = wrap("Supercalifragilisticexpialidocious-service-name", metrics, 60, 10)
    assert len(lines) > 1
    assert all(metrics.horizontalAdvance(line) <= 60 for line in lines)
    assert "".join(lines) == "Supercalifragilisticexpialidocious-service-name"


@pytest.mark.parametrize("style", ["orthogonal", "straight"])
@pytest.mark.parametrize("kind", ["goal", "person", "datastore", "policy", "container"])
def test_routes_end_on_the_outline_not_the_box(style, kind):
    source, target = Box(0, 0, 180, 90), Box(400, 250, 180, 90)
    points = route(source, target, outline_points("container", 180, 90),
                   outline_points(kind, 180, 90), style)
    end = points[-1]
    outline = paths(kind, 180, 90)[0].translated(target.x, target.y)
    # the end is on the outline: just inside it one way, just outside the other way
    before = points[-2]
    dx, dy = end[0] - before[0], end[1] - before[1]
    length = (dx * dx + dy * dy) ** 0.5
    ux, uy = dx / length, dy / length
    assert outline.contains(QPointF(end[0] + 2 * ux, end[1] + 2 * uy))
    assert not outline.contains(QPointF(end[0] - 2 * ux, end[1] - 2 * uy))
    if style == "orthogonal":
        for a, b in zip(points, points[1:], strict=False):
            assert a[0] == pytest.approx(b[0]) or a[1] == pytest.approx(b[1])


def test_parallel_relations_are_spread_apart():
    shifts = parallel_shifts([("a", "A", "B"), ("b", "A", "B"), ("c", "B", "A"), ("d", "A", "C")])
    assert shifts["d"] == 0
    assert len({shifts["a"], shifts["b"], shifts["c"]}) == 3


def test_labels_avoid_shapes_when_there_is_room():
    obstacle = Box(180, -40, 40, 80)  # right on the middle of the line
    scene = Scene({"A": Shape(Box(-100, -20, 100, 40), None, False),
                   "B": Shape(Box(400, -20, 100, 40), None, False),
                   "X": Shape(obstacle, None, False)})
    boxes, crowded = place_labels({"r": [(0.0, 0.0), (400.0, 0.0)]}, {"r": (60.0, 16.0)},
                                  {"r": scene.scope("A", "B")})
    assert not boxes["r"].intersects(obstacle) and crowded == []
    assert boxes["r"].bottom <= 0 or boxes["r"].y >= 0  # beside the line, not across it


def test_plan_draws_each_element_and_resolved_relation():
    model = parse('architecture "T" {\n person U "User"\n system S {\n  container A\n'
                  '  datastore D\n }\n U -> A "uses"\n A -[async]-> D "writes"\n'
                  ' A -> Missing\n}\n')
    diagram = plan(model, arrange(model))
    assert len(diagram.groups) == 1 and len(diagram.shapes) == 3
    assert len(diagram.edges) == 2
    assert {e.kind for e in diagram.edges} == {None, "async"}
    assert [text for _, text, bold in diagram.shapes[0][1].lines if bold] == ["User"]
    assert plan(model, arrange(model), only=["U"]).edges == []


def test_a_kept_label_is_never_moved_to_make_room_for_one_being_placed():
    """Placing labels again near a move keeps the other labels: the one being placed
    may not push a kept one away (whose size it does not even know)."""
    scene = Scene({"A": Shape(Box(-100, -20, 100, 40), None, False),
                   "B": Shape(Box(200, -20, 100, 40), None, False)})
    kept = Box(-10, -60, 220, 120)  # over every spot beside the line between A and B
    boxes, crowded = place_labels({"r": [(0.0, 0.0), (200.0, 0.0)]}, {"r": (60.0, 16.0)},
                                  {"r": scene.scope("A", "B")}, {"k": kept})
    assert boxes["k"] == kept
    assert crowded == ["r"] and "r" in boxes
