"""Routing and label placement on generated models: the whole computed drawing, and the
re-routing that follows one moved shape.

Baseline in the same run: the straight style (a centre-to-centre line per relation and the
same label placement), which is what every orthogonal search, nudge and repair is added
to. Quality columns are counted on the result with the test suite's checks: segments
through shapes, pairs of relations sharing a segment, routes with no clear way
(``blocked``) and labels with no free spot (``crowded``).
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from archstudio.dsl import parse  # noqa: E402
from archstudio.layout import Box, arrange  # noqa: E402
from archstudio.render import LIGHT  # noqa: E402
from archstudio.render.diagram import compute_drawing, routing_inputs  # noqa: E402
from archstudio.render.drawing import Drawing  # noqa: E402
from benchmarks import best_ms  # noqa: E402
from benchmarks.models import generate  # noqa: E402
from tests.route_checks import shared_segments, through_shapes  # noqa: E402

SIZES = (100, 500, 2000)


def _moved(model, boxes: dict[str, Box], step: int = 1) -> dict[str, Box]:
    """One service of the middle system moved a little (``step`` times), as a drag would."""
    leaves = sorted(q for q in boxes if not model.elements[q].is_group and "Svc" in q)
    qname = leaves[len(leaves) // 2]
    box = boxes[qname]
    return {**boxes, qname: Box(box.x + 30 * step, box.y + 20 * step, box.width, box.height)}


def _drags_ms(drawing: Drawing, model, boxes: dict[str, Box], count: int = 3) -> float:
    """Best of ``count`` successive moves of one service after the first, each updating
    the drawing the one before gave (as the canvas does: every drop is a new position, so no earlier
    drawing is recalled)."""
    best = float("inf")
    for step in range(2, count + 2):  # ``drawing`` is at step 1 already
        inputs = routing_inputs(model, _moved(model, boxes, step), LIGHT)[1:]
        start = time.perf_counter()
        drawing = drawing.update(*inputs)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def run() -> list[dict]:
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (fonts)
    rows = []
    for size in SIZES:
        model = parse(generate(size))
        boxes = arrange(model)
        repeat = 1 if size >= 2000 else 3
        straight_ms = best_ms(lambda m=model, b=boxes: compute_drawing(m, b, LIGHT, "straight"),
                              repeat)
        ours_ms = best_ms(lambda m=model, b=boxes: compute_drawing(m, b), repeat)
        _, drawing = compute_drawing(model, boxes)
        moved = _moved(model, boxes)
        inputs = routing_inputs(model, moved, LIGHT)[1:]
        after = drawing.update(*inputs)
        move_ms = _drags_ms(after, model, boxes)
        rerouted = sum(after.raw[k] != drawing.raw.get(k) for k in after.raw)
        fresh_ms = best_ms(lambda i=inputs: Drawing.compute(*i), repeat)
        rows.append({
            "name": f"routing {size} elements",
            "relations": len(drawing.links),
            "baseline": "straight lines + labels",
            "baseline_ms": round(straight_ms, 1),
            "ms": round(ours_ms, 1),
            "ratio": round(ours_ms / straight_ms, 2),
            "through": len(through_shapes(drawing)),
            "shared": len(shared_segments(drawing)),
            **{k: v for k, v in drawing.report().items() if k != "relations"},
        })
        rows.append({
            "name": f"re-route after one move, {size} elements",
            "relations": len(drawing.links),
            "baseline": "routing everything again",
            "baseline_ms": round(fresh_ms, 1),
            "ms": round(move_ms, 1),
            "ratio": round(move_ms / fresh_ms, 3),
            "rerouted": rerouted,
            "through": len(through_shapes(after)),
            "shared": len(shared_segments(after)),
        })
    return rows
