"""A big file is laid out ahead in a helper process while the app starts
(``archstudio/layout/ahead.py``): the same boxes and plans as laying it out in the app,
taken only for the very text the helper read, and the window opened on it does not lay
it out again."""

# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

import pytest
from test_app_support import config_dir  # noqa: F401  (a fixture)

from archstudio.dsl import parse, read_source
from archstudio.layout import ahead, arrange
from archstudio.layout.routes import forget, newest
from benchmarks.models import generate


@pytest.fixture
def big(tmp_path):
    path = tmp_path / "big.arch"
    path.write_text(generate(200), encoding="utf-8")
    assert path.stat().st_size >= ahead.BIG_FILE
    yield str(path)
    ahead.forget()


def test_the_helper_gives_the_boxes_and_plans_the_app_would_compute(big):
    text = read_source(big).text
    forget()
    ahead.lay_out_ahead(big)
    boxes = ahead.laid_out_ahead(big, text)
    plans = newest()
    forget()
    assert boxes == arrange(parse(text))
    assert plans and plans == newest()  # the engine's plans for the lines, remembered
    assert ahead.laid_out_ahead(big, text) is None  # an answer is taken once


def test_a_text_changed_since_the_helper_read_it_is_laid_out_here(big):
    ahead.lay_out_ahead(big)
    text = read_source(big).text.replace('"Service', '"Changed service', 1)
    assert ahead.laid_out_ahead(big, text) is None


def test_a_small_file_needs_no_helper(tmp_path):
    path = tmp_path / "small.arch"
    path.write_text(generate(5), encoding="utf-8")
    ahead.lay_out_ahead(str(path))
    assert ahead.laid_out_ahead(str(path), read_source(str(path)).text) is None


def test_the_window_takes_the_layout_made_ahead(qtbot, config_dir, big, monkeypatch):
    from test_app_support import FakePrompts

    import archstudio.app.documents as documents
    from archstudio.app import MainWindow

    expected = arrange(parse(read_source(big).text))
    ahead.lay_out_ahead(big)
    calls = []
    monkeypatch.setattr(documents, "arrange", lambda *a: calls.append(a) or arrange(*a))
    window = MainWindow(big, prompts=FakePrompts())
    qtbot.addWidget(window)
    assert calls == []  # not laid out again in the app
    assert window.document.result.boxes == expected
    assert set(window.scene.element_items()) == set(expected)
