"""A new window on a file, as a running app makes one (a second launch's file, a file
dropped on the Dock): a big file's window paints first and opens the file after."""

# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QEvent, QObject
from test_app_support import FakePrompts, config_dir  # noqa: F401  (fixtures)

from archstudio.app.highlighter import ArchHighlighter
from archstudio.app.opening import BIG_FILE, new_window
from benchmarks.models import generate

WAIT_MS = 60_000


def test_a_small_file_opens_in_the_new_window_at_once(qtbot, config_dir, tmp_path):
    path = tmp_path / "small.arch"
    path.write_text(generate(10), encoding="utf-8")
    assert path.stat().st_size < BIG_FILE
    window = new_window(str(path), prompts=FakePrompts())
    qtbot.addWidget(window)
    assert window.opening is None and window.view.placeholder == ""
    assert window.document.path == str(path.resolve())
    assert len(window.scene.element_items()) == len(window.document.result.model.elements)


class _Paints(QObject):
    """What each paint of the canvas showed: whether the shapes were there."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.events: list[str] = []
        window.view.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.events.append("shapes" if self.window.scene.element_items() else "empty")
        return False


def test_a_big_file_without_a_core_to_spare_opens_at_once(qtbot, config_dir, tmp_path,
                                                           monkeypatch):
    """Nothing would run beside the window: painting it first only adds a paint."""
    monkeypatch.setenv("ARCHSTUDIO_LAYOUT_AHEAD", "0")
    path = tmp_path / "big.arch"
    path.write_text(generate(200), encoding="utf-8")
    assert path.stat().st_size >= BIG_FILE
    window = new_window(str(path), prompts=FakePrompts())
    qtbot.addWidget(window)
    assert window.opening is None
    assert len(window.scene.element_items()) == len(window.document.result.model.elements)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="laid out ahead on Linux")
def test_a_big_file_paints_the_window_first_and_the_shapes_before_the_texts_colours(
        qtbot, config_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHSTUDIO_LAYOUT_AHEAD", "1")  # (as on a machine with a core idle)
    path = tmp_path / "big.arch"
    path.write_text(generate(200), encoding="utf-8")
    assert path.stat().st_size >= BIG_FILE
    window = new_window(str(path), prompts=FakePrompts())
    qtbot.addWidget(window)
    window.scene.background_from = 10_000  # (the lines routed here: no helper needed)
    assert window.scene.element_items() == {}  # nothing opened before the first paint
    assert "big.arch" in window.view.placeholder and "big.arch" in window.windowTitle()
    paints = _Paints(window)
    coloured = ArchHighlighter.rehighlight

    def colouring(highlighter):
        paints.events.append("colours")
        return coloured(highlighter)

    monkeypatch.setattr(ArchHighlighter, "rehighlight", colouring)
    window.show()
    qtbot.waitUntil(lambda: "colours" in paints.events, timeout=WAIT_MS)
    assert window.view.placeholder == ""
    assert window.document.path == str(path.resolve())
    assert len(window.scene.element_items()) == len(window.document.result.model.elements)
    assert paints.events[0] == "empty"  # the window painted before the file opened
    # the frame after the open shows the shapes; the text is coloured only after it
    # (colouring 20,000 lines took 0.3 s: the diagram is what the person waits for)
    assert paints.events.index("shapes") < paints.events.index("colours")
