"""The DSL editor: a plain-text editor whose QTextDocument *is* the document.

Its undo stack is the app's one undo history, so every change (typing, quick fixes,
auto-arrange, reload) goes through :meth:`DslEditor.apply_edits` or
:meth:`DslEditor.replace_all` as one undoable step. Offsets in and out are Python string
offsets, as in the model's spans.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontDatabase,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from archstudio.app.highlighter import ArchHighlighter
from archstudio.app.plain import tooltip
from archstudio.app.textpos import OffsetMap
from archstudio.app.ui_theme import EditorColors
from archstudio.dsl import TextEdit
from archstudio.model import Diagnostic, Span

HIGHLIGHT_LIMIT = 2 * 1024 * 1024  # characters; past this the text is shown uncoloured
# characters: a longer text opened in a window not yet painted is coloured just after the
# first paint (colouring 2,000 elements' text takes a fifth of a second)
COLOURS_LATER = 20_000
MAX_UNDERLINES = 500  # past that, underlines only slow typing; the problems list has all


class _LineNumbers(QWidget):
    def __init__(self, editor: DslEditor) -> None:
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self._editor.paint_gutter(self, event)


class DslEditor(QPlainTextEdit):
    cursor_offset_changed = Signal(int)
    sig_fix_requested = Signal(object)  # a QuickFix chosen from the context menu

    def __init__(self, colors: EditorColors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dslEditor")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0))
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 2)
        self._colors = colors
        self._highlighter = ArchHighlighter(self.document(), colors)
        self._gutter = _LineNumbers(self)
        self._diagnostics: list[Diagnostic] = []
        self._fix_provider: Callable[[Diagnostic], list] | None = None
        self._underlines: list[QTextEdit.ExtraSelection] = []
        self._statement: QTextEdit.ExtraSelection | None = None
        self._map_cache: tuple[int, str, OffsetMap] | None = None
        self._painted_once = False
        self._colour_later = QTimer(self)  # started by the first paint of a big text
        self._colour_later.setSingleShot(True)
        self._colour_later.setInterval(0)
        self._colour_later.timeout.connect(self._colour_now)
        self._colour_pending = False
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._scroll_gutter)
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        self.set_colors(colors)
        self._update_gutter_width()

    # -- text and offsets -----------------------------------------------------------
    def text(self) -> str:
        """The document's text exactly (toPlainText would turn non-breaking spaces into
        spaces and so change the author's bytes)."""
        return self._cached()[1]

    def offsets(self) -> OffsetMap:
        return self._cached()[2]

    def _cached(self) -> tuple[int, str, OffsetMap]:
        revision = self.document().revision()
        if self._map_cache is None or self._map_cache[0] != revision:
            text = self.document().toRawText().replace("\u2029", "\n")
            self._map_cache = (revision, text, OffsetMap(text))
        return self._map_cache

    def set_text(self, text: str) -> None:
        """Start a new document: the undo history begins here. A very large text is shown
        without syntax colours (colouring hundreds of thousands of lines would make opening
        take many seconds)."""
        large = len(text) > HIGHLIGHT_LIMIT
        later = not large and len(text) > COLOURS_LATER and not self._painted_once
        self._highlighter.setDocument(None if large else self.document())
        self._highlighter.paused = later
        self.setPlainText(text)
        self.document().setModified(False)
        self._colour_pending = later  # a big file in a new window: the window paints first

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if self._colour_pending:
            self._colour_pending = False
            self._colour_later.start()

    def _colour_now(self) -> None:
        """Colour a text set before the first paint (the whole text, once)."""
        self._painted_once = True
        if self._highlighter.paused:
            self._highlighter.paused = False
            self._highlighter.rehighlight()

    def replace_all(self, text: str) -> None:
        """Replace the whole text as one undoable step (reload, restore)."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()

    def apply_edits(self, edits: list[TextEdit], join_previous: bool = False) -> None:
        """Apply text edits (offsets of the current text) as one undoable step, or as
        part of the previous step when ``join_previous`` (a gesture made of several)."""
        offsets = self.offsets()
        cursor = QTextCursor(self.document())
        # Each edit in an edit block of its own, the later ones joined to the first: still
        # one undo step, but the document announces (and the highlighter colours again)
        # each edited stretch apart, not everything between the first and the last edit
        # (a statement moved from a system near the top to the end of a 2,000-element
        # file had every line between coloured again).
        for index, edit in enumerate(sorted(edits, key=lambda e: (e.start, e.end),
                                            reverse=True)):
            if index or join_previous:
                cursor.joinPreviousEditBlock()
            else:
                cursor.beginEditBlock()
            cursor.setPosition(offsets.to_qt(edit.start))
            cursor.setPosition(offsets.to_qt(edit.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(edit.replacement)
            cursor.endEditBlock()

    def cursor_offset(self) -> int:
        return self.offsets().to_py(self.textCursor().position())

    def go_to(self, offset: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(min(self.offsets().to_qt(offset), self.document().characterCount() - 1))
        self.setTextCursor(cursor)
        self.centerCursor()

    def _on_cursor_moved(self) -> None:
        self._refresh_selections()
        self.cursor_offset_changed.emit(self.cursor_offset())

    # -- marks: current line, selected statement, diagnostics ------------------------
    def set_colors(self, colors: EditorColors) -> None:
        self._colors = colors
        self.setStyleSheet(
            f"QPlainTextEdit {{ background: {colors.background}; color: {colors.text}; "
            "border: none; }")
        self._highlighter.set_colors(colors)
        self._underlines = self._build_underlines()
        self._refresh_selections()
        self._gutter.update()

    def set_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        self._diagnostics = diagnostics
        self._underlines = self._build_underlines()
        self._refresh_selections()

    def diagnostics_at(self, offset: int) -> list[Diagnostic]:
        return [d for d in self._diagnostics
                if d.span.start <= offset < max(d.span.end, d.span.start + 1)]

    # -- quick fixes -----------------------------------------------------------------
    def set_fix_provider(self, provider: Callable[[Diagnostic], list] | None) -> None:
        """Where fixes come from (the window asks the rules layer); none, no fix entries."""
        self._fix_provider = provider

    def context_menu_at(self, offset: int) -> QMenu:
        """The usual editing menu, with the quick fixes of the problems under ``offset``
        on top, so a problem can be fixed where it is underlined."""
        menu = self.createStandardContextMenu()
        first = menu.actions()[0] if menu.actions() else None
        fixes = []
        if self._fix_provider is not None:
            for diagnostic in self.diagnostics_at(offset):
                fixes += self._fix_provider(diagnostic)
        for fix in fixes:
            action = QAction(f"Fix: {fix.title}", menu)
            action.triggered.connect(lambda _checked=False, f=fix: self.sig_fix_requested.emit(f))
            menu.insertAction(first, action)
        if fixes and first is not None:
            menu.insertSeparator(first)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt's name)
        offset = self.offsets().to_py(self.cursorForPosition(event.pos()).position())
        menu = self.context_menu_at(offset)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def highlight_statement(self, span: Span | None, reveal: bool = False) -> None:
        """Mark the statement of the selected element (``reveal`` scrolls it into view)."""
        if span is None:
            self._statement = None
        else:
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(QColor(self._colors.statement))
            selection.cursor = self._cursor_for(span.start, span.end)
            self._statement = selection
            if reveal:
                cursor = self.textCursor()
                cursor.setPosition(self.offsets().to_qt(span.start))
                self.blockSignals(True)
                self.setTextCursor(cursor)
                self.blockSignals(False)
                self.ensureCursorVisible()
        self._refresh_selections()

    def highlighted_statement(self) -> tuple[int, int] | None:
        if self._statement is None:
            return None
        offsets = self.offsets()
        cursor = self._statement.cursor
        return offsets.to_py(cursor.selectionStart()), offsets.to_py(cursor.selectionEnd())

    def _cursor_for(self, start: int, end: int) -> QTextCursor:
        offsets = self.offsets()
        last = self.document().characterCount() - 1
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(offsets.to_qt(start), last))
        cursor.setPosition(min(offsets.to_qt(end), last), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _build_underlines(self) -> list[QTextEdit.ExtraSelection]:
        out = []
        text_length = len(self.text())
        for diagnostic in self._diagnostics[:MAX_UNDERLINES]:
            start, end = diagnostic.span.start, diagnostic.span.end
            if end <= start:  # a point: underline the character before or after it
                start, end = (start - 1, start) if start >= text_length else (start, start + 1)
            selection = QTextEdit.ExtraSelection()
            selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            selection.format.setUnderlineColor(self._colors.severity(diagnostic.severity))
            selection.cursor = self._cursor_for(max(0, start), end)
            out.append(selection)
        return out

    def _refresh_selections(self) -> None:
        line = QTextEdit.ExtraSelection()
        line.format.setBackground(QColor(self._colors.current_line))
        line.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        cursor = self.textCursor()
        cursor.clearSelection()
        line.cursor = cursor
        selections = [line]
        if self._statement is not None:
            selections.append(self._statement)
        self.setExtraSelections(selections + self._underlines)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cursor = self.cursorForPosition(self.viewport().mapFromGlobal(event.globalPos()))
            found = self.diagnostics_at(self.offsets().to_py(cursor.position()))
            if found:
                QToolTip.showText(event.globalPos(), tooltip("\n".join(
                    f"{d.severity.value} {d.code}: {d.message}" for d in found)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # -- line numbers ----------------------------------------------------------------
    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 14 + self.fontMetrics().horizontalAdvance("9") * max(3, digits)

    def _update_gutter_width(self, _count: int = 0) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        area = self.contentsRect()
        self._gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(),
                                       area.height()))

    def paint_gutter(self, gutter: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(gutter)
        painter.fillRect(event.rect(), QColor(self._colors.gutter))
        painter.setFont(self.font())
        block = self.firstVisibleBlock()
        number = block.blockNumber()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        current = self.textCursor().blockNumber()
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                painter.setPen(QColor(self._colors.text if number == current
                                      else self._colors.gutter_text))
                painter.drawText(0, top, gutter.width() - 8, height,
                                 int(Qt.AlignmentFlag.AlignRight), str(number + 1))
            block = block.next()
            top = bottom
            number += 1
        painter.end()
