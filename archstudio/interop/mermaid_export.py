"""Export a model as a Mermaid flowchart: systems become subgraphs, kinds choose shapes
and a class named after the kind (``:::datastore``), technology is written under the
label as ``[Technology]``, async relations are dotted. The Mermaid importer reads all
of that back."""

from __future__ import annotations

import json

from archstudio.interop.export_common import children, relations, target_ids
from archstudio.model.elements import Element, Model

SHAPES = {
    "person": ("((", "))"), "container": ("[", "]"), "datastore": ("[(", ")]"),
    "broker": (">", "]"), "gateway": ("{{", "}}"), "external": ("[[", "]]"),
    "goal": ("(((", ")))"), "capability": ("([", "])"), "policy": ("{", "}"),
    "operation": ("[/", "/]"), "schema": ("[\\", "\\]"),
}
CLASS_STYLES = {
    "person": "fill:#dbeafe,stroke:#1d4ed8", "container": "fill:#e0f2fe,stroke:#0369a1",
    "datastore": "fill:#dcfce7,stroke:#15803d", "broker": "fill:#fef9c3,stroke:#a16207",
    "gateway": "fill:#ede9fe,stroke:#6d28d9", "external": "fill:#f3f4f6,stroke:#4b5563",
    "goal": "fill:#fce7f3,stroke:#be185d", "capability": "fill:#ffedd5,stroke:#c2410c",
    "policy": "fill:#fee2e2,stroke:#b91c1c", "operation": "fill:#ecfccb,stroke:#4d7c0f",
    "schema": "fill:#f5f5f4,stroke:#57534e",
}
# Words Mermaid reads as keywords, never as node ids.
RESERVED = frozenset({"end", "graph", "flowchart", "subgraph", "style", "class", "classDef",
                      "click", "linkStyle", "direction", "call", "href", "default"})
_ENTITIES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "|": "#124;",
             "`": "#96;", "[": "#91;", "]": "#93;", "«": "#171;", "&": "#38;"}


def mermaid_text(value: str) -> str:
    """A quoted Mermaid label: entity codes for the characters Mermaid would read as
    syntax, ``<br/>`` for line breaks."""
    out = "".join(_ENTITIES.get(char, char) for char in value)
    return '"' + out.replace("\r\n", "\n").replace("\n", "<br/>") + '"'


def export_mermaid(model: Model) -> str:
    ids = target_ids(model, r"[A-Za-z0-9_.-]", RESERVED,
                     fix=lambda s: s if s[:1].isalpha() or s[:1] == "_" else "n" + s)
    lines = ["---", f"title: {json.dumps(model.name or 'architecture', ensure_ascii=False)}",
             "---",
             "flowchart LR"]
    used: list[str] = []
    grouped: list[str] = []  # subgraphs that are groups, not systems

    def element_lines(element: Element, indent: str) -> None:
        if element.is_group:
            lines.append(f"{indent}subgraph {ids[element.qname]} "
                         f"[{mermaid_text(element.display_name)}]")
            for child in children(model, element.qname):
                element_lines(child, indent + "  ")
            lines.append(f"{indent}end")
            if element.kind != "system":
                grouped.append(ids[element.qname])
            return
        opening, closing = SHAPES.get(element.kind, ("[", "]"))
        label = mermaid_text(element.display_name)
        if element.technology:
            label = label[:-1] + "<br/>[" + mermaid_text(element.technology)[1:-1] + ']"'
        lines.append(f"{indent}{ids[element.qname]}{opening}{label}{closing}"
                     f":::{element.kind}")
        if element.kind not in used:
            used.append(element.kind)

    for element in children(model, None):
        element_lines(element, "  ")
    for relation in relations(model):
        arrow = "-.->" if relation.kind == "async" else "-->"
        quoted = mermaid_text(relation.label or "")
        if relation.technology:
            technology = mermaid_text(relation.technology)[1:-1]
            quoted = f'{quoted[:-1]} [{technology}]"' if quoted != '""' else f'"[{technology}]"'
        if relation.kind and relation.kind != "async":  # a stereotype names the kind
            quoted = f'"«{relation.kind}» {quoted[1:]}'
        label = f"|{quoted}|" if quoted != '""' else ""
        lines.append(f"  {ids[relation.source]} {arrow}{label} {ids[relation.target]}")
    if grouped:
        lines.append(f"  class {','.join(grouped)} group")
    for kind in used:
        lines.append(f"  classDef {kind} {CLASS_STYLES.get(kind, 'fill:#fff')}")
    return "\n".join(lines) + "\n"
