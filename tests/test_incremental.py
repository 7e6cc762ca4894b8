"""IncrementalParser gives exactly the model of a fresh parse after any edit sequence."""

from __future__ import annotations

import logging

from hypothesis import given, settings
from hypothesis import strategies as st

from archstudio.dsl import incremental, parse
from archstudio.dsl.incremental import IncrementalParser, common_ends
from archstudio.model import Model, Span
from archstudio.model.elements import summary_of
from benchmarks.models import generate


class _FailOnLoggedError(logging.Handler):
    """The parser falls back to a full parse when its incremental path fails; in the
    tests such a failure must not pass unnoticed."""

    def emit(self, record: logging.LogRecord) -> None:
        raise AssertionError(f"the incremental path failed: {record.getMessage()}")


logging.getLogger("archstudio.dsl.incremental").addHandler(_FailOnLoggedError())

BASE = """// a small platform
architecture "Shop" {
  description "the shop"
  person Buyer "A buyer"
  system Shop "Shop" {
    gateway Edge "Edge"
    container Api "API" {
      technology "Python"
      tags "core", "http"
    }
    datastore Db "Orders" /* the main store */
    broker Bus
  }
  external Pay "Payments"
  Buyer -> Edge "browses"
  Edge -[sync]-> Api "routes" "HTTP"
  Shop.Api -> Db "reads/writes" {
    technology "SQL"
  }
  Api -[async]-> Bus "publishes"
  Api -[sync]-> Pay "charges"
  layout {
    Buyer: 10, 20
    Shop: 100, 20, 400, 300
    Shop.Api: 120, 60
  }
}
"""

PIECES = [
    "x", "A", " ", "\n", "{", "}", ";", '"', "'", "/", "*", "/*", "*/", "//", ".", "->", "-[",
    "]->", ",", ":", "1", '"label"', "\\",
    "\n  container Extra \"Extra\"\n",
    "\n  Buyer -> Api \"buys\"\n",
    "\n  Buyer -> Nowhere\n",
    "\n  system Sub {\n    datastore Db\n  }\n",
    "\n  person Buyer\n",
    "\n  layout {\n    Api: 1, 2\n  }\n",
    '\n  Api -[oops]-> Db "bad kind"\n',
    '\n  tags "a"\n',
    '\n  container Broken "unclosed\n',
    "\n  architecture \"Nested\" { }\n",
    "\n  Buyer: 5, 5\n",
    '\n  container "Payments"\n',
    '\n  service "Order Service" "takes orders" "Go"\n',
    '\n  group Team "Team" {\n    service T "T"\n  }\n',
    "Team.",
]


def _span(span: Span | None) -> tuple | None:
    if span is None:
        return None
    return (span.start, span.end, span.line, span.column, span.end_line, span.end_column)


def _block(block) -> tuple | None:
    return None if block is None else (_span(block.open_span), _span(block.close_span))


def _props(props) -> tuple:
    return tuple(
        (p.key, p.values, _span(p.span), _span(p.key_span), tuple(map(_span, p.value_spans)))
        for p in props
    )


def snapshot(model: Model) -> tuple:
    """Everything a model says, with every span as offsets and line/column."""
    elements = tuple(
        (q, e.id, e.keyword, e.children, _span(e.span), _span(e.id_span), _span(e.keyword_span),
         _span(e.label_span), _block(e.block), _props(e.properties))
        for q, e in model.elements.items()
    )
    relations = tuple(
        (r.key, r.scope, r.index, _span(r.span), _span(r.source_span), _span(r.target_span),
         _span(r.arrow_span), _span(r.label_span), _span(r.technology_span), _block(r.block),
         _props(r.properties))
        for r in model.relations
    )
    layout = tuple((q, _span(e.span), _span(e.qname_span)) for q, e in model.layout.items())
    diagnostics = tuple(
        (d.code, d.severity, d.message, _span(d.span), tuple(sorted(map(str, d.data.items()))))
        for d in model.diagnostics
    )
    comments = tuple((c.text, _span(c.span)) for c in model.comments)
    frame = (_span(model.name_span), _span(model.span), _block(model.block),
             _span(model.layout_span), _block(model.layout_block), _props(model.properties),
             model.text_length)
    return (summary_of(model), elements, relations, layout, diagnostics, comments, frame)


def apply(text: str, edit: tuple[str, float, float, str]) -> str:
    """One edit: insert a piece, delete a range, delete a line or duplicate a line."""
    action, where, size, piece = edit
    at = int(where * len(text))
    if action == "insert":
        return text[:at] + piece + text[at:]
    if action == "delete":
        return text[:at] + text[at + 1 + int(size * 40):]
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line_end = len(text) if line_end == -1 else line_end + 1
    if action == "delete_line":
        return text[:line_start] + text[line_end:]
    return text[:line_end] + text[line_start:line_end] + text[line_end:]  # duplicate


edits = st.tuples(
    st.sampled_from(["insert", "insert", "insert", "delete", "delete_line", "duplicate_line"]),
    st.floats(0, 1),
    st.floats(0, 1),
    st.sampled_from(PIECES),
)


def assert_matches_fresh_parse(text: str, sequence) -> None:
    """After each edit, the incremental parser's model is the one a fresh parse gives."""
    parser = IncrementalParser()
    assert snapshot(parser.parse(text)) == snapshot(parse(text))
    for edit in sequence:
        text = apply(text, edit)
        assert snapshot(parser.parse(text)) == snapshot(parse(text)), repr(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(edits, min_size=1, max_size=12))
def test_every_edit_sequence_gives_the_model_of_a_fresh_parse(sequence):
    assert_matches_fresh_parse(BASE, sequence)


# The edit engine writes the layout section after the architecture block, at the root.
ROOT_LAYOUT = "/* head */ person Early\n" + BASE.replace(
    "  layout {\n    Buyer: 10, 20\n    Shop: 100, 20, 400, 300\n    Shop.Api: 120, 60\n  }\n", ""
) + "\nlayout {\n  Buyer: 10, 20\n  Shop.Db: 5, 5, 1, 1\n  Ghost: 1, 2\n}\n// tail\n"


@settings(max_examples=100, deadline=None)
@given(st.lists(edits, min_size=1, max_size=12))
def test_edits_around_root_statements_match_a_fresh_parse(sequence):
    assert_matches_fresh_parse(ROOT_LAYOUT, sequence)


@settings(max_examples=60, deadline=None)
@given(st.lists(edits, min_size=1, max_size=6), st.integers(0, 10**6))
def test_edits_in_a_generated_model_match_a_fresh_parse(sequence, seed):
    parser = IncrementalParser()
    text = generate(40, seed=seed)
    parser.parse(text)
    for edit in sequence:
        text = apply(text, edit)
        assert snapshot(parser.parse(text)) == snapshot(parse(text)), repr(text)


def test_typing_a_label_and_a_relation_is_incremental_and_exact():
    parser = IncrementalParser()
    text = generate(200)
    parser.parse(text)
    at = text.index('"Service 7.2"') + 5
    for char in "Fast":  # typed one key at a time inside a label mid-file
        text = text[:at] + char + text[at:]
        at += 1
        model = parser.parse(text)
        assert parser.last_was_incremental
        assert snapshot(model) == snapshot(parse(text))
    assert model.elements["Sys7.Svc7_2"].label == "ServFastice 7.2"
    at = text.index("  Sys3.Svc3_0 ->")
    for step in ("  Sys1.Svc1_1 -", "> Sys2.Db2_0", ' "audits"\n'):
        text = text[:at] + step + text[at:]
        at += len(step)
        model = parser.parse(text)
        assert parser.last_was_incremental
        assert snapshot(model) == snapshot(parse(text))
    assert any(r.source == "Sys1.Svc1_1" and r.target == "Sys2.Db2_0" and r.label == "audits"
               for r in model.relations)


def test_typing_the_last_statement_of_the_body_is_incremental_and_exact():
    parser = IncrementalParser()
    text = generate(50)
    parser.parse(text)
    at = text.rindex("\n}")  # typed on a new last line of the body
    for char in '\n  User -> Sys2.Db2_1 "reads"':
        text = text[:at] + char + text[at:]
        at += 1
        assert snapshot(parser.parse(text)) == snapshot(parse(text))
        assert parser.last_was_incremental
    assert parser.parse(text).relations[-1].target == "Sys2.Db2_1"


# A layout section written above the architecture (by hand, or by another tool).
LAYOUT_ABOVE = "// placed by hand\nlayout {\n  Buyer: 10, 20\n  Shop.Db: 5, 5, 1, 1\n}\n" \
    + ROOT_LAYOUT.replace("\nlayout {\n  Buyer: 10, 20\n  Shop.Db: 5, 5, 1, 1\n  Ghost: 1, 2\n}\n",
                          "\n")


@settings(max_examples=100, deadline=None)
@given(st.lists(edits, min_size=1, max_size=12))
def test_edits_around_a_layout_section_above_the_architecture_match_a_fresh_parse(sequence):
    assert_matches_fresh_parse(LAYOUT_ABOVE, sequence)


def test_dragging_with_the_layout_section_above_the_architecture_is_incremental():
    """A drag writes the element's place in the layout section; above the architecture
    that once made the parser build every statement again (the whole body moves)."""
    text = "layout {\n  User: 10, 20\n  Sys3.Bus3: 100, 200\n}\n" + generate(400)
    parser = IncrementalParser()
    parser.parse(text)
    for x in ("140", "1400", "14"):  # three drags, the section growing and shrinking
        text = text.replace(text[text.index("  User: "):text.index("\n", text.index("  User: "))],
                            f"  User: {x}, 20")
        model = parser.parse(text)
        assert parser.last_was_incremental
        assert snapshot(model) == snapshot(parse(text))
        assert model.layout["User"].x == float(x)
    # an element moved into another block with its place written above: incremental too
    start = text.index("    broker Bus3 ")
    end = text.index("\n", start) + 1
    statement = text[start:end].replace("    broker", "  broker")
    moved = text[:start] + text[end:]
    close = moved.rindex("}")
    moved = moved[:close] + statement + moved[close:]
    moved = moved.replace("  Sys3.Bus3: 100, 200\n", "  Bus3: 140, 260\n")
    model = parser.parse(moved)
    assert parser.last_was_incremental
    assert snapshot(model) == snapshot(parse(moved))
    assert model.layout["Bus3"].x == 140


def test_a_second_architecture_typed_above_the_first_is_parsed_as_a_fresh_parse_does():
    parser = IncrementalParser()
    parser.parse(LAYOUT_ABOVE)
    text = 'architecture "Other" { person P }\n' + LAYOUT_ABOVE
    model = parser.parse(text)
    assert snapshot(model) == snapshot(parse(text))
    assert model.name == "Other" and "P" in model.elements
    text = text.replace("architecture", "architectur", 1)  # the head typed over, above it
    assert snapshot(parser.parse(text)) == snapshot(parse(text))


def test_editing_the_root_layout_section_rebuilds_only_that_section():
    parser = IncrementalParser()
    text = ROOT_LAYOUT
    parser.parse(text)
    at = text.index("Buyer: 10") + len("Buyer: 1")
    for char in "55":
        text = text[:at] + char + text[at:]
        at += 1
        model = parser.parse(text)
        assert parser.last_was_incremental
        assert snapshot(model) == snapshot(parse(text))
    assert model.layout["Buyer"].x == 1550
    text = text.replace("  Ghost: 1, 2\n", "  Ghost: 1, 2\n  Shop.Api: 7, 8\n")
    model = parser.parse(text)
    assert parser.last_was_incremental and model.layout["Shop.Api"].y == 8
    assert snapshot(model) == snapshot(parse(text))


def test_a_model_handed_out_earlier_keeps_its_meaning_while_its_spans_follow_the_text():
    parser = IncrementalParser()
    text = BASE
    first = parser.parse(text)
    summary = summary_of(first)
    codes = [d.code for d in first.diagnostics]
    text = text.replace("Buyer -> Edge", "Buyer -> Nowhere")
    second = parser.parse(text)
    assert parser.last_was_incremental
    assert any(d.code == "E201" for d in second.diagnostics)
    assert summary_of(first) == summary and [d.code for d in first.diagnostics] == codes
    assert first.relations[0].target == "Shop.Edge" and second.relations[0].target is None
    api = second.elements["Shop.Api"].span  # before the edit: unchanged
    db = second.relations[2].span  # after it: moved by len("Nowhere") - len("Edge")
    assert text[api.start : api.end].startswith("container Api")
    assert text[db.start : db.end].startswith("Shop.Api -> Db")
    assert first.relations[2].span == db


def test_a_typed_brace_that_changes_the_structure_falls_back_to_a_full_parse():
    parser = IncrementalParser()
    parser.parse(BASE)
    text = BASE.replace('  external Pay "Payments"', '  external Pay "Payments" {')
    model = parser.parse(text)
    assert not parser.last_was_incremental
    assert snapshot(model) == snapshot(parse(text))
    assert any(d.code == "E103" for d in model.diagnostics)


def test_a_failure_of_the_incremental_path_falls_back_to_a_full_parse(monkeypatch):
    parser = IncrementalParser()
    parser.parse(BASE)
    monkeypatch.setattr(incremental, "_log", logging.getLogger("test.quiet"))
    monkeypatch.setattr(incremental, "scan_region", None)  # the incremental path breaks
    text = BASE.replace('"browses"', '"shops"')
    model = parser.parse(text)
    assert not parser.last_was_incremental
    assert snapshot(model) == snapshot(parse(text))


def test_text_without_an_architecture_block_is_parsed_whole():
    parser = IncrementalParser()
    for text in ("", "person A\n", 'architecture "X" {\n  person A\n', "}\n{"):
        assert snapshot(parser.parse(text)) == snapshot(parse(text))


@settings(max_examples=200, deadline=None)
@given(st.text("ab\n", max_size=12), st.text("ab\n", max_size=12))
def test_common_ends_are_the_longest_non_overlapping_prefix_and_suffix(old, new):
    prefix, suffix = common_ends(old, new)
    assert prefix + suffix <= min(len(old), len(new))
    assert old[:prefix] == new[:prefix] and old[len(old) - suffix :] == new[len(new) - suffix :]
    assert prefix == min(len(old), len(new)) or old[prefix] != new[prefix]
    room = min(len(old), len(new)) - prefix
    assert suffix == room or old[len(old) - suffix - 1] != new[len(new) - suffix - 1]


def test_an_element_without_an_id_and_a_group_are_parsed_as_a_fresh_parse_does():
    text = BASE.replace('  external Pay "Payments"\n', '  external "Payments"\n'
                        '  group Team "Team" {\n    service T "T"\n  }\n')
    parser = IncrementalParser()
    assert snapshot(parser.parse(text)) == snapshot(parse(text))
    assert [d.code for d in parser.parse(text).diagnostics if d.code == "E107"] == ["E107"]
    fixed = text.replace('external "Payments"', 'external Pay "Payments"')
    model = parser.parse(fixed)
    assert snapshot(model) == snapshot(parse(fixed))
    assert model.elements["Pay"].kind == "external"
    assert model.elements["Team"].kind == "group" and model.elements["Team.T"].parent == "Team"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(edits, min_size=2, max_size=4), min_size=1, max_size=4),
       st.integers(0, 10**6))
def test_several_edits_between_two_parses_give_the_model_of_a_fresh_parse(batches, seed):
    parser = IncrementalParser()
    text = generate(40, seed=seed) + "\nlayout {\n  User: 10, 20\n}\n"
    parser.parse(text)
    for batch in batches:  # edits anywhere, parsed only after all of them
        for edit in batch:
            text = apply(text, edit)
        assert snapshot(parser.parse(text)) == snapshot(parse(text)), repr(text)


def test_a_statement_moved_to_another_block_with_its_place_written_is_incremental():
    """A drag out of a system: the statement leaves the system's block, comes back at
    the end of the architecture's body, and the layout section after the body changes.
    Three places far apart, each followed on its own."""
    text = generate(400) + "\nlayout {\n  User: 10, 20\n  Sys3.Bus3: 100, 200\n}\n"
    parser = IncrementalParser()
    parser.parse(text)
    start = text.index("    broker Bus3 ")
    end = text.index("\n", start) + 1
    statement = text[start:end].replace("    broker", "  broker")
    moved = text[:start] + text[end:]
    close = moved.rindex("}", 0, moved.index("\nlayout {"))
    moved = moved[:close] + statement + moved[close:]
    moved = moved.replace("  Sys3.Bus3: 100, 200\n", "  Bus3: 140, 260\n")
    model = parser.parse(moved)
    assert parser.last_was_incremental
    assert snapshot(model) == snapshot(parse(moved))
    assert "Bus3" in model.elements and "Sys3.Bus3" not in model.elements
    assert model.layout["Bus3"].x == 140


def test_a_much_referenced_element_moved_into_another_system_is_incremental():
    """Every relation naming the element is rewritten too: a dozen places at once."""
    from collections import Counter

    from archstudio import edit

    text = generate(400)
    parser = IncrementalParser()
    model = parser.parse(text)
    ends = Counter(end for r in model.relations for end in (r.source, r.target))
    busiest = max((q for q, e in model.elements.items() if not e.is_group and e.parent),
                  key=lambda q: ends[q])
    into = next(q for q, e in model.elements.items()
                if e.is_group and q != model.elements[busiest].parent)
    step = edit.move_element(text, busiest, into, model=model)
    moved = parse(step.text)
    text = edit.set_positions(step.text, {str(step.subject): (10.0, 20.0)}, model=moved).text
    assert ends[busiest] >= 6
    assert snapshot(parser.parse(text)) == snapshot(parse(text))
    assert parser.last_was_incremental


def test_a_drag_written_into_the_layout_reuses_the_rest_of_the_model_and_matches():
    """Edits that only write layout entries (a drag, a resize) make the model from the
    last one's elements, relations and findings; it is the model a fresh parse gives,
    the layout's own findings (an undeclared name, a size on a non-system) included."""
    from archstudio.edit.layout import set_positions

    parser = IncrementalParser()
    text = ROOT_LAYOUT.replace("Buyer -> Edge", "Buyer -> Nowhere")  # an unresolved relation
    first = parser.parse(text)
    for step, (qname, x, y) in enumerate([("Shop.Api", 120.0, 60.0), ("Buyer", 30.0, 40.0),
                                          ("Shop.Api", 150.0, 70.0), ("Pay", 9.0, 9.0)]):
        text = set_positions(text, {qname: (x, y)}).text
        model = parser.parse(text)
        assert parser.last_was_layout_only, step
        assert snapshot(model) == snapshot(parse(text))
        assert model.elements["Shop.Api"] is first.elements["Shop.Api"]
    codes = {d.code for d in model.diagnostics}
    assert {"E201", "W208", "E206"} <= codes  # Nowhere, Ghost, a size for a datastore
    text = text.replace("  Ghost: 1, 2\n", "  Gh0st: 1, 2\n  Pay: 1, 2, 3, 4\n")
    model = parser.parse(text)
    assert parser.last_was_layout_only and snapshot(model) == snapshot(parse(text))
    assert [d.message for d in model.diagnostics if d.code == "W208"] == [
        "the layout names 'Gh0st', which is not declared"]
    text = text.replace('external Pay "Payments"', 'external Pay "Payers"')
    model = parser.parse(text)  # a statement changed: assembled anew
    assert not parser.last_was_layout_only and snapshot(model) == snapshot(parse(text))


def test_a_model_after_edits_pickles_with_its_spans_where_they_are_now():
    """A model another process sends (the layout copy's parse) pickles: its spans, which
    move with the parser's edits, arrive as plain spans at their current places."""
    import pickle

    parser = IncrementalParser()
    text = generate(60)
    parser.parse(text)
    at = text.index("  system Sys0")
    text = text[:at] + '  person Admin "An admin"\n' + text[at:]  # every statement after it moves
    model = parser.parse(text)
    assert parser.last_was_incremental
    sent = pickle.loads(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
    assert snapshot(sent) == snapshot(model) == snapshot(parse(text))
    parser.parse(text[:at] + "  person Guest\n" + text[at:])  # the parser moves on
    assert parser.last_was_incremental
    assert snapshot(sent) == snapshot(parse(text))  # what was sent stays where it was
