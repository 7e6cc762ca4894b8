"""A crowded label drops its technology line rather than hide a shape or a line, when no
shape of its whole text (lines moved aside included) is free: the whole text then shows
on hover in the canvas and as the label's title in an SVG, and its words underlined with
dots (as a browser marks an abbreviation) say that something is left out."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest
from gesture_support import hover
from PySide6.QtGui import QColor, QImage, QPainter
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.dsl import parse
from archstudio.io.export import export_svg
from archstudio.io.geometry_json import geometry
from archstudio.layout import arrange
from archstudio.layout.geometry import Box
from archstudio.render import LIGHT
from archstudio.render.edge_face import EdgeFace, label_size
from archstudio.render.labels import LabelSize, place_labels
from archstudio.render.scope import Scene, Scopes, Shape

# Orders -> Billing runs between Above and Below, 13 px from each: the label in its usual
# shape (label and technology, 27 px high) fits nowhere along the line; the label alone does,
# on the line itself.
TIGHT = '''architecture "Tight" {
  container A "Orders"
  container B "Billing"
  container C "Above"
  container D "Below"
  A -> B "charges the card" "gRPC"
}
layout {
  A: 0, 100
  B: 400, 100
  C: 200, 42
  D: 200, 158
}
'''
# the same, with room for the whole label beside the line
ROOMY = TIGHT.replace("C: 200, 42", "C: 200, -40").replace("D: 200, 158", "D: 200, 240")


@pytest.fixture(autouse=True)
def gui(qapp):
    return qapp


def _overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _drawn(text: str) -> tuple[dict, list]:
    model = parse(text)
    drawing = geometry(model, arrange(model))
    return drawing, label_size(model.relations[0], LIGHT)


def test_a_label_with_no_room_for_its_technology_drops_it_and_stays_off_the_shapes():
    drawing, usual = _drawn(TIGHT)
    box = drawing["relations"][0]["label_box"]
    assert box[3] < usual[1]  # a shorter shape than the usual one
    assert (box[2], box[3]) in {tuple(round(v, 2) for v in size) for size in usual.shorter}
    assert not any(_overlap(box, element["box"]) for element in drawing["elements"])
    roomy, _ = _drawn(ROOMY)
    assert roomy["relations"][0]["label_box"][3] == round(usual[1], 2)  # room: all of it


def test_the_svg_titles_a_shortened_label_with_its_whole_text(tmp_path):
    for text, titled in ((TIGHT, True), (ROOMY, False)):
        model = parse(text)
        path = tmp_path / "out.svg"
        export_svg(model, arrange(model), path)
        root = ElementTree.parse(path).getroot()
        titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
        assert ("charges the card [gRPC]" in titles) is titled
        hot = [[float(r.get(k)) for k in ("x", "y", "width", "height")]
               for r in root.iter("{http://www.w3.org/2000/svg}rect")
               if r.find("{http://www.w3.org/2000/svg}title") is not None]
        label_box = geometry(model, arrange(model))["relations"][0]["label_box"]
        assert hot == ([pytest.approx(label_box, abs=0.01)] if titled else [])  # over it
        shown = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
        assert "charges the card" in shown
        assert ("gRPC" in shown) is not titled  # the technology drawn only when it fits


def test_a_shortened_label_has_its_words_underlined_with_dots_in_its_own_box(qapp):
    for text, shortened in ((TIGHT, True), (ROOMY, False)):
        model = parse(text)
        box = Box(*geometry(model, arrange(model))["relations"][0]["label_box"])
        face = EdgeFace.of(model.relations[0], [(0.0, 0.0), (400.0, 0.0)], LIGHT, box)
        assert [text for _, text, _ in face.lines] == (
            ["charges the card"] if shortened else ["charges the card", "[gRPC]"])
        assert len(face.left_out) == (1 if shortened else 0)
        for line in face.left_out:  # under the words, inside the label's box
            words = face.lines[0][0]
            assert line.y1() == line.y2() > words.y()
            assert box.x <= line.x1() < line.x2() <= box.right and line.y1() < box.bottom
        image = QImage(int(box.width) + 2, int(box.height) + 2, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.translate(1 - box.x, 1 - box.y)
        face.paint_label(painter)
        painter.end()
        muted = QColor(LIGHT.muted)
        row = [image.pixelColor(x, int(face.left_out[0].y1() - box.y + 1)) if shortened
               else None for x in range(image.width())]
        if shortened:  # dots: muted pixels with gaps between them along the line
            dark = [c is not None and c.lightness() < 200 for c in row]
            assert 3 < sum(dark) < len(dark) * 0.8
            assert any(abs(c.red() - muted.red()) < 60 for c in row if c.lightness() < 200)


def test_hovering_a_shortened_label_at_100_percent_gives_its_whole_text(make_window, tmp_path,
                                                                         qtbot):
    tips = {}
    for name, text in (("tight", TIGHT), ("roomy", ROOMY)):
        path = tmp_path / f"{name}.arch"
        path.write_text(text, encoding="utf-8")
        window = make_window(path)
        window.show()
        qtbot.waitExposed(window)
        window.view.set_zoom(1.0)
        item = window.scene.relation_item(window.document.result.model.relations[0].key)
        qtbot.waitUntil(lambda item=item: item.face.label_box is not None)
        box = item.face.label_box
        window.view.centerOn(*box.center)
        hover(window.view, box.center)
        assert item.face.shortened is (name == "tight")
        tips[name] = item.label_item.toolTip()
    assert tips["tight"] == "<qt><b>Orders → Billing</b><br>charges the card [gRPC]</qt>"
    assert tips["roomy"] == ""  # everything is on screen already


def _crossed(moving: bool):
    """A>B, 240 px long, crossed at x 120 by X>Y's middle segment: A>B's whole label
    (150 px wide, kept clear of A's edge and B's arrowhead) covers x 120 wherever it
    slides; a shorter one (100 px, no technology) fits left of the crossing."""
    shapes = {"A": Shape(Box(-100, -10, 100, 20), None, False),
              "B": Shape(Box(240, -10, 100, 20), None, False),
              "X": Shape(Box(20, -170, 40, 40), None, False),
              "Y": Shape(Box(300, 40, 40, 40), None, False)}
    routes = {"A>B": [(0.0, 0.0), (240.0, 0.0)],
              "X>Y": [(60.0, -150.0), (120.0, -150.0), (120.0, 60.0), (300.0, 60.0)]}
    scopes = Scopes(Scene(shapes), [("A>B", "A", "B"), ("X>Y", "X", "Y")])
    sizes = {"A>B": LabelSize((150.0, 27.0), (), ((100.0, 17.0),))}
    moved: set[str] | None = set() if moving else None
    labels, crowded = place_labels(routes, sizes, scopes, moved_lines=moved)
    return labels["A>B"], crowded, routes["X>Y"], moved


def test_a_label_keeps_its_whole_text_where_moving_a_line_makes_room_for_it():
    box, crowded, line, moved = _crossed(moving=True)
    assert crowded == [] and (box.width, box.height) == (150.0, 27.0)
    assert moved == {"X>Y"} and not box.x < line[1][0] < box.right  # moved out from under


def test_a_label_leaves_its_technology_out_where_only_that_frees_it():
    box, crowded, line, _ = _crossed(moving=False)  # (a caller that moves no lines)
    assert crowded == [] and (box.width, box.height) == (100.0, 17.0)
    assert box.right < line[1][0]  # left of the crossing line, which stays
