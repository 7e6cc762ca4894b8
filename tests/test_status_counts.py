"""The status bar counts elements and relations in words a person would write."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)


def test_the_status_says_one_element_not_one_elements(make_window, tmp_path, qtbot):
    path = tmp_path / "one.arch"
    path.write_text('architecture "One" {\n  container api "Orders API"\n}\n',
                    encoding="utf-8")
    window = make_window(path)
    qtbot.waitUntil(lambda: "element" in window.summary_label.text(), timeout=3000)
    assert window.summary_label.text().startswith("1 element · 0 relations · no errors")
    path.write_text('architecture "Two" {\n  container a "A"\n  container b "B"\n'
                    '  a -> b\n}\n', encoding="utf-8")
    window = make_window(path)
    qtbot.waitUntil(lambda: "element" in window.summary_label.text(), timeout=3000)
    assert window.summary_label.text().startswith("2 elements · 1 relation · no errors")
