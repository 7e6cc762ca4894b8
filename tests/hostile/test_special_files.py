"""Only regular files are read, and their size is checked while reading: a device that
never ends, a FIFO nobody writes to, a folder get a message at once."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from archstudio.dsl import read_source
from archstudio.dsl.source import MAX_BYTES


def validate(path: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archstudio", "validate", path],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_without_reading(device):
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist on this system")
    done = validate(device)
    assert done.returncode == 2
    assert "E110" in done.stdout and "device" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_fifo_nobody_writes_to_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.arch"
    os.mkfifo(fifo)
    done = validate(str(fifo))  # the timeout fails the test if it blocks
    assert done.returncode == 2
    assert "E110" in done.stdout and "pipe" in done.stdout


def test_a_folder_is_refused(tmp_path):
    source = read_source(tmp_path)
    assert source.text is None and source.diagnostics[0].code == "E110"


def test_a_file_that_grows_past_the_limit_while_read_is_cut_off(tmp_path, monkeypatch):
    """The size is what is read, not what stat said: a file reported small but longer
    (as /proc files and growing logs are) stops at the limit."""
    path = tmp_path / "big.arch"
    path.write_bytes(b"// x\n" * (MAX_BYTES // 5 + 10))
    real_fstat = os.fstat

    class Small:
        def __init__(self, status):
            self.st_mode = status.st_mode
            self.st_size = 0

    monkeypatch.setattr(os, "fstat", lambda fd: Small(real_fstat(fd)))
    source = read_source(path)
    assert source.text is None and source.diagnostics[0].code == "E112"
