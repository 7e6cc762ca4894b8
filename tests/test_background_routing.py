"""Big diagrams: shapes are shown at once, lines are routed in the helper process and
appear when they come back; nothing typed or moved meanwhile is lost; a window opened
by the launcher paints before it opens its file."""

# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

import io
import sys

import pytest
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.canvas import DiagramView
from archstudio.canvas.background import BackgroundRouter
from archstudio.dsl import parse
from archstudio.layout import arrange
from archstudio.render import LIGHT, compute_drawing
from archstudio.render.worker import read_frame, serve, write_frame
from benchmarks.models import generate

WAIT_MS = 120_000  # a helper process starting on a busy machine


def _laid_out(text: str):
    model = parse(text)
    return model, arrange(model)


@pytest.fixture
def view(qtbot):
    view = DiagramView()
    view.resize(900, 600)
    qtbot.addWidget(view)
    view.show()
    view.diagram_scene.background_from = 1  # every whole routing goes to the helper
    return view


def _wait_for_lines(qtbot, scene) -> None:
    if scene.routing_pending:
        with qtbot.waitSignal(scene.routing_changed, timeout=WAIT_MS,
                              check_params_cb=lambda busy: not busy):
            pass
    assert not scene.routing_pending


def _lines(scene) -> dict[str, list]:
    return {key: item.face.points for key, item in scene.relation_items().items()
            if item.isVisible()}


def test_shapes_show_at_once_and_the_lines_come_from_the_helper(qtbot, view):
    model, boxes = _laid_out(generate(40))
    scene = view.diagram_scene
    scene.show_model(model, boxes)
    assert scene.routing_pending
    assert set(scene.element_items()) == set(boxes)  # the shapes are there already
    assert _lines(scene) == {}  # no line yet
    _wait_for_lines(qtbot, scene)
    _, expected = compute_drawing(model, boxes, LIGHT)  # the same lines as routed here
    assert _lines(scene) == expected.routes
    assert len(expected.routes) == len(model.relations) > 40
    assert scene.drawing.routes == expected.routes
    assert scene.drawing.labels == expected.labels


def test_a_whole_routing_is_sent_to_the_helper_after_the_shapes_painted(qtbot, view,
                                                                        monkeypatch):
    """The request (its pickle, and the helper's start) waits for the frame with the
    shapes, so they are on screen sooner; a view that never paints (hidden) sends it a
    moment later all the same, and a scene without a view at once."""
    from PySide6.QtCore import QEvent, QObject

    model, boxes = _laid_out(generate(40))
    scene = view.diagram_scene
    moments: list[str] = []

    class Paints(QObject):
        def eventFilter(self, watched, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                moments.append("paint")
            return False

    paints = Paints()
    view.viewport().installEventFilter(paints)
    submit = BackgroundRouter.submit
    monkeypatch.setattr(BackgroundRouter, "submit", lambda self, *args, **named: (
        moments.append("sent"), submit(self, *args, **named))[1])
    scene.show_model(model, boxes)
    assert scene.routing_pending and "sent" not in moments
    _wait_for_lines(qtbot, scene)
    assert moments.index("paint") < moments.index("sent")
    assert moments.count("sent") == 1
    _, expected = compute_drawing(model, boxes, LIGHT)
    assert _lines(scene) == expected.routes
    view.hide()  # never painted: sent after a moment all the same
    moments.clear()
    scene.set_routing("straight")
    scene.set_routing("orthogonal")
    assert moments == []
    _wait_for_lines(qtbot, scene)
    assert moments == ["sent"] and _lines(scene) == expected.routes
    view.setScene(None)  # no view at all: nothing waits for a frame
    moments.clear()
    scene.set_routing("straight")
    scene.set_routing("orthogonal")
    assert moments == ["sent"]
    _wait_for_lines(qtbot, scene)
    assert _lines(scene) == expected.routes


def test_another_line_style_while_routing_says_the_routing_is_over(qtbot, view):
    """The helper's answer for the old style is dropped: whoever shows that lines are
    coming (``routing_changed``) is told they are there, drawn in the new style."""
    model, boxes = _laid_out(generate(40))
    scene = view.diagram_scene
    told: list[bool] = []
    scene.routing_changed.connect(told.append)
    scene.show_model(model, boxes)
    assert told == [True] and scene.routing_pending
    scene.set_routing("straight")  # straight lines are drawn here at once
    assert told == [True, False] and not scene.routing_pending
    assert len(_lines(scene)) == len(model.relations)


def test_what_changed_while_routing_is_on_the_canvas_when_the_lines_come(qtbot, view):
    text = generate(40)
    model, boxes = _laid_out(text)
    scene = view.diagram_scene
    scene.show_model(model, boxes)
    assert scene.routing_pending
    # meanwhile: a relation added, a label retyped, an element moved
    source, target = model.relations[0].source, model.relations[-1].target
    changed = text.replace('"Service 1.1"', '"Service one"', 1)
    changed = changed.rstrip()[:-1] + f'  {source} -> {target} "added meanwhile"\n}}\n'
    new_model = parse(changed)
    assert not any(d.is_error for d in new_model.diagnostics)
    new_boxes = dict(arrange(new_model))
    moved = next(q for q, e in new_model.elements.items() if not e.is_group)
    box = new_boxes[moved]
    new_boxes[moved] = type(box)(box.x + 7, box.y, box.width, box.height)
    scene.show_model(new_model, new_boxes)
    assert scene.routing_pending
    _wait_for_lines(qtbot, scene)
    lines = _lines(scene)
    assert set(lines) == {r.key for r in new_model.relations}
    added = next(r for r in new_model.relations if r.label == "added meanwhile")
    assert scene.relation_item(added.key).label == "added meanwhile"
    assert scene.element_item(moved).box == new_boxes[moved]
    assert any(i.label == "Service one" for i in scene.element_items().values())
    ends = {q: new_boxes[q] for q in (added.source, added.target)}
    first, last = lines[added.key][0], lines[added.key][-1]
    assert _touches(ends[added.source], first) and _touches(ends[added.target], last)


def _touches(box, point) -> bool:
    x, y = point
    return box.x - 1 <= x <= box.right + 1 and box.y - 1 <= y <= box.bottom + 1


def test_without_a_helper_the_canvas_routes_itself(qtbot, view, monkeypatch):
    scene = view.diagram_scene
    model, boxes = _laid_out(generate(20))
    router = BackgroundRouter()
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    monkeypatch.setattr("archstudio.canvas.scene.background_router", lambda: router)
    scene.show_model(model, boxes)
    _wait_for_lines(qtbot, scene)  # the helper failed to start: routed here instead
    _, expected = compute_drawing(model, boxes, LIGHT)
    assert _lines(scene) == expected.routes
    assert not router.available


def test_the_helper_protocol_round_trips_a_drawing(qapp):
    model, boxes = _laid_out(generate(20))
    from archstudio.render.diagram import routing_inputs

    _, shapes, links, sizes, outline = routing_inputs(model, boxes, LIGHT)
    from archstudio.layout.routes import hints_for

    outlines = {q: outline(q) for q, s in shapes.items() if not s.is_group}
    hints = hints_for(model, boxes, links)  # the layout's plans, as the canvas sends them
    requests = io.BytesIO()
    write_frame(requests, (7, shapes, links, sizes, outlines, "orthogonal", hints))
    write_frame(requests, (8, {"x": "not a shape"}, [("r", "x", "y")], {}, {}, "orthogonal"))
    requests.seek(0)
    answers = io.BytesIO()
    serve(requests, answers)
    answers.seek(0)
    job, drawing, problem = read_frame(answers)
    _, expected = compute_drawing(model, boxes, LIGHT)
    assert (job, problem) == (7, None) and drawing.routes == expected.routes
    job, drawing, problem = read_frame(answers)  # bad input: a message, never a crash
    assert job == 8 and drawing is None and "Error" in problem
    assert read_frame(answers) is None


def test_the_lines_come_before_the_labels_and_show_meanwhile(qtbot, view):
    """A whole routing's lines alone come first (label placement is more than half of a
    big drawing's routing) and are shown while the labels are placed; the answer then
    brings the labels and the lines they moved."""
    from archstudio.canvas.background import background_router

    model, boxes = _laid_out(generate(40))
    scene = view.diagram_scene
    scene.show_model(model, boxes)  # (the scene listens to the helper from here on)
    seen: list[tuple] = []
    notes: list[bool] = [scene.labels_pending]
    router = background_router()

    def arrived(answer) -> None:  # called after the scene's own slot
        job, lines = answer
        faces = [item.face for item in scene.relation_items().values() if item.isVisible()]
        seen.append((lines.routes, _lines(scene), scene.routing_pending,
                     [f.label_box for f in faces]))
        notes.append(scene.labels_pending)

    router.lines_arrived.connect(arrived)
    try:
        _wait_for_lines(qtbot, scene)
    finally:
        router.lines_arrived.disconnect(arrived)
    from archstudio.layout.routes import hints_for
    from archstudio.render.diagram import routing_inputs
    from archstudio.render.drawing import Drawing

    _, shapes, links, sizes, outline = routing_inputs(model, boxes, LIGHT)
    hints = hints_for(model, boxes, links)  # the layout's plans, as the canvas routes
    alone = Drawing.compute(shapes, links, sizes, outline, hints=hints, labels=False)
    assert len(seen) == 1
    routes, shown, pending, label_boxes = seen[0]
    assert routes == alone.routes and shown == alone.routes  # every line, on the canvas
    assert pending and set(label_boxes) == {None}  # the labels still to come
    _, expected = compute_drawing(model, boxes, LIGHT)
    assert _lines(scene) == expected.routes and scene.drawing.labels == expected.labels
    assert any(item.face.label_box is not None for item in scene.relation_items().values())
    # the canvas's note says the labels are coming while only they are
    assert notes == [False, True] and not scene.labels_pending


def test_the_helper_sends_the_lines_early_when_asked(qapp):
    from archstudio.render.diagram import routing_inputs
    from archstudio.render.drawing import Drawing
    from archstudio.render.worker import LINES

    model, boxes = _laid_out(generate(20))
    _, shapes, links, sizes, outline = routing_inputs(model, boxes, LIGHT)
    outlines = {q: outline(q) for q, s in shapes.items() if not s.is_group}
    requests = io.BytesIO()
    write_frame(requests, (3, shapes, links, sizes, outlines, "orthogonal", None, True))
    write_frame(requests, (4, shapes, links, sizes, outlines, "orthogonal", None, False))
    requests.seek(0)
    answers = io.BytesIO()
    serve(requests, answers)
    answers.seek(0)
    job, lines, kind = read_frame(answers)
    alone = Drawing.compute(shapes, links, sizes, outline, labels=False)
    assert (job, kind) == (3, LINES) and lines.routes == alone.routes
    assert lines.labels == {} and not lines.labelled
    expected = Drawing.compute(shapes, links, sizes, outline)  # (no plans sent)
    job, drawing, problem = read_frame(answers)
    assert (job, problem) == (3, None) and drawing.routes == expected.routes
    assert drawing.labels == expected.labels and drawing.labels
    job, drawing, problem = read_frame(answers)  # not asked: the whole drawing only
    assert (job, problem) == (4, None) and drawing.labels == expected.labels
    assert read_frame(answers) is None


def test_the_launcher_window_paints_before_it_opens_the_file(qtbot, config_dir, tmp_path):
    from test_app_support import FakePrompts

    from archstudio.app import MainWindow

    path = tmp_path / "big.arch"
    path.write_text(generate(40), encoding="utf-8")
    window = MainWindow(str(path), prompts=FakePrompts(), open_later=True)
    qtbot.addWidget(window)
    window.scene.background_from = 1
    assert window.scene.element_items() == {}  # nothing opened before the first paint
    assert "big.arch" in window.view.placeholder and "big.arch" in window.windowTitle()
    window.show()
    qtbot.waitUntil(lambda: window.opening.done, timeout=WAIT_MS)
    assert window.view.placeholder == ""
    assert window.document.path == str(path.resolve())
    assert len(window.scene.element_items()) == len(window.document.result.model.elements)
    _wait_for_lines(qtbot, window.scene)
    assert len(_lines(window.scene)) == len(window.document.result.model.relations)
    assert window.windowTitle().startswith("big.arch")


def test_typing_while_the_lines_are_routed_loses_nothing(qtbot, config_dir, tmp_path):
    from test_app_support import FakePrompts, insert_before_last_brace

    from archstudio.app import MainWindow

    path = tmp_path / "big.arch"
    text = generate(40)
    path.write_text(text, encoding="utf-8")
    window = MainWindow(str(path), prompts=FakePrompts(), open_later=True)
    qtbot.addWidget(window)
    window.scene.background_from = 1
    window.show()
    qtbot.waitUntil(lambda: window.opening.done, timeout=WAIT_MS)
    assert window.scene.routing_pending  # the lines are on their way
    model = window.document.result.model
    source, target = model.relations[0].source, model.relations[-1].target
    insert_before_last_brace(window, f'  {source} -> {target} "typed meanwhile"\n')
    qtbot.keyClicks(window.editor, "x")  # and a real key event after it
    window.editor.undo()
    qtbot.waitUntil(lambda: window.document.up_to_date, timeout=WAIT_MS)
    _wait_for_lines(qtbot, window.scene)
    relations = window.document.result.model.relations
    added = next(r for r in relations if r.label == "typed meanwhile")
    lines = _lines(window.scene)
    assert set(lines) == {r.key for r in relations}
    assert window.scene.relation_item(added.key).label == "typed meanwhile"
    assert "typed meanwhile" in window.editor.text()


def test_the_helper_ends_quietly_when_the_app_is_gone_before_its_answer(qapp):
    """Killing the app while it routes closes the helper's pipe; the helper must end
    without a traceback on the terminal when it has a drawing to send back."""
    import subprocess

    from archstudio.render.diagram import routing_inputs
    from archstudio.render.worker import answer

    model, boxes = _laid_out(generate(20))
    _, shapes, links, sizes, outline = routing_inputs(model, boxes, LIGHT)
    outlines = {q: outline(q) for q, s in shapes.items() if not s.is_group}
    request = (1, shapes, links, sizes, outlines, "orthogonal")
    assert answer(request)[1].routes  # the answer would carry lines
    frame = io.BytesIO()
    write_frame(frame, request)
    helper = subprocess.Popen([sys.executable, "-m", "archstudio.render.worker"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    helper.stdout.close()  # the app is gone: nobody reads the answer
    try:
        _, errors = helper.communicate(frame.getvalue(), timeout=120)
    finally:
        if helper.poll() is None:
            helper.kill()
            helper.communicate()
    assert helper.returncode == 0
    assert b"Traceback" not in errors, errors.decode(errors="replace")
