"""A drag repaints around what it changed, not the whole view: guides are the view's own
drawing, nothing shown is taken out of the scene, and a long line is drawn by the
zoomed-out batch only where it may show."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

from gesture_support import (  # noqa: F401  (fixtures)
    hover,
    send,
    shop,
    shop_file,
)
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QApplication, QGraphicsLineItem
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.canvas.piece_tiles import TiledPieces

BANK_CENTRE = (690, 85)  # Bank is 180 x 90 at (600, 40); the Shop's right edge is 600
Left, NoButton = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton


def layout_line(text: str, qname: str) -> str:
    return next(line.strip() for line in text.splitlines()
                if line.strip().startswith(f"{qname}:"))


def test_guides_are_drawn_by_the_view_and_gone_after_the_drop(shop):
    shop.commands.snap_to_grid.trigger()  # guides alone
    view = shop.view
    first = view.mapFromScene(QPointF(*BANK_CENTRE))
    last = view.mapFromScene(QPointF(BANK_CENTRE[0] + 4, BANK_CENTRE[1] + 350))
    send(view, QEvent.Type.MouseButtonPress, first, Left, Left)
    for step in range(1, 7):
        send(view, QEvent.Type.MouseMove, first + (last - first) * (step / 6), NoButton, Left)
    assert any(g.x1() == g.x2() == 600 for g in view.guides)  # lined up with the Shop
    assert not any(isinstance(item, QGraphicsLineItem) for item in shop.scene.items())
    send(view, QEvent.Type.MouseButtonRelease, last, Left, NoButton)
    assert view.guides == []
    assert layout_line(shop.editor.text(), "Bank") == "Bank: 600, 390"


def test_hovering_and_a_drag_never_repaint_the_whole_scene(shop, qtbot):
    QApplication.processEvents()
    rects: list[QRectF] = []
    shop.scene.changed.connect(rects.extend)
    for x in range(100, 700, 60):  # over elements and between them (connect handles)
        hover(shop.view, (x, 85))
        QApplication.processEvents()
    view = shop.view
    first = view.mapFromScene(QPointF(*BANK_CENTRE))
    last = view.mapFromScene(QPointF(BANK_CENTRE[0] + 100, BANK_CENTRE[1] + 40))
    send(view, QEvent.Type.MouseButtonPress, first, Left, Left)
    for step in range(1, 7):
        send(view, QEvent.Type.MouseMove, first + (last - first) * (step / 6), NoButton, Left)
        QApplication.processEvents()
    send(view, QEvent.Type.MouseButtonRelease, last, Left, NoButton)
    qtbot.waitUntil(lambda: shop.document.up_to_date)
    QApplication.processEvents()
    assert layout_line(shop.editor.text(), "Bank") == "Bank: 700, 80"
    whole = shop.scene.sceneRect()
    assert rects  # the move was repainted
    assert not any(rect.contains(whole) for rect in rects)


def test_a_long_line_is_drawn_only_where_it_may_show():
    tiles = TiledPieces(size=100)
    long = QPainterPath(QPointF(0, 0))
    long.lineTo(5000, 0)
    short = QPainterPath(QPointF(10, 10))
    short.lineTo(50, 10)
    tiles.put("long", [("solid", long)])
    tiles.put("short", [("solid", short)])
    assert list(tiles.paths("solid", QRectF(0, 30000, 50, 50))) == []
    widths = sorted(p.controlPointRect().width() for p in tiles.paths("solid", None))
    assert widths == [40, 5000]  # everything, when nothing narrows it
    reached = tiles.reached([QRectF(2500, -10, 20, 20)])  # a repainted strip on the line
    drawn = list(tiles.paths("solid", None, reached))
    assert [p.controlPointRect().width() for p in drawn] == [5000]
    tiles.remove("long")
    assert list(tiles.paths("solid", None, reached)) == []
