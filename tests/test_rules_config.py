"""Switching rules: file directives, the app's overrides, --strict, and the CLI output."""

from __future__ import annotations

import json

import pytest
from test_rules_support import arch, rules_of

from archstudio.cli import main
from archstudio.model import Severity

ORPHANS = 'service A "A"\nservice B "B"\n'


def codes(text: str, overrides=None) -> list[tuple[str, Severity]]:
    return [(d.code, d.severity) for d in rules_of(text, overrides)[1]]


def test_a_directive_switches_a_rule_off_by_name_or_code():
    assert ("A301", Severity.ADVICE) in codes(arch(ORPHANS))
    assert codes(arch("rule orphan off\n" + ORPHANS)) == []
    assert codes(arch("rule A301 off\n" + ORPHANS)) == []


def test_a_directive_changes_severity_and_can_name_several_rules():
    text = arch("rule orphan, empty-system error\n" + ORPHANS + 'system E "E" { }')
    assert codes(text) == [("A301", Severity.ERROR), ("A301", Severity.ERROR),
                           ("A304", Severity.ERROR)]


def test_an_unknown_rule_in_a_directive_is_reported_at_its_name_with_a_suggestion():
    text = arch("rule orphn off\n" + ORPHANS)
    model, found = rules_of(text)
    (problem,) = [d for d in found if d.code == "A001"]
    assert text[problem.span.start : problem.span.end] == "orphn"
    assert problem.data["suggestion"] == "orphan"
    assert problem.severity is Severity.WARNING


def test_an_unknown_severity_is_reported_at_the_severity():
    text = arch("rule orphan loud\n" + ORPHANS)
    (problem,) = [d for d in rules_of(text)[1] if d.code == "A002"]
    assert text[problem.span.start : problem.span.end] == "loud"
    assert "off, error, warning, advice" in problem.message
    # the directive is ignored, the rule keeps its default
    assert ("A301", Severity.ADVICE) in codes(text)


def test_overrides_from_the_app_and_the_file_winning_over_them():
    assert codes(arch(ORPHANS), {"orphan": "off"}) == []
    assert codes(arch(ORPHANS), {"A301": Severity.WARNING})[0] == ("A301", Severity.WARNING)
    text = arch("rule orphan advice\n" + ORPHANS)
    assert codes(text, {"orphan": None})[0] == ("A301", Severity.ADVICE)


def test_overrides_that_mean_nothing_are_programming_errors():
    with pytest.raises(ValueError, match="unknown rule 'nope'"):
        rules_of(arch(ORPHANS), {"nope": "off"})
    with pytest.raises(ValueError, match="unknown severity"):
        rules_of(arch(ORPHANS), {"orphan": "loud"})


def test_rules_do_not_run_on_text_with_syntax_errors_but_do_with_unknown_references():
    broken = arch(ORPHANS + 'A -> "x"')
    model, found = rules_of(broken)
    assert model.has_errors and found == []
    unresolved = arch(ORPHANS + 'service C "C"\nA -> Nowhere "x"')
    model, found = rules_of(unresolved)
    assert [d.code for d in model.errors] == ["E201"]
    assert [d.code for d in found] == ["A301", "A301"]  # B and C; A has a relation


@pytest.fixture
def shared_db(tmp_path):
    path = tmp_path / "shared.arch"
    path.write_text(arch(
        'service A "A"\nservice B "B"\ndatastore D "D"\nA -> D "x"\nB -> D "x"'
    ), encoding="utf-8")
    return path


def test_validate_prints_rule_problems_and_fails_on_warnings_only_when_strict(
    shared_db, capsys
):
    assert main(["validate", str(shared_db)]) == 0
    out = capsys.readouterr().out
    assert f"{shared_db}:4:13: warning A201 the datastore 'D' is shared by 2 services" in out
    assert main(["validate", "--strict", str(shared_db)]) == 1


def test_strict_ignores_advice(tmp_path, capsys):
    path = tmp_path / "advice.arch"
    path.write_text(arch(ORPHANS), encoding="utf-8")
    assert main(["validate", "--strict", str(path)]) == 0
    assert "advice A301" in capsys.readouterr().out


def test_validate_lists_fixes_in_text_and_json(shared_db, capsys):
    main(["validate", "--fixes", str(shared_db)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[lines.index(next(x for x in lines if "A201" in x)) + 1] == (
        "    fix: Give B a datastore of its own")
    main(["validate", "--fixes", "--format", "json", str(shared_db)])
    report = json.loads(capsys.readouterr().out)["files"][0]
    assert report["warnings"] == 1 and report["errors"] == 0
    (entry,) = [d for d in report["diagnostics"] if d["code"] == "A201"]
    assert entry["fixes"][0]["title"] == "Give B a datastore of its own"
    assert {"start", "end", "replacement"} <= set(entry["fixes"][0]["edits"][0])
