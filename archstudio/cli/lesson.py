"""``archstudio lesson``: take the bundled lessons (or any lesson file) in a terminal or CI:
``list`` them, ``show`` one's brief and starting text, ``check`` a solution against it."""

from __future__ import annotations

import argparse
import sys
import textwrap

from archstudio.cli.common import error, load
from archstudio.lessons import Lesson, LessonError, bundled_lessons, evaluate, find_lesson


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lesson",
        help="list, show and check the architecture lessons",
        description="Lessons are exercises with checks (docs/lessons.md). LESSON is a bundled "
        "lesson's name (see 'list') or the path of a lesson file.",
    )
    commands = parser.add_subparsers(dest="lesson_command", metavar="ACTION", required=True)
    listing = commands.add_parser("list", help="the bundled lessons, in track order")
    listing.set_defaults(func=run_list)
    show = commands.add_parser(
        "show", help="a lesson's brief, its goals and its starting text",
        description="Print the brief and the starting text. --start prints only the "
        "starting text, ready to save: archstudio lesson show api-gateway --start > my.arch")
    show.add_argument("lesson", metavar="LESSON")
    group = show.add_mutually_exclusive_group()
    group.add_argument("--hints", action="store_true", help="also print the hints")
    group.add_argument("--start", action="store_true", help="print only the starting text")
    group.add_argument("--solution", action="store_true", help="print only the solution")
    show.set_defaults(func=run_show)
    check = commands.add_parser(
        "check", help="check a .arch file against a lesson",
        description="Judge every check of LESSON on FILE, one line each. Exit status: 0 all "
        "pass, 1 one fails, 2 unreadable file or bad lesson file.")
    check.add_argument("lesson", metavar="LESSON")
    check.add_argument("file", metavar="FILE")
    check.set_defaults(func=run_check)


def _marks() -> tuple[str, str]:
    """✓ and ✗, or plain words where the terminal cannot print them."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "✓✗".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "PASS", "FAIL"
    return "✓", "✗"


def _load_lesson(name: str) -> Lesson | None:
    try:
        return find_lesson(name)
    except LessonError as exc:
        for problem in exc.problems:
            error(problem.format(exc.path))
        return None


def run_list(_args: argparse.Namespace) -> int:
    try:
        lessons = bundled_lessons()
    except LessonError as exc:
        error(str(exc))
        return 2
    width = max(len(lesson.name) for lesson in lessons)
    for lesson in lessons:
        print(f"{lesson.name:<{width}}  {lesson.difficulty:<12}  {lesson.topic:<22}  "
              f"{lesson.title}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    lesson = _load_lesson(args.lesson)
    if lesson is None:
        return 2
    if args.start or args.solution:
        sys.stdout.write(lesson.solution if args.solution else lesson.initial_dsl)
        return 0
    print(lesson.title)
    print("=" * len(lesson.title))
    facts = [lesson.difficulty, lesson.topic] + (
        [lesson.estimated_time] if lesson.estimated_time else [])
    print(" · ".join(facts) if _marks()[0] == "✓" else " - ".join(facts))
    print()
    print(textwrap.fill(lesson.summary, 88))
    print()
    print("Goals:")
    for check in lesson.checks:
        print(f"  - {check.message}")
    if args.hints:
        print()
        print("Hints:")
        for number, hint in enumerate(lesson.hints, start=1):
            print(f"  {number}. {hint}")
    print()
    print(f"Starting text (archstudio lesson show {args.lesson} --start > my.arch):")
    print()
    print(textwrap.indent(lesson.initial_dsl, "    "), end="")
    if not args.hints and lesson.hints:
        print()
        print(f"{len(lesson.hints)} hints: add --hints to see them.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    lesson = _load_lesson(args.lesson)
    if lesson is None:
        return 2
    text, model, problems = load(args.file)
    if model is None:
        for problem in problems:
            error(problem.format(args.file))
        return 2
    results = evaluate(lesson.checks, model)
    passed_mark, failed_mark = _marks()
    for result in results:
        mark = passed_mark if result.passed else failed_mark
        detail = f" ({result.detail})" if result.detail else ""
        print(f"{mark} {result.message}{detail}")
    passed = sum(result.passed for result in results)
    if passed == len(results):
        print(f"All {len(results)} checks pass: lesson complete.")
        return 0
    print(f"{passed} of {len(results)} checks pass.")
    return 1
