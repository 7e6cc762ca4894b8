"""A member dragged partly past its system's edge stays in it and the system grows; the
same drag again (the member now sits at the grown edge, the pointer goes past it) grows
it again instead of pulling the member out. Dropped wholly outside, it leaves."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

from gesture_support import drag, shop, shop_file  # noqa: F401  (fixtures)
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

API_CENTRE = (420, 305)  # Shop.Api is 180 x 90 at (330, 260); the Shop ends at x = 600


def _box(window, qname: str):
    return window.scene.boxes[qname]


def test_a_second_drag_past_the_grown_edge_keeps_the_member_and_grows_the_system(shop):
    step = 150
    drag(shop.view, API_CENTRE, (API_CENTRE[0] + step, API_CENTRE[1]))
    model = shop.document.result.model
    assert model.elements["Shop.Api"].parent == "Shop"
    api, system = _box(shop, "Shop.Api"), _box(shop, "Shop")
    assert api.right < system.right  # the Shop grew to hold it
    pointer = (api.x + api.width / 2 + step, api.y + api.height / 2)
    assert pointer[0] > system.right  # the pointer ends past the grown edge...
    drag(shop.view, (api.x + api.width / 2, api.y + api.height / 2), pointer)
    model = shop.document.result.model
    assert "Shop.Api" in model.elements and "Api" not in model.elements  # ...yet it stays
    assert "Customer -> Shop.Api" in shop.editor.text()
    grown, moved = _box(shop, "Shop"), _box(shop, "Shop.Api")
    assert moved.x > api.x and grown.right > system.right and moved.right < grown.right
    assert shop.scene.selected_keys() == ["Shop.Api"]


def test_dropped_wholly_outside_the_member_leaves(shop):
    api = _box(shop, "Shop.Api")
    system = _box(shop, "Shop")
    # the pointer just past the edge by more than the member's width: nothing left inside
    drag(shop.view, API_CENTRE, (system.right + api.width / 2 + 30, API_CENTRE[1]))
    model = shop.document.result.model
    assert model.elements["Api"].parent is None and "Shop.Api" not in model.elements

