"""Import Mermaid's C4 diagrams (``C4Context``, ``C4Container``, ``C4Component``).

Each line is a macro call ``Name(arg, "arg", $key="value")``, optionally opening a
boundary block with ``{``. People, systems, containers and components become elements,
boundaries systems, ``Rel``/``BiRel`` relations (label, technology, description).
"""

from __future__ import annotations

import re

from archstudio.interop.graph import Edge, ImportedGraph
from archstudio.interop.mermaid_text import clean_label

ELEMENT_MACROS = {
    "person": "person", "person_ext": "person", "system": "system", "system_ext": "external",
    "systemdb": "datastore", "systemdb_ext": "datastore", "systemqueue": "broker",
    "systemqueue_ext": "broker", "container": "container", "container_ext": "external",
    "containerdb": "datastore", "containerdb_ext": "datastore", "containerqueue": "broker",
    "containerqueue_ext": "broker", "component": "container", "component_ext": "external",
    "componentdb": "datastore", "componentdb_ext": "datastore", "componentqueue": "broker",
    "componentqueue_ext": "broker",
}
# Which positional argument holds the technology (containers and components have one).
TECHNOLOGY_FIRST = ("container", "component")
BOUNDARIES = {"boundary", "enterprise_boundary", "system_boundary", "container_boundary",
              "node", "node_l", "node_r", "deployment_node"}
RELATIONS = {"rel", "birel", "rel_u", "rel_up", "rel_d", "rel_down", "rel_l", "rel_left",
             "rel_r", "rel_right", "rel_back", "rel_neighbor"}
_CALL = re.compile(r"[ \t]*(\w+)[ \t]*\((.*)\)[ \t]*(\{)?[ \t]*$")
_ARG = re.compile(r"\s*(?:\$(\w+)\s*=\s*)?(\"[^\"]*\"|[^,]*)\s*(?:,|$)")


def _arguments(text: str) -> tuple[list[str], dict[str, str]]:
    positional, named = [], {}
    pos = 0
    while pos < len(text):
        match = _ARG.match(text, pos)
        if match is None or match.end() == pos:
            break
        value = match.group(2).strip()
        value = value[1:-1] if value.startswith('"') and value.endswith('"') else value
        if match.group(1):
            named[match.group(1).lower()] = value
        else:
            positional.append(value)
        pos = match.end()
    return positional, named


def import_c4(body: str, start: int, diagram: str, graph: ImportedGraph) -> None:
    """Read the C4 diagram ``body`` from offset ``start`` into ``graph``."""
    stack: list[str] = []
    first_line = body.count("\n", 0, start) + 1
    for number, line in enumerate(body[start:].split("\n"), start=first_line):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped == "}":
            if stack:
                stack.pop()
            continue
        if stripped.lower().startswith("title"):
            graph.name = stripped[5:].strip() or graph.name
            continue
        call = _CALL.match(line)
        if call is None:
            graph.warn(number, f"could not read '{stripped[:60]}'; skipped")
            continue
        name = call.group(1).lower()
        positional, named = _arguments(call.group(2))
        parent = stack[-1] if stack else None
        if name in ELEMENT_MACROS and positional:
            node = graph.node(positional[0], number, parent)
            node.kind = ELEMENT_MACROS[name]
            label = clean_label(positional[1]) if len(positional) > 1 else ""
            node.label = label if label and label != node.key else None
            rest = positional[2:]
            if name.startswith(TECHNOLOGY_FIRST):
                node.technology = named.get("techn") or (rest[0] if rest else None) or None
                rest = rest[1:]
            node.description = named.get("descr") or (rest[0] if rest else None) or None
            if name.endswith("_ext") and node.kind != "external":
                node.tags.append("external")
        elif name in BOUNDARIES and positional:
            node = graph.node(positional[0], number, parent)
            node.kind = "system"
            label = clean_label(positional[1]) if len(positional) > 1 else ""
            node.label = label if label and label != node.key else None
            if call.group(3):
                stack.append(node.key)
        elif name in RELATIONS and len(positional) >= 2:
            source, target = positional[0], positional[1]
            if name == "rel_back":
                source, target = target, source
            for key in (source, target):
                graph.node(key, number, None)
            if name == "birel":
                graph.note_once("birel", number, "BiRel becomes one relation from the first "
                                "element to the second")
            graph.add_edge(Edge(source, target,
                                label=clean_label(positional[2]) if len(positional) > 2
                                else None,
                                technology=named.get("techn") or (positional[3] if len(
                                    positional) > 3 else None) or None, line=number))
        elif name.startswith("update") or name in ("addelementtag", "addreltag"):
            graph.note_once(name, number, f"{call.group(1)} is styling; not imported")
        else:
            graph.warn(number, f"'{call.group(1)}' is not a C4 element or relation; skipped")
        if call.group(3) and name not in BOUNDARIES:
            stack.append(stack[-1] if stack else "")
    if diagram not in ("C4Context", "C4Container", "C4Component"):
        graph.note_once("c4kind", first_line, f"{diagram} is read like C4Container; "
                        "deployment and sequence details are not imported")
