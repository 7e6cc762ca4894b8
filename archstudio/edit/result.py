"""What every edit operation returns, and the one error it raises."""

from __future__ import annotations

from dataclasses import dataclass, field

from archstudio.dsl.textedit import TextEdit, apply_edits, inverse_edits


class EditError(ValueError):
    """An operation that cannot be done on this text; no edit was made.

    The message is meant for a person (a status bar, stderr), so it names the element or
    the problem and, where there is one, the line.
    """


@dataclass(frozen=True, slots=True)
class EditResult:
    """The edits of one operation, the edits that undo them, and the text after them.

    ``edits`` are in offsets of the text the operation was given; ``undo`` in offsets of
    ``text``. ``subject`` names what the operation created or changed (a qualified name,
    or a relation's index), so a caller that asked for a unique id learns which it got.
    """

    edits: list[TextEdit]
    undo: list[TextEdit]
    text: str
    subject: str | int | None = field(default=None)

    @property
    def changed(self) -> bool:
        return bool(self.edits)


def finish(text: str, edits: list[TextEdit], subject: str | int | None = None) -> EditResult:
    """Apply ``edits`` to ``text`` and pair them with their exact inverse."""
    ordered = sorted((e for e in edits if e.replacement != text[e.start : e.end]),
                     key=lambda e: (e.start, e.end))
    merged: list[TextEdit] = []
    for edit in ordered:  # two removals may both take the blank line between them
        last = merged[-1] if merged else None
        if last and edit.start < last.end and not edit.replacement and not last.replacement:
            merged[-1] = TextEdit(last.start, max(last.end, edit.end), "")
        else:
            merged.append(edit)
    return EditResult(merged, inverse_edits(text, merged), apply_edits(text, merged), subject)
