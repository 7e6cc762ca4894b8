"""New, Open, Save, Save As, reload on outside change, autosave and recovery.

Kept apart from the window's layout so the rules about never losing work read in one
place: every path that would drop the text asks first, saves are atomic, and a recovery
copy exists whenever the text differs from the file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from archstudio.app import ahead
from archstudio.app.documents import Document
from archstudio.app.files import FileFormat, FileWatcher, LoadedFile, load_file, save_file
from archstudio.app.prompts import Unsaved
from archstudio.app.recovery import RecoveryStore
from archstudio.app.settings import AppSettings

NEW_TEXT = 'architecture "New architecture" {\n}\n'  # as `archstudio fmt` writes it
# A recovery copy is written this long after the first change it does not hold yet; the
# timer is not restarted by later changes, so steady typing still gets a copy this often.
AUTOSAVE_DELAY_MS = 1000


class FileCommands(QObject):
    recent_changed = Signal()
    status = Signal(str)  # a short message for the status bar
    loaded = Signal()  # a new or opened document replaced the window's text

    def __init__(self, window, document: Document, settings: AppSettings,
                 recovery: RecoveryStore) -> None:
        super().__init__(window)
        self.window = window  # asks through window.prompts, which tests may replace
        self.document = document
        self.settings = settings
        self.recovery = recovery
        self.watcher = FileWatcher(self)
        self.watcher.changed_on_disk.connect(self._changed_on_disk)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self.autosave_now)
        document.editor.document().contentsChanged.connect(self._schedule_autosave)

    @property
    def prompts(self):
        return self.window.prompts

    # -- asking before work is lost --------------------------------------------------
    def may_discard(self) -> bool:
        """True when the current text may go: it is saved, saved now, or given up."""
        if not self.document.modified:
            return True
        answer = self.prompts.unsaved_changes(self.document.display_name)
        if answer is Unsaved.SAVE:
            return self.save()
        return answer is Unsaved.DISCARD

    def close(self) -> bool:
        if not self.may_discard():
            return False
        self._autosave_timer.stop()
        self.recovery.discard()
        self.watcher.watch(None, None)
        return True

    # -- new and open ----------------------------------------------------------------
    def new(self, text: str = NEW_TEXT) -> bool:
        """A new untitled document (with ``text``, a lesson's start, say)."""
        if not self.may_discard():
            return False
        self.recovery.track(None)
        self.document.load(text, None, FileFormat())
        self.watcher.watch(None, None)
        editor = self.document.editor
        cursor = editor.textCursor()
        cursor.setPosition(text.find("{") + 1)  # Enter here starts the first statement
        editor.setTextCursor(cursor)
        self.offer_recovery()  # untitled work of a crashed session, if any is left
        self.loaded.emit()
        return True

    def open_dialog(self) -> bool:
        directory = str(Path(self.document.path).parent) if self.document.path else str(
            Path.cwd())
        path = self.prompts.open_path(directory)
        return self.open_path(path) if path else False

    def open_path(self, path: str) -> bool:
        """Open a file in this window; a file that cannot be read leaves everything as is."""
        loaded = load_file(path)
        if loaded.text is None:
            self.prompts.error("Cannot open file", loaded.problem or "unreadable file")
            if not Path(path).exists():
                self.settings.remove_recent(str(Path(path).resolve()))
                self.recent_changed.emit()
            return False
        if not self.may_discard():
            return False
        ahead.start(loaded.text)  # a big file laid out while the editor takes the text
        self.recovery.track(loaded.path)
        self.document.load(loaded.text, loaded.path, loaded.format)
        self.watcher.watch(self.document.path, loaded.text)
        self.settings.add_recent(loaded.path)
        self.recent_changed.emit()
        self.status.emit(f"Opened {self.document.path}")
        self.loaded.emit()
        self.offer_recovery()
        return True

    def offer_recovery(self) -> bool:
        """Offer work crashed sessions left on this document, newest first; True if one
        was restored. A window holds one text, so after a restore the other copies stay
        on disk for the next window (several untitled windows may have crashed at once);
        only what was restored, declined or is already here is removed."""
        for orphan in self.recovery.orphans(self.document.path):
            if orphan.text == self.document.editor.text():
                RecoveryStore.forget(orphan)
                continue
            accepted = self.prompts.restore_recovery(self.document.display_name,
                                                     orphan.saved_at_text)
            RecoveryStore.forget(orphan)
            if accepted:
                self.document.editor.replace_all(orphan.text)
                self.document.reparse_now()
                return True
        return False

    # -- save ----------------------------------------------------------------------
    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        suggestion = self.document.path or str(Path.cwd() / "architecture.arch")
        path = self.prompts.save_path(suggestion)
        if not path:
            return False
        if not self._write(path):
            return False
        self.recovery.track(path)
        self.document.set_path(path)
        self.watcher.watch(self.document.path, self.document.editor.text())
        self.settings.add_recent(path)
        self.recent_changed.emit()
        return True

    def _write(self, path: str) -> bool:
        text = self.document.editor.text()
        problem = save_file(path, text, self.document.format)
        if problem is not None:
            self.prompts.error("Cannot save", problem)
            return False
        self.document.format = self.document.format.after_write(text)
        self.watcher.set_known_text(text)
        self.document.editor.document().setModified(False)
        self.recovery.discard()
        self.status.emit(f"Saved {path}")
        return True

    # -- outside changes and autosave -------------------------------------------------
    def _changed_on_disk(self, loaded: LoadedFile) -> None:
        if loaded.text is None or loaded.text == self.document.editor.text():
            return
        if self.prompts.reload_changed_file(self.document.display_name, self.document.modified):
            self.document.editor.replace_all(loaded.text)  # undoable: nothing is lost
            self.document.format = loaded.format
            self.document.editor.document().setModified(False)
            self.document.reparse_now()
            self.status.emit(f"Reloaded {self.document.display_name}")

    def _schedule_autosave(self, _result: object = None) -> None:
        if not self._autosave_timer.isActive():
            self._autosave_timer.start()

    def autosave_now(self) -> None:
        """Keep a recovery copy while the text differs from the file (none otherwise)."""
        self._autosave_timer.stop()
        if self.document.modified:
            self.recovery.save(self.document.editor.text())
        else:
            self.recovery.discard()
