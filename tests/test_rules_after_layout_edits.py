"""The architecture rules after an edit of the layout section alone (a drag, a resize):
they read nothing there, so what they found is moved along with the text instead of
checked again (app/documents.py); any other edit checks again. Either way the Problems
are those a fresh check of the text gives."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

import pytest
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.app import documents
from archstudio.app.parsing import rule_diagnostics
from archstudio.dsl import parse
from archstudio.model import Diagnostic
from archstudio.model.diagnostics import Severity

TEXT = """\
architecture "Shop" {
  person Customer "Customer"
  system Shop {
    container Api "API"
    datastore Db "Orders DB"
  }
  external Bank "Bank"
  Customer -> Shop.Api "browses"
  Customer -> Shop.Api "browses"
}

layout {
  Shop: 300, 200, 300, 310
  Shop.Api: 330, 260
}
"""
# the layout section first: an edit there moves every statement after it
LAYOUT_FIRST = TEXT[TEXT.index("layout {"):] + "\n" + TEXT[:TEXT.index("layout {")].rstrip() + "\n"


@pytest.fixture
def counted(monkeypatch):
    calls = []

    def counting(model, overrides=None):
        calls.append(model)
        return rule_diagnostics(model, overrides)

    monkeypatch.setattr(documents, "rule_diagnostics", counting)
    return calls


def _window(make_window, tmp_path, text: str):
    path = tmp_path / "shop.arch"
    path.write_text(text, encoding="utf-8")
    window = make_window(path)
    window.document.check_rules_now()
    return window


@pytest.fixture
def window(make_window, tmp_path):
    return _window(make_window, tmp_path, TEXT)


def _rules_of_a_fresh_check(text: str) -> list[tuple[str, str, int, int]]:
    model = parse(text)
    return sorted((d.code, d.message, d.span.start, d.span.end)
                  for d in rule_diagnostics(model))


def _rules_shown(window) -> list[tuple[str, str, int, int]]:
    model_codes = {id(d) for d in window.document.result.model.diagnostics}
    return sorted((d.code, d.message, d.span.start, d.span.end)
                  for d in window.document.result.diagnostics if id(d) not in model_codes)


def _replace(window, old: str, new: str) -> None:
    text = window.editor.text()
    cursor = window.editor.textCursor()
    start = window.editor.offsets().to_qt(text.index(old))
    end = window.editor.offsets().to_qt(text.index(old) + len(old))
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    cursor.insertText(new)


def test_a_layout_edit_moves_the_rules_findings_along_without_checking_again(
        window, counted):
    before = _rules_shown(window)
    assert any("line 8" in message for _, message, _, _ in before)  # the repeat, named
    _replace(window, "Shop.Api: 330, 260", "Shop.Api: 345, 275")  # a drag
    window.document.check_rules_now()
    _replace(window, "  Shop.Api: 345, 275\n", "  Shop.Api: 345, 275\n  Bank: 600, 40\n")
    window.document.check_rules_now()
    assert counted == []
    assert _rules_shown(window) == _rules_of_a_fresh_check(window.editor.text()) == before


def test_a_layout_edit_above_the_architecture_checks_again(make_window, tmp_path, counted):
    window = _window(make_window, tmp_path, LAYOUT_FIRST)
    counted.clear()
    _replace(window, "  Shop.Api: 330, 260\n", "  Shop.Api: 330, 260\n  Bank: 600, 40\n")
    window.document.check_rules_now()
    assert len(counted) == 1  # every statement after it moved (and a message names a line)
    shown = _rules_shown(window)
    assert any("line 14" in message for _, message, _, _ in shown)  # was 13
    assert shown == _rules_of_a_fresh_check(window.editor.text())


def test_an_edit_outside_the_layout_checks_again(window, counted):
    _replace(window, '  Customer -> Shop.Api "browses"\n}', '  Customer -> Bank "pays"\n}')
    window.document.check_rules_now()
    assert len(counted) == 1
    shown = _rules_shown(window)
    assert not any("repeats" in message for _, message, _, _ in shown)
    assert shown == _rules_of_a_fresh_check(window.editor.text())


def test_lines_added_above_a_line_any_message_names_check_again(
        make_window, tmp_path, monkeypatch):
    """Not only relations: a finding that names an element's line (no relation in the
    text at all) must not be moved along stale when a layout edit adds a line above it."""
    def naming_a_line(model, overrides=None):
        bank = model.elements["Bank"]
        return rule_diagnostics(model, overrides) + [Diagnostic(
            "test-line", Severity.ADVICE, f"Bank is declared on line {bank.span.line}",
            bank.span)]

    monkeypatch.setattr(documents, "rule_diagnostics", naming_a_line)
    no_relations = "\n".join(line for line in LAYOUT_FIRST.splitlines()
                             if "->" not in line) + "\n"
    window = _window(make_window, tmp_path, no_relations)
    assert any("line 12" in m for _, m, _, _ in _rules_shown(window))
    _replace(window, "  Shop.Api: 330, 260\n", "  Shop.Api: 330, 260\n  Bank: 600, 40\n")
    window.document.check_rules_now()
    shown = [m for _, m, _, _ in _rules_shown(window)]
    assert any("line 13" in m for m in shown) and not any("line 12" in m for m in shown)
