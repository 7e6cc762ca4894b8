"""Python's collector and what an edit keeps (layout/collector.py): a dropped or routed-
ahead edit freezes what it built, so later collections do not walk it again; the cycles
that freezing keeps are collected once the user pauses and they have grown by half."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

import gc
import weakref

import pytest
from gesture_support import Left, NoButton, send, shop_file  # noqa: F401  (fixture)
from PySide6.QtCore import QEvent, QPointF
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.app import documents
from archstudio.canvas.gestures.move import REST_MS
from archstudio.layout import collector
from archstudio.layout.collector import collect_if_grown, collector_paused


class _Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def thawed():
    """Each test starts and ends with nothing frozen and no mark (the suite shares one
    interpreter)."""
    gc.unfreeze()
    collector._Frozen.mark = None
    yield
    gc.unfreeze()
    collector._Frozen.mark = None


def test_a_kept_block_freezes_what_exists_after_it_and_leaves_the_collector_on(thawed):
    before = gc.get_freeze_count()
    with collector_paused(keep=True):
        assert not gc.isenabled()
        made = [_Cycle() for _ in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + 1000
    frozen = gc.get_freeze_count()
    young = gc.get_objects(generation=0) + gc.get_objects(generation=2)
    assert not any(c is m for c in young for m in made[:3])  # frozen: in no generation
    with collector_paused():  # without keep: nothing more is frozen
        more = [_Cycle() for _ in range(1000)]
    assert gc.get_freeze_count() <= frozen and len(more) == 1000


def test_dropped_cycles_kept_by_freezing_are_collected_once_grown_by_half(thawed):
    with collector_paused(keep=True):
        base = [_Cycle() for _ in range(2000)]
    mark = gc.get_freeze_count()
    with collector_paused(keep=True):
        few = _Cycle()
    watch = weakref.ref(few)
    del few  # a cycle: only the collector frees it, and it is frozen
    gc.collect()
    assert watch() is not None
    assert collect_if_grown() is False  # grown by far less than half: not worth a walk
    with collector_paused(keep=True):
        [_Cycle() for _ in range(int(mark * 0.6))]  # dropped at once, kept by the cycles
    assert collect_if_grown() is True
    assert watch() is None
    assert gc.get_freeze_count() < mark * 1.5  # the dropped cycles went
    assert len(base) == 2000


def test_a_drop_freezes_its_work_and_a_pause_tidies_the_dropped_cycles(
        make_window, shop_file, qtbot, thawed, monkeypatch):
    monkeypatch.setattr(documents, "TIDY_DELAY_MS", 50)
    window = make_window(shop_file)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(400)
    window.view.reset_zoom()
    window.view.centerOn(450, 300)
    with collector_paused(keep=True):
        pass  # the mark: what exists now
    with collector_paused(keep=True):  # cycles an earlier edit froze and then dropped
        [_Cycle() for _ in range(gc.get_freeze_count())]
        lost = _Cycle()
    watch = weakref.ref(lost)
    del lost
    frozen = gc.get_freeze_count()
    view = window.view
    at = view.mapFromScene(QPointF(410, 285))  # Shop.Api
    to = view.mapFromScene(QPointF(450, 300))
    send(view, QEvent.Type.MouseButtonPress, at, Left, Left)
    for step in range(1, 5):
        send(view, QEvent.Type.MouseMove, at + (to - at) * (step / 4), NoButton, Left)
    qtbot.wait(REST_MS + 100)  # routed ahead while resting: frozen as well
    send(view, QEvent.Type.MouseButtonRelease, to, Left, NoButton)
    assert "Shop.Api" in window.editor.text() and window.scene.boxes["Shop.Api"].x != 330
    assert watch() is not None  # the drop itself walks nothing old
    qtbot.waitUntil(lambda: watch() is None, timeout=3000)  # the pause tidied them
    assert gc.get_freeze_count() < frozen
    assert gc.isenabled()


def test_what_opening_big_files_froze_is_tidied_too_with_no_edit_in_between(
        make_window, tmp_path, qtbot, thawed, monkeypatch):
    """Opening a big text freezes what it built (``ahead.keep_built``); with no edit
    ever made, a replaced document's cycles must still go at a pause once grown."""
    from archstudio.app import ahead
    from benchmarks.models import generate

    monkeypatch.setenv("ARCHSTUDIO_LAYOUT_AHEAD", "0")
    monkeypatch.setattr(documents, "TIDY_DELAY_MS", 50)
    big = tmp_path / "big.arch"
    big.write_text(generate(300), encoding="utf-8")
    window = make_window()
    assert len(big.read_text(encoding="utf-8")) >= ahead.BIG_TEXT
    assert window.files.open_path(str(big))  # frozen: the first mark
    lost = _Cycle()  # a cycle of the document about to be replaced
    watch = weakref.ref(lost)
    ahead.keep_built(big.read_text(encoding="utf-8"))  # (frozen with the document)
    del lost
    grown = [_Cycle() for _ in range(gc.get_freeze_count())]
    assert window.files.open_path(str(big))  # opened again: grown by far more than half
    qtbot.waitUntil(lambda: watch() is None, timeout=10_000)  # the pause tidied it
    assert len(grown) > 0


def test_threads_whose_paused_blocks_interleave_leave_it_off_until_the_last_ends():
    """Block A begins, block B begins in another thread, A ends: B still runs with the
    collector off; it comes back on when B ends (each block remembering what it found
    turned it on under B)."""
    import threading

    assert gc.isenabled()
    b_began, a_ended, seen = threading.Event(), threading.Event(), []

    def block_b() -> None:
        with collector_paused():
            b_began.set()
            a_ended.wait(5)
            seen.append(gc.isenabled())

    with collector_paused():
        other = threading.Thread(target=block_b)
        other.start()
        assert b_began.wait(5)
    a_ended.set()
    other.join(5)
    assert seen == [False]
    assert gc.isenabled()
