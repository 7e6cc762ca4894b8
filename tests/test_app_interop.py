"""The app's File → Import…, export to every format, and dropping a diagram file."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

from pathlib import Path

import pytest
from interop_support import DATA
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from test_app_support import (  # noqa: F401  (fixtures)
    EXAMPLE,
    FakePrompts,
    config_dir,
    make_window,
)

from archstudio.app.interop_commands import IMPORT_CODE
from archstudio.app.prompts import Unsaved
from archstudio.dsl import TextEdit, parse
from archstudio.interop import import_file


class ImportPrompts(FakePrompts):
    def __init__(self) -> None:
        super().__init__()
        self.import_answer: str | None = None
        self.import_filters = ""

    def import_path(self, directory: str, filters: str) -> str | None:
        self.import_filters = filters
        return self.import_answer


def _problems(window) -> list:
    return list(window.problems._diagnostics)


def test_file_menu_offers_import_after_open_recent(make_window):
    window = make_window()
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert texts.index("&Import…") == texts.index("Open &Recent") + 1


def test_import_opens_an_unsaved_document_with_warnings_in_problems(make_window):
    prompts = ImportPrompts()
    prompts.import_answer = str(DATA / "seed-002-microservices.dot")
    window = make_window(prompts=prompts)
    window.interop.import_action.trigger()
    assert "*.dot" in prompts.import_filters and "*.dsl" in prompts.import_filters
    assert window.document.path is None and window.document.modified
    assert window.editor.text() == import_file(DATA / "seed-002-microservices.dot").text
    assert len(window.document.result.model.elements) == 17
    assert window.scene.items()  # the diagram is drawn
    warnings = [d for d in _problems(window) if d.code == IMPORT_CODE]
    assert [w.message.split(": ", 1)[0] for w in warnings] == ["seed-002-microservices.dot:1"]
    end = window.editor.text().rfind("}")
    window.editor.apply_edits([TextEdit(end, end, "  container extra\n")])
    window.document.reparse_now()
    assert "extra" in window.document.result.model.elements
    assert any(d.code == IMPORT_CODE for d in _problems(window))  # they stay while editing
    window.editor.undo()
    window.document.reparse_now()
    assert window.document.modified


def test_warnings_go_when_another_file_opens(make_window, tmp_path):
    prompts = ImportPrompts()
    window = make_window(prompts=prompts)
    assert window.interop.import_path(str(DATA / "seed-003-service-mesh.md"))
    assert any(d.code == IMPORT_CODE for d in _problems(window))
    assert window.open_path(str(EXAMPLE))
    assert not any(d.code == IMPORT_CODE for d in _problems(window))


def test_import_asks_before_dropping_unsaved_work(make_window):
    prompts = ImportPrompts()
    window = make_window(prompts=prompts)
    end = window.editor.text().rfind("}")
    window.editor.apply_edits([TextEdit(end, end, "  container mine\n")])
    prompts.unsaved = Unsaved.CANCEL
    assert not window.interop.import_path(str(DATA / "seed-003-service-mesh.md"))
    assert "container mine" in window.editor.text()
    assert ("unsaved", "Untitled") in prompts.asked


@pytest.mark.parametrize("name, data, words", [
    ("x.d2", b"a -> b", "D2 files cannot be imported yet"),
    ("bad.dot", b"digraph { a -> ", "line 1"),
])
def test_import_failures_are_a_message(make_window, tmp_path, name, data, words):
    prompts = ImportPrompts()
    window = make_window(EXAMPLE, prompts=prompts)
    path = tmp_path / name
    path.write_bytes(data)
    assert not window.interop.import_path(str(path))
    assert words in prompts.errors[-1]
    assert window.document.path == str(EXAMPLE.resolve())


def _drop(widget, paths: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(widget.rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(QPointF(widget.rect().center()), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return enter


@pytest.mark.parametrize("target", ["window", "canvas", "editor"])
def test_dropping_a_diagram_file_imports_it(make_window, tmp_path, target):
    source = tmp_path / "flow.mmd"
    source.write_text("flowchart LR\n  a[(Orders)] --> b((Customer))\n", encoding="utf-8")
    window = make_window(EXAMPLE)
    widget = {"window": window, "canvas": window.view.viewport(),
              "editor": window.editor.viewport()}[target]
    enter = _drop(widget, [source])
    assert enter.isAccepted()
    model = parse(window.editor.text())
    assert {q: e.kind for q, e in model.elements.items()} == {"a": "datastore", "b": "person"}
    assert window.document.path is None


def test_dropping_other_files_is_left_alone(make_window, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    window = make_window(EXAMPLE)
    before = window.editor.text()
    enter = _drop(window, [other])
    assert not enter.isAccepted()
    assert window.editor.text() == before


@pytest.mark.parametrize("suffix, start", [
    (".dot", "digraph"), (".mmd", "---"), (".dsl", "workspace"), (".d2", "#"),
    (".c4", "specification"), (".puml", "@startuml"), (".svg", "<?xml"),
])
def test_export_dialog_offers_every_format(make_window, tmp_path, suffix, start):
    prompts = ImportPrompts()
    window = make_window(EXAMPLE, prompts=prompts)
    prompts.export_answer = str(tmp_path / f"out{suffix}")
    assert window.export_dialog()
    assert (tmp_path / f"out{suffix}").read_text(encoding="utf-8").startswith(start)
    from archstudio.app.prompts import EXPORT_FILTER

    assert f"*{suffix}" in EXPORT_FILTER


def test_text_export_refuses_errors_and_selection(make_window, tmp_path):
    prompts = ImportPrompts()
    window = make_window(EXAMPLE, prompts=prompts)
    assert not window.export_to(str(tmp_path / "x.dot"), selection=True)
    window.editor.apply_edits([TextEdit(0, len(window.editor.text()),
                                        'architecture "B" {\n  a -> nowhere\n}\n')])
    assert not window.export_to(str(tmp_path / "x.dot"))
    assert "error" in prompts.errors[-1]
    assert not (tmp_path / "x.dot").exists()
