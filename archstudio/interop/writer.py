"""Print an :class:`ImportedGraph` as `.arch` text in the project's canonical layout.

Ids: the language allows ASCII letters, digits, ``_`` and inner hyphens, not starting
with a digit. Each source id is mapped once (see :func:`valid_id`) and made unique in the
whole file (``api``, ``api2``, ...), so every relation can name its ends by short id.
When the id changed and the source gave no label, the source id becomes the label.
"""

from __future__ import annotations

import re
import unicodedata

from archstudio.dsl.formatter import quote
from archstudio.interop.graph import ImportedGraph, Node
from archstudio.model.kinds import ELEMENT_KINDS, RELATION_KINDS

_INVALID = re.compile(r"[^A-Za-z0-9_-]+")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*")


def valid_id(key: str) -> str:
    """A language id for a source id: accents dropped, other characters become ``_``,
    a leading digit gets an ``n`` in front, hyphens only between parts."""
    if _NAME.fullmatch(key):
        return key
    ascii_text = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    out = _INVALID.sub("_", ascii_text)
    out = "-".join(part for part in out.split("-") if part)
    out = re.sub(r"_{2,}", "_", out).strip("_") or "node"
    if out[0].isdigit():
        out = "n" + out
    return out if _NAME.fullmatch(out) else "node"


class IdMap:
    """Source ids to unique language ids, in the order they were met."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.taken: set[str] = set()

    def __getitem__(self, key: str) -> str:
        return self.assign(key, key)

    def assign(self, key: str, name: str) -> str:
        """The id of ``key``, made from ``name`` at its first use."""
        found = self.ids.get(key)
        if found is None:
            base = valid_id(name)
            found, number = base, 2
            while found in self.taken:
                found, number = f"{base}{number}", number + 1
            self.ids[key] = found
            self.taken.add(found)
        return found


def _fit_relation_kind(graph: ImportedGraph, kind: str | None, source: Node, target: Node,
                       line: int) -> str | None:
    if kind is None:
        return None
    relation_kind = RELATION_KINDS.get(kind)
    pair = (ELEMENT_KINDS[source.kind].layer, ELEMENT_KINDS[target.kind].layer)
    if relation_kind is None or (relation_kind.allowed is not None
                                 and pair not in relation_kind.allowed):
        graph.warn(line, f"relation kind '{kind}' does not fit {source.source_id} -> "
                   f"{target.source_id}; written as an untyped relation")
        return None
    return kind


def to_arch(graph: ImportedGraph, default_name: str, origin: str | None = None) -> str:
    """The `.arch` text of ``graph``, laid out exactly as ``format_text`` would (two
    spaces per level, one statement per line), without the cost of re-parsing it."""
    ids = IdMap()
    children = graph.children()
    for key, node in graph.nodes.items():
        ids.assign(key, node.source_id)
        if key in children and not ELEMENT_KINDS[node.kind].is_group:
            graph.warn(node.line, f"'{node.source_id}' holds other elements, so it becomes a "
                       f"system (it was a {node.kind})")
            node.kind = "system"
    lines: list[str] = []
    if origin:
        lines.append(f"// {origin}")
    lines.append(f"architecture {quote(graph.name or default_name)} {{")
    if graph.description:
        lines.append(f"  description {quote(graph.description)}")

    def emit(node: Node, indent: str) -> None:
        new_id = ids[node.key]
        label = node.label if node.label is not None else (None if new_id == node.source_id
                                                           else node.source_id)
        head = f"{node.kind} {new_id}" + (f" {quote(label)}" if label else "")
        body = [f"{key} {quote(value)}" for key, value in (
            ("description", node.description), ("technology", node.technology)) if value]
        if node.tags:
            body.append("tags " + ", ".join(quote(tag) for tag in node.tags))
        body += [f"{key} {quote(value)}" for key, value in node.properties]
        kids = children.get(node.key, [])
        if not body and not kids:
            lines.append(indent + head)
            return
        lines.append(f"{indent}{head} {{")
        lines.extend(f"{indent}  {line}" for line in body)
        for child in kids:
            emit(child, indent + "  ")
        lines.append(indent + "}")

    for node in children.get(None, []):
        emit(node, "  ")
    for edge in graph.edges:
        source, target = graph.nodes[edge.source], graph.nodes[edge.target]
        kind = _fit_relation_kind(graph, edge.kind, source, target, edge.line)
        arrow = f"-[{kind}]->" if kind else "->"
        parts = [ids[edge.source], arrow, ids[edge.target]]
        if edge.label or edge.technology:
            parts.append(quote(edge.label or ""))
        if edge.technology:
            parts.append(quote(edge.technology))
        lines.append("  " + " ".join(parts))
    lines.append("}")
    return "\n".join(lines) + "\n"  # already canonical: tests compare with format_text
