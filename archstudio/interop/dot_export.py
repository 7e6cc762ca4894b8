"""Export a model as a Graphviz DOT digraph: systems become ``cluster_*`` subgraphs,
kinds choose shapes, and ``kind``/``technology``/``description`` attributes keep what a
shape cannot say, so the DOT importer reads the model back."""

from __future__ import annotations

from archstudio.interop.export_common import children, extra_properties, relations, target_ids
from archstudio.model.elements import Element, Model

SHAPES = {
    "person": "ellipse", "container": "box", "datastore": "cylinder", "broker": "cds",
    "gateway": "hexagon", "external": "box3d", "goal": "doubleoctagon", "capability": "tab",
    "policy": "octagon", "operation": "parallelogram", "schema": "note",
}
PROPERTY_PREFIX = "prop:"


def dot_string(value: str) -> str:
    """A DOT quoted string that Graphviz reads back as ``value`` (newlines as ``\\n``)."""
    out = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + '"'


def dot_label(value: str) -> str:
    """A label: also ``&`` as ``&amp;``, since Graphviz reads entities in labels."""
    return value.replace("&", "&amp;")


def _attributes(pairs: list[tuple[str, str]]) -> str:
    return "[" + ", ".join(f"{dot_string(k) if not k.isidentifier() else k}={dot_string(v)}"
                           for k, v in pairs) + "]"


def export_dot(model: Model) -> str:
    ids = target_ids(model)
    name = model.name or "architecture"
    lines = [f"digraph {dot_string(name)} {{",
             f"  graph [label={dot_string(dot_label(name))}, labelloc=t, compound=true, "
             "rankdir=LR];",
             '  node [fontname="Helvetica", style="rounded,filled", fillcolor="#f5f7fa"];',
             '  edge [fontname="Helvetica", fontsize=10];']

    def element_lines(element: Element, indent: str) -> None:
        if element.is_group:
            lines.append(f"{indent}subgraph {dot_string('cluster_' + ids[element.qname])} {{")
            lines.append(f"{indent}  label={dot_string(dot_label(element.display_name))};")
            if element.kind != "system":
                lines.append(f"{indent}  kind={dot_string(element.kind)};")
            if element.description:
                lines.append(f"{indent}  tooltip={dot_string(element.description)};")
            for child in children(model, element.qname):
                element_lines(child, indent + "  ")
            lines.append(f"{indent}}}")
            return
        pairs = [("label", dot_label(element.display_name)), ("kind", element.kind),
                 ("shape", SHAPES.get(element.kind, "box"))]
        if element.technology:
            pairs.append(("technology", element.technology))
        if element.description:
            pairs.append(("description", element.description))
        if element.tags:
            pairs.append(("tags", ", ".join(element.tags)))
        pairs += [(PROPERTY_PREFIX + key, value) for key, value in extra_properties(element)]
        lines.append(f"{indent}{dot_string(ids[element.qname])} {_attributes(pairs)};")

    for element in children(model, None):
        element_lines(element, "  ")
    for relation in relations(model):
        pairs = []
        if relation.label:
            pairs.append(("label", dot_label(relation.label)))
        if relation.technology:
            pairs.append(("technology", relation.technology))
        if relation.kind:
            pairs.append(("kind", relation.kind))
            if relation.kind == "async":
                pairs.append(("style", "dashed"))
        source, target = model.elements[relation.source], model.elements[relation.target]
        ends = []
        for end, key in ((source, "ltail"), (target, "lhead")):
            if end.is_group:  # an edge to a system: draw it to the cluster's border
                inner = next((e for e in _leaves(model, end.qname)), None)
                if inner is None:
                    ends.append(None)
                    continue
                pairs.append((key, "cluster_" + ids[end.qname]))
                ends.append(ids[inner.qname])
            else:
                ends.append(ids[end.qname])
        if None in ends:
            lines.append(f"  // {dot_string(relation.source)} -> {dot_string(relation.target)}"
                         ": an end is an empty system, which DOT cannot draw")
            continue
        suffix = f" {_attributes(pairs)}" if pairs else ""
        lines.append(f"  {dot_string(ends[0])} -> {dot_string(ends[1])}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _leaves(model: Model, qname: str):
    for child in children(model, qname):
        if child.is_group:
            yield from _leaves(model, child.qname)
        else:
            yield child
