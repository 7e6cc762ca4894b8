"""Saving keeps every byte outside the edits: line breaks of every kind (CRLF, LF, lone CR,
U+2029), a BOM, characters the editor shows as line breaks. The app's Save and the CLI's
edits and `fmt` share one promise, and the CLI and the app read the same bytes the same
way (an old-Mac CR-only file is the same model to both)."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

import json
import os
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st
from test_app_support import (  # noqa: F401  (fixtures)
    FakePrompts,
    config_dir,
    insert_before_last_brace,
    make_window,
)

from archstudio.dsl import parse, read_source

# Valid: U+2029, a lone CR and LF where a line break belongs, in a CRLF file.
MIXED = (
    'architecture "Mixed" {\r\n'
    '  person Ann "Ann"\u2029'
    "  // a note\r"
    '  container Api "API"\n'
    "  Ann -> Api\r\n"
    "}\r\n"
)
# With a U+2029 inside a label and a lone CR inside a comment: both are line breaks, so
# the file has errors (in the CLI and the app alike), and Save still keeps them as written.
ODD = (
    'architecture "Odd" {\r\n'
    '  person Ann "Ann\u2029Lee"\n'              # U+2029 inside a label
    "  // a comment with a lone\rCR in it\r\n"      # a lone CR inside a comment
    '  container Api "API"\n'                        # mixed: this line ends in LF
    "  Ann -> Api\r\n"
    "}\r\n"
)


def cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archstudio", *args], capture_output=True,
                          cwd=cwd, timeout=120)


def test_app_save_without_edits_keeps_odd_line_breaks(make_window, tmp_path):
    path = tmp_path / "odd.arch"
    path.write_bytes(ODD.encode("utf-8"))
    window = make_window(path)
    assert window.save()
    assert path.read_bytes() == ODD.encode("utf-8")


def test_app_save_with_an_edit_changes_only_that_edit(make_window, tmp_path):
    path = tmp_path / "odd.arch"
    path.write_bytes(b"\xef\xbb\xbf" + ODD.encode("utf-8"))
    window = make_window(path)
    insert_before_last_brace(window, '  datastore Db "Data"\n')
    assert window.save()
    expected = ODD[: ODD.rindex("}")] + '  datastore Db "Data"\r\n}\r\n'
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.encode("utf-8")
    assert window.save()  # and a second save after the first keeps them too
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.encode("utf-8")


def test_cr_only_files_read_the_same_in_the_cli_and_the_app(make_window, tmp_path):
    text = ('// old Mac line endings\rarchitecture "Mac" {\r  person Ann "Ann"\r'
            '  container Api "API"\r  Ann -> Api "uses"\r}\r')
    path = tmp_path / "mac.arch"
    path.write_bytes(text.encode("utf-8"))
    source = read_source(path)
    model = parse(source.text)
    assert sorted(model.elements) == ["Ann", "Api"] and len(model.relations) == 1
    done = cli("info", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    info = json.loads(done.stdout)
    assert info["totals"] == {"elements": 2, "relations": 1} and info["errors"] == 0
    window = make_window(path)
    assert sorted(window.document.result.model.elements) == ["Ann", "Api"]
    assert window.save()
    assert path.read_bytes() == text.encode("utf-8")


def test_odd_breaks_are_line_breaks_to_the_cli_and_the_app(make_window, tmp_path):
    path = tmp_path / "odd.arch"
    path.write_bytes(ODD.encode("utf-8"))
    cli_codes = sorted(d.code for d in parse(read_source(path).text).diagnostics)
    window = make_window(path)
    assert sorted(d.code for d in window.document.result.model.diagnostics) == cli_codes
    assert "E102" in cli_codes


def test_cli_edits_keep_bom_crlf_and_the_symlink(tmp_path):
    real = tmp_path / "real.arch"
    real.write_bytes(b"\xef\xbb\xbf" + MIXED.encode("utf-8"))
    link = tmp_path / "link.arch"
    link.symlink_to(real)
    done = cli("add", "element", str(link), "--kind", "datastore", "--id", "Db",
               "--label", "Data")
    assert done.returncode == 0, done.stderr
    assert link.is_symlink(), "the link was replaced by a file"
    data = real.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert 'datastore Db "Data"\r\n' in text  # the file's own (most common) line ending
    assert text.replace('  datastore Db "Data"\r\n', "") == MIXED


def test_cli_fmt_through_a_symlink_changes_the_real_file(tmp_path):
    real = tmp_path / "real.arch"
    real.write_bytes(b'\xef\xbb\xbfarchitecture "F" {\r\n    person   Ann   "Ann"\r\n}\r\n')
    link = tmp_path / "link.arch"
    link.symlink_to(real)
    done = cli("fmt", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert real.read_bytes() == b'\xef\xbb\xbfarchitecture "F" {\r\n  person Ann "Ann"\r\n}\r\n'


def test_cli_set_keeps_every_other_byte(tmp_path):
    path = tmp_path / "mixed.arch"
    path.write_bytes(MIXED.encode("utf-8"))
    done = cli("set", str(path), "Api", "label=Gateway")
    assert done.returncode == 0, done.stderr
    assert path.read_bytes() == MIXED.replace('"API"', '"Gateway"').encode("utf-8")


_PIECES = st.sampled_from(["a", " ", '"', "x", "\n", "\r\n", "\r", "\u2029", "\ufdd0", "é"])


@given(st.lists(_PIECES, max_size=40), st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 3), st.sampled_from(["", "z", "\n", "q\n"])),
    max_size=4))
def test_only_changed_stretches_are_written_anew(pieces, edits):
    """Any raw text, any edits of its document text: the written text reads back as
    exactly the edited document, and with no edits it is the raw text itself."""
    from archstudio.dsl.filetext import FileText

    raw = "".join(pieces)
    file = FileText.from_raw(raw)
    assert file.render(file.text) == raw
    text = file.text
    for start, length, replacement in edits:
        start = min(start, len(text))
        text = text[:start] + replacement + text[start + length:]
    written = file.render(text)
    assert FileText.from_raw(written).text == text
    unchanged_prefix = os.path.commonprefix([file.text, text])
    assert written.startswith(file.raw[: file.raw_offset(len(unchanged_prefix)) - 1]
                              if unchanged_prefix else "")
