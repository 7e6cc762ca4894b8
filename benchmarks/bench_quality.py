"""Drawing quality on real architectures, next to Graphviz ``dot`` and ELK in the same run.

For every file of ``benchmarks/corpus/`` (real systems written from their public sources),
the repository's examples and generated models of 100, 500 and 2,000 elements: ArchStudio's
drawing as ``archstudio export -o OUT.json`` writes it (the layout the file opens with),
and ``dot``'s drawing of the same graph (benchmarks/dot_drawing.py: same box sizes, same
label sizes, systems as clusters) and, when node and elkjs are there, ELK layered's
(benchmarks/elk_drawing.py), all measured by ``archstudio.layout.quality``.

ArchStudio's rows also give ``layout_cross``, the layered engine's own crossing count
(``engine.ordering_crossings``: straight segments between adjacent layers, dummy points of
long relations included, before routing), so that routing's share of ``cross`` shows.

Rows: one per file and engine, then totals per set (corpus, examples, generated) with the
ratios ArchStudio / dot and ArchStudio / ELK (over the files both drew). The totals are
compared with the stored state (``benchmarks/quality_state.json``);
``QUALITY_STORE=1 python -m benchmarks quality`` replaces it with this run's figures.
For quick looks while working on layout or routing, ``QUALITY_SETS=corpus`` (a comma list
of corpus, examples, generated) measures only those sets and ``QUALITY_ENGINES=`` (a comma
list of dot, ELK; empty for none) only those other engines; neither stores the state.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from archstudio.cli.export import ensure_gui_application
from archstudio.dsl import parse
from archstudio.io import geometry
from archstudio.layout import arrange
from archstudio.layout.engine import ordering_crossings
from archstudio.layout.quality import COUNTS, Quality, measure
from archstudio.model.elements import Model
from benchmarks.dot_drawing import dot_drawing
from benchmarks.elk_drawing import elk_drawing
from benchmarks.models import generate

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
EXAMPLES = HERE.parent / "examples"
STATE = HERE / "quality_state.json"
GENERATED = (100, 500, 2000)
DOT_TIMEOUT_S = 60.0
ELK_TIMEOUT_S = 60.0
ENGINES = ("dot", "ELK")
LAYOUT_CROSS = "layout_cross"
SHORT = {"crossings": "cross", "through_shapes": "through", "labels_on_shapes": "lbl/shape",
         "labels_on_labels": "lbl/lbl", "under_labels": "under_lbl",
         "shape_overlaps": "overlap", "shared_segments": "shared"}


def _chosen(variable: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = os.environ.get(variable)
    if value is None:
        return default
    return tuple(v.strip() for v in value.split(",") if v.strip())


def sources() -> list[tuple[str, str, str]]:
    """(set, name, .arch text) of every file measured."""
    sets = _chosen("QUALITY_SETS", ("corpus", "examples", "generated"))
    return [source for source in _all_sources() if source[0] in sets]


def _all_sources() -> list[tuple[str, str, str]]:
    out = [("corpus", path.stem, path.read_text(encoding="utf-8"))
           for path in sorted(CORPUS.glob("*.arch"))]
    out += [("examples", path.stem, path.read_text(encoding="utf-8"))
            for path in sorted(EXAMPLES.glob("*.arch"))]
    out += [("generated", f"generated-{size}", generate(size)) for size in GENERATED]
    return out


def title_width(model: Model, qname: str) -> float:
    """A system title's width as ArchStudio draws it: its tab (name, kind tag, insets)."""
    from archstudio.render import LIGHT
    from archstudio.render.element_face import title_width_of

    return title_width_of(model.elements[qname], LIGHT)


def _row(group: str, name: str, engine: str, quality: Quality | None, note: str = "",
         layout_crossings: int | None = None) -> dict:
    row = {"set": group, "file": name, "engine": engine}
    if quality is None:
        row["note"] = note
        return row
    row.update(elements=quality.elements, relations=quality.relations)
    for key in COUNTS:
        row[SHORT[key]] = getattr(quality, key)
        if key == "crossings" and layout_crossings is not None:
            row[LAYOUT_CROSS] = layout_crossings  # the layered engine's own, before routing
    row.update(aspect=quality.aspect, name_px=quality.name_px_at_fit)
    if note:
        row["note"] = note
    return row


def measure_file(text: str, engines: tuple[str, ...] = ENGINES
                 ) -> tuple[Quality, dict[str, Quality | str], float]:
    """ArchStudio's figures, each other engine's figures (or why none) and ArchStudio's
    drawing time."""
    model = parse(text)
    started = time.perf_counter()
    drawing = geometry(model, arrange(model))
    elapsed = time.perf_counter() - started
    others: dict[str, Quality | str] = {}
    if "dot" not in engines:
        pass
    elif shutil.which("dot") is None:
        others["dot"] = "dot skipped: graphviz is not installed"
    else:
        dot = dot_drawing(drawing, lambda qname: title_width(model, qname), DOT_TIMEOUT_S)
        others["dot"] = dot if isinstance(dot, str) else measure(dot)
    if "ELK" in engines:
        elk = elk_drawing(drawing, ELK_TIMEOUT_S)
        others["ELK"] = elk if isinstance(elk, str) else measure(elk)
    return measure(drawing), others, elapsed


def _totals(group: str, rows: list[dict], engine: str, files: set[str]) -> dict:
    chosen = [r for r in rows if r["engine"] == engine and r["set"] == group
              and r["file"] in files and "cross" in r]
    total = {"set": group, "file": f"TOTAL ({len(chosen)} files)", "engine": engine}
    for key in ("elements", "relations", *SHORT.values()):
        total[key] = sum(r[key] for r in chosen)
        if key == "cross" and any(LAYOUT_CROSS in r for r in chosen):
            total[LAYOUT_CROSS] = sum(r.get(LAYOUT_CROSS, 0) for r in chosen)
    total["name_px"] = round(min((r["name_px"] for r in chosen), default=0.0), 2)
    total["note"] = "name_px: the smallest"
    return total


def _smaller_names(rows: list[dict], group: str, other: str, files: set[str]) -> str:
    theirs = {r["file"]: r for r in rows if r["engine"] == other and "cross" in r}
    smaller = sorted(r["file"] for r in rows if r["engine"] == "ArchStudio"
                     and r["set"] == group and r["file"] in files and r["file"] in theirs
                     and r["name_px"] < theirs[r["file"]]["name_px"])
    return f"names smaller than {other}'s in {len(smaller)}: {', '.join(smaller)}"


def _ratio(group: str, ours: dict, theirs: dict, other: str, note: str) -> dict:
    row = {"set": group, "file": f"RATIO ArchStudio / {other}", "engine": "ratio"}
    for key in SHORT.values():
        row[key] = round(ours[key] / theirs[key], 2) if theirs[key] else (
            0.0 if not ours[key] else "inf")
    row["note"] = note
    return row


def _compare_with_state(rows: list[dict]) -> list[dict]:
    """A row per set total and per file whose ArchStudio figures differ from the stored
    state (so a change to layout or routing shows where it helped or hurt)."""
    if not STATE.exists():
        return []
    stored = {(r["set"], r["file"], r["engine"]): r for r in json.loads(
        STATE.read_text(encoding="utf-8"))["rows"]}
    out = []
    for row in rows:
        before = stored.get((row["set"], row["file"], row["engine"]))
        if row["engine"] != "ArchStudio" or not before or "cross" not in row:
            continue
        delta = {key: row[key] - before[key] for key in SHORT.values()}
        total = row["file"].startswith("TOTAL")
        if total or any(delta.values()):
            label = "CHANGE vs stored state" if total else f"{row['file']}: change"
            out.append({"set": row["set"], "file": label, "engine": "delta", **delta})
    return out


def run() -> list[dict]:
    ensure_gui_application()
    rows: list[dict] = []
    engines = _chosen("QUALITY_ENGINES", ENGINES)
    for group, name, text in sources():
        ours, others, elapsed = measure_file(text, engines)
        rows.append(_row(group, name, "ArchStudio", ours, f"drawn in {elapsed:.2f} s",
                         ordering_crossings(parse(text))))
        for engine in engines:
            theirs = others[engine]
            rows.append(_row(group, name, engine, None, theirs) if isinstance(theirs, str)
                        else _row(group, name, engine, theirs))
    totals = []
    for group in ("corpus", "examples", "generated"):
        everything = {r["file"] for r in rows if r["set"] == group}
        if not everything:
            continue
        totals.append(_totals(group, rows, "ArchStudio", everything))
        for engine in engines:
            compared = {r["file"] for r in rows if r["set"] == group
                        and r["engine"] == engine and "cross" in r}
            if not compared:
                continue
            ours = _totals(group, rows, "ArchStudio", compared)
            theirs = _totals(group, rows, engine, compared)
            ours["engine"] = f"ArchStudio (files {engine} drew)"
            totals += [ours, theirs] if compared != everything else [theirs]
            totals.append(_ratio(group, ours, theirs, engine,
                                 _smaller_names(rows, group, engine, compared)))
    rows += totals
    rows += _compare_with_state(rows)
    partial = "QUALITY_SETS" in os.environ or "QUALITY_ENGINES" in os.environ
    if os.environ.get("QUALITY_STORE") == "1" and not partial:
        STATE.write_text(json.dumps({"rows": [r for r in rows if r["engine"] != "delta"]},
                                    indent=1) + "\n", encoding="utf-8")
    return rows
