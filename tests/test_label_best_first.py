"""A label's spot is the least (harm, score) over all its tracks, each swept whole, the
earliest track on a tie: the best-first search in growing windows (``_Placement.best``)
finds exactly that spot, on real drawings where most labels find a free spot and where
many are crowded, and on a hand-built line whose answer is known."""

from __future__ import annotations

from pathlib import Path

import pytest

from archstudio.dsl import parse
from archstudio.layout import arrange
from archstudio.layout.geometry import Box
from archstudio.render.diagram import compute_drawing
from archstudio.render.incremental import LineIndex, LinePieces, segment_rects
from archstudio.render.labels import _best, _label_blocks, _Placement, _static
from archstudio.render.scope import Scene, Scopes, Shape
from benchmarks.models import generate

CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus"


def _swept_whole(work: _Placement, key: str):
    """The definition: every track swept from end to end, the least (harm, score, track)."""
    least = None
    for n, track in enumerate(work.tracks_of(key)):
        intervals = _static(track, key, work.scopes[key], work.lines, work.scopes)
        harm, t = _best(track, intervals + _label_blocks(track, work.placed, key)[0])
        if least is None or (harm, track.score(t), n) < least[:3]:
            least = (harm, track.score(t), n, track.box(t))
    return None if least is None else (least[0], least[3])


@pytest.mark.parametrize(("text", "crowded"),
                         [(generate(100), False),
                          ((CORPUS / "trainticket.arch").read_text(), True)],
                         ids=["generated-100", "trainticket"])
def test_best_first_windows_find_the_spot_of_a_whole_sweep(qapp, text: str,
                                                           crowded: bool) -> None:
    model = parse(text)
    _, drawing = compute_drawing(model, arrange(model))
    scopes = Scopes(Scene(drawing.shapes), drawing.links)
    lines = LinePieces(LineIndex({k: segment_rects(p) for k, p in drawing.routes.items()}))
    fast = _Placement(drawing.routes, drawing.sizes, scopes, lines)
    slow = _Placement(drawing.routes, drawing.sizes, scopes, lines)
    harmed = 0
    for key in sorted(drawing.sizes):  # placed one after another, as place_labels does
        found = fast.best(key)
        assert found == _swept_whole(slow, key), key
        if found is not None:
            harmed += found[0] > 0
            fast.put(key, found[1])
            slow.put(key, found[1])
    assert len(fast.boxes) == len(drawing.sizes)
    assert (harmed > 0) == crowded  # the path with no free spot on any track, when crowded


def test_labels_along_a_track_across_a_big_drawing_are_all_found() -> None:
    """A track's sweep spanning thousands of cells still meets every label along it."""
    from archstudio.render.labels import _Placed

    placed = _Placed()
    for n in range(40):
        placed.add(f"L{n}", Box(1_000.0 * n, 500.0, 60.0, 14.0))
    placed.add("far", Box(20_000.0, 9_000.0, 60.0, 14.0))
    found = placed.near((-100.0, 490.0, 60_000.0, 520.0))
    assert set(found) == {f"L{n}" for n in range(40)}
    assert set(placed.near((-100.0, 490.0, 60_000.0, 9_500.0))) == set(found) | {"far"}


def _one_line_placement() -> _Placement:
    """Shapes a and b 400 px apart, one straight line r between them with a 60 x 14 label."""
    shapes = {"a": Shape(Box(-100.0, -30.0, 100.0, 60.0), None, False),
              "b": Shape(Box(400.0, -30.0, 100.0, 60.0), None, False)}
    routes = {"r": [(0.0, 0.0), (400.0, 0.0)]}
    scopes = Scopes(Scene(shapes), [("r", "a", "b")])
    lines = LinePieces(LineIndex({k: segment_rects(p) for k, p in routes.items()}))
    return _Placement(routes, {"r": (60.0, 14.0)}, scopes, lines)


def test_a_lone_line_gets_its_label_below_its_middle() -> None:
    # the track below the line (5 px off it) comes first: centred at x 200
    assert _one_line_placement().best("r") == (0, Box(170.0, 5.0, 60.0, 14.0))


def test_a_label_under_the_middle_sends_it_above_the_line() -> None:
    # with the spot below the middle taken, the middle above the line (its box 5 px off
    # it) scores better than a spot below, 80 px and more from the middle
    work = _one_line_placement()
    work.put("other", Box(150.0, 5.0, 100.0, 14.0))
    assert work.best("r") == (0, Box(170.0, -19.0, 60.0, 14.0))
