"""The architecture model: a plain-Python picture of one `.arch` text.

Every part keeps the span it came from, so the edit engine can splice the text and the
app can jump from a shape to its statement. The model never holds coordinates; those
live in :class:`LayoutEntry` objects read from the trailing ``layout`` section.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from archstudio.model.diagnostics import Diagnostic, Severity
from archstudio.model.kinds import ELEMENT_KINDS
from archstudio.model.span import Span

if TYPE_CHECKING:
    import networkx as nx

# Properties with a meaning of their own; all others are free key/value pairs.
WELL_KNOWN_PROPERTIES = ("description", "technology", "tags")


@dataclass(slots=True)
class Property:
    key: str
    values: tuple[str, ...]
    span: Span
    key_span: Span
    value_spans: tuple[Span, ...]

    @property
    def value(self) -> str:
        return ", ".join(self.values)


@dataclass(slots=True)
class Comment:
    text: str
    span: Span

    @property
    def is_block(self) -> bool:
        return self.text.startswith("/*")


@dataclass(slots=True)
class Block:
    """The braces of an element, relation, architecture or layout body."""

    open_span: Span
    close_span: Span | None  # None when the closing brace is missing


class HasProperties:
    """Lookup of ``key: value`` properties, shared by elements and relations."""

    __slots__ = ()
    properties: list[Property]

    def prop(self, key: str) -> Property | None:
        for prop in self.properties:
            if prop.key == key:
                return prop
        return None

    def get(self, key: str, default: str | None = None) -> str | None:
        prop = self.prop(key)
        return prop.value if prop else default


@dataclass(slots=True)
class Element(HasProperties):
    id: str
    qname: str
    kind: str
    keyword: str  # the kind as written (``service`` for a container, say)
    label: str | None
    parent: str | None
    span: Span
    id_span: Span
    keyword_span: Span
    label_span: Span | None = None
    block: Block | None = None
    properties: list[Property] = field(default_factory=list)
    children: list[str] = field(default_factory=list)

    @property
    def layer(self) -> str:
        return ELEMENT_KINDS[self.kind].layer

    @property
    def is_group(self) -> bool:
        return ELEMENT_KINDS[self.kind].is_group

    @property
    def display_name(self) -> str:
        return self.label or self.id

    @property
    def description(self) -> str | None:
        return self.get("description")

    @property
    def technology(self) -> str | None:
        return self.get("technology")

    @property
    def tags(self) -> tuple[str, ...]:
        prop = self.prop("tags")
        return prop.values if prop else ()


@dataclass(slots=True)
class Relation(HasProperties):
    source_ref: str
    target_ref: str
    label: str | None
    kind: str | None
    span: Span
    source_span: Span
    target_span: Span
    arrow_span: Span
    label_span: Span | None = None
    technology_inline: str | None = None
    technology_span: Span | None = None
    block: Block | None = None
    properties: list[Property] = field(default_factory=list)
    scope: str | None = None  # the system whose body holds the statement
    source: str | None = None  # resolved qualified names, None when unresolved
    target: str | None = None
    index: int = 0

    @property
    def technology(self) -> str | None:
        return self.technology_inline or self.get("technology")

    @property
    def resolved(self) -> bool:
        return self.source is not None and self.target is not None

    @property
    def key(self) -> str:
        """A stable identity for canvas items: ends, kind and label, plus occurrence."""
        return f"{self.source or self.source_ref}->{self.target or self.target_ref}#{self.index}"


@dataclass(slots=True)
class LayoutEntry:
    qname: str
    x: float
    y: float
    width: float | None
    height: float | None
    span: Span
    qname_span: Span


@dataclass(slots=True)
class Model:
    name: str | None = None
    name_span: Span | None = None
    span: Span | None = None  # the architecture statement
    block: Block | None = None
    properties: list[Property] = field(default_factory=list)
    elements: dict[str, Element] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    layout: dict[str, LayoutEntry] = field(default_factory=dict)
    layout_span: Span | None = None
    layout_block: Block | None = None
    comments: list[Comment] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text_length: int = 0

    # -- questions -------------------------------------------------------------------
    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def top_level(self) -> list[Element]:
        return [e for e in self.elements.values() if e.parent is None]

    def children_of(self, qname: str | None) -> list[Element]:
        if qname is None:
            return self.top_level()
        return [self.elements[c] for c in self.elements[qname].children]

    def relations_of(self, qname: str) -> list[Relation]:
        return [r for r in self.relations if qname in (r.source, r.target)]

    def resolve(
        self, ref: str, scope: str | None = None, by_id: Mapping[str, list[str]] | None = None
    ) -> list[str]:
        """Candidates for a reference, the way the checker resolves one: an exact
        qualified name wins, then a name relative to the scope or any system around it,
        then every element whose name ends with ``ref``. ``by_id`` (qualified names by
        short id) saves a scan of all elements when resolving many references."""
        elements = self.elements
        if ref in elements:
            return [ref]
        while scope is not None:  # look outwards from the enclosing system
            if f"{scope}.{ref}" in elements:
                return [f"{scope}.{ref}"]
            scope = elements[scope].parent if scope in elements else None
        last = ref.rpartition(".")[2]
        if by_id is None:
            named = [q for q, e in elements.items() if e.id == last]
        else:
            named = by_id.get(last, [])
        return [q for q in named if q.endswith("." + ref)] if "." in ref else list(named)

    def element_at(self, offset: int) -> Element | None:
        """The innermost element whose statement holds a text offset."""
        best: Element | None = None
        for element in self.elements.values():
            if element.span.start <= offset <= element.span.end:
                if best is None or element.span.start >= best.span.start:
                    best = element
        return best

    def relation_at(self, offset: int) -> Relation | None:
        for relation in self.relations:
            if relation.span.start <= offset <= relation.span.end:
                return relation
        return None

    def graph(self) -> nx.MultiDiGraph:
        """A networkx view: nodes are qualified names, edges the resolved relations."""
        import networkx as nx

        graph = nx.MultiDiGraph()
        for qname, element in self.elements.items():
            graph.add_node(qname, kind=element.kind, layer=element.layer, label=element.label)
        for relation in self.relations:
            if relation.resolved:
                graph.add_edge(
                    relation.source,
                    relation.target,
                    key=relation.index,
                    kind=relation.kind,
                    label=relation.label,
                )
        return graph

    def same_as(self, other: Model) -> bool:
        """Structural equality that ignores spans and comments (for round-trip checks)."""
        return summary_of(self) == summary_of(other)


def summary_of(model: Model) -> tuple:
    """Everything a model says, minus where it was said."""
    elements = tuple(
        (
            e.qname,
            e.kind,
            e.label,
            e.parent,
            tuple((p.key, p.values) for p in e.properties),
        )
        for e in model.elements.values()
    )
    relations = tuple(
        (
            r.source_ref,
            r.target_ref,
            r.source,
            r.target,
            r.kind,
            r.label,
            r.technology,
            tuple((p.key, p.values) for p in r.properties),
        )
        for r in model.relations
    )
    layout = tuple(
        sorted((q, e.x, e.y, e.width, e.height) for q, e in model.layout.items())
    )
    props = tuple((p.key, p.values) for p in model.properties)
    return (model.name, props, elements, relations, layout)
