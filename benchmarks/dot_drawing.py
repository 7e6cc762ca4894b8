"""Graphviz ``dot`` drawing the same graph as ArchStudio, converted to the same JSON shape.

The graph is taken from ArchStudio's own drawing (the JSON of ``archstudio export``), so
both engines get exactly the same input: every system a cluster (nested as in the file),
every shape a fixed-size box of ArchStudio's size, every relation label a fixed-size box of
the size ArchStudio draws it, and every cluster title a label of the size of ArchStudio's
title tab (name and kind tag), at the cluster's top left; its box is the drawing's
``title_box``, so titles are measured alike for every engine.
One scene pixel is one dot point. ``rankdir=LR`` (ArchStudio's default direction) and
``splines=polyline``: straight segments measured exactly, and unlike ``ortho`` dot places
edge labels with them. Everything else is dot's default.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable

from archstudio.layout.quality import EXPORT_MARGIN, TITLE_BAND

POINTS = 72.0  # dot sizes nodes in inches


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fixed_label(width: float, height: float) -> str:
    """An HTML label of exactly this size in points (dot reserves that much room)."""
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
            f'<TD FIXEDSIZE="TRUE" WIDTH="{max(1, round(width))}" '
            f'HEIGHT="{max(1, round(height))}"> </TD></TR></TABLE>>')


def anchor(qname: str) -> str:
    return f"{qname}::anchor"


def to_dot(drawing: dict, title_width: Callable[[str], float]) -> str:
    """DOT text for the drawing's graph (``title_width``: a system's title in px)."""
    elements = drawing["elements"]
    systems = {e["id"] for e in elements if e["kind"] == "system"} | {
        e["system"] for e in elements if e["system"]}
    children: dict[str | None, list[dict]] = {}
    for element in elements:
        children.setdefault(element["system"], []).append(element)
    ends = {end for r in drawing["relations"] for end in (r["from"], r["to"])}
    lines = ["digraph G {", "  rankdir=LR; splines=polyline; compound=true;",
             '  node [shape=box, fixedsize=true, label=""];']

    def emit(parent: str | None, indent: str) -> None:
        for element in children.get(parent, []):
            qname = element["id"]
            if qname in systems:
                title = min(title_width(qname), element["box"][2])
                lines.append(f"{indent}subgraph {_quote('cluster_' + qname)} {{")
                lines.append(f"{indent}  labeljust=l; label={_fixed_label(title, TITLE_BAND)};")
                if qname in ends or not children.get(qname):
                    lines.append(f"{indent}  {_quote(anchor(qname))} [shape=point, "
                                 "width=0.01, height=0.01, style=invis];")
                emit(qname, indent + "  ")
                lines.append(f"{indent}}}")
            else:
                _, _, width, height = element["box"]
                lines.append(f"{indent}{_quote(qname)} [width={width / POINTS:.4f}, "
                             f"height={height / POINTS:.4f}];")

    emit(None, "  ")
    for index, relation in enumerate(drawing["relations"]):
        source, target = relation["from"], relation["to"]
        attrs = [f'id="r{index}"']
        if source in systems:
            attrs.append(f"ltail={_quote('cluster_' + source)}")
            source = anchor(source)
        if target in systems:
            attrs.append(f"lhead={_quote('cluster_' + target)}")
            target = anchor(target)
        if relation["label_box"] is not None:
            attrs.append("label=" + _fixed_label(relation["label_box"][2],
                                                  relation["label_box"][3]))
        lines.append(f"  {_quote(source)} -> {_quote(target)} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _point(text: str, height: float) -> list[float]:
    x, y = (float(v) for v in text.split(","))
    return [round(x + EXPORT_MARGIN, 2), round(height - y + EXPORT_MARGIN, 2)]


def _polyline(pos: str, height: float) -> list[list[float]]:
    """dot's ``pos`` of a polyline edge: B-spline points whose every third point is a
    vertex (the control points lie on the segments), plus the arrow's tip."""
    start = end = None
    spline = []
    for part in pos.split():
        if part.startswith("s,"):
            start = _point(part[2:], height)
        elif part.startswith("e,"):
            end = _point(part[2:], height)
        else:
            spline.append(_point(part, height))
    points = spline[::3] if len(spline) >= 4 else spline
    if spline and points[-1] != spline[-1]:
        points.append(spline[-1])
    return ([start] if start else []) + points + ([end] if end else [])


def _label_box(cluster: dict, height: float) -> list[float] | None:
    """Where dot drew a cluster's label (``lp`` is its centre, ``lwidth``/``lheight`` its
    size in inches)."""
    if "lp" not in cluster:
        return None
    cx, cy = _point(cluster["lp"], height)
    w, h = float(cluster["lwidth"]) * POINTS, float(cluster["lheight"]) * POINTS
    return [round(cx - w / 2, 2), round(cy - h / 2, 2), round(w, 2), round(h, 2)]


def from_dot_json(layout: dict, drawing: dict) -> dict:
    """dot's ``-Tjson`` output as a drawing in the JSON export's shape."""
    left, bottom, right, top = (float(v) for v in layout["bb"].split(","))
    height = top
    kinds = {e["id"]: e for e in drawing["elements"]}
    names: dict[int, str] = {}
    elements = []
    for item in layout.get("objects", []):
        name = item.get("name", "")
        if name.startswith("cluster_") and "bb" in item:
            qname = name.removeprefix("cluster_")
            x1, y1, x2, y2 = (float(v) for v in item["bb"].split(","))
            box = [round(x1 + EXPORT_MARGIN, 2), round(height - y2 + EXPORT_MARGIN, 2),
                   round(x2 - x1, 2), round(y2 - y1, 2)]
            title = _label_box(item, height)
        elif "pos" in item and name in kinds:
            qname = name
            x, y = _point(item["pos"], height)
            w, h = float(item["width"]) * POINTS, float(item["height"]) * POINTS
            box = [round(x - w / 2, 2), round(y - h / 2, 2), round(w, 2), round(h, 2)]
            title = None
        else:
            if "_gvid" in item and name.endswith("::anchor"):
                names[item["_gvid"]] = name.removesuffix("::anchor")
            continue
        if "_gvid" in item and not name.startswith("cluster_"):
            names[item["_gvid"]] = qname
        source = kinds[qname]
        row = {"id": qname, "kind": source["kind"], "system": source["system"], "box": box}
        if title is not None:
            row["title_box"] = title
        elements.append(row)
    relations = []
    for edge in sorted(layout.get("edges", []), key=lambda e: int(e["id"][1:])):
        points = _polyline(edge["pos"], height)
        label_box = None
        if "lp" in edge:
            original = drawing["relations"][int(edge["id"][1:])]["label_box"]
            cx, cy = _point(edge["lp"], height)
            w, h = original[2], original[3]
            label_box = [round(cx - w / 2, 2), round(cy - h / 2, 2), w, h]
        relations.append({"from": names[edge["tail"]], "to": names[edge["head"]],
                          "points": points, "label_box": label_box})
    return {"version": 1, "width": round(right - left + 2 * EXPORT_MARGIN, 2),
            "height": round(top - bottom + 2 * EXPORT_MARGIN, 2), "elements": elements,
            "relations": relations}


def dot_drawing(drawing: dict, title_width: Callable[[str], float],
                timeout: float) -> dict | str:
    """dot's drawing of the same graph, or why there is none (timeout, failure)."""
    try:
        done = subprocess.run(["dot", "-Tjson"], input=to_dot(drawing, title_width),
                              capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return f"dot skipped: no drawing within {timeout:.0f} s"
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no message"])[0]
        return f"dot failed (exit {done.returncode}): {reason}"
    return from_dot_json(json.loads(done.stdout), drawing)
