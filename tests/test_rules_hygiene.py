"""Hygiene rules: orphans, duplicates, unlabeled calls, empty systems, missing technology."""

from __future__ import annotations

from test_rules_support import arch, hits, only

from archstudio.model import Severity


def test_a_labelled_element_without_relations_is_an_orphan():
    text = arch('service A "A"\nservice B "B"\nservice Lonely "Lonely"\nA -> B "calls"')
    diagnostic = only(text, "A301")
    assert text[diagnostic.span.start : diagnostic.span.end] == "Lonely"
    assert diagnostic.severity is Severity.ADVICE


def test_an_unlabelled_orphan_is_left_to_the_parser_w302():
    text = arch('service A "A"\nservice B "B"\nservice Lonely\nA -> B "calls"')
    assert hits(text, "A301") == []


def test_systems_are_not_orphans_when_their_children_are_connected():
    text = arch('system S "S" {\n  service A "A"\n  service B "B"\n}\nA -> B "calls"')
    assert hits(text, "A301") == []


def test_the_second_copy_of_a_relation_is_the_duplicate():
    text = arch('service A "A"\nservice B "B"\nA -> B "calls"\nA -> B "Calls"')
    diagnostic = only(text, "A302")
    assert text[diagnostic.span.start : diagnostic.span.end] == 'A -> B "Calls"'
    assert "line 4" in diagnostic.message


def test_relations_with_different_labels_or_kinds_are_not_duplicates():
    text = arch('service A "A"\nservice B "B"\nA -> B "reads"\nA -> B "writes"\n'
                'A -[async]-> B "reads"')
    assert hits(text, "A302") == []


def test_a_call_without_a_label():
    text = arch('service A "A"\nservice B "B"\nA -[sync]-> B')
    assert hits(text, "A303") == ["A -[sync]-> B"]
    typed = arch('service A "A"\ncapability C "C"\nA -[realizes]-> C')
    assert hits(typed, "A303") == []  # the kind says what it is


def test_an_empty_system():
    text = arch('system Empty "Empty" { }\nsystem Full "Full" {\n  service A "A"\n}')
    assert hits(text, "A304") == ["Empty"]


def test_missing_technology_when_most_siblings_name_one():
    text = arch("""
        system S "S" {
          service A "A" { technology "Go" }
          service B "B" { technology "Go" }
          service C "C"
          datastore D "D"
        }
        A -> B "x"
        B -> C "x"
        C -> D "x"
    """)
    diagnostic = only(text, "A305")
    assert text[diagnostic.span.start : diagnostic.span.end] == "C"
    assert diagnostic.data["suggestion"] == "Go"


def test_one_technology_among_many_siblings_is_the_exception():
    text = arch("""
        datastore A "A" { technology "Redis" }
        datastore B "B"
        datastore C "C"
    """)
    assert hits(text, "A305") == []
