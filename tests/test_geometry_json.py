"""`archstudio export FILE -o OUT.json`: the drawn geometry, in the SVG's pixel coordinates."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from archstudio.cli import main
from archstudio.dsl import parse
from archstudio.render import LIGHT
from tests.conftest import EXAMPLES

SVG = "{http://www.w3.org/2000/svg}"
TEXT = '''architecture "Geometry" {
  person Customer "Customer"
  system Shop {
    container Api "API" { technology "Go" }
    system Back "Back office" {
      container Billing "Billing"
      datastore Ledger "Ledger"
    }
  }
  external Bank "Bank"
  Customer -> Shop.Api "buys" "HTTPS"
  Shop.Api -> Shop.Back.Billing "bills"
  Shop.Back.Billing -> Shop.Back.Ledger
  Shop.Back.Billing -[async]-> Bank "pays"
}
'''


@pytest.fixture(autouse=True)
def gui(qapp):
    return qapp


def export_both(tmp_path, text=TEXT, *extra):
    source = tmp_path / "g.arch"
    source.write_text(text, encoding="utf-8")
    assert main(["export", str(source), "-o", str(tmp_path / "g.json"), *extra]) == 0
    assert main(["export", str(source), "-o", str(tmp_path / "g.svg"), *extra]) == 0
    drawing = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    return drawing, ET.parse(tmp_path / "g.svg").getroot()


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def svg_paths(root) -> list[dict]:
    """Every path of the SVG with its group's fill, stroke and translation applied."""
    out = []
    for group in root.iter(f"{SVG}g"):
        matrix = numbers(group.get("transform", "matrix(1,0,0,1,0,0)"))
        assert matrix[:4] == [1, 0, 0, 1], "export paints without rotation or scale"
        dx, dy = matrix[4], matrix[5]
        for path in group.findall(f"{SVG}path"):
            values = numbers(path.get("d"))
            points = [(x + dx, y + dy) for x, y in zip(values[::2], values[1::2], strict=True)]
            out.append({"fill": group.get("fill"), "stroke": group.get("stroke"),
                        "origin": (dx, dy), "points": points})
    return out


def bbox(points):
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def close(a, b, tolerance=0.05):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def test_schema_ids_kinds_and_systems(tmp_path):
    drawing, root = export_both(tmp_path)
    assert set(drawing) == {"version", "width", "height", "elements", "relations"}
    assert drawing["version"] == 1
    assert (drawing["width"], drawing["height"]) == tuple(numbers(root.get("viewBox"))[2:])
    by_id = {e["id"]: e for e in drawing["elements"]}
    assert set(by_id) == {"Customer", "Shop", "Shop.Api", "Shop.Back", "Shop.Back.Billing",
                          "Shop.Back.Ledger", "Bank"}
    assert by_id["Shop.Back.Ledger"]["kind"] == "datastore"
    assert by_id["Shop.Back.Ledger"]["system"] == "Shop.Back"
    assert by_id["Shop.Back"]["system"] == "Shop"
    assert by_id["Shop"]["system"] is None and by_id["Bank"]["kind"] == "external"
    for element in drawing["elements"]:
        system = element["kind"] == "system"
        assert set(element) == {"id", "kind", "system", "box"} | ({"title_box"} if system
                                                                   else set())
        x, y, w, h = element["box"]
        if system:  # the title tab at the top left, as wide as its text, not the box
            tx, ty, tw, th = element["title_box"]
            assert (tx, ty, th) == (x, y, 34) and 40 < tw < w
        assert 0 <= x and 0 <= y and x + w <= drawing["width"] and y + h <= drawing["height"]
        if element["system"]:  # a child sits inside its system's box
            px, py, pw, ph = by_id[element["system"]]["box"]
            assert px <= x and py <= y and x + w <= px + pw and y + h <= py + ph
    ends = [(r["from"], r["to"]) for r in drawing["relations"]]
    assert ends == [("Customer", "Shop.Api"), ("Shop.Api", "Shop.Back.Billing"),
                    ("Shop.Back.Billing", "Shop.Back.Ledger"), ("Shop.Back.Billing", "Bank")]
    unlabelled = drawing["relations"][2]
    assert unlabelled["label_box"] is None
    for relation in drawing["relations"]:
        assert set(relation) == {"from", "to", "points", "label_box"}
        assert len(relation["points"]) >= 2
        if relation is not unlabelled:
            assert len(relation["label_box"]) == 4


def test_boxes_lines_and_labels_are_where_the_svg_draws_them(tmp_path):
    drawing, root = export_both(tmp_path)
    paths = svg_paths(root)
    for element in drawing["elements"]:
        x, y, w, h = element["box"]
        stroke = LIGHT.style(element["kind"]).stroke
        outlines = [p for p in paths if p["stroke"] == stroke and close(p["origin"], (x, y))]
        assert outlines, f"no outline of {element['id']} drawn at {x}, {y}"
        left, top, width, height = bbox(outlines[0]["points"])
        assert close((left, top, width, height), (x, y, w, h), 1.0), element["id"]
    lines = [p["points"] for p in paths if p["stroke"] == LIGHT.edge and p["fill"] == "none"]
    for relation in drawing["relations"]:
        points = [tuple(p) for p in relation["points"]]
        assert any(len(line) == len(points) and all(close(a, b) for a, b in
                                                   zip(line, points, strict=True))
                   for line in lines), f"{relation['from']} -> {relation['to']} not drawn"
    backgrounds = [bbox(p["points"]) for p in paths
                   if p["fill"] == "#ffffff" and p["stroke"] in (None, "none")]
    for relation in drawing["relations"]:
        if relation["label_box"] is not None:
            assert any(close(b, relation["label_box"], 0.5) for b in backgrounds)


def test_json_is_deterministic_and_follows_only(tmp_path):
    first, _ = export_both(tmp_path)
    again = (tmp_path / "g.json").read_bytes()
    assert main(["export", str(tmp_path / "g.arch"), "-o", str(tmp_path / "g.json")]) == 0
    assert (tmp_path / "g.json").read_bytes() == again
    only, _ = export_both(tmp_path, TEXT, "--only", "Shop.Back")
    assert {e["id"] for e in only["elements"]} == {"Shop.Back", "Shop.Back.Billing",
                                                  "Shop.Back.Ledger"}
    assert [(r["from"], r["to"]) for r in only["relations"]] == [
        ("Shop.Back.Billing", "Shop.Back.Ledger")]
    assert only["width"] < first["width"] or only["height"] < first["height"]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.arch")), ids=lambda p: p.stem)
def test_every_example_exports_every_element_and_relation(path, tmp_path):
    model = parse(path.read_text(encoding="utf-8"))
    out = tmp_path / "e.json"
    assert main(["export", str(path), "-o", str(out)]) == 0
    drawing = json.loads(out.read_text(encoding="utf-8"))
    assert {e["id"] for e in drawing["elements"]} == set(model.elements)
    assert len(drawing["relations"]) == sum(
        1 for r in model.relations if r.source in model.elements and r.target in model.elements)


def test_quality_measures_names_at_the_themes_pixel_size():
    from archstudio.layout.quality import NAME_FONT_PX

    assert LIGHT.label_size * 96 / 72 == pytest.approx(NAME_FONT_PX)


@pytest.mark.parametrize("size", [(1018, 848), (700, 900)])
def test_quality_fit_scale_is_the_zoom_fit_to_window_chooses(qtbot, size):
    from archstudio.canvas import DiagramView
    from archstudio.io import geometry
    from archstudio.layout import arrange
    from archstudio.layout.quality import fit_scale

    model = parse((EXAMPLES / "service-mesh.arch").read_text(encoding="utf-8"))
    boxes = arrange(model)
    view = DiagramView()
    qtbot.addWidget(view)
    view.diagram_scene.show_model(model, boxes)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.fit_to_window()
    viewport = view.viewport().size()
    expected = fit_scale(geometry(model, boxes), (viewport.width(), viewport.height()))
    # The frames differ by a few pixels: the canvas fits its items (3 px selection
    # margins on shapes) with 20 px around them, the export frames the painted lines
    # (a line along the drawing's edge adds half its pen) with 24 px.
    assert view.zoom() == pytest.approx(expected, rel=5e-3)
