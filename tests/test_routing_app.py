"""Re-routing on a real drag in the window: the line the moved shape now blocks goes
around it, the move is one undo step, and an export draws the canvas's lines."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

import json
from itertools import pairwise

from gesture_support import drag, shop, shop_file  # noqa: F401  (fixtures)
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

BANK_CENTRE = (690, 85)  # Bank is 180 x 90 at (600, 40)
KEY = "Customer->Shop.Api#0"


def _through(points, box) -> bool:
    return any(min(a[0], b[0]) < box.right - 0.5 and max(a[0], b[0]) > box.x + 0.5
               and min(a[1], b[1]) < box.bottom - 0.5 and max(a[1], b[1]) > box.y + 0.5
               for a, b in pairwise(points))


def test_dragging_a_shape_onto_a_line_reroutes_it_and_export_matches(shop, tmp_path, qtbot):
    scene = shop.scene
    before = list(scene.relation_item(KEY).face.points)
    xs = [p[0] for p in before]
    ys = [p[1] for p in before]
    # drop the bank on the middle of the customer's line
    middle = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    drag(shop.view, BANK_CENTRE, middle)
    bank = scene.boxes["Bank"]
    assert _through(before, bank)  # the old line would now cross the bank
    after = scene.relation_item(KEY).face.points
    assert after != before and not _through(after, bank)
    assert scene.drawing.routes[KEY] == after
    out = tmp_path / "shop.json"
    assert shop.export_to(str(out))
    data = json.loads(out.read_text())
    # the JSON is in the export's coordinates: shift by the Bank's offset to compare
    element = next(e for e in data["elements"] if e["id"] == "Bank")
    dx, dy = bank.x - element["box"][0], bank.y - element["box"][1]
    exported = next(r for r in data["relations"] if r["from"] == "Customer")
    assert [(x + dx, y + dy) for x, y in exported["points"]] == [tuple(p) for p in after]
    shop.editor.undo()  # one step back: the bank and the old line return
    qtbot.waitUntil(lambda: scene.boxes["Bank"].x == 600)
    assert scene.relation_item(KEY).face.points == before
