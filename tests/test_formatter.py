"""The formatter (`format_text`) and `archstudio fmt`, on hand-written files."""

from __future__ import annotations

import textwrap

import pytest
import yaml
from conftest import EXAMPLES

from archstudio.cli import main
from archstudio.dsl import parse
from archstudio.dsl.formatter import FormatError, format_text, number, quote
from archstudio.dsl.head_types import unquote


def fmt(text: str) -> str:
    return format_text(textwrap.dedent(text).lstrip("\n"))


def faithful(text: str) -> str:
    formatted = format_text(text)
    assert format_text(formatted) == formatted
    assert parse(formatted).same_as(parse(text))
    before = sorted(c.text.rstrip() for c in parse(text).comments)
    assert sorted(c.text for c in parse(formatted).comments) == before
    return formatted


MESSY = """\


// leading comment
layout {
  // about B
  B: 10.0, 20.50
  A: 1, 2, 300.0, 40 // size
}
architecture   'Shop' {   // the shop
  person   Customer "Online \\"Customer\\""; actor Bob
  /* block
     comment */
  system ECommerce
  {
    service Api /* inline */ 'API' {
      technology "Python"
      tags "a" "b",'c'
    }



    db   UserDB "Users" { }
    container Empty { /* keep */ }
    // before close
  } // after close
  Customer -[ sync ]-> ECommerce . Api "calls" 'HTTPS' { description "x" }
  Api->UserDB
  criticality high
}
// end
"""

MESSY_FORMATTED = """\
architecture "Shop" { // the shop
  person Customer "Online \\"Customer\\""
  actor Bob
  /* block
     comment */
  system ECommerce {
    service Api "API" { /* inline */
      technology "Python"
      tags "a", "b", "c"
    }

    db UserDB "Users"
    container Empty { /* keep */
    }
    // before close
  } // after close
  Customer -[sync]-> ECommerce.Api "calls" "HTTPS" {
    description "x"
  }
  Api -> UserDB
  criticality high
}
// end

// leading comment
layout {
  A: 1, 2, 300, 40 // size
  // about B
  B: 10, 20.5
}
"""


def test_a_messy_file_gets_its_exact_canonical_form():
    assert faithful(MESSY) == MESSY_FORMATTED
    assert format_text(MESSY_FORMATTED) == MESSY_FORMATTED


def test_seed_000_lesson_dsl_is_already_canonical_but_for_trailing_blanks():
    # The bundled byte-exact copy of seed 000, so the test needs nothing outside the repo.
    lesson_file = EXAMPLES / "lessons" / "connect-service-mesh.yaml"
    lesson = yaml.safe_load(lesson_file.read_text(encoding="utf-8"))
    for key in ("initialDsl", "solution"):
        dsl = lesson[key]
        expected = "\n".join(line.rstrip() for line in dsl.split("\n"))
        assert faithful(dsl) == expected
    assert "// TODO: Connect each service to its database\n}" in format_text(lesson["initialDsl"])


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.arch")), ids=lambda p: p.name)
def test_examples_format_faithfully(path):
    text = path.read_text(encoding="utf-8")
    formatted = faithful(text)
    assert len(formatted.split("\n")) <= len(text.split("\n")) + 2


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # one statement per line, 2-space indentation
        ('architecture "a" { person P "p"; person Q }',
         'architecture "a" {\n  person P "p"\n  person Q\n}\n'),
        # a head's block on the next line joins it
        ("architecture\n{\nsystem S\n{\nservice A\n}\n}",
         "architecture {\n  system S {\n    service A\n  }\n}\n"),
        # an empty block without comments is dropped (not the architecture's)
        ("architecture { service A { } }", "architecture {\n  service A\n}\n"),
        ("architecture { }", "architecture {\n}\n"),
        # at most one blank line, none at the edges of a block or the file
        ("\n\narchitecture {\n\n\n  person A\n\n\n\n  person B\n\n}\n\n\n",
         "architecture {\n  person A\n\n  person B\n}\n"),
        # strings in double quotes, re-escaped
        ("architecture 'it\\'s \"x\"' { person A 'a\\\\b\\tc' }",
         'architecture "it\'s \\"x\\"" {\n  person A "a\\\\b\\tc"\n}\n'),
        ('architecture "é ✓ 𝔸" {\n}', 'architecture "é ✓ 𝔸" {\n}\n'),
        # relations: single spaces, kinds, label and technology
        ('architecture {\nA   -[async]->B "l"   "t"\nA->B\n}',
         'architecture {\n  A -[async]-> B "l" "t"\n  A -> B\n}\n'),
        # property lists with ", "
        ("architecture { service A { tags 'a' \"b\",c\n replicas 3 } }",
         'architecture {\n  service A {\n    tags "a", "b", c\n    replicas 3\n  }\n}\n'),
        # the layout section last, entries sorted, numbers without .0
        ("architecture { layout { B: 1.0, -2.50\n A: 007, 0, 10.0, 20.00 } person A }",
         "architecture {\n  person A\n}\n\nlayout {\n  A: 7, 0, 10, 20\n  B: 1, -2.5\n}\n"),
    ],
)
def test_canonical_forms(source, expected):
    assert faithful(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # leading, on a line of its own
        ("// top\narchitecture {\n  // first\n  person A\n}",
         "// top\narchitecture {\n  // first\n  person A\n}\n"),
        # trailing on the same line, after a statement and after a closing brace
        ("architecture {\n  person A   // a\n  system S { person B } /* s */\n}",
         "architecture {\n  person A // a\n  system S {\n    person B\n  } /* s */\n}\n"),
        # inside a head: moved to the end of its line
        ("architecture {\n  person /* who */ A \"a\"\n}",
         'architecture {\n  person A "a" /* who */\n}\n'),
        # between a head and its brace, and after the brace
        ("architecture {\n  system S // s\n  { // open\n    person B\n  }\n}",
         "architecture {\n  system S { // s // open\n    person B\n  }\n}\n"
         .replace("// s // open", "// s\n    // open")),
        # before a closing brace, and an empty block that holds only a comment
        ("architecture {\n  service A {\n    // nothing yet\n  }\n}",
         "architecture {\n  service A {\n    // nothing yet\n  }\n}\n"),
        # at the end of the file, and a multi-line block comment kept as written
        ("architecture {\n}\n/* one\n   two */\n// last",
         "architecture {\n}\n/* one\n   two */\n// last\n"),
        # a file of comments only
        ("  // just a note   \n", "// just a note\n"),
        # a comment that follows a // comment's statement cannot share its line
        ("architecture {\n  service A // a\n  { } /* b */\n}",
         "architecture {\n  service A // a\n  /* b */\n}\n"),
    ],
)
def test_every_comment_position_is_kept(source, expected):
    assert faithful(source) == expected


def test_windows_line_endings_become_unix_ones():
    source = 'architecture "a"\r\n{\r\n  person A // hi \r\n\r\n\r\n  person B\r\n}\r\n'
    assert faithful(source) == 'architecture "a" {\n  person A // hi\n\n  person B\n}\n'


def test_statements_outside_an_architecture_block_stay_where_they_are():
    source = 'person Root\narchitecture "x"\nservice B\nRoot->B'
    assert faithful(source) == 'person Root\narchitecture "x"\nservice B\nRoot -> B\n'


def test_broken_layout_entries_are_kept_as_written_but_tidied_around():
    source = "architecture {}\nlayout {\n  C: 1,2,3,4\n    B 2\n  A: 1\n}"
    formatted = faithful(source)
    assert formatted == "architecture {\n}\n\nlayout {\n  A: 1\n  B 2\n  C: 1, 2, 3, 4\n}\n"
    assert [d.code for d in parse(formatted).diagnostics if d.is_error] == ["E206", "E206"]


def test_layout_inside_the_architecture_moves_after_it_with_its_comments():
    source = fmt("""
        architecture "x" {
          person A
          // where things are
          layout {
            A: 1, 2
          }
          person B
        }
        // end of file
        """)
    assert source == (
        'architecture "x" {\n  person A\n  person B\n}\n// end of file\n\n'
        "// where things are\nlayout {\n  A: 1, 2\n}\n"
    )
    assert faithful(source) == source


def test_layout_entries_carry_their_comments_when_sorted():
    formatted = fmt("""
        architecture { person A; person B; person C }
        layout {
          // C is far right
          C: 300, 0

          B: 200, 0 /* B */
          A: 100, 0
          // the end
        }
        """)
    assert formatted.endswith(
        "layout {\n  A: 100, 0\n\n  B: 200, 0 /* B */\n  // C is far right\n  C: 300, 0\n"
        "  // the end\n}\n"
    )


def test_duplicate_layout_entries_keep_their_order_so_the_last_still_wins():
    formatted = format_text("architecture { person A }\nlayout { A: 5, 5\n A: 1, 1 }")
    assert formatted.endswith("layout {\n  A: 5, 5\n  A: 1, 1\n}\n")
    assert parse(formatted).layout["A"].x == 1


def test_semantic_errors_do_not_stop_formatting():
    formatted = format_text("architecture {\nA->Nowhere\n}")
    assert formatted == "architecture {\n  A -> Nowhere\n}\n"
    assert any(d.code == "E201" for d in parse(formatted).diagnostics)


@pytest.mark.parametrize(
    ("source", "code", "line", "column"),
    [
        ('architecture "x" {\n  person A "unclosed\n}', "E102", 2, 12),
        ("architecture {\n  service A {\n  }\n", "E103", 1, 14),
        ("architecture { }\n}", "E104", 2, 1),
        ("architecture {\n  A -> \n}", "E100", 2, 7),
        ("architecture {}\narchitecture {}", "E105", 2, 1),
    ],
)
def test_syntax_errors_raise_format_error_with_the_diagnostics(source, code, line, column):
    with pytest.raises(FormatError) as caught:
        format_text(source)
    diagnostics = caught.value.diagnostics
    assert all(d.code.startswith("E1") for d in diagnostics)
    first = diagnostics[0]
    assert (first.code, first.span.line, first.span.column) == (code, line, column)
    assert f"line {line}, column {column}" in str(caught.value)


@pytest.mark.parametrize("value", ["", "plain", 'say "hi"', "back\\slash", "tab\tnew\nline",
                                   "\x00\x1f\x7f", "é ✓ 𝔸 \u2028", "\\x41", "'single'"])
def test_quote_round_trips_through_the_parser(value):
    assert unquote(quote(value)) == value


@pytest.mark.parametrize(("text", "expected"), [("120.0", "120"), ("40.50", "40.5"),
                                                ("-007.500", "-7.5"), ("0", "0"),
                                                ("-0.0", "0"), ("12", "12")])
def test_numbers_are_written_one_way(text, expected):
    assert number(text) == expected


# -- archstudio fmt ------------------------------------------------------------------------
MESSY_SMALL = "architecture 'x' {\nperson A   'a'\n}\n"
CLEAN_SMALL = 'architecture "x" {\n  person A "a"\n}\n'


def test_fmt_rewrites_a_file_in_place(tmp_path, capsys):
    path = tmp_path / "a.arch"
    path.write_text(MESSY_SMALL, encoding="utf-8")
    assert main(["fmt", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == CLEAN_SMALL
    assert capsys.readouterr().out == ""


def test_fmt_leaves_canonical_files_alone(tmp_path):
    path = tmp_path / "a.arch"
    path.write_text(CLEAN_SMALL, encoding="utf-8")
    before = path.stat()
    assert main(["fmt", str(path)]) == 0
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_fmt_check_lists_files_that_would_change_and_writes_nothing(tmp_path, capsys):
    messy, clean = tmp_path / "messy.arch", tmp_path / "clean.arch"
    messy.write_text(MESSY_SMALL, encoding="utf-8")
    clean.write_text(CLEAN_SMALL, encoding="utf-8")
    assert main(["fmt", "--check", str(messy), str(clean)]) == 1
    assert capsys.readouterr().out == f"would reformat {messy}\n"
    assert messy.read_text(encoding="utf-8") == MESSY_SMALL
    assert main(["fmt", "--check", str(clean)]) == 0
    assert capsys.readouterr().out == ""


def test_fmt_diff_prints_a_unified_diff_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "a.arch"
    path.write_text(MESSY_SMALL, encoding="utf-8")
    assert main(["fmt", "--diff", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"--- {path} (original)\n+++ {path} (formatted)\n@@")
    assert "-architecture 'x' {\n" in out and '+architecture "x" {\n' in out
    assert "+  person A \"a\"\n" in out
    assert path.read_text(encoding="utf-8") == MESSY_SMALL


def test_fmt_check_with_diff_shows_the_diff_and_fails(tmp_path, capsys):
    path = tmp_path / "a.arch"
    path.write_text("architecture {\nperson A}", encoding="utf-8")  # no final newline
    assert main(["fmt", "--check", "--diff", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.endswith("-person A}\n+  person A\n+}\nwould reformat " + str(path) + "\n")
    assert path.read_text(encoding="utf-8") == "architecture {\nperson A}"


def test_fmt_leaves_a_file_with_syntax_errors_untouched(tmp_path, capsys):
    path = tmp_path / "broken.arch"
    broken = "architecture {\n  person A 'open\n  A ->\n}\n"
    path.write_text(broken, encoding="utf-8")
    assert main(["fmt", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{path}:2:12: error E102 this string is not closed: add a \"",
        f"{path}:3:7: error E100 expected a target name after '->'",
    ]
    assert path.read_text(encoding="utf-8") == broken


def test_fmt_unreadable_files_exit_2_and_others_are_still_formatted(tmp_path, capsys):
    good = tmp_path / "good.arch"
    good.write_text(MESSY_SMALL, encoding="utf-8")
    missing = tmp_path / "missing.arch"
    assert main(["fmt", str(missing), str(good)]) == 2
    assert f"{missing}:1:1: error E110 cannot read the file" in capsys.readouterr().err
    assert good.read_text(encoding="utf-8") == CLEAN_SMALL
    assert main(["fmt", str(tmp_path)]) == 2


def test_fmt_help_explains_the_options(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["fmt", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for word in ("--check", "--diff", "comment", "syntax errors", "Exit status"):
        assert word in out
