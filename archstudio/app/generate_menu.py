"""The Generate menu: one entry per installed generator (bundled or third-party, through
the ``archstudio.generators`` entry points), and a preview of the files before any is
saved, so what lands on disk is what was read."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from archstudio.generate import Generator, Output


class GeneratePreview(QDialog):
    """The files one generator made: names on the left, the selected file's text on the
    right, the generator's warnings below, and Save to Folder…"""

    def __init__(self, generator: Generator, output: Output, model_name: str,
                 prompts, suggested_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("generatePreview")
        self.setWindowTitle(f"Generate {generator.title}")
        self.output = output
        self.saved_to: Path | None = None
        self._prompts = prompts
        self._suggested_folder = suggested_folder
        count = len(output.files)
        summary = QLabel(f"{count} file{'s' if count != 1 else ''} from “{model_name}”. "
                         "Nothing is written until you save.")
        summary.setTextFormat(Qt.TextFormat.PlainText)
        self.files = QListWidget()
        self.files.setObjectName("generatedFiles")
        self.files.addItems(sorted(output.files))
        self.text = QPlainTextEdit()
        self.text.setObjectName("generatedText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        splitter = QSplitter()
        splitter.addWidget(self.files)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 720])
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(splitter, 1)
        self.warnings = QPlainTextEdit("\n".join(output.warnings))
        self.warnings.setObjectName("generateWarnings")
        self.warnings.setReadOnly(True)
        self.warnings.setMaximumHeight(90)
        self.warnings.setVisible(bool(output.warnings))
        if output.warnings:
            layout.addWidget(QLabel("Guesses the generator made; set these properties in the "
                                    "text to decide them yourself:"))
            layout.addWidget(self.warnings)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton("Save to Folder…")
        self.save_button.setObjectName("saveGenerated")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        layout.addWidget(buttons)
        self.files.currentTextChanged.connect(self._show)
        self.files.setCurrentRow(0)
        self.resize(1000, 640)

    def _show(self, name: str) -> None:
        self.text.setPlainText(self.output.files.get(name, ""))

    def save(self) -> bool:
        from archstudio.generate import GenerateError, write_output

        folder = self._prompts.generate_folder(self._suggested_folder)
        if not folder:
            return False
        try:
            write_output(self.output, folder)
        except (GenerateError, OSError) as problem:
            reason = problem.strerror if isinstance(problem, OSError) and problem.strerror \
                else str(problem)
            self._prompts.error("Cannot save generated files", f"{folder}: {reason}")
            return False
        self.saved_to = Path(folder)
        self.accept()
        return True


class GenerateCommands(QObject):
    """Runs a generator on the window's current text and shows the preview."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.preview: GeneratePreview | None = None

    def suggested_folder(self, generator: Generator) -> str:
        path = self.window.document.path
        base = Path(path).parent if path else Path.home()
        return str(base / "generated" / generator.name)

    def run(self, generator: Generator) -> GeneratePreview | None:
        from archstudio.generate import GenerateError

        window = self.window
        model = window.document.reparse_now().model
        if model.has_errors:
            first = model.errors[0]
            window.prompts.error("Cannot generate", f"The text has {len(model.errors)} "
                                 f"error(s); the first, on line {first.span.line}: "
                                 f"{first.message}")
            return None
        try:
            output = generator.generate(model)
        except GenerateError as problem:
            window.prompts.error("Cannot generate", str(problem))
            return None
        self.preview = GeneratePreview(generator, output, model.name or "untitled",
                                       window.prompts, self.suggested_folder(generator), window)
        self.preview.accepted.connect(self._saved)
        self.preview.open()
        return self.preview

    def _saved(self) -> None:
        preview = self.preview
        if preview is not None and preview.saved_to is not None:
            count = len(preview.output.files)
            self.window.statusBar().showMessage(
                f"Saved {count} generated file{'s' if count != 1 else ''} to "
                f"{preview.saved_to}", 5000)


def install(window) -> GenerateCommands:
    """Add the Generate menu to a main window. Its entries are found when it first opens
    (finding the installed generators loads their packages: a tenth of a second the
    window's start need not wait for)."""
    commands = GenerateCommands(window)
    menu = window.menuBar().addMenu("&Generate")
    menu.setObjectName("generateMenu")

    def fill() -> None:
        menu.aboutToShow.disconnect(fill)
        _fill(window, menu, commands)

    menu.aboutToShow.connect(fill)
    return commands


def _fill(window, menu, commands: GenerateCommands) -> None:
    from archstudio.generate.discovery import discover

    found, broken = discover()
    for generator in found.values():
        action = QAction(f"{generator.title}…", window)
        action.setObjectName(f"generate_{generator.name}")
        action.setStatusTip(generator.description)
        action.triggered.connect(lambda _=False, g=generator: commands.run(g))
        menu.addAction(action)
    for entry in broken:
        action = QAction(f"{entry.name} (did not load)", window)
        action.setEnabled(False)
        action.setStatusTip(entry.reason)
        menu.addAction(action)
