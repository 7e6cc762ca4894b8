"""The open document: its file, and the pipeline text → model → boxes that follows typing.

The editor's QTextDocument holds the text (and the one undo history). As soon as the
keystrokes queued so far are in, :class:`Document` re-parses (incrementally); text that
parses is arranged from the previous boxes (so nothing jumps) and announced at once as a
:class:`ParseResult` with ``settled=False``: the canvas follows typing with no pause.
Half-typed text that does not parse changes nothing yet. After a short pause the result
is *settled*: the problems, the underlines and the stale mark (the last model that parsed
stays shown while the text has syntax errors) follow then, so they do not flicker while
typing. ``reparse_now`` settles at once.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from archstudio.app import ahead
from archstudio.app.dsl_editor import DslEditor
from archstudio.app.files import FileFormat
from archstudio.app.parsing import TextParser, rule_diagnostics
from archstudio.dsl.incremental import common_ends
from archstudio.layout import Box, arrange
from archstudio.layout.arrange import rearranged
from archstudio.layout.collector import collect_if_grown, collector_paused
from archstudio.model import Diagnostic, LineIndex, Model, Span
from archstudio.model.diagnostics import sort_key

SETTLE_DELAY_MS = 250  # problems, underlines and the stale mark wait for this pause
RULES_DELAY_MS = 400  # the architecture rules run when typing pauses a little longer
# what edits froze (layout.collector) is tidied up when the user pauses this long
TIDY_DELAY_MS = 3000
_NAMED_LINE = re.compile(r"\bline (\d+)")  # a rule's message naming a line ("on line 8")


def has_syntax_errors(model: Model) -> bool:
    """E1xx errors: the text was not understood, so its model is not drawn."""
    return any(d.is_error and d.code.startswith("E1") for d in model.diagnostics)


def same_structure(before: Model, after: Model) -> bool:
    """Whether arranging ``after`` would give the boxes ``before`` got: the same elements
    in the same order with the same kinds and nesting, and the same layout section.
    (Typing into a label or a property changes neither, so no arranging per keystroke.)"""
    if before.layout is not after.layout and before.layout != after.layout:
        return False
    if len(before.elements) != len(after.elements):
        return False
    for (qname, old), (name, new) in zip(before.elements.items(), after.elements.items(),
                                         strict=True):
        if old is not new and (qname != name or old.kind != new.kind or old.parent != new.parent
                               or old.children != new.children):
            return False
    return True


@dataclass(frozen=True, slots=True)
class ParseResult:
    model: Model  # of the current text
    shown: Model  # the model on the canvas: the current one, or the last good one
    boxes: dict[str, Box]
    diagnostics: list[Diagnostic]  # parser and rules, sorted by place
    stale: bool
    settled: bool = True  # False while typing: the diagnostics and stale mark may lag
    checked: bool = True  # False until the architecture rules first ran on this document


def pinned(diagnostics: list[Diagnostic], text: str) -> list[Diagnostic]:
    """Copies whose spans stay put. The incremental parser's spans follow the latest
    text; diagnostics kept across edits must not, or they would move twice."""
    lines = LineIndex(text)
    return [replace(d, span=Span(d.span.start, d.span.end, lines)) for d in diagnostics]


def shift_diagnostics(diagnostics: list[Diagnostic], old: str, new: str) -> list[Diagnostic]:
    """Carry diagnostics of ``old`` over to ``new``: those before or after the edited
    stretch move with the text, those inside it are dropped until the next check."""
    if not diagnostics or old == new:
        return diagnostics
    prefix, suffix = common_ends(old, new)
    old_end, delta = len(old) - suffix, len(new) - len(old)
    lines = LineIndex(new)
    out = []
    for diagnostic in diagnostics:
        start, end = diagnostic.span.start, diagnostic.span.end
        if end <= prefix:
            span = Span(start, end, lines)
        elif start >= old_end:
            span = Span(start + delta, end + delta, lines)
        else:
            continue
        out.append(replace(diagnostic, span=span))
    return out


class Document(QObject):
    parsed = Signal(object)  # ParseResult
    diagnostics_changed = Signal(object)  # ParseResult, after the rules ran
    path_changed = Signal(object)  # str | None
    # Model: the text parsed, its layout still being made on the other core (app.ahead):
    # what does not need boxes can be done meanwhile
    parsed_before_layout = Signal(object)

    def __init__(self, editor: DslEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.path: str | None = None
        self.format = FileFormat()
        self.result: ParseResult | None = None
        self._parser = TextParser()
        self._parsed_revision = -1
        self._model: tuple[int, str, Model] | None = None  # (revision, text, model) parsed last
        self._placed: dict[str, Box] = {}  # qname -> box from automatic placement
        # boxes arrange gave keeping what was placed (not a whole new layout): the next
        # drag works its boxes out from these (layout.arrange.rearranged)
        self._kept_boxes: dict[str, Box] | None = None
        self.rule_overrides: dict[str, str] = {}  # rule code -> severity or "off"
        self._typed = QTimer(self)  # zero delay: a burst of queued keys is parsed once
        self._typed.setSingleShot(True)
        self._typed.setInterval(0)
        self._typed.timeout.connect(self.follow_typing)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_DELAY_MS)
        self._timer.timeout.connect(self.reparse_now)
        self._rules: tuple[str, list[Diagnostic]] = ("", [])  # (text checked, diagnostics)
        # the model the rules last ran on, its text and what they found (pinned there)
        self._checked: tuple[Model, str, list[Diagnostic]] | None = None
        self._rules_ran = False  # since the text was loaded: until then nothing is known
        self._rules_checked: str | None = None  # a text the rules ran on before its announce
        self._rules_timer = QTimer(self)
        self._rules_timer.setSingleShot(True)
        self._rules_timer.setInterval(RULES_DELAY_MS)
        self._rules_timer.timeout.connect(self.check_rules_now)
        self._tidy = QTimer(self)
        self._tidy.setSingleShot(True)
        self._tidy.setInterval(TIDY_DELAY_MS)
        self._tidy.timeout.connect(collect_if_grown)
        editor.document().contentsChanged.connect(self._on_text_changed)

    def _on_text_changed(self) -> None:
        self._typed.start()
        self._timer.start()

    # -- identity --------------------------------------------------------------------
    @property
    def display_name(self) -> str:
        return Path(self.path).name if self.path else "Untitled"

    @property
    def modified(self) -> bool:
        return self.editor.document().isModified()

    def set_path(self, path: str | None, file_format: FileFormat | None = None) -> None:
        self.path = str(Path(path).resolve()) if path else None
        if file_format is not None:
            self.format = file_format
        self.path_changed.emit(self.path)

    def load(self, text: str, path: str | None, file_format: FileFormat) -> ParseResult:
        """Start over with a new text (Open, New): no previous boxes, a fresh history. The
        architecture rules run a moment later, so a new window paints first."""
        self.result = None
        self._placed = {}
        self._kept_boxes = None
        self._rules_ran = False
        self._rules = ("", [])  # (another file's findings are not moved along into this)
        self._checked = None
        self._rules_checked = None
        self._parsed_revision = -1
        self._model = None
        self.editor.set_text(text)
        self._typed.stop()
        self._timer.stop()
        self.set_path(path, file_format)
        with collector_paused():
            result = self.reparse_now()  # also starts the rules' timer: they follow the paint
            ahead.keep_built(text)
        if self._rules_timer.isActive():  # counted from when the window next takes events:
            self._rules_timer.stop()  # a new window's own start may outlast the delay
            QTimer.singleShot(0, self, self._rules_timer.start)
        return result

    # -- the pipeline ----------------------------------------------------------------
    @property
    def up_to_date(self) -> bool:
        """Whether the current result describes the text as it is now."""
        return self._parsed_revision == self.editor.document().revision()

    def _current_model(self) -> tuple[int, str, Model]:
        """The model of the text as it is now, parsed (incrementally) at most once."""
        revision = self.editor.document().revision()
        if self._model is None or self._model[0] != revision:
            self.last_parse_started = time.perf_counter()  # for the felt-speed benchmark
            text = self.editor.text()
            self._model = (revision, text, self._parser.parse(text))
        return self._model

    def follow_typing(self) -> ParseResult | None:
        """Show what was typed now if it parses (the diagnostics follow at the pause);
        half-typed text that does not parse keeps the last good picture until then."""
        self._typed.stop()
        if self.result is None:
            return self.reparse_now()
        if self.up_to_date:
            return self.result
        revision, text, model = self._current_model()
        if has_syntax_errors(model):
            return None
        self._announce(revision, text, model, settled=False)
        return self.result

    def reparse_now(self) -> ParseResult:
        """Parse, arrange and announce everything now, diagnostics and stale mark included
        (the pause after typing calls this; so do commands that need the model)."""
        self._typed.stop()
        self._timer.stop()
        revision = self.editor.document().revision()
        if self.result is not None and revision == self._parsed_revision and \
                self.result.settled:
            return self.result
        revision, text, model = self._current_model()
        return self._announce(revision, text, model, settled=True)

    def _announce(self, revision: int, text: str, model: Model, settled: bool) -> ParseResult:
        previous = self.result
        stale = has_syntax_errors(model)
        if stale and previous is not None:
            shown, boxes = previous.shown, previous.boxes
        elif previous is not None and (previous.model is model
                                       or same_structure(previous.shown, model)):
            shown, boxes = model, previous.boxes  # a label or property typed: nothing moves
        else:
            shown = model
            boxes = rearranged(model, previous.shown, previous.boxes, self._placed) \
                if previous is not None and previous.boxes is self._kept_boxes else None
            if boxes is None:
                laid_out = ahead.take(text, (  # (a big file opened)
                    lambda: self.parsed_before_layout.emit(model),
                    lambda: self._check_rules_early(model, text))) if not self._placed else None
                boxes = arrange(model, self._placed) if laid_out is None else laid_out
                self._remember_placement(model, boxes)
            else:  # only layout entries changed (a drag): only their boxes were made;
                # a system keeps its automatic box as its least (undo gives it back)
                self._remember_placement(model, {q: b for q, b in boxes.items()
                                                 if previous.boxes.get(q) is not b
                                                 and not model.elements[q].is_group})
            # arrange(model, placed) gives these boxes again, a whole new layout included
            self._kept_boxes = boxes
        if settled or previous is None:
            checked_text, rules = self._rules
            rules = [] if stale else shift_diagnostics(rules, checked_text, text)
            self._rules = (text, rules)
            diagnostics = sorted(model.diagnostics + rules, key=sort_key)
        else:  # not shown while typing: worked out once, at the pause
            diagnostics = previous.diagnostics
        self.result = ParseResult(model, shown, boxes, diagnostics, stale, settled,
                                  checked=self._rules_ran or stale)
        self._parsed_revision = revision
        self.parsed.emit(self.result)
        if settled:
            if self._rules_checked != text:
                self._rules_timer.start()
            self._tidy.start()
        self._rules_checked = None  # (once: later texts are checked after their pause)
        return self.result

    def _check_rules_early(self, model: Model, text: str) -> None:
        """While the window waits for the layout made on the other core: the rules, so
        they neither wait for the first paint nor delay it (their timer may be due
        before the window paints)."""
        if not has_syntax_errors(model):
            self._record_rules(model, text,
                               pinned(rule_diagnostics(model, self.rule_overrides), text))
            self._rules_checked = text

    def _record_rules(self, model: Model, text: str, rules: list[Diagnostic]) -> None:
        """What the rules found on ``text``: shown from now on and moved along later."""
        self._checked = (model, text, rules)
        self._rules = (text, rules)
        self._rules_ran = True

    def _remember_placement(self, model: Model, boxes: dict[str, Box]) -> None:
        """Keep where automatic placement put each element. An element pinned by the
        layout section keeps its earlier automatic box here, so when its entry goes
        (undo of a first drag, say) it returns to where it was, not where it was dragged."""
        for qname, box in boxes.items():
            if qname not in model.layout:
                self._placed[qname] = box

    def set_rule_overrides(self, overrides: dict[str, str]) -> None:
        """New rule severities from the settings: check again at once."""
        self.rule_overrides = dict(overrides)
        if self.result is not None:
            self._rules = ("", [])
            self._checked = None
            self.check_rules_now()

    def check_rules_now(self) -> ParseResult:
        """Run the architecture rules on the current model (kept off the keystroke path:
        meanwhile the previous rule problems are shown, moved along with the text)."""
        self._rules_timer.stop()
        result = self.reparse_now()
        self._rules_timer.stop()
        text = self.editor.text()
        rules = self._rules_moved_along(result.model, text)
        if rules is None:
            rules = pinned(rule_diagnostics(result.model, self.rule_overrides), text)
        self._record_rules(result.model, text, rules)
        diagnostics = sorted(result.model.diagnostics + rules, key=sort_key)
        if diagnostics != result.diagnostics or not result.checked:
            self.result = replace(result, diagnostics=diagnostics, checked=True)
            self.diagnostics_changed.emit(self.result)
        return self.result

    def _rules_moved_along(self, model: Model, text: str) -> list[Diagnostic] | None:
        """What the rules found last, moved along with the text, when ``model`` differs
        from the model they ran on only in its layout section (a drag, a resize: the rules
        never read it) and no line number in their messages can have changed; else None."""
        if self._checked is None:
            return None
        checked, checked_text, rules = self._checked
        if has_syntax_errors(model) or not only_layout_differs(checked, model):
            return None
        prefix, suffix = common_ends(checked_text, text)
        if checked_text.count("\n", prefix, len(checked_text) - suffix) \
                != text.count("\n", prefix, len(text) - suffix):
            lines_before_edit = checked_text.count("\n", 0, prefix)  # keep their numbers
            if any(int(n) > lines_before_edit
                   for r in rules for n in _NAMED_LINE.findall(r.message)):
                return None  # lines added or taken above a line a message names
        moved = shift_diagnostics(rules, checked_text, text)
        return moved if len(moved) == len(rules) else None


def only_layout_differs(before: Model, after: Model) -> bool:
    """Whether everything the architecture rules read (elements, relations, the
    model's properties and directives) is the very same in both models: the incremental
    parser hands on the objects of statements an edit did not touch."""
    if len(before.elements) != len(after.elements) \
            or len(before.relations) != len(after.relations):
        return False
    if any(a is not b for a, b in zip(before.relations, after.relations, strict=True)):
        return False
    if any(a is not b for a, b in zip(before.elements.values(), after.elements.values(),
                                      strict=True)):
        return False
    return before.name == after.name and [(p.key, p.values) for p in before.properties] \
        == [(p.key, p.values) for p in after.properties]
