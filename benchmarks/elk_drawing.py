"""ELK layered (elkjs) drawing the same graph as ArchStudio, converted to the same JSON shape.

Optional: used when ``node`` is installed and elkjs is in ``benchmarks/.elk`` (outside git:
``npm install --prefix benchmarks/.elk elkjs@0.10``). The graph comes from ArchStudio's own
drawing, like dot's: systems as compound nodes (INCLUDE_CHILDREN, so relations across
systems are laid out together), shapes at ArchStudio's sizes, each relation label a label
of the size ArchStudio draws it, a title band of 34 px as the compound's top padding; the
title's text box is counted at the compound's top left, as wide as ArchStudio's title tab.
Options: ``layered``, direction RIGHT, orthogonal edge routing; coordinates absolute
(``json.shapeCoords``/``json.edgeCoords`` ROOT). Everything else is ELK's default.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from archstudio.layout.quality import EXPORT_MARGIN, TITLE_BAND

HERE = Path(__file__).resolve().parent
ELK_DIR = Path(os.environ.get("ELK_DIR", HERE / ".elk"))
SCRIPT = HERE / "elk_layout.js"
PADDING = 12.0


def available() -> str | None:
    """None when ELK can run, otherwise why not."""
    if shutil.which("node") is None:
        return "ELK skipped: node is not installed"
    if not (ELK_DIR / "node_modules" / "elkjs").is_dir():
        return f"ELK skipped: no elkjs in {ELK_DIR} (npm install --prefix {ELK_DIR} elkjs@0.10)"
    return None


def to_elk(drawing: dict) -> dict:
    """The drawing's graph as an ELK JSON graph."""
    elements = drawing["elements"]
    systems = {e["id"] for e in elements if e["kind"] == "system"} | {
        e["system"] for e in elements if e["system"]}
    nodes: dict[str, dict] = {}
    root: dict = {"id": "root", "layoutOptions": {
        "elk.algorithm": "layered", "elk.direction": "RIGHT",
        "elk.edgeRouting": "ORTHOGONAL", "elk.hierarchyHandling": "INCLUDE_CHILDREN",
        "elk.json.shapeCoords": "ROOT", "elk.json.edgeCoords": "ROOT"},
        "children": [], "edges": []}
    for element in elements:
        node: dict = {"id": element["id"]}
        if element["id"] in systems:
            node["children"] = []
            node["layoutOptions"] = {
                "elk.padding": f"[top={TITLE_BAND + PADDING},left={PADDING},"
                               f"bottom={PADDING},right={PADDING}]"}
        else:
            node["width"], node["height"] = element["box"][2], element["box"][3]
        nodes[element["id"]] = node
    for element in elements:
        parent = nodes[element["system"]] if element["system"] else root
        parent["children"].append(nodes[element["id"]])
    for index, relation in enumerate(drawing["relations"]):
        edge: dict = {"id": f"r{index}", "sources": [relation["from"]],
                      "targets": [relation["to"]]}
        if relation["label_box"] is not None:
            edge["labels"] = [{"text": " ", "width": relation["label_box"][2],
                               "height": relation["label_box"][3]}]
        root["edges"].append(edge)
    return root


def from_elk(layout: dict, drawing: dict) -> dict:
    """ELK's laid-out graph as a drawing in the JSON export's shape."""
    m = EXPORT_MARGIN
    boxes: dict[str, list[float]] = {}
    pending = list(layout.get("children", []))
    while pending:
        node = pending.pop()
        boxes[node["id"]] = [round(node["x"] + m, 2), round(node["y"] + m, 2),
                             round(node["width"], 2), round(node["height"], 2)]
        pending.extend(node.get("children", []))
    elements = []
    for element in drawing["elements"]:
        box = boxes[element["id"]]
        row = {**element, "box": box}
        if element.get("title_box") is not None:
            row["title_box"] = [box[0], box[1], min(box[2], element["title_box"][2]),
                                min(box[3], TITLE_BAND)]
        elements.append(row)
    edges = {edge["id"]: edge for edge in layout.get("edges", [])}
    relations = []
    for index, relation in enumerate(drawing["relations"]):
        edge = edges[f"r{index}"]
        points: list[list[float]] = []
        for section in edge.get("sections", []):
            for point in [section["startPoint"], *section.get("bendPoints", []),
                          section["endPoint"]]:
                xy = [round(point["x"] + m, 2), round(point["y"] + m, 2)]
                if not points or points[-1] != xy:
                    points.append(xy)
        label_box = None
        if edge.get("labels"):
            label = edge["labels"][0]
            label_box = [round(label["x"] + m, 2), round(label["y"] + m, 2),
                         label["width"], label["height"]]
        relations.append({"from": relation["from"], "to": relation["to"],
                          "points": points, "label_box": label_box})
    return {"version": 1, "width": round(layout["width"] + 2 * m, 2),
            "height": round(layout["height"] + 2 * m, 2), "elements": elements,
            "relations": relations}


def elk_drawing(drawing: dict, timeout: float) -> dict | str:
    """ELK's drawing of the same graph, or why there is none."""
    reason = available()
    if reason:
        return reason
    env = {**os.environ, "NODE_PATH": str(ELK_DIR / "node_modules")}
    try:
        done = subprocess.run(["node", str(SCRIPT)], input=json.dumps(to_elk(drawing)),
                              capture_output=True, text=True, timeout=timeout, check=False,
                              env=env)
    except subprocess.TimeoutExpired:
        return f"ELK skipped: no drawing within {timeout:.0f} s"
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no message"])[0]
        return f"ELK failed: {reason[:120]}"
    return from_elk(json.loads(done.stdout), drawing)
