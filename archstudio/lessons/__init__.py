"""Lessons: exercises in drawing architecture, with checks judged on the learner's text.

A lesson file is seed 000's YAML format (:mod:`format`, documented in docs/lessons.md);
its checks (:mod:`checks`) are judged on a parsed model, so the app can tick them as the
learner types and ``archstudio lesson check`` can run them in a terminal or CI. The
bundled track lives in ``bundled/`` (``examples/lessons`` points there). No Qt here.
"""

from archstudio.lessons.catalog import TRACK, bundled_lessons, find_lesson, next_lesson
from archstudio.lessons.checks import CHECK_TYPES, Check, CheckResult, evaluate, evaluate_text
from archstudio.lessons.format import Lesson, LessonError, Problem, parse_lesson, read_lesson

__all__ = ["CHECK_TYPES", "Check", "CheckResult", "Lesson", "LessonError", "Problem", "TRACK",
           "bundled_lessons", "evaluate", "evaluate_text", "find_lesson", "next_lesson",
           "parse_lesson", "read_lesson"]
