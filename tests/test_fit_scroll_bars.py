"""Fit to Window: the whole diagram in view and no scroll bars while it fits; zooming, or
a diagram grown past the view, brings them back."""

from __future__ import annotations

from pathlib import Path

import pytest

from archstudio.canvas import DiagramView
from archstudio.dsl import parse
from archstudio.layout import arrange
from archstudio.layout.geometry import Box

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"


@pytest.fixture
def shown(qtbot):
    """A view of a real system (wider than the view at 100 %), shown on screen."""
    view = DiagramView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    model = parse((CORPUS / "petclinic.arch").read_text(encoding="utf-8"))
    boxes = arrange(model)
    view.diagram_scene.show_model(model, boxes)
    view.show()
    qtbot.waitExposed(view)
    return view, model, boxes


def bars(view: DiagramView) -> tuple[bool, bool]:
    return view.horizontalScrollBar().isVisible(), view.verticalScrollBar().isVisible()


def test_fit_shows_no_scroll_bars_and_uses_the_whole_viewport(shown):
    view, _, _ = shown
    view.reset_zoom()
    assert bars(view) == (True, True)  # at 100 % the diagram is bigger than the view
    view.fit_to_window()
    assert bars(view) == (False, False)
    # the zoom is chosen for the viewport without the bars: it fills one side of it
    content = view.mapFromScene(view.diagram_scene.content_rect()).boundingRect()
    viewport = view.viewport().rect()
    assert viewport.adjusted(-2, -2, 2, 2).contains(content)
    assert viewport.width() == view.width() - 2 * view.frameWidth()
    assert viewport.height() == view.height() - 2 * view.frameWidth()
    assert (content.width() + 40 * view.zoom() >= viewport.width() - 8
            or content.height() + 40 * view.zoom() >= viewport.height() - 8)


def test_zooming_in_brings_the_bars_back_and_fit_hides_them_again(shown):
    view, _, _ = shown
    view.fit_to_window()
    view.zoom_in()
    assert bars(view) == (True, True)
    view.fit_to_window()
    assert bars(view) == (False, False)


def test_an_edit_that_still_fits_keeps_them_hidden_one_beyond_the_view_shows_them(
        shown, qtbot):
    view, model, boxes = shown
    view.fit_to_window()
    view.diagram_scene.show_model(model, dict(boxes))  # redrawn in place
    qtbot.wait(2 * 300)
    assert bars(view) == (False, False)
    moved = dict(boxes)
    far = moved["openai"]
    moved["openai"] = Box(far.x - 3000, far.y, far.width, far.height)
    view.diagram_scene.show_model(model, moved)
    qtbot.waitUntil(lambda: bars(view) == (True, True), timeout=3000)
