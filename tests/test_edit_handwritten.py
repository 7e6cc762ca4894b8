"""The edit engine on hand-written files: comments, odd indentation and blank lines in
every position survive every operation, and new text lands where a person would put it.
"""

from __future__ import annotations

import re

import pytest

from archstudio import edit
from archstudio.dsl import apply_edits, parse

HAND_WRITTEN = """\
// Shop: a hand-written file with comments everywhere.

architecture "Shop" {   // the whole system
    // people first

    person Customer "Customer" // buys things


    system Shop {   /* the shop boundary */
        // the services
        container Api "API" {
            technology "Go"   // fast
            // more to come
        }

        datastore Db "Orders DB"

        /* a queue */ broker Bus "Events"
    }

    /* relations below */
    Customer -> Shop.Api "orders" // over HTTPS

    Shop.Api -> Shop.Db "writes"
    // the end of the relations
}

// positions
layout {
    // top row
    Customer: 10, 20
    Shop: 100, 20, 400, 300
    Shop.Api: 120, 60
}
// trailing words
"""

COMMENTS = re.findall(r"//[^\n]*|/\*.*?\*/", HAND_WRITTEN)


def apply(result: edit.EditResult, text: str = HAND_WRITTEN) -> str:
    assert apply_edits(text, result.edits) == result.text
    assert apply_edits(result.text, result.undo) == text
    model = parse(result.text)
    assert not [d for d in model.diagnostics if d.is_error], result.text
    return result.text


OPERATIONS = {
    "create top": lambda t: edit.create_element(t, "person", "Admin", label="Admin"),
    "create in system": lambda t: edit.create_element(
        t, "container", "Cart", parent="Shop", properties=[("technology", "Rust")]),
    "delete leaf": lambda t: edit.delete_element(t, "Shop.Db"),
    "delete system lifting children": lambda t: edit.delete_element(t, "Shop",
                                                                    lift_children=True),
    "rename": lambda t: edit.rename_element(t, "Shop.Api", "Gateway"),
    "rename system": lambda t: edit.rename_element(t, "Shop", "Store"),
    "move out": lambda t: edit.move_element(t, "Shop.Db", None),
    "move in": lambda t: edit.move_element(t, "Customer", "Shop"),
    "set property": lambda t: edit.set_property(t, "Shop.Db", "technology", "Postgres"),
    "replace property": lambda t: edit.set_property(t, "Shop.Api", "technology", "Rust"),
    "set tags": lambda t: edit.set_property(t, "Customer", "tags", ("vip", "web")),
    "remove label": lambda t: edit.remove_label(t, "Customer"),
    "set label": lambda t: edit.set_label(t, "Shop", "The Shop"),
    "connect": lambda t: edit.connect(t, "Shop.Api", "Shop.Bus", kind="async", label="emits"),
    "reconnect": lambda t: edit.reconnect(t, 1, "target", "Shop.Bus"),
    "relation kind": lambda t: edit.set_relation_kind(t, 0, "sync"),
    "relation label": lambda t: edit.set_label(t, "Customer->Shop.Api", "buys"),
    "relation technology": lambda t: edit.set_property(t, 0, "technology", "HTTPS"),
    "delete relation": lambda t: edit.delete_relation(t, "Shop.Api->Shop.Db"),
    "positions": lambda t: edit.set_positions(t, {"Shop.Db": (120, 160), "Customer": (0, 0)}),
    "size": lambda t: edit.set_size(t, "Shop", 500, 320.5),
}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_every_comment_and_blank_line_survives(name: str) -> None:
    text = apply(OPERATIONS[name](HAND_WRITTEN))
    for comment in COMMENTS:
        assert comment in text, (name, comment)
    assert text.count("\n\n") >= HAND_WRITTEN.count("\n\n") - 1, name
    assert text.startswith("// Shop: a hand-written file with comments everywhere.\n\n")
    assert text.endswith("}\n// trailing words\n")


def test_a_new_element_takes_its_siblings_indentation_and_goes_after_its_kin() -> None:
    text = apply(edit.create_element(HAND_WRITTEN, "container", "Cart", parent="Shop",
                                     label="Cart", properties=[("technology", "Rust")]))
    assert (
        '            // more to come\n        }\n'
        '        container Cart "Cart" {\n            technology "Rust"\n        }\n\n'
        '        datastore Db'
    ) in text


def test_a_property_goes_into_a_new_block_and_the_block_goes_when_empty() -> None:
    text = apply(edit.set_property(HAND_WRITTEN, "Shop.Db", "technology", "Postgres"))
    assert '        datastore Db "Orders DB" {\n            technology "Postgres"\n        }\n' \
        in text
    back = apply(edit.remove_property(text, "Shop.Db", "technology"), text)
    assert back == HAND_WRITTEN


def test_a_block_with_a_comment_left_in_it_stays() -> None:
    text = apply(edit.remove_property(HAND_WRITTEN, "Shop.Api", "technology"))
    assert 'container Api "API" {\n            // more to come\n        }' in text
    assert "// fast" not in text  # the removed statement's own trailing comment goes


def test_rename_updates_references_and_the_sorted_layout() -> None:
    text = apply(edit.rename_element(HAND_WRITTEN, "Shop", "Store"))
    assert "system Store {" in text
    assert 'Customer -> Store.Api "orders" // over HTTPS' in text
    assert "Store.Api -> Store.Db" in text
    assert "    Customer: 10, 20\n    Store: 100, 20, 400, 300\n    Store.Api: 120, 60\n" in text


def test_moving_keeps_the_statements_comments_and_reindents_it() -> None:
    text = apply(edit.move_element(HAND_WRITTEN, "Shop.Api", None))
    assert ('    container Api "API" {\n        technology "Go"   // fast\n'
            '        // more to come\n    }\n') in text
    assert 'Customer -> Api "orders"' in text
    assert "    Api: 120, 60\n" in text and "Shop.Api:" not in text


def test_lifting_a_systems_children_keeps_its_inner_comments() -> None:
    text = apply(edit.delete_element(HAND_WRITTEN, "Shop", lift_children=True))
    assert "system Shop" not in text
    assert '    // the services\n    container Api "API" {\n        technology "Go"' in text
    assert "    Shop: 100" not in text and "    Api: 120, 60\n" in text


def test_lifting_children_whose_last_line_is_a_comment_keeps_what_shared_the_brace_line():
    text = ('architecture "T" {\n  system S {\n    container A "a"\n    // about A\n'
            '  } /* end */ broker B\n}\n')
    model = parse(apply(edit.delete_element(text, "S", lift_children=True), text))
    assert set(model.elements) == {"A", "B"}


def test_positions_go_in_sorted_order_as_one_edit_without_trailing_zeros() -> None:
    result = edit.set_positions(HAND_WRITTEN, {"Shop.Db": (120.0, 160.25),
                                               "Customer": (0, 0), "Shop.Bus": (5, 5)})
    assert len(result.edits) == 1
    text = apply(result)
    assert ("    // top row\n    Customer: 0, 0\n    Shop: 100, 20, 400, 300\n"
            "    Shop.Api: 120, 60\n    Shop.Bus: 5, 5\n    Shop.Db: 120, 160.25\n}") in text


def test_a_missing_layout_section_is_created_after_the_architecture_and_removed_again():
    text = 'architecture "A" {\n  person P "P"\n}\n'
    created = apply(edit.set_positions(text, {"P": (1.5, 2)}), text)
    assert created == 'architecture "A" {\n  person P "P"\n}\n\nlayout {\n  P: 1.5, 2\n}\n'
    removed = apply(edit.delete_element(created, "P"), created)
    assert removed == 'architecture "A" {\n}\n'


def test_tabs_and_single_line_blocks_are_respected() -> None:
    text = 'architecture "T" {\n\tsystem S { container A "a"; container B "b" }\n}\n'
    added = apply(edit.create_element(text, "container", "C", parent="S"), text)
    assert 'system S { container A "a"; container B "b"; container C }' in added
    top = apply(edit.create_element(text, "person", "P"), text)
    assert top.endswith('\tsystem S { container A "a"; container B "b" }\n\tperson P\n}\n')
    gone = apply(edit.delete_element(text, "S.A"), text)
    assert 'system S { container B "b" }' in gone
    empty = 'architecture "E" { }\n'
    assert apply(edit.create_element(empty, "goal", "g", label="G"), empty) == (
        'architecture "E" {\n  goal g "G"\n}\n')


def test_a_relation_with_inline_technology_keeps_it_when_its_label_goes() -> None:
    text = 'architecture "R" {\n  person P "P"\n  container A "A"\n  P -> A "uses" "HTTPS"\n}\n'
    out = apply(edit.remove_label(text, "P->A"), text)
    assert '  P -> A {\n    technology "HTTPS"\n  }\n' in out
    assert parse(out).relations[0].technology == "HTTPS"


def test_a_new_id_that_collides_gets_a_suffix_only_when_asked() -> None:
    with pytest.raises(edit.EditError, match="'Shop.Api' already exists"):
        edit.create_element(HAND_WRITTEN, "container", "Api", parent="Shop")
    result = edit.create_element(HAND_WRITTEN, "container", "Api", parent="Shop", unique=True)
    assert result.subject == "Shop.Api2"
    assert "container Api2" in apply(result)


def test_a_short_name_made_ambiguous_by_a_new_element_is_qualified() -> None:
    text = 'architecture "Q" {\n  system S { container Api "A" }\n  person P "P"\n' \
           '  P -> Api "calls"\n}\n'
    out = apply(edit.create_element(text, "container", "Api", label="other"), text)
    assert 'P -> S.Api "calls"' in out
    assert parse(out).relations[0].target == "S.Api"


@pytest.mark.parametrize(("operation", "message"), [
    (lambda t: edit.create_element(t, "gizmo", "X"), "unknown element kind 'gizmo'"),
    (lambda t: edit.create_element(t, "person", "1bad"), "not a valid id"),
    (lambda t: edit.create_element(t, "person", "X", parent="Customer"),
     "only a system can contain elements"),
    (lambda t: edit.delete_element(t, "Nope"), "unknown element 'Nope'"),
    (lambda t: edit.rename_element(t, "Shop.Api", "Db"), "'Shop.Db' already exists"),
    (lambda t: edit.move_element(t, "Shop", "Shop"), "into itself"),
    (lambda t: edit.connect(t, "Shop.Db", "Customer", kind="exposes"), "cannot 'exposes'"),
    (lambda t: edit.connect(t, "Customer", "Shop.Api", kind="teleports"),
     "unknown relation kind"),
    (lambda t: edit.set_size(t, "Customer", 10, 10), "only systems have a size"),
    (lambda t: edit.remove_property(t, "Customer", "owner"), "has no property 'owner'"),
    (lambda t: edit.delete_relation(t, "Customer->Shop.Db"), "no relation from"),
])
def test_refusals_say_why_and_change_nothing(operation, message) -> None:
    with pytest.raises(edit.EditError, match=message):
        operation(HAND_WRITTEN)


def test_text_with_a_syntax_error_is_refused_with_its_location() -> None:
    broken = 'architecture "B" {\n  container A "a\n}\n'
    with pytest.raises(edit.EditError, match=r"syntax error at line 2, column 15"):
        edit.create_element(broken, "person", "P")


def test_relative_references_inside_a_moved_system_still_reach_their_elements() -> None:
    text = ('architecture "M" {\n  system Outer {\n    system Inner {\n      container A "a"\n'
            '      A -> B "calls"\n    }\n    container B "b"\n  }\n'
            '  system Other { container B "another B" }\n}\n')
    model = parse(text)
    assert model.relations[0].target == "Outer.B"
    out = apply(edit.move_element(text, "Outer.Inner", None, model=model), text)
    moved = parse(out)
    assert "Inner.A" in moved.elements
    assert (moved.relations[0].source, moved.relations[0].target) == ("Inner.A", "Outer.B")
    assert '  system Inner {\n    container A "a"\n    A -> Outer.B "calls"\n  }\n' in out


def test_the_nth_relation_between_two_elements_and_its_block() -> None:
    text = ('architecture "N" {\n  container A "a"\n  container B "b"\n'
            '  A -> B "first"\n  A -> B "second"\n}\n')
    with pytest.raises(edit.EditError, match="write A->B#N"):
        edit.set_property(text, "A->B", "owner", "ops")
    with_owner = apply(edit.set_property(text, "A->B#2", "owner", "ops"), text)
    assert '  A -> B "second" {\n    owner "ops"\n  }\n}\n' in with_owner
    assert apply(edit.remove_property(with_owner, "A->B#2", "owner"), with_owner) == text


def test_removals_that_share_a_blank_line_do_not_collide() -> None:
    text = ('architecture "L" {\n  person P "p"\n\n  container A "a"\n\n  layout {\n'
            '    A: 1, 2\n  }\n}\n')
    out = apply(edit.delete_element(text, "A"), text)
    assert out == 'architecture "L" {\n  person P "p"\n\n}\n'


def test_a_statement_inserted_before_another_on_the_same_line_is_separated() -> None:
    text = 'architecture "S" {\n  person A { tags "x" } A -> A\n}\n'
    out = apply(edit.create_element(text, "person", "B"), text)
    assert '  person A { tags "x" }; person B; A -> A\n' in out


def test_a_removed_statement_between_two_on_its_line_leaves_them_apart() -> None:
    text = ('architecture "S" {\n  person A "a"; person B "b"; A -> B { tags "x" } B -> A\n'
            '  A -> A; B -> B\n}\n')
    out = apply(edit.delete_relation(text, "A->B"), text)
    assert '  person A "a"; person B "b"; B -> A\n' in out
    assert not [d for d in parse(out).diagnostics if d.code.startswith("E1")]
    out = apply(edit.delete_relation(text, "B->B"), text)
    assert "  A -> A\n}" in out


def test_a_new_layout_section_goes_after_a_comment_that_runs_on_from_the_last_line() -> None:
    text = 'architecture "A" {\n  person P "P"\n} /* notes that\nrun on */\n'
    result = edit.set_positions(text, {"P": (10, 20)})
    assert result.text.startswith(text.rstrip("\n"))  # the comment is kept whole, first
    assert parse(result.text).layout["P"].x == 10
    assert apply_edits(result.text, result.undo) == text
