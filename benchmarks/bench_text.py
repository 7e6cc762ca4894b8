"""Element text layout (names wrapped at natural points, detail wrapped or shrunk).

Builds the face of every element of the corpus's largest file and a generated
2,000-element model, once with an empty layout cache (what opening a file costs) and
once with a warm one (what planning the diagram again costs: export, re-routing).
Baseline in the same run: measuring each element's name and detail line once, the least
any layout has to do.
"""

from __future__ import annotations

from pathlib import Path

from archstudio.cli.export import ensure_gui_application
from archstudio.dsl import parse
from archstudio.layout import default_size
from benchmarks import best_ms
from benchmarks.models import generate

CORPUS = Path(__file__).resolve().parent / "corpus"


def run() -> list[dict]:
    ensure_gui_application()
    from archstudio.render import LIGHT, detail_of, element_face
    from archstudio.render.text import CachedMetrics

    label = LIGHT.font(LIGHT.label_size, bold=True)
    detail = LIGHT.font(LIGHT.detail_size)
    rows = []
    for name, text in (("trainticket", (CORPUS / "trainticket.arch").read_text("utf-8")),
                       ("generated-2000", generate(2000))):
        elements = list(parse(text).elements.values())
        sizes = [default_size(e) for e in elements]

        def measure_only(elements=elements):
            label_metrics, detail_metrics = CachedMetrics(label), CachedMetrics(detail)
            for element in elements:
                label_metrics.horizontalAdvance(element.display_name)
                detail_metrics.horizontalAdvance(detail_of(element))

        def faces(cold: bool, elements=elements, sizes=sizes):
            if cold:
                element_face._layouts.clear()
            for element, (width, height) in zip(elements, sizes, strict=True):
                element_face.ElementFace.of(element, width, height, LIGHT)

        baseline = best_ms(measure_only)
        cold = best_ms(lambda: faces(True))
        warm = best_ms(lambda: faces(False))
        rows.append({"name": f"element faces, {name}", "elements": len(elements),
                     "baseline": "measure name and detail once", "baseline_ms": round(baseline, 1),
                     "cold_ms": round(cold, 1), "cold_ratio": round(cold / baseline, 2),
                     "warm_ms": round(warm, 1), "warm_ratio": round(warm / baseline, 2)})
    return rows
