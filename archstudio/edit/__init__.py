"""The edit engine: every structural change as a minimal, comment-preserving text edit.

Each operation takes the current text (and, to skip a parse, its model) and returns an
:class:`EditResult` with the edits, the edits that undo them exactly, and the new text;
or raises :class:`EditError` and changes nothing. No Qt here: the canvas and the command
line both sit on top. See docs/editing.md.
"""

from archstudio.edit.elements import create_element, delete_element, move_element, rename_element
from archstudio.edit.layout import set_positions, set_size
from archstudio.edit.locate import editable, find_element, find_relation
from archstudio.edit.properties import remove_label, remove_property, set_label, set_property
from archstudio.edit.relations import connect, delete_relation, reconnect, set_relation_kind
from archstudio.edit.result import EditError, EditResult

__all__ = [
    "EditError",
    "EditResult",
    "connect",
    "create_element",
    "delete_element",
    "delete_relation",
    "editable",
    "find_element",
    "find_relation",
    "move_element",
    "reconnect",
    "remove_label",
    "remove_property",
    "rename_element",
    "set_label",
    "set_positions",
    "set_property",
    "set_relation_kind",
    "set_size",
]
