"""Files opened while ArchStudio runs: a macOS QFileOpenEvent, or a second launch that
hands its file to the running process, each opens the file in a window."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from test_app_support import config_dir  # noqa: F401  (fixture)

from archstudio.app import instance
from archstudio.app.main_window import MainWindow

TEXT = 'architecture "Opened" {\n  person Visitor\n}\n'


@pytest.fixture
def arch(tmp_path) -> Path:
    path = tmp_path / "opened.arch"
    path.write_text(TEXT, encoding="utf-8")
    return path


def handed_over(qtbot, paths: list[str], name: str) -> bool:
    """``hand_over`` as a second launch calls it, from another thread: it waits for the
    answer of the server, which answers from this thread's event loop."""
    answers: list[bool] = []
    asking = threading.Thread(target=lambda: answers.append(instance.hand_over(paths, name)))
    asking.start()
    qtbot.waitUntil(lambda: not asking.is_alive(), timeout=30_000)
    return answers[0]


def windows_on(path: Path) -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and w.document.path
            and Path(w.document.path).resolve() == path.resolve()]


@pytest.fixture
def cleanup(qtbot):
    yield
    for window in list(instance._windows):
        window.document.editor.document().setModified(False)
        window.close()


def test_a_file_open_event_opens_the_file_in_a_window(arch, config_dir, qtbot, cleanup):
    app = QApplication.instance()
    events = instance.FileOpenEvents()
    events.file_requested.connect(instance.open_in_window)
    app.installEventFilter(events)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(QUrl.fromLocalFile(str(arch))))
        qtbot.waitUntil(lambda: bool(windows_on(arch)))
        window = windows_on(arch)[0]
        assert window.editor.text() == TEXT
        assert "Visitor" in window.document.result.model.elements
    finally:
        app.removeEventFilter(events)


def test_a_second_launch_hands_its_file_to_the_running_process(arch, config_dir, qtbot,
                                                                cleanup):
    name = f"archstudio-test-{uuid.uuid4().hex[:8]}"
    server = instance.InstanceServer(name, parent=QApplication.instance())
    assert server.listen()
    server.file_requested.connect(instance.open_in_window)
    launch = subprocess.Popen(  # a second launch, as a double-click starts one
        [sys.executable, "-c", "import sys; from archstudio.app import instance; "
         "sys.exit(0 if instance.hand_over([sys.argv[1]], sys.argv[2]) else 3)",
         str(arch), name])
    qtbot.waitUntil(lambda: launch.poll() is not None, timeout=60000)
    assert launch.returncode == 0
    qtbot.waitUntil(lambda: bool(windows_on(arch)), timeout=5000)
    other = arch.with_name("second.arch")
    other.write_text(TEXT.replace("Opened", "Second"), encoding="utf-8")
    assert handed_over(qtbot, [str(other)], name)
    qtbot.waitUntil(lambda: bool(windows_on(other)), timeout=5000)
    assert windows_on(arch)[0] is not windows_on(other)[0]  # each in a window of its own
    server.server.close()
    server.deleteLater()


def test_no_running_process_means_no_hand_over(arch):
    assert not instance.hand_over([str(arch)], f"archstudio-none-{uuid.uuid4().hex[:8]}")


@pytest.mark.skipif(sys.platform == "win32", reason="Windows hands over through Qt's pipe")
def test_a_process_that_takes_the_connection_but_quits_unanswered_is_no_hand_over(
        arch, tmp_path):
    """An instance quitting accepts the connection (the system queues it) and closes it
    unread: the launch must open the file itself, not count it handed over."""
    path = str(tmp_path / "quitting.sock")
    quitting = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    quitting.bind(path)
    quitting.listen(1)
    received: list[bytes] = []

    def quit_unanswered() -> None:
        connection, _ = quitting.accept()
        received.append(connection.recv(4096))
        connection.close()

    dying = threading.Thread(target=quit_unanswered)
    dying.start()
    try:
        assert not instance.hand_over([str(arch)], path)
    finally:
        dying.join(10)
        quitting.close()
    assert received and received[0].decode().strip() == str(arch.resolve())


def test_the_server_listens_once_the_first_window_painted(arch, config_dir, qtbot, cleanup,
                                                          monkeypatch):
    """A launch loads no network module before its window shows: the hand-over server
    starts after the first paint, and from then on a second launch's file opens here."""
    monkeypatch.setenv("ARCHSTUDIO_SINGLE_INSTANCE", "1")
    name = f"archstudio-test-{uuid.uuid4().hex[:8]}"
    app = QApplication.instance()
    window = MainWindow()
    qtbot.addWidget(window)
    serving = instance.serve_after_paint(app, window.view.viewport(), name)
    try:
        assert serving.server is None
        assert not instance.hand_over([str(arch)], name)  # nobody listens yet
        window.show()
        qtbot.waitUntil(lambda: serving.server is not None, timeout=5000)
        assert handed_over(qtbot, [str(arch)], name)
        qtbot.waitUntil(lambda: bool(windows_on(arch)), timeout=5000)
        assert windows_on(arch)[0].editor.text() == TEXT
    finally:
        app.removeEventFilter(serving.events)
        if serving.server is not None:
            serving.server.server.close()
            serving.server.deleteLater()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows hands over through Qt's pipe")
def test_a_launch_starts_without_the_network_module():
    """The hand-over asks over a plain Unix socket: Qt's network module is not loaded
    by starting the app and asking for a running one."""
    code = ("import sys; from archstudio.app import entry, instance, main_window; "
            "instance.hand_over(['x.arch'], 'archstudio-none-" + uuid.uuid4().hex[:8] + "'); "
            "sys.exit(3 if 'PySide6.QtNetwork' in sys.modules else 0)")
    done = subprocess.run([sys.executable, "-c", code], timeout=120, check=False)
    assert done.returncode == 0


@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is no UTF-8: Linux")
def test_a_file_whose_name_is_no_utf8_is_handed_over_whole(tmp_path, config_dir, qtbot,
                                                            cleanup):
    """A launch on such a file (Linux names are bytes) neither fails with a traceback nor
    sends a mangled name: the running process opens that very file in a window."""
    import os

    odd = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.arch"))
    odd.write_text(TEXT, encoding="utf-8")
    name = f"archstudio-test-{uuid.uuid4().hex[:8]}"
    server = instance.InstanceServer(name, parent=QApplication.instance())
    assert server.listen()
    asked: list[str] = []
    server.file_requested.connect(asked.append)
    server.file_requested.connect(instance.open_in_window)
    try:
        assert handed_over(qtbot, [str(odd)], name)
        assert asked == [str(odd.resolve())]
        qtbot.waitUntil(lambda: bool(windows_on(odd)), timeout=5000)
        assert windows_on(odd)[0].editor.text() == TEXT  # (its recovery file named too)
    finally:
        server.server.close()
        server.deleteLater()
