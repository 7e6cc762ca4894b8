"""The lesson file: seed 000's YAML document, read safely and checked with line numbers.

A lesson file is written by hand, so every mistake in it (a missing key, a check type
that does not exist, a number where a name belongs) is reported with its line and column
instead of a traceback. The data is read with ``yaml.safe_load``; the node tree that
``yaml.compose`` gives for the same text supplies the positions. Files are small by
nature, so a size limit, a node limit and a ban on anchors and aliases keep hostile YAML
(alias bombs, huge or deeply nested files) from costing time or memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from archstudio.lessons.checks import CHECK_TYPES, Check, ParamError, build_check

MAX_BYTES = 256 * 1024  # a long lesson is a few kilobytes
MAX_EVENTS = 20_000  # YAML events (scalars, starts and ends of lists and mappings)
MAX_DEPTH = 20  # lists and mappings inside each other

DIFFICULTIES = ("beginner", "intermediate", "advanced")
REQUIRED_KEYS = ("title", "summary", "difficulty", "topic", "initialDsl", "checks", "solution")
OPTIONAL_KEYS = ("estimatedTime", "hints")
_STRING_KEYS = ("title", "summary", "difficulty", "topic", "initialDsl", "solution",
                "estimatedTime")


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in a lesson file, at a 1-based line and column (line 0: the whole
    file)."""

    line: int
    column: int
    message: str

    def format(self, path: str) -> str:
        if self.line == 0:  # about the file as a whole
            return f"{path}: {self.message}"
        return f"{path}:{self.line}:{self.column}: {self.message}"


class LessonError(Exception):
    """A lesson file that cannot be used; ``problems`` says every reason and where."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(p.format(path) for p in problems))


@dataclass(frozen=True, slots=True)
class Lesson:
    name: str  # the file name without .yaml: how the command line and settings know it
    title: str
    summary: str
    difficulty: str
    topic: str
    initial_dsl: str
    checks: tuple[Check, ...]
    solution: str
    estimated_time: str | None = None
    hints: tuple[str, ...] = field(default_factory=tuple)
    path: str | None = None


def read_lesson(path: str | Path) -> Lesson:
    """Read and check a lesson file; raises :class:`LessonError` for anything wrong."""
    name = str(path)
    try:
        file_path = Path(path)
        if file_path.is_dir():
            raise LessonError(name, [Problem(0, 0, "this is a folder, not a lesson file")])
        size = file_path.stat().st_size
        if size > MAX_BYTES:
            raise LessonError(name, [Problem(0, 0, f"the file is too large for a lesson "
                                                   f"({size} bytes; the limit is {MAX_BYTES})")])
        data = file_path.read_bytes()
    except OSError as exc:
        raise LessonError(name, [Problem(0, 0, f"cannot read the file: {exc.strerror}")]) from None
    return parse_lesson(data, name=file_path.stem, path=name)


def parse_lesson(data: bytes | str, name: str = "lesson", path: str = "<lesson>") -> Lesson:
    """A lesson from the bytes (or text) of a lesson file."""
    text = _decode(data, path)
    root = _compose(text, path)
    problems: list[Problem] = []
    values = _validated(root, problems)
    if problems:
        raise LessonError(path, problems)
    return Lesson(
        name=name,
        title=values["title"].strip(),
        summary=values["summary"].strip(),
        difficulty=values["difficulty"],
        topic=values["topic"].strip(),
        initial_dsl=values["initialDsl"],
        checks=tuple(values["checks"]),
        solution=values["solution"],
        estimated_time=values.get("estimatedTime"),
        hints=tuple(values.get("hints", ())),
        path=None if path.startswith("<") else path,
    )


# -- reading -------------------------------------------------------------------------
def _decode(data: bytes | str, path: str) -> str:
    if isinstance(data, str):
        text = data
    else:
        if len(data) > MAX_BYTES:
            raise LessonError(path, [Problem(0, 0, f"the file is too large for a lesson "
                                                   f"({len(data)} bytes; the limit is "
                                                   f"{MAX_BYTES})")])
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            before = data[: exc.start]
            line = before.count(b"\n") + 1
            column = len(before) - (before.rfind(b"\n") + 1) + 1
            raise LessonError(path, [Problem(line, column, "the file is not valid UTF-8; "
                                                           "save it as UTF-8")]) from None
    if len(text) > MAX_BYTES:
        raise LessonError(path, [Problem(0, 0, "the file is too large for a lesson")])
    if "\x00" in text:
        raise LessonError(path, [Problem(1, 1, "the file looks binary (it holds NUL bytes)")])
    return text


# libyaml's loader where PyYAML has it: reading the bundled lessons with the pure-Python
# one took about a third of a second of every first window
FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str, path: str) -> yaml.MappingNode:
    """The one YAML document of the file as a node tree, after the safety checks. Empty
    documents (seed 000 ends with a ``---`` line) are ignored. Read with libyaml when it
    is there; a file it finds anything wrong with is read again the pure-Python way, so
    every problem is reported the same way either way."""
    if FAST_LOADER is not None:
        try:
            return _compose_with(text, path, FAST_LOADER)
        except Exception:  # noqa: BLE001, S110  (the careful reading below says what)
            pass
    return _compose_with(text, path, yaml.SafeLoader)


def _compose_with(text: str, path: str, loader: type) -> yaml.MappingNode:
    try:
        _check_events(text, path, loader)
        # build every value the way yaml.safe_load does, so an unknown tag (say
        # !!python/object) or an unhashable key is a located error here, not later
        try:
            for _data in yaml.load_all(text, Loader=loader):  # noqa: S506 (a safe loader)
                pass
        except yaml.YAMLError:
            raise
        except Exception as exc:  # noqa: BLE001  PyYAML raises plain errors for some typed
            # values (ValueError for `!!int abc`, AttributeError for `!!timestamp x`)
            line, column = _bad_scalar(text)
            why = str(exc) if isinstance(exc, ValueError | OverflowError) else \
                "this value does not match its type tag"
            raise LessonError(path, [Problem(line, column, f"not valid YAML: {why}")]) from None
        documents = [node for node in yaml.compose_all(text, Loader=loader)
                     if not _empty(node)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or exc.context or "cannot read the YAML"
        raise LessonError(path, [Problem(line, column, f"not valid YAML: {message}")]) from None
    except yaml.YAMLError as exc:
        raise LessonError(path, [Problem(1, 1, f"not valid YAML: {exc}")]) from None
    if not documents:
        raise LessonError(path, [Problem(1, 1, "the file is empty; a lesson needs "
                                               + ", ".join(REQUIRED_KEYS))])
    if len(documents) > 1:
        raise LessonError(path, [Problem(*_position(documents[1]),
                                         "a lesson file holds one YAML document; this is a "
                                         "second one")])
    root = documents[0]
    if not isinstance(root, yaml.MappingNode):
        raise LessonError(path, [Problem(*_position(root), "a lesson is a mapping of keys "
                                                           "(title: ..., checks: ...)")])
    return root


def _bad_scalar(text: str) -> tuple[int, int]:
    """Where the first value that cannot be built stands (``!!int abc``, say)."""
    for node in yaml.compose_all(text, Loader=yaml.SafeLoader):
        todo = [node]
        while todo:
            current = todo.pop(0)
            if isinstance(current, yaml.ScalarNode):
                try:
                    _value(current)
                except Exception:  # noqa: BLE001  (see _compose)
                    return _position(current)
            elif isinstance(current, yaml.SequenceNode):
                todo.extend(current.value)
            elif isinstance(current, yaml.MappingNode):
                todo.extend(n for pair in current.value for n in pair)
    return 1, 1


def _empty(node: yaml.Node | None) -> bool:
    return node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"))


def _check_events(text: str, path: str, loader: type = yaml.SafeLoader) -> None:
    """Refuse anchors and aliases (alias bombs), too many nodes and deep nesting,
    before anything is built."""
    count = depth = 0
    for event in yaml.parse(text, Loader=loader):
        count += 1
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise LessonError(path, [Problem(*where, "anchors and aliases (& and *) are not "
                                                     "allowed in lesson files")])
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise LessonError(path, [Problem(*where, f"nested more than {MAX_DEPTH} "
                                                         "levels deep")])
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        if count > MAX_EVENTS:
            raise LessonError(path, [Problem(*where, "too many values for a lesson file")])


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


# -- checking ------------------------------------------------------------------------
_TYPE_NAMES = {"str": "a text", "int": "a whole number", "float": "a number",
               "bool": "true or false", "list": "a list", "dict": "a mapping",
               "NoneType": "nothing"}


def type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value).__name__, type(value).__name__)


def _value(node: yaml.Node) -> Any:
    """The Python value of one node, as ``yaml.safe_load`` builds it."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _validated(root: yaml.MappingNode, problems: list[Problem]) -> dict[str, Any]:
    """Check the top-level keys and every check; collect every problem, not the first."""
    out: dict[str, Any] = {}
    seen: dict[str, yaml.Node] = {}
    for key_node, value_node in root.value:
        key = _value(key_node)
        if not isinstance(key, str):
            problems.append(Problem(*_position(key_node), f"a key must be a name, not "
                                                          f"{type_name(key)}"))
            continue
        if key in seen:
            problems.append(Problem(*_position(key_node), f"'{key}' is given twice"))
            continue
        seen[key] = value_node
        if key not in REQUIRED_KEYS and key not in OPTIONAL_KEYS:
            problems.append(Problem(*_position(key_node), _unknown_key_message(key)))
            continue
        if key == "checks":
            out[key] = _checks(value_node, problems)
        elif key == "hints":
            out[key] = _hints(value_node, problems)
        else:
            value = _value(value_node)
            if key == "estimatedTime" and isinstance(value, int | float) and \
                    not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or (key != "initialDsl" and not value.strip()):
                problems.append(Problem(*_position(value_node),
                                        f"'{key}' must be a text, not {type_name(value)}"))
                continue
            if key == "difficulty" and value not in DIFFICULTIES:
                problems.append(Problem(*_position(value_node), f"difficulty must be one of "
                                        f"{', '.join(DIFFICULTIES)}, not '{value}'"))
                continue
            out[key] = value
    missing = [key for key in REQUIRED_KEYS if key not in seen]
    if missing:
        problems.append(Problem(*_position(root), "the lesson has no "
                                + ", ".join(f"'{key}'" for key in missing)))
    return out


def _unknown_key_message(key: str) -> str:
    import difflib

    known = REQUIRED_KEYS + OPTIONAL_KEYS
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f" (the keys are {', '.join(known)})"
    return f"unknown key '{key}'{hint}"


def _hints(node: yaml.Node, problems: list[Problem]) -> list[str]:
    if not isinstance(node, yaml.SequenceNode):
        problems.append(Problem(*_position(node), "'hints' must be a list of texts"))
        return []
    hints = []
    for item in node.value:
        value = _value(item)
        if not isinstance(value, str):
            problems.append(Problem(*_position(item), f"a hint must be a text, not "
                                                      f"{type_name(value)}"))
        else:
            hints.append(value)
    return hints


def _checks(node: yaml.Node, problems: list[Problem]) -> list[Check]:
    if not isinstance(node, yaml.SequenceNode):
        problems.append(Problem(*_position(node), "'checks' must be a list, each item with "
                                                  "a 'type'"))
        return []
    if not node.value:
        problems.append(Problem(*_position(node), "'checks' is empty; a lesson needs at "
                                                  "least one check"))
    checks = []
    for item in node.value:
        check = _check(item, problems)
        if check is not None:
            checks.append(check)
    return checks


def _check(node: yaml.Node, problems: list[Problem]) -> Check | None:
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(*_position(node), "a check is a mapping such as "
                                                  "'- type: noErrors'"))
        return None
    params: dict[str, Any] = {}
    positions: dict[str, tuple[int, int]] = {}
    for key_node, value_node in node.value:
        key = _value(key_node)
        if not isinstance(key, str):
            problems.append(Problem(*_position(key_node), "a check's keys must be names"))
            return None
        if key in params:
            problems.append(Problem(*_position(key_node), f"'{key}' is given twice"))
            return None
        params[key] = _value(value_node)
        positions[key] = _position(value_node)
    kind = params.pop("type", None)
    if kind is None:
        problems.append(Problem(*_position(node), "the check has no 'type' (one of "
                                                  + ", ".join(CHECK_TYPES) + ")"))
        return None
    if kind not in CHECK_TYPES:
        import difflib

        close = difflib.get_close_matches(str(kind), list(CHECK_TYPES), n=1)
        suggestion = f"; did you mean '{close[0]}'?" if close else \
            " (the types are " + ", ".join(CHECK_TYPES) + ")"
        problems.append(Problem(*positions["type"], f"unknown check type '{kind}'{suggestion}"))
        return None
    try:
        return build_check(kind, params, _position(node)[0])
    except ParamError as exc:
        where = positions.get(exc.key, _position(node)) if exc.key else _position(node)
        problems.append(Problem(*where, f"{kind}: {exc.message}"))
        return None

