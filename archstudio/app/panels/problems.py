"""The problems list: every diagnostic with its place; double-click jumps there.

Quick fixes come from a provider the window sets (the rules layer makes them), so this
widget knows nothing about how a fix is computed; it only asks for one to be applied.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QMenu,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from archstudio.app.plain import tooltip
from archstudio.model import Diagnostic, Severity

MAX_ROWS = 1000
_ROLE = Qt.ItemDataRole.UserRole
FixProvider = Callable[[Diagnostic], list]


class ProblemsList(QTreeWidget):
    sig_jump_requested = Signal(object)  # Diagnostic
    sig_fix_requested = Signal(object)  # QuickFix

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsList")
        self.setHeaderLabels(["Problem", "Line", "Code"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.itemActivated.connect(self._activated)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self._diagnostics: list[Diagnostic] = []
        self._signature: tuple = ()
        self._fix_provider: FixProvider | None = None
        style = QApplication.style()
        pixmap = QStyle.StandardPixmap
        self._icons = {
            Severity.ERROR: style.standardIcon(pixmap.SP_MessageBoxCritical),
            Severity.WARNING: style.standardIcon(pixmap.SP_MessageBoxWarning),
            Severity.ADVICE: style.standardIcon(pixmap.SP_MessageBoxInformation),
        }

    def set_fix_provider(self, provider: FixProvider | None) -> None:
        self._fix_provider = provider

    def diagnostics(self) -> list[Diagnostic]:
        return list(self._diagnostics)

    def set_diagnostics(self, diagnostics: list[Diagnostic], stale: bool = False,
                        checking: bool = False) -> None:
        """Show the problems; the list is rebuilt only when something about them changed.
        ``checking``: the architecture rules have not run yet (just after opening a file,
        before the first pause), so an empty list must not read as "No problems"."""
        signature = (stale, checking, tuple(
            (d.code, d.severity, d.span.start, d.span.end, d.message) for d in diagnostics))
        if signature == self._signature:
            return
        self._signature = signature
        self._diagnostics = list(diagnostics)
        self.setUpdatesEnabled(False)
        self.clear()
        items = []
        if stale:
            note = QTreeWidgetItem([
                "The diagram shows the last text that parsed; fix the syntax errors below "
                "to bring it up to date."])
            note.setForeground(0, QBrush(QColor("#bf8700")))
            items.append(note)
        for diagnostic in self._diagnostics[:MAX_ROWS]:
            item = QTreeWidgetItem([
                diagnostic.message, f"{diagnostic.span.line}:{diagnostic.span.column}",
                diagnostic.code])
            item.setIcon(0, self._icons[diagnostic.severity])
            item.setToolTip(0, tooltip(f"{diagnostic.severity.value} {diagnostic.code}: "
                                       f"{diagnostic.message}"))
            item.setData(0, _ROLE, diagnostic)
            items.append(item)
        hidden = len(self._diagnostics) - MAX_ROWS
        if hidden > 0:
            items.append(QTreeWidgetItem([f"… and {hidden} more"]))
        if checking or not items:
            note = QTreeWidgetItem(["Checking the architecture rules…" if checking
                                    else "No problems"])
            note.setForeground(0, QBrush(self.palette().placeholderText()))
            items.append(note)
        self.addTopLevelItems(items)
        self.setUpdatesEnabled(True)

    def diagnostic_of(self, item: QTreeWidgetItem | None) -> Diagnostic | None:
        return item.data(0, _ROLE) if item is not None else None

    def item_for(self, diagnostic: Diagnostic) -> QTreeWidgetItem | None:
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            if self.diagnostic_of(item) == diagnostic:
                return item
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        diagnostic = self.diagnostic_of(item)
        if diagnostic is not None:
            self.sig_jump_requested.emit(diagnostic)

    def fixes_for(self, diagnostic: Diagnostic) -> list:
        return self._fix_provider(diagnostic) if self._fix_provider else []

    def _context_menu(self, point: QPoint) -> None:
        item = self.itemAt(point)
        diagnostic = self.diagnostic_of(item)
        if diagnostic is None:
            return
        menu = QMenu(self)
        menu.addAction("Go to problem", lambda: self.sig_jump_requested.emit(diagnostic))
        fixes = self.fixes_for(diagnostic)
        if fixes:
            menu.addSeparator()
        for fix in fixes:
            menu.addAction(f"Fix: {fix.title}", lambda f=fix: self.sig_fix_requested.emit(f))
        menu.addSeparator()
        menu.addAction("Copy message", lambda: QApplication.clipboard().setText(
            f"{diagnostic.span.line}:{diagnostic.span.column}: {diagnostic.code} "
            f"{diagnostic.message}"))
        menu.exec(self.viewport().mapToGlobal(point))
