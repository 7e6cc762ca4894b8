"""A PNG exported from the window that had to be written smaller than asked says so in a
message: how much smaller, what text that scale leaves out, and how to get it readable.
A PNG that fits is exported without one."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

import sys

from PySide6.QtGui import QImage
from test_app_support import arch_file, config_dir, make_window  # noqa: F401  (fixtures)

import archstudio.io.export  # noqa: F401  (the module, shadowed by the function's name)

export_module = sys.modules["archstudio.io.export"]


def _informed(window) -> list[str]:
    return [m for kind, m in window.prompts.asked if kind == "inform"]


def test_a_png_written_smaller_says_what_it_left_out(make_window, arch_file, tmp_path,
                                                     monkeypatch):
    window = make_window(arch_file)
    out = tmp_path / "small.png"
    assert window.export_to(str(out))
    assert _informed(window) == []  # it fitted: nothing to say
    monkeypatch.setattr(export_module, "MAX_SIDE", 300)  # as if the diagram were huge
    assert window.export_to(str(out))
    [message] = _informed(window)
    image = QImage(str(out))
    assert max(image.width(), image.height()) <= 300
    assert f"written at {image.width()}×{image.height()}" in message
    assert "relation labels" in message and "SVG and PDF" in message
    assert "Export Selection" in message
    assert not message.startswith("note:")
