"""Syntax colours for the DSL editor: one regular-expression pass per line.

A statement's first word tells what it is (an element kind, ``architecture``/``layout``,
or a property key), which is all the colouring needs; the real parse runs elsewhere.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from archstudio.app.textpos import OffsetMap, utf16_length
from archstudio.app.ui_theme import EditorColors
from archstudio.model.kinds import KIND_KEYWORDS

IN_BLOCK_COMMENT = 1

_TOKENS = re.compile(
    r"""
      (?P<line_comment>//.*)
    | (?P<block_comment>/\*.*?(?:\*/|$))
    | (?P<string>"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?)
    | (?P<arrow>-\[[^\]\n]*\]->|->)
    | (?P<number>(?<![\w.])-?\d+(?:\.\d+)?)
    | (?P<word>[A-Za-z_]\w*(?:-\w+)*(?:\.[A-Za-z_]\w*(?:-\w+)*)*)
    | (?P<separator>[{};])
    """,
    re.VERBOSE,
)
_STRUCTURE_WORDS = frozenset({"architecture", "layout"})


def _format(colour: str, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colour))
    if bold:
        fmt.setFontWeight(QFont.Weight.DemiBold)
    fmt.setFontItalic(italic)
    return fmt


class ArchHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, colors: EditorColors) -> None:
        super().__init__(document)
        self.paused = False  # True: lines are left uncoloured (until ``rehighlight``)
        self.set_colors(colors, rehighlight=False)

    def set_colors(self, colors: EditorColors, rehighlight: bool = True) -> None:
        self._formats = {
            "comment": _format(colors.comment, italic=True),
            "string": _format(colors.string),
            "arrow": _format(colors.arrow, bold=True),
            "number": _format(colors.number),
            "kind": _format(colors.kind, bold=True),
            "keyword": _format(colors.keyword, bold=True),
            "property": _format(colors.property),
        }
        if rehighlight:
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        if self.paused:
            return
        if self.previousBlockState() != IN_BLOCK_COMMENT:
            stripped = text.lstrip()
            if stripped.startswith("//"):  # a comment line, the bulk of some files: no regex
                self.setCurrentBlockState(0)
                start = len(text) - len(stripped)
                self.setFormat(start, utf16_length(stripped), self._formats["comment"])
                return
        positions = OffsetMap(text)
        formats = self._formats

        def paint(start: int, end: int, name: str) -> None:
            qt_start = positions.to_qt(start)
            self.setFormat(qt_start, positions.to_qt(end) - qt_start, formats[name])

        self.setCurrentBlockState(0)
        pos = 0
        if self.previousBlockState() == IN_BLOCK_COMMENT:
            close = text.find("*/")
            if close == -1:
                paint(0, len(text), "comment")
                self.setCurrentBlockState(IN_BLOCK_COMMENT)
                return
            pos = close + 2
            paint(0, pos, "comment")
        statement_start = True
        is_relation = "->" in text
        for match in _TOKENS.finditer(text, pos):
            kind = match.lastgroup
            start, end = match.span()
            if kind == "separator":
                statement_start = True
                continue
            if kind in ("line_comment", "block_comment"):
                paint(start, end, "comment")
                if kind == "block_comment" and not match.group().endswith("*/"):
                    self.setCurrentBlockState(IN_BLOCK_COMMENT)
                continue
            if kind == "word" and statement_start:
                word = match.group()
                if word in _STRUCTURE_WORDS:
                    paint(start, end, "keyword")
                elif word in KIND_KEYWORDS:
                    paint(start, end, "kind")
                elif not is_relation and text[end:end + 1] != ":":
                    paint(start, end, "property")
            elif kind != "word":
                paint(start, end, kind)
            statement_start = False
