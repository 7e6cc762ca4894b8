"""Layout on generated models: auto-arrange against Graphviz ``dot``, and incremental arrange.

For each size the same graph (systems as clusters, our box sizes) goes to ``dot`` when it
is installed, with a time limit; both results are measured with the same functions:
time, edge crossings (straight centre-to-centre segments), overlaps, area. ``arrange``
is measured when nothing is new (what every keystroke costs) and with a few new elements,
against igraph's bare Sugiyama call on the flat graph as the in-run baseline.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import time

import igraph

from archstudio.dsl import parse
from archstudio.layout import Box, arrange, auto_arrange, default_size
from archstudio.layout.metrics import (
    count_crossings,
    edge_segments,
    layout_area,
    overlapping_pairs,
)
from archstudio.model.elements import Model
from benchmarks import best_ms
from benchmarks.models import generate

SIZES = (100, 500, 2000)
DOT_TIMEOUT_S = 120.0
POINTS = 72.0  # dot measures in inches; our scene units are points at 100 %


def _edges(model: Model) -> list[tuple[str, str]]:
    return [(r.source, r.target) for r in model.relations if r.resolved]


def _quality(boxes: dict[str, Box], edges: list[tuple[str, str]]) -> dict:
    return {
        "crossings": count_crossings(edge_segments(boxes, edges)),
        "overlaps": len(overlapping_pairs(boxes)),
        "area_mpx": round(layout_area(boxes) / 1e6, 1),
    }


def to_dot(model: Model, clusters: bool = True) -> str:
    """The model as DOT: systems as clusters (or left out), nodes at our sizes, LR."""
    lines = ["digraph G {", "  rankdir=LR; nodesep=0.55; ranksep=1.25;",
             "  node [shape=box, fixedsize=true];"]

    def emit(parent: str | None, indent: str) -> None:
        for element in model.children_of(parent):
            if element.is_group and not clusters:
                emit(element.qname, indent)
            elif element.is_group:
                lines.append(f'{indent}subgraph "cluster_{element.qname}" {{')
                lines.append(f'{indent}  label="{element.qname}";')
                emit(element.qname, indent + "  ")
                lines.append(f"{indent}}}")
            else:
                width, height = default_size(element)
                lines.append(f'{indent}"{element.qname}" [width={width / POINTS:.3f}, '
                             f'height={height / POINTS:.3f}];')

    emit(None, "  ")
    for source, target in _edges(model):
        if not (model.elements[source].is_group or model.elements[target].is_group):
            lines.append(f'  "{source}" -> "{target}";')
    lines.append("}")
    return "\n".join(lines) + "\n"


def run_dot(model: Model, clusters: bool = True) -> tuple[float, dict[str, Box] | str]:
    """(milliseconds, boxes) from ``dot -Tjson``, or (milliseconds, why it failed)."""
    start = time.perf_counter()
    try:
        done = subprocess.run(["dot", "-Tjson"], input=to_dot(model, clusters),
                              capture_output=True,
                              text=True, timeout=DOT_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        return DOT_TIMEOUT_S * 1000, f"timeout after {DOT_TIMEOUT_S:.0f} s"
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no message"])[0]
        return elapsed, f"failed (exit {done.returncode}): {reason}"
    elapsed = (time.perf_counter() - start) * 1000
    boxes: dict[str, Box] = {}
    for item in json.loads(done.stdout).get("objects", []):
        name = item.get("name", "")
        if "bb" in item and name.startswith("cluster_"):
            left, bottom, right, top = (float(v) for v in item["bb"].split(","))
            boxes[name.removeprefix("cluster_")] = Box(left, -top, right - left, top - bottom)
        elif "pos" in item:
            x, y = (float(v) for v in item["pos"].split(","))
            width, height = float(item["width"]) * POINTS, float(item["height"]) * POINTS
            boxes[name] = Box(x - width / 2, -y - height / 2, width, height)
    return elapsed, boxes


def run() -> list[dict]:
    has_dot = shutil.which("dot") is not None
    results = []
    for size in SIZES:
        model = parse(generate(size))
        edges = _edges(model)
        repeat = 3 if size >= 2000 else 5
        index = {q: i for i, q in enumerate(model.elements)}
        flat = igraph.Graph(n=len(index), edges=[(index[s], index[t]) for s, t in edges],
                            directed=True)
        sugiyama_ms = best_ms(flat.layout_sugiyama, repeat)
        ours_ms = best_ms(lambda model=model: auto_arrange(model), repeat)
        boxes = auto_arrange(model)
        row = {
            "name": f"auto_arrange {size} elements",
            "elements": len(model.elements),
            "relations": len(edges),
            "baseline": "igraph layout_sugiyama on the flat graph",
            "baseline_ms": round(sugiyama_ms, 1),
            "ms": round(ours_ms, 1),
            "ratio": round(ours_ms / sugiyama_ms, 2),
            **_quality(boxes, edges),
        }
        if has_dot:
            dot_ms, dot_boxes = run_dot(model)
            if isinstance(dot_boxes, str):
                row["dot"] = {"ms": round(dot_ms, 1), "result": dot_boxes}
                flat_ms, flat_boxes = run_dot(model, clusters=False)
                row["dot_without_clusters"] = (
                    {"ms": round(flat_ms, 1), "result": flat_boxes}
                    if isinstance(flat_boxes, str)
                    else {"ms": round(flat_ms, 1), **_quality(flat_boxes, edges)}
                )
            else:
                row["dot"] = {"ms": round(dot_ms, 1), **_quality(dot_boxes, edges)}
                row["ratio_to_dot"] = round(ours_ms / dot_ms, 3)
        else:
            row["dot"] = "skipped: graphviz not installed"
        results.append(row)
        results.append(_incremental(model, boxes, size, sugiyama_ms))
    return results


def _incremental(model: Model, boxes: dict[str, Box], size: int, baseline_ms: float) -> dict:
    """arrange() with everything known, then with 1 % of the leaves new."""
    unchanged_ms = best_ms(lambda: arrange(model, boxes), 7)
    leaves = sorted(q for q, e in model.elements.items() if not e.is_group)
    rng = random.Random(11)
    forgotten = set(rng.sample(leaves, max(1, len(leaves) // 100)))
    previous = {q: b for q, b in boxes.items() if q not in forgotten}
    new_ms = best_ms(lambda: arrange(model, previous), 3)
    placed = arrange(model, previous)
    return {
        "name": f"arrange {size} elements",
        "baseline": "igraph layout_sugiyama on the flat graph",
        "baseline_ms": round(baseline_ms, 1),
        "nothing_new_ms": round(unchanged_ms, 2),
        "new_elements": len(forgotten),
        "with_new_ms": round(new_ms, 1),
        "ratio_nothing_new": round(unchanged_ms / baseline_ms, 3),
        "overlaps_after_placing": len(overlapping_pairs(placed)),
    }


if __name__ == "__main__":
    for result in run():
        print(result)
