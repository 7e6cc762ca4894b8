"""Another program deletes the open file and writes it again later: the app notices the
new file (it does not lose its watch) and offers to reload it."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

from test_app_support import FakePrompts, arch_file, config_dir, make_window  # noqa: F401


def test_a_file_deleted_and_recreated_later_is_noticed(make_window, arch_file, qtbot):
    prompts = FakePrompts()
    window = make_window(arch_file, prompts)
    original = arch_file.read_text(encoding="utf-8")
    arch_file.unlink()
    qtbot.wait(300)  # the deletion is seen; nothing to ask yet
    assert prompts.kinds() == []
    rewritten = original.replace("architecture", "// rewritten by another program\narchitecture",
                                 1)
    arch_file.write_text(rewritten, encoding="utf-8")
    qtbot.waitUntil(lambda: prompts.kinds() == ["reload"], timeout=5000)
    assert window.editor.text() == rewritten


def test_after_recreation_the_watch_goes_on(make_window, arch_file, qtbot):
    prompts = FakePrompts()
    window = make_window(arch_file, prompts)
    original = arch_file.read_text(encoding="utf-8")
    for round_ in range(2):
        arch_file.unlink()
        qtbot.wait(120)
        arch_file.write_text(original + f"// round {round_}\n", encoding="utf-8")
        qtbot.waitUntil(lambda r=round_: window.editor.text().endswith(f"// round {r}\n"),
                        timeout=5000)
    arch_file.write_text(original + "// edited in place\n", encoding="utf-8")
    qtbot.waitUntil(lambda: window.editor.text().endswith("// edited in place\n"),
                    timeout=5000)
    assert prompts.kinds() == ["reload"] * 3
