"""The editing commands through ``archstudio.cli.main``: what they write, what they refuse,
``--dry-run`` diffs, and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from archstudio.cli import COMMANDS, main
from archstudio.dsl import parse

START = """\
architecture "Shop" {
  // who
  person Customer "Customer"
  system Shop {
    container Api "API"
    datastore Db "DB"
  }
  Customer -> Shop.Api "orders"
  Shop.Api -> Shop.Db "writes"
}
"""


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.arch"
    path.write_text(START, encoding="utf-8")
    return path


def run(*args: str | Path) -> int:
    return main([str(a) for a in args])


def test_the_editing_commands_are_registered() -> None:
    assert {"add", "edit"} <= set(COMMANDS)


def test_add_element_prints_its_name_and_writes_it_in_place(shop, capsys) -> None:
    assert run("add", "element", shop, "--kind", "service", "--id", "Cart", "--label",
               "Cart", "--in", "Shop", "--set", "technology=Go", "--set", "tags=a, b") == 0
    assert capsys.readouterr().out == "Shop.Cart\n"
    text = shop.read_text(encoding="utf-8")
    assert ('    container Api "API"\n    service Cart "Cart" {\n      technology "Go"\n'
            '      tags "a", "b"\n    }\n    datastore Db "DB"\n') in text
    assert parse(text).elements["Shop.Cart"].tags == ("a", "b")


def test_add_element_unique_suffix(shop, capsys) -> None:
    assert run("add", "element", shop, "--kind", "person", "--id", "Customer") == 1
    assert "already exists" in capsys.readouterr().err
    assert run("add", "element", shop, "--kind", "person", "--id", "Customer",
               "--unique") == 0
    assert capsys.readouterr().out == "Customer2\n"


def test_add_relation_with_kind_label_and_technology(shop) -> None:
    assert run("add", "relation", shop, "--from", "Customer", "--to", "Db", "--label",
               "reads", "--kind", "sync", "--set", "technology=SQL", "--set",
               "owner=ops") == 0
    text = shop.read_text(encoding="utf-8")
    assert ('  Shop.Api -> Shop.Db "writes"\n  Customer -[sync]-> Db "reads" "SQL" {\n'
            '    owner "ops"\n  }\n}\n') in text


def test_rename_move_set_unset_rm(shop) -> None:
    assert run("rename", shop, "Api", "Gateway") == 0
    assert run("move", shop, "Shop.Db", "--top") == 0
    assert run("set", shop, "Db", "label=Orders", "description=All orders",
               "tags=x,y") == 0
    assert run("set", shop, "Customer->Shop.Gateway", "kind=sync", "label=buys") == 0
    assert run("unset", shop, "Customer", "label") == 0
    model = parse(shop.read_text(encoding="utf-8"))
    assert set(model.elements) == {"Customer", "Shop", "Shop.Gateway", "Db"}
    assert model.elements["Db"].label == "Orders"
    assert model.elements["Db"].description == "All orders"
    assert model.elements["Db"].tags == ("x", "y")
    assert model.elements["Customer"].label is None
    assert [(r.source, r.target, r.kind, r.label) for r in model.relations] == [
        ("Customer", "Shop.Gateway", "sync", "buys"), ("Shop.Gateway", "Db", None, "writes")]
    assert run("unset", shop, "Db", "description", "tags") == 0
    assert run("rm", shop, "Shop.Gateway->Db") == 0
    assert run("rm", shop, "Shop") == 0
    assert parse(shop.read_text(encoding="utf-8")).relations == []
    assert "  // who\n" in shop.read_text(encoding="utf-8")


def test_rm_lift_keeps_the_children(shop) -> None:
    assert run("rm", shop, "Shop", "--lift") == 0
    model = parse(shop.read_text(encoding="utf-8"))
    assert set(model.elements) == {"Customer", "Api", "Db"}
    assert len(model.relations) == 2


def test_dry_run_prints_a_diff_and_writes_nothing(shop, capsys) -> None:
    assert run("rename", shop, "Customer", "Buyer", "--dry-run") == 0
    out = capsys.readouterr().out
    assert f"--- a/{shop}" in out and f"+++ b/{shop}" in out
    assert '-  person Customer "Customer"\n+  person Buyer "Customer"\n' in out
    assert '-  Customer -> Shop.Api "orders"\n+  Buyer -> Shop.Api "orders"\n' in out
    assert shop.read_text(encoding="utf-8") == START


@pytest.mark.parametrize(("args", "message"), [
    (("rm", "{f}", "Nobody"), "unknown element 'Nobody'"),
    (("move", "{f}", "Customer", "--into", "Customer"), "only a system can contain"),
    (("add", "relation", "{f}", "--from", "Db", "--to", "Customer", "--kind", "exposes"),
     "cannot 'exposes'"),
    (("set", "{f}", "Customer", "kind=system"), "kind"),
    (("unset", "{f}", "Customer", "owner"), "no property 'owner'"),
    (("set", "{f}", "Customer", "label=A", "bogus key=1"), "cannot be a property name"),
])
def test_errors_go_to_stderr_with_status_1_and_leave_the_file_alone(shop, capsys, args,
                                                                    message) -> None:
    assert run(*[shop if a == "{f}" else a for a in args]) == 1
    err = capsys.readouterr().err
    assert message in err and str(shop) in err
    assert shop.read_text(encoding="utf-8") == START


def test_broken_and_missing_files_are_refused(tmp_path, capsys) -> None:
    broken = tmp_path / "broken.arch"
    broken.write_text('architecture "B" {\n  person P "unclosed\n}\n', encoding="utf-8")
    assert run("add", "element", broken, "--kind", "person", "--id", "Q") == 1
    assert "syntax error at line 2" in capsys.readouterr().err
    assert broken.read_text(encoding="utf-8").count("person") == 1
    assert run("rm", tmp_path / "missing.arch", "P") == 1
    assert "cannot read" in capsys.readouterr().err


def test_a_bad_assignment_is_a_usage_error(shop) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run("set", shop, "Customer", "no-equals-sign")
    assert exit_info.value.code == 2
