"""Hypothesis strategies shared by the property tests.

:func:`arch_texts` writes random, syntactically valid `.arch` texts: every element kind
and synonym, nested systems, labels with quotes, backslashes, control characters and
unicode, properties, typed relations with labels, technology and bodies, comments in
every position, odd indentation, blank lines, ``;`` and a layout section. It returns the
text and the comments it wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

from archstudio.dsl.formatter import quote
from archstudio.model.kinds import ELEMENT_KINDS, KIND_KEYWORDS, RELATION_KINDS

KEYWORDS = sorted(KIND_KEYWORDS)
GROUP_KEYWORDS = sorted(k for k, v in KIND_KEYWORDS.items() if ELEMENT_KINDS[v].is_group)
PROPERTY_KEYS = ["description", "technology", "tags", "criticality", "method", "path", "owner"]
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=10)
LINE_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"),
                    max_size=12)
BLOCK_TEXT = TEXT.filter(lambda t: "*/" not in t and not t.endswith("*"))


def source_string(value: str, single: bool = False) -> str:
    """``value`` written as a string literal, in double or single quotes."""
    if not single:
        return quote(value)
    return "'" + quote(value)[1:-1].replace('\\"', '"').replace("'", "\\'") + "'"


@dataclass
class Node:
    keyword: str
    id: str
    qname: str
    label: str | None
    properties: list[tuple[str, list[str]]]
    children: list[Node] = field(default_factory=list)


class _Writer:
    """Turns drawn choices into text, with random layout and comments."""

    def __init__(self, draw) -> None:
        self.draw = draw
        self.parts: list[str] = []
        self.comments: list[str] = []

    def maybe(self, probability: float = 0.25) -> bool:
        return self.draw(st.floats(0, 1)) < probability

    def indent(self, depth: int) -> str:
        if self.maybe(0.2):
            return self.draw(st.sampled_from(["", " ", "\t", "     ", " \t "]))
        return "  " * depth

    def block_comment(self) -> str:
        text = "/*" + self.draw(BLOCK_TEXT) + "*/"
        self.comments.append(text)
        return text

    def line_comment(self) -> str:
        text = "//" + self.draw(LINE_TEXT)
        self.comments.append(text)
        return text

    def string(self, value: str) -> str:
        return source_string(value, single=self.maybe(0.2))

    def gap(self) -> str:
        """Space between two tokens of a head: blanks or a block comment."""
        if self.maybe(0.1):
            return " " + self.block_comment() + " "
        return self.draw(st.sampled_from([" ", " ", "  ", "\t"]))

    def end_line(self, depth: int) -> str:
        """What closes a statement: a newline, maybe with comments and blank lines."""
        out = ""
        if self.maybe(0.15):
            out += " " + self.block_comment()
        if self.maybe(0.15):
            out += " " + self.line_comment()
        out += "\n"
        if self.maybe(0.15):
            out += self.draw(st.sampled_from(["\n", "\n\n", "  \n", "\n\t\n\n"]))
        if self.maybe(0.1):
            comment = self.line_comment() if self.maybe(0.5) else self.block_comment()
            out += self.indent(depth) + comment + "\n"
        return out

    def statement(self, depth: int, head: list[str], body=None) -> None:
        """One statement: head tokens, then maybe a { } block filled by ``body``."""
        gap = self.gap
        text = self.indent(depth) + "".join(t if i == 0 else gap() + t for i, t in
                                            enumerate(head))
        self.parts.append(text)
        if body is None:
            if self.maybe(0.1):  # the next statement on the same line
                self.parts.append(";" + (self.block_comment() if self.maybe(0.3) else "") + " ")
                return
            if self.maybe(0.1):
                self.parts.append(self.draw(st.sampled_from(["; ", ";", " ;\n"])))
            self.parts.append(self.end_line(depth))
            return
        if self.maybe(0.15):
            self.parts.append("\n" + self.indent(depth) + "{")  # brace on its own line
        elif self.maybe(0.1):
            self.parts.append(" " + self.line_comment() + "\n" + self.indent(depth) + "{")
        else:
            self.parts.append(" {")
        if self.maybe(0.15):
            self.parts.append(" " + self.block_comment())
        self.parts.append(" " if self.maybe(0.1) else "\n")
        body()
        if self.maybe(0.15):
            self.parts.append(self.indent(depth + 1) + self.line_comment() + "\n")
        self.parts.append(self.indent(depth) + "}")
        if self.maybe(0.1):
            self.parts.append(self.draw(st.sampled_from([" ", "; ", ";"])))
            if self.maybe(0.3):
                self.parts.append(self.block_comment() + " ")
        else:
            self.parts.append(self.end_line(depth))


@st.composite
def nodes(draw, prefix: str = "", depth: int = 0, counter=None) -> list[Node]:
    counter = counter if counter is not None else [0]
    out = []
    for _ in range(draw(st.integers(0, 4 if depth == 0 else 3))):
        counter[0] += 1
        keyword = draw(st.sampled_from(KEYWORDS))
        name = draw(st.sampled_from(["Svc", "db", "Node-", "x_", "Api"])) + str(counter[0])
        qname = f"{prefix}.{name}" if prefix else name
        label = draw(st.none() | TEXT)
        props = draw(st.lists(st.tuples(st.sampled_from(PROPERTY_KEYS),
                                        st.lists(TEXT, min_size=1, max_size=3)), max_size=2))
        node = Node(keyword, name, qname, label, props)
        if keyword in GROUP_KEYWORDS and depth < 3:
            node.children = draw(nodes(qname, depth + 1, counter))
        out.append(node)
    return out


def _all(tree: list[Node]) -> list[Node]:
    return [n for node in tree for n in [node, *_all(node.children)]]


@st.composite
def arch_texts(draw) -> tuple[str, list[str]]:
    """(a valid `.arch` text, the text of every comment written into it)."""
    tree = draw(nodes())
    everything = _all(tree)
    writer = _Writer(draw)
    number = st.integers(-500, 2000).map(str) | st.sampled_from(["10.0", "-3.50", "007", "0.25"])

    def value(text: str) -> str:
        if text.isidentifier() and text.isascii() and writer.maybe(0.5):
            return text
        return writer.string(text)

    def properties(props, depth):
        for key, values in props:
            separator = writer.draw(st.sampled_from([", ", " ", ","]))
            writer.statement(depth, [key, separator.join(value(v) for v in values)])

    def relation(depth):
        source = writer.draw(st.sampled_from(everything)).qname
        target = writer.draw(st.sampled_from(everything)).qname
        kind = writer.draw(st.none() | st.sampled_from(sorted(RELATION_KINDS)))
        head = [source, "->" if kind is None else f"-[{kind}]->", target]
        for _ in range(writer.draw(st.integers(0, 2))):
            head.append(writer.string(writer.draw(TEXT)))
        props = writer.draw(st.lists(st.tuples(st.sampled_from(PROPERTY_KEYS),
                                               st.lists(TEXT, min_size=1, max_size=2)),
                                     max_size=2))
        writer.statement(depth, head, (lambda: properties(props, depth + 1)) if props else None)

    def element(node: Node, depth: int):
        head = [node.keyword, node.id] + ([writer.string(node.label)] if node.label else [])

        def body():
            properties(node.properties, depth + 1)
            for child in node.children:
                element(child, depth + 1)
            if everything and writer.maybe(0.2):
                relation(depth + 1)

        has_body = node.properties or node.children or writer.maybe(0.1)
        writer.statement(depth, head, body if has_body else None)

    def layout():
        def entries():
            for node in writer.draw(st.lists(st.sampled_from(everything), max_size=4)) \
                    if everything else []:
                numbers = [writer.draw(number) for _ in range(2)]
                if node.keyword in GROUP_KEYWORDS and writer.maybe(0.5):
                    numbers += [str(writer.draw(st.integers(1, 900))) for _ in range(2)]
                writer.statement(1, [node.qname + ":", ", ".join(numbers)])
        writer.statement(0, ["layout"], entries)

    def architecture():
        if writer.maybe(0.3):
            properties([(writer.draw(st.sampled_from(PROPERTY_KEYS)), [writer.draw(TEXT)])], 1)
        for node in tree:
            element(node, 1)
        for _ in range(writer.draw(st.integers(0, 4)) if everything else 0):
            relation(1)
        if inner_layout:
            layout()

    where = draw(st.sampled_from(["before", "after", "inside", "none"]))
    inner_layout = where == "inside"
    if draw(st.booleans()):
        writer.parts.append(writer.line_comment() + "\n")
    if where == "before":
        layout()
    name = writer.string(draw(TEXT))
    writer.statement(0, ["architecture", name], architecture)
    if where == "after":
        layout()
    if draw(st.booleans()):
        writer.parts.append(writer.block_comment())
    return "".join(writer.parts), writer.comments
