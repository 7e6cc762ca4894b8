"""Reading, saving and watching `.arch` files.

The editor works on text with ``\\n`` line ends; :class:`FileFormat` remembers what the file
had (CRLF, a UTF-8 BOM) so a save gives back the author's bytes exactly, except for what
the app changed. Saves go through :class:`QSaveFile`: the old file stays intact until
the new one is complete.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QSaveFile, QTimer, Signal

from archstudio.dsl import read_source
from archstudio.dsl.filetext import FileText

MISSING_POLL_MS = 250  # how often a deleted file is looked for again

@dataclass(frozen=True, slots=True)
class FileFormat:
    """How to write the editor's text back: the file as it was read (its BOM, each line's
    own ending, characters the editor shows as line breaks), or, for a new document, a
    line ending and whether to start with a BOM."""

    newline: str = "\n"
    bom: bool = False
    original: FileText | None = None

    def _file(self) -> FileText:
        return self.original or FileText.new("", self.newline, self.bom)

    def encode(self, text: str) -> bytes:
        return self._file().encode(text)

    def after_write(self, text: str) -> FileFormat:
        """The format of the file once ``text`` was written with :meth:`encode`."""
        file = self._file().after_write(text)
        return FileFormat(file.newline, file.bom, file)


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
    if source.text is None or source.file is None:
        message = source.diagnostics[0].message  # says where, when there is a place
        return LoadedFile(name, None, FileFormat(), f"Cannot open {Path(name).name}: {message}.")
    file = source.file
    return LoadedFile(name, source.text, FileFormat(file.newline, file.bom, file))


def save_file(path: str | Path, text: str, file_format: FileFormat) -> str | None:
    """Write atomically; returns an error message, or None when the file was saved. The
    file keeps its owner and group when the app may give them (saving as root)."""
    target = Path(path)
    try:
        data = file_format.encode(text)
    except UnicodeEncodeError as exc:
        return f"Cannot save {target.name}: the text holds a character UTF-8 cannot store " \
               f"(at offset {exc.start})"
    try:
        owner = target.stat()
    except OSError:
        owner = None
    saver = QSaveFile(str(path))
    if not saver.open(QSaveFile.OpenModeFlag.WriteOnly):
        return f"Cannot save {target.name}: {saver.errorString()}"
    if saver.write(data) != len(data):
        message = saver.errorString()
        saver.cancelWriting()
        return f"Cannot save {target.name}: {message}"
    if not saver.commit():
        return f"Cannot save {target.name}: {saver.errorString()}"
    if owner is not None:
        keep_owner(target, owner.st_uid, owner.st_gid)
    return None


def keep_owner(path: Path, uid: int, gid: int) -> None:
    """Give a replaced file back its owner and group (only root may; others keep theirs)."""
    try:
        now = path.stat()
        if (now.st_uid, now.st_gid) != (uid, gid):
            os.chown(path, uid, gid)
    except (OSError, AttributeError):
        pass  # not permitted (not root), or no chown on this system: the save itself stands


class FileWatcher(QObject):
    """Says when the watched file's text really differs from what the app knows it to be.

    Saving through QSaveFile replaces the file, which makes QFileSystemWatcher drop it, so
    the path is re-added after every notification. A file deleted (and maybe recreated
    later by another program) is looked for every :data:`MISSING_POLL_MS` until it is back.
    """

    changed_on_disk = Signal(object)  # the LoadedFile now on disk

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._missing = QTimer(self)
        self._missing.setInterval(MISSING_POLL_MS)
        self._missing.timeout.connect(self._look_again)
        self._path: str | None = None
        self._known: str | None = None

    def watch(self, path: str | None, known_text: str | None) -> None:
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        self._missing.stop()
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

    def _look_again(self) -> None:
        if self._path and Path(self._path).exists():
            self._missing.stop()
            self._on_file_changed(self._path)

    def _on_file_changed(self, _path: str) -> None:
        if not self._path:
            return
        self._rewatch()
        if not Path(self._path).exists():
            self._missing.start()  # deleted or mid-replace: our copy is kept meanwhile
            return
        loaded = load_file(self._path)
        if loaded.text is not None and loaded.text == self._known:
            return
        self._known = loaded.text
        self.changed_on_disk.emit(loaded)
