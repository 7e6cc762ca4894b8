"""A drag resting over a place routes the lines for a drop there ahead of the release
(canvas/gestures/move.py, DiagramScene.route_ahead, render/redraw.route_ahead): a drop
there shows that drawing at once, and it is exactly the drawing a drop without the rest
gets; a drop elsewhere ignores it."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

import pytest
from gesture_support import SHOP, Left, NoButton, send, shop_file  # noqa: F401  (fixture)
from PySide6.QtCore import QEvent, QPointF
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.canvas.gestures.move import REST_MS

API_CENTRE = (410, 285)  # Shop.Api at (330, 260), inside Shop (300, 200, 300 x 310)


@pytest.fixture
def two_shops(make_window, shop_file, qtbot):
    windows = []
    for _ in range(2):
        window = make_window(shop_file)
        window.resize(1400, 900)  # the drops below on screen
        window.show()
        qtbot.waitExposed(window)
        qtbot.wait(400)  # the window's own first fit comes a moment after showing
        window.view.reset_zoom()
        window.view.centerOn(450, 300)
        windows.append(window)
    return windows


def _drag(window, qtbot, stops: list[tuple[float, float]], rests: list[int]):
    """Press on the API, move through ``stops`` resting ``rests`` ms at each; returns
    the drawing routed ahead when the button went up (None: none), then releases."""
    view = window.view
    at = view.mapFromScene(QPointF(*API_CENTRE))
    send(view, QEvent.Type.MouseButtonPress, at, Left, Left)
    for stop, rest in zip(stops, rests, strict=True):
        target = view.mapFromScene(QPointF(*stop))
        for step in range(1, 5):
            send(view, QEvent.Type.MouseMove, at + (target - at) * (step / 4), NoButton, Left)
        at = target
        qtbot.wait(rest)
    ahead = window.scene.drawing.ahead
    send(view, QEvent.Type.MouseButtonRelease, at, Left, NoButton)
    return ahead


def _same_drawing(a, b) -> None:
    assert a.editor.text() == b.editor.text() != SHOP
    assert a.scene.boxes == b.scene.boxes
    assert a.scene.drawing.routes == b.scene.drawing.routes
    assert a.scene.drawing.labels == b.scene.drawing.labels
    for window in (a, b):
        items = {k: item.face.points for k, item in window.scene.relation_items().items()}
        assert items == window.scene.drawing.routes


@pytest.mark.parametrize("drop", [(450, 300), (540, 300)])  # inside; past Shop's edge
def test_a_rested_drop_shows_the_drawing_routed_ahead_and_it_is_the_plain_one(
        two_shops, qtbot, drop):
    rested, plain = two_shops
    ahead = _drag(rested, qtbot, [drop], [REST_MS + 150])
    assert ahead is not None and rested.scene.drawing is ahead
    assert _drag(plain, qtbot, [drop], [0]) is None
    _same_drawing(rested, plain)
    if drop[0] > 500:  # the system grew to hold the drop, as predicted
        assert rested.scene.boxes["Shop"].right > 600


def test_a_drop_elsewhere_than_the_rest_ignores_the_drawing_routed_ahead(two_shops, qtbot):
    moved_on, plain = two_shops
    ahead = _drag(moved_on, qtbot, [(450, 300), (380, 420)], [REST_MS + 150, 0])
    assert ahead is not None and moved_on.scene.drawing is not ahead
    _drag(plain, qtbot, [(380, 420)], [0])
    _same_drawing(moved_on, plain)
    assert moved_on.scene.drawing.ahead is None


def test_resting_twice_then_dropping_elsewhere_keeps_the_drawing_right(two_shops, qtbot):
    moved_on, plain = two_shops
    stops = [(450, 300), (380, 300), (390, 420)]
    ahead = _drag(moved_on, qtbot, stops, [REST_MS + 150, REST_MS + 150, 0])
    assert ahead is not None and moved_on.scene.drawing is not ahead
    _drag(plain, qtbot, [(390, 420)], [0])
    _same_drawing(moved_on, plain)
    drawing = moved_on.scene.drawing
    assert drawing.index is not None and drawing.previous.index is None  # handed on


def test_resting_again_at_the_same_place_keeps_the_drawing_routed_ahead(two_shops, qtbot):
    """A hand never rests quite still: a move that ends where the drag already rested
    (the same place on the grid) starts the rest again, and must not route it again."""
    rested, plain = two_shops
    view = rested.view
    at = view.mapFromScene(QPointF(*API_CENTRE))
    target = view.mapFromScene(QPointF(450, 300))
    send(view, QEvent.Type.MouseButtonPress, at, Left, Left)
    for step in range(1, 5):
        send(view, QEvent.Type.MouseMove, at + (target - at) * (step / 4), NoButton, Left)
    qtbot.wait(REST_MS + 150)
    first = rested.scene.drawing.ahead
    send(view, QEvent.Type.MouseMove, target, NoButton, Left)  # the same place again
    qtbot.wait(REST_MS + 150)
    assert first is not None and rested.scene.drawing.ahead is first
    send(view, QEvent.Type.MouseButtonRelease, target, Left, NoButton)
    assert rested.scene.drawing is first
    _drag(plain, qtbot, [(450, 300)], [0])
    _same_drawing(rested, plain)
