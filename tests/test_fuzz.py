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
from pathlib import Path

import pytest
from arch_strategies import arch_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archstudio.cli import main
from archstudio.dsl import decode, parse, read_source
from archstudio.dsl.formatter import FormatError, format_text, syntax_errors
from archstudio.dsl.source import MAX_BYTES

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
