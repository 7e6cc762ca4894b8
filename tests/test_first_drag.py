"""The first drag after a fresh open (or Auto-arrange) changes the drawing only where the
dragged shape is: the systems around it keep the box the layout gave them while it stays
inside, grow when it leaves them, and one undo gives every box back."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

from pathlib import Path

import pytest
from gesture_support import drag
from PySide6.QtWidgets import QMenu
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.layout.arrange import padded

CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus"


def _open(make_window, qtbot, tmp_path, name: str):
    path = tmp_path / f"{name}.arch"
    path.write_text((CORPUS / f"{name}.arch").read_text(encoding="utf-8"), encoding="utf-8")
    window = make_window(path)
    window.show()
    qtbot.waitExposed(window)
    window.view.reset_zoom()
    window.document.reparse_now()
    return window


def _deepest_leaf(window) -> str:
    model = window.document.result.model
    leaves = [q for q, e in model.elements.items() if not e.is_group and e.parent]
    return max(leaves, key=lambda q: q.count("."))


def _holders(model, qname: str) -> list[str]:
    out, parent = [], model.elements[qname].parent
    while parent is not None:
        out.append(parent)
        parent = model.elements[parent].parent
    return out


def _drag(window, leaf: str, by: tuple[float, float]) -> dict:
    box = window.document.result.boxes[leaf]
    window.view.centerOn(box.x + box.width / 2, box.y + box.height / 2)
    start = (box.x + box.width / 2, box.y + box.height / 2 + 6)
    drag(window.view, start, (start[0] + by[0], start[1] + by[1]))
    window.document.reparse_now()
    assert leaf in window.document.result.model.layout
    return dict(window.document.result.boxes)


@pytest.mark.parametrize("name", ["petclinic", "trainticket", "socialnetwork"])
def test_a_small_first_drag_moves_nothing_but_the_shape(make_window, qtbot, tmp_path, name):
    window = _open(make_window, qtbot, tmp_path, name)
    assert not window.document.result.model.layout  # no positions: the layered layout
    before = dict(window.document.result.boxes)
    leaf = _deepest_leaf(window)
    after = _drag(window, leaf, (20, 10))
    assert after[leaf] != before[leaf]
    moved = sorted(q for q in after if after[q] != before[q])
    held = padded(after[leaf])  # what each holder must hold: the shape, or the system
    for holder in _holders(window.document.result.model, leaf):  # innermost first
        if before[holder].contains_box(held):
            assert after[holder] == before[holder], holder  # it still holds the shape
        held = padded(after[holder])  # (a system grown to its side grows its holder)
    assert set(moved) <= {leaf, *_holders(window.document.result.model, leaf)}
    window.commands.undo.trigger()
    window.document.reparse_now()
    assert dict(window.document.result.boxes) == before


def test_a_shape_dragged_over_the_edge_grows_its_systems_and_undo_shrinks_them(
        make_window, qtbot, tmp_path):
    window = _open(make_window, qtbot, tmp_path, "petclinic")
    before = dict(window.document.result.boxes)
    leaf = _deepest_leaf(window)
    system = window.document.result.model.elements[leaf].parent
    box, frame = before[leaf], before[system]
    window.view.centerOn(frame.right, box.y + box.height / 2)
    # held by its left end and let go just inside the system's right side: the shape
    # stays in its system and sticks out of it
    start = (box.x + 6, box.y + box.height / 2 + 6)
    drag(window.view, start, (frame.right - 12, start[1]))
    window.document.reparse_now()
    after = dict(window.document.result.boxes)
    assert window.document.result.model.elements[leaf].parent == system
    assert after[leaf].right > frame.right
    assert after[system].contains_box(padded(after[leaf]))
    assert after[system].right > frame.right
    assert (after[system].x, after[system].y) == (frame.x, frame.y)  # only that side grew
    window.commands.undo.trigger()
    window.document.reparse_now()
    assert dict(window.document.result.boxes) == before


def test_first_drag_after_auto_arrange_moves_nothing_else(make_window, qtbot, tmp_path):
    window = _open(make_window, qtbot, tmp_path, "petclinic")
    menu = window.findChild(QMenu, "autoArrangeMenu")
    next(a for a in menu.actions() if a.objectName() == "autoArrangeLR").trigger()
    window.document.reparse_now()
    before = dict(window.document.result.boxes)
    leaf = _deepest_leaf(window)
    after = _drag(window, leaf, (20, 10))
    assert sorted(q for q in after if after[q] != before[q]) == [leaf]
