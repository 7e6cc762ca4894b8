"""Room for crowded labels (``render.label_room``) and the last repair of shared segments
(``render.nudge.repair``), on small hand-made drawings: lines under a label are moved
out, pushing the lines of a bundle on and sliding ports along their sides; every moved
line stays orthogonal, keeps its ends, and runs on no other line."""

from __future__ import annotations

from itertools import pairwise

from archstudio.layout.geometry import Box
from archstudio.render.label_room import PORT_GAP, LineMover
from archstudio.render.labels import line_index
from archstudio.render.nudge import SEPARATION, repair
from archstudio.render.ports import EDGE
from archstudio.render.scope import Scene, Scopes, Shape


def mover_for(shapes, routes, labels=None):
    links = [(key, key.split(">")[0], key.split(">")[1]) for key in routes]
    scopes = Scopes(Scene(shapes), links)
    labels = labels or {}
    return LineMover(routes, scopes, labels, lambda rect: labels.keys(), line_index(routes))


def under(box: Box, points) -> bool:
    return any(min(a[0], b[0]) < box.right and max(a[0], b[0]) > box.x
               and min(a[1], b[1]) < box.bottom and max(a[1], b[1]) > box.y
               for a, b in pairwise(points))


def orthogonal(points) -> bool:
    return all(a[0] == b[0] or a[1] == b[1] for a, b in pairwise(points))


def test_a_bundle_beside_a_label_is_pushed_aside_as_a_whole():
    """Three lines jog down a wide gap 10 px apart; a label sits on the first: it moves
    past the label's edge and pushes the other two on, each keeping its ends."""
    shapes = {f"S{n}": Shape(Box(0, 100 * n, 100, 60), None, False) for n in range(3)}
    shapes |= {f"T{n}": Shape(Box(600, 100 * n, 100, 60), None, False) for n in range(3)}
    routes = {f"S{n}>T{n}": [(100, 100 * n + 30), (300 + 10 * n, 100 * n + 30),
                             (300 + 10 * n, 100 * n + 330), (600, 100 * n + 330)]
              for n in range(3)}
    ends = {key: (points[0], points[-1]) for key, points in routes.items()}
    mover = mover_for(shapes, routes)
    label = Box(280, 150, 26, 20)  # over the first line only, the others just beside it
    assert under(label, routes["S0>T0"]) and not under(label, routes["S1>T1"])
    assert mover.clear(label, "owner")
    xs = sorted(points[1][0] for points in routes.values())
    assert all(not under(label, points) for points in routes.values())
    assert all(b - a >= SEPARATION - 1e-9 for a, b in pairwise(xs))  # still apart
    assert {key: (points[0], points[-1]) for key, points in routes.items()} == ends
    assert all(orthogonal(points) for points in routes.values())
    assert mover.moved == {"S0>T0", "S1>T1", "S2>T2"}


def test_a_port_under_a_label_slides_along_its_side():
    """A line whose last segment (into the top of a box) runs under a label: its port
    slides along the box's top, away from the label and the other port there."""
    shapes = {"A": Shape(Box(0, 0, 100, 60), None, False),
              "B": Shape(Box(0, 300, 300, 80), None, False),
              "C": Shape(Box(400, 0, 100, 60), None, False)}
    routes = {"A>B": [(50, 60), (50, 150), (120, 150), (120, 300)],
              "C>B": [(450, 60), (450, 200), (250, 200), (250, 300)]}
    mover = mover_for(shapes, routes)
    label = Box(100, 240, 40, 30)
    assert mover.clear(label, "owner")
    points = routes["A>B"]
    assert not under(label, points) and orthogonal(points) and points[0] == (50, 60)
    x, y = points[-1]
    assert y == 300 and EDGE <= x <= 300 - EDGE  # still on B's top, off its corners
    assert abs(x - 250) >= PORT_GAP
    assert routes["C>B"] == [(450, 60), (450, 200), (250, 200), (250, 300)]


def test_a_label_is_not_cleared_where_the_lines_have_no_room():
    """Lines pressed between two shapes: nothing moves, and nothing is left half moved."""
    shapes = {"A": Shape(Box(0, 0, 100, 60), None, False),
              "B": Shape(Box(400, 200, 100, 60), None, False),
              "L": Shape(Box(150, 50, 40, 100), None, False),
              "R": Shape(Box(230, 50, 40, 100), None, False)}
    routes = {"A>B": [(100, 30), (210, 30), (210, 230), (400, 230)]}
    before = {key: list(points) for key, points in routes.items()}
    mover = mover_for(shapes, routes)
    assert not mover.clear(Box(195, 90, 30, 20), "owner")
    assert routes == before and mover.moved == set()


def test_repair_moves_a_shared_segment_whose_line_ends_inside_a_curved_outline():
    """Two lines share their last jog above a datastore; their ends reach half a pixel
    into its box (cut to the cylinder's curved top): one of them is still moved apart."""
    shapes = {"A": Shape(Box(0, 0, 100, 60), None, False),
              "B": Shape(Box(200, 0, 100, 60), None, False),
              "D": Shape(Box(0, 300, 300, 80), None, False)}
    routes = {"A>D": [(50, 60), (50, 200), (120, 200), (120, 300.5)],
              "B>D": [(250, 60), (250, 200), (100, 200), (100, 300.5)]}
    links = [("A>D", "A", "D"), ("B>D", "B", "D")]
    repair(routes, Scopes(Scene(shapes), links))
    first, second = routes["A>D"], routes["B>D"]
    assert first[1][1] != second[1][1]  # the jogs no longer lie on one line
    assert first[0] == (50, 60) and second[0] == (250, 60)
    assert first[-1] == (120, 300.5) and second[-1] == (100, 300.5)


def test_a_label_offers_narrower_shapes_and_its_face_draws_the_one_placed(qapp):
    from archstudio.dsl import parse
    from archstudio.render import LIGHT
    from archstudio.render.edge_face import EdgeFace, label_size

    model = parse('architecture "A" {\n container A\n container B\n'
                  ' A -> B "registers and finds its service instances" "REST"\n}\n')
    relation = model.relations[0]
    size = label_size(relation, LIGHT)
    assert size is not None and size.narrower
    points = [(0.0, 0.0), (0.0, 300.0)]
    usual = EdgeFace.of(relation, points, LIGHT, Box(5, 100, *size))
    faces = [EdgeFace.of(relation, points, LIGHT, Box(5, 100, w, h)) for w, h in size.narrower]
    whole = [(face, face.label_box) for face in faces]
    assert not any(face.shortened for face in faces)  # (shorter ones: test_label_shortened)
    assert all(b.width < size[0] and b.height > size[1] for _, b in whole)
    for face, box in whole:
        w = box.width
        assert len(face.lines) > len(usual.lines)
        words = " ".join(text for _, text, _ in face.lines).split()
        assert words == " ".join(text for _, text, _ in usual.lines).split()  # all of it
        assert all(5 <= point.x() and point.x() < 5 + w for point, _, _ in face.lines)


def test_a_label_too_wide_for_the_room_beside_its_line_takes_a_narrower_shape():
    from archstudio.render.labels import LabelSize, place_labels

    shapes = {"A": Shape(Box(-50, -100, 100, 100), None, False),
              "B": Shape(Box(-50, 300, 100, 100), None, False),
              "L": Shape(Box(-300, 0, 240, 300), None, False),  # 60 px left of the line
              "R": Shape(Box(60, 0, 240, 300), None, False)}  # and right of it
    routes = {"A>B": [(0.0, 0.0), (0.0, 300.0)]}
    scopes = Scopes(Scene(shapes), [("A>B", "A", "B")])
    sizes = {"A>B": LabelSize((150.0, 27.0), ((96.0, 40.0), (70.0, 53.0)))}
    labels, crowded = place_labels(routes, sizes, scopes)
    box = labels["A>B"]
    assert crowded == [] and (box.width, box.height) == (96.0, 40.0)
    assert box.x >= -60 and box.right <= 60  # between the shapes, on its line
    plain, crowded = place_labels(routes, {"A>B": (150.0, 27.0)}, scopes)
    assert crowded == ["A>B"]  # without the narrower shapes there is no free spot



def test_a_crossing_where_the_index_cut_a_long_line_still_counts():
    """The line index cuts a long line into pieces; a line moved so that it crosses the
    long one exactly where two pieces meet still crosses it once, as before the move."""
    routes = {"A>B": [(0, 500), (6400, 500)],
              "C>D": [(200, 300), (380, 300), (380, 700), (200, 700)]}
    shapes = {"A": Shape(Box(-100, 470, 100, 60), None, False),
              "B": Shape(Box(6400, 470, 100, 60), None, False),
              "C": Shape(Box(100, 280, 100, 40), None, False),
              "D": Shape(Box(100, 680, 100, 40), None, False)}
    mover = mover_for(shapes, routes)
    cuts = sorted({rect[0] for key, rect in mover.index.query(0, 400, 6400, 600)
                   if key == "A>B"})
    assert 400 in cuts  # the long line is cut where the moved line will cross it
    before = routes["C>D"]
    after = [(200, 300), (400, 300), (400, 700), (200, 700)]
    assert mover._more_crossings("C>D", before, after, 1) == 0
