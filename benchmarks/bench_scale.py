"""Speed at scale: auto-arrange, routing and ``archstudio export x.png`` of generated models,
with growth exponents, against a baseline tree in the same run.

Each figure is measured in a fresh subprocess per tree (this checkout, and the tree named
by ``ARCHSTUDIO_BASELINE``, e.g. a detached worktree of main), alternating the two, so both
see the same load; the rows give processor time (``time.process_time``: on a shared machine
it varies far less than the wall clock) of

* ``layout``: ``auto_arrange`` of ``benchmarks.models.generate(n)``, parsed beforehand;
* ``routing``: ``compute_drawing`` on those boxes (every line and label);
* ``export``: the whole ``archstudio export FILE -o x.png`` (parse, lay out, route,
  paint, encode) as a person runs it, wall-clock and processor time of the child;
* ``export_PART``: one more such export run in-process with each part timed, processor
  and wall seconds (``parse`` reading and checking the file, ``layout``, ``route`` the
  lines and labels with the plan to paint, ``paint``, ``encode`` the PNG, ``all`` from
  the first import); ``ARCHSTUDIO_SCALE_PARTS=0`` leaves it out.

Sizes: ``ARCHSTUDIO_SCALE_SIZES`` (default ``500,2000``), ``ARCHSTUDIO_SCALE_ROUTING_SIZES``
(default none; e.g. ``10000``) where layout and routing are measured but not the export,
and ``ARCHSTUDIO_SCALE_LAYOUT_SIZES`` (default ``10000``; empty for none) where only the
layout is measured (routing 10,000 elements takes minutes). ``ARCHSTUDIO_SCALE_REPEAT``:
runs per tree and size (default 2, the best kept). Exponents are log(t2/t1) / log(n2/n1)
from the smallest size: 1.0 is linear. Without ``ARCHSTUDIO_BASELINE`` only this tree is measured.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REPEAT = int(os.environ.get("ARCHSTUDIO_SCALE_REPEAT", "2"))  # best of, per tree and size

_CHILD = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from archstudio.dsl import parse
from archstudio.layout import auto_arrange
from archstudio.render import compute_drawing
from benchmarks.models import generate
model = parse(generate(int(sys.argv[1])))
start = time.process_time()
boxes = auto_arrange(model)
layout = time.process_time() - start
routing = None
if sys.argv[2] == "all":
    start = time.process_time()
    _, drawing = compute_drawing(model, boxes)
    routing = time.process_time() - start
print(json.dumps({"layout": layout, "routing": routing, "relations": len(model.relations)}))
"""


# ``archstudio export FILE -o OUT.png`` run in-process with each part timed (processor
# and wall seconds): what the whole export's figure is made of
_PARTS = r"""
import importlib, json, sys, time
start_wall, start_cpu = time.perf_counter(), time.process_time()
from archstudio.cli import main
import archstudio.cli.export as cli_export
import archstudio.layout as layout
ex = importlib.import_module("archstudio.io.export")
parts = {}

def timed(module, name, part):
    inner = getattr(module, name)
    def wrapper(*args, **named):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return inner(*args, **named)
        finally:
            was = parts.get(part, (0.0, 0.0))
            parts[part] = (was[0] + time.process_time() - cpu,
                           was[1] + time.perf_counter() - wall)
    setattr(module, name, wrapper)

timed(cli_export, "load_valid", "parse")
timed(layout, "arrange", "layout")
timed(ex, "prepare", "route")
timed(ex, "_paint", "paint")
timed(ex, "encode_opaque", "encode")
try:
    main(["export", sys.argv[1], "-o", sys.argv[2]])
except SystemExit:
    pass
parts["all"] = (time.process_time() - start_cpu, time.perf_counter() - start_wall)
print(json.dumps(parts))
"""

PARTS = ("parse", "layout", "route", "paint", "encode", "all")


def _env(tree: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(tree), QT_QPA_PLATFORM="offscreen")
    env.pop("ARCHSTUDIO_BASELINE", None)
    return env


def _inside(tree: Path, size: int, what: str = "all") -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(size), what], cwd=tree,
                          env=_env(tree),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _export(tree: Path, source: Path, folder: Path) -> tuple[float, float]:
    """(wall, processor) seconds of ``archstudio export`` in a child process."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "archstudio", "export", str(source), "-o",
                    str(folder / "x.png")], cwd=tree, env=_env(tree), capture_output=True,
                   check=True)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system
                                                           - before.children_system)
    return wall, cpu


def _export_parts(tree: Path, source: Path, folder: Path) -> dict[str, float]:
    """Processor and wall seconds of each part of ``archstudio export`` (one run)."""
    done = subprocess.run([sys.executable, "-c", _PARTS, str(source), str(folder / "p.png")],
                          cwd=tree, env=_env(tree), capture_output=True, text=True,
                          check=True)
    parts = json.loads(done.stdout.strip().splitlines()[-1])
    out = {}
    for part in PARTS:
        cpu, wall = parts.get(part, (0.0, 0.0))
        out[f"export_{part}_cpu_s"], out[f"export_{part}_wall_s"] = cpu, wall
    return out


def _measure(tree: Path, size: int, source: Path | None, folder: Path,
             export: bool = True) -> dict[str, float]:
    best: dict[str, float] = {}
    if not export:  # layout and routing, no export
        for _ in range(REPEAT):
            inside = _inside(tree, size)
            for name in ("layout", "routing"):
                best[f"{name}_s"] = min(best.get(f"{name}_s", math.inf), inside[name])
        best["relations"] = inside["relations"]
        best["arrange_and_route_s"] = best["layout_s"] + best["routing_s"]
        return best
    if source is None:  # the layout alone
        for _ in range(REPEAT):
            inside = _inside(tree, size, "layout")
            best["layout_s"] = min(best.get("layout_s", math.inf), inside["layout"])
        best["relations"] = inside["relations"]
        return best
    for _ in range(REPEAT):
        inside = _inside(tree, size)
        wall, cpu = _export(tree, source, folder)
        for name, value in (("layout_s", inside["layout"]), ("routing_s", inside["routing"]),
                            ("export_wall_s", wall), ("export_cpu_s", cpu)):
            best[name] = min(best.get(name, math.inf), value)
        best["relations"] = inside["relations"]
    best["arrange_and_route_s"] = best["layout_s"] + best["routing_s"]
    if os.environ.get("ARCHSTUDIO_SCALE_PARTS", "1") != "0":
        best.update(_export_parts(tree, source, folder))
    return best


def run() -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from benchmarks.models import generate

    sizes = [int(s) for s in os.environ.get("ARCHSTUDIO_SCALE_SIZES", "500,2000").split(",")]
    layout_sizes = [int(s) for s in os.environ.get("ARCHSTUDIO_SCALE_LAYOUT_SIZES",
                                                   "10000").split(",") if s.strip()]
    routing_sizes = [int(s) for s in os.environ.get("ARCHSTUDIO_SCALE_ROUTING_SIZES",
                                                    "").split(",") if s.strip()]
    layout_sizes = [s for s in layout_sizes if s not in routing_sizes]
    baseline = os.environ.get("ARCHSTUDIO_BASELINE")
    trees = {"this": ROOT}
    if baseline:
        trees["baseline"] = Path(baseline).resolve()
    figures: dict[tuple[str, int], dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for size in sizes:
            source = folder / f"generated-{size}.arch"
            source.write_text(generate(size), encoding="utf-8")
            for name, tree in trees.items():  # alternating: both see the same load
                figures[name, size] = _measure(tree, size, source, folder)
        for size in routing_sizes:
            for name, tree in trees.items():
                figures[name, size] = _measure(tree, size, None, folder, export=False)
        for size in layout_sizes:
            for name, tree in trees.items():
                figures[name, size] = _measure(tree, size, None, folder)
    rows = []
    keys = ("layout_s", "routing_s", "arrange_and_route_s", "export_wall_s", "export_cpu_s",
            *(f"export_{part}_{kind}_s" for part in PARTS for kind in ("cpu", "wall")))
    for size in sizes + routing_sizes + layout_sizes:
        mine = figures["this", size]
        row: dict = {"name": f"generated {size}", "relations": int(mine["relations"])}
        for key in keys:
            if key not in mine:
                continue
            row[key] = round(mine[key], 3)
            if baseline:
                row[f"baseline_{key}"] = round(figures["baseline", size][key], 3)
                row[f"ratio_{key}"] = round(mine[key] / figures["baseline", size][key], 3)
        rows.append(row)
    first = sizes[0]
    for size in sizes[1:] + routing_sizes + layout_sizes:
        for name in trees:
            row = {"name": f"exponent {first} -> {size} ({name})"}
            for key in keys:
                if key not in figures[name, size]:
                    continue
                a, b = figures[name, first][key], figures[name, size][key]
                row[key] = round(math.log(b / a) / math.log(size / first), 2)
            rows.append(row)
    return rows


if __name__ == "__main__":
    for result in run():
        print(result)
