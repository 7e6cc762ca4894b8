"""``archstudio import`` and ``archstudio export`` to the text formats."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES
from interop_support import DATA

from archstudio.cli import main
from archstudio.dsl import parse


def test_import_writes_arch_and_prints_warnings_with_lines(tmp_path, capsys):
    out = tmp_path / "seed.arch"
    assert main(["import", str(DATA / "seed-003-service-mesh.md"), "-o", str(out)]) == 0
    model = parse(out.read_text(encoding="utf-8"))
    assert not model.errors and len(model.elements) == 8
    err = capsys.readouterr().err
    assert f"{DATA / 'seed-003-service-mesh.md'}:31: warning: 'style' statements" in err


def test_import_to_stdout_with_from(tmp_path, capsys):
    source = tmp_path / "diagram.txt"
    source.write_text("graph LR\n  a[(Orders)] --> b\n", encoding="utf-8")
    assert main(["import", str(source), "--from", "mermaid"]) == 0
    out = capsys.readouterr().out
    assert "datastore a \"Orders\"" in out and "a -> b" in out


@pytest.mark.parametrize("name, data, words", [
    ("x.d2", b"a -> b\n", "D2 files cannot be imported yet"),
    ("x.txt", b"graph LR\n", "cannot tell the format"),
    ("x.dot", b"digraph { a -> }", ":1: cannot import: expected a node"),
])
def test_import_failures_exit_1_with_a_message(tmp_path, capsys, name, data, words):
    source = tmp_path / name
    source.write_bytes(data)
    assert main(["import", str(source), "-o", str(tmp_path / "out.arch")]) == 1
    assert words in capsys.readouterr().err
    assert not (tmp_path / "out.arch").exists()


def test_import_rejects_an_unknown_format(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "x.dot", "--from", "visio"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize("suffix, start", [
    (".dot", "digraph"), (".gv", "digraph"), (".mmd", "---\ntitle:"),
    (".dsl", "workspace"), (".d2", "# "), (".c4", "specification {"),
    (".puml", "@startuml"),
])
def test_export_by_suffix(tmp_path, suffix, start):
    out = tmp_path / f"platform{suffix}"
    assert main(["export", str(EXAMPLES / "microservices-platform.arch"), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith(start)


def test_export_then_import_keeps_the_model(tmp_path):
    source = EXAMPLES / "microservices-dot.arch"
    for suffix in (".dot", ".mmd", ".dsl"):
        exported, back = tmp_path / f"x{suffix}", tmp_path / f"x{suffix}.arch"
        assert main(["export", str(source), "-o", str(exported)]) == 0
        assert main(["import", str(exported), "-o", str(back)]) == 0
        model = parse(back.read_text(encoding="utf-8"))
        assert set(model.elements) == set(parse(source.read_text(encoding="utf-8")).elements)


def test_export_refuses_a_file_with_errors(tmp_path, capsys):
    broken = tmp_path / "broken.arch"
    broken.write_text('architecture "B" {\n  container a\n  a -> nowhere\n}\n')
    assert main(["export", str(broken), "-o", str(tmp_path / "b.dot")]) == 1
    assert "not exported" in capsys.readouterr().err
    assert not (tmp_path / "b.dot").exists()


def test_export_text_format_refuses_only(tmp_path, capsys):
    out = tmp_path / "x.mmd"
    args = ["export", str(EXAMPLES / "microservices-platform.arch"), "-o", str(out), "--only", "x"]
    assert main(args) == 2
    assert "--only" in capsys.readouterr().err
