"""Edits applied to the editor far apart (a drag that moves a statement and writes the
layout section) are one undo step, and only the edited lines are coloured again."""

from __future__ import annotations

from archstudio.app import highlighter
from archstudio.app.dsl_editor import DslEditor
from archstudio.app.ui_theme import LIGHT_UI
from archstudio.dsl.textedit import TextEdit
from benchmarks.models import generate


def test_edits_far_apart_are_one_undo_step_and_colour_only_their_lines(qapp, monkeypatch):
    coloured: list[str] = []
    original = highlighter.ArchHighlighter.highlightBlock

    def counting(self, text: str) -> None:
        coloured.append(text)
        original(self, text)

    monkeypatch.setattr(highlighter.ArchHighlighter, "highlightBlock", counting)
    editor = DslEditor(LIGHT_UI.editor)
    text = generate(200)
    editor.set_text(text)
    editor.show()  # a big text is coloured once the editor has painted
    for _ in range(3):
        qapp.processEvents()
    assert len(coloured) > 500
    coloured.clear()
    end = len(text)
    editor.apply_edits([TextEdit(100, 110, "near the top"), TextEdit(end - 40, end - 30, "end")])
    qapp.processEvents()
    expected = text[:100] + "near the top" + text[110:end - 40] + "end" + text[end - 30:]
    assert editor.text() == expected
    assert 0 < len(coloured) <= 4  # the two edited lines (not the hundreds between)
    assert editor.document().blockCount() > 500
    editor.apply_edits([TextEdit(0, 0, "// joined\n")], join_previous=True)
    editor.document().undo()  # the two steps joined: one undo restores the text
    assert editor.text() == text
