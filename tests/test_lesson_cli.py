"""``archstudio lesson list|show|check`` through ``archstudio.cli.main``."""

from __future__ import annotations

from pathlib import Path

import pytest

from archstudio.cli import main
from archstudio.lessons import TRACK, find_lesson


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_list_names_every_bundled_lesson_in_order(capsys):
    status, out, _ = run(capsys, "lesson", "list")
    assert status == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == list(TRACK)
    assert lines[0].split()[1:3] == ["beginner", "relations"]
    assert lines[0].endswith("Microservices: Connect Service Mesh")


def test_show_prints_the_brief_and_hints_only_on_request(capsys):
    status, out, _ = run(capsys, "lesson", "show", "saga")
    assert status == 0
    assert out.startswith("Saga: One Order across Three Services\n")
    assert "  - Step 1: CheckoutSaga creates the order" in out
    assert '    architecture "Checkout Saga" {' in out
    assert "Hints:" not in out and "5 hints: add --hints to see them." in out
    _, with_hints, _ = run(capsys, "lesson", "show", "saga", "--hints")
    assert "  1. Declare the orchestrator inside Shop" in with_hints


def test_show_start_and_solution_print_the_texts_alone(capsys):
    lesson = find_lesson("api-gateway")
    assert run(capsys, "lesson", "show", "api-gateway", "--start")[1] == lesson.initial_dsl
    assert run(capsys, "lesson", "show", "api-gateway", "--solution")[1] == lesson.solution


def test_check_marks_each_check_and_exits_by_the_result(capsys, tmp_path: Path):
    lesson = find_lesson("connect-service-mesh")
    start, solved = tmp_path / "start.arch", tmp_path / "solved.arch"
    start.write_text(lesson.initial_dsl, encoding="utf-8")
    solved.write_text(lesson.solution, encoding="utf-8")
    status, out, _ = run(capsys, "lesson", "check", "connect-service-mesh", str(start))
    assert status == 1
    assert out.splitlines()[:2] == ["✓ DSL parsed successfully",
                                    "✗ Add relation UserService -> OrderService"]
    assert out.splitlines()[-1] == "1 of 6 checks pass."
    status, out, _ = run(capsys, "lesson", "check", "connect-service-mesh", str(solved))
    assert status == 0
    assert out.count("✓") == 6 and "✗" not in out
    assert out.splitlines()[-1] == "All 6 checks pass: lesson complete."


def test_check_takes_a_lesson_file_by_path(capsys, tmp_path: Path):
    lesson_file = tmp_path / "mine.yaml"
    lesson_file.write_text(
        'title: "Mine"\nsummary: "S"\ndifficulty: beginner\ntopic: t\n'
        'initialDsl: |\n  architecture "A" { }\nchecks:\n  - type: elementExists\n'
        '    id: api\nsolution: |\n  architecture "A" { container api "API" }\n',
        encoding="utf-8")
    arch = tmp_path / "a.arch"
    arch.write_text('architecture "A" {\n  container api "API"\n}\n', encoding="utf-8")
    status, out, _ = run(capsys, "lesson", "check", str(lesson_file), str(arch))
    assert (status, out.splitlines()[0]) == (0, "✓ Add the element api")


def test_bad_lessons_and_unreadable_files_exit_2_with_a_located_message(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text('title: "x"\nchecks:\n  - type: relationExist\n', encoding="utf-8")
    arch = tmp_path / "a.arch"
    arch.write_text('architecture "A" { }\n', encoding="utf-8")
    status, _, err = run(capsys, "lesson", "check", str(bad), str(arch))
    assert status == 2
    assert (f"archstudio: {bad}:3:11: unknown check type 'relationExist'; did you mean "
            "'relationExists'?") in err.splitlines()
    status, _, err = run(capsys, "lesson", "check", "sage", str(arch))
    assert status == 2 and "did you mean 'saga'?" in err
    status, _, err = run(capsys, "lesson", "check", "saga", str(tmp_path / "missing.arch"))
    assert status == 2 and "E110" in err
    with pytest.raises(SystemExit) as usage:
        main(["lesson", "show", "saga", "--start", "--hints"])
    assert usage.value.code == 2
