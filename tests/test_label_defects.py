"""Clean drawings on random architectures: labels on no shape and no other label, no two
relations on one segment, no loop drawn over another, measured the way the quality
benchmark measures them (``archstudio export FILE -o OUT.json`` and ``layout.quality``).

The files in ``tests/data/clean/`` are random models (nested systems, relations to
systems, long labels) on which the drawing used to put labels on shapes or on each other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archstudio.cli import main
from archstudio.layout.quality import measure, segments_cross, segments_of

CLEAN = Path(__file__).parent / "data" / "clean"


@pytest.fixture(autouse=True)
def gui(qapp):
    return qapp


def exported(tmp_path: Path, source: Path) -> dict:
    out = tmp_path / f"{source.stem}.json"
    assert main(["export", str(source), "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["random-8", "random-12", "random-21"])
def test_random_models_have_labels_on_no_shape_and_no_label(tmp_path, name):
    drawing = exported(tmp_path, CLEAN / f"{name}.arch")
    quality = measure(drawing)
    assert quality.relations > 15
    assert sum(r["label_box"] is not None for r in drawing["relations"]) > 10
    assert quality.labels_on_shapes == 0
    assert quality.labels_on_labels == 0
    assert quality.through_shapes == 0
    assert quality.shape_overlaps == 0
    assert quality.shared_segments == 0


LOOPS = '''architecture "Loops" {
  container Api "Order API" { technology "Go" }
  datastore Db "Orders" { technology "PostgreSQL 16" }
  Api -> Api "retries a failed payment" "HTTP"
  Api -> Api "refreshes its cache" "gRPC"
  Api -> Api "schedules reminders"
  Api -> Api "expires old carts"
  Api -> Db "reads and writes orders" "JDBC"
}
'''


def test_self_relations_of_one_element_are_separate_loops_each_with_its_label(tmp_path):
    source = tmp_path / "loops.arch"
    source.write_text(LOOPS, encoding="utf-8")
    drawing = exported(tmp_path, source)
    loops = [r for r in drawing["relations"] if r["from"] == r["to"]]
    assert len(loops) == 4
    # four different lines that neither cross nor run along one another
    assert len({json.dumps(r["points"]) for r in loops}) == 4
    segments = [(n, s) for n, r in enumerate(loops) for s in segments_of(r["points"])]
    assert not [(a, b) for a, sa in segments for b, sb in segments
                if a < b and segments_cross(sa, sb)]
    quality = measure(drawing)
    assert quality.shared_segments == 0
    assert quality.labels_on_labels == 0
    assert quality.labels_on_shapes == 0
    assert quality.under_labels == 0


def test_an_elements_loops_keep_their_corners_after_it_moves():
    from archstudio.dsl import parse
    from archstudio.layout import Box, arrange
    from archstudio.render.diagram import routing_inputs
    from archstudio.render.drawing import Drawing
    from archstudio.render.theme import LIGHT

    text = ('architecture "L" {\n  container A "A"\n  container B "B"\n'
            '  A -> A "one"\n  A -> A "two"\n  A -> A "three"\n  A -> B "calls"\n}\n')
    model = parse(text)
    boxes = arrange(model)
    _, shapes, links, sizes, outline = routing_inputs(model, boxes, LIGHT)
    drawing = Drawing.compute(shapes, links, sizes, outline)
    a = boxes["A"]
    boxes = {**boxes, "A": Box(a.x + 40, a.y + 30, a.width, a.height)}
    _, shapes, links, sizes, outline = routing_inputs(model, boxes, LIGHT)
    moved = drawing.update(shapes, links, sizes, outline)
    fresh = Drawing.compute(shapes, links, sizes, outline)
    loops = [k for k, s, t in links if s == t]
    assert len({tuple(moved.routes[k]) for k in loops}) == 3  # three distinct loops
    assert [moved.routes[k] for k in loops] == [fresh.routes[k] for k in loops]
