"""Help: the bundled language reference and rules, F1 on a keyword or a code, the
keyboard shortcuts sheet and About."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

from gesture_support import shop, shop_file  # noqa: F401  (fixtures)
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio import __version__
from archstudio.app.help_menu import docs_dir, topic_of, word_at


def put_cursor_on(window, word: str) -> None:
    offset = window.editor.text().index(word) + 1
    cursor = window.editor.textCursor()
    cursor.setPosition(offset)
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()


def test_topics():
    assert topic_of("A203") == ("rules.md", "A203")
    assert topic_of("E102") == ("language.md", "E102")
    assert topic_of("datastore") == ("language.md", "Elements")
    assert topic_of("->") == ("language.md", "Relations")
    assert topic_of("whatever")[1] is None
    assert word_at("a -> b", 2) == "->"
    assert word_at("  container Api", 5) == "container"


def test_the_help_menu_opens_the_bundled_docs(shop):
    assert docs_dir() is not None
    titles = [a.text().replace("&", "") for a in shop.help.menu.actions() if a.text()]
    assert titles[:4] == ["Help on This Word", "Language Reference", "Architecture Rules",
                          "Keyboard Shortcuts"]
    rules = next(a for a in shop.help.menu.actions() if "Rules" in a.text())
    rules.trigger()
    viewer = shop.help.viewer
    assert viewer.isVisible() and viewer.document_name == "rules.md"
    assert "A201" in viewer.browser.toPlainText()


def test_f1_on_a_keyword_opens_its_section(shop, qtbot):
    shop.activateWindow()
    put_cursor_on(shop, "datastore")
    qtbot.waitUntil(shop.editor.hasFocus)
    qtbot.keyClick(shop.editor, Qt.Key.Key_F1)
    viewer = shop.help.viewer
    assert viewer is not None and viewer.document_name == "language.md"
    assert viewer.current_heading() == "Elements"


def test_help_on_a_rule_code_at_the_cursor_opens_the_rule(shop, qtbot):
    shop.editor.appendPlainText("// A303 is the unlabeled-relation rule\n")
    put_cursor_on(shop, "A303")
    viewer = shop.help.help_at_cursor()
    assert viewer.document_name == "rules.md"
    assert viewer.current_heading().startswith("A303")


def test_the_shortcuts_sheet_lists_every_command_with_its_keys(shop):
    rows = dict((name, keys) for keys, name in shop.help.shortcut_rows())
    assert rows["Redo"].count(",") >= 1 and "Ctrl+Y" in rows["Redo"]
    assert rows["Actual Size"] == "Ctrl+0" and rows["Fit to Window"] == "Ctrl+1"
    assert rows["Find"] == "Ctrl+F" and "F3" in rows["Find Next"]
    dialog = shop.help.shortcuts_sheet()
    from PySide6.QtWidgets import QTableWidget
    table = dialog.findChild(QTableWidget)
    assert dialog.isVisible() and table.rowCount() == len(shop.help.shortcut_rows())
    assert table.item(0, 0).text() and table.item(0, 1).text()
    dialog.close()


def test_about_names_the_versions_and_the_licence(shop):
    box = shop.help.about()
    text = box.text()
    assert __version__ in text and qVersion() in text and pyside_version in text
    assert "MIT" in text
    box.close()
