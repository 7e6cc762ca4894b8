"""Text from a file never reaches Qt's rich-text rendering as markup: a technology, label
or method value such as ``<img src=...>`` shows as those characters in every tooltip,
label, list and message box (rich text could make Qt read any local file)."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItemIterator
from test_app_support import FakePrompts, config_dir, make_window  # noqa: F401

PAYLOAD = "<img src=/dev/zero>"
HOSTILE = f'''architecture "<b>Bold</b>" {{
  container A "<img src=/dev/zero> A" {{ technology "{PAYLOAD}" }}
  container B "B" {{ technology "{PAYLOAD}" }}
  container C "C" {{ technology "{PAYLOAD}" }}
  container D "D"
  operation Op "Op" {{ method "{PAYLOAD}" }}
  A -> B "{PAYLOAD}"
}}
'''


def might_be_rich_text(text: str) -> bool:
    """Qt's own guess, the one tooltips and auto-format labels make."""
    return QtGui.Qt.mightBeRichText(text)


def shown_as(text: str) -> str:
    """What Qt displays for a tooltip or an auto-format label."""
    if might_be_rich_text(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def tree_tooltips(tree: QTreeWidget) -> list[str]:
    found = []
    iterator = QTreeWidgetItemIterator(tree)
    while iterator.value():
        item = iterator.value()
        found.extend(item.toolTip(column) for column in range(tree.columnCount()))
        iterator += 1
    return [tip for tip in found if tip]


def assert_safe(texts: list[str]) -> None:
    for text in texts:
        assert "<img" not in text or not might_be_rich_text(text) or \
            PAYLOAD in shown_as(text), f"rich text reaches Qt: {text!r}"


def test_hostile_values_show_as_text_in_every_tooltip(make_window, tmp_path, monkeypatch):
    path = tmp_path / "hostile.arch"
    path.write_text(HOSTILE, encoding="utf-8")
    window = make_window(path)
    tips = tree_tooltips(window.problems)
    assert any(PAYLOAD in shown_as(tip) for tip in tips), "a rule message quotes the value"
    window.select_keys(["A"])
    tips += tree_tooltips(window.properties) + tree_tooltips(window.outline)
    shown: list[str] = []
    import archstudio.app.dsl_editor as dsl_editor
    monkeypatch.setattr(dsl_editor.QToolTip, "showText",
                        lambda pos, text, *rest: shown.append(text))
    diagnostic = next(d for d in window.document.result.diagnostics if PAYLOAD in d.message)
    window.editor.go_to(diagnostic.span.start)
    rect = window.editor.cursorRect()
    point = rect.center()
    window.editor.event(QHelpEvent(QEvent.Type.ToolTip, point,
                                   window.editor.viewport().mapToGlobal(point)))
    assert shown and any(PAYLOAD in shown_as(text) for text in shown)
    assert_safe(tips + shown)
    labels = [label.text() for label in window.findChildren(QLabel)
              if label.textFormat() != Qt.TextFormat.PlainText]
    assert_safe(labels)


def test_message_boxes_show_names_as_text(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from archstudio.app.prompts import Prompts

    seen: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(box) or 0)
    prompts = Prompts(None)
    prompts.error("Cannot open file", f"Cannot open {PAYLOAD}.arch: it is a folder.")
    prompts.unsaved_changes(f"{PAYLOAD}.arch")
    prompts.reload_changed_file(f"{PAYLOAD}.arch", True)
    prompts.restore_recovery(f"{PAYLOAD}.arch", "now")
    assert len(seen) == 4
    for box in seen:
        assert box.textFormat() == Qt.TextFormat.PlainText and PAYLOAD in box.text()


def test_a_tooltip_keeps_line_breaks_and_spaces():
    from archstudio.app.plain import tooltip

    text = "error E1: a  <b>b</b>\nwarning W2: c & d"
    assert shown_as(tooltip(text)) == text
