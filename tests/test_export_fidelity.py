"""PNG, SVG and PDF of one file look the same (text in pixel sizes); huge PNGs shrink."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from archstudio.cli import main
from archstudio.render import LIGHT
from benchmarks.models import generate

TEXT = '''architecture "Fidelity" {
  person Customer "Customer"
  container Api "Payments API" { technology "Go" }
  datastore Ledger "Ledger database"
  Customer -> Api "pays with a card" "HTTPS"
  Api -> Ledger "writes entries" "SQL"
}

layout {
  Customer: 0, 0
  Api: 272, 15
  Ledger: 570, 9
}
'''
# (Positions pinned: the picture is the same whatever direction auto-arrange prefers, so
# the comparison keeps measuring names inside shapes at the picture's edges. QtSvg draws
# 10.67 px label text several per cent narrower than the raster engine does; a label at
# the picture's edge would turn into a difference of the whole picture's ink box.)


@pytest.fixture(autouse=True)
def gui(qapp):
    return qapp


def ink(image: QImage) -> tuple[int, tuple[int, int, int, int] | None]:
    """Pixels of the dark text colour, and their bounding box (names and edge labels)."""
    text = QColor(LIGHT.text)
    count, xs, ys = 0, [], []
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if (abs(colour.red() - text.red()) < 40 and abs(colour.green() - text.green()) < 40
                    and abs(colour.blue() - text.blue()) < 40):
                count += 1
                xs.append(x)
                ys.append(y)
    return count, ((min(xs), min(ys), max(xs), max(ys)) if xs else None)


def test_svg_text_has_the_pngs_pixel_size_and_place(tmp_path):
    source = tmp_path / "f.arch"
    source.write_text(TEXT, encoding="utf-8")
    assert main(["export", str(source), "-o", str(tmp_path / "f.png")]) == 0
    assert main(["export", str(source), "-o", str(tmp_path / "f.svg")]) == 0
    png = QImage(str(tmp_path / "f.png")).convertToFormat(QImage.Format.Format_ARGB32)
    renderer = QSvgRenderer(str(tmp_path / "f.svg"))
    assert renderer.isValid()
    assert (renderer.viewBoxF().width(), renderer.viewBoxF().height()) == pytest.approx(
        (png.width(), png.height()), abs=1)
    svg = QImage(png.size(), QImage.Format.Format_ARGB32)
    svg.fill(QColor("white"))
    painter = QPainter(svg)
    renderer.render(painter, QRectF(0, 0, png.width(), png.height()))
    painter.end()
    png_count, png_box = ink(png)
    svg_count, svg_box = ink(svg)
    assert png_count > 200
    assert 0.85 < svg_count / png_count < 1.15, (svg_count, png_count)
    assert all(abs(a - b) <= 2 for a, b in zip(png_box, svg_box, strict=True)), (png_box,
                                                                                  svg_box)
    # the file says so too: font sizes in pixels (10 pt = 13.33 px) and a 96 dpi page size
    svg_text = (tmp_path / "f.svg").read_text(encoding="utf-8")
    sizes = {float(s) for s in re.findall(r'font-size="([0-9.]+)"', svg_text)}
    assert any(abs(s - LIGHT.label_size * 96 / 72) < 0.01 for s in sizes)
    width_mm = float(re.search(r'<svg width="([0-9.]+)mm"', svg_text).group(1))
    assert width_mm == pytest.approx(png.width() * 25.4 / 96, abs=0.5)


@pytest.mark.skipif(shutil.which("gs") is None,
                    reason="Ghostscript (gs), used to rasterise the PDF, is not installed")
def test_pdf_text_has_the_pngs_size_and_place(tmp_path):
    source = tmp_path / "f.arch"
    source.write_text(TEXT, encoding="utf-8")
    assert main(["export", str(source), "-o", str(tmp_path / "f.png")]) == 0
    assert main(["export", str(source), "-o", str(tmp_path / "f.pdf")]) == 0
    subprocess.run(["gs", "-q", "-sDEVICE=png16m", "-r96", "-dTextAlphaBits=4",
                    "-dGraphicsAlphaBits=4", "-o", str(tmp_path / "pdf.png"),
                    str(tmp_path / "f.pdf")], check=True, timeout=120)
    png = QImage(str(tmp_path / "f.png"))
    pdf = QImage(str(tmp_path / "pdf.png"))
    assert abs(pdf.width() - png.width()) <= 1 and abs(pdf.height() - png.height()) <= 1
    png_count, png_box = ink(png)
    pdf_count, pdf_box = ink(pdf)
    assert 0.85 < pdf_count / png_count < 1.15, (pdf_count, png_count)
    assert all(abs(a - b) <= 2 for a, b in zip(png_box, pdf_box, strict=True))


def test_a_png_too_large_for_one_image_is_scaled_down_with_a_note(tmp_path, capsys):
    source = tmp_path / "big.arch"
    source.write_text(generate(2000), encoding="utf-8")
    out = tmp_path / "big.png"
    assert main(["export", str(source), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "note:" in err and "written at" in err and "SVG and PDF" in err
    # what that scale leaves out is said, and how to get it readable
    assert "relation labels" in err and "--only" in err
    image = QImage(str(out))
    assert not image.isNull()
    from archstudio.io.export import MAX_PIXELS, MAX_SIDE

    assert max(image.width(), image.height()) <= MAX_SIDE
    assert image.width() * image.height() <= MAX_PIXELS
    assert max(image.width(), image.height()) > MAX_SIDE * 0.9  # as large as allowed
    written = re.search(r"written at (\d+)×(\d+)", err)
    assert (int(written.group(1)), int(written.group(2))) == (image.width(), image.height())
