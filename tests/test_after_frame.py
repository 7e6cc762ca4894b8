"""A drop paints the canvas first; the panels (outline, properties, the text's highlight,
problems) follow right after that frame. Status bar labels lay out nothing when their
text changes (a resize there lays out the whole window, docks and all)."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

from gesture_support import click, drag, shop, shop_file  # noqa: F401  (fixtures)
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

BANK_CENTRE = (690, 85)  # Bank is 180 x 90 at (600, 40)


class _Recorder(QObject):
    def __init__(self, watched, kinds: set, log: list, name: str) -> None:
        super().__init__(watched)
        self.kinds, self.log, self.name = kinds, log, name
        watched.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() in self.kinds:
            self.log.append(self.name)
        return False


def test_a_drop_paints_the_canvas_before_the_panels_follow(shop, qtbot):
    shop.outline.select([])
    QApplication.processEvents()
    log: list[str] = []
    _Recorder(shop.view.viewport(), {QEvent.Type.Paint}, log, "canvas painted")
    show_element = shop.properties.show_element

    def recorded(model, qname):
        log.append(f"properties {qname}")
        show_element(model, qname)

    shop.properties.show_element = recorded
    click(shop.view, BANK_CENTRE)  # selected first: the drag's press changes nothing
    QApplication.processEvents()
    log.clear()
    drag(shop.view, BANK_CENTRE, (BANK_CENTRE[0] + 100, BANK_CENTRE[1] + 50))
    # the drop is in the text and on the canvas at once; the panels wait for its frame
    entry = shop.document.result.model.layout["Bank"]  # (where snapping put it)
    assert (entry.x, entry.y) != (600, 40)
    box = shop.scene.boxes["Bank"]
    assert (box.x, box.y) == (entry.x, entry.y) and shop.scene.selected_keys() == ["Bank"]
    assert shop.after_frame.pending and log == []
    assert not shop.editor.updatesEnabled()  # the text's own repaint waits too
    qtbot.waitUntil(lambda: not shop.after_frame.pending)
    assert shop.editor.updatesEnabled()
    assert shop.outline.selected_qnames() == ["Bank"]
    assert log.index("canvas painted") < log.index("properties Bank")
    start, end = shop.editor.highlighted_statement()
    assert shop.editor.text()[start:end].startswith('external Bank "Bank"')


def test_outside_a_drop_the_panels_follow_at_once(shop):
    shop.editor.go_to(shop.editor.text().index("datastore Db"))
    assert not shop.after_frame.pending
    assert shop.outline.selected_qnames() == ["Shop.Db"]


def test_status_labels_lay_out_nothing_when_their_text_changes(shop):
    QApplication.processEvents()
    log: list[str] = []
    for widget, name in ((shop, "window"), (shop.statusBar(), "status bar")):
        _Recorder(widget, {QEvent.Type.LayoutRequest}, log, name)
    text = shop.editor.text()
    for needle in ("external Bank", "Customer -> Shop.Api", "layout {", "person Customer"):
        shop.editor.go_to(text.index(needle) + 3)
        QApplication.processEvents()
    assert shop.position_label.text().startswith("Ln 3,")  # person Customer
    assert log == []
    width = shop.position_label.width()
    shop.position_label.setText("Ln 123456789, Col 123456789")
    assert shop.position_label.width() > width  # a longer text still fits
