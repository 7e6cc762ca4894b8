"""Arrange menu: Auto-arrange in each direction and Tidy, each one undo step in the text."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMenu
from test_app_support import arch_file, config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.dsl import parse

CHAIN = """architecture "Chain" {
  person User "User"
  system Shop "Shop" {
    container Web "Web"
    container Api "API"
    datastore Db "Orders"
  }
  container Mail "Mail"
  User -> Shop.Web "browses"
  Shop.Web -> Shop.Api "calls"
  Shop.Api -> Shop.Db "reads"
  Shop.Api -> Mail "sends"
}
"""


def _menu_action(window, name: str):
    menu = window.findChild(QMenu, "autoArrangeMenu")
    assert menu is not None
    return next(a for a in menu.actions() if a.objectName() == name)


def _open(make_window, tmp_path, text: str = CHAIN):
    path = tmp_path / "chain.arch"
    path.write_text(text, encoding="utf-8")
    return make_window(path)


def test_the_arrange_menu_offers_every_direction_and_tidy(make_window, tmp_path):
    window = _open(make_window, tmp_path)
    menu = window.findChild(QMenu, "autoArrangeMenu")
    texts = [a.text().replace("&", "") for a in menu.actions()]
    assert texts == ["Automatic", "Left to Right", "Top to Bottom", "Right to Left",
                     "Bottom to Top"]
    assert window.tidy_action.text().replace("&", "") == "Tidy"


def test_each_direction_puts_targets_after_their_sources(make_window, tmp_path):
    window = _open(make_window, tmp_path)
    original = window.editor.text()
    seen = []
    for direction, check in (
        ("LR", lambda s, t: t.x >= s.right),
        ("TB", lambda s, t: t.y >= s.bottom),
        ("RL", lambda s, t: t.right <= s.x),
        ("BT", lambda s, t: t.bottom <= s.y),
    ):
        _menu_action(window, f"autoArrange{direction}").trigger()
        model = parse(window.editor.text())
        layout = model.layout
        assert set(layout) == set(model.elements)
        boxes = window.document.result.boxes
        for source, target in (("User", "Shop.Web"), ("Shop.Web", "Shop.Api"),
                               ("Shop.Api", "Shop.Db")):
            assert check(boxes[source], boxes[target]), (direction, source, target)
        seen.append(window.editor.text())
        window.editor.undo()
        assert window.editor.text() == original  # one undo, byte for byte
    assert len(set(seen)) == 4  # four different drawings


def test_automatic_direction_follows_the_window_shape(make_window, tmp_path):
    steps = "\n".join(f'  container S{i} "Step {i}"' for i in range(7))
    links = "\n".join(f"  S{i} -> S{i + 1}" for i in range(6))
    window = _open(make_window, tmp_path, f'architecture "Pipe" {{\n{steps}\n{links}\n}}\n')
    shapes = []
    for size in ((1800, 600), (600, 1400)):
        window.view.resize(*size)
        QApplication.sendPostedEvents()
        _menu_action(window, "autoArrangeauto").trigger()
        boxes = window.document.result.boxes
        width = max(b.right for b in boxes.values()) - min(b.x for b in boxes.values())
        height = max(b.bottom for b in boxes.values()) - min(b.y for b in boxes.values())
        shapes.append(width / height)
        window.editor.undo()
    wide_window, tall_window = shapes
    assert wide_window > 1 > tall_window  # the long pipeline runs along the longer side


def test_tidy_keeps_pinned_boxes_exactly_and_places_the_rest(make_window, tmp_path):
    pinned = CHAIN.rstrip().removesuffix("}") + (
        "  layout {\n    Shop.Api: 700, 400\n    Mail: 40, 900\n  }\n}\n")
    window = _open(make_window, tmp_path, pinned)
    original = window.editor.text()
    window.tidy_action.trigger()
    text = window.editor.text()
    assert text != original
    model = parse(text)
    assert (model.layout["Shop.Api"].x, model.layout["Shop.Api"].y) == (700, 400)
    assert (model.layout["Mail"].x, model.layout["Mail"].y) == (40, 900)
    assert "    Shop.Api: 700, 400\n" in text and "    Mail: 40, 900\n" in text
    assert set(model.layout) == set(model.elements)  # the rest is placed and written
    boxes = window.document.result.boxes
    assert (boxes["Shop.Api"].x, boxes["Shop.Api"].y) == (700, 400)
    assert boxes["Shop"].contains_box(boxes["Shop.Api"])
    window.editor.undo()
    assert window.editor.text() == original
