"""The Rules dialog: how loud each architecture rule is in this app (Archi's validator
preferences are the model). A file's own ``rule`` directives still win, so a team's
committed choice is the same in every editor and in CI."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archstudio.rules import RULES

DEFAULT = "default"
CHOICES = (DEFAULT, "error", "warning", "advice", "off")


class RuleSettingsDialog(QDialog):
    """One row per rule: code, name, what it checks, its default and the chosen level."""

    def __init__(self, overrides: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ruleSettings")
        self.setWindowTitle("Architecture Rules")
        self.resize(900, 560)
        note = QLabel("How loud each rule is in this app. A file's own "
                      "<code>rule &lt;name&gt; off|error|warning|advice</code> lines win.")
        note.setWordWrap(True)
        self.table = QTableWidget(len(RULES), 5, self)
        self.table.setHorizontalHeaderLabels(["Code", "Rule", "What it checks", "Default",
                                              "Severity"])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._combos: dict[str, QComboBox] = {}
        for row, (code, rule) in enumerate(sorted(RULES.items())):
            for column, text in enumerate((code, rule.name, rule.summary, rule.severity.value)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(rule.summary)
                self.table.setItem(row, column, cell)
            combo = QComboBox()
            combo.addItems(CHOICES)
            combo.setCurrentText(overrides.get(code, DEFAULT))
            self.table.setCellWidget(row, 4, combo)
            self._combos[code] = combo
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def set_level(self, code: str, level: str) -> None:
        self._combos[code].setCurrentText(level)

    def restore_defaults(self) -> None:
        for combo in self._combos.values():
            combo.setCurrentText(DEFAULT)

    def overrides(self) -> dict[str, str]:
        """Only the rules set away from their default."""
        chosen = {code: combo.currentText() for code, combo in self._combos.items()}
        return {code: level for code, level in chosen.items()
                if level != DEFAULT and level != RULES[code].severity.value}
