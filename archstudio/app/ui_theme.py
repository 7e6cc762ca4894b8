"""Light and dark palettes for the UI (never for exports: those use the light diagram theme).

The editor colours (syntax, current line, diagnostics) are kept here too, so switching the
theme changes the whole window consistently.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from archstudio.model import Severity


@dataclass(frozen=True, slots=True)
class EditorColors:
    background: str
    text: str
    gutter: str
    gutter_text: str
    current_line: str
    statement: str  # the statement of the selected element
    keyword: str
    kind: str
    property: str
    string: str
    comment: str
    arrow: str
    number: str
    error: str
    warning: str
    advice: str

    def severity(self, severity: Severity) -> QColor:
        return QColor({Severity.ERROR: self.error, Severity.WARNING: self.warning}.get(
            severity, self.advice))


@dataclass(frozen=True, slots=True)
class UiTheme:
    name: str
    window: str
    base: str
    alternate: str
    text: str
    button: str
    highlight: str
    highlighted_text: str
    mid: str
    disabled_text: str
    editor: EditorColors

    def palette(self) -> QPalette:
        palette = QPalette()
        role = QPalette.ColorRole
        for which, colour in (
            (role.Window, self.window), (role.Base, self.base),
            (role.AlternateBase, self.alternate), (role.Text, self.text),
            (role.WindowText, self.text), (role.ButtonText, self.text),
            (role.Button, self.button), (role.Highlight, self.highlight),
            (role.HighlightedText, self.highlighted_text), (role.ToolTipBase, self.base),
            (role.ToolTipText, self.text), (role.Mid, self.mid), (role.PlaceholderText, self.mid),
            (role.Link, self.highlight),
        ):
            palette.setColor(which, QColor(colour))
        for which in (role.Text, role.WindowText, role.ButtonText):
            palette.setColor(QPalette.ColorGroup.Disabled, which, QColor(self.disabled_text))
        return palette


LIGHT_UI = UiTheme(
    name="light", window="#f3f4f6", base="#ffffff", alternate="#f7f8fa", text="#1f2328",
    button="#eceef1", highlight="#2f6fde", highlighted_text="#ffffff", mid="#9aa1ab",
    disabled_text="#a0a6ae",
    editor=EditorColors(
        background="#ffffff", text="#1f2328", gutter="#f3f4f6", gutter_text="#8b929b",
        current_line="#f2f6fc", statement="#fff3c4", keyword="#8f2bb3", kind="#0b57d0",
        property="#7a4a00", string="#0a7a3b", comment="#7d8590", arrow="#c2410c",
        number="#0e7490", error="#d1242f", warning="#bf8700", advice="#0969da",
    ),
)

DARK_UI = UiTheme(
    name="dark", window="#23262b", base="#1b1d21", alternate="#25282d", text="#dde1e6",
    button="#2e3238", highlight="#3d7be0", highlighted_text="#ffffff", mid="#6e7681",
    disabled_text="#6e7681",
    editor=EditorColors(
        background="#1b1d21", text="#dde1e6", gutter="#23262b", gutter_text="#6e7681",
        current_line="#262a30", statement="#4a4120", keyword="#d2a8ff", kind="#79b8ff",
        property="#e3b341", string="#7ee787", comment="#8b949e", arrow="#ffa657",
        number="#56d4dd", error="#ff6b6b", warning="#e3b341", advice="#58a6ff",
    ),
)

THEMES = {"light": LIGHT_UI, "dark": DARK_UI}


def apply_ui_theme(app: QApplication, name: str) -> UiTheme:
    """Fusion style with our palette: it looks the same on every platform and honours dark."""
    theme = THEMES.get(name, LIGHT_UI)
    app.setStyle("Fusion")
    app.setPalette(theme.palette())
    return theme
