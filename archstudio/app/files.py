"""Reading, saving and watching `.arch` files.

The editor works on text with ``\\n`` line ends; :class:`FileFormat` remembers what the file
had (CRLF, a UTF-8 BOM) so a save gives back the author's bytes exactly, except for what
the app changed. Saves go through :class:`QSaveFile`: the old file stays intact until
the new one is complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QSaveFile, Signal

from archstudio.dsl import read_source

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class FileFormat:
    newline: str = "\n"
    bom: bool = False

    def encode(self, text: str) -> bytes:
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        data = text.encode("utf-8")
        return BOM + data if self.bom else data


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """The editor's text of a file and how to write it back, or why it cannot be opened."""

    path: str
    text: str | None
    format: FileFormat
    problem: str | None = None


def load_file(path: str | Path) -> LoadedFile:
    """Read a file for editing; unreadable, binary, non-UTF-8 or huge files give a message."""
    name = str(path)
    source = read_source(name)
    if source.text is None:
        message = source.diagnostics[0].message  # says where, when there is a place
        return LoadedFile(name, None, FileFormat(), f"Cannot open {Path(name).name}: {message}.")
    text = source.text
    newline = "\r\n" if "\r\n" in text else "\n"
    if newline != "\n":
        text = text.replace("\r\n", "\n")
    try:
        with open(name, "rb") as handle:
            bom = handle.read(3) == BOM
    except OSError:
        bom = False
    return LoadedFile(name, text, FileFormat(newline, bom))


def save_file(path: str | Path, text: str, file_format: FileFormat) -> str | None:
    """Write atomically; returns an error message, or None when the file was saved."""
    saver = QSaveFile(str(path))
    if not saver.open(QSaveFile.OpenModeFlag.WriteOnly):
        return f"Cannot save {Path(path).name}: {saver.errorString()}"
    data = file_format.encode(text)
    if saver.write(data) != len(data):
        message = saver.errorString()
        saver.cancelWriting()
        return f"Cannot save {Path(path).name}: {message}"
    if not saver.commit():
        return f"Cannot save {Path(path).name}: {saver.errorString()}"
    return None


class FileWatcher(QObject):
    """Says when the watched file's text really differs from what the app knows it to be.

    Saving through QSaveFile replaces the file, which makes QFileSystemWatcher drop it, so
    the path is re-added after every notification.
    """

    changed_on_disk = Signal(object)  # the LoadedFile now on disk

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._path: str | None = None
        self._known: str | None = None

    def watch(self, path: str | None, known_text: str | None) -> None:
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        self._path = path
        self._known = known_text
        if path:
            self._watcher.addPath(path)

    def set_known_text(self, text: str) -> None:
        """After our own save: this content is not news."""
        self._known = text
        self._rewatch()

    def check_now(self) -> None:
        """Compare the disk with what we know (also what the Qt notification triggers)."""
        self._on_file_changed(self._path or "")

    def _rewatch(self) -> None:
        if self._path and self._path not in self._watcher.files() and Path(self._path).exists():
            self._watcher.addPath(self._path)

    def _on_file_changed(self, _path: str) -> None:
        if not self._path:
            return
        self._rewatch()
        if not Path(self._path).exists():
            return  # deleted or mid-replace; our copy is kept and a save recreates it
        loaded = load_file(self._path)
        if loaded.text is not None and loaded.text == self._known:
            return
        self._known = loaded.text
        self.changed_on_disk.emit(loaded)
