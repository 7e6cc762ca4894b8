"""A real main window for the benchmarks that drive the app (keystroke, gestures).

Offscreen, with its own settings folder, and prompts that never wait for a person.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ARCHSTUDIO_CONFIG_DIR", tempfile.mkdtemp(prefix="archstudio-bench-"))

from PySide6.QtWidgets import QApplication  # noqa: E402

from archstudio.app import MainWindow  # noqa: E402
from archstudio.app.entry import application  # noqa: E402
from archstudio.app.prompts import Prompts, Unsaved  # noqa: E402


class QuietPrompts(Prompts):
    """Discards unsaved changes and declines recovery: no dialog stops a measurement."""

    def unsaved_changes(self, name: str) -> Unsaved:
        return Unsaved.DISCARD

    def restore_recovery(self, name: str, saved_at: str) -> bool:
        return False


def model_file(text: str, size: int) -> Path:
    """``text`` saved as ``model-<size>.arch`` in a fresh temporary folder."""
    path = Path(tempfile.mkdtemp(prefix="archstudio-bench-files-")) / f"model-{size}.arch"
    path.write_text(text, encoding="utf-8")
    return path


@contextmanager
def app_window(path: Path | None = None) -> Iterator[MainWindow]:
    """A 1500x920 window on ``path`` (or a new document), closed and deleted afterwards."""
    application()
    window = MainWindow(None if path is None else str(path), prompts=QuietPrompts())
    window.resize(1500, 920)
    try:
        yield window
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()
