"""Every diagnostic code of the language fires at the right place with a readable message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from archstudio.dsl import decode, parse, read_source

A = 'architecture "A" {\n'

# code -> (text, line, column, words the message must contain)
CASES: dict[str, tuple[str, int, int, tuple[str, ...]]] = {
    "E100-unquoted-name": ("architecture Foo {\n}\n", 1, 1, ("in quotes",)),
    "E100-extra-word": (A + '  container api "API" extra\n}\n', 2, 23, ("optional quoted label",)),
    "E100-missing-value": (
        A + '  container api "API" {\n    technology\n  }\n}\n', 3, 15,
        ("expected a value after 'technology'",),
    ),
    "E100-double-arrow": (A + "  a -> -> b\n}\n", 2, 8, ("expected a target name after '->'",)),
    "E101": (A + "  container\n}\n", 2, 12, ("expected a name after 'container'",)),
    "E102-string": (A + '  container api "API\n}\n', 2, 17, ("string is not closed",)),
    "E102-comment": (A + "  /* never closed\n}\n", 2, 3, ("comment is not closed", "*/")),
    "E103-unclosed": ('container api "API" {\n', 1, 21, ("never closed", "}")),
    "E103-stray": ("{\n}\n", 1, 1, ("must follow a statement",)),
    "E104": (A + "}\n}\n", 3, 1, ("closes no block",)),
    "E105-second-architecture": (A + '}\narchitecture "B" {\n}\n', 3, 1, ("one architecture",)),
    "E105-unknown-word": ("colour red\n", 1, 1, ("'colour'", "neither an element kind")),
    "E105-position-outside-layout": (A + "  api: 1, 2\n}\n", 2, 3, ("layout section",)),
    "E106-element-in-relation": (
        A + '  a -> b {\n    container x "X"\n  }\n  container a "A"\n  container b "B"\n}\n',
        3, 5, ("relation's block holds only properties",),
    ),
    "E107-architecture": (A + '  container "Payments"\n}\n', 2, 3,
                          ('has no id', 'container Payments "Payments"')),
    "E107-system": (A + '  system s "S" {\n    service "Order Service"\n  }\n}\n', 3, 5,
                    ('service OrderService "Order Service"',)),
    "E107-top-level": ('datastore "Orders DB"\n', 1, 1, ('datastore OrdersDB "Orders DB"',)),
    "W306": (A + '  container web "Web" {\n    role website\n  }\n}\n', 3, 10,
             ("'website' is not a role", "frontend")),
    "E106-block-on-property": (
        A + '  container a "A" {\n    technology "x" {\n    }\n  }\n}\n', 3, 20,
        ("'technology' cannot have a { } block",),
    ),
    "E113": ("x {" * 40 + "}" * 40, 1, 99, ("nested more than 32 levels",)),
    "E201": (A + '  container api "API"\n  apl -> api\n}\n', 3, 3,
             ("unknown element 'apl'", "did you mean 'api'?")),
    "E202": (A + '  container api "API"\n  container api "Again"\n}\n', 3, 13,
             ("already declared on line 2",)),
    "E203": (
        A + "  system s1 {\n    container api \"API\"\n  }\n  system s2 {\n"
        '    container api "API"\n  }\n  container web "Web"\n  web -> api\n}\n',
        9, 10, ("ambiguous", "s1.api", "s2.api"),
    ),
    "E204": (A + '  goal g "G"\n  container api "API"\n  g -[exposes]-> api\n}\n', 4, 5,
             ("a goal (motivation) cannot 'exposes' a container",)),
    "E205": (A + '  container a "A"\n  container b "B"\n  a -[use]-> b\n}\n', 4, 5,
             ("unknown relation kind 'use'", "did you mean 'uses'?")),
    "E206-short-entry": (A + '  container a "A"\n}\nlayout {\n  a: 1\n}\n', 5, 7,
                         ("a layout entry reads 'id: x, y'",)),
    "E206-size-of-non-system": (A + '  container a "A"\n}\nlayout {\n  a: 1, 2, 30, 40\n}\n', 5, 3,
                                ("only systems have a size",)),
    "E206-zero-size": (A + '  system s "S"\n}\nlayout {\n  s: 1, 2, 0, 40\n}\n', 5, 3,
                       ("size must be positive",)),
    "E206-layout-head": (A + "}\nlayout x {\n}\n", 3, 1, ("layout { id: x, y }",)),
    "E207": (A + '  container a "A" {\n    container b "B"\n  }\n}\n', 3, 5,
             ("only a system can contain elements",)),
    "W208": (A + '  container api "API"\n}\nlayout {\n  apu: 10, 20\n}\n', 5, 3,
             ("'apu', which is not declared", "did you mean 'api'?")),
    "W209": (A + '  container api "API"\n}\nlayout {\n  api: 10, 20\n  api: 30, 40\n}\n', 6, 3,
             ("position already (line 5)", "this one wins")),
    "W301": (A + '  container api "API"\n  api -> api\n}\n', 3, 3, ("relation to itself",)),
    "W302": (A + "  container api\n}\n", 2, 13, ("neither a label nor relations",)),
    "W303": (A + '  container api "API" {\n    technology "Go"\n    technology "Rust"\n  }\n}\n',
             4, 5, ("'technology' is set twice", "first one counts")),
    "W304": (A + '  policy p "P" {\n    type encryption\n  }\n}\n', 3, 10,
             ("authentication, authorization, data-protection",)),
    "W305": (A + '  operation o "O" {\n    method FETCH\n  }\n}\n', 3, 12,
             ("'FETCH' is not an HTTP method",)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_code_fires_where_the_problem_is(case: str):
    text, line, column, words = CASES[case]
    code = case.split("-")[0]
    diagnostics = [d for d in parse(text).diagnostics if d.code == code]
    assert diagnostics, f"{code} did not fire"
    diagnostic = diagnostics[0]
    assert (diagnostic.span.line, diagnostic.span.column) == (line, column)
    for word in words:
        assert word in diagnostic.message
    assert diagnostic.is_error == code.startswith("E")


def test_one_problem_gives_one_diagnostic():
    """Each mistake is reported once, not echoed by follow-up errors."""
    for case in ("E100-extra-word", "E101", "E107-architecture", "E107-system", "E102-string",
                 "E103-stray", "E104", "E201", "E202", "E204", "E205", "E207", "W303"):
        assert len(parse(CASES[case][0]).diagnostics) == 1, case


def test_many_errors_at_once_in_text_order():
    text = A + '  container a "A" x\n  b -> c\n  a -[bogus]-> a\n}\n}\n'
    diagnostics = parse(text).diagnostics
    assert [d.code for d in diagnostics] == ["E100", "E201", "E201", "W301", "E205", "E104"]
    assert [d.span.line for d in diagnostics] == [2, 3, 3, 4, 4, 6]


def test_unclosed_string_is_not_reported_twice():
    diagnostics = parse(A + '  a -> b "calls\n}\n').diagnostics
    assert [d.code for d in diagnostics] == ["E102"]


def test_quick_fix_data_is_attached():
    (unknown,) = parse(CASES["E201"][0]).diagnostics
    assert unknown.data == {"ref": "apl", "suggestion": "api"}
    (kind,) = parse(CASES["E205"][0]).diagnostics
    assert kind.data["suggestion"] == "uses"


def test_file_level_codes(tmp_path: Path):
    assert [d.code for d in read_source(tmp_path / "missing.arch").diagnostics] == ["E110"]
    assert "No such file" in read_source(tmp_path / "missing.arch").diagnostics[0].message
    assert [d.code for d in read_source(tmp_path).diagnostics] == ["E110"]
    bad = decode('architecture "A" {\n  container \u00e9'.encode() + b"\xff\n")
    assert bad.text is None
    (e111,) = bad.diagnostics
    assert e111.code == "E111" and "line 2, column 14" in e111.message
    assert (e111.span.line, e111.span.column) == (2, 14)
    (e112,) = decode(b" " * (17 * 1024 * 1024)).diagnostics
    assert e112.code == "E112" and "too large" in e112.message
    (e115,) = decode(b"PK\x03\x04\x00\x00").diagnostics
    assert e115.code == "E115" and "binary" in e115.message
    empty = decode(b"  \n")
    assert empty.text == "  \n" and [d.code for d in empty.diagnostics] == ["W114"]


def test_bom_is_dropped():
    source = decode(b'\xef\xbb\xbfarchitecture "A" {\n}\n')
    assert source.text == 'architecture "A" {\n}\n' and source.diagnostics == []


def _codes_in(folder: Path) -> set[str]:
    found: set[str] = set()
    for path in folder.glob("*.py"):
        found.update(re.findall(r'"([EW][0-9]{3})"', path.read_text(encoding="utf-8")))
    return found


def test_every_language_code_is_tested_and_documented():
    codes = _codes_in(ROOT / "archstudio" / "dsl")
    tested = {case.split("-")[0] for case in CASES} | {"E110", "E111", "E112", "E115", "W114"}
    assert codes <= tested, f"untested: {sorted(codes - tested)}"
    docs = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### ([EW][0-9]{3})", docs, re.MULTILINE))
    assert codes <= documented, f"undocumented: {sorted(codes - documented)}"
