"""Import a Mermaid flowchart (``graph``/``flowchart``); subgraphs become systems.

A hand-written scanner over the whole diagram text (quoted and markdown labels may span
lines): a statement is a chain of node groups joined by links, or one of the keyword
statements. Shapes choose kinds (:data:`SHAPE_KINDS`); a ``class`` named after a kind
(what ArchStudio's export writes) wins. ``C4Context``/``C4Container`` diagrams go to
:mod:`archstudio.interop.mermaid_c4`.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from archstudio.interop.graph import Edge, ImportedGraph, ImportFailed
from archstudio.interop.kind_hints import kind_from_label
from archstudio.interop.mermaid_text import (
    clean_label,
    extract,
    split_edge_technology,
    split_technology,
)
from archstudio.model.kinds import ELEMENT_KINDS, RELATION_KINDS

# (opening, closings, kind); longest openings first.
SHAPES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("(((", (")))",), "person"), ("((", ("))",), "person"), ("([", ("])",), "capability"),
    ("[(", (")]",), "datastore"), ("[[", ("]]",), "external"), ("[/", ("/]", "\\]"), "operation"),
    ("[\\", ("\\]", "/]"), "schema"), ("{{", ("}}",), "gateway"), ("[", ("]",), "container"),
    ("(", (")",), "container"), ("{", ("}",), "policy"), (">", ("]",), "broker"),
)
SHAPE_NAMES = {
    "cyl": "datastore", "cylinder": "datastore", "db": "datastore", "database": "datastore",
    "das": "datastore", "h-cyl": "datastore", "lin-cyl": "datastore", "disk": "datastore",
    "circle": "person", "circ": "person", "dbl-circ": "person", "hex": "gateway",
    "hexagon": "gateway", "prepare": "gateway", "diam": "policy", "diamond": "policy",
    "decision": "policy", "subproc": "external", "subroutine": "external",
    "fr-rect": "external", "lean-r": "operation", "in-out": "operation", "lean-l": "schema",
    "out-in": "schema", "flag": "broker", "asym": "broker", "stadium": "capability",
    "pill": "capability", "terminal": "capability",
}
KEYWORDS = {"subgraph", "end", "direction", "classdef", "class", "style", "linkstyle", "click",
            "acctitle", "accdescr", "title"}
_ID = re.compile(r"[^\s\[\](){}<>|&;:\"=~@,-]+(?:-(?![-.>=])[^\s\[\](){}<>|&;:\"=~@,-]+)*")
_SPACES = re.compile(r"[ \t]*")
_LINK = re.compile(r"([<ox])?(-{2,}[->ox]|={2,}[=>ox]|-\.+-[>ox]?|~{3,})(?=[^>]|$)")
_TEXT_LINK = re.compile(r"([<ox])?(--|==|-\.)(?=[ \t\"`])")
_TEXT_CLOSE = {"--": re.compile(r"-{2,}[->ox]"), "==": re.compile(r"={2,}[=>ox]"),
               "-.": re.compile(r"\.-+[>ox]?")}
_EDGE_ID = re.compile(r"[A-Za-z_][\w-]*@(?=[-=~<ox.])")


class MermaidImporter:
    def __init__(self, text: str, graph: ImportedGraph) -> None:
        self.text = text
        self.graph = graph
        self.pos = 0
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.stack: list[str] = []
        self.shaped: set[str] = set()
        self.edge_ids: set[str] = set()

    def line(self, pos: int | None = None) -> int:
        return bisect_right(self.line_starts, self.pos if pos is None else pos)

    def skip_spaces(self) -> None:
        self.pos = _SPACES.match(self.text, self.pos).end()

    def at_statement_end(self) -> bool:
        self.skip_spaces()
        return self.pos >= len(self.text) or self.text[self.pos] in "\n;"

    def rest_of_line(self) -> str:
        end = self.text.find("\n", self.pos)
        end = len(self.text) if end < 0 else end
        rest, self.pos = self.text[self.pos:end], end
        return rest

    # -- statements ------------------------------------------------------------------
    def run(self) -> None:
        text = self.text
        while True:
            while self.pos < len(text) and text[self.pos] in " \t\n;":
                self.pos += 1
            if self.pos >= len(text):
                break
            start = self.pos
            try:
                self.statement()
            except _Unreadable as problem:
                self.pos = start
                rest = self.rest_of_line().strip()
                self.graph.warn(self.line(start), f"could not read '{rest[:60]}' "
                                f"({problem}); skipped")
            else:
                if not self.at_statement_end():
                    at = self.pos
                    rest = self.rest_of_line().strip()
                    self.graph.warn(self.line(at), f"could not read '{rest[:60]}'; skipped")
        for key in self.stack:
            self.graph.warn(self.graph.nodes[key].line, f"subgraph '{key}' has no 'end'")

    def statement(self) -> None:
        word = re.match(r"[A-Za-z]+", self.text[self.pos:self.pos + 12])
        keyword = word.group().lower() if word else ""
        after = self.text[self.pos + len(keyword):self.pos + len(keyword) + 1]
        if keyword in KEYWORDS and (after == "" or after in " \t\n;:"):
            self.pos += len(keyword)
            getattr(self, f"keyword_{keyword}")()
            return
        self.chain()

    def keyword_subgraph(self) -> None:
        line = self.line()
        self.skip_spaces()
        title = None
        if self.text.startswith('"', self.pos):
            end = self.text.find('"', self.pos + 1)
            key = title = self.text[self.pos:end + 1]
            self.pos = end + 1
        else:
            rest = self.rest_of_line()
            match = re.match(r"\s*([^\s\[]+)\s*(?:\[(.*)\])?\s*$", rest)
            if match and match.group(2) is not None:
                key, title = match.group(1), match.group(2)
            else:
                key = title = rest.strip()
        key = clean_label(key) if key.startswith('"') else key
        if not key:
            raise _Unreadable("a subgraph needs an id or a title")
        node = self.graph.node(key, line, self.stack[-1] if self.stack else None)
        node.kind = "system"
        label = clean_label(title) if title else None
        node.label = label if label and label != key else None
        self.stack.append(key)

    def keyword_end(self) -> None:
        if not self.stack:
            raise _Unreadable("'end' without a subgraph")
        self.stack.pop()

    def keyword_direction(self) -> None:
        self.rest_of_line()

    def keyword_class(self) -> None:
        line = self.line()
        match = re.match(r"\s*(\S+)\s+(\S+)", self.rest_of_line())
        if not match:
            raise _Unreadable("class needs node ids and a class name")
        for key in match.group(1).split(","):
            self.apply_class(key, match.group(2), line)

    def apply_class(self, key: str, name: str, line: int) -> None:
        node = self.graph.nodes.get(key)
        if node is not None and name in ELEMENT_KINDS and \
                ELEMENT_KINDS[name].is_group == ELEMENT_KINDS[node.kind].is_group:
            node.kind = name
            self.shaped.add(key)
        elif name not in ELEMENT_KINDS:
            self.graph.note_once("class", line, "class names are styling; not imported "
                                 "(a class named after a kind, such as 'datastore', sets it)")

    def _ignored(self, what: str) -> None:
        self.graph.note_once(what, self.line(), f"'{what}' statements are styling or "
                             "interaction; not imported")
        self.rest_of_line()

    def keyword_classdef(self) -> None:
        name = re.match(r"\s*([\w-]+)", self.text[self.pos:self.pos + 40])
        if name and name.group(1) in ELEMENT_KINDS:  # written by ArchStudio's export
            self.rest_of_line()
            return
        self._ignored("classDef")

    def keyword_style(self) -> None:
        self._ignored("style")

    def keyword_linkstyle(self) -> None:
        self._ignored("linkStyle")

    def keyword_click(self) -> None:
        self._ignored("click")

    def keyword_acctitle(self) -> None:
        self._ignored("accTitle")

    def keyword_accdescr(self) -> None:
        self._ignored("accDescr")

    def keyword_title(self) -> None:
        self.graph.name = self.rest_of_line().strip(" :") or self.graph.name

    # -- chains of nodes and links ---------------------------------------------------
    def chain(self) -> None:
        try:
            sources = self.node_group()
        except _EdgeProperties:
            return
        while True:
            self.skip_spaces()
            link = self.link()
            if link is None:
                return
            line, label, arrow = link
            targets = self.node_group()
            self.add_edges(sources, targets, label, arrow, line)
            sources = targets

    def node_group(self) -> list[str]:
        keys = [self.node()]
        while True:
            self.skip_spaces()
            if not self.text.startswith("&", self.pos):
                return keys
            self.pos += 1
            self.skip_spaces()
            keys.append(self.node())

    def node(self) -> str:
        line = self.line()
        match = _ID.match(self.text, self.pos)
        if match is None:
            raise _Unreadable("expected a node id")
        key = match.group()
        self.pos = match.end()
        if key in self.edge_ids and self.text.startswith("@{", self.pos):
            end = self.text.find("}", self.pos)
            self.pos = len(self.text) if end < 0 else end + 1
            self.graph.note_once("edge@", line, "edge properties (id@{ ... }) are drawing "
                                 "details; not imported")
            raise _EdgeProperties
        if _EDGE_ID.match(self.text, match.start()) and self.text.startswith("@", self.pos) \
                and not self.text.startswith("@{", self.pos):
            raise _Unreadable("an edge id must stand between two nodes")
        node = self.graph.node(key, line, self.stack[-1] if self.stack else None)
        if node.parent is None and self.stack and self.stack[-1] != key \
                and not ELEMENT_KINDS[node.kind].is_group:
            node.parent = self.stack[-1]
        if self.text.startswith("@{", self.pos):
            self.metadata(key)
        else:
            self.shape(key)
        if self.text.startswith(":::", self.pos):
            name = re.match(r":::([\w-]+)", self.text[self.pos:])
            if name:
                self.pos += len(name.group())
                self.apply_class(key, name.group(1), line)
        return key

    def shape(self, key: str) -> None:
        text = self.text
        for opening, closings, kind in SHAPES:
            if not text.startswith(opening, self.pos):
                continue
            start = self.pos + len(opening)
            if text.startswith('"', start):
                close_quote = text.find('"', start + 1)
                if close_quote < 0:
                    raise _Unreadable("a quoted label is never closed")
                end, closing = close_quote + 1, None
                for candidate in closings:
                    if text.startswith(candidate, _SPACES.match(text, end).end()):
                        closing = candidate
                        end = _SPACES.match(text, end).end()
                if closing is None:
                    raise _Unreadable(f"a '{opening}' shape is never closed")
            else:
                ends = [(text.find(c, start), c) for c in closings]
                ends = [(e, c) for e, c in ends if e >= 0]
                if not ends:
                    raise _Unreadable(f"a '{opening}' shape is never closed")
                end, closing = min(ends)
            self.set_label(key, text[start:end], kind)
            self.pos = end + len(closing)
            return

    def set_label(self, key: str, raw: str, kind: str | None) -> None:
        node = self.graph.nodes[key]
        name, technology = split_technology(raw)
        label = clean_label(name)
        node.label = label if label and label != key else None
        if technology:
            node.technology = technology
        if not ELEMENT_KINDS[node.kind].is_group and key not in self.shaped \
                and kind is not None:
            hinted = kind_from_label(label) if kind in ("container", "policy") else None
            node.kind = hinted or kind

    def metadata(self, key: str) -> None:
        end = self.text.find("}", self.pos)
        if end < 0:
            raise _Unreadable("'@{' is never closed")
        body = self.text[self.pos + 2:end]
        self.pos = end + 1
        fields = dict(re.findall(r"(\w+)\s*:\s*(\"[^\"]*\"|[^,\n]+)", body))
        shape = fields.get("shape", "").strip()
        kind = SHAPE_NAMES.get(shape.lower(), "container") if shape else None
        label = fields.get("label")
        if label is not None:
            self.set_label(key, label.strip(), kind)
        elif kind is not None and key not in self.shaped:
            self.graph.nodes[key].kind = kind
        for name in fields:
            if name not in ("shape", "label"):
                self.graph.note_once(f"@{name}", self.line(), f"node metadata '{name}' is "
                                     "a drawing detail; not imported")

    def link(self) -> tuple[int, str | None, str] | None:
        text, line = self.text, self.line()
        edge_id = _EDGE_ID.match(text, self.pos)
        if edge_id:
            self.pos = edge_id.end()
            self.edge_ids.add(edge_id.group()[:-1])
        label = None
        match = _LINK.match(text, self.pos)
        if match:
            arrow = (match.group(1) or "") + match.group(2)
            self.pos = match.end()
        else:
            opener = _TEXT_LINK.match(text, self.pos)
            if opener is None:
                if edge_id:
                    raise _Unreadable("expected a link after the edge id")
                return None
            close = _TEXT_CLOSE[opener.group(2)].search(text, opener.end())
            if close is None:
                raise _Unreadable("a link's text is never closed")
            label = text[opener.end():close.start()]
            arrow = (opener.group(1) or "") + opener.group(2) + close.group()
            self.pos = close.end()
        self.skip_spaces()
        if text.startswith("|", self.pos):
            end = text.find("|", self.pos + 1)
            if end < 0:
                raise _Unreadable("a '|' link text is never closed")
            label = text[self.pos + 1:end]
            self.pos = end + 1
        self.skip_spaces()
        return line, label, arrow

    def add_edges(self, sources: list[str], targets: list[str], raw: str | None, arrow: str,
                  line: int) -> None:
        if arrow.startswith("~"):
            self.graph.note_once("~~~", line, "invisible links (~~~) only affect the layout; "
                                 "not imported")
            return
        if arrow[0] in "<ox" and arrow[-1] in ">ox":
            self.graph.note_once("both", line, "two-headed links become one relation from "
                                 "the left node to the right one")
        elif arrow[-1] not in ">ox":
            self.graph.note_once("open", line, "links without an arrow head become relations "
                                 "from the left node to the right one")
        kind = "async" if "." in arrow else None
        stereotype = re.match(r"\s*\"?«([\w-]+)»\s*", raw or "")
        if stereotype and stereotype.group(1) in RELATION_KINDS:
            kind = stereotype.group(1)
            raw = ('"' if stereotype.group().lstrip().startswith('"') else "") + raw[
                stereotype.end():]
        label, technology = split_edge_technology(raw) if raw else ("", None)
        for source in sources:
            for target in targets:
                self.graph.add_edge(Edge(source, target, label=label or None,
                                         technology=technology, kind=kind, line=line))


class _Unreadable(ValueError):
    """A statement the scanner cannot read; it is skipped with a warning."""


class _EdgeProperties(Exception):
    """An ``edge-id@{ ... }`` statement: read and noted, nothing to add."""


_HEADER = re.compile(r"[ \t]*(graph|flowchart(?:-elk)?|\w[\w-]*)(?:[ \t]+(\w+))?[ \t]*(;|\n|$)")


def import_mermaid(data: bytes) -> ImportedGraph:
    from archstudio.interop.mermaid_c4 import import_c4

    text = data.decode("utf-8-sig", errors="strict")
    body, warnings, title = extract(text)
    graph = ImportedGraph(name=title, warnings=warnings)
    start = re.match(r"\s*", body).end()
    header = _HEADER.match(body, start)
    line = body.count("\n", 0, start) + 1
    kind = header.group(1) if header else body[start:start + 20].split()[0] if body.strip() \
        else ""
    if kind.startswith("C4"):
        import_c4(body, header.end(), kind, graph)
        return graph
    if not re.fullmatch(r"[A-Za-z][\w-]*", kind or "-"):
        raise ImportFailed("no Mermaid diagram found: a diagram starts with 'flowchart', "
                           "'graph' or 'C4Context'; in Markdown it must stand in a ```mermaid "
                           "block", line)
    if kind not in ("graph", "flowchart", "flowchart-elk"):
        what = f"a '{kind}' diagram" if kind else "empty"
        raise ImportFailed(f"this Mermaid text is {what}; only flowcharts (graph, flowchart) "
                           "and C4Context/C4Container diagrams can be imported", line)
    importer = MermaidImporter(body, graph)
    importer.pos = header.end()
    importer.run()
    return graph
