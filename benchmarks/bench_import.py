"""Import speed: 2,000-element DOT, Mermaid and Structurizr files to `.arch` text.

The files are the generated 2,000-element model (``benchmarks.models.generate``) written
by ArchStudio's own exporters, so they hold what real diagrams hold: nested clusters or
subgraphs, labels, kinds and ~1.3 edges per node. The baseline, in the same run, is a
warm ``archstudio.dsl.parse`` of that model's `.arch` text: what opening the equivalent
file costs. Each import is measured whole (reading the format, choosing kinds and ids,
printing and formatting the `.arch` text) and, for scale, its reading step alone.
The goal: a whole import under 1 s.
"""

from __future__ import annotations

from archstudio.dsl import parse
from archstudio.interop import export_text, import_bytes
from archstudio.interop.formats import IMPORTS, _function
from benchmarks import best_ms
from benchmarks.models import generate

SIZE = 2000


def run() -> list[dict]:
    text = generate(SIZE)
    model = parse(text)
    baseline = best_ms(lambda: parse(text), 3)
    rows = []
    for fmt in ("dot", "mermaid", "structurizr"):
        data = export_text(model, fmt).encode()
        result = import_bytes(data, fmt)  # warm up, and check what the import gives
        imported = parse(result.text)
        assert not imported.errors and len(imported.elements) == len(model.elements)
        read = _function(IMPORTS[fmt][2])
        reading = best_ms(lambda data=data, read=read, fmt=fmt:
                          read(data, None) if fmt == "structurizr" else read(data), 3)
        whole = best_ms(lambda data=data, fmt=fmt: import_bytes(data, fmt), 3)
        rows.append({
            "format": fmt,
            "elements": len(imported.elements),
            "relations": len(imported.relations),
            "kilobytes": round(len(data) / 1024),
            "baseline_ms": round(baseline, 1),
            "read_ms": round(reading, 1),
            "import_ms": round(whole, 1),
            "ratio": round(whole / baseline, 2),
            "under_1s": whole < 1000,
        })
    return rows


if __name__ == "__main__":
    from benchmarks.__main__ import format_table

    print(format_table(run()))
