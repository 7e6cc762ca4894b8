"""Every question the app asks a person, in one overridable place.

Tests (and scripted use) replace a :class:`Prompts` with a subclass that answers at once,
so no dialog ever blocks.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

ARCH_FILTER = "Architecture files (*.arch);;All files (*)"
EXPORT_FILTER = ("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;"
                 "Graphviz DOT (*.dot *.gv);;Mermaid flowchart (*.mmd);;"
                 "Structurizr DSL (*.dsl);;D2 (*.d2);;LikeC4 (*.c4);;PlantUML C4 (*.puml)")


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def _message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                 buttons: QMessageBox.StandardButton,
                 default: QMessageBox.StandardButton) -> QMessageBox.StandardButton:
    """A message box whose text is plain: file names and messages may quote a file's text,
    which must never be read as HTML."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(default)
    return QMessageBox.StandardButton(box.exec())


def _question(parent: QWidget | None, title: str, text: str,
              buttons: QMessageBox.StandardButton | None = None,
              default: QMessageBox.StandardButton | None = None) -> QMessageBox.StandardButton:
    standard = QMessageBox.StandardButton
    return _message_box(parent, QMessageBox.Icon.Question, title, text,
                        buttons or (standard.Yes | standard.No), default or standard.Yes)


class Prompts:
    """Real dialogs, parented to the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def unsaved_changes(self, name: str) -> Unsaved:
        buttons = QMessageBox.StandardButton
        answer = _question(
            self.parent, "Unsaved changes",
            f"“{name}” has changes that are not saved. Save them first?",
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        return {buttons.Save: Unsaved.SAVE, buttons.Discard: Unsaved.DISCARD}.get(
            answer, Unsaved.CANCEL)

    def reload_changed_file(self, name: str, modified: bool) -> bool:
        extra = " Your unsaved changes would be replaced (Undo brings them back)." if modified \
            else ""
        answer = _question(
            self.parent, "File changed on disk",
            f"“{name}” was changed by another program. Reload it?{extra}")
        return answer == QMessageBox.StandardButton.Yes

    def restore_recovery(self, name: str, saved_at: str) -> bool:
        answer = _question(
            self.parent, "Recover unsaved work",
            f"ArchStudio did not close normally. Unsaved work on “{name}” from {saved_at} "
            "was kept. Restore it?")
        return answer == QMessageBox.StandardButton.Yes

    def rule_severities(self, overrides: dict[str, str]) -> dict[str, str] | None:
        """The Rules dialog: the new overrides, or None when cancelled."""
        from archstudio.app.rule_settings import RuleSettingsDialog

        dialog = RuleSettingsDialog(overrides, self.parent)
        return dialog.overrides() if dialog.exec() == RuleSettingsDialog.DialogCode.Accepted \
            else None

    def error(self, title: str, message: str) -> None:
        standard = QMessageBox.StandardButton
        _message_box(self.parent, QMessageBox.Icon.Warning, title, message, standard.Ok,
                     standard.Ok)

    def inform(self, title: str, message: str) -> None:
        """Something the person should know about what was just done (not a failure)."""
        standard = QMessageBox.StandardButton
        _message_box(self.parent, QMessageBox.Icon.Information, title, message, standard.Ok,
                     standard.Ok)

    def open_path(self, directory: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "Open architecture", directory,
                                              ARCH_FILTER)
        return path or None

    def save_path(self, suggestion: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, "Save architecture as", suggestion,
                                              ARCH_FILTER)
        if path and not path.endswith(".arch") and "." not in path.rsplit("/", 1)[-1]:
            path += ".arch"
        return path or None

    def import_path(self, directory: str, filters: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "Import diagram", directory, filters)
        return path or None

    def export_path(self, suggestion: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, "Export diagram", suggestion,
                                              EXPORT_FILTER)
        return path or None

    def choose(self, title: str, label: str, items: list[str]) -> str | None:
        """One of ``items`` (typing filters and completes), or None when cancelled."""
        if not items:
            return None
        item, ok = QInputDialog.getItem(self.parent, title, label, items, 0, True)
        return item if ok and item in items else None

    def generate_folder(self, suggestion: str) -> str | None:
        """The folder generated files are saved into."""
        path = QFileDialog.getExistingDirectory(self.parent, "Save generated files to",
                                                suggestion)
        return path or None
