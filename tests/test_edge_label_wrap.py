"""A relation's label wraps into lines instead of being cut, in every export."""

from __future__ import annotations

import json
import re

import pytest

from archstudio.cli import main
from archstudio.layout.labels import estimate_label

LONG = "scrapes /actuator/prometheus metrics every fifteen s"
TEXT = f'''architecture "Labels" {{
  container Prometheus "Prometheus"
  container Orders "Orders"
  Prometheus -> Orders "{LONG}" "HTTP"
  Orders -> Prometheus "ok" "HTTP"
}}
'''


@pytest.fixture(autouse=True)
def gui(qapp):
    return qapp


def _export(tmp_path, suffix: str):
    source = tmp_path / "labels.arch"
    source.write_text(TEXT, encoding="utf-8")
    out = tmp_path / f"labels.{suffix}"
    assert main(["export", str(source), "-o", str(out)]) == 0
    return out


def test_a_long_label_is_drawn_whole_on_several_lines(tmp_path):
    svg = _export(tmp_path, "svg").read_text(encoding="utf-8")
    drawn = " ".join(re.findall(r">([^<>]+)</text>", svg))
    for word in ("scrapes", "/actuator/prometheus", "metrics", "every", "fifteen"):
        assert word in drawn
    assert "…" not in drawn


def test_the_label_box_grows_in_height_not_past_the_wrap_width(tmp_path):
    geometry = json.loads(_export(tmp_path, "json").read_text(encoding="utf-8"))
    boxes = {(r["from"], r["to"]): r["label_box"] for r in geometry["relations"]}
    long_box = boxes[("Prometheus", "Orders")]
    short_box = boxes[("Orders", "Prometheus")]
    assert long_box[2] <= 150 + 12
    assert long_box[3] > 2 * short_box[3] * 0.9  # three label lines against one


def test_the_layout_estimate_counts_the_wrapped_lines():
    one_w, one_h = estimate_label("ok", "HTTP")
    long_w, long_h = estimate_label(LONG, "HTTP")
    assert long_w <= 150 + 12
    assert long_h > one_h + 20
