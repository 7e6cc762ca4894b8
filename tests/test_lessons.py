"""The lesson format, every check type both ways, hostile lesson files, and the bundled
track (each solution passes, each start fails)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from archstudio.lessons import (
    CHECK_TYPES,
    TRACK,
    LessonError,
    bundled_lessons,
    evaluate_text,
    find_lesson,
    next_lesson,
    parse_lesson,
    read_lesson,
)
from archstudio.lessons.catalog import BUNDLED_DIR
from archstudio.lessons.format import MAX_BYTES
from archstudio.model import ELEMENT_KINDS

ROOT = Path(__file__).resolve().parent.parent
SEED_LESSON = ROOT / "examples" / "lessons" / "connect-service-mesh.yaml"

MINIMAL = """\
title: "T"
summary: "S"
difficulty: beginner
topic: relations
initialDsl: |
  architecture "A" { }
checks:
{checks}
solution: |
  architecture "A" { }
"""


def lesson_with(checks: str) -> str:
    return MINIMAL.replace("{checks}", checks)


def problems_of(text: str | bytes) -> list[tuple[int, str]]:
    with pytest.raises(LessonError) as caught:
        parse_lesson(text.encode() if isinstance(text, str) else text)
    return [(p.line, p.message) for p in caught.value.problems]


# -- the format ----------------------------------------------------------------------
def test_seed_lesson_reads_with_its_document_markers():
    text = SEED_LESSON.read_text(encoding="utf-8")
    for variant in (text, f"---\n{text}---\n"):  # the seed wraps it in --- lines
        lesson = parse_lesson(variant.encode(), name="connect-service-mesh")
        assert lesson.title == "Microservices: Connect Service Mesh"
        assert (lesson.difficulty, lesson.topic, lesson.estimated_time) == (
            "beginner", "relations", "5-10 min")
        assert [c.type for c in lesson.checks] == ["noErrors"] + ["relationExists"] * 5
        assert lesson.checks[1].params == {"source": "UserService", "target": "OrderService"}
        assert lesson.checks[1].message == "Add relation UserService -> OrderService"
        assert len(lesson.hints) == 4
        assert lesson.solution == yaml.safe_load(text)["solution"]


def test_examples_lessons_is_the_bundled_folder():
    assert SEED_LESSON.resolve().parent == BUNDLED_DIR
    assert sorted(p.stem for p in BUNDLED_DIR.glob("*.yaml")) == sorted(TRACK)


def test_missing_key_unknown_key_and_wrong_types_are_reported_with_their_lines():
    text = """\
title: 42
summary: "S"
difficulty: expert
topic: relations
initialDsl: |
  architecture "A" { }
checks:
  - type: noErrors
hint: ["x"]
"""
    found = problems_of(text)
    assert (1, "'title' must be a text, not a whole number") in found
    assert (3, "difficulty must be one of beginner, intermediate, advanced, not 'expert'") \
        in found
    assert (9, "unknown key 'hint'; did you mean 'hints'?") in found
    assert (1, "the lesson has no 'solution'") in found  # the one key missing


@pytest.mark.parametrize(("checks", "line", "message"), [
    ("  - type: relationExist\n    source: A\n    target: B",
     8, "unknown check type 'relationExist'; did you mean 'relationExists'?"),
    ("  - type: noErrors\n  - type: relationExists\n    source: A",
     9, "relationExists: the check needs 'target'"),
    ("  - type: elementCount\n    kind: service\n    min: many",
     10, "elementCount: 'min' must be a whole number, 0 or more"),
    ("  - type: elementCount\n    min: true", 9, "elementCount: 'min' must be a whole number, 0 "
                                                 "or more"),
    ("  - type: elementExists\n    id: [a, b]",
     9, "elementExists: 'id' must be an element name such as UserService or "
        "ECommerce.UserService"),
    ("  - type: elementExists\n    id: a\n    kind: spaceship",
     10, "elementExists: 'kind' must be an element kind: " + ", ".join(ELEMENT_KINDS)),
    ("  - type: ruleClean\n    rule: no-such-rule",
     9, "ruleClean: 'rule' must be an architecture rule code or name such as A201 or "
        "shared-datastore (see docs/rules.md)"),
    ("  - type: relationExists\n    source: A\n    target: B\n    label: '(['",
     11, "relationExists: 'label' is not a valid regular expression: unterminated character "
         "set at position 1"),
    ("  - type: noErrors\n    colour: red",
     9, "noErrors: unknown key 'colour' (this check takes message)"),
    ("  - source: A", 8, "the check has no 'type' (one of " + ", ".join(CHECK_TYPES) + ")"),
    ("  - noErrors", 8, "a check is a mapping such as '- type: noErrors'"),
    ("  - type: relationCount\n    message: 'x'", 8, "relationCount: the check needs 'min', "
                                                   "'max' or both"),
])
def test_bad_checks_are_reported_at_their_line(checks, line, message):
    assert problems_of(lesson_with(checks)) == [(line, message)]


def test_an_empty_check_list_and_a_scalar_check_list_are_errors():
    assert problems_of(lesson_with("  []").replace("checks:\n  []", "checks: []")) == [
        (7, "'checks' is empty; a lesson needs at least one check")]
    assert problems_of(lesson_with("").replace("checks:\n", "checks: 3\n")) == [
        (7, "'checks' must be a list, each item with a 'type'")]


# -- hostile files -------------------------------------------------------------------
def test_alias_bomb_is_refused_before_anything_is_built():
    bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for n in range(1, 10):
        bomb.append(f"{chr(97 + n)}: &{chr(97 + n)} [" + ",".join([f"*{chr(96 + n)}"] * 9) + "]")
    found = problems_of("\n".join(bomb) + "\n")
    assert found == [(1, "anchors and aliases (& and *) are not allowed in lesson files")]


def test_huge_deep_binary_and_non_utf8_files_give_a_message():
    assert problems_of(b"title: x\n" + b"#" * MAX_BYTES)[0][1].startswith(
        "the file is too large for a lesson")
    assert problems_of("a: " + "[" * 200 + "]" * 200)[0][1] == "nested more than 20 levels deep"
    assert problems_of(b"title: \"caf\xe9\"\n") == [
        (1, "the file is not valid UTF-8; save it as UTF-8")]
    assert problems_of(b"title: x\n\x00\x01") == [
        (1, "the file looks binary (it holds NUL bytes)")]
    assert problems_of("title: [unclosed\n")[0][1].startswith("not valid YAML")
    assert problems_of("- just\n- a list\n") == [
        (1, "a lesson is a mapping of keys (title: ..., checks: ...)")]
    assert problems_of("") == [(1, "the file is empty; a lesson needs title, summary, "
                                   "difficulty, topic, initialDsl, checks, solution")]


def test_many_values_are_refused():
    items = "  - type: noErrors\n    message: [" + ",".join("1" * 21000) + "]"
    assert problems_of(lesson_with(items))[0][1] == "too many values for a lesson file"


def test_read_lesson_reports_folders_and_missing_files(tmp_path):
    with pytest.raises(LessonError, match="this is a folder"):
        read_lesson(tmp_path)
    with pytest.raises(LessonError, match="cannot read the file"):
        read_lesson(tmp_path / "nope.yaml")


# -- every check type, both ways -----------------------------------------------------
BASE = """\
architecture "Shop" {
  person Customer "Customer"
  system ECommerce {
    gateway Api "API"
    container UserService "Users" {
      technology "Go"
      tags edge, public
    }
    container OrderService "Orders"
    datastore UserDB "User DB"
    datastore OrderDB "Order DB"
  }
  Customer -> Api "Calls"
  Api -> UserService "Routes"
  UserService -> UserDB "Reads/Writes"
  OrderService -> OrderDB "Reads/Writes"
  OrderService -[async]-> UserService "Notifies"
}
"""


def judged(check: str, text: str = BASE) -> tuple[bool, str | None]:
    lesson = parse_lesson(lesson_with(check).encode())
    result = evaluate_text(lesson.checks, text)[0]
    return result.passed, result.detail


@pytest.mark.parametrize(("check", "passes", "fails"), [
    ("type: noErrors", BASE, BASE.replace("UserDB \"Reads", "UserDBX \"Reads")),
    ("type: noWarnings", BASE, BASE + "OrderService -> UserDB \"Peeks\"\n"),
    ("type: relationExists\n    source: UserService\n    target: UserDB", BASE,
     BASE.replace("UserService -> UserDB", "Api -> UserDB")),
    ("type: relationExists\n    source: ECommerce.OrderService\n    target: UserService\n"
     "    label: '^notif'\n    kind: async", BASE, BASE.replace("Notifies", "Tells")),
    ("type: elementExists\n    id: OrderDB\n    kind: database", BASE,
     BASE.replace("datastore OrderDB", "container OrderDB")),
    ("type: inSystem\n    element: UserDB\n    system: ECommerce", BASE,
     BASE.replace('    datastore UserDB "User DB"\n', "").replace(
         "  Customer ->", '  datastore UserDB\n  Customer ->')),
    ("type: elementCount\n    kind: datastore\n    min: 2\n    max: 2", BASE,
     BASE.replace('    datastore OrderDB "Order DB"\n', '    datastore OrderDB "Order DB"\n'
                  '    datastore Cache "Cache"\n')),
    ("type: relationCount\n    kind: async\n    min: 1", BASE,
     BASE.replace("-[async]->", "->")),
    ("type: pathExists\n    source: Customer\n    target: UserDB", BASE,
     BASE.replace("UserService -> UserDB", "UserDB -> UserService")),
    ("type: noRelation\n    source: OrderService\n    target: UserDB", BASE,
     BASE + "OrderService -> UserDB \"Peeks\"\n"),
    ("type: propertyEquals\n    element: UserService\n    key: technology\n    value: go", BASE,
     BASE.replace('"Go"', '"Rust"')),
    ("type: propertyEquals\n    element: UserService\n    key: tags\n    value: public", BASE,
     BASE.replace("edge, public", "edge")),
    ("type: ruleClean\n    rule: A204", BASE, BASE + "OrderService -> UserDB \"Peeks\"\n"),
    ("type: ruleClean\n    rule: foreign-datastore", BASE,
     BASE.replace('architecture "Shop" {', 'architecture "Shop" {\n  rule A204 off')
     + "OrderService -> UserDB \"Peeks\"\n"),
])
def test_each_check_type_passes_and_fails(check, passes, fails):
    assert judged(f"  - {check}", passes)[0] is True
    assert judged(f"  - {check}", fails)[0] is False


def test_every_check_type_is_covered_by_the_table_above():
    covered = {line.split("type: ")[1].split("\n")[0]
               for line, _p, _f in test_each_check_type_passes_and_fails.pytestmark[0].args[1]}
    assert covered == set(CHECK_TYPES)


def test_failing_checks_say_why():
    assert judged("  - type: relationExists\n    source: Nobody\n    target: UserDB") == (
        False, "there is no element 'Nobody' yet")
    assert judged("  - type: elementCount\n    kind: datastore\n    max: 1") == (
        False, "there are 2")
    assert judged("  - type: propertyEquals\n    element: OrderService\n    key: technology\n"
                  "    value: Go") == (False, "'technology' is not set")
    assert judged("  - type: noRelation\n    source: UserService\n    target: UserDB") == (
        False, "line 15: UserService -> UserDB")
    assert judged("  - type: ruleClean\n    rule: A204", "architecture \"x {")[1] == (
        "the text has syntax errors; fix them first")
    passed, detail = judged("  - type: noErrors", BASE + "a -> b\n")
    assert not passed and detail.startswith("line 19: E201")


def test_checks_without_a_message_describe_themselves():
    lesson = parse_lesson(lesson_with(
        "  - type: relationExists\n    source: A\n    target: B\n    kind: uses\n"
        "  - type: elementCount\n    kind: service\n    min: 3\n"
        "  - type: ruleClean\n    rule: shared-datastore").encode())
    assert [c.message for c in lesson.checks] == [
        "Add a relation A -[uses]-> B",
        "Have at least 3 services",
        "Rule A201 (shared-datastore) has nothing to report: "
        + __import__("archstudio.rules", fromlist=["RULES"]).RULES["A201"].summary,
    ]


# -- the bundled track ---------------------------------------------------------------
def test_the_track_has_at_least_twelve_lessons_seed_000_first():
    lessons = bundled_lessons()
    assert len(lessons) >= 12
    assert lessons[0].name == "connect-service-mesh"
    assert {lesson.topic for lesson in lessons} == {
        "relations", "microservice patterns", "layered model"}
    assert next_lesson("connect-service-mesh").name == TRACK[1]
    assert next_lesson(TRACK[-1]) is None


@pytest.mark.parametrize("name", TRACK)
def test_each_bundled_solution_passes_and_its_start_fails(name):
    lesson = find_lesson(name)
    solved = evaluate_text(lesson.checks, lesson.solution)
    assert [r.message for r in solved if not r.passed] == []
    started = evaluate_text(lesson.checks, lesson.initial_dsl)
    assert any(not r.passed for r in started)
    assert evaluate_text(lesson.checks, lesson.initial_dsl)[0].check.type == "noErrors"
    assert started[0].passed, "the starting text itself parses"
    assert lesson.hints and all(len(h) < 200 for h in lesson.hints)


@pytest.mark.parametrize("name", TRACK)
def test_each_bundled_solution_has_no_error_or_warning(name):
    from archstudio.dsl import parse
    from archstudio.rules import check

    lesson = find_lesson(name)
    model = parse(lesson.solution)
    bad = [d for d in [*model.diagnostics, *check(model)] if d.severity.value != "advice"]
    assert bad == []


def test_find_lesson_suggests_a_close_name():
    with pytest.raises(LessonError, match="did you mean 'saga'"):
        find_lesson("sage")


# -- never a traceback ---------------------------------------------------------------
HOSTILE_TAGS = [
    b"title: !!python/object:os.system x\n",
    b"title: !custom x\n",
    b"? [a, b]\n: x\n",
    b"title: x\nsummary: !!int abc\n",
    b"title: " + b"9" * 5000 + b"\n",
    b"title: !!binary aGVsbG8=\n",
    b"title: 2020-01-01\n",
    b"title: !!timestamp x\n",
    b"title: !!timestamp 2020-13-45\n",
    b"title: !!set x\n",
    b"<<: 3\n",
    b"checks: {type: noErrors}\n",
    b"\xef\xbb\xbftitle: x\n",
]


@pytest.mark.parametrize("data", HOSTILE_TAGS)
def test_tags_and_odd_values_are_located_errors(data):
    with pytest.raises(LessonError) as caught:
        parse_lesson(data)
    assert caught.value.problems and all(p.line >= 1 for p in caught.value.problems)


def test_an_unbuildable_value_is_reported_at_its_line():
    assert problems_of("title: x\nsummary: !!int abc\n") == [
        (2, "not valid YAML: invalid literal for int() with base 10: 'abc'")]
    assert problems_of("title: x\nsummary: !!timestamp x\n") == [
        (2, "not valid YAML: this value does not match its type tag")]
    assert problems_of("title: !!python/object:os.system x\n") == [
        (1, "not valid YAML: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object:os.system'")]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mangled_lesson_files_read_or_fail_with_located_problems(data):
    text = SEED_LESSON.read_bytes()
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        junk = data.draw(st.sampled_from(
            [b"", b":", b"-", b"&a", b"*a", b"!!int ", b"\n", b"  ", b"[", b"{", b"\"", b"#",
             b"\xff", b"- type: ", b"? ", b"|", b"\t", b"---\n", b"0", b"!!timestamp ",
             b"!!float ", b"!!set ", b"<<: ", b"\x00", b"~"]))
        cut = data.draw(st.integers(0, 12))
        text = text[:at] + junk + text[at + cut:]
    try:
        lesson = parse_lesson(text)
    except LessonError as exc:
        assert exc.problems
        assert all(p.line >= 0 and p.message for p in exc.problems)
    else:
        evaluate_text(lesson.checks, lesson.solution)  # a lesson that reads can be judged


def test_the_example_in_docs_lessons_is_a_working_lesson():
    import re

    docs = (ROOT / "docs" / "lessons.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(---\n.*?---\n)```", docs, re.DOTALL).group(1)
    lesson = parse_lesson(example.encode())
    assert all(r.passed for r in evaluate_text(lesson.checks, lesson.solution))
    assert not all(r.passed for r in evaluate_text(lesson.checks, lesson.initial_dsl))
    snippet = re.search(r"Examples from the bundled track:\n\n```yaml\n(.*?)```", docs,
                        re.DOTALL).group(1)
    checks = parse_lesson(lesson_with(snippet).encode()).checks
    assert [c.type for c in checks] == ["relationExists", "noRelation", "propertyEquals",
                                        "ruleClean", "elementCount"]
