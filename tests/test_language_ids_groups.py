"""No element a user wrote vanishes: ``container "Payments"`` without an id is E107 with a
fix; ``group`` is a kind of its own that the formatter, the edit engine and the canvas
faces handle like a system, minus the "[System]" tag."""

from __future__ import annotations

from archstudio.dsl import apply_edits, parse
from archstudio.dsl.formatter import format_text
from archstudio.edit import create_element, move_element
from archstudio.render.element_face import signature_of
from archstudio.rules import quick_fixes

A = 'architecture "A" {\n'


def fixed(text: str) -> str:
    model = parse(text)
    (problem,) = [d for d in model.diagnostics if d.code == "E107"]
    (fix,) = quick_fixes(text, model, problem)
    return apply_edits(text, fix.edits)


def test_a_kind_with_only_a_label_is_an_error_never_a_property():
    model = parse(A + '  container "Payments"\n  system s "S" {\n    queue "Jobs"\n  }\n}\n')
    assert [d.code for d in model.diagnostics] == ["E107", "E107"]
    assert model.properties == [] and model.elements["s"].properties == []


def test_the_fix_adds_the_derived_id_and_the_element_appears():
    text = A + '  container api "API"\n  container "Payments"\n  api -> Payments "pays"\n}\n'
    repaired = fixed(text)
    assert '  container Payments "Payments"\n' in repaired
    model = parse(repaired)
    assert model.diagnostics == [] and model.elements["Payments"].kind == "container"


def test_a_taken_id_is_numbered():
    text = A + '  person Payments "P"\n  container "Payments"\n}\n'
    assert 'container Payments2 "Payments"' in fixed(text)


def test_a_structurizr_head_keeps_its_description_and_technology():
    text = A + '  container "Web App" "Serves the shop" "React"\n}\n'
    repaired = fixed(text)
    assert ('container WebApp "Web App" { description "Serves the shop"; technology '
            '"React" }') in repaired
    element = parse(repaired).elements["WebApp"]
    assert (element.description, element.technology) == ("Serves the shop", "React")


def test_inside_an_element_a_kind_word_with_a_string_stays_a_property():
    model = parse(A + '  datastore db "DB" {\n    store "redis"\n  }\n}\n')
    assert model.diagnostics == [] and model.elements["db"].get("store") == "redis"


GROUPED = A + ('  group team "Payments team" {\n    service pay "Payments"\n  }\n'
               '  person u "User"\n  u -> team.pay "pays"\n}\n')


def test_group_is_its_own_kind_and_holds_elements():
    model = parse(GROUPED)
    assert model.diagnostics == []
    team = model.elements["team"]
    assert team.kind == "group" and team.is_group and model.elements["team.pay"].parent == "team"


def test_a_group_is_drawn_without_a_kind_tag():
    model = parse(GROUPED)
    assert signature_of(model.elements["team"]) == ("system", "Payments team", "")
    system = parse(A + '  system s "Shop" {\n    service a "A"\n  }\n}\n').elements["s"]
    assert signature_of(system)[2] == "[System]"


def test_the_formatter_and_the_edit_engine_handle_groups():
    messy = GROUPED.replace("  group team", "group   team").replace("    service", " service")
    assert parse(format_text(messy)).same_as(parse(GROUPED))
    added = create_element(GROUPED, "datastore", "ledger", parent="team", label="Ledger")
    text = apply_edits(GROUPED, added.edits)
    assert parse(text).elements["team.ledger"].parent == "team"
    moved = apply_edits(text, move_element(text, "u", "team").edits)
    assert parse(moved).elements["team.u"].kind == "person"


def test_e107_message_spells_out_control_characters():
    model = parse('architecture "x" {\n  actor "\x1f"\n}\n')
    [diagnostic] = [d for d in model.diagnostics if d.code == "E107"]
    assert diagnostic.message.isprintable() and "\\x1f" in diagnostic.message
