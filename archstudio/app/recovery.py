"""Autosave and crash recovery.

After each change the editor's text is written to a recovery file beside a small JSON note
(which document, which process, when). A clean close or a save removes both. A window that
opens a document finds a note left by a process that is no longer running and offers the
text back; notes of running processes are theirs and are left alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

UNTITLED = "untitled"


def _replace(path: Path, text: str) -> None:
    partial = path.with_suffix(path.suffix + ".part")
    partial.write_text(text, encoding="utf-8", newline="")
    os.replace(partial, path)


def process_start(pid: int) -> str | None:
    """What tells this process apart from a later one given the same id (after a reboot,
    or once ids wrap): the boot's id and the process's start time, where the system says
    (Linux); None elsewhere."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        fields = stat[stat.rindex(")") + 2 :].split()
        return f"{boot}:{fields[19]}"  # field 22 of stat: start time since boot
    except (OSError, ValueError, IndexError):
        return None


def _process_alive(pid: int, started: str | None = None) -> bool:
    """Whether the process that wrote a note still runs: its id is in use and, when the
    note says when it started, by that same process."""
    if started is not None:
        now = process_start(pid)
        if now is not None:
            return now == started
        if not Path("/proc/self/stat").exists():
            started = None  # no way to tell here: the id alone decides
        else:
            return False  # the id is not in use
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


_STARTED = process_start(os.getpid())


@dataclass(frozen=True, slots=True)
class Recoverable:
    """Work left behind by a process that ended without closing its document."""

    document: str  # the file's path, or "untitled"
    text: str
    saved_at: float
    note_path: Path

    @property
    def saved_at_text(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.saved_at))


class RecoveryStore:
    """The recovery files of one document in one process."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self._document = UNTITLED
        self._stem = self._stem_for(UNTITLED)

    def _stem_for(self, document: str) -> str:
        digest = hashlib.sha1(document.encode("utf-8", "surrogateescape")).hexdigest()[:16]
        return f"{digest}-{os.getpid()}-{id(self):x}"

    @property
    def text_path(self) -> Path:
        return self.directory / f"{self._stem}.arch"

    @property
    def note_path(self) -> Path:
        return self.directory / f"{self._stem}.json"

    def track(self, document: str | None) -> None:
        """Follow a newly opened (or renamed) document; the old one's files go."""
        self.discard()
        self._document = str(Path(document).resolve()) if document else UNTITLED
        self._stem = self._stem_for(self._document)

    def save(self, text: str) -> None:
        """Write the text first, then the note, so a note always has its text. Each is
        written beside and renamed into place (no fsync: a recovery copy must be cheap)."""
        note = {"document": self._document, "pid": os.getpid(), "started": _STARTED,
                "saved_at": time.time(), "text_file": self.text_path.name}
        try:
            _replace(self.text_path, text)
            _replace(self.note_path, json.dumps(note))
        except OSError:
            pass  # a full disk must not disturb editing; the next pause retries

    def discard(self) -> None:
        for path in (self.note_path, self.text_path):
            path.unlink(missing_ok=True)

    def orphans(self, document: str | None) -> list[Recoverable]:
        """Work on ``document`` left by processes that are gone, newest first."""
        wanted = str(Path(document).resolve()) if document else UNTITLED
        found: list[Recoverable] = []
        for note_path in self.directory.glob("*.json"):
            try:
                note = json.loads(note_path.read_text(encoding="utf-8"))
                started = note.get("started")
                if note.get("document") != wanted or _process_alive(
                        int(note["pid"]), str(started) if started is not None else None):
                    continue
                text = (self.directory / str(note["text_file"])).read_text(encoding="utf-8")
                found.append(Recoverable(wanted, text, float(note["saved_at"]), note_path))
            except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
                continue  # a damaged note is skipped, never fatal
        return sorted(found, key=lambda r: r.saved_at, reverse=True)

    @staticmethod
    def forget(recoverable: Recoverable) -> None:
        """Remove a recovery once it was restored or declined."""
        try:
            note = json.loads(recoverable.note_path.read_text(encoding="utf-8"))
            (recoverable.note_path.parent / str(note["text_file"])).unlink(missing_ok=True)
        except (OSError, ValueError, KeyError, TypeError):
            pass
        recoverable.note_path.unlink(missing_ok=True)
