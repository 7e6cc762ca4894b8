"""Rule severities chosen in the app: the dialog, the settings, and the problems list."""
# ruff: noqa: F811  (pytest fixtures imported from the support module are parameters here)

from __future__ import annotations

from test_app_support import FakePrompts, config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.app.rule_settings import RuleSettingsDialog
from archstudio.app.settings import AppSettings
from archstudio.model import Severity

# Seed 000's starting point: five elements nobody connects yet (A301 orphan, advice).
LESSON = '''architecture "Microservices Platform" {
  person Customer "Online Customer"
  system ECommerce {
    container UserService "User Management"
    container OrderService "Order Processing"
    datastore UserDB "User Database"
  }
  Customer -> UserService "Logs in"
}
'''


class ChoosingPrompts(FakePrompts):
    """Answers the Rules dialog with a fixed choice and records what it was shown."""

    def __init__(self, choice: dict[str, str] | None) -> None:
        super().__init__()
        self.choice = choice
        self.shown: list[dict[str, str]] = []

    def rule_severities(self, overrides: dict[str, str]) -> dict[str, str] | None:
        self.shown.append(dict(overrides))
        return self.choice


def orphans(window) -> list:
    return [d for d in window.problems.diagnostics() if d.code == "A301"]


def test_dialog_keeps_only_rules_set_away_from_their_default(qtbot):
    dialog = RuleSettingsDialog({"A301": "off"})
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() > 10
    dialog.set_level("A303", "error")
    dialog.set_level("A201", "warning")  # A201's default: the same level, so not kept
    assert dialog.overrides() == {"A301": "off", "A303": "error"}
    dialog.restore_defaults()
    assert dialog.overrides() == {}


def test_switching_a_rule_off_hides_it_and_is_remembered(make_window, config_dir, tmp_path,
                                                         qtbot):
    path = tmp_path / "lesson.arch"
    path.write_text(LESSON, encoding="utf-8")
    window = make_window(path, ChoosingPrompts({"A301": "off"}))
    qtbot.waitUntil(lambda: len(orphans(window)) == 2)  # the rules follow the first paint
    assert {d.severity for d in orphans(window)} == {Severity.ADVICE}
    window.commands.rule_settings.trigger()
    assert orphans(window) == []
    assert AppSettings(config_dir).rule_overrides() == {"A301": "off"}
    again = make_window(path, ChoosingPrompts(None))  # a new window starts with the choice
    again.document.check_rules_now()
    assert orphans(again) == []
    again.commands.rule_settings.trigger()  # cancelled: nothing changes
    assert again.prompts.shown == [{"A301": "off"}]
    assert orphans(again) == []


def test_raising_a_rule_to_error_changes_the_listed_severity(make_window, tmp_path):
    path = tmp_path / "lesson.arch"
    path.write_text(LESSON, encoding="utf-8")
    window = make_window(path, ChoosingPrompts({"A301": "error"}))
    window.commands.rule_settings.trigger()
    assert {d.severity for d in orphans(window)} == {Severity.ERROR}
    assert len(orphans(window)) == 2


def test_a_files_own_directive_wins_over_the_app(make_window, tmp_path):
    path = tmp_path / "lesson.arch"
    path.write_text(LESSON.replace("{\n", "{\n  rule orphan warning\n", 1), encoding="utf-8")
    window = make_window(path, ChoosingPrompts({"A301": "off"}))
    window.commands.rule_settings.trigger()
    assert {d.severity for d in orphans(window)} == {Severity.WARNING}
