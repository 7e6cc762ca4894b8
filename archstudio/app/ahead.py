"""Laying a big file out on the second core while the window is being built.

``archstudio open BIG.arch`` spends its first second importing Qt and building the
window, and then as long again parsing the file and laying it out, one after the other on
one core; a new window on a file builds its widgets, fills the editor and parses before
the layout starts. :func:`start` forks the process at the start of either (a fork costs
a few milliseconds): the copy lays the same text out exactly as the document would (the
same code, the same hash seed), with the collector off and nothing of Qt touched, and
sends the boxes, with the plans the layout keeps for the router, through a pipe, at the
window's own priority (a copy at a lower one was starved by other work of the same
session, and the document then waited 20 s for it). The document's first layout then
:func:`take` s them instead of computing them itself, when the text it opened is the text
the copy laid out; otherwise, or when anything went wrong, it lays the file out itself as
before.

With a free core the layout is hidden behind the window's start; with every core busy
the copy and the window share them, so the window starts later and nothing is won (the
copy's own parse is work done twice): it is then not started (:func:`enabled`). Linux
only (a fork of a process that runs GUI frameworks is not safe everywhere), in a process
with one Python thread.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import os
import pickle
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence

BIG_TEXT = 20_000  # characters: about 150 elements, below which a layout is quick anyway
IDLE_CORE = 0.5  # laid out ahead while the load average is below the cores less this
# how long the window waits, from :func:`take`, for the copy's boxes (the whole layout: it
# sends only when done); past it the copy is stopped and the file laid out here
DEADLINE_S = 120.0


class _Pending:
    def __init__(self, pid: int, fd: int, digest: bytes) -> None:
        self.pid, self.fd, self.digest = pid, fd, digest


_pending: _Pending | None = None
_collector_paused = False


def _digest(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()


def pause_collector() -> None:
    """Python's cyclic collector off until the file is shown (:func:`resume_collector`):
    starting walks hundreds of thousands of new objects (modules, Qt wrappers, the model,
    the scene) that all live on, a quarter of a launch's processor time for nothing."""
    global _collector_paused
    if gc.isenabled() and os.environ.get("ARCHSTUDIO_LAUNCH_GC", "1") != "0":
        gc.disable()
        _collector_paused = True


def resume_collector() -> None:
    """After the first file is shown: what exists now is kept out of later collections
    (``gc.freeze``: reference counting still frees it when dropped; only cycles made while
    starting stay, a few thousand objects), and the collector runs again."""
    global _collector_paused
    if _collector_paused:
        _collector_paused = False
        from archstudio.layout.collector import keep_what_exists  # (not before the fork)

        keep_what_exists()
        gc.enable()


def keep_built(text: str) -> None:
    """After a big text was opened (parsed, laid out, its items made): what exists now
    lives as long as the document, so it goes out of the collector's sight
    (``gc.freeze``). Otherwise the next collections walk every new object for nothing:
    at 2,000 elements 40-55 ms just after the open, then 60-80 and 125 ms in the first
    paint. Cyclic garbage made before the open is then kept until the app ends (small
    texts, where a collection is quick, do not do this) or until
    :func:`~archstudio.layout.collector.collect_if_grown` finds the frozen objects grown."""
    if len(text) >= BIG_TEXT:
        from archstudio.layout.collector import keep_what_exists

        keep_what_exists()


def enabled() -> bool:
    """Whether to lay out ahead: on Linux, when this process may run on two cores or more
    and one of them is idle (the last minute's load average leaves one), or always with
    ``ARCHSTUDIO_LAYOUT_AHEAD=1``; never with ``0``. With every core busy it was measured
    slower (docs/performance.md); with one core the copy only takes turns with the window."""
    if not (sys.platform.startswith("linux") and hasattr(os, "fork")):
        return False
    wanted = os.environ.get("ARCHSTUDIO_LAYOUT_AHEAD", "")
    if wanted in ("0", "1"):
        return wanted == "1"
    cores = _usable_cores()
    try:
        return cores >= 2 and os.getloadavg()[0] < cores - IDLE_CORE
    except OSError:
        return False


def _usable_cores() -> int:
    """The cores this process may run on (``taskset`` or a container's cpuset can allow
    fewer than the machine has, and ``os.cpu_count`` counts the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def start_for(path: str) -> bool:
    """:func:`start` on the text of the file at ``path`` (nothing when it is unreadable
    or small)."""
    if not enabled():
        return False
    try:
        if os.path.getsize(path) < BIG_TEXT:
            return False
    except OSError:
        return False
    from archstudio.dsl import read_source

    text = read_source(path).text
    return text is not None and start(text)


def start(text: str) -> bool:
    """Lay ``text`` out in a forked copy of this process; True if the copy started.
    Only while this process runs one Python thread and no pooled work (the copy runs
    only Python)."""
    global _pending
    if _pending is not None:
        if _pending.digest == _digest(text):
            return True  # already laid out (or being laid out) for this very text
        _discard()
    if len(text) < BIG_TEXT or not enabled() or threading.active_count() != 1 \
            or _qt_pool_busy():
        return False
    digest = _digest(text)
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return False
    if pid == 0:  # the copy: lay out, send, and leave without running anything else
        code = 1
        try:
            gc.disable()  # nothing of the parent's (Qt's wrappers among it) is finalised here
            _close_inherited(keep=write_end)
            _send(write_end, digest, text)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    _pending = _Pending(pid, read_end, digest)
    return True


def _close_inherited(keep: int) -> None:
    """In the copy: every descriptor but the standard three and ``keep`` closed. A fork
    copies them all (close-on-exec acts only on exec), so the copy would otherwise hold
    the routing helper's pipes (the helper sees no end of its input while the copy
    lives), the single-instance socket, the display's connection and this pipe's own
    read end."""
    limit = os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 1 << 16
    os.closerange(3, keep)
    os.closerange(keep + 1, max(limit, keep + 1))


def _qt_pool_busy() -> bool:
    """Whether Qt's thread pool is running work (an Auto-arrange in the background): its
    Python code is no ``threading`` thread, yet a lock it holds (a module being imported)
    would stay held for ever in the copy, which would then hang until ``DEADLINE_S``."""
    core = sys.modules.get("PySide6.QtCore")  # (not loaded yet at ``archstudio open``)
    return core is not None and core.QThreadPool.globalInstance().activeThreadCount() > 0


def _send(fd: int, digest: bytes, text: str) -> None:
    from archstudio.dsl.incremental import IncrementalParser
    from archstudio.layout import arrange, routes

    model = IncrementalParser().parse(text)
    before = routes.remembered_count()
    boxes = arrange(model, {})
    hints = routes.newest_remembered() if routes.remembered_count() > before else None
    data = pickle.dumps((digest, boxes, hints), protocol=pickle.HIGHEST_PROTOCOL)
    with os.fdopen(fd, "wb") as sink:
        sink.write(data)


def pending() -> bool:
    """Whether a copy is laying a file out (the routing helper then starts once it is
    done: three processes on two cores would slow the window's start). A copy that is
    done, its boxes not taken yet, works no more: one whose text is never opened (the
    open failed) must not keep the helper from starting."""
    return _pending is not None and not _readable(_pending.fd)


def _readable(fd: int) -> bool:
    """Whether the copy has begun to send (it sends only once done) or has ended."""
    return bool(select.select([fd], [], [], 0)[0])


def take(text: str, meanwhile: Sequence[Callable[[], object]] = ()):
    """The boxes laid out ahead for ``text`` (waiting for the copy to finish), or None
    when nothing was laid out ahead for exactly this text. Each of ``meanwhile`` is
    called, in order, while the copy is not done yet: work of the window's own that
    does not need the boxes is done while the window would wait anyway (the most
    useful first: once the copy is done, the rest is left to its usual time)."""
    global _pending
    pending, _pending = _pending, None
    if pending is None:
        return None
    if pending.digest != _digest(text):
        _discard(pending)
        return None
    try:
        for work in meanwhile:
            if _readable(pending.fd):
                break  # the copy is done (or has begun to send)
            work()
    except BaseException:  # the window's own work failed: no copy may outlive it
        _discard(pending)
        raise
    try:
        data = _read_all(pending.fd, time.monotonic() + DEADLINE_S)
    except OSError:
        data = None
    if data is None:  # a copy that hangs (or a pipe that fails) must not hang the window
        _discard(pending)
        return None
    _discard(pending)  # (it has sent everything: this only closes the pipe and reaps it)
    try:
        digest, boxes, hints = pickle.loads(data)
    except Exception:  # a copy that died half-way sent a cut pickle: lay out here
        return None
    if digest != pending.digest:
        return None
    if hints:
        from archstudio.layout import routes

        routes.remember(hints)
    return boxes


def _read_all(fd: int, deadline: float) -> bytes | None:
    """All the copy sends until it closes the pipe, or None when that is not done by
    ``deadline`` (``time.monotonic``)."""
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([fd], [], [], max(deadline - time.monotonic(), 0.0))
        if not ready:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


@atexit.register
def _discard(pending: _Pending | None = None) -> None:
    """Stop a copy whose layout is no longer wanted (another text, or the app ending)."""
    global _pending
    if pending is None:
        pending, _pending = _pending, None
    if pending is None:
        return
    try:
        os.kill(pending.pid, signal.SIGKILL)  # it holds nothing to tidy up
        os.waitpid(pending.pid, 0)
    except OSError:
        pass
    try:
        os.close(pending.fd)
    except OSError:
        pass
