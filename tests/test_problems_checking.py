"""Just after a file opens the architecture rules have not run yet: the Problems panel
says so instead of "No problems", and then shows the same rule problems on every open."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCharFormat
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

TRAINTICKET = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus" / \
    "trainticket.arch"


def _rows(window) -> list[str]:
    panel = window.problems
    return [panel.topLevelItem(i).text(0) for i in range(panel.topLevelItemCount())]


def _codes(window) -> list[str]:
    panel = window.problems
    return [panel.topLevelItem(i).text(2) for i in range(panel.topLevelItemCount())]


def test_problems_say_checking_until_the_rules_ran_and_every_open_agrees(make_window, qtbot,
                                                                         tmp_path):
    path = tmp_path / "trainticket.arch"
    path.write_text(TRAINTICKET.read_text(encoding="utf-8"), encoding="utf-8")
    seen = []
    for _ in range(2):
        window = make_window(path)
        window.show()
        assert _rows(window) == ["Checking the architecture rules…"]
        assert "No problems" not in _rows(window)
        qtbot.waitUntil(lambda w=window: "Checking" not in " ".join(_rows(w)), timeout=20000)
        seen.append(_codes(window))
        assert window.document.result.checked
        window.close()
    assert seen[0] == seen[1] == ["A202", "A202"]


def test_a_file_without_problems_says_no_problems_once_checked(make_window, qtbot, tmp_path):
    path = tmp_path / "tiny.arch"
    path.write_text('architecture "Tiny" {\n  person u "User"\n  external s "Shop"\n'
                    '  u -> s "buys"\n}\n', encoding="utf-8")
    window = make_window(path)
    assert _rows(window) == ["Checking the architecture rules…"]
    qtbot.waitUntil(lambda: window.document.result.checked, timeout=20000)
    assert _rows(window) == ["No problems"]
    window.document.load('architecture "Other" {\n}\n', None, window.document.format)
    assert _rows(window) == ["Checking the architecture rules…"]  # a new text: not yet


CYCLE = '''architecture "C" {
  container a "A"
  container b "B"
  container c "C"
  a -> b "calls"
  b -> c "calls"
'''


def test_a_file_opened_after_another_shows_none_of_the_others_rule_problems(
        make_window, qtbot, tmp_path):
    """The files share their first lines; the first's cycle warning sits on one of them.
    Until the rules ran on the second file it shows nothing of the first's."""
    first, second = tmp_path / "cycle.arch", tmp_path / "chain.arch"
    first.write_text(CYCLE + '  c -> a "calls"\n}\n', encoding="utf-8")
    second.write_text(CYCLE + "}\n", encoding="utf-8")
    window = make_window(first)
    window.document.check_rules_now()
    assert _codes(window) == ["A202"]
    assert window.files.open_path(str(second))
    assert [d.code for d in window.document.result.diagnostics] == []
    assert _rows(window) == ["Checking the architecture rules…"]
    assert all(s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline
               for s in window.editor.extraSelections())  # nothing underlined either
    qtbot.waitUntil(lambda: window.document.result.checked, timeout=20000)
    assert window.document.result.diagnostics == [] and "A202" not in _codes(window)
