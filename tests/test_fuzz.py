"""Property and fuzz tests: the formatter on random valid texts, the parser and the CLI
on random damage, and pathological inputs (deep nesting, huge files, bad bytes).

The strategy :func:`arch_texts` writes random, syntactically valid `.arch` texts: every
element kind and synonym, nested systems, labels with quotes, backslashes, control
characters and unicode, properties, typed relations with labels, technology and bodies,
comments in every position, odd indentation, blank lines, ``;`` and a layout section.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archstudio.cli import main
from archstudio.dsl import decode, parse, read_source
from archstudio.dsl.formatter import FormatError, format_text, quote, syntax_errors
from archstudio.dsl.source import MAX_BYTES
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


FUZZ = settings(max_examples=100, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def normalized(comment: str) -> str:
    """A comment's text as the formatter keeps it: line ends without trailing blanks."""
    return "\n".join(line.rstrip() for line in comment.split("\n"))


def comment_texts(text: str) -> list[str]:
    return sorted(normalized(c.text) for c in parse(text).comments)


def assert_formats_faithfully(text: str) -> str:
    formatted = format_text(text)
    assert format_text(formatted) == formatted, "formatting is not idempotent"
    assert parse(formatted).same_as(parse(text)), "formatting changed the model"
    assert comment_texts(formatted) == comment_texts(text), "a comment was lost or changed"
    assert not syntax_errors(parse(formatted).diagnostics)
    return formatted


@FUZZ
@given(arch_texts())
def test_random_valid_texts_format_faithfully(case):
    text, written_comments = case
    assert not syntax_errors(parse(text).diagnostics), "the strategy wrote a broken text"
    formatted = assert_formats_faithfully(text)
    assert comment_texts(formatted) == sorted(normalized(c) for c in written_comments)
    for line in formatted.split("\n"):
        assert line == line.rstrip()
    assert "\n\n\n" not in formatted


EDIT_CHARS = st.sampled_from(["{", "}", '"', "'", "/*", "*/", "//", "\x00", "é", "\u2028",
                              "->", "-[", "]->", ";", "\n", ":", ",", "\\", "layout {",
                              "architecture ", "system S {", "\ufeff", "\r\n", "𝔸"])


@st.composite
def damaged_texts(draw) -> str:
    text, _ = draw(arch_texts())
    for _ in range(draw(st.integers(1, 6))):
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "lines"]))
        at = draw(st.integers(0, len(text)))
        if operation == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 8)):]
        elif operation == "duplicate":
            end = min(len(text), at + draw(st.integers(1, 20)))
            text = text[:end] + text[at:end] + text[end:]
        elif operation == "swap" and at + 1 < len(text):
            text = text[:at] + text[at + 1] + text[at] + text[at + 2:]
        elif operation == "insert":
            text = text[:at] + draw(EDIT_CHARS) + text[at:]
        elif operation == "lines":
            lines = text.split("\n")
            i, j = (draw(st.integers(0, len(lines) - 1)) for _ in range(2))
            lines[i], lines[j] = lines[j], lines[i]
            action = draw(st.sampled_from(["keep", "delete", "duplicate"]))
            if action == "delete":
                del lines[i]
            elif action == "duplicate":
                lines.insert(i, lines[j])
            text = "\n".join(lines)
    return text


@st.composite
def respaced_texts(draw) -> str:
    """Valid texts with blanks, separators and comments pushed in at random places; most
    stay valid, so the formatter meets layouts no strategy writes on purpose."""
    text, _ = draw(arch_texts())
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        chunk = draw(st.sampled_from([" ", "\t", "\n", "\n\n\n", ";", " ;\n", " /*x*/ ",
                                      "/*\n*/", "// y\n", "\r\n", "\n{", "\n}"]))
        text = text[:at] + chunk + text[at:]
    return text


def assert_spans_agree(text: str) -> None:
    model = parse(text)
    for diagnostic in model.diagnostics:
        span = diagnostic.span
        assert 0 <= span.start <= span.end <= len(text), diagnostic
        line = text.count("\n", 0, span.start) + 1
        column = span.start - (text.rfind("\n", 0, span.start) + 1) + 1
        assert (span.line, span.column) == (line, column), diagnostic
        assert diagnostic.message and diagnostic.code[0] in "EWA"
        if diagnostic.code.startswith("E1"):  # the parser's own words: safe in a terminal
            assert diagnostic.message.isprintable(), diagnostic


@FUZZ
@given(damaged_texts())
def test_damaged_texts_never_crash_the_parser_or_the_formatter(text):
    assert_spans_agree(text)
    try:
        assert_formats_faithfully(text)
    except FormatError as exc:
        assert exc.diagnostics and all(d.code.startswith("E1") for d in exc.diagnostics)


@FUZZ
@given(respaced_texts())
def test_respaced_texts_format_faithfully_or_are_refused(text):
    try:
        formatted = assert_formats_faithfully(text)
    except FormatError as exc:
        assert exc.diagnostics and all(d.code.startswith("E1") for d in exc.diagnostics)
        return
    outside_comments = formatted
    for comment in reversed(parse(formatted).comments):
        outside_comments = (outside_comments[: comment.span.start] + "/**/"
                            + outside_comments[comment.span.end :])
    assert "\r" not in outside_comments and "\n\n\n" not in outside_comments


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(damaged_texts())
def test_validate_on_damaged_files_exits_0_or_1(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.arch"
        path.write_bytes(text.encode("utf-8"))
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            status = main(["validate", str(path)])
    source = decode(text.encode("utf-8"))
    if source.text is None:  # NUL bytes: refused as binary, like any unreadable file
        assert status == 2 and [d.code for d in source.diagnostics] == ["E115"]
        return
    assert status in (0, 1)
    has_errors = any(d.is_error for d in parse(source.text).diagnostics)
    assert status == (1 if has_errors else 0), out.getvalue()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes(text):
    assert_spans_agree(text)
    try:
        assert_formats_faithfully(text)
    except FormatError:
        pass


# -- pathological inputs -----------------------------------------------------------------
def codes(text: str) -> set[str]:
    return {d.code for d in parse(text).diagnostics}


def test_ten_thousand_nested_braces_give_a_nesting_error():
    text = "architecture {\n" + "system S {\n" * 10_000 + "}\n" * 10_001
    assert "E113" in codes(text)
    assert_spans_agree(text)
    with pytest.raises(FormatError) as caught:
        format_text(text)
    assert any(d.code == "E113" for d in caught.value.diagnostics)
    bare = "{" * 10_000 + "}" * 10_000
    assert {"E103", "E113"} <= codes(bare)


def test_unclosed_nesting_reports_where_the_block_opened():
    text = 'architecture "x" {\n' + "system S {\n" * 5
    errors = [d for d in parse(text).diagnostics if d.code == "E103"]
    assert errors and {d.span.line for d in errors} <= set(range(1, 7))


def test_a_one_megabyte_line_is_read_with_a_clear_result():
    label = "x" * (1 << 20)
    text = f'architecture "big" {{ container A "{label}" ; container B }}'
    model = parse(text)
    assert model.elements["A"].label == label
    assert "B" in model.elements
    assert_spans_agree(text)
    garbage = "@" * (1 << 20)
    problems = parse(garbage).diagnostics
    assert problems and problems[0].code == "E100" and problems[0].span.column == 1
    assert "unexpected character '@'" in problems[0].message
    assert format_text(text).count("\n") == 4


def test_a_twenty_megabyte_file_is_refused_with_e112(tmp_path):
    path = tmp_path / "huge.arch"
    path.write_bytes(b"// filler\n" * (2 * 1024 * 1024))
    assert path.stat().st_size > MAX_BYTES
    source = read_source(path)
    assert source.text is None
    assert [d.code for d in source.diagnostics] == ["E112"]
    assert "too large" in source.diagnostics[0].message
    assert main(["validate", str(path)]) == 2
    assert main(["fmt", str(path)]) == 2
    assert path.stat().st_size == 20 * 1024 * 1024  # untouched


def test_non_utf8_bytes_give_e111_with_a_position(tmp_path):
    path = tmp_path / "latin1.arch"
    path.write_bytes('architecture "x" {\n  person Ren\xe9\n}\n'.encode("latin-1"))
    source = read_source(path)
    assert source.text is None
    (diagnostic,) = source.diagnostics
    assert diagnostic.code == "E111"
    assert (diagnostic.span.line, diagnostic.span.column) == (2, 13)
    assert "0xe9" in diagnostic.message and "line 2, column 13" in diagnostic.message


def test_nul_bytes_give_e115(tmp_path):
    assert [d.code for d in decode(b"architecture\x00\x01\x02").diagnostics] == ["E115"]
    path = tmp_path / "binary.arch"
    path.write_bytes(b'architecture "x" {\n' + b"\x00" * 64 + b"\n}\n")
    assert [d.code for d in read_source(path).diagnostics] == ["E115"]
    assert main(["validate", str(path)]) == 2
    deep = b"// a comment\n" * 2000 + b"person A\x00\n"  # past any sniffing window
    assert [d.code for d in decode(deep).diagnostics] == ["E115"]


def test_control_characters_in_a_statement_are_named_not_printed():
    (problem,) = parse("architecture {\n  person \x1b[31m\n}").diagnostics
    assert problem.code == "E100" and "U+001B" in problem.message
    assert (problem.span.line, problem.span.column) == (2, 10)


def test_a_layout_entry_with_a_block_is_reported_not_silently_ignored():
    text = "architecture { person A }\nlayout {\n  A: 1, 2 { B: 3, 4 }\n}"
    problems = [d for d in parse(text).diagnostics if d.code == "E206"]
    assert [(d.span.line, d.span.column) for d in problems] == [(3, 11)]
    assert "no { } block" in problems[0].message
    assert format_text(text).endswith("layout {\n  A: 1, 2 {\n    B: 3, 4\n  }\n}\n")


def test_empty_file_gives_w114(tmp_path):
    path = tmp_path / "empty.arch"
    path.write_bytes(b"")
    source = read_source(path)
    assert source.text == "" and [d.code for d in source.diagnostics] == ["W114"]
    assert format_text("") == "" and format_text(" \n\n\t\n") == ""
    assert main(["validate", str(path)]) == 0
    assert main(["fmt", "--check", str(path)]) == 0
