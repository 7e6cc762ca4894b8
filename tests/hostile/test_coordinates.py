"""Layout numbers have bounds: a far-off coordinate or a huge size is reported with its
place (E210) and drawn at the limit, so nothing downstream (arrange, routing, the canvas,
PNG/SVG/PDF export) works over an area nobody could look at, overflows or runs out of
memory. The router is held to these files whatever its implementation."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

import subprocess
import sys

import pytest
from growth import best_pair
from test_app_support import FakePrompts, config_dir, make_window  # noqa: F401

from archstudio.dsl import parse
from archstudio.io import ExportError, export
from archstudio.layout import arrange

MAX_COORDINATE = MAX_SIZE = 100_000.0  # the limits docs/reliability.md promises

MODEL = '''architecture "Far" {
  person a "A"
  container b "B"
  system S "S" {
    container c "C"
  }
  a -> b "calls"
  a -> c "calls"
  b -> c "calls"
}
layout {
  a: X, Y
  b: 40, 40
  S: 300, 300, W, H
}
'''
FAR = {
    "1e19": ("10000000000000000000", "-10000000000000000000", "400", "300"),
    "2^31": (str(2**31), str(2**31), "400", "300"),
    "400 digits": ("9" * 400, "1", "400", "300"),
    "1e12": ("1000000000000", "1000000000000", "400", "300"),
    "a system 1,000,000 square": ("0", "0", "1000000", "1000000"),
    "minus 400 digits": ("-" + "9" * 400, "0", "9" * 400, "400"),
}


def far_text(case: str) -> str:
    x, y, width, height = FAR[case]
    return MODEL.replace("X", x).replace("Y", y).replace("W", width).replace("H", height)


NEAR = far_text("1e12").replace("1000000000000", "80")


@pytest.mark.parametrize("case", sorted(FAR))
def test_validate_reports_far_numbers_where_they_are(case, tmp_path):
    path = tmp_path / "far.arch"
    path.write_text(far_text(case), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "archstudio", "validate", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "E210" in done.stdout
    reported = [line for line in done.stdout.splitlines() if "E210" in line]
    assert all(line.split(":")[1] in ("12", "14") for line in reported), reported


@pytest.mark.parametrize("case", sorted(FAR))
def test_the_model_holds_bounded_numbers(case):
    model = parse(far_text(case))
    for entry in model.layout.values():
        assert -MAX_COORDINATE <= entry.x <= MAX_COORDINATE
        assert -MAX_COORDINATE <= entry.y <= MAX_COORDINATE
        for size in (entry.width, entry.height):
            assert size is None or 1 <= size <= MAX_SIZE
    boxes = arrange(model)
    for box in boxes.values():
        assert abs(box.x) <= 3 * MAX_COORDINATE and abs(box.y) <= 3 * MAX_COORDINATE


@pytest.mark.parametrize("case", ["1e12", "a system 1,000,000 square", "1e19"])
@pytest.mark.parametrize("suffix", ["svg", "pdf"])
def test_export_finishes_in_about_the_time_of_a_near_diagram(case, suffix, tmp_path, qapp):
    """Routing and painting a far-off diagram take a bounded multiple of a near one (the
    router once walked every 200-pixel cell up to 1e12). PNG is left out: a far diagram
    fills export's largest image, whose cost is export's own limit (MAX_PIXELS), not the
    router's."""
    far_model, near_model = parse(far_text(case)), parse(NEAR)
    far_boxes, near_boxes = arrange(far_model), arrange(near_model)
    outcome: list[str] = []

    def export_far() -> None:
        try:
            export(far_model, far_boxes, tmp_path / f"far.{suffix}")
            outcome.append("written")
        except ExportError as problem:  # a PNG that large is refused with a reason
            outcome.append(str(problem))

    far_time, near_time = best_pair(export_far, lambda: export(
        near_model, near_boxes, tmp_path / f"near.{suffix}"), repeat=1)
    assert outcome and all(o == "written" or "pixels" in o for o in outcome), outcome
    assert far_time < 60 * near_time + 2.0, (far_time, near_time)


def test_the_app_opens_a_far_file_with_a_bounded_scene(make_window, tmp_path):
    path = tmp_path / "far.arch"
    path.write_text(far_text("1e19"), encoding="utf-8")
    window = make_window(path)
    assert any(d.code == "E210" for d in window.document.result.diagnostics)
    rect = window.scene.itemsBoundingRect()
    assert rect.width() < 4 * MAX_COORDINATE and rect.height() < 4 * MAX_COORDINATE
