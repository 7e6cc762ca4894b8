"""Export a model as a D2 diagram: systems become containers (nested keys), kinds
choose D2 shapes, technology is a second label line, descriptions are tooltips."""

from __future__ import annotations

from archstudio.interop.export_common import children, relations
from archstudio.model.elements import Element, Model

SHAPES = {
    "person": "person", "container": "rectangle", "datastore": "cylinder", "broker": "queue",
    "gateway": "hexagon", "external": "cloud", "goal": "oval", "capability": "step",
    "policy": "diamond", "operation": "parallelogram", "schema": "page",
}


# D2 keywords, which cannot name a shape even when quoted.
RESERVED = frozenset({
    "label", "shape", "icon", "style", "near", "width", "height", "direction", "tooltip",
    "link", "constraint", "class", "classes", "vars", "top", "left", "grid-rows",
    "grid-columns", "grid-gap", "vertical-gap", "horizontal-gap", "source-arrowhead",
    "target-arrowhead", "layers", "scenarios", "steps", "filled", "multiple", "opacity",
    "stroke", "fill", "fill-pattern", "stroke-width", "stroke-dash", "border-radius",
    "font", "font-size", "font-color", "bold", "italic", "underline", "text-transform",
    "animated", "shadow", "3d", "double-border", "root", "_", "null", "import",
})


def d2_string(value: str) -> str:
    """A double-quoted D2 string: ``\\``, ``"`` and line breaks escaped."""
    out = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + '"'


def d2_key(model: Model, ids: dict[str, str], qname: str) -> str:
    """The D2 path of an element: each key quoted, joined by dots."""
    parts = []
    current: str | None = qname
    while current is not None:
        parts.append(d2_string(ids[current]))
        current = model.elements[current].parent
    return ".".join(reversed(parts))


def export_d2(model: Model) -> str:
    ids = {q: e.id if e.id.lower() not in RESERVED else e.id + "_"
           for q, e in model.elements.items()}
    title = (model.name or "architecture").splitlines()[0] if model.name else "architecture"
    lines = [f"# {title}", "direction: right", ""]

    def element_lines(element: Element, indent: str) -> None:
        label = element.display_name
        if element.technology:
            label += f"\n[{element.technology}]"
        lines.append(f"{indent}{d2_string(ids[element.qname])}: {d2_string(label)} {{")
        if not element.is_group:
            lines.append(f"{indent}  shape: {SHAPES.get(element.kind, 'rectangle')}")
        if element.description:
            lines.append(f"{indent}  tooltip: {d2_string(element.description)}")
        if element.kind == "external":
            lines.append(f"{indent}  style.stroke-dash: 3")
        for child in children(model, element.qname):
            element_lines(child, indent + "  ")
        lines.append(f"{indent}}}")

    for element in children(model, None):
        element_lines(element, "")
    for relation in relations(model):
        text = relation.label or ""
        if relation.technology:
            text = f"{text}\n[{relation.technology}]" if text else f"[{relation.technology}]"
        line = (f"{d2_key(model, ids, relation.source)} -> "
                f"{d2_key(model, ids, relation.target)}")
        if text:
            line += f": {d2_string(text)}"
        if relation.kind == "async":
            line += " {style.stroke-dash: 5}"
        lines.append(line)
    return "\n".join(lines) + "\n"
