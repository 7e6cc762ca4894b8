"""Import a Graphviz DOT graph: nodes become elements, ``cluster*`` subgraphs systems.

A recursive-descent parser over :mod:`archstudio.interop.dot_lexer`'s tokens. Node and
edge defaults are scoped to their subgraph, as in Graphviz. Only the first graph of a
file is imported. Kinds come from the ``kind`` attribute (what ArchStudio's DOT export
writes), the shape, the ``type`` attribute, then words in the label
(:mod:`archstudio.interop.kind_hints`).
"""

from __future__ import annotations

import html
import re

from archstudio.interop.dot_lexer import EDGEOP, EOF, HTML, ID, PUNCT, STRING, Token, tokenize
from archstudio.interop.graph import Edge, ImportedGraph, ImportFailed, ImportWarning
from archstudio.interop.kind_hints import kind_from_label, kind_from_word
from archstudio.model.kinds import ELEMENT_KINDS, RELATION_KINDS

SHAPE_KINDS = {
    "cylinder": "datastore", "hexagon": "gateway", "cds": "broker", "box3d": "external",
    "egg": "person", "doubleoctagon": "goal", "octagon": "policy", "parallelogram": "operation",
    "note": "schema", "component": "container", "tab": "capability",
}
# Attributes that carry meaning; all others are drawing details, noted once and dropped.
NODE_ATTRIBUTES = {"label", "shape", "kind", "type", "technology", "description", "tooltip",
                   "tags"}
EDGE_ATTRIBUTES = {"label", "technology", "kind", "description", "tooltip", "lhead", "ltail"}
PROPERTY_PREFIX = "prop:"
_CHARSET = re.compile(rb"charset\s*=\s*\"?\s*(latin-?1|iso-?8859-?1|l1)", re.I)


def decode_dot(data: bytes) -> tuple[str, str | None]:
    """The text of a DOT file and a warning, if any: ``charset=latin1`` files are ISO-8859-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if _CHARSET.search(data):
        return data.decode("latin-1"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return data.decode("latin-1"), (f"the file is not UTF-8 (byte 0x{data[exc.start]:02x}) "
                                        "and sets no charset; read as Latin-1")


def _label_text(raw: str, is_html: bool, record: bool, name: str, graph_name: str) -> str:
    """The text a label shows: escapes resolved (``\\n``, ``\\l``, ``\\r`` break lines,
    ``\\N`` is the node's name), HTML tags and record fields reduced to words."""
    if is_html:
        text = re.sub(r"<br\s*/?>", "\n", raw, flags=re.I)
        text = re.sub(r"<[^>]*>", " ", text)
    else:
        text = raw
        if record:
            text = re.sub(r"(?<!\\)<[^>]*>", " ", text)
            text = re.sub(r"(?<!\\)[{}|]", " ", text)
        def escape(match: re.Match[str]) -> str:
            char = match.group(1)
            return name if char == "N" else graph_name if char == "G" else _ESCAPES.get(char,
                                                                                      char)
        text = re.sub(r"\\(.)", escape, text, flags=re.S)
    lines = (" ".join(line.split()) for line in html.unescape(text).split("\n"))
    return "\n".join(line for line in lines if line)


_ESCAPES = {"n": "\n", "l": "\n", "r": "\n", "E": "", "T": "", "H": "", "L": ""}


def _plain(value: str | None) -> str | None:
    """A plain attribute value: ``\\n`` is a line break, ``\\x`` is ``x``."""
    if value is None:
        return None
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), value,
                  flags=re.S)


class _Scope:
    def __init__(self, node: dict[str, tuple[str, bool]], edge: dict[str, tuple[str, bool]],
                 cluster: str | None) -> None:
        self.node = dict(node)
        self.edge = dict(edge)
        self.cluster = cluster


class DotImporter:
    def __init__(self, text: str, flattened: bool = False) -> None:
        self.tokens = tokenize(text, flattened)
        self.size = len(self.tokens)
        self.pos = 0
        self.graph = ImportedGraph()
        self.attrs: dict[str, dict[str, tuple[str, bool]]] = {}
        self.graph_name = ""
        self.directed = True
        self.clusters: dict[str, str] = {}  # subgraph name -> system key
        self.drawing: dict[str, int] = {}  # drawing attributes left out, first line

    # -- tokens ----------------------------------------------------------------------
    def peek(self, ahead: int = 0) -> Token:
        index = self.pos + ahead
        return self.tokens[index] if index < self.size else self.tokens[-1]

    def take(self) -> Token:
        token = self.tokens[self.pos]
        if token.type != EOF:
            self.pos += 1
        return token

    def accept(self, text: str) -> bool:
        token = self.tokens[self.pos]  # the EOF token ends the list, so pos is in range
        if token.text == text and token.type == PUNCT:
            self.pos += 1
            return True
        return False

    def expect(self, text: str) -> None:
        if not self.accept(text):
            token = self.peek()
            found = "the end of the file" if token.type == EOF else repr(token.text[:30])
            raise ImportFailed(f"expected '{text}' but found {found}", token.line)

    def is_keyword(self, word: str, ahead: int = 0) -> bool:
        token = self.peek(ahead)
        return token.type == ID and token.text.lower() == word

    def identifier(self) -> tuple[str, bool]:
        """An ID: bare word, numeral, quoted string (``+`` joins) or HTML string."""
        token = self.take()
        if token.type == HTML:
            return token.text, True
        if token.type == STRING:
            text = token.text
            while self.peek().type == PUNCT and self.peek().text == "+":
                self.take()
                text += self.take().text
            return text, False
        if token.type == ID:
            return token.text, False
        found = "the end of the file" if token.type == EOF else repr(token.text)
        raise ImportFailed(f"expected a name but found {found}", token.line)

    # -- grammar ---------------------------------------------------------------------
    def run(self) -> ImportedGraph:
        self.accept_keyword("strict")
        if not (self.is_keyword("graph") or self.is_keyword("digraph")):
            raise ImportFailed("this is not a DOT graph: it should start with 'graph' or "
                               "'digraph'", self.peek().line)
        self.directed = self.take().text.lower() == "digraph"
        if self.peek().type in (ID, STRING, HTML):
            self.graph_name = self.identifier()[0]
            self.graph.name = self.graph_name or None
        self.expect("{")
        self.statements(_Scope({}, {}, None))
        self.expect("}")
        self.accept(";")
        if self.peek().type != EOF:
            self.graph.warn(self.peek().line, "the file holds more graphs; only the first one "
                            "is imported")
        if not self.directed:
            self.graph.note_once("undirected", 1, "an undirected graph: each edge becomes a "
                                 "relation from its first node to its second")
        self._finish_nodes()
        if self.drawing:
            names = ", ".join(self.drawing)
            self.graph.warn(min(self.drawing.values()), "drawing attributes are not imported: "
                            + (names if len(names) < 200 else names[:200] + "..."))
        return self.graph

    def accept_keyword(self, word: str) -> bool:
        if self.is_keyword(word):
            self.pos += 1
            return True
        return False

    def statements(self, scope: _Scope) -> list[str]:
        """Statements up to the closing brace; returns the nodes they mention."""
        mentioned: list[str] = []
        while not (self.peek().type == PUNCT and self.peek().text == "}"):
            if self.peek().type == EOF:
                raise ImportFailed("a '{' is never closed", self.peek().line)
            if self.accept(";"):
                continue
            self.statement(scope, mentioned)
        return mentioned

    def statement(self, scope: _Scope, mentioned: list[str]) -> None:
        token = self.peek()
        word = token.text.lower() if token.type == ID else ""
        if word in ("graph", "node", "edge") and self.peek(1).text == "[":
            self.take()
            attributes = self.attribute_lists()
            if word == "node":
                scope.node.update(attributes)
            elif word == "edge":
                scope.edge.update(attributes)
            else:
                self.graph_attributes(attributes, scope, token.line)
            return
        if self.peek(1).type == PUNCT and self.peek(1).text == "=" and token.type != PUNCT:
            key = self.identifier()[0]
            self.take()
            value = self.identifier()
            self.graph_attributes({key: value}, scope, token.line)
            return
        operands = [self.operand(scope, mentioned)]
        operators: list[Token] = []
        while self.peek().type == EDGEOP:
            operators.append(self.take())
            operands.append(self.operand(scope, mentioned))
        attributes = self.attribute_lists() if self.peek().text == "[" else {}
        if not operators:
            if operands[0][1] is not None:  # a single node statement
                self.node_attributes(operands[0][1], attributes, token.line)
            return
        edge_attributes = {**scope.edge, **attributes}
        steps = zip(operands, operands[1:], operators, strict=False)
        for (sources, _), (targets, _), operator in steps:
            for source in sources:
                for target in targets:
                    self.edge(source, target, edge_attributes, operator.line)

    def operand(self, scope: _Scope, mentioned: list[str]) -> tuple[list[str], str | None]:
        """Nodes of an edge operand, and the node's key when it is a single node."""
        token = self.peek()
        if self.is_keyword("subgraph") or (token.type == PUNCT and token.text == "{"):
            return self.subgraph(scope, mentioned), None
        if token.type not in (ID, STRING, HTML):
            found = "the end of the file" if token.type == EOF else repr(token.text)
            raise ImportFailed(f"expected a node, an edge or an attribute but found {found}",
                               token.line)
        name = self.identifier()[0]
        while self.accept(":"):  # ports and compass points name a place on the node
            self.identifier()
        node = self.graph.nodes.get(name)
        if node is None:
            node = self.graph.node(name, token.line, scope.cluster)
            self.attrs[name] = dict(scope.node)
        elif node.parent is None and scope.cluster is not None and name != scope.cluster:
            node.parent = scope.cluster
        mentioned.append(name)
        return [name], name

    def subgraph(self, scope: _Scope, mentioned: list[str]) -> list[str]:
        line = self.peek().line
        name = None
        if self.accept_keyword("subgraph") and self.peek().type in (ID, STRING, HTML):
            name = self.identifier()[0]
        inner = _Scope(scope.node, scope.edge, scope.cluster)
        if name is not None and name.lower().startswith("cluster"):
            short = name[7:].lstrip("_")
            key = f"subgraph {name}"  # clusters and nodes have separate names in DOT
            if key not in self.graph.nodes:
                system = self.graph.node(key, line, scope.cluster)
                system.kind = "system"
                system.name = short if re.match(r"[A-Za-z_]", short) else name
                self.attrs[key] = {}
            self.clusters[name] = key
            inner.cluster = key
        self.expect("{")
        nodes = self.statements(inner)
        self.expect("}")
        mentioned.extend(nodes)
        return nodes

    def attribute_lists(self) -> dict[str, tuple[str, bool]]:
        attributes: dict[str, tuple[str, bool]] = {}
        while self.accept("["):
            while not self.accept("]"):
                key = self.identifier()[0]
                value: tuple[str, bool] = ("true", False)
                if self.accept("="):
                    value = self.identifier()
                attributes[key] = value
                if not self.accept(","):
                    self.accept(";")
        return attributes

    def graph_attributes(self, attributes: dict[str, tuple[str, bool]], scope: _Scope,
                         line: int) -> None:
        for key, (value, is_html) in attributes.items():
            if key == "label" and scope.cluster is not None:
                system = self.graph.nodes[scope.cluster]
                label = _label_text(value, is_html, False, system.source_id, self.graph_name)
                system.label = label if label and label != system.source_id else None
            elif key == "label" and scope.cluster is None:
                self.graph.name = _label_text(value, is_html, False, "", self.graph_name)
            elif key == "kind" and scope.cluster is not None:
                if value in ELEMENT_KINDS and ELEMENT_KINDS[value].is_group:
                    self.graph.nodes[scope.cluster].kind = value
            elif key in ("tooltip", "description") and scope.cluster is not None:
                self.graph.nodes[scope.cluster].description = _plain(value)
            elif key != "charset":
                self.drawing.setdefault(key, line)

    def node_attributes(self, key: str, attributes: dict[str, tuple[str, bool]],
                        line: int) -> None:
        self.attrs[key].update(attributes)

    def edge(self, source: str, target: str, attributes: dict[str, tuple[str, bool]],
             line: int) -> None:
        label = attributes.get("label")
        kind = attributes.get("kind", ("", False))[0] or None
        if kind is not None and kind not in RELATION_KINDS:
            self.graph.warn(line, f"edge kind '{kind}' is not a relation kind; ignored")
            kind = None
        source = self.clusters.get(attributes.get("ltail", ("", False))[0], source)
        target = self.clusters.get(attributes.get("lhead", ("", False))[0], target)
        for key in attributes:
            if key not in EDGE_ATTRIBUTES:
                self.drawing.setdefault(key, line)
        self.graph.add_edge(Edge(
            source, target,
            label=_label_text(label[0], label[1], False, "", self.graph_name) or None
            if label else None,
            technology=_plain(attributes.get("technology", (None, False))[0]),
            kind=kind, line=line))

    def _finish_nodes(self) -> None:
        for key, node in self.graph.nodes.items():
            attributes = self.attrs.get(key, {})
            for name, (value, _) in attributes.items():
                if name.startswith(PROPERTY_PREFIX) and len(name) > len(PROPERTY_PREFIX):
                    node.properties.append((name[len(PROPERTY_PREFIX):], _plain(value)))
                elif name not in NODE_ATTRIBUTES:
                    self.drawing.setdefault(name, node.line)
            if ELEMENT_KINDS[node.kind].is_group:
                continue
            shape = attributes.get("shape", ("", False))[0].lower()
            raw, is_html = attributes.get("label", ("\\N", False))
            label = _label_text(raw, is_html, shape in ("record", "mrecord"), key,
                                self.graph_name)
            node.label = label if label and label != key else None
            type_value = _plain(attributes.get("type", (None, False))[0])
            kind_value = attributes.get("kind", (None, False))[0]
            node.kind = (kind_value if kind_value in ELEMENT_KINDS
                         and not ELEMENT_KINDS[kind_value].is_group
                         else SHAPE_KINDS.get(shape) or kind_from_word(type_value)
                         or kind_from_label(label or key) or "container")
            if type_value and kind_from_word(type_value) is None:
                node.properties.append(("type", type_value))
            node.technology = _plain(attributes.get("technology", (None, False))[0])
            node.description = _plain((attributes.get("description")
                                       or attributes.get("tooltip") or (None, False))[0])
            tags = _plain(attributes.get("tags", (None, False))[0])
            node.tags = [t.strip() for t in tags.split(",") if t.strip()] if tags else []


def import_dot(data: bytes) -> ImportedGraph:
    text, problem = decode_dot(data)
    try:
        graph = DotImporter(text).run()
    except ImportFailed:
        if "//" not in text or text.count("\n") > 2:
            raise
        graph = DotImporter(text, flattened=True).run()  # seed 002: one line, // comments
        graph.warnings.insert(0, ImportWarning(1, (
            "the graph is on one line, so each '//' comment would hide the rest of it; "
            "read each comment as ending before the next statement")))
    if problem:
        graph.warnings.insert(0, ImportWarning(1, problem))
    return graph
