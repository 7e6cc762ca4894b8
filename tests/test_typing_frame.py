"""A keystroke's frame: in a document quick to follow, the character typed and the canvas
change in one frame (parsed before the text's echo is painted); in a slow one the echo
is painted first. Either way the panels (outline, properties, the text's highlight)
follow right after the canvas's frame, not before it."""
# ruff: noqa: F811  (pytest fixtures imported from the support modules are parameters here)

from __future__ import annotations

from gesture_support import shop, shop_file  # noqa: F401  (fixtures)
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.app.documents import BEFORE_ECHO_MS


class _Painted(QObject):
    def __init__(self, watched, log: list, name: str) -> None:
        super().__init__(watched)
        self.log, self.name = log, name
        watched.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.log.append(self.name)
        return False


def _typing_into_bank(shop, qtbot) -> list[str]:
    """The cursor in Bank's label, everything settled; a log of what happens next."""
    qtbot.waitUntil(lambda: shop.document.result.checked, timeout=10_000)
    editor = shop.editor
    editor.go_to(editor.text().index('"Bank"') + 2)
    editor.setFocus()
    qtbot.waitUntil(lambda: not shop.after_frame.pending, timeout=2_000)
    assert shop.document._follow_ms > BEFORE_ECHO_MS  # nothing typed yet: echo first
    qtbot.keyClick(editor, Qt.Key.Key_Q)  # a first keystroke, timed
    qtbot.waitUntil(lambda: shop.document.up_to_date and not shop.after_frame.pending,
                    timeout=2_000)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: shop.document.up_to_date and not shop.after_frame.pending,
                    timeout=2_000)
    QApplication.processEvents()
    log: list[str] = []
    _Painted(editor.viewport(), log, "text painted")
    _Painted(shop.view.viewport(), log, "canvas painted")
    shop.document.parsed.connect(lambda result: log.append("parsed"))
    show_element = shop.properties.show_element

    def recorded(model, qname):
        log.append("properties")
        show_element(model, qname)

    shop.properties.show_element = recorded
    return log


def _until_painted(qtbot, shop, log: list[str]) -> None:
    qtbot.waitUntil(lambda: "canvas painted" in log and not shop.after_frame.pending,
                    timeout=5_000)


def test_a_quick_keystroke_is_parsed_before_its_echo_is_painted(shop, qtbot):
    log = _typing_into_bank(shop, qtbot)
    assert shop.document._follow_ms <= BEFORE_ECHO_MS  # a small document
    qtbot.keyClick(shop.editor, Qt.Key.Key_X)
    assert log == [] and not shop.document.up_to_date  # nothing yet: the key is in
    _until_painted(qtbot, shop, log)
    assert shop.scene.element_items()["Bank"].label == "Bxank"
    assert log.index("parsed") < log.index("text painted")  # one frame for both
    assert log.index("parsed") < log.index("canvas painted") < log.index("properties")
    assert shop.properties.isVisible()


def test_a_slow_keystroke_paints_its_echo_first(shop, qtbot):
    log = _typing_into_bank(shop, qtbot)
    shop.document._follow_ms = BEFORE_ECHO_MS * 3  # as after a slow keystroke
    qtbot.keyClick(shop.editor, Qt.Key.Key_X)
    _until_painted(qtbot, shop, log)
    assert shop.scene.element_items()["Bank"].label == "Bxank"
    assert log.index("text painted") < log.index("parsed")  # the character shows first
    assert log.index("parsed") < log.index("canvas painted") < log.index("properties")


def test_a_burst_of_keys_is_followed_once(shop, qtbot):
    log = _typing_into_bank(shop, qtbot)
    for key in (Qt.Key.Key_X, Qt.Key.Key_Y, Qt.Key.Key_Z):
        qtbot.keyClick(shop.editor, key)  # all three in before the window takes events
    _until_painted(qtbot, shop, log)
    assert log.count("parsed") == 1
    assert shop.scene.element_items()["Bank"].label == "Bxyzank"
