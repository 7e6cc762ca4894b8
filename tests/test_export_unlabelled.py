"""A PNG drawn too small to show relation labels is routed without placing them: the
labels would not be painted (``edge_face.LABEL_LOD``), and placing them is most of a big
drawing's routing. The picture is the one the labelled drawing gives."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

import archstudio.render.drawing as drawing_module
from archstudio.dsl import parse
from archstudio.io import export_png
from archstudio.layout import arrange
from archstudio.render import LIGHT, compute_drawing
from archstudio.render.diagram import routing_inputs
from archstudio.render.edge_face import LABEL_LOD
from tests.conftest import EXAMPLES

BOOKINFO = EXAMPLES.parent / "benchmarks" / "corpus" / "bookinfo.arch"


@pytest.fixture(autouse=True)
def gui(qapp):
    return qapp


@pytest.fixture
def asked(monkeypatch):
    """The label sizes each label placement of a drawing was given."""
    calls: list[int] = []
    place = drawing_module.place_labels

    def spy(routes, sizes, *rest, **named):
        calls.append(len(sizes))
        return place(routes, sizes, *rest, **named)

    monkeypatch.setattr(drawing_module, "place_labels", spy)
    return calls


def _model():
    model = parse(BOOKINFO.read_text(encoding="utf-8"))
    return model, arrange(model)


def test_a_picture_too_small_for_labels_places_none(tmp_path, asked):
    model, boxes = _model()
    scale = LABEL_LOD * 0.6
    export_png(model, boxes, tmp_path / "small.png", scale=scale)
    assert not any(asked)  # routed, with no label to place
    _, labelled = compute_drawing(model, boxes)
    assert labelled.labels  # the file has labels: they were left out, not missing
    export_png(model, boxes, tmp_path / "given.png", scale=scale, drawing=labelled)
    small, given = QImage(str(tmp_path / "small.png")), QImage(str(tmp_path / "given.png"))
    assert small.width() > 50 and small == given


def test_a_picture_large_enough_places_every_label(tmp_path, asked):
    model, boxes = _model()
    _, labelled = compute_drawing(model, boxes)
    asked.clear()
    export_png(model, boxes, tmp_path / "full.png", scale=LABEL_LOD * 1.01)
    assert asked == [len(labelled.labels)] and asked[0] > 0


def test_lines_without_labels_are_the_lines_of_the_labelled_drawing():
    model, boxes = _model()
    _, labelled = compute_drawing(model, boxes)
    _, bare = compute_drawing(model, boxes, labels=False)
    assert not bare.labelled and bare.labels == {} and bare.crowded == []
    assert labelled.labelled and bare.routes == labelled.routes


def test_a_drawing_without_labels_follows_a_move():
    """It keeps no indexes for updates (a picture's drawing): an update builds them."""
    model, boxes = _model()
    _, bare = compute_drawing(model, boxes, labels=False)
    assert bare.index is None
    qname = sorted(q for q in boxes if not model.elements[q].is_group)[0]
    box = boxes[qname]
    moved = {**boxes, qname: type(box)(box.x + 40, box.y + 25, box.width, box.height)}
    _, shapes, links, sizes, outline = routing_inputs(model, moved, LIGHT)
    after = bare.update(shapes, links, sizes, outline)
    assert set(after.routes) == set(bare.routes)
    assert after.routes != bare.routes  # the moved shape's lines follow it
