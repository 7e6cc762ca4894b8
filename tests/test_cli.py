"""The ``archstudio`` command line through ``archstudio.cli.main``: exit codes and output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES

from archstudio import __version__
from archstudio.cli import build_parser, main
from archstudio.model import LAYERS


def _command_names() -> list[str]:
    """Every sub-command the parser knows (a module may register several)."""
    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    return sorted(subparsers.choices)


COMMANDS = _command_names()

GOOD = 'architecture "Good" {\n  container api "API"\n  datastore db "DB"\n  api -> db "reads"\n}\n'
BROKEN = (
    'architecture "Broken" {\n  container api "API"\n  api -> nowhere\n  api -[bogus]-> api\n}\n'
)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    paths = {
        "good": tmp_path / "good.arch",
        "broken": tmp_path / "broken.arch",
        "binary": tmp_path / "binary.arch",
        "empty": tmp_path / "empty.arch",
    }
    paths["good"].write_text(GOOD, encoding="utf-8")
    paths["broken"].write_text(BROKEN, encoding="utf-8")
    paths["binary"].write_bytes(b"\x00\x01\x02arch")
    paths["empty"].write_text("", encoding="utf-8")
    return {name: str(path) for name, path in paths.items()}


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"archstudio {__version__}"


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    out = capsys.readouterr().out
    assert "usage: archstudio" in out
    for command in COMMANDS:
        assert command in out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: archstudio {command}")
    assert "options:" in out and "-h, --help" in out
    # a description beyond the usage line and the option list
    assert len(out.split("\n\n")) >= 3


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


# -- validate -----------------------------------------------------------------------------


def test_validate_clean_file_exits_0_silently(files, capsys):
    assert main(["validate", files["good"]]) == 0
    assert capsys.readouterr().out == ""


def test_validate_lists_every_problem_with_location(files, capsys):
    assert main(["validate", files["broken"]]) == 1
    lines = capsys.readouterr().out.splitlines()
    path = files["broken"]
    assert lines == [
        f"{path}:3:10: error E201 unknown element 'nowhere'",
        f"{path}:4:3: warning W301 'api' has a relation to itself",
        f"{path}:4:7: error E205 unknown relation kind 'bogus' (kinds: sync, async, "
        "publishes, sends, subscribes, consumes, satisfied-by, realizes, protected-by, "
        "complies-with, exposes, uses, stores)",
    ]


def test_validate_unreadable_files_exit_2(files, tmp_path, capsys):
    missing = str(tmp_path / "missing.arch")
    assert main(["validate", files["good"], files["broken"], missing]) == 2
    out = capsys.readouterr().out
    assert f"{missing}:1:1: error E110 cannot read the file" in out
    assert main(["validate", files["binary"]]) == 2
    assert "E115" in capsys.readouterr().out


def test_validate_json(files, capsys):
    assert main(["validate", files["good"], files["broken"], "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    good, broken = report["files"]
    assert good["file"] == files["good"] and good["readable"] is True
    assert good["errors"] == 0 and good["diagnostics"] == []
    assert broken["errors"] == 2
    first = broken["diagnostics"][0]
    assert first["code"] == "E201" and first["severity"] == "error"
    position = (first["line"], first["column"], first["end_line"], first["end_column"])
    assert position == (3, 10, 3, 17)
    assert BROKEN[first["start"] : first["end"]] == "nowhere"
    assert first["data"] == {"ref": "nowhere"}


def test_validate_empty_file_warns(files, capsys):
    assert main(["validate", files["empty"]]) == 0
    assert "W114" in capsys.readouterr().out


# -- info ---------------------------------------------------------------------------------


def test_info_text_summary(files, capsys):
    assert main(["info", files["good"]]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"Good  ({files['good']})"
    start = lines.index("Elements per layer")
    layer_rows = [line.split() for line in lines[start + 1 : start + 1 + len(LAYERS)]]
    assert layer_rows == [
        ["motivation", "0"], ["business", "0"], ["security", "0"], ["application", "1"],
        ["api", "0"], ["data-model", "0"], ["data-store", "1"],
    ]
    kinds = lines.index("Elements per kind")
    assert [line.split() for line in lines[kinds + 1 : kinds + 3]] == [
        ["container", "1"], ["datastore", "1"],
    ]
    relations = lines.index("Relations per kind")
    assert lines[relations + 1].split() == ["untyped", "1"]
    assert lines[-1] == "Total: 2 elements, 1 relation"


def test_info_json_structure(files, capsys):
    assert main(["info", files["good"], "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary == {
        "file": files["good"],
        "name": "Good",
        "elements_per_layer": {layer: 0 for layer in LAYERS} | {"application": 1, "data-store": 1},
        "elements_per_kind": {"container": 1, "datastore": 1},
        "relations_per_kind": {"untyped": 1},
        "totals": {"elements": 2, "relations": 1},
        "errors": 0,
        "warnings": 0,
    }
    assert list(summary["elements_per_layer"]) == list(LAYERS)


def test_info_with_errors_still_summarises_and_exits_1(files, capsys):
    assert main(["info", files["broken"]]) == 1
    captured = capsys.readouterr()
    assert "Total: 1 element, 2 relations" in captured.out
    assert captured.err.strip() == (
        f"{files['broken']}: 2 errors; run 'archstudio validate {files['broken']}' to see them"
    )
    assert main(["info", files["broken"], "--format", "json"]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary["relations_per_kind"] == {"bogus": 1, "untyped": 1}
    # info counts problems exactly as validate does (language and architecture rules)
    assert main(["validate", files["broken"], "--format", "json"]) == 1
    (validated,) = json.loads(capsys.readouterr().out)["files"]
    assert summary["errors"] == validated["errors"] == 2
    assert summary["warnings"] == validated["warnings"] >= 1


def test_info_unreadable_exits_2(files, tmp_path, capsys):
    assert main(["info", str(tmp_path / "missing.arch")]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "E110" in captured.err
    assert main(["info", files["binary"]]) == 2
    assert "binary" in capsys.readouterr().err


def test_info_needs_exactly_one_file(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["info"])
    assert exit_info.value.code == 2
    assert "FILE" in capsys.readouterr().err


def test_info_of_the_lesson_example(capsys):
    assert main(["info", str(EXAMPLES / "microservices-platform.arch"), "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["elements_per_kind"] == {"person": 1, "system": 1, "container": 3,
                                            "datastore": 3}
    assert summary["totals"] == {"elements": 8, "relations": 6}


def test_export_loads_only_its_own_command(tmp_path):
    """``archstudio export`` builds only its own parser: the other commands' modules (and
    the rules, lessons and editing they import) cost a big export time for nothing; the
    picture is the same."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    source = tmp_path / "small.arch"
    source.write_text('architecture "Small" {\n  container a "A"\n  container b "B"\n'
                      '  a -> b "calls"\n}\n', encoding="utf-8")
    code = ("import json, sys\n"
            "from archstudio.cli import main\n"
            f"status = main(['export', {str(source)!r}, '-o', {str(tmp_path / 'x.png')!r}])\n"
            "print(json.dumps([status, sorted(m for m in sys.modules if m.startswith(\n"
            "    ('archstudio.rules', 'archstudio.lessons', 'archstudio.cli.validate')))]))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, check=False, cwd=Path(__file__).resolve().parents[1],
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [0, []]
    assert (tmp_path / "x.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
