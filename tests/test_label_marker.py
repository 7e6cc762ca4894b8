"""A label with no spot free of shapes, labels and lines for any shape of its text becomes a
numbered marker on its line: the picture lists the number with the whole text in an
empty corner of the drawing (else below it), the SVG titles the marker with it, and the
canvas shows it on hover."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

import pickle
import xml.etree.ElementTree as ElementTree

import pytest
from gesture_support import hover
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.dsl import parse
from archstudio.io.export import export_svg
from archstudio.io.geometry_json import geometry
from archstudio.layout import arrange
from archstudio.layout.geometry import Box
from archstudio.layout.quality import segment_enters, segments_of
from archstudio.render import LIGHT, plan
from archstudio.render.edge_face import label_size, marker_size
from archstudio.render.labels import LabelSize, place_labels
from archstudio.render.legend import marker_numbers
from archstudio.render.scope import Scene, Scopes, Shape

SVG = "{http://www.w3.org/2000/svg}"


def _crossed(top_two_x: int, corners: bool = False) -> str:
    """Orders -> Billing runs level through two fans of seven vertical lines 20 px apart.
    With the second fan at x 384 the widest gap between the lines (65 px) is narrower
    than any shape of "authorises payments [gRPC]"; at x 500 a narrow shape fits.
    ``corners``: four more elements fill the drawing's corners."""
    fans = [f'  T -> U "t{i}"' for i in range(7)] + [f'  V -> W "v{i}"' for i in range(7)]
    more = ([f'  container {c}' for c in ("NW", "NE", "SW", "SE")] if corners else [])
    places = (["  NW: 0, -150", "  NE: 640, -150", "  SW: 0, 450", "  SE: 640, 450"]
              if corners else [])
    return "\n".join([
        'architecture "Crossed" {',
        '  container A "Orders"', '  container B "Billing"', '  container T "Top"',
        '  container U "Bottom"', '  container V "Top two"', '  container W "Bottom two"',
        *more, '  A -> B "authorises payments" "gRPC"', *fans, "}", "layout {",
        "  A: 40, 150", "  B: 600, 150", "  T: 200, -150", "  U: 200, 450",
        f"  V: {top_two_x}, -150", f"  W: {top_two_x}, 450", *places, "}", ""])


CROSSED, ROOMY, FULL = _crossed(384), _crossed(500), _crossed(384, corners=True)


@pytest.fixture(autouse=True)
def gui(qapp):
    return qapp


def _drawing(text: str) -> tuple[dict, dict]:
    model = parse(text)
    drawing = geometry(model, arrange(model))
    return drawing, drawing["relations"][0]


def test_a_label_with_no_free_spot_for_its_text_becomes_a_marker_clear_of_every_line():
    drawing, relation = _drawing(CROSSED)
    box = relation["label_box"]
    assert (box[2], box[3]) == pytest.approx(marker_size(LIGHT), abs=0.01)
    others = [seg for r in drawing["relations"][1:] for seg in segments_of(r["points"])]
    assert not any(segment_enters(seg, tuple(box)) for seg in others)
    x0, y0, x1, y1 = relation["points"][0] + relation["points"][-1]
    # beside its own line (the fans' labels hold the spots on it), between the others
    assert x0 < box[0] < box[0] + box[2] < x1 and abs(box[1] + box[3] / 2 - y0) < 20
    _, roomy = _drawing(ROOMY)  # room for a shape of its text: no marker
    assert roomy["label_box"][3] > marker_size(LIGHT)[1]


def test_the_picture_lists_each_marker_with_its_whole_text_in_a_corner_or_below(tmp_path):
    model = parse(CROSSED)
    diagram = plan(model, arrange(model), LIGHT)
    marked = [(edge.marker, relation.key) for edge, relation
              in zip(diagram.edges, diagram.relations, strict=True) if edge.marker]
    assert marked[0] == (1, model.relations[0].key)
    assert [n for n, _ in marked] == list(range(1, len(marked) + 1))
    legend = diagram.legend
    assert legend is not None and legend.entries[0] == (1, "authorises payments [gRPC]")
    # in the drawing's empty bottom-right corner, clear of everything drawn
    drawn = diagram.drawn_bounds()
    assert diagram.bounds() == drawn and drawn.contains(legend.rect)
    assert legend.rect.right() == drawn.right() and legend.rect.bottom() == drawn.bottom()
    assert not any(legend.rect.intersects(o) for o in diagram.obstacles())
    full = parse(FULL)  # every corner taken: below the drawing, the picture taller
    diagram = plan(full, arrange(full), LIGHT)
    assert diagram.legend.rect.top() > diagram.drawn_bounds().bottom()
    assert diagram.bounds().contains(diagram.legend.rect)
    assert diagram.bounds().height() > diagram.drawn_bounds().height()
    roomy = parse(ROOMY)
    assert plan(roomy, arrange(roomy), LIGHT).legend is None or \
        all(text != "authorises payments [gRPC]"
            for _, text in plan(roomy, arrange(roomy), LIGHT).legend.entries)
    path = tmp_path / "out.svg"
    export_svg(model, arrange(model), path)
    root = ElementTree.parse(path).getroot()
    shown = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "authorises payments [gRPC]" in shown and "Labels drawn as numbers" in shown
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert "authorises payments [gRPC]" in titles  # the marker, titled for a browser


def test_markers_are_numbered_in_reading_order():
    width, height = marker_size(LIGHT)
    labels = {"low": Box(0, 100, width, height), "right": Box(50, 10, width, height),
              "left": Box(10, 10, width, height), "text": Box(0, 0, 80, 17)}
    assert marker_numbers(labels, LIGHT) == {"left": 1, "right": 2, "low": 3}


def _crossed_all_along(spacing: int):
    """A labelled relation A>B crossed by vertical lines ``spacing`` px apart all along
    it: (routes, scopes, sizes), A>B's label with a shorter shape and a marker."""
    shapes = {"A": Shape(Box(-100, -10, 100, 20), None, False),
              "B": Shape(Box(240, -10, 100, 20), None, False),
              "X": Shape(Box(-100, -200, 440, 40), None, False),
              "Y": Shape(Box(-100, 160, 440, 40), None, False)}
    routes = {"A>B": [(0.0, 0.0), (240.0, 0.0)]}
    links = [("A>B", "A", "B")]
    for n, x in enumerate(range(10, 240, spacing)):
        routes[f"X>Y{n}"] = [(float(x), -160.0), (float(x), 160.0)]
        links.append((f"X>Y{n}", "X", "Y"))
    sizes = {"A>B": LabelSize((150.0, 27.0), (), ((100.0, 17.0),), marker_size(LIGHT))}
    return routes, Scopes(Scene(shapes), links), sizes


def test_a_marker_sits_on_its_own_line_where_that_is_free():
    """A label crossed by lines 30 px apart all along: its text fits nowhere, its marker
    sits centred on its line between two of them (the line runs through it)."""
    routes, scopes, sizes = _crossed_all_along(30)
    marker = marker_size(LIGHT)
    labels, crowded = place_labels(routes, sizes, scopes)
    box = labels["A>B"]
    assert crowded == [] and (box.width, box.height) == marker
    assert box.y < 0.0 < box.bottom and box.center[1] == pytest.approx(0.0)


def test_a_marker_is_taken_only_on_a_free_spot():
    """A label whose every spot (marker included) has a line under it keeps its own text
    and is reported crowded: a marker hiding a line would only add a puzzle."""
    routes, scopes, sizes = _crossed_all_along(12)  # lines 12 px apart all along A>B
    marker = marker_size(LIGHT)
    labels, crowded = place_labels(routes, sizes, scopes)
    assert crowded == ["A>B"] and (labels["A>B"].width, labels["A>B"].height) != marker
    del routes["X>Y5"], routes["X>Y6"]  # a 36 px gap: room for the marker only
    labels, crowded = place_labels(routes, sizes, scopes)
    assert crowded == [] and (labels["A>B"].width, labels["A>B"].height) == marker


def test_a_label_size_carries_its_marker_through_a_pickle():
    model = parse(CROSSED)
    size = label_size(model.relations[0], LIGHT)
    again = pickle.loads(pickle.dumps(size))
    assert again.marker == size.marker == marker_size(LIGHT)
    assert again.shorter == size.shorter and tuple(again) == tuple(size)


def test_hovering_a_marker_at_100_percent_gives_its_whole_text(make_window, tmp_path, qtbot):
    path = tmp_path / "crossed.arch"
    path.write_text(CROSSED, encoding="utf-8")
    window = make_window(path)
    window.show()
    qtbot.waitExposed(window)
    window.view.set_zoom(1.0)
    item = window.scene.relation_item(window.document.result.model.relations[0].key)
    qtbot.waitUntil(lambda: item.face.label_box is not None)
    assert item.face.marker == 1
    box = item.face.label_box
    window.view.centerOn(*box.center)
    hover(window.view, box.center)
    assert item.label_item.toolTip() == (
        "<qt><b>Orders → Billing</b><br>authorises payments [gRPC]</qt>")
