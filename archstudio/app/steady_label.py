"""A status bar label whose size changes only when its text no longer fits.

A label given a new text asks its parent for a new layout whenever its size may change,
and in the status bar that reaches the main window: every dock laid out again, animated,
on each cursor move, keystroke and drop (about 1-3 ms, and another frame of the whole
window before the canvas's). A label of fixed size asks nothing, so this one keeps a
fixed size that only grows, when a longer text would not fit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

SLACK_PX = 8  # room beyond the text, so a text a digit longer still fits


class SteadyLabel(QLabel):
    """Plain text; its width grows to the widest text shown, its height is one line."""

    def __init__(self, sample: str = "") -> None:
        """``sample``: a text as wide as most it will show (the width it starts with)."""
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setFixedSize(0, self.sizeHint().height())
        self.setText(sample)
        self.setText("")

    def setText(self, text: str) -> None:  # noqa: N802  (Qt's name)
        margins = self.contentsMargins()
        needed = (self.fontMetrics().horizontalAdvance(text) + margins.left()
                  + margins.right() + 2 * self.margin() + SLACK_PX)
        if needed > self.maximumWidth():
            self.setFixedWidth(needed)
        super().setText(text)
