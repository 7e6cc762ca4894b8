"""Recovery: every crashed window's work is offered (not only the newest), a reused process
id does not hide a crash, and steady typing still leaves a recent copy."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from test_app_support import (  # noqa: F401  (fixtures)
    FakePrompts,
    arch_file,
    config_dir,
    make_window,
    type_at_end,
)


def dead_pid() -> int:
    """The id of a process that has just ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def leave_recovery(config_dir: Path, name: str, text: str, pid: int, saved_at: float,
                   started: str | None = None, document: str = "untitled") -> None:
    """What a crashed window leaves behind: its text and the note about it."""
    directory = config_dir / "recovery"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.arch").write_text(text, encoding="utf-8")
    note = {"document": document, "pid": pid, "saved_at": saved_at,
            "text_file": f"{name}.arch"}
    if started is not None:
        note["started"] = started
    (directory / f"{name}.json").write_text(json.dumps(note), encoding="utf-8")


def test_every_crashed_untitled_window_is_offered(make_window, config_dir):
    now = time.time()
    texts = [f'architecture "Draft {n}" {{\n}}\n// window {n}\n' for n in range(3)]
    for n, text in enumerate(texts):
        leave_recovery(config_dir, f"crashed{n}", text, dead_pid(), now - 60 + n)
    restored = []
    for _ in texts:
        prompts = FakePrompts()
        window = make_window(None, prompts)
        assert prompts.kinds() == ["restore"]
        restored.append(window.editor.text())
        window.files.close()  # a clean close: its own copy goes, the others stay
    assert restored == texts[::-1]  # newest first, none lost
    prompts = FakePrompts()
    make_window(None, prompts)
    assert prompts.asked == []


def test_new_offers_the_next_crashed_window(make_window, config_dir):
    now = time.time()
    for n in range(2):
        leave_recovery(config_dir, f"crashed{n}", f"// draft {n}\n", dead_pid(), now + n)
    prompts = FakePrompts()
    window = make_window(None, prompts)
    assert window.editor.text() == "// draft 1\n"
    window.document.editor.document().setModified(False)
    assert window.files.new()
    assert window.editor.text() == "// draft 0\n"
    assert prompts.kinds() == ["restore", "restore"]


def test_a_reused_process_id_does_not_hide_a_crash(make_window, arch_file, config_dir):
    """The note's process id now belongs to another process (this one: as after a
    reboot); the start time tells them apart."""
    text = arch_file.read_text(encoding="utf-8") + "// typed before the reboot\n"
    leave_recovery(config_dir, "before-reboot", text, os.getpid(), time.time() - 3600,
                   started="another-boot:12345", document=str(arch_file.resolve()))
    prompts = FakePrompts()
    window = make_window(arch_file, prompts)
    assert prompts.kinds() == ["restore"]
    assert window.editor.text() == text


def test_a_running_window_keeps_its_copy(make_window, arch_file, config_dir, qtbot):
    first = make_window(arch_file)
    type_at_end(qtbot, first, "// mine")
    first.files.autosave_now()
    prompts = FakePrompts()
    make_window(arch_file, prompts)
    assert prompts.asked == []  # same process, same start: alive


def test_steady_typing_still_writes_a_recent_copy(make_window, arch_file, config_dir, qtbot):
    """A key every 0.4 s (each one restarting the re-parse pause) for 4 s: a copy exists
    and is at most a couple of seconds behind, without a pause in typing."""
    window = make_window(arch_file)
    copies = config_dir / "recovery"
    started = time.monotonic()
    typed = 0
    while time.monotonic() - started < 4.0:
        type_at_end(qtbot, window, "x")
        typed += 1
        qtbot.wait(400)
    saved = [p for p in copies.glob("*.arch")]
    assert saved, "no recovery copy after 4 s of steady typing"
    behind = window.editor.text().count("x") - saved[0].read_text(encoding="utf-8").count("x")
    assert behind <= 6, f"the copy is {behind} keystrokes behind"
