"""``archstudio install-desktop``: the desktop entry, MIME type and icons land in the
XDG folders, validate, and make ``.arch`` files open with ArchStudio; --uninstall takes
them back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archstudio.cli import main
from archstudio.cli.install_desktop import MIME_TYPE, installed_files


@pytest.fixture
def xdg(tmp_path, monkeypatch) -> Path:
    data = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path))
    return data


def xdg_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(XDG_DATA_HOME=str(tmp_path / "share"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               HOME=str(tmp_path), XDG_DATA_DIRS=f"{tmp_path / 'share'}:/usr/share",
               XDG_CURRENT_DESKTOP="X-Generic")
    return env


def test_install_writes_every_piece_pointing_at_this_python(xdg, capsys):
    assert main(["install-desktop"]) == 0
    files = installed_files(xdg)
    assert all(path.is_file() and path.stat().st_size > 0 for path in files)
    entry = (xdg / "applications" / "archstudio.desktop").read_text()
    assert f'Exec="{sys.executable}" -m archstudio open %f' in entry
    assert f"MimeType={MIME_TYPE};" in entry
    png = xdg / "icons" / "hicolor" / "48x48" / "apps" / "archstudio.png"
    assert png.read_bytes().startswith(b"\x89PNG")
    from PySide6.QtGui import QImage
    assert QImage(str(png)).size().width() == 48
    assert "installed" in capsys.readouterr().out


def test_the_interpreter_in_exec_really_opens_archstudio(xdg):
    main(["install-desktop", "--no-default"])
    entry = (xdg / "applications" / "archstudio.desktop").read_text()
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    python = exec_line.split('"')[1]
    done = subprocess.run([python, "-m", "archstudio", "--version"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("archstudio ")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate (Debian desktop-file-utils) not installed")
def test_the_desktop_entry_validates(xdg):
    main(["install-desktop", "--no-default"])
    done = subprocess.run(["desktop-file-validate",
                           str(xdg / "applications" / "archstudio.desktop")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("xdg-mime") is None or
                    shutil.which("update-mime-database") is None,
                    reason="xdg-mime/update-mime-database (xdg-utils, shared-mime-info) "
                           "not installed")
def test_arch_files_are_known_by_name_and_by_content_and_open_with_archstudio(tmp_path):
    env = xdg_env(tmp_path)
    done = subprocess.run([sys.executable, "-m", "archstudio", "install-desktop"], env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    by_name = tmp_path / "plan.arch"
    by_name.write_text('architecture "x" {\n}\n')
    by_content = tmp_path / "plan-without-suffix"
    by_content.write_text('architecture "x" {\n  person P\n}\n')

    def query(*args: str) -> str:
        return subprocess.run(["xdg-mime", "query", *args], env=env, capture_output=True,
                              text=True, check=False).stdout.strip()

    assert query("filetype", str(by_name)) == MIME_TYPE
    assert query("filetype", str(by_content)) == MIME_TYPE
    assert query("default", MIME_TYPE) == "archstudio.desktop"


def test_uninstall_removes_everything(xdg):
    main(["install-desktop", "--no-default"])
    assert main(["install-desktop", "--uninstall"]) == 0
    assert not any(path.exists() for path in installed_files(xdg))


def test_an_unwritable_home_is_a_message_not_a_traceback(tmp_path, monkeypatch, capsys):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocked))
    assert main(["install-desktop", "--no-default"]) == 1
    assert "cannot install" in capsys.readouterr().err
