"""The quick reader of statement heads agrees with the lark grammar on every head it reads.

Opening a file reads most heads without lark (:mod:`archstudio.dsl.quick_heads`); a head
it does not read goes to lark, so the two must never differ on a head the quick reader
accepts, and it must accept the usual ones (or opening would be as slow as before).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from archstudio.dsl import statements
from archstudio.dsl.head_types import HeadError, LayoutHead, RelationHead, Value, WordsHead
from archstudio.dsl.quick_heads import quick_head
from archstudio.dsl.scanner import scan
from tests.arch_strategies import arch_texts

ROOT = Path(__file__).resolve().parents[1]


def heads_of(text: str) -> list[str]:
    found: list[str] = []

    def walk(raw_statements) -> None:
        for statement in raw_statements:
            found.append(text[statement.start : statement.head_end])
            walk(statement.children or [])

    walk(scan(text).statements)
    return found


def agrees(head: str) -> bool:
    """Whether the quick reader read ``head`` (False: it left it to lark); fails when
    it read it differently from lark."""
    quick = quick_head(head)
    if quick is None:
        return False
    assert quick == statements._lark_head(head), head
    return True


def test_every_head_of_the_shipped_files_reads_as_lark_reads_it() -> None:
    files = [p for p in ROOT.rglob("*.arch") if ".venv" not in p.parts]
    assert len(files) >= 10
    read = total = 0
    for path in files:
        for head in heads_of(path.read_text(encoding="utf-8")):
            total += 1
            read += agrees(head)
    assert total > 1000
    assert read / total > 0.95  # the quick reader takes nearly every head of real files


def test_the_usual_heads_are_read_with_the_right_pieces() -> None:
    head = quick_head('container Api "Orders API" {')  # the scanner cuts the brace off
    assert head is None  # a brace is not part of a head: lark reports it
    head = quick_head('container Api "Orders API"')
    assert head == WordsHead(("container", 0, 9), (Value("NAME", "Api", 10, 13),
                                                    Value("STRING", "Orders API",
                                                                     14, 26)))
    relation = quick_head('Shop.Api -[async]-> Bus "publishes \\"x\\"" "HTTP"')
    assert isinstance(relation, RelationHead)
    assert relation.source == ("Shop.Api", 0, 8)
    assert relation.arrow == ("-[async]->", 9, 19)
    assert relation.kind == ("async", 11, 16)
    assert [v.text for v in relation.strings] == ['publishes "x"', "HTTP"]
    layout = quick_head("Shop.Api: 10, -20.5, 140, 60")
    assert isinstance(layout, LayoutHead)
    assert [v.text for v in layout.numbers] == ["10", "-20.5", "140", "60"]


def test_wrong_heads_are_left_to_lark_and_get_its_messages() -> None:
    for wrong in ["a ->", "a, b", "a b,", "a.b", "a -> b c", "a: 1", "a -> b 'x' 'y' 'z'",
                  "x /* c */ y", "a -[ ]-> b", "a.", "1 a", "a ~", "a\u00a0b", ""]:
        assert quick_head(wrong) is None, wrong
        assert isinstance(statements.parse_head(wrong), HeadError) or wrong == "x /* c */ y"


TOKENS = ["a", "Bus", "x-1", "_y", "1", "-2", "3.5", '"s"', "'t'", '"e\\"q"', "->", "-[",
          "]->", "-[async]->", ",", ":", ".", "-", "[", "]", ">", "/*c*/", "é", '"', "\\"]
SPACES = ["", " ", "  ", "\t", "\n", "\r\n"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SPACES), st.sampled_from(TOKENS)), max_size=9),
       st.sampled_from(SPACES))
def test_random_token_sequences_read_alike(parts, tail) -> None:
    agrees("".join(space + token for space, token in parts) + tail)


@settings(max_examples=40, deadline=None)
@given(arch_texts())
def test_generated_files_read_alike(drawn) -> None:
    text = drawn[0] if isinstance(drawn, tuple) else drawn
    for head in heads_of(text):
        agrees(head)


def _grammar_terminals() -> tuple[dict[str, str], dict[str, str], list[str]]:
    """arch.lark's regular-expression terminals, its literal ones and what it ignores."""
    from lark import Lark
    from lark.lexer import PatternStr

    grammar = Lark((ROOT / "archstudio" / "dsl" / "arch.lark").read_text(encoding="utf-8"),
                   parser="lalr")
    patterns, literals, ignored = {}, {}, []
    for terminal in grammar.terminals:
        if terminal.name in grammar.ignore_tokens:
            ignored.append(terminal.pattern.to_regexp())
        elif isinstance(terminal.pattern, PatternStr):
            literals[terminal.name] = terminal.pattern.value
        else:
            patterns[terminal.name] = terminal.pattern.to_regexp()
    return patterns, literals, ignored


GRAMMAR_PATTERNS, GRAMMAR_LITERALS, GRAMMAR_IGNORED = _grammar_terminals()


def test_the_quick_reader_knows_every_terminal_of_the_grammar() -> None:
    """A terminal added to arch.lark, or a literal changed, must reach quick_heads too."""
    from archstudio.dsl.quick_heads import LITERALS, PATTERNS

    assert set(PATTERNS) == set(GRAMMAR_PATTERNS)
    assert sorted(LITERALS.values()) == sorted(GRAMMAR_LITERALS.values())
    for name, text in LITERALS.items():  # a named literal keeps the grammar's name
        assert GRAMMAR_LITERALS.get(name, text) == text


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_quick_reader_terminals_match_the_same_text_as_the_grammars(data) -> None:
    import re

    from archstudio.dsl.quick_heads import PATTERNS

    name = data.draw(st.sampled_from(sorted(PATTERNS)))
    ours, theirs = re.compile(PATTERNS[name]), re.compile(GRAMMAR_PATTERNS[name])
    for pattern in (ours, theirs):  # a text either one makes, the other reads whole too
        text = data.draw(st.from_regex(pattern, fullmatch=True))
        assert bool(ours.fullmatch(text)) == bool(theirs.fullmatch(text)), (name, text)
    text = data.draw(st.text(alphabet='ab_9-."\'\\\n x', max_size=10))  # and any other text
    assert bool(ours.fullmatch(text)) == bool(theirs.fullmatch(text)), (name, text)


def test_the_quick_reader_ignores_what_the_grammar_ignores() -> None:
    import re

    from archstudio.dsl.quick_heads import IGNORED

    whitespace = next(p for p in GRAMMAR_IGNORED if "/" not in p)  # not the block comment
    for code in range(0x3000):
        c = chr(code)
        assert bool(re.fullmatch(IGNORED, c)) == bool(re.fullmatch(whitespace, c)), hex(code)
