"""The bundled track: which lessons ship, in the order a learner takes them."""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path

from archstudio.lessons.format import Lesson, LessonError, Problem, read_lesson

BUNDLED_DIR = Path(__file__).resolve().parent / "bundled"

# The order of the track: seed 000 first, then seed 004's patterns, then seed 001's
# layered traceability, built up one layer at a time.
TRACK: tuple[str, ...] = (
    "connect-service-mesh",
    "api-gateway",
    "database-per-service",
    "async-messaging",
    "circuit-breaker",
    "saga",
    "service-discovery",
    "service-mesh-mtls",
    "goals-and-capabilities",
    "services-realize-capabilities",
    "operations-and-schemas",
    "layered-traceability",
)


@cache
def bundled_lessons() -> tuple[Lesson, ...]:
    """Every bundled lesson, in track order (read once per process)."""
    return tuple(read_lesson(BUNDLED_DIR / f"{name}.yaml") for name in TRACK)


def find_lesson(name_or_path: str) -> Lesson:
    """A bundled lesson by name, or a lesson file by path; :class:`LessonError` if
    neither."""
    if name_or_path in TRACK:
        return bundled_lessons()[TRACK.index(name_or_path)]
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists() or "/" in name_or_path:
        return read_lesson(path)
    close = difflib.get_close_matches(name_or_path, TRACK, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else \
        " (archstudio lesson list shows them)"
    raise LessonError(name_or_path, [Problem(0, 0, f"no bundled lesson is called "
                                                   f"'{name_or_path}'{hint}")])


def next_lesson(name: str) -> Lesson | None:
    """The lesson after this one in the track (None after the last, or for a lesson
    not in the track)."""
    if name not in TRACK or TRACK.index(name) + 1 >= len(TRACK):
        return None
    return bundled_lessons()[TRACK.index(name) + 1]
