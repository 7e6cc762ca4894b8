"""What every importer builds: a small graph of nodes, systems and edges, with warnings.

Importers read another tool's file into an :class:`ImportedGraph`; :func:`to_arch` (in
:mod:`archstudio.interop.writer`) prints it as `.arch` text. Keeping one intermediate
form means ids, nesting, ordering and formatting are decided in one place for all formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ImportWarning:
    """Something in the source that the import could not carry over as written."""

    line: int
    message: str

    def format(self, path: str) -> str:
        return f"{path}:{self.line}: warning: {self.message}"


class ImportFailed(ValueError):
    """The file cannot be imported at all (wrong diagram type, unsupported format)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(slots=True)
class Node:
    """An element to be: ``key`` is the source's own id, unique within the import."""

    key: str
    kind: str = "container"
    label: str | None = None
    parent: str | None = None  # key of the enclosing system
    technology: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    properties: list[tuple[str, str]] = field(default_factory=list)
    line: int = 0
    name: str | None = None  # the id to derive from, when ``key`` is not the source's id

    @property
    def source_id(self) -> str:
        return self.name if self.name is not None else self.key


@dataclass(slots=True)
class Edge:
    source: str
    target: str
    label: str | None = None
    technology: str | None = None
    kind: str | None = None  # a relation kind of the language (sync, async, ...)
    line: int = 0


@dataclass(slots=True)
class ImportedGraph:
    name: str | None = None
    description: str | None = None
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    _noted: set[str] = field(default_factory=set)

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ImportWarning(line, message))

    def note_once(self, topic: str, line: int, message: str) -> None:
        """Warn about a kind of construct once (the first place it occurs)."""
        if topic not in self._noted:
            self._noted.add(topic)
            self.warn(line, message)

    def node(self, key: str, line: int, parent: str | None = None) -> Node:
        """The node ``key``, created in ``parent`` at its first mention."""
        found = self.nodes.get(key)
        if found is None:
            found = self.nodes[key] = Node(key, parent=parent, line=line)
        return found

    def add_edge(self, edge: Edge) -> None:
        self.edges.append(edge)

    def children(self) -> dict[str | None, list[Node]]:
        """Nodes by parent key, in the order they were first mentioned."""
        out: dict[str | None, list[Node]] = {}
        for node in self.nodes.values():
            parent = node.parent if node.parent in self.nodes else None
            out.setdefault(parent, []).append(node)
        return out
