"""Canvas gestures: time from the mouse release to the scene and the text being up to date.

A real window on a generated, laid-out model (500 and 2,000 elements); real mouse events go to the
view's viewport: a move (press on a service, drag 3 grid steps, release) and a connect
(hover a service, press on its right handle, drag onto another, release). The release
is timed: in it the gesture asks for the edit, the edit engine makes it, the editor
applies it as one undo step, the document re-parses (incrementally), arranges from the
previous boxes and the scene updates. After each release the text and the scene are
checked, then the edit is undone (not timed). The baseline, measured in the same run,
is ``archstudio.dsl.parse`` of the same text (warm): what one parse alone costs. The
target is one frame (16.7 ms) at 500 elements.
"""

from __future__ import annotations

import statistics
import time

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from archstudio.dsl import parse
from archstudio.edit.layout import entry_text
from archstudio.layout import arrange
from benchmarks import best_ms
from benchmarks.models import generate
from benchmarks.window import app_window, model_file

SIZES = (500, 2000)
REPEAT = 15
FRAME_MS = 1000 / 60
LEFT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
MOVED, SOURCE, TARGET = "Sys1.Svc1_1", "Sys1.Svc1_0", "Sys1.Svc1_3"


def _send(view, kind: QEvent.Type, at: tuple[float, float], button, buttons) -> None:
    viewport = view.viewport()
    point = view.mapFromScene(QPointF(*at))
    QApplication.sendEvent(viewport, QMouseEvent(
        kind, QPointF(point), QPointF(viewport.mapToGlobal(point)), button, buttons,
        Qt.KeyboardModifier.NoModifier))


def _centre(window, qname: str) -> tuple[float, float]:
    box = window.document.result.boxes[qname]
    return box.x + box.width / 2, box.y + box.height / 2


def _drag_then_release(view, start, end) -> float:
    """Press and move untimed; the release (where the edit happens) timed, in ms."""
    _send(view, QEvent.Type.MouseButtonPress, start, LEFT, LEFT)
    for step in range(1, 5):
        at = (start[0] + (end[0] - start[0]) * step / 4, start[1] + (end[1] - start[1]) * step / 4)
        _send(view, QEvent.Type.MouseMove, at, NONE, LEFT)
    began = time.perf_counter()
    _send(view, QEvent.Type.MouseButtonRelease, end, LEFT, NONE)
    return (time.perf_counter() - began) * 1000


def _undo(window, original: str) -> None:
    window.commands.undo.trigger()
    window.document.reparse_now()
    assert window.editor.text() == original


def _move_ms(window) -> float:
    original = window.editor.text()
    start = _centre(window, MOVED)
    window.scene.clearSelection()
    window.view.centerOn(*start)
    under = window.view.items(window.view.mapFromScene(QPointF(*start)))
    assert getattr(under[0], "qname", None) == MOVED, [getattr(i, "qname", i) for i in under]
    took = _drag_then_release(window.view, start, (start[0] + 60, start[1] + 60))
    box = window.document.result.boxes[MOVED]
    entry = parse(window.editor.text()).layout[MOVED]
    assert (entry.x, entry.y) == (box.x, box.y) == (
        window.scene.element_item(MOVED).box.x, window.scene.element_item(MOVED).box.y)
    _undo(window, original)
    return took


def _connect_ms(window) -> float:
    original = window.editor.text()
    relations = len(window.document.result.model.relations)
    source, target = _centre(window, SOURCE), _centre(window, TARGET)
    window.view.centerOn((source[0] + target[0]) / 2, (source[1] + target[1]) / 2)
    box = window.document.result.boxes[SOURCE]
    _send(window.view, QEvent.Type.MouseMove, source, NONE, NONE)  # shows the handles
    took = _drag_then_release(window.view, (box.right, box.y + box.height / 2), target)
    model = window.document.result.model
    assert len(model.relations) == relations + 1
    assert (model.relations[-1].source, model.relations[-1].target) == (SOURCE, TARGET)
    assert window.scene.relation_item(model.relations[-1].key) is not None
    _undo(window, original)
    return took


def laid_out(size: int) -> str:
    """A generated model with every element placed in its layout section, as a saved file
    has it (so undoing a move puts the element back where the file says)."""
    text = generate(size)
    model = parse(text)
    boxes = arrange(model)
    lines = [entry_text(q, b.x, b.y, *((b.width, b.height) if model.elements[q].is_group
                                        else ())) for q, b in sorted(boxes.items())]
    return text + "\nlayout {\n" + "".join(f"  {line}\n" for line in lines) + "}\n"


def run() -> list[dict]:
    rows: list[dict] = []
    for size in SIZES:
        text = laid_out(size)
        parse(text)
        parse_ms = best_ms(lambda t=text: parse(t))
        with app_window(model_file(text, size)) as window:
            window.show()
            window.view.reset_zoom()
            QApplication.processEvents()
            rows.extend(_gesture_rows(window, parse_ms))
    return rows


def _gesture_rows(window, parse_ms: float) -> list[dict]:
    rows: list[dict] = []
    elements = len(window.document.result.model.elements)
    for name, measure in (("move", _move_ms), ("connect", _connect_ms)):
        measure(window)  # the first one builds caches a person's first gesture pays
        times = [measure(window) for _ in range(REPEAT)]
        median = statistics.median(times)
        rows.append({
            "gesture": f"{name}: release → text and scene updated",
            "elements": elements,
            "median_ms": round(median, 2),
            "best_ms": round(min(times), 2),
            "baseline": "parse, same text",
            "baseline_ms": round(parse_ms, 2),
            "ratio": round(median / parse_ms, 2),
            "within_frame": median <= FRAME_MS,
        })
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
