"""Export the drawn geometry as JSON: the boxes, relation lines and label boxes of a diagram.

Written from the same :class:`~archstudio.render.DiagramPlan` the SVG is painted from, in
the SVG's pixel coordinates (same margin, same origin), so the two overlay exactly. Tools
and the quality benchmark read it; the format is described in docs/layout.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from archstudio.io.export import ExportError, _commit, _open, prepare
from archstudio.layout.geometry import GROUP_TITLE, Box
from archstudio.model.elements import Model
from archstudio.render import Drawing

VERSION = 1
DECIMALS = 2  # a hundredth of a pixel: exact enough, and the same on every run


def _number(value: float) -> float | int:
    rounded = round(value, DECIMALS)
    return int(rounded) if rounded == int(rounded) else rounded


def _box(box: Box, dx: float, dy: float) -> list[float | int]:
    return [_number(box.x - dx), _number(box.y - dy), _number(box.width), _number(box.height)]


def geometry(model: Model, boxes: dict[str, Box], only: Iterable[str] | None = None,
             routing: str = "orthogonal", drawing: Drawing | None = None) -> dict:
    """The drawing of ``model`` laid out in ``boxes`` as a JSON-ready dict (version 1);
    ``drawing``: the canvas's computed lines and labels, when exporting from the app."""
    diagram, bounds = prepare(model, boxes, only, routing, drawing)
    dx, dy = bounds.left(), bounds.top()
    faces = diagram.groups + diagram.shapes
    elements = []
    for qname, (box, face) in zip(diagram.element_ids, faces, strict=True):
        element = model.elements[qname]
        row = {"id": qname, "kind": element.kind, "system": element.parent,
               "box": _box(box, dx, dy)}
        if face.tab is not None:  # a system's title tab, as drawn
            row["title_box"] = _box(Box(box.x, box.y, face.tab_width,
                                        min(GROUP_TITLE, box.height)), dx, dy)
        elements.append(row)
    relations = []
    for relation, edge in zip(diagram.relations, diagram.edges, strict=True):
        relations.append({
            "from": relation.source,
            "to": relation.target,
            "points": [[_number(x - dx), _number(y - dy)] for x, y in edge.points],
            "label_box": None if edge.label_box is None else _box(edge.label_box, dx, dy),
        })
    return {"version": VERSION, "width": _number(bounds.width()),
            "height": _number(bounds.height()), "elements": elements, "relations": relations}


def dumps(drawing: dict) -> str:
    """The JSON text: one line per element and per relation, so files diff well."""
    head = {key: value for key, value in drawing.items() if not isinstance(value, list)}
    parts = [json.dumps(head)[:-1]]
    for key in ("elements", "relations"):
        rows = ",\n  ".join(json.dumps(row) for row in drawing[key])
        parts.append(f', "{key}": [\n  {rows}\n ]' if rows else f', "{key}": []')
    return "".join(parts) + "}\n"


def export_json(model: Model, boxes: dict[str, Box], path: str | Path,
                only: Iterable[str] | None = None, routing: str = "orthogonal",
                drawing: Drawing | None = None, **_ignored) -> None:
    """Write the drawn geometry as JSON (atomically, like every export)."""
    text = dumps(geometry(model, boxes, only, routing, drawing))
    target = _open(path)
    if target.write(text.encode("utf-8")) < 0:
        target.cancelWriting()
        raise ExportError(f"cannot write {path}: {target.errorString()}")
    _commit(target, path)
