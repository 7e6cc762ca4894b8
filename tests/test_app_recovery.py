"""Autosave and crash recovery: a real crash (os._exit) leaves work a new window restores."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from test_app_support import (  # noqa: F401  (fixtures)
    FakePrompts,
    arch_file,
    config_dir,
    make_window,
    type_at_end,
)

ROOT = Path(__file__).resolve().parent.parent

CRASHING_SESSION = textwrap.dedent("""
    import os, sys
    from PySide6.QtWidgets import QApplication
    from archstudio.app import MainWindow
    app = QApplication([])
    window = MainWindow(sys.argv[1] or None)
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    window.editor.insertPlainText(sys.argv[2])
    from PySide6.QtTest import QTest
    from pathlib import Path
    recovery = Path(os.environ["ARCHSTUDIO_CONFIG_DIR"]) / "recovery"
    for _ in range(300):                   # a pause in typing: re-parse, then autosave
        QTest.qWait(100)
        if len(list(recovery.glob("*"))) == 2:
            break
    os._exit(3)                            # crash: no close, no clean-up
""")


def crash_while_editing(config_dir: Path, path: str, typed: str) -> None:
    env = dict(os.environ, ARCHSTUDIO_CONFIG_DIR=str(config_dir), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", CRASHING_SESSION, path, typed], env=env,
                          cwd=ROOT, capture_output=True, timeout=60)
    assert done.returncode == 3, done.stderr.decode()


def recovery_files(config_dir: Path) -> list[Path]:
    return sorted((config_dir / "recovery").glob("*"))


def test_autosave_follows_each_change_and_a_clean_close_removes_it(make_window, arch_file,
                                                                   config_dir, qtbot):
    window = make_window(arch_file)
    assert recovery_files(config_dir) == []
    type_at_end(qtbot, window, "// first")
    qtbot.waitUntil(lambda: len(recovery_files(config_dir)) == 2, timeout=3000)
    saved = next(p for p in recovery_files(config_dir) if p.suffix == ".arch")
    assert saved.read_text(encoding="utf-8").endswith("// first")
    type_at_end(qtbot, window, " second")
    qtbot.waitUntil(lambda: saved.read_text(encoding="utf-8").endswith("// first second"),
                    timeout=3000)
    assert window.close()  # FakePrompts discards
    assert recovery_files(config_dir) == []


def test_save_removes_the_recovery_copy(make_window, arch_file, config_dir, qtbot):
    window = make_window(arch_file)
    type_at_end(qtbot, window, "// x")
    qtbot.waitUntil(lambda: len(recovery_files(config_dir)) == 2, timeout=3000)
    assert window.save()
    assert recovery_files(config_dir) == []


def test_after_a_crash_the_next_window_offers_the_work_back(make_window, arch_file, config_dir):
    crash_while_editing(config_dir, str(arch_file), "\n// typed before the crash\n")
    assert len(recovery_files(config_dir)) == 2
    prompts = FakePrompts()
    window = make_window(arch_file, prompts)
    assert prompts.kinds() == ["restore"]
    assert window.editor.text().endswith("// typed before the crash\n")
    assert window.isWindowModified()  # restored work is not saved until the person saves
    assert arch_file.read_text(encoding="utf-8").endswith("}\n")
    window.editor.undo()  # and the restore itself can be undone
    assert window.editor.text() == arch_file.read_text(encoding="utf-8")


def test_declined_recovery_is_not_offered_again(make_window, arch_file, config_dir):
    crash_while_editing(config_dir, str(arch_file), "// lost on purpose")
    prompts = FakePrompts()
    prompts.restore = False
    window = make_window(arch_file, prompts)
    assert prompts.kinds() == ["restore"]
    assert "lost on purpose" not in window.editor.text()
    again = FakePrompts()
    make_window(arch_file, again)
    assert again.asked == []


def test_untitled_work_is_recovered_by_a_window_without_a_file(make_window, config_dir):
    crash_while_editing(config_dir, "", "// never saved anywhere")
    prompts = FakePrompts()
    window = make_window(None, prompts)
    assert prompts.kinds() == ["restore"]
    assert "never saved anywhere" in window.editor.text()


def test_damaged_recovery_notes_are_ignored(make_window, arch_file, config_dir):
    directory = config_dir / "recovery"
    directory.mkdir(parents=True)
    (directory / "broken.json").write_text("{not json", encoding="utf-8")
    (directory / "other.json").write_text('{"document": "x", "pid": "nope"}', encoding="utf-8")
    prompts = FakePrompts()
    window = make_window(arch_file, prompts)
    assert prompts.asked == [] and window.document.path == str(arch_file.resolve())
