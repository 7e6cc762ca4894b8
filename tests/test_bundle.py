"""The one-folder bundle (packaging/build_bundle.sh) builds and runs: --version, opening
an example in a window, exporting a PNG. Skipped when PyInstaller is not installed (it is
a packaging tool, not a dependency: ``.venv/bin/pip install pyinstaller``)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                                reason="PyInstaller is not installed (pip install pyinstaller)")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    env = dict(os.environ, PYTHON=sys.executable)
    done = subprocess.run(["bash", str(ROOT / "packaging" / "build_bundle.sh"), str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    executable = out / "ArchStudio" / ("archstudio.exe" if os.name == "nt" else "archstudio")
    assert executable.is_file()
    return executable


@pytest.mark.timeout(1200)
def test_the_bundle_runs_its_version_exports_and_opens(bundle, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               ARCHSTUDIO_CONFIG_DIR=str(tmp_path / "config"), ARCHSTUDIO_SINGLE_INSTANCE="0")
    version = subprocess.run([str(bundle), "--version"], capture_output=True, text=True,
                             env=env, timeout=120)
    assert version.returncode == 0 and version.stdout.startswith("archstudio ")
    example = ROOT / "examples" / "microservices-platform.arch"
    png = tmp_path / "out.png"
    export = subprocess.run([str(bundle), "export", str(example), "-o", str(png)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert export.returncode == 0, export.stderr
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 10_000
    window = subprocess.Popen([str(bundle), "open", str(example)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            window.wait(timeout=15)  # still running: the window opened and stayed open
    finally:
        window.kill()
        _, errors = window.communicate()
    assert "Traceback" not in errors
