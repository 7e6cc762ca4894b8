"""Helpers for the rule tests, and the rule table's own promises (codes, names, docs)."""

from __future__ import annotations

import re
import textwrap

from conftest import ROOT

from archstudio.dsl import apply_edits, parse
from archstudio.model import Diagnostic, Model
from archstudio.rules import RULES, check, find_rule


def arch(body: str) -> str:
    """Wrap statements in an architecture block, indented by two spaces."""
    inner = textwrap.indent(textwrap.dedent(body).strip("\n"), "  ")
    return f'architecture "T" {{\n{inner}\n}}\n'


def rules_of(text: str, overrides=None) -> tuple[Model, list[Diagnostic]]:
    model = parse(text)
    return model, check(model, overrides)


def hits(text: str, code: str) -> list[str]:
    """The text under every diagnostic of one rule code."""
    _, found = rules_of(text)
    return [text[d.span.start : d.span.end] for d in found if d.code == code]


def only(text: str, code: str) -> Diagnostic:
    _, found = rules_of(text)
    matching = [d for d in found if d.code == code]
    assert len(matching) == 1, found
    return matching[0]


def apply_fix(text: str, diagnostic: Diagnostic, title: str) -> str:
    from archstudio.rules import quick_fixes

    fixes = quick_fixes(text, parse(text), diagnostic)
    chosen = [f for f in fixes if f.title == title]
    assert chosen, [f.title for f in fixes]
    return apply_edits(text, chosen[0].edits)


def test_codes_and_names_are_distinct_and_well_formed():
    names = [r.name for r in RULES.values()]
    assert len(set(names)) == len(names) == len(RULES) >= 17
    for code, entry in RULES.items():
        assert re.fullmatch(r"A[1-4]\d\d", code) and entry.code == code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", entry.name)
        assert entry.summary and "\n" not in entry.summary
        assert find_rule(entry.name) is entry and find_rule(code.lower()) is entry


def test_every_rule_has_a_section_in_docs_rules_md():
    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for code, entry in RULES.items():
        assert f"## {code} {entry.name}" in doc, code
        section = doc.split(f"## {code} ")[1].split("\n## ")[0]
        assert f"Default severity: {entry.severity.value}" in section, code
