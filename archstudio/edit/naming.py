"""Ids that read well: derived from the name a person types, and ``ApiCopy`` for copies.

An element made on the canvas starts with a placeholder id (``Service``, ``Service2``)
until the person names it; from then on its id follows the name (``Payment Service`` →
``PaymentService``). An id the person chose is never changed behind their back: only a
placeholder id counts as generated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from archstudio.model import Element
from archstudio.model.kinds import ELEMENT_KINDS

_WORD = re.compile(r"[A-Za-z0-9]+")
_COPY = re.compile(r"Copy\d*$")


def placeholder_id(kind: str) -> str:
    """The id a new element of ``kind`` starts with (``ExternalSystem``, ``Service``)."""
    title = ELEMENT_KINDS[kind].title if kind in ELEMENT_KINDS else kind
    return "".join(word[:1].upper() + word[1:] for word in title.replace("-", " ").split())


def is_generated_id(element: Element) -> bool:
    """True when ``element`` still has the placeholder id of its kind (``Service``,
    ``Service2``, ...), i.e. nobody has named it yet."""
    base = placeholder_id(element.kind)
    return re.fullmatch(re.escape(base) + r"\d*", element.id) is not None


def id_from_label(label: str, kind: str) -> str:
    """``Payment Service`` → ``PaymentService``; ``compose-post service`` →
    ``ComposePostService``; a name with no letters or digits keeps the kind's id."""
    ascii_label = label.encode("ascii", "ignore").decode()
    words = _WORD.findall(ascii_label)
    if not words:
        return placeholder_id(kind)
    candidate = "".join(word[:1].upper() + word[1:] for word in words)
    if candidate[0].isdigit():
        candidate = placeholder_id(kind) + candidate
    return candidate


def copy_id(old: str, used: Iterable[str]) -> str:
    """The id of a copy of ``old``: ``ApiCopy``, then ``ApiCopy2``, ... (a copy of a
    copy counts on from the same root) that is not in ``used``."""
    taken = set(used)
    base = _COPY.sub("", old) + "Copy"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}{number}"
    return candidate
