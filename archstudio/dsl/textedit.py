"""Text edits: the only way anything changes a document.

The edit engine, quick fixes and the canvas all produce lists of :class:`TextEdit`;
applying them (and their inverse) is done here, once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace ``text[start:end]`` with ``replacement`` (offsets in the original text)."""

    start: int
    end: int
    replacement: str


def apply_edits(text: str, edits: list[TextEdit]) -> str:
    """Apply non-overlapping edits given in offsets of the same original text."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit: {edit}")
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def inverse_edits(text: str, edits: list[TextEdit]) -> list[TextEdit]:
    """The edits that turn ``apply_edits(text, edits)`` back into ``text``."""
    inverse: list[TextEdit] = []
    shift = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        new_start = edit.start + shift
        inverse.append(
            TextEdit(new_start, new_start + len(edit.replacement), text[edit.start : edit.end])
        )
        shift += len(edit.replacement) - (edit.end - edit.start)
    return inverse
