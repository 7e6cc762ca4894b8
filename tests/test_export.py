"""Export: PNG/SVG/PDF from model + boxes, and `archstudio export` without a display."""

from __future__ import annotations

import math
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from archstudio.cli import main
from archstudio.dsl import parse
from archstudio.io import ExportError, export, export_pdf, export_png, export_svg
from archstudio.io.export import MARGIN
from archstudio.layout import arrange
from archstudio.render import plan
from tests.conftest import EXAMPLES, ROOT

TEXT = '''architecture "Quotes <&> \\"test\\"" {
  person Customer "Tom & Jerry <customers>"
  system Shop "Shop \\"main\\"" {
    container Orders "Orders <v2> & 'more'" { technology "C++ & <Rust>" }
    datastore OrderDB "Orders DB"
  }
  goal Sell "Sell more"
  Customer -> Shop.Orders "buys <stuff> & \\"things\\""
  Shop.Orders -[async]-> Shop.OrderDB "writes"
}
'''


@pytest.fixture(autouse=True)
def gui(qapp):
    """pytest-qt's QApplication: a bare QGuiApplication would break widget tests later."""
    return qapp


@pytest.fixture(scope="module")
def laid_out():
    model = parse(TEXT)
    assert not model.has_errors, model.diagnostics
    return model, arrange(model)


def expected_size(model, boxes, scale, only=None):
    bounds = plan(model, boxes, only=only).bounds()
    return (math.ceil((bounds.width() + 2 * MARGIN) * scale),
            math.ceil((bounds.height() + 2 * MARGIN) * scale))


@pytest.mark.parametrize("scale", [1, 2, 4])
def test_png_size_is_bounds_times_scale(laid_out, tmp_path, scale):
    model, boxes = laid_out
    out = tmp_path / f"d{scale}.png"
    export_png(model, boxes, out, scale=scale)
    image = QImage(str(out))
    assert (image.width(), image.height()) == expected_size(model, boxes, scale)
    right = max(b.right for b in boxes.values()) - min(b.x for b in boxes.values())
    assert image.width() >= right * scale  # every box is inside
    assert image.pixelColor(1, 1).alpha() == 255


def test_transparent_png_has_a_clear_corner_and_opaque_shapes(laid_out, tmp_path):
    model, boxes = laid_out
    out = tmp_path / "t.png"
    export_png(model, boxes, out, transparent=True)
    image = QImage(str(out))
    assert image.pixelColor(0, 0).alpha() == 0
    opaque = sum(image.pixelColor(x, y).alpha() == 255
                 for x in range(0, image.width(), 5) for y in range(0, image.height(), 5))
    assert opaque > 50


def test_svg_is_valid_xml_with_awkward_labels(laid_out, tmp_path):
    model, boxes = laid_out
    out = tmp_path / "d.svg"
    export_svg(model, boxes, out)
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    texts = " ".join("".join(node.itertext()) for node in root.iter()
                     if node.tag.endswith("text"))
    assert "Tom & Jerry <customers>" in texts
    assert 'buys <stuff> & "things"' in texts
    assert "'more'" in texts


def test_pdf_starts_with_magic(laid_out, tmp_path):
    model, boxes = laid_out
    out = tmp_path / "d.pdf"
    export_pdf(model, boxes, out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-64:]


def test_only_exports_a_smaller_image(laid_out, tmp_path):
    model, boxes = laid_out
    whole, part = tmp_path / "whole.png", tmp_path / "part.png"
    export(model, boxes, whole)
    export(model, boxes, part, only=["Sell"])
    small, big = QImage(str(part)), QImage(str(whole))
    assert small.width() * small.height() < big.width() * big.height() / 2
    assert (small.width(), small.height()) == expected_size(model, boxes, 1, ["Sell"])


def test_export_refuses_unknown_suffix_and_empty_selection(laid_out, tmp_path):
    model, boxes = laid_out
    with pytest.raises(ExportError, match=".png, .svg, .pdf or .json"):
        export(model, boxes, tmp_path / "d.gif")
    with pytest.raises(ExportError, match="empty"):
        export(model, boxes, tmp_path / "d.png", only=["Nothing"])
    assert not (tmp_path / "d.png").exists()


def test_cli_export_writes_each_format(tmp_path):
    source = EXAMPLES / "microservices-platform.arch"
    for suffix in ("png", "svg", "pdf"):
        out = tmp_path / f"m.{suffix}"
        assert main(["export", str(source), "-o", str(out)]) == 0
        assert out.stat().st_size > 500
    png2 = tmp_path / "m2.png"
    assert main(["export", str(source), "-o", str(png2), "--scale", "2",
                 "--transparent"]) == 0
    one, two = QImage(str(tmp_path / "m.png")), QImage(str(png2))
    assert abs(two.width() - 2 * one.width()) <= 2
    assert two.pixelColor(0, 0).alpha() == 0


def test_cli_export_exit_codes(tmp_path, capsys):
    broken = tmp_path / "broken.arch"
    broken.write_text('architecture "B" {\n  container A\n  A -> Nowhere\n}\n')
    assert main(["export", str(broken), "-o", str(tmp_path / "b.png")]) == 1
    err = capsys.readouterr().err
    assert "broken.arch:3:" in err and "not exported" in err
    assert not (tmp_path / "b.png").exists()
    good = EXAMPLES / "microservices-platform.arch"
    assert main(["export", str(good), "-o", str(tmp_path / "x.bmp")]) == 2
    assert main(["export", str(tmp_path / "missing.arch"), "-o", str(tmp_path / "m.png")]) == 2
    assert main(["export", str(good), "-o", str(tmp_path / "m.png"), "--scale", "0"]) == 2
    assert main(["export", str(good), "-o", str(tmp_path / "m.png"), "--only", "Nope"]) == 2
    assert main(["export", str(good), "-o", str(tmp_path / "no-dir" / "m.png")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_cli_export_runs_without_a_display(tmp_path):
    out = tmp_path / "headless.png"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "archstudio", "export",
         str(EXAMPLES / "microservices-platform.arch"), "-o", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() > 100


def _ink_rows_and_columns(image: QImage, dark: int = 110) -> tuple[list[int], list[int]]:
    """The rows and columns holding dark (text) pixels."""
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    rows, columns = set(), set()
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixelColor(x, y).value() < dark:
                rows.add(y)
                columns.add(x)
    return sorted(rows), sorted(columns)


def test_png_at_scale_two_is_the_same_picture_twice_as_large(tmp_path):
    """Text keeps its place and size in the picture whatever the scale (the fonts' points
    are the canvas's pixels, not the PNG's recorded resolution)."""
    model = parse('architecture "A" {\n  person Customer "Online Customer"\n}\n')
    boxes = arrange(model)
    export_png(model, boxes, tmp_path / "one.png", scale=1)
    export_png(model, boxes, tmp_path / "two.png", scale=2)
    one = QImage(str(tmp_path / "one.png"))
    two = QImage(str(tmp_path / "two.png"))
    assert abs(two.dotsPerMeterX() - 2 * 3780) <= 1  # shown at the canvas's size
    rows1, columns1 = _ink_rows_and_columns(one)
    rows2, columns2 = _ink_rows_and_columns(two)
    assert rows1 and columns1
    for first, second in ((rows1, rows2), (columns1, columns2)):
        assert abs(second[0] - 2 * first[0]) <= 4
        assert abs(second[-1] - 2 * first[-1]) <= 4
