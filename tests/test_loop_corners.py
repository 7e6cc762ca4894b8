"""An element's loops to itself take the corners freest of the other lines' ports first
(``render.line_ends.corner_order``), so a loop's label does not sit over the lines coming
into the element; measured the way the quality benchmark measures a drawing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archstudio.cli import main
from archstudio.layout.quality import measure, segment_enters, segments_of

CLEAN = Path(__file__).parent / "data" / "clean"

CORNER = '''architecture "Corner" {
  container Api "Order API" { technology "Go" }
  container Web "Web shop" { technology "React" }
  container Pay "Payments" { technology "Java" }
  Web -> Api "places orders" "HTTP"
  Pay -> Api "confirms payments" "HTTP"
  Api -> Api "retries a failed payment" "HTTP"
}
'''


@pytest.fixture(autouse=True)
def gui(qapp):
    return qapp


def exported(tmp_path: Path, source: Path, *options: str) -> dict:
    out = tmp_path / f"{source.stem}.json"
    assert main(["export", str(source), "-o", str(out), *options]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_a_loop_keeps_off_the_corner_the_other_lines_come_in_by(tmp_path):
    source = tmp_path / "corner.arch"
    source.write_text(CORNER, encoding="utf-8")
    drawing = exported(tmp_path, source)
    box = next(e["box"] for e in drawing["elements"] if e["id"] == "Api")
    centre = (box[0] + box[2] / 2, box[1] + box[3] / 2)
    loop = next(r for r in drawing["relations"] if r["from"] == r["to"])
    others = [r for r in drawing["relations"] if r["from"] != r["to"]]
    ends = [r["points"][-1] for r in others]  # where the other lines come into Api
    corner = loop["points"][0]
    for end in ends:  # the loop starts on no half of a side another line comes in by
        assert not ((end[0] - centre[0]) * (corner[0] - centre[0]) > 0
                    and (end[1] - centre[1]) * (corner[1] - centre[1]) >= 0)
    label = loop["label_box"]
    assert not any(segment_enters(s, tuple(label)) for r in others
                   for s in segments_of(r["points"]))
    assert measure(drawing).under_labels == 0


def test_a_random_models_loop_label_hides_no_line(tmp_path):
    """A random model whose element's loop took the corner two lines come in by, its
    label over one of them."""
    drawing = exported(tmp_path, CLEAN / "random-loop-7.arch")
    quality = measure(drawing)
    assert any(r["from"] == r["to"] for r in drawing["relations"])
    assert quality.under_labels == 0
    assert quality.labels_on_shapes == 0 and quality.labels_on_labels == 0
    assert quality.shared_segments == 0


@pytest.mark.parametrize("height", [1, 3, 4, 60])
def test_a_loop_comes_back_in_by_the_side_of_a_system_however_low(tmp_path, height):
    source = tmp_path / "flat.arch"
    source.write_text('architecture "Flat" {\n  system Bus "Bus"\n  Bus -> Bus "polls"\n}\n'
                      f'layout {{\n  Bus: 0, 0, 200, {height}\n}}\n', encoding="utf-8")
    drawing = exported(tmp_path, source)
    x, y, width, high = next(e["box"] for e in drawing["elements"] if e["id"] == "Bus")
    assert high == height
    points = next(r["points"] for r in drawing["relations"] if r["from"] == r["to"])
    start, end = points[0], points[-1]
    assert start[1] == pytest.approx(y) and x < start[0] < x + width  # out by the top
    assert end[0] == pytest.approx(x + width)  # back in by the right side,
    assert y <= end[1] <= y + height  # within its height
    assert points[-2][0] > end[0] and points[-2][1] == pytest.approx(end[1])  # from outside
