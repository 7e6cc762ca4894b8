"""Files: byte-exact round trips, atomic saves, bad files, outside changes, recent files."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

import time

from PySide6.QtCore import QByteArray
from test_app_support import (  # noqa: F401  (fixtures)
    EXAMPLE,
    FakePrompts,
    arch_file,
    config_dir,
    insert_before_last_brace,
    make_window,
    type_at_end,
)

from archstudio.app.prompts import Unsaved
from archstudio.app.settings import AppSettings
from archstudio.cli import main as cli_main

AUTHORED = (
    "\ufeff// ArchStudio keeps every byte\r\n"
    'architecture "Bytes" {\r\n'
    '\tperson  Ann   "Ann\u00a0Lee 🚀"   // odd spacing, a tab, a nbsp and an emoji\r\n'
    "  /* a block\r\n     comment */\r\n"
    '  container Api "API" { technology "Go" }\r\n'
    "  Ann -> Api\r\n"
    "}\r\n"
)


def test_save_without_changes_keeps_every_byte(make_window, tmp_path):
    path = tmp_path / "authored.arch"
    path.write_bytes(AUTHORED.encode("utf-8"))
    window = make_window(path)
    assert window.document.result.model.elements["Ann"].label == "Ann\u00a0Lee 🚀"
    assert window.save()
    assert path.read_bytes() == AUTHORED.encode("utf-8")


def test_save_keeps_bytes_except_what_changed(make_window, tmp_path, qtbot):
    path = tmp_path / "authored.arch"
    path.write_bytes(AUTHORED.encode("utf-8"))
    window = make_window(path)
    insert_before_last_brace(window, '  datastore Db "Data"\n')
    assert window.save()
    expected = AUTHORED[: AUTHORED.rindex("}")] + '  datastore Db "Data"\r\n}\r\n'
    assert path.read_bytes() == expected.encode("utf-8")
    assert not window.isWindowModified()
    reopened = make_window(path)
    assert "Db" in reopened.scene.element_items()
    assert reopened.editor.text() == window.editor.text()


def test_save_as_writes_a_new_file_and_adds_it_to_recent(make_window, arch_file, tmp_path):
    prompts = FakePrompts()
    window = make_window(arch_file, prompts)
    target = tmp_path / "copy.arch"
    prompts.save_answer = str(target)
    assert window.save_as()
    assert target.read_bytes() == arch_file.read_bytes()
    assert window.windowTitle().startswith("copy.arch")
    assert AppSettings().recent_files()[0] == str(target.resolve())


def test_new_document_save_asks_for_a_name(make_window, tmp_path, qtbot):
    prompts = FakePrompts()
    window = make_window(None, prompts)
    assert window.windowTitle().startswith("Untitled")
    type_at_end(qtbot, window, "// draft")
    prompts.save_answer = str(tmp_path / "draft.arch")
    assert window.save()
    assert (tmp_path / "draft.arch").read_text(encoding="utf-8").endswith("// draft")


def test_failed_save_says_why_and_keeps_the_text(make_window, arch_file, tmp_path, qtbot):
    prompts = FakePrompts()
    window = make_window(arch_file, prompts)
    type_at_end(qtbot, window, "// keep me")
    prompts.save_answer = str(tmp_path / "no" / "such" / "dir" / "x.arch")
    assert not window.save_as()
    assert "Cannot save" in prompts.errors[-1]
    assert window.editor.text().endswith("// keep me") and window.isWindowModified()


def test_bad_files_give_a_clear_message_and_change_nothing(make_window, arch_file, tmp_path):
    latin1 = tmp_path / "latin1.arch"
    latin1.write_bytes('architecture "Caf\u00e9" {\n}\n'.encode("latin-1"))
    binary = tmp_path / "image.arch"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    huge = tmp_path / "huge.arch"
    with open(huge, "wb") as handle:
        handle.truncate(17 * 1024 * 1024)
    prompts = FakePrompts()
    window = make_window(arch_file, prompts)
    text = window.editor.text()
    for path, words in ((latin1, "not valid UTF-8"), (binary, "binary"), (huge, "too large"),
                        (tmp_path / "missing.arch", "cannot read"), (tmp_path, "folder")):
        assert not window.open_path(str(path))
        assert words in prompts.errors[-1], prompts.errors[-1]
        assert window.editor.text() == text
        assert window.document.path == str(arch_file.resolve())
    assert "line 1, column 18" in prompts.errors[0]


def test_bad_file_at_start_opens_an_empty_document(make_window, tmp_path):
    binary = tmp_path / "image.arch"
    binary.write_bytes(b"\x00\x01\x02")
    prompts = FakePrompts()
    window = make_window(binary, prompts)
    assert "binary" in prompts.errors[0]
    assert window.document.path is None and "architecture" in window.editor.text()


def test_unsaved_changes_prompt_on_open_and_on_close(make_window, arch_file, qtbot):
    prompts = FakePrompts()
    window = make_window(arch_file, prompts)
    type_at_end(qtbot, window, "// unsaved")
    prompts.unsaved = Unsaved.CANCEL
    assert not window.open_path(str(EXAMPLE))
    assert window.editor.text().endswith("// unsaved")
    assert not window.close()
    assert window.isVisible() or window.editor.text().endswith("// unsaved")
    prompts.unsaved = Unsaved.SAVE
    assert window.open_path(str(EXAMPLE))
    assert arch_file.read_text(encoding="utf-8").endswith("// unsaved")
    assert prompts.kinds() == ["unsaved", "unsaved", "unsaved"]


def test_clean_close_does_not_prompt(make_window, arch_file):
    prompts = FakePrompts()
    window = make_window(arch_file, prompts)
    assert window.close()
    assert prompts.asked == []


def test_outside_change_offers_reload_only_when_content_differs(make_window, arch_file, qtbot):
    prompts = FakePrompts()
    window = make_window(arch_file, prompts)
    original = arch_file.read_bytes()
    arch_file.write_bytes(original)  # touched, same content
    window.files.watcher.check_now()
    assert prompts.asked == []
    changed = original.replace(b'"Online Customer"', b'"Shopper"')
    arch_file.write_bytes(changed)
    qtbot.waitUntil(lambda: prompts.kinds() == ["reload"], timeout=3000)
    assert '"Shopper"' in window.editor.text()
    assert window.outline.item_for("Customer").text(0) == "Shopper"
    assert not window.isWindowModified()
    window.editor.undo()  # the reload is undoable: nothing is lost
    assert '"Online Customer"' in window.editor.text()


def test_declined_reload_keeps_the_text(make_window, arch_file, qtbot):
    prompts = FakePrompts()
    prompts.reload = False
    window = make_window(arch_file, prompts)
    arch_file.write_text("architecture \"Other\" {\n}\n", encoding="utf-8")
    window.files.watcher.check_now()
    assert prompts.kinds() == ["reload"]
    assert "Microservices Platform" in window.editor.text()


def test_own_save_does_not_offer_reload(make_window, arch_file, qtbot):
    prompts = FakePrompts()
    window = make_window(arch_file, prompts)
    type_at_end(qtbot, window, "// mine")
    assert window.save()
    window.files.watcher.check_now()
    qtbot.wait(50)
    assert "reload" not in prompts.kinds()


def test_recent_files_are_remembered_and_listed(make_window, arch_file, tmp_path):
    other = tmp_path / "other.arch"
    other.write_bytes(EXAMPLE.read_bytes())
    window = make_window(arch_file)
    window.open_path(str(other))
    assert AppSettings().recent_files()[:2] == [str(other.resolve()), str(arch_file.resolve())]
    entries = [a.data() for a in window.recent_menu.actions() if a.data()]
    assert entries[:2] == [str(other.resolve()), str(arch_file.resolve())]
    fresh = make_window()
    fresh_entries = [a for a in fresh.recent_menu.actions() if a.data()]
    fresh_entries[1].trigger()
    assert fresh.document.path == str(arch_file.resolve())


def test_window_geometry_is_remembered(make_window, arch_file):
    window = make_window(arch_file)
    window.show()
    window.resize(760, 540)
    window.close()
    assert isinstance(AppSettings().geometry(), QByteArray)
    again = make_window(arch_file)
    again.show()
    assert (again.width(), again.height()) == (760, 540)


def test_cli_open_rejects_unreadable_files(tmp_path, capsys):
    binary = tmp_path / "b.arch"
    binary.write_bytes(b"\x00\x00")
    assert cli_main(["open", str(binary)]) == 2
    assert "binary" in capsys.readouterr().err
    assert cli_main(["open", str(tmp_path / "none.arch")]) == 2


def test_cli_open_shows_the_window_on_the_file(config_dir, qapp, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from archstudio.app import MainWindow

    seen = []

    def fake_exec():
        seen.extend(w for w in QApplication.topLevelWidgets()
                    if isinstance(w, MainWindow) and w.isVisible())
        for window in seen:  # the window paints first, then opens the file
            assert window.opening is not None
            for _ in range(1000):
                if window.opening.done:
                    break
                QApplication.processEvents()
                time.sleep(0.01)
            window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", fake_exec)
    assert cli_main(["open", str(EXAMPLE)]) == 0
    assert [w.document.path for w in seen] == [str(EXAMPLE.resolve())]
    assert len(seen[0].scene.element_items()) == 8


def test_cli_open_without_a_display_says_so(monkeypatch, capsys):
    import sys

    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert cli_main(["open", str(EXAMPLE)]) == 2
    assert "no display" in capsys.readouterr().err
