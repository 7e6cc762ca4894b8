"""A crowded label is reported once: when a crowded label makes room by moving labels
that were themselves crowded, each of them stays in the report only while its label
still hides something, and never twice (the report counts crowded labels)."""

from __future__ import annotations

from pathlib import Path

from archstudio.dsl import parse
from archstudio.layout import arrange
from archstudio.render.diagram import compute_drawing

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"


def test_a_dense_drawing_reports_each_crowded_label_once(qapp):  # (labels are measured)
    model = parse((CORPUS / "trainticket.arch").read_text(encoding="utf-8"))
    _, drawing = compute_drawing(model, arrange(model))
    assert drawing.crowded  # a dense drawing: some labels have no free spot
    assert len(drawing.crowded) == len(set(drawing.crowded))
    assert drawing.crowded == sorted(drawing.crowded)
