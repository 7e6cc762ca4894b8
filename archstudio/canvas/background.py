"""Routing whole drawings in the helper process (:mod:`archstudio.render.worker`).

One helper serves every window of the app: started on first use (or early, by
:func:`warm_up`, while a big file is still being read), it runs the requests one after
another. Answers arrive through the event loop, so the window keeps painting and taking
keys meanwhile. When no helper can run (a frozen bundle, a process that fails to start
or dies), ``finished`` still comes, without a drawing: the caller routes itself. A job
sent with ``early`` has its lines alone come first, with ``lines_arrived``.
"""

from __future__ import annotations

import atexit
import itertools
import sys
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QTimer, Signal

from archstudio.layout.collector import collector_paused
from archstudio.render.worker import HEADER, LINES, restore

Point = tuple[float, float]


class BackgroundRouter(QObject):
    """Sends drawings to route; ``finished`` gives ``(job, drawing or None)``, and
    before it, for a job sent with ``early``, ``lines_arrived`` gives ``(job, lines)`` (a
    drawing without labels)."""

    finished = Signal(object)
    lines_arrived = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: QProcess | None = None
        self._buffer = bytearray()
        self._pending: dict[int, tuple] = {}  # job -> (shapes, links, sizes) it sent
        self._ids = itertools.count(1)
        self._broken = getattr(sys, "frozen", False)  # no interpreter to start in a bundle

    @property
    def available(self) -> bool:
        return not self._broken

    def start(self) -> None:
        """Start the helper now if it is not running (it takes a moment to load)."""
        if self._broken or self._process is not None:
            return
        process = QProcess(self)
        process.setProgram(sys.executable)
        process.setArguments(["-m", "archstudio.render.worker"])
        process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        process.readyReadStandardOutput.connect(self._read)
        process.errorOccurred.connect(self._failed)
        process.finished.connect(lambda *_: self._failed())
        self._process = process
        process.start()
        atexit.register(self.stop)

    def stop(self) -> None:
        """End the helper (its input closes, so it ends by itself; killed if it lingers)."""
        process, self._process = self._process, None
        try:
            if process is None or process.state() == QProcess.ProcessState.NotRunning:
                return
            process.closeWriteChannel()
            if not process.waitForFinished(500):
                process.kill()
                process.waitForFinished(500)
        except RuntimeError:  # at exit, after Qt already deleted it (and ended the helper)
            pass

    def submit(self, shapes: Mapping, links: Sequence, sizes: Mapping,
               outlines: Mapping[str, Sequence[Point]], style: str,
               hints: Mapping | None = None, early: bool = False) -> int:
        """A job number; its drawing comes with ``finished``. ``hints``: the layout's
        plans for the lines (see :mod:`archstudio.layout.routes`), as the canvas would
        route with them itself. ``early``: the lines alone come first too."""
        from archstudio.render.worker import write_frame

        job = next(self._ids)
        self.start()
        if self._process is None:
            self._pending[job] = ()
            QTimer.singleShot(0, lambda: self._deliver(job, None))
            return job
        request = (job, dict(shapes), list(links), dict(sizes), dict(outlines), style,
                   dict(hints) if hints else None, early)
        self._pending[job] = request[1:4]
        self._process.write(_frame(request, write_frame))
        return job

    def _read(self) -> None:
        import pickle

        if self._process is None:
            return
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        while len(self._buffer) >= HEADER.size:
            size = HEADER.unpack_from(self._buffer)[0]
            if len(self._buffer) < HEADER.size + size:
                return
            data = bytes(self._buffer[HEADER.size:HEADER.size + size])
            del self._buffer[:HEADER.size + size]
            # unpickling a drawing and making an item per relation builds tens of
            # thousands of objects, nearly all kept: the cyclic collector waits meanwhile
            # (as while a file opens)
            with collector_paused():
                job, drawing, problem = pickle.loads(data)  # noqa: S301 (our own helper)
                if problem == LINES:
                    inputs = self._pending.get(job)
                    if inputs:  # (the shapes sent, so the asker sees what moved since)
                        self.lines_arrived.emit((job, restore(drawing, *inputs)))
                else:
                    self._deliver(job, drawing)

    def _deliver(self, job: int, drawing) -> None:
        inputs = self._pending.pop(job, None)
        if inputs is None:
            return
        if drawing is not None:
            drawing = restore(drawing, *inputs)
        self.finished.emit((job, drawing))

    def _failed(self, *_args) -> None:
        """The helper could not start or stopped: the waiting jobs are answered empty
        (their callers route themselves) and no helper is started again."""
        if self._process is None:
            return
        self._broken = True
        self._process = None
        self._buffer.clear()
        for job in sorted(self._pending):
            QTimer.singleShot(0, lambda j=job: self._deliver(j, None))


def _frame(request: tuple, write_frame) -> bytes:
    import io

    out = io.BytesIO()
    write_frame(out, request)
    return out.getvalue()


_router: BackgroundRouter | None = None


def background_router() -> BackgroundRouter:
    """The app's one helper (owned by the application object)."""
    global _router
    if _router is None:
        app = QCoreApplication.instance()
        _router = BackgroundRouter(app)
        if app is not None:
            app.aboutToQuit.connect(_router.stop)
    return _router


def warm_up() -> None:
    """Start the helper early, so it has loaded by the time a big file needs it."""
    background_router().start()
