"""Layered-model rules (seed 001): each fires at its span, and stays quiet when it should."""

from __future__ import annotations

from test_rules_support import arch, hits, only, rules_of

from archstudio.model import Severity

CHAIN = """
goal g "Goal"
capability c "Capability"
service s "Service"
operation op "Op"
schema sc "Schema"
datastore db "DB"
c -[satisfied-by]-> g
s -[realizes]-> c
s -[exposes]-> op
op -[uses]-> sc
db -[stores]-> sc
s -> db "reads"
"""


def test_a_complete_chain_from_goal_to_datastore_is_clean():
    model, found = rules_of(arch(CHAIN))
    assert not model.diagnostics
    assert found == []


def test_untyped_relation_to_a_capability_fires_at_the_arrow_and_names_the_kind():
    text = arch(CHAIN.replace("s -[realizes]-> c", "s -> c"))
    diagnostic = only(text, "A101")
    assert text[diagnostic.span.start : diagnostic.span.end] == "->"
    assert diagnostic.span.line == 9
    assert "-[realizes]->" in diagnostic.message
    assert diagnostic.severity is Severity.WARNING


def test_untyped_relation_written_backwards_suggests_the_reverse():
    text = arch(CHAIN.replace("s -[realizes]-> c", "c -> s"))
    diagnostic = only(text, "A101")
    assert diagnostic.data["kinds"] == [] and diagnostic.data["reverse_kinds"] == ["realizes"]
    assert "other way round" in diagnostic.message


def test_untyped_relations_between_runtime_elements_are_not_layer_relations():
    assert hits(arch('service a "A"\nservice b "B"\na -> b "calls"'), "A101") == []


def test_operation_that_no_service_exposes():
    text = arch(CHAIN.replace("s -[exposes]-> op\n", ""))
    assert hits(text, "A102") == ["op"]
    assert hits(arch(CHAIN), "A102") == []


def test_schema_that_no_datastore_stores():
    text = arch(CHAIN.replace("db -[stores]-> sc\n", ""))
    assert hits(text, "A103") == ["sc"]
    assert hits(arch(CHAIN), "A103") == []


def test_goal_that_nothing_satisfies():
    text = arch(CHAIN + 'goal lonely "Lonely"\n')
    assert hits(text, "A104") == ["lonely"]
    assert hits(arch(CHAIN), "A104") == []


def test_traceability_gaps_name_the_missing_link():
    text = arch(CHAIN.replace("s -[realizes]-> c\n", "").replace("op -[uses]-> sc\n", ""))
    _, found = rules_of(text)
    gaps = {text[d.span.start : d.span.end]: d.message for d in found if d.code == "A105"}
    assert set(gaps) == {"c", "s", "op"}
    assert "no service realizes it" in gaps["c"]
    assert "realizes no capability" in gaps["s"]
    assert "uses no schema" in gaps["op"]
    assert all(d.severity is Severity.ADVICE for d in found if d.code == "A105")


def test_traceability_is_not_asked_of_models_without_the_layers():
    text = arch('service a "A"\noperation op "Op"\na -[exposes]-> op')
    assert hits(text, "A105") == []  # no capabilities, no schemas: nothing to trace to
