"""What a person sees zoomed out: a selection that stands out, handles that do not bury a
small shape, systems picked by their title tab, and names on hover where none are drawn."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

from gesture_support import click, hover, shop, shop_file  # noqa: F401  (fixtures)
from PySide6.QtCore import QEvent, QPointF, QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

CUSTOMER = (40, 40, 140, 120)  # x, y, width, height in the shop file
CUSTOMER_CENTRE = (110, 100)


def _at_zoom(window, zoom: float) -> None:
    window.view.set_zoom(zoom)
    window.view.centerOn(450, 300)


def _near(color: QColor, target: QColor, slack: int = 40) -> bool:
    return (abs(color.red() - target.red()) + abs(color.green() - target.green())
            + abs(color.blue() - target.blue())) <= slack


def _frame_pixels(window, box: tuple[float, float, float, float]) -> int:
    """Pixels of the selection colour (the frame, not the lighter tint) on the box's
    edge band, as the viewport shows them."""
    view = window.view
    x, y, w, h = box
    top_left = view.mapFromScene(QPointF(x, y))
    bottom_right = view.mapFromScene(QPointF(x + w, y + h))
    rect = QRect(top_left, bottom_right).adjusted(-3, -3, 3, 3)
    image = view.viewport().grab(rect).toImage()
    target = QColor(window.scene.theme.selection)
    ratio = image.width() / max(1, rect.width())
    return round(sum(_near(image.pixelColor(i, j), target)
                     for i in range(image.width()) for j in range(image.height()))
                 / (ratio * ratio))


def test_a_selected_shape_is_framed_at_least_two_pixels_wide_zoomed_out(shop):
    _at_zoom(shop, 0.25)
    before = _frame_pixels(shop, CUSTOMER)
    shop.scene.select(["Customer"])
    shop.view.viewport().repaint()
    after = _frame_pixels(shop, CUSTOMER)
    perimeter = 2 * (CUSTOMER[2] + CUSTOMER[3]) * 0.25  # ~130 px on screen
    assert after - before >= 1.8 * perimeter  # a frame >= ~2 px all round, not a hairline


def test_a_selected_relation_stays_thick_on_screen_zoomed_out(shop):
    key = shop.document.result.model.relations[0].key
    item = shop.scene.relation_item(key)
    shop.scene.select([key])
    pen = item.face.pens(True)[0]
    assert pen.isCosmetic() and pen.widthF() >= 2.5
    assert pen.color() == QColor(shop.scene.theme.selection)
    assert not item.face.pens(False)[0].isCosmetic()  # unselected lines scale as before


def test_hover_handles_shrink_with_a_small_shape_but_stay_grabbable(shop):
    hover(shop.view, CUSTOMER_CENTRE)
    handles = shop.gestures.connect._handles
    assert handles.isVisible() and handles.screen_radius(shop.view.zoom()) == 5.0
    hover(shop.view, (800, 800))  # away, then back at a quarter size
    _at_zoom(shop, 0.25)
    hover(shop.view, CUSTOMER_CENTRE)
    radius = handles.screen_radius(0.25)
    assert handles.isVisible() and 2.5 <= radius <= 120 * 0.25 / 8
    assert handles.hit(QPointF(180, 100)) == 1  # the right handle is still found


def test_a_system_is_picked_by_its_title_tab_not_the_empty_strip_beside_it(shop):
    click(shop.view, (310, 210))  # on the tab, at the system's top left
    assert shop.scene.selected_keys() == ["Shop"]
    click(shop.view, (800, 800))  # empty canvas: nothing selected
    assert shop.scene.selected_keys() == []
    item = shop.scene.element_item("Shop")
    assert item.face.tab_width < 200  # "Shop [System]" is short
    click(shop.view, (560, 212))  # the top strip, right of the tab
    assert shop.scene.selected_keys() == []
    click(shop.view, (599, 400))  # the border still picks it
    assert shop.scene.selected_keys() == ["Shop"]


def test_hover_names_a_shape_only_where_its_name_is_not_drawn(shop):
    item = shop.scene.element_item("Customer")
    hover(shop.view, CUSTOMER_CENTRE)
    assert item.toolTip() == ""  # at 100 % the name is on screen
    _at_zoom(shop, 0.25)
    hover(shop.view, CUSTOMER_CENTRE)
    assert item.toolTip() == "<qt><b>Customer</b><br>[Person]</qt>"
    _at_zoom(shop, 1.0)
    hover(shop.view, CUSTOMER_CENTRE)
    assert item.toolTip() == ""


def test_hover_names_a_relation_by_its_ends_and_label_zoomed_out(shop):
    key = shop.document.result.model.relations[0].key
    item = shop.scene.relation_item(key)
    (ax, ay), (bx, by) = item.face.points[:2]
    _at_zoom(shop, 0.3)
    hover(shop.view, ((ax + bx) / 2, (ay + by) / 2))
    assert item.toolTip() == "<qt><b>Customer → API</b><br>browses</qt>"
    shop.editor.setPlainText(shop.editor.text().replace('"browses"', '"buys"'))
    shop.document.reparse_now()  # a new model: the tooltip follows its text
    item = shop.scene.relation_item(key)
    hover(shop.view, (800, 800))
    hover(shop.view, ((ax + bx) / 2, (ay + by) / 2))
    assert item.toolTip() == "<qt><b>Customer → API</b><br>buys</qt>"


def test_names_from_the_file_are_escaped_in_the_tooltip(make_window, tmp_path, qtbot):
    path = tmp_path / "odd.arch"
    path.write_text('architecture "Odd" {\n  container A "<i>Tag</i> & co"\n}\n'
                    "layout {\n  A: 40, 40\n}\n", encoding="utf-8")
    window = make_window(path)
    window.show()
    qtbot.waitExposed(window)
    window.view.set_zoom(0.25)
    window.view.centerOn(110, 80)
    hover(window.view, (110, 80))
    tip = window.scene.element_item("A").toolTip()
    assert "&lt;i&gt;Tag&lt;/i&gt; &amp; co" in tip and "<i>" not in tip


def test_hovering_a_relation_or_its_label_traces_its_whole_line(shop):
    key = shop.document.result.model.relations[0].key
    item = shop.scene.relation_item(key)
    trace = shop.gestures.trace
    (ax, ay), (bx, by) = item.face.points[:2]
    hover(shop.view, ((ax + bx) / 2, (ay + by) / 2))
    assert trace.traced == key
    band = trace._band
    assert band.isVisible() and band.scene() is shop.scene
    label = item.face.label_rect()
    assert band.path().boundingRect().contains(item.face.path.boundingRect())
    assert band.path().boundingRect().contains(label)  # the label is ringed too
    hover(shop.view, (800, 800))  # empty canvas: the trace goes
    assert trace.traced is None and not band.isVisible()
    hover(shop.view, (label.center().x(), label.center().y()))  # the label alone
    assert trace.traced == key and band.isVisible()
    hover(shop.view, CUSTOMER_CENTRE)  # a shape: no trace
    assert not band.isVisible()


def test_a_trace_does_not_outlive_an_edit(shop):
    key = shop.document.result.model.relations[0].key
    (ax, ay), (bx, by) = shop.scene.relation_item(key).face.points[:2]
    hover(shop.view, ((ax + bx) / 2, (ay + by) / 2))
    assert shop.gestures.trace.traced == key
    shop.editor.setPlainText(shop.editor.text().replace('"browses"', '"buys"'))
    shop.document.reparse_now()
    assert shop.gestures.trace.traced is None
    assert not shop.gestures.trace._band.isVisible()


def test_the_trace_takes_the_colour_of_the_theme_shown(shop):
    key = shop.document.result.model.relations[0].key
    (ax, ay), (bx, by) = shop.scene.relation_item(key).face.points[:2]
    middle = ((ax + bx) / 2, (ay + by) / 2)
    trace = shop.gestures.trace
    hover(shop.view, middle)
    light = trace._band.pen().color()
    assert light.rgb() == QColor(shop.scene.theme.selection).rgb()
    shop.set_dark_theme(True)
    hover(shop.view, (800, 800))  # off the line, then back on it
    hover(shop.view, middle)
    assert trace.traced == key and trace._band.isVisible()
    dark = trace._band.pen().color()
    assert dark.rgb() == QColor(shop.scene.theme.selection).rgb() != light.rgb()
    assert dark.alphaF() < 1.0  # still a soft band


def test_hover_feedback_goes_when_the_mouse_leaves_the_canvas(shop):
    key = shop.document.result.model.relations[0].key
    (ax, ay), (bx, by) = shop.scene.relation_item(key).face.points[:2]
    hover(shop.view, ((ax + bx) / 2, (ay + by) / 2))
    assert shop.gestures.trace._band.isVisible()
    QApplication.sendEvent(shop.view.viewport(), QEvent(QEvent.Type.Leave))
    assert shop.gestures.trace.traced is None and not shop.gestures.trace._band.isVisible()
    hover(shop.view, CUSTOMER_CENTRE)
    handles = shop.gestures.connect._handles
    assert handles.isVisible()
    QApplication.sendEvent(shop.view.viewport(), QEvent(QEvent.Type.Leave))
    assert not handles.isVisible()


def _beside_first_segment(window, key: str, pixels: int) -> tuple[float, float]:
    """A scene point ``pixels`` on screen beside the middle of the relation's first
    segment (to its right when the segment runs down, below it when it runs across)."""
    (ax, ay), (bx, by) = window.scene.relation_item(key).face.points[:2]
    off = pixels / window.view.zoom()
    middle = ((ax + bx) / 2, (ay + by) / 2)
    return (middle[0] + off, middle[1]) if ax == bx else (middle[0], middle[1] + off)


def test_zoomed_out_a_click_just_beside_a_line_picks_it(shop):
    key = shop.document.result.model.relations[0].key
    _at_zoom(shop, 0.3)
    click(shop.view, _beside_first_segment(shop, key, 3))
    assert shop.scene.selected_keys() == [key]
    click(shop.view, (1400, 1400))  # well away: nothing
    assert shop.scene.selected_keys() == []


def test_zoomed_out_hovering_just_beside_a_line_traces_it(shop):
    key = shop.document.result.model.relations[0].key
    _at_zoom(shop, 0.3)
    hover(shop.view, _beside_first_segment(shop, key, 3))
    assert shop.gestures.trace.traced == key
    line = shop.scene.relation_item(key).face.path
    band = shop.gestures.trace._band.path()
    assert band.elementCount() == line.elementCount()  # the line alone: labels are not
    # drawn at 30 %, so none is ringed
