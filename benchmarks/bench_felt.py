"""Speed as a person feels it: from the real input event until the change is painted.

Every figure starts at a real event and ends at the first paint of the canvas's viewport
that shows the change, in a shown window (offscreen platform unless DISPLAY is set and
``ARCHSTUDIO_BENCH_PLATFORM=xcb``), any pause included:

* key press → painted: a character typed with a real key event into a label mid-file,
  its element on screen at 100 %, keys 50 ms apart (``ARCHSTUDIO_BENCH_KEY_GAP_MS``); the
  time from the key until the parse starts (a pause, if any, and the queued events before
  it) is reported apart (``pause_ms``);
* fresh open → painted: a new window on the file, made as the app makes one for a file
  (``opening.new_window``: a big file's window paints first and opens it after), until
  its canvas is first painted with the shapes (``fresh_open_ms``) and with the lines
  (``open_lines_ms``: a big diagram's lines are routed in a helper process after the
  shapes are shown); each window is deleted before the next (a window only closed
  lives on, and its timers would fire inside the next open);
* launch → painted: ``python -m archstudio open FILE`` in a subprocess until the canvas
  first paints at all (``launch_window_ms``), with the shapes (``launch_ms``) and with the
  lines (``launch_lines_ms``) (the app reports those moments when
  ``ARCHSTUDIO_REPORT_FIRST_PAINT=1``), its modules' bytecode compiled as an installed
  app has it (``ARCHSTUDIO_BENCH_FELT=open`` measures only the opens and launches);
* mouse release → painted: an element dragged with mouse events, from the release until
  the paint showing the moved element and its lines is over (the frame drawn; every other
  figure stops when that paint begins), the pointer resting first as a hand does
  (``release_to_paint_ms``: the lines routed ahead while it rests) and not resting
  (``release_moving_ms``: a drop made in motion);
* frames at Fit, 100 % and 25 %: a synchronous repaint of the viewport once the view is
  still (zoomed out, copied from the view's cached picture), and the same frame drawn
  from the items (``frame_*_items_ms``: the first frame after a zoom or a change); the
  whole diagram in a 1920x1080 view (``whole_1080p_ms``).

Baselines in the same run: the same boxes, names, lines and relation labels drawn by Qt's
stock C++ items (QGraphicsRectItem, QGraphicsSimpleTextItem, QGraphicsPathItem) through
exactly the same transform, for the frames; Graphviz ``dot`` laying out the same graph
(up to 2,000 elements, where it already runs out of time). Sizes 100, 500 and 2,000
elements by default; ``ARCHSTUDIO_BENCH_SIZES=500,2000,10000`` adds 10,000 (about a
quarter of an hour: one open and one launch there instead of three; its lines are waited
for ``ARCHSTUDIO_BENCH_LINES_S`` s at most, 300 by default, and the rest is measured
either way, ``frames_with_lines`` saying whether the lines were there). Each size above 500
gets a row of growth exponents from 500 (1.0 is linear). ``ARCHSTUDIO_BENCH_FELT=edit``
measures only the key presses and releases (one open, no launches, frames or dot).
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QPainterPath, QPen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

import archstudio
from archstudio.app import MainWindow
from archstudio.app.entry import application
from benchmarks.bench_keystroke import DOT_TIMEOUT_S, _dot_ms
from benchmarks.models import generate
from benchmarks.window import QuietPrompts, model_file

SIZES = tuple(int(s) for s in os.environ.get("ARCHSTUDIO_BENCH_SIZES",
                                             "100,500,2000").split(","))
# dot already runs out of time at 2,000 elements; ARCHSTUDIO_BENCH_DOT=0 leaves it out
# (an A/B run of two versions, where only the ratios between them matter)
DOT_UP_TO = 2000 if os.environ.get("ARCHSTUDIO_BENCH_DOT", "1") != "0" else 0
KEYS = 9
# keys come at a fast typist's pace (20 a second): what a keystroke's paint leaves for
# after its frame (the panels) is done before the next key, as it is between real keys
KEY_GAP_MS = int(os.environ.get("ARCHSTUDIO_BENCH_KEY_GAP_MS", "50"))
RELEASES = 5
HOLD_MS = int(os.environ.get("ARCHSTUDIO_BENCH_HOLD_MS", "50"))  # a drag's pointer rests
# this long over its drop place before the button goes up (0: released at once)
WINDOW = (1500, 920)
TIMEOUT_S = 600.0
UNPAINTED_TIMEOUT_S = 10.0
SETTLE_MS = 400  # after showing, the window fits the diagram once the docks settle
REPEATS = 3  # launches and fresh opens, median (the machine is shared: take medians)
# above 2,000 elements the lines (routed in the helper process) are waited for this long
# at most; the open, keys, release and frames are measured either way
LINES_TIMEOUT_S = float(os.environ.get("ARCHSTUDIO_BENCH_LINES_S", "300"))
# ARCHSTUDIO_BENCH_FELT=open: only the fresh opens and the launches (a quick A/B of starting)
OPEN_ONLY = os.environ.get("ARCHSTUDIO_BENCH_FELT") == "open"
# ARCHSTUDIO_BENCH_FELT=edit: only the key presses and releases, in one window opened
# once (a quick A/B of editing; the open is timed once, no launches, frames or dot)
EDIT_ONLY = os.environ.get("ARCHSTUDIO_BENCH_FELT") == "edit"


class PaintClock(QObject):
    """Remembers when the watched widget last began to paint (``last``) and when that
    paint was over (``finished``: the frame drawn, what a person sees). The paint is
    handed on from inside the filter so the moment after it is known; a paint still
    goes to the widget exactly as before."""

    def __init__(self, widget, shown=None) -> None:
        super().__init__(widget)
        self.last = 0.0
        self.finished = 0.0
        # ``shown``: when asked, the start of the first paint at which ``shown()`` held
        self.shown, self.first_shown = shown, None
        self._inside = False
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.Paint or self._inside:
            return False
        self.last = time.perf_counter()
        if self.shown is not None and self.first_shown is None and self.shown():
            self.first_shown = self.last
        self._inside = True
        try:
            QApplication.sendEvent(watched, event)  # the view's own paint, done here
        finally:
            self._inside = False
        self.finished = time.perf_counter()
        return True


def _until(done, timeout: float = TIMEOUT_S) -> None:
    app = QApplication.instance()
    end = time.perf_counter() + timeout
    while not done():
        app.processEvents()
        if time.perf_counter() > end:
            raise TimeoutError("the window did not get there in time")


def _shown_window(path: Path, lines_timeout: float = TIMEOUT_S
                  ) -> tuple[MainWindow, PaintClock, float, float | None]:
    """A new window on ``path``, shown; ms from creating it to its canvas painted with
    the shapes, and with the lines (routed in the helper process on big diagrams; None
    when they take longer than ``lines_timeout`` s: the window is measured without)."""
    start = time.perf_counter()
    window = _new_window(str(path), prompts=QuietPrompts())
    window.resize(*WINDOW)
    # the first paint with the shapes (a window that paints first and opens the file
    # after, "Opening FILE…", has painted before they existed)
    clock = PaintClock(window.view.viewport(), lambda: window.document.result is not None
                       and bool(window.scene.element_items()))
    window.show()
    _until(lambda: clock.first_shown is not None)
    shapes = clock.first_shown
    if _routing(window):
        try:
            _until(lambda: not _routing(window), lines_timeout)
        except TimeoutError:
            return window, clock, (shapes - start) * 1000, None
        routed = time.perf_counter()
        _until(lambda: clock.last >= routed, UNPAINTED_TIMEOUT_S)
    return window, clock, (shapes - start) * 1000, (clock.last - start) * 1000


def _new_window(path: str, **options) -> MainWindow:
    """A new window on ``path`` made as the app makes one for a file (a second launch's
    file, a file dropped on the Dock): ``opening.new_window`` where this version has it."""
    try:
        from archstudio.app.opening import new_window
    except ImportError:  # (earlier versions made every window alike)
        return MainWindow(path, **options)
    return new_window(path, **options)


def _dispose(window: MainWindow) -> None:
    """Close ``window`` and delete it now, as closing a window of the app does. Outside
    ``exec()`` a ``deleteLater`` is never carried out by ``processEvents``: a window only
    closed lives on, and its timers (the rules, the collector's tidy-up, the text's
    colours) would fire inside the next measured open."""
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.processEvents()


def _routing(window: MainWindow) -> bool:
    """Whether the lines are still being routed (never, in versions that route at once:
    the benchmark also runs against earlier versions for before/after figures)."""
    return getattr(window.scene, "routing_pending", False)


def _painted_after(window: MainWindow, clock: PaintClock, since: float,
                   drawn: bool = False) -> float:
    """ms from ``since`` until the text is parsed and the canvas has painted the change
    by itself (the benchmark never forces a paint: a change the canvas forgot to repaint
    would time out here, not be hidden): until that paint began, or with ``drawn`` until
    it was over (the frame showing the change drawn)."""
    _until(lambda: window.document.up_to_date)
    parsed = max(since, window.document.last_parse_started)  # the scene changes after this
    _until(lambda: clock.last >= parsed and (not drawn or clock.finished >= clock.last),
           UNPAINTED_TIMEOUT_S)
    return ((clock.finished if drawn else clock.last) - since) * 1000


def _keystrokes(window: MainWindow, clock: PaintClock) -> tuple[float, float]:
    """Median key press → painted, and the median part of it spent waiting for a pause."""
    editor = window.editor
    text = editor.text()
    quote = text.rfind('"Service', 0, len(text) // 2)
    label = text[quote + 1:text.index('"', quote + 1)]
    item = next(i for i in window.scene.element_items().values() if i.label == label)
    QTest.qWait(SETTLE_MS)  # the window's own first fit comes a moment after showing
    window.view.reset_zoom()  # the element typed into, readable and on screen
    window.view.center_on(item.sceneBoundingRect().center())
    QApplication.processEvents()
    at = editor.offsets().to_qt(quote + 2)
    editor.setFocus()
    totals, waits = [], []
    for index in range(KEYS):
        QTest.qWait(KEY_GAP_MS)
        cursor = editor.textCursor()
        cursor.setPosition(at + (index % 2))
        editor.setTextCursor(cursor)
        key = Qt.Key.Key_X if index % 2 == 0 else Qt.Key.Key_Backspace
        start = time.perf_counter()
        QTest.keyClick(editor, key)
        typed = time.perf_counter()
        revision = editor.document().revision()
        _until(lambda r=revision: window.document._parsed_revision == r
               or window.document.up_to_date, TIMEOUT_S)
        totals.append(_painted_after(window, clock, start))
        waits.append(max(0.0, window.document.last_parse_started - typed) * 1000
                     if hasattr(window.document, "last_parse_started") else 0.0)
    return statistics.median(totals), statistics.median(waits)


def _mouse(viewport, kind: QEvent.Type, at, buttons) -> None:
    QApplication.sendEvent(viewport, QMouseEvent(
        kind, QPointF(at), viewport.mapToGlobal(QPointF(at)), Qt.MouseButton.LeftButton,
        buttons, Qt.KeyboardModifier.NoModifier))


def _release(window: MainWindow, clock: PaintClock, hold_ms: int = HOLD_MS) -> float:
    """Median mouse release after dragging an element 30 px to a place it has not been
    → the frame showing it there drawn. Each release moves another element, spread over
    the file (dragging one element back and forth would time an undo: the drawing it goes
    back to is remembered). The pointer rests ``hold_ms`` before the button goes up: a
    rest longer than the drag's ``REST_MS`` routes the drop ahead, so 0 times a drop
    made in motion, which gets no such help."""
    view = window.view
    scene = window.scene
    leaves = [q for q, e in scene.model.elements.items() if not e.is_group
              and e.parent is not None]
    times = []
    for step in range(RELEASES):
        qname = leaves[(2 * step + 1) * len(leaves) // (2 * RELEASES)]
        box = scene.boxes[qname]
        view.centerOn(box.x + box.width / 2, box.y + box.height / 2)
        QApplication.processEvents()
        start = view.mapFromScene(QPointF(box.x + box.width / 2, box.y + box.height / 2))
        end = start + type(start)(30, 0)
        viewport = view.viewport()
        _mouse(viewport, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
        for fraction in (0.3, 0.6, 1.0):
            _mouse(viewport, QEvent.Type.MouseMove, start + (end - start) * fraction,
                   Qt.MouseButton.LeftButton)
        # the pointer rests, the button goes up HOLD_MS after the last move: when the
        # window is still busy then, the release waits in the queue and that counts
        released = time.perf_counter() + hold_ms / 1000
        if hold_ms:
            QTest.qWait(hold_ms)
        _mouse(viewport, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
        times.append(_painted_after(window, clock, released, drawn=True))
    return statistics.median(times)


def _frame_ms(view: QGraphicsView, repeat: int = 5) -> float:
    """Median processor time of a synchronous repaint, in ms: painting is one thread's
    work, and its processor time is what other programs on a shared machine do not
    inflate (wall-clock frames there varied 2-3x between runs of the same code)."""
    timings = []
    for _ in range(repeat):
        start = time.thread_time()
        view.viewport().repaint()
        timings.append((time.thread_time() - start) * 1000)
    return statistics.median(timings)


def _settled(view: QGraphicsView) -> None:
    """Wait until the view's zoomed-out picture (if this version has one) has its tiles:
    the frames a person sees once the view is still."""
    picture = getattr(view, "picture", None)
    if picture is not None:
        _until(lambda: not picture.pending, UNPAINTED_TIMEOUT_S)


def _live_frame_ms(view: QGraphicsView) -> float:
    """A frame drawn from the items, as the first frame after a zoom or a change is
    (the same as a frame of a version without a picture)."""
    picture = getattr(view, "picture", None)
    if picture is None:
        return _frame_ms(view)
    below = picture.below_zoom
    picture.below_zoom = 0.0
    try:
        return _frame_ms(view)
    finally:
        picture.below_zoom = below


def _frames(view: QGraphicsView, stock: QGraphicsView) -> dict[str, float]:
    """Frame ms at Fit (the app's own: never below its minimum zoom), 100 % and 25 %,
    centred on the drawing, for the app's view once it is still and drawn from the items
    (the first frame after a zoom), and for the stock items shown through exactly the
    same transform and centre."""
    result = {}
    centre = view.scene().itemsBoundingRect().center()
    for name, zoom in (("fit", None), ("100%", 1.0), ("25%", 0.25)):
        if zoom is None:
            view.fit_to_window()
        else:
            view.resetTransform()
            view.scale(zoom, zoom)
            view.centerOn(centre)
        QApplication.processEvents()
        result[f"frame_{name}_items_ms"] = _live_frame_ms(view)
        _settled(view)
        result[f"frame_{name}_ms"] = _frame_ms(view)
        stock.setTransform(view.transform())
        stock.centerOn(view.mapToScene(view.viewport().rect().center()))
        QApplication.processEvents()
        result[f"stock_{name}_ms"] = _frame_ms(stock)
    return result


def _whole_at_1080p(window: MainWindow, stock: QGraphicsView) -> dict[str, float]:
    """The whole diagram in a 1920x1080 view, ours and the stock items'."""
    from archstudio.canvas import DiagramView

    ours = DiagramView(window.scene)
    ours.setRenderHints(window.view.renderHints())
    result = {}
    for name, view in (("whole_1080p_ms", ours), ("stock_whole_1080p_ms", stock)):
        view.resize(1920, 1080)
        view.show()
        QApplication.processEvents()
        view.fitInView(window.scene.content_rect(), Qt.AspectRatioMode.KeepAspectRatio)
        QApplication.processEvents()
        _settled(view)
        result[name] = _frame_ms(view)
    ours.close()
    ours.deleteLater()
    return result


def _stock_view(window: MainWindow) -> QGraphicsView:
    """The same boxes, names and relation lines as stock C++ items, in a view of the same
    size: the baseline for frames."""
    scene = QGraphicsScene()
    pen = QPen(Qt.GlobalColor.darkGray)
    for qname, box in window.scene.boxes.items():
        rect = QGraphicsRectItem(box.x, box.y, box.width, box.height)
        scene.addItem(rect)
        label = QGraphicsSimpleTextItem(window.scene.model.elements[qname].label or qname)
        label.setPos(box.x + 8, box.y + 8)
        scene.addItem(label)
    for item in window.scene.relation_items().values():
        points = item.face.points
        path = QPainterPath(QPointF(*points[0]))
        for x, y in points[1:]:
            path.lineTo(x, y)
        line = QGraphicsPathItem(path)
        line.setPen(pen)
        scene.addItem(line)
        if item.label:  # relation labels are text on screen too
            text = QGraphicsSimpleTextItem(item.label)
            text.setPos(item.label_item.boundingRect().topLeft())
            scene.addItem(text)
    view = QGraphicsView(scene)
    view.setRenderHints(window.view.renderHints())
    view.resize(window.view.viewport().size())
    view.show()
    view._scene = scene  # keep it alive with the view
    return view


def _compiled_env() -> dict[str, str]:
    """The environment of a launch as installed: pip compiles a package's modules when it
    installs them, so a launch reads bytecode; the development checkout is an editable
    install, and with ``PYTHONDONTWRITEBYTECODE`` set each launch would compile its 200
    modules again (0.5-1 s). They are compiled once into a folder of this run's own."""
    global _PYCACHE
    if _PYCACHE is None:
        _PYCACHE = tempfile.mkdtemp(prefix="archstudio-bench-pycache-")
        env = dict(os.environ, PYTHONPYCACHEPREFIX=_PYCACHE)
        subprocess.run([sys.executable, "-m", "compileall", "-q",
                        str(Path(archstudio.__file__).parent)], env=env, check=False,
                       capture_output=True, timeout=TIMEOUT_S)
    env = dict(os.environ, PYTHONPYCACHEPREFIX=_PYCACHE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


_PYCACHE: str | None = None


def _launch_ms(path: Path, lines: bool = True) -> dict[str, float | None] | None:
    """Spawn → the canvas's first paint (``window-paint``), first paint with the shapes
    (``first-paint``) and with the lines (``lines-paint``; not waited for unless
    ``lines``) of ``python -m archstudio open FILE``, in ms, with its modules' bytecode
    compiled (as installed)."""
    env = dict(_compiled_env(), ARCHSTUDIO_REPORT_FIRST_PAINT="1" if lines else "shapes",
               ARCHSTUDIO_SINGLE_INSTANCE="0")
    start = time.time()
    done = subprocess.run([sys.executable, "-m", "archstudio", "open", str(path)], env=env,
                          capture_output=True, text=True, timeout=TIMEOUT_S * 5, check=False)
    moments = {}
    for line in done.stderr.splitlines():
        what, _, when = line.partition(" ")
        if what in ("window-paint", "first-paint", "lines-paint"):
            moments[what] = (float(when) - start) * 1000
    if "first-paint" in moments:  # earlier versions say only when the diagram painted
        moments.setdefault("window-paint", moments["first-paint"])
        if lines:
            moments.setdefault("lines-paint", moments["first-paint"])
    if not lines:
        moments["lines-paint"] = None
    return moments if len(moments) == 3 else None


def _exponent(rows: list[dict], key: str, large: int) -> float | None:
    """k in time ∝ elements^k between 500 and ``large`` elements (1: linear)."""
    values = {row["elements_asked"]: row.get(key) for row in rows}
    small = 500
    if not values.get(small) or not values.get(large):
        return None
    return round(math.log(values[large] / values[small]) / math.log(large / small), 2)


def _in_the_window(window: MainWindow, clock: PaintClock) -> dict:
    """Key press, release and frames in the opened window."""
    key_ms, pause_ms = _keystrokes(window, clock)
    release_ms = _release(window, clock)
    moving_ms = _release(window, clock, 0)  # the same elements, 30 px further, no rest
    if EDIT_ONLY:
        return {"key_to_paint_ms": round(key_ms, 1), "pause_ms": round(pause_ms, 1),
                "release_to_paint_ms": round(release_ms, 1),
                "release_moving_ms": round(moving_ms, 1)}
    stock = _stock_view(window)
    frames = _frames(window.view, stock)
    frames.update(_whole_at_1080p(window, stock))
    stock.close()
    return {
        "key_to_paint_ms": round(key_ms, 1),
        "pause_ms": round(pause_ms, 1),
        "release_to_paint_ms": round(release_ms, 1),
        "release_moving_ms": round(moving_ms, 1),
        **{k: round(v, 2) for k, v in frames.items()},
        **{f"{name}_vs_stock": round(frames[f"frame_{name}_ms"] / frames[f"stock_{name}_ms"],
                                     2) for name in ("fit", "100%", "25%")},
        "whole_vs_stock": round(frames["whole_1080p_ms"] / frames["stock_whole_1080p_ms"], 2),
    }


def run() -> list[dict]:
    application()
    rows: list[dict] = []
    for size in SIZES:
        text = generate(size)
        path = model_file(text, size)
        repeats = REPEATS if size <= 2000 and not EDIT_ONLY else 1
        lines_timeout = TIMEOUT_S if size <= 2000 else LINES_TIMEOUT_S
        opens = []
        for _ in range(repeats - 1):  # earlier fresh windows, closed again
            earlier, _clock, *ms = _shown_window(path, lines_timeout)
            opens.append(ms)
            _dispose(earlier)
        window, clock, *ms = _shown_window(path, lines_timeout)
        open_ms = statistics.median([o[0] for o in [*opens, ms]])
        routed = [o[1] for o in [*opens, ms] if o[1] is not None]
        open_lines_ms = statistics.median(routed) if len(routed) == len(opens) + 1 else None
        lines_shown = not _routing(window)  # the frames below are with the lines
        felt = _in_the_window(window, clock) if not OPEN_ONLY else {}
        _dispose(window)
        launches = [ms for ms in (_launch_ms(path, lines_timeout == TIMEOUT_S)
                                  for _ in range(repeats if not EDIT_ONLY else 0))
                    if ms is not None]
        launch = {key: statistics.median(ms[key] for ms in launches)
                  if launches and launches[0][key] is not None else None
                  for key in ("window-paint", "first-paint", "lines-paint")}
        dot_ms = _dot_ms(text) if size <= DOT_UP_TO and not EDIT_ONLY else None
        row = {
            "elements_asked": size,
            **felt,
            "fresh_open_ms": round(open_ms, 1),
            "open_lines_ms": _rounded(open_lines_ms),
            "frames_with_lines": lines_shown,
            "launch_window_ms": _rounded(launch["window-paint"]),
            "launch_ms": _rounded(launch["first-paint"]),
            "launch_lines_ms": _rounded(launch["lines-paint"]),
            "dot_ms": None if dot_ms is None else round(dot_ms, 1),
            "dot_timed_out": dot_ms is not None and dot_ms >= DOT_TIMEOUT_S * 1000,
        }
        rows.append(row)
    for large in [size for size in SIZES if size > 500]:
        rows.append({"elements_asked": f"exponent 500→{large}", **{
            key: _exponent(rows, key, large) for key in GROWING}})
    return rows


GROWING = ("key_to_paint_ms", "release_to_paint_ms", "release_moving_ms", "fresh_open_ms",
           "open_lines_ms",
           "launch_window_ms", "launch_ms", "launch_lines_ms", "frame_fit_ms",
           "frame_fit_items_ms",
           "frame_100%_ms", "frame_25%_ms", "whole_1080p_ms")


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
