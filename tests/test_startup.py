# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)
"""Starting fast: ``archstudio open`` loads only what the window needs, lays a big file out
in a forked copy while Qt loads, keeps Python's collector out of the start, and the
editor colours a big text after the window's first paint."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.app import ahead
from archstudio.app.dsl_editor import COLOURS_LATER, DslEditor
from archstudio.app.ui_theme import LIGHT_UI
from benchmarks.models import generate

ROOT = Path(__file__).resolve().parents[1]


def run_python(code: str, **env: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, **env}, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_open_of_a_missing_file_loads_neither_qt_nor_the_other_commands(tmp_path):
    out = run_python(
        "import sys, json\n"
        "from archstudio.cli import main\n"
        f"code = main(['open', {str(tmp_path / 'none.arch')!r}])\n"
        "print(json.dumps([code, 'PySide6.QtCore' in sys.modules,\n"
        "                  'archstudio.cli.export' in sys.modules]))\n")
    assert json.loads(out) == [2, False, False]


AHEAD = """
import json, sys
from archstudio.app import ahead
from archstudio.dsl.incremental import IncrementalParser
from archstudio.layout import arrange
from benchmarks.models import generate
text, small = generate(300), generate(20)
started = [ahead.start(small), ahead.start(text)]
other = ahead.take(text + " ")  # another text: the copy's boxes are not taken
started.append(ahead.start(text))
boxes = ahead.take(text)
mine = arrange(IncrementalParser().parse(text), {})
print(json.dumps({"started": started, "other": other, "same": boxes == mine,
                  "count": len(boxes or {}), "again": ahead.take(text)}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="laid out ahead on Linux")
def test_a_big_text_laid_out_ahead_gives_the_boxes_the_document_would_compute():
    result = json.loads(run_python(AHEAD, ARCHSTUDIO_LAYOUT_AHEAD="1"))
    assert result["started"] == [False, True, True]  # a small text is laid out at once
    assert result["other"] is None
    assert result["same"] and result["count"] > 250
    assert result["again"] is None  # taken once


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="laid out ahead on Linux")
def test_a_new_window_on_a_big_file_takes_the_boxes_laid_out_while_it_was_built(
        tmp_path, make_window, monkeypatch):
    import archstudio.app.documents as documents
    from archstudio.dsl import parse
    from archstudio.layout import arrange

    monkeypatch.setenv("ARCHSTUDIO_LAYOUT_AHEAD", "1")
    path = tmp_path / "big.arch"
    text = generate(300)
    path.write_text(text, encoding="utf-8")
    calls = []
    real = documents.arrange
    monkeypatch.setattr(documents, "arrange", lambda *a: calls.append(a) or real(*a))
    window = make_window(path)
    assert not calls  # laid out by the copy while the window was built
    assert window.document.result.boxes == arrange(parse(text))
    assert not ahead.pending()
    small = tmp_path / "small.arch"
    small.write_text(generate(10), encoding="utf-8")
    assert window.files.open_path(str(small)) and len(calls) == 1  # small: laid out here
    monkeypatch.setenv("ARCHSTUDIO_LAYOUT_AHEAD", "0")
    assert window.files.open_path(str(path)) and len(calls) == 2  # turned off


def test_laid_out_ahead_only_with_a_core_to_spare(monkeypatch):
    monkeypatch.delenv("ARCHSTUDIO_LAYOUT_AHEAD", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.4, 0.4, 0.4))
    assert ahead.enabled() == sys.platform.startswith("linux")
    monkeypatch.setattr(os, "getloadavg", lambda: (1.9, 1.0, 1.0))
    assert not ahead.enabled()  # both cores busy: the copy would only slow the window


def test_not_laid_out_ahead_on_one_allowed_core_of_a_bigger_machine(monkeypatch):
    monkeypatch.delenv("ARCHSTUDIO_LAYOUT_AHEAD", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert not ahead.enabled()  # ``taskset -c 3``: the copy would take turns with the window


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="laid out ahead on Linux")
def test_not_laid_out_ahead_while_qt_pool_work_runs(monkeypatch, qapp):
    import threading

    from PySide6.QtCore import QRunnable, QThreadPool

    monkeypatch.setenv("ARCHSTUDIO_LAYOUT_AHEAD", "1")
    started, release = threading.Event(), threading.Event()

    class Busy(QRunnable):  # as an Auto-arrange in the background is
        def run(self) -> None:
            started.set()
            release.wait(30)

    pool = QThreadPool.globalInstance()
    pool.start(Busy())
    try:
        assert started.wait(30)
        assert not ahead.start(generate(300))
    finally:
        release.set()
        pool.waitForDone(30_000)
        ahead._discard()
    assert ahead.start(generate(300))  # the pool idle again
    ahead._discard()


def _child_gone(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="laid out ahead on Linux")
def test_a_copy_that_dies_leaves_the_layout_to_the_window(monkeypatch):
    monkeypatch.setenv("ARCHSTUDIO_LAYOUT_AHEAD", "1")
    text = generate(300)

    def dies(fd, digest, text):
        os.write(fd, b"\x80\x05 half a pickle")
        raise MemoryError

    monkeypatch.setattr(ahead, "_send", dies)  # (the forked copy runs this)
    assert ahead.start(text)
    pid = ahead._pending.pid
    assert ahead.take(text) is None and not ahead.pending()
    assert _child_gone(pid)  # reaped, not left a zombie


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="laid out ahead on Linux")
def test_a_pipe_that_fails_stops_the_copy_and_leaves_the_layout_to_the_window(monkeypatch):
    monkeypatch.setenv("ARCHSTUDIO_LAYOUT_AHEAD", "1")
    text = generate(300)
    assert ahead.start(text)
    pid, fd = ahead._pending.pid, ahead._pending.fd

    def fails(fd, deadline):
        raise OSError("read failed")

    monkeypatch.setattr(ahead, "_read_all", fails)
    assert ahead.take(text) is None and not ahead.pending()
    assert _child_gone(pid)  # stopped and reaped
    with pytest.raises(OSError):
        os.fstat(fd)  # the pipe closed


OPEN_AHEAD = """
import json, sys
from archstudio.app import ahead
from archstudio.dsl import read_source
path = sys.argv[1]
ahead.pause_collector()
import gc
paused = not gc.isenabled()
started = ahead.start(read_source(path).text)
from PySide6.QtWidgets import QApplication
from archstudio.app import entry, main_window
import archstudio.app.documents as documents
calls = []
real = documents.arrange
documents.arrange = lambda *a, **k: calls.append(1) or real(*a, **k)
app = entry.application()
window = main_window.MainWindow(path, open_later=True)
window.show()
while not window.opening.done:
    app.processEvents()
boxes = window.document.result.boxes
print(json.dumps({"paused": paused, "started": started, "arranged_here": len(calls),
                  "boxes": len(boxes), "items": len(window.scene.element_items()),
                  "collector": gc.isenabled(), "frozen": gc.get_freeze_count() > 0}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="laid out ahead on Linux")
def test_the_window_opening_a_big_file_takes_the_boxes_laid_out_ahead(tmp_path, config_dir):
    path = tmp_path / "big.arch"
    path.write_text(generate(300), encoding="utf-8")
    code = OPEN_AHEAD.replace("sys.argv[1]", repr(str(path)))
    result = json.loads(run_python(code, QT_QPA_PLATFORM="offscreen",
                                   ARCHSTUDIO_LAYOUT_AHEAD="1"))
    assert result["paused"] and result["started"]
    assert result["arranged_here"] == 0  # the document did not lay the file out again
    assert result["boxes"] == result["items"] > 250
    assert result["collector"] and result["frozen"]  # running again once the file shows


def test_a_big_text_is_coloured_after_the_editors_first_paint(qapp):
    editor = DslEditor(LIGHT_UI.editor)
    text = generate(200)
    assert len(text) > COLOURS_LATER
    editor.set_text(text)
    qapp.processEvents()
    first = editor.document().firstBlock()
    assert not first.layout().formats()  # not painted yet: not coloured yet
    editor.show()
    for _ in range(5):
        qapp.processEvents()
    assert first.layout().formats()  # `architecture` and the name's string
    editor.set_text(text + "\n")  # a window that painted before colours at once
    qapp.processEvents()
    assert editor.document().firstBlock().layout().formats()
    editor.close()


def test_a_small_text_is_coloured_at_once(qapp):
    editor = DslEditor(LIGHT_UI.editor)
    editor.set_text(generate(10))
    qapp.processEvents()
    assert editor.document().firstBlock().layout().formats()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="laid out ahead on Linux")
def test_a_copy_that_hangs_does_not_hang_the_window(monkeypatch):
    """A copy that never answers is stopped and the document lays the file out itself."""
    text = generate(300)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # a copy stuck before it sends anything
        os.close(read_end)
        signal.pause()
        os._exit(0)
    os.close(write_end)
    monkeypatch.setattr(ahead, "_pending", ahead._Pending(pid, read_end, ahead._digest(text)))
    monkeypatch.setattr(ahead, "DEADLINE_S", 0.2)
    assert ahead.take(text) is None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # stopped and reaped: no process left behind
    assert not ahead.pending()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="laid out ahead on Linux")
def test_the_rules_run_while_the_window_waits_for_the_copy_not_after_its_first_paint(
        tmp_path, make_window, monkeypatch):
    import time

    import archstudio.app.documents as documents
    from archstudio.app.parsing import rule_diagnostics
    from archstudio.dsl import parse

    monkeypatch.setenv("ARCHSTUDIO_LAYOUT_AHEAD", "1")
    real_send = ahead._send
    # the copy (a fork: it runs the patched module) takes a while, so the window waits
    monkeypatch.setattr(ahead, "_send", lambda *a: time.sleep(1.0) or real_send(*a))
    checks = []
    real_check = documents.rule_diagnostics
    monkeypatch.setattr(documents, "rule_diagnostics",
                        lambda *a: checks.append(ahead.pending()) or real_check(*a))
    path = tmp_path / "big.arch"
    text = generate(300)
    path.write_text(text, encoding="utf-8")
    window = make_window(path)
    expected = rule_diagnostics(parse(text))
    assert expected  # the generated model has rule problems (A202)
    # checked once, while the copy was still laying the file out (taken just after)
    assert checks == [False] and not ahead.pending()
    shown = {(d.code, d.span.start) for d in window.document.result.diagnostics}
    assert {(d.code, d.span.start) for d in expected} <= shown  # in the first result
    assert not window.document._rules_timer.isActive()  # nothing left to delay a paint
    assert window.document.result.checked  # the Problems panel shows them, not "Checking…"
    problems = window.problems
    assert "Checking" not in " ".join(problems.topLevelItem(i).text(0)
                                      for i in range(problems.topLevelItemCount()))
    window.document.check_rules_now()  # and a check later finds the same
    assert {(d.code, d.span.start) for d in window.document.result.diagnostics} == shown


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="laid out ahead on Linux")
def test_what_needs_no_boxes_is_done_while_the_window_waits_for_the_copy(
        tmp_path, make_window, monkeypatch, qtbot):
    import time

    from PySide6.QtWidgets import QTreeWidgetItemIterator

    monkeypatch.setenv("ARCHSTUDIO_LAYOUT_AHEAD", "1")
    real_send = ahead._send
    monkeypatch.setattr(ahead, "_send", lambda *a: time.sleep(1.0) or real_send(*a))
    path = tmp_path / "big.arch"
    path.write_text(generate(300), encoding="utf-8")
    window = make_window()
    seen = {}

    def meanwhile(model) -> None:  # (after the window's own handler)
        seen["model"] = model
        seen["outline"] = sum(1 for _ in _tree_items(window.outline, QTreeWidgetItemIterator))
        seen["faces"] = dict(window.scene._prepared_faces)
        seen["shapes"] = len(window.scene.element_items())

    window.document.parsed_before_layout.connect(meanwhile)
    assert window.files.open_path(str(path))
    model = window.document.result.model
    assert seen["model"] is model and seen["shapes"] == 0  # before any box existed
    assert seen["outline"] == len(model.elements)  # the outline was filled then
    leaves = [q for q, e in model.elements.items() if not e.children]
    assert set(seen["faces"]) == set(leaves)
    for qname in leaves:  # the shapes show the very faces made while waiting
        assert window.scene.element_item(qname).face is seen["faces"][qname][3]
    small = tmp_path / "small.arch"
    small.write_text(generate(10), encoding="utf-8")
    seen.clear()
    assert window.files.open_path(str(small)) and not seen  # laid out here: no waiting


def _tree_items(tree, iterator_type):
    iterator = iterator_type(tree)
    while iterator.value() is not None:
        yield iterator.value()
        iterator += 1


def test_what_opening_a_big_text_built_is_kept_out_of_the_collectors_walks(
        tmp_path, make_window):
    import gc

    small, big = tmp_path / "small.arch", tmp_path / "big.arch"
    small.write_text(generate(10), encoding="utf-8")
    big.write_text(generate(300), encoding="utf-8")
    gc.unfreeze()
    try:
        window = make_window(small)
        assert gc.get_freeze_count() == 0  # a small text: a collection is quick anyway
        assert window.files.open_path(str(big))
        frozen = gc.get_freeze_count()
        assert frozen > 0
        ids = {id(o) for o in gc.get_objects(generation=None)}  # tracked and not frozen
        model = window.document.result.model
        assert id(model.elements) not in ids  # the model is out of the collector's walks
    finally:
        gc.unfreeze()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="laid out ahead on Linux")
def test_work_meanwhile_is_done_only_while_the_copy_is_not_done(monkeypatch):
    import select
    import time

    monkeypatch.setenv("ARCHSTUDIO_LAYOUT_AHEAD", "1")
    text = generate(300)
    done: list[str] = []
    assert ahead.start(text)
    select.select([ahead._pending.fd], [], [], 60)  # the copy has finished
    assert ahead.take(text, (lambda: done.append("first"),)) is not None
    assert done == []  # nothing to wait for: the work keeps its usual time
    real_send = ahead._send
    monkeypatch.setattr(ahead, "_send", lambda *a: time.sleep(0.5) or real_send(*a))
    assert ahead.start(text)
    assert ahead.take(text, (lambda: done.append("first"),
                             lambda: done.append("second"))) is not None
    assert done == ["first", "second"]  # in order, while the copy worked


def test_a_new_windows_first_paint_comes_before_the_rules_however_long_it_starts(
        tmp_path, make_window, monkeypatch, qtbot):
    import time

    from PySide6.QtCore import QEvent, QObject

    import archstudio.app.documents as documents

    path = tmp_path / "big.arch"
    path.write_text(generate(300), encoding="utf-8")
    checks: list[float] = []
    real_check = documents.rule_diagnostics
    monkeypatch.setattr(documents, "rule_diagnostics",
                        lambda *a: checks.append(time.perf_counter()) or real_check(*a))
    window = make_window(path)
    time.sleep(documents.RULES_DELAY_MS / 1000 + 0.1)  # the rest of a slow start
    painted: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.perf_counter())
            return False

    watcher = FirstPaint()
    window.view.viewport().installEventFilter(watcher)
    window.show()
    qtbot.waitUntil(lambda: bool(painted) and bool(checks), timeout=10_000)
    assert painted[0] < checks[0]  # the diagram first, the rules after
    assert any(d.code == "A202" for d in window.document.result.diagnostics)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="laid out ahead on Linux")
def test_a_copy_done_but_never_taken_no_longer_counts_as_laying_out(monkeypatch):
    """An open that fails after the copy started never takes its boxes: once done, the
    copy must not keep the routing helper waiting; the same text asked for again keeps
    it (no second layout), and its boxes are still the document's."""
    import select

    from archstudio.dsl.incremental import IncrementalParser
    from archstudio.layout import arrange

    monkeypatch.setenv("ARCHSTUDIO_LAYOUT_AHEAD", "1")
    text = generate(300)
    try:
        assert ahead.start(text)
        pid = ahead._pending.pid
        assert select.select([ahead._pending.fd], [], [], 120)[0]  # the copy is done
        assert not ahead.pending()
        assert ahead.start(text) and ahead._pending.pid == pid  # kept, not forked again
        assert ahead.take(text) == arrange(IncrementalParser().parse(text), {})
        assert _child_gone(pid)
    finally:
        ahead._discard()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="laid out ahead on Linux")
def test_work_meanwhile_that_fails_stops_the_copy(monkeypatch):
    """The failure goes on to the caller, and no copy is left running (or unreaped: the
    app's end would no longer find it to stop)."""
    import time

    monkeypatch.setenv("ARCHSTUDIO_LAYOUT_AHEAD", "1")
    real_send = ahead._send
    monkeypatch.setattr(ahead, "_send", lambda *a: time.sleep(30) or real_send(*a))
    text = generate(300)
    assert ahead.start(text)
    pid, fd = ahead._pending.pid, ahead._pending.fd

    def fails() -> None:
        raise RuntimeError("the window's own work failed")

    with pytest.raises(RuntimeError):
        ahead.take(text, (fails,))
    assert _child_gone(pid) and not ahead.pending()
    with pytest.raises(OSError):
        os.fstat(fd)  # the pipe closed


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="laid out ahead on Linux")
def test_the_copy_holds_none_of_the_windows_pipes(monkeypatch):
    """A pipe of the window's (as the routing helper's input is) closed by the window
    ends at once for its reader, though the copy laying out ahead still runs: the copy
    keeps only its own pipe's write end."""
    import select
    import time

    monkeypatch.setenv("ARCHSTUDIO_LAYOUT_AHEAD", "1")
    text = generate(300)
    monkeypatch.setattr(ahead, "_send", lambda fd, digest, text: time.sleep(60))
    helper_reads, window_writes = os.pipe()
    try:
        assert ahead.start(text)
        pid = ahead._pending.pid
        os.close(window_writes)
        window_writes = -1
        ended, _, _ = select.select([helper_reads], [], [], 20)
        assert ended and os.read(helper_reads, 10) == b""  # the end of input, seen at once
        assert os.waitpid(pid, os.WNOHANG) == (0, 0)  # while the copy still runs
    finally:
        ahead._discard()
        os.close(helper_reads)
        if window_writes >= 0:
            os.close(window_writes)
