"""Text from a `.arch` file (or its name) shown in Qt widgets that guess rich text.

Tooltips, QLabels and message boxes render a string as HTML when it looks like HTML, and
Qt's HTML can load resources: ``<img src=/dev/zero>`` in a technology value would make a
tooltip read that file. Every such string goes through here: :func:`tooltip` escapes it
and marks it as rich text on purpose (so the escaping is shown, not the entities), and
:func:`plain_label` makes a label plain text for good.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def tooltip(text: str) -> str:
    """A tooltip that shows ``text`` exactly (line breaks kept), whatever it holds."""
    if not text:
        return ""
    body = html.escape(text, quote=False).replace("\n", "<br>")
    return f"<p style='white-space:pre-wrap'>{body}</p>"


def plain_label(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
