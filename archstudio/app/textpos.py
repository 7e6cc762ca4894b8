"""Python string offsets versus Qt text positions.

The model's spans count code points; QTextDocument counts UTF-16 units, so every
character outside the Basic Multilingual Plane (an emoji in a label) shifts Qt positions
by one. Texts without such characters, the usual case, map one to one at no cost.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    __slots__ = ("_astral", "_qt_astral")

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)] if not text.isascii() else []
        self._qt_astral = [offset + index for index, offset in enumerate(self._astral)]

    def to_qt(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset) if self._astral else offset

    def to_py(self, position: int) -> int:
        return position - bisect_left(self._qt_astral, position) if self._astral else position


def utf16_length(text: str) -> int:
    return len(text) + len(_ASTRAL.findall(text)) if not text.isascii() else len(text)
