"""The smaller promises: a save as root keeps the file's owner, a full disk during an
export says so (and leaves no cut-off file), and a 16 MB comment-only file opens in a
time proportional to reading it."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time

import pytest
from test_app_support import (  # noqa: F401  (fixtures)
    EXAMPLE,
    FakePrompts,
    arch_file,
    config_dir,
    make_window,
    type_at_end,
)

from archstudio.dsl import parse
from archstudio.dsl.source import MAX_BYTES


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can save a file another user owns")
def test_saving_as_root_keeps_the_owner(make_window, arch_file, qtbot):
    os.chown(arch_file, 65534, 65534)
    window = make_window(arch_file)
    type_at_end(qtbot, window, "// edited by root")
    assert window.save()
    status = arch_file.stat()
    assert (status.st_uid, status.st_gid) == (65534, 65534)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can edit a file another user owns")
def test_cli_edits_as_root_keep_the_owner(arch_file):
    os.chown(arch_file, 65534, 65534)
    done = subprocess.run([sys.executable, "-m", "archstudio", "fmt", str(arch_file)],
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (arch_file.stat().st_uid, arch_file.stat().st_gid) == (65534, 65534)


@pytest.mark.parametrize("suffix", ["svg", "png", "pdf"])
def test_an_export_on_a_full_disk_says_so(suffix, tmp_path):
    def full_disk() -> None:  # writing past 2 KB fails as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))
    target = tmp_path / f"diagram.{suffix}"
    done = subprocess.run([sys.executable, "-m", "archstudio", "export", str(EXAMPLE), "-o",
                           str(target)], capture_output=True, text=True, timeout=120,
                          preexec_fn=full_disk, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 1, done.stderr
    assert "cannot write" in done.stderr and "Unknown error" not in done.stderr
    assert not target.exists()  # no cut-off file
    assert list(tmp_path.iterdir()) == []


def test_a_large_comment_only_file_opens_in_proportion(make_window, tmp_path):
    """Opening costs a small multiple of parsing the same text, in CPU time of this thread
    (colouring hundreds of thousands of comment lines once made it 4.5 times or more;
    it is under 3 now)."""
    line = "// " + "x" * 76 + "\n"
    text = 'architecture "Notes" {\n}\n' + line * ((MAX_BYTES // 4) // len(line))
    path = tmp_path / "notes.arch"
    path.write_text(text, encoding="utf-8")
    start = time.thread_time()
    parse(text)
    parse_time = time.thread_time() - start
    start = time.thread_time()
    window = make_window(path)
    open_time = time.thread_time() - start
    assert window.document.result.model.name == "Notes"
    assert open_time < 3.8 * parse_time, (open_time, parse_time)
