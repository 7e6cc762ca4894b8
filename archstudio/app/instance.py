"""One ArchStudio process per user: files opened later open in new windows of it.

A double-click on a second ``.arch`` file while ArchStudio runs starts ``archstudio open
FILE`` again; that launch hands the file to the running process over a local socket and
exits once that process answers it took the file (unanswered, the launch opens it itself),
and the running process opens it in a window of its own. On macOS, Finder sends
files as :class:`QFileOpenEvent` instead, handled the same way. ``ARCHSTUDIO_SINGLE_INSTANCE=0``
turns the hand-over off (each launch is its own process).

Starting stays light: a launch asks for a running process over a plain Unix socket where
Qt's local sockets are one (not Windows), so Qt's network module loads only when this
process starts listening, after its window first painted (:func:`serve_after_paint`).
"""

from __future__ import annotations

import getpass
import os
import socket as sockets
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket
    from PySide6.QtWidgets import QWidget

CONNECT_TIMEOUT_MS = 500
# how long a launch waits for the running process to say it took each file: it answers
# from its event loop, which a big file's layout can hold for seconds
TAKEN_TIMEOUT_S = 20.0
TAKEN = b"taken\n"  # the answer to each file's line
_windows: list = []  # the open windows this module made (kept alive until they close)


def server_name() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    return f"archstudio-{''.join(c if c.isalnum() else '_' for c in user)}"


def enabled() -> bool:
    return os.environ.get("ARCHSTUDIO_SINGLE_INSTANCE", "1") != "0"


def open_in_window(path: str | None):
    """Open ``path`` in the untouched new document of a window if there is one, else in
    a new window; returns that window."""
    from archstudio.app.main_window import MainWindow

    app = QApplication.instance()
    for widget in app.topLevelWidgets() if app else []:
        if isinstance(widget, MainWindow) and widget.isVisible() and \
                widget.document.path is None and not widget.document.modified and path:
            widget.open_path(path)
            widget.raise_()
            widget.activateWindow()
            return widget
    window = MainWindow(path)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _windows.append(window)
    window.destroyed.connect(lambda *_: _windows.remove(window) if window in _windows else None)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


class FileOpenEvents(QObject):
    """macOS: a file double-clicked in Finder (or dropped on the Dock icon)."""

    file_requested = Signal(object)  # str

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file() or event.url().toLocalFile()
            if path:
                self.file_requested.emit(path)
                return True
        return False


class InstanceServer(QObject):
    """Listens for files handed over by later launches."""

    file_requested = Signal(object)  # str

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer

        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.name = name or server_name()
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        if self.server.listen(self.name):
            return True
        self.server.removeServer(self.name)  # left behind by a process that crashed
        return self.server.listen(self.name)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = os.fsdecode(bytes(socket.readLine().data()).rstrip(b"\n"))
            if line:
                socket.write(TAKEN)  # answered before opening it (which can take a while)
                socket.flush()
                self.file_requested.emit(line)


def socket_path(name: str) -> str:
    """Where Qt's local server of ``name`` listens on Unix: in ``QDir.tempPath()``
    (``$TMPDIR``, else ``/tmp``) unless the name is a path itself."""
    if name.startswith("/"):
        return name
    return os.path.join(os.path.normpath(os.environ.get("TMPDIR") or "/tmp"), name)


def hand_over(paths: list[str], name: str | None = None) -> bool:
    """Give ``paths`` to a running ArchStudio; True once it answered that it took every
    one, False when none listens or it did not answer so (a process that was quitting
    accepts the connection and then closes it unread: the launch opens the files itself
    rather than lose them)."""
    # (the file system's bytes: a name that is no UTF-8 goes over as it is)
    lines = b"".join(os.fsencode(Path(path).resolve()) + b"\n" for path in paths)
    if sys.platform == "win32" or not hasattr(sockets, "AF_UNIX"):
        return _hand_over_qt(lines, len(paths), name or server_name())
    try:
        with sockets.socket(sockets.AF_UNIX, sockets.SOCK_STREAM) as connection:
            connection.settimeout(CONNECT_TIMEOUT_MS / 1000)
            connection.connect(socket_path(name or server_name()))
            connection.sendall(lines)
            connection.shutdown(sockets.SHUT_WR)
            connection.settimeout(TAKEN_TIMEOUT_S)
            answer = b""
            while answer.count(TAKEN) < len(paths):
                chunk = connection.recv(4096)
                if not chunk:
                    return False  # closed unanswered
                answer += chunk
    except OSError:  # nobody listens, a socket a crashed process left behind, no answer
        return False
    return True


def _hand_over_qt(lines: bytes, count: int, name: str) -> bool:
    """The hand-over through Qt's local socket (a named pipe on Windows), answered as
    :func:`hand_over`'s."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(lines)
    while socket.bytesToWrite() > 0:
        if not socket.waitForBytesWritten(CONNECT_TIMEOUT_MS):
            return False
    answer = b""
    while answer.count(TAKEN) < count:
        if not socket.waitForReadyRead(int(TAKEN_TIMEOUT_S * 1000)):
            return False
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(CONNECT_TIMEOUT_MS)
    return True


def listen(app: QApplication, name: str | None = None) -> InstanceServer | None:
    """The hand-over server, listening (None when it is turned off or cannot listen)."""
    if not enabled():
        return None
    server = InstanceServer(name, parent=app)
    if not server.listen():
        server.deleteLater()
        return None
    server.file_requested.connect(open_in_window)
    return server


class ServeAfterPaint(QObject):
    """The file-open handler at once; the hand-over server once ``widget`` first painted
    and the work queued by then (opening the file) is done: a launch that finds no
    server meanwhile opens its own window, as before any ArchStudio ran."""

    def __init__(self, app: QApplication, widget: QWidget, name: str | None = None) -> None:
        super().__init__(app)
        self.app = app
        self.name = name
        self.events = FileOpenEvents(app)
        self.events.file_requested.connect(open_in_window)
        app.installEventFilter(self.events)
        self.server: InstanceServer | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self.start)
        return False

    def start(self) -> None:
        if self.server is None:
            self.server = listen(self.app, self.name)


def serve_after_paint(app: QApplication, widget: QWidget, name: str | None = None
                      ) -> ServeAfterPaint:
    return ServeAfterPaint(app, widget, name)
