"""Export a model as a LikeC4 project file: a ``specification`` declaring the element
kinds used, the ``model`` with systems nesting their elements, and one view of
everything. Relations name their ends by fully qualified name."""

from __future__ import annotations

import re

from archstudio.interop.export_common import children, relations, target_ids
from archstudio.model.elements import Element, Model

SHAPES = {"person": "person", "datastore": "storage", "broker": "queue",
          "external": "rectangle", "operation": "rectangle", "schema": "rectangle"}
COLORS = {"external": "muted", "person": "green", "datastore": "indigo", "broker": "amber"}
# LikeC4 keywords that its grammar does not accept as element names.
RESERVED = frozenset({
    "views", "view", "specification", "it", "this", "style", "description", "technology",
    "title", "link", "metadata", "include", "exclude", "extend", "extends", "tag", "tags",
    "relationship", "dynamic", "global", "of", "icon", "color", "shape", "border", "opacity",
    "navigateTo", "notation", "notes", "instanceOf", "parallel", "par", "autoLayout", "where",
    "with", "and", "or", "not", "is", "kind", "predicate", "likec4lib", "icons", "line",
    "head", "tail", "deploymentNode", "predicateGroup", "dynamicPredicateGroup",
    "styleGroup", "TopBottom", "LeftRight", "BottomTop", "RightLeft"})


def likec4_string(value: str) -> str:
    """A LikeC4 string. Its grammar has no escapes (``'[^']*'`` or ``"[^"]*"``), so the
    quote the text does not use is chosen; text with both gets ’ for its apostrophes."""
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "\u2019") + "'"


def export_likec4(model: Model) -> str:
    ids = target_ids(model, r"[A-Za-z0-9_-]", RESERVED,
                     fix=lambda s: s if re.match(r"_*[A-Za-z]", s) else "e" + s)
    kinds = list(dict.fromkeys(e.kind for e in model.elements.values()))
    lines = ["specification {"]
    for kind in kinds:
        style = []
        if kind in SHAPES:
            style.append(f"shape {SHAPES[kind]}")
        if kind in COLORS:
            style.append(f"color {COLORS[kind]}")
        if style:
            lines += [f"  element {kind} {{", "    style {"]
            lines += [f"      {s}" for s in style] + ["    }", "  }"]
        else:
            lines.append(f"  element {kind}")
    if any(r.kind for r in relations(model)):
        for kind in dict.fromkeys(r.kind for r in relations(model) if r.kind):
            lines.append(f"  relationship {kind}")
    lines += ["}", "", "model {"]
    paths: dict[str, str] = {}

    def element_lines(element: Element, indent: str, path: str) -> None:
        ident = ids[element.qname]
        paths[element.qname] = f"{path}.{ident}" if path else ident
        head = f"{indent}{ident} = {element.kind} {likec4_string(element.display_name)}"
        body = []
        if element.description:
            body.append(f"description {likec4_string(element.description)}")
        if element.technology:
            body.append(f"technology {likec4_string(element.technology)}")
        kids = children(model, element.qname)
        if not body and not kids:
            lines.append(head)
            return
        lines.append(head + " {")
        lines.extend(f"{indent}  {line}" for line in body)
        for child in kids:
            element_lines(child, indent + "  ", paths[element.qname])
        lines.append(f"{indent}}}")

    for element in children(model, None):
        element_lines(element, "  ", "")
    for relation in relations(model):
        arrow = f"-[{relation.kind}]->" if relation.kind else "->"
        line = f"  {paths[relation.source]} {arrow} {paths[relation.target]}"
        if relation.label:
            line += f" {likec4_string(relation.label)}"
        if relation.technology:
            line += f" {{\n    technology {likec4_string(relation.technology)}\n  }}"
        lines.append(line)
    lines += ["}", "", "views {", "  view index {",
              f"    title {likec4_string(model.name or 'architecture')}",
              "    include *", "  }", "}"]
    return "\n".join(lines) + "\n"
