"""Shared helpers for the desktop-app tests: prompts that answer at once, isolated settings.

Imported by tests/test_app_*.py; it holds no tests of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archstudio.app.prompts import Prompts, Unsaved

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "microservices-platform.arch"


class FakePrompts(Prompts):
    """Answers every question from its attributes and records what was asked."""

    def __init__(self) -> None:
        super().__init__(None)
        self.asked: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.unsaved = Unsaved.DISCARD
        self.reload = True
        self.restore = True
        self.open_answer: str | None = None
        self.save_answer: str | None = None
        self.export_answer: str | None = None
        self.choice: str | None = None

    def unsaved_changes(self, name: str) -> Unsaved:
        self.asked.append(("unsaved", name))
        return self.unsaved

    def reload_changed_file(self, name: str, modified: bool) -> bool:
        self.asked.append(("reload", name))
        return self.reload

    def restore_recovery(self, name: str, saved_at: str) -> bool:
        self.asked.append(("restore", name))
        return self.restore

    def error(self, title: str, message: str) -> None:
        self.errors.append(message)

    def inform(self, title: str, message: str) -> None:
        self.asked.append(("inform", message))

    def choose(self, title: str, label: str, items: list[str]) -> str | None:
        self.asked.append(("choose", title))
        return self.choice if self.choice in items else None

    def open_path(self, directory: str) -> str | None:
        return self.open_answer

    def save_path(self, suggestion: str) -> str | None:
        return self.save_answer

    def export_path(self, suggestion: str) -> str | None:
        return self.export_answer

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.asked]


@pytest.fixture
def config_dir(tmp_path, monkeypatch) -> Path:
    """Settings and recovery files of this test only."""
    path = tmp_path / "config"
    monkeypatch.setenv("ARCHSTUDIO_CONFIG_DIR", str(path))
    return path


@pytest.fixture
def make_window(qtbot, config_dir):
    from archstudio.app import MainWindow

    def make(path: str | Path | None = None, prompts: FakePrompts | None = None) -> MainWindow:
        window = MainWindow(str(path) if path else None, prompts=prompts or FakePrompts())
        qtbot.addWidget(window)
        return window

    return make


@pytest.fixture
def arch_file(tmp_path) -> Path:
    """A copy of the bundled example to edit freely."""
    path = tmp_path / "platform.arch"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


def type_at_end(qtbot, window, text: str) -> None:
    """Type like a person: real key events at the end of the text."""
    from PySide6.QtGui import QTextCursor

    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, text)


def insert_before_last_brace(window, text: str) -> None:
    """Put statements inside the architecture block, as a paste there would."""
    offset = window.editor.text().rstrip().rfind("}")
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.offsets().to_qt(offset))
    window.editor.setTextCursor(cursor)
    window.editor.insertPlainText(text)
