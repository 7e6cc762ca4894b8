"""The CLI says what went wrong, never with a traceback: a read-only folder, a full disk,
an argument that is not UTF-8, a relation number too long to be a number."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

MESSY = b'architecture "M" {\n    person   Ann "Ann"\n  container Api "API"\n  Ann -> Api\n}\n'


def cli(*args: str | bytes, limit_file_size: int | None = None) -> subprocess.CompletedProcess:
    def limit() -> None:  # a "full disk": writing past this size fails with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))
    return subprocess.run([sys.executable, "-m", "archstudio", *args], capture_output=True,
                          timeout=120, preexec_fn=limit if limit_file_size else None)


def no_traceback(done: subprocess.CompletedProcess) -> None:
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder (the "
                    "test below covers root by making the file system refuse)")
def test_fmt_in_a_read_only_folder_says_so(tmp_path):
    path = tmp_path / "messy.arch"
    path.write_bytes(MESSY)
    tmp_path.chmod(0o555)
    try:
        done = cli("fmt", str(path))
    finally:
        tmp_path.chmod(0o755)
    no_traceback(done)
    assert done.returncode == 2 and b"cannot write" in done.stderr
    assert path.read_bytes() == MESSY


def test_fmt_on_a_read_only_file_system_says_so(tmp_path, monkeypatch, capsys):
    """What a read-only mount answers, whoever runs the command."""
    import errno
    import tempfile

    from archstudio.cli import main

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    path = tmp_path / "messy.arch"
    path.write_bytes(MESSY)
    assert main(["fmt", str(path)]) == 2
    assert "cannot write the file: Read-only file system" in capsys.readouterr().err
    assert path.read_bytes() == MESSY


def test_fmt_on_a_full_disk_says_so(tmp_path):
    path = tmp_path / "messy.arch"
    path.write_bytes(MESSY)
    done = cli("fmt", str(path), limit_file_size=1)
    no_traceback(done)
    assert done.returncode == 2 and b"cannot write the file" in done.stderr
    assert path.read_bytes() == MESSY


def test_edits_on_a_full_disk_leave_the_file_alone(tmp_path):
    path = tmp_path / "messy.arch"
    path.write_bytes(MESSY)
    done = cli("set", str(path), "Api", "label=Gateway", limit_file_size=16)
    no_traceback(done)
    assert done.returncode == 1 and b"cannot write the file" in done.stderr
    assert path.read_bytes() == MESSY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["messy.arch"]  # no temporary left


def test_a_non_utf8_argument_is_refused_with_a_message(tmp_path):
    path = tmp_path / "messy.arch"
    path.write_bytes(MESSY)
    done = cli(b"set", str(path).encode(), b"Api", b"label=caf\xe9")
    no_traceback(done)
    assert done.returncode == 1 and b"not UTF-8" in done.stderr
    assert path.read_bytes() == MESSY


def test_a_non_utf8_file_name_works(tmp_path):
    name = os.fsencode(str(tmp_path)) + b"/caf\xe9.arch"
    Path(os.fsdecode(name)).write_bytes(MESSY)
    done = cli(b"fmt", name)
    no_traceback(done)
    assert done.returncode == 0
    done = cli(b"validate", b"missing-caf\xe9.arch")
    no_traceback(done)
    assert done.returncode == 2


def test_a_huge_relation_number_is_not_a_traceback(tmp_path):
    path = tmp_path / "messy.arch"
    path.write_bytes(MESSY)
    done = cli("rm", str(path), "Ann->Api#" + "9" * 5000)
    no_traceback(done)
    assert done.returncode == 1
    assert path.read_bytes() == MESSY
