"""Zoomed out, unreadable text is not drawn and systems show their names large."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QApplication

from archstudio.canvas import DiagramScene, DiagramView
from archstudio.canvas.items import SystemName
from archstudio.dsl import parse
from archstudio.layout import arrange
from archstudio.render.element_face import (
    BIG_NAME_PX,
    OVERVIEW_PX,
    SMALL_BIG_NAME_PX,
    ElementFace,
)
from archstudio.render.theme import LIGHT


class RecordingPainter(QPainter):
    """Remembers the text drawn through it and the pixel size of its font then."""

    def __init__(self, device) -> None:
        super().__init__(device)
        self.texts: list[tuple[str, float]] = []

    def drawText(self, *args) -> None:  # noqa: N802 (Qt's name)
        text = next(a for a in args if isinstance(a, str))
        font = self.font()
        size = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
        self.texts.append((text, size))
        super().drawText(*args)

    def drawStaticText(self, point, static) -> None:  # noqa: N802 (Qt's name)
        self.drawText(point, static.text())  # recorded, and drawn as the same text


@pytest.fixture
def image(qapp):
    picture = QImage(400, 300, QImage.Format.Format_ARGB32)
    picture.fill(0)
    return picture


def _drawn(face: ElementFace, image, lod: float, big: bool = False) -> list[tuple[str, float]]:
    painter = RecordingPainter(image)
    try:
        if big:
            face.paint_big_name(painter, lod)
        else:
            face.paint(painter, False, lod)
    finally:
        painter.end()
    return painter.texts


def test_text_under_five_pixels_is_not_drawn(image):
    face = ElementFace("container", "Orders", "[Service: Python]", 180.0, 90.0, LIGHT)
    assert [t for t, _ in _drawn(face, image, 1.0)] == ["Orders", "[Service: Python]"]
    for lod in (1.0, 0.6, 0.45, 0.3):
        for _text, size in _drawn(face, image, lod):
            assert size * lod >= 5.0, (lod, _text)
    assert [t for t, _ in _drawn(face, image, 0.45)] == ["Orders"]  # the detail would blur
    # further out the name alone, drawn larger so that it stays OVERVIEW_PX on screen
    [(text, size)] = _drawn(face, image, 0.3)
    assert text == "Orders" and size * 0.3 == pytest.approx(OVERVIEW_PX, abs=0.35)


def test_zoomed_out_names_are_cut_to_the_shape_or_left_out(image):
    long = ElementFace("container", "ts-admin-basic-info-service", "[Service: Java]", 120.0,
                       60.0, LIGHT)
    [(text, size)] = _drawn(long, image, 0.3)
    assert text.endswith("…") and "ts-admin-basic-info-service".startswith(text[:-1])
    assert len(text) > 4
    assert QFontMetricsF(_font_at(size)).horizontalAdvance(text) <= 120.0
    assert _drawn(long, image, 0.13) == []  # a few letters and a "…": better nothing
    system = ElementFace("system", "Payments", "[System]", 400.0, 300.0, LIGHT)
    assert _drawn(system, image, 0.3) == []  # its name is drawn large instead


def test_zoomed_out_names_take_two_lines_where_the_shape_has_room(image):
    face = ElementFace("container", "ts-contacts-service", "[Service: Java]", 200.0, 90.0,
                       LIGHT)
    drawn = _drawn(face, image, 0.3)
    assert [t for t, _ in drawn] == ["ts-contacts-", "service"]  # whole, broken at "-"
    assert all(size * 0.3 == pytest.approx(OVERVIEW_PX, abs=0.35) for _, size in drawn)


def test_zoomed_out_names_too_long_for_two_lines_are_cut_on_both(image):
    """Siblings sharing a long prefix stay told apart: the second line shows where
    their names differ, not one line of the start they all share."""
    shown = {}
    for name in ("ts-admin-basic-info-service", "ts-admin-order-service",
                 "ts-admin-route-service"):
        face = ElementFace("container", name, "[Service: Java]", 160.0, 90.0, LIGHT)
        drawn = _drawn(face, image, 0.3)
        first, second = (t for t, _ in drawn)
        assert name.startswith(first) and first.endswith("-")  # broken at a natural point
        assert second.endswith("…") and name[len(first):].startswith(second[:-1])
        assert len(second) > 4
        for text, size in drawn:
            assert size * 0.3 == pytest.approx(OVERVIEW_PX, abs=0.35)
            assert QFontMetricsF(_font_at(size)).horizontalAdvance(text) <= 160.0
        shown[name] = (first, second)
    assert len(set(shown.values())) == 3


def _font_at(pixels: float) -> QFont:
    font = LIGHT.font(LIGHT.label_size, bold=True)
    font.setPixelSize(round(pixels))
    return font


def test_a_system_name_stays_readable_when_zoomed_out(image):
    face = ElementFace("system", "Payments", "[System]", 2400.0, 900.0, LIGHT)
    assert _drawn(face, image, 1.0, big=True) == []  # its title band says it already
    for lod in (0.3, 0.15, 0.08):
        [(text, size)] = _drawn(face, image, lod, big=True)
        assert text == "Payments"
        assert size * lod == pytest.approx(BIG_NAME_PX, abs=1.0)  # the same on screen
    assert _drawn(face, image, 0.001, big=True) == []  # a dot on screen: no name


def test_a_narrow_system_gets_its_whole_name_smaller_rather_than_cut(image):
    face = ElementFace("system", "Caches", "[System]", 200.0, 700.0, LIGHT)
    [(text, size)] = _drawn(face, image, 0.25, big=True)
    assert text == "Caches"  # not "Ca…" at full size
    assert SMALL_BIG_NAME_PX - 1 <= size * 0.25 < BIG_NAME_PX
    narrower = ElementFace("system", "A rather long system name", "[System]", 200.0, 700.0,
                           LIGHT)
    [(text, size)] = _drawn(narrower, image, 0.25, big=True)
    assert text.endswith("…") and size * 0.25 == pytest.approx(SMALL_BIG_NAME_PX, abs=1.0)


def test_zoomed_out_canvas_shows_system_names_under_lines_that_ignore_clicks(qapp):
    model = parse('architecture A {\n  system Pay "Payments" {\n    container Api "Api"\n'
                  '    container Db "Db"\n  }\n  Api -> Db "reads"\n}\n')
    scene = DiagramScene()
    view = DiagramView(scene)
    view.resize(600, 400)
    scene.show_model(model, arrange(model))
    names = [i for i in scene.items() if isinstance(i, SystemName)]
    assert len(names) == 1 and names[0].system is scene.element_item("Pay")
    # above every system's frame, under every line and shape: a name plate hides no line
    items = scene.element_items()
    assert names[0].zValue() > max(items[q].zValue() for q in ("Pay",))
    assert names[0].zValue() < min(i.zValue() for i in (items["Pay.Api"], items["Pay.Db"]))
    assert all(names[0].zValue() < i.zValue() for i in scene.relation_items().values())
    box = scene.boxes["Pay"]
    middle = QPointF(box.x + box.width / 2, box.y + box.height / 2)
    assert not any(isinstance(i, SystemName) for i in scene.items(middle))
    view.show()
    view.scale(0.2, 0.2)
    QApplication.processEvents()
    assert not view.viewport().grab().isNull()


def test_an_export_zoomed_out_paints_system_names_before_the_lines(qapp):
    """In a picture drawn small the system's big name goes under the lines, as on the
    canvas, so no line vanishes under its plate."""
    from archstudio.render import plan

    model = parse('architecture A {\n  system Pay "Payments" {\n    container Api "Api"\n'
                  '    container Db "Db"\n  }\n  Api -> Db "reads"\n}\n')
    from archstudio.layout.geometry import Box

    boxes = {"Pay": Box(0, 0, 1200, 800), "Pay.Api": Box(60, 300, 180, 90),
             "Pay.Db": Box(700, 300, 180, 90)}
    drawn = plan(model, boxes)
    order: list[str] = []

    class Recording(QPainter):
        def drawText(self, *args) -> None:  # noqa: N802 (Qt's name)
            if any(a == "Payments" for a in args):
                order.append("name")
            super().drawText(*args)

        def drawPath(self, *args) -> None:  # noqa: N802 (Qt's name)
            order.append("path")
            super().drawPath(*args)

    picture = QImage(400, 300, QImage.Format.Format_ARGB32)
    picture.fill(0)
    painter = Recording(picture)
    try:
        painter.scale(0.2, 0.2)
        drawn.paint(painter, lod=0.2)
    finally:
        painter.end()
    assert "name" in order  # after the system's outline, before the relation's line
    assert order.index("name") >= len(drawn.groups)
    assert "path" in order[order.index("name"):], order
