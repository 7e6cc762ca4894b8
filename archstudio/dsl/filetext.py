"""A file's exact text and the document text read from it, and the way back.

The parser and the editor see one kind of line break, ``\\n``. A file may end its lines
with CRLF, a lone CR (old Mac files), or U+2029 (and U+FDD0/U+FDD1, which Qt's text
document also takes as paragraph breaks); all of them are line breaks to the CLI and to the
app alike, so both read the same bytes the same way. :class:`FileText` keeps the decoded
file as it was, so writing a changed document back (the app's Save, the CLI's edits and
``fmt``) keeps every character outside the changed stretches: the label's U+2029, the
comment's lone CR, each line's own ending and the BOM. New lines get the file's most common
line ending.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from dataclasses import dataclass

BOM = "\ufeff"
_BREAK = re.compile("\r\n|[\r\u2029\ufdd0\ufdd1]")
_DIFF_LINES_LIMIT = 20_000  # past this many changed lines the middle is one replacement


def document_text(raw: str) -> str:
    """The text the parser and the editor work on: every line break a ``\\n``."""
    return _BREAK.sub("\n", raw) if ("\r" in raw or "\u2029" in raw or "\ufdd0" in raw
                                     or "\ufdd1" in raw) else raw


@dataclass(frozen=True, slots=True)
class FileText:
    """The decoded file (without its BOM) and the document text read from it."""

    raw: str
    text: str
    bom: bool
    newline: str  # for lines the document adds
    crlf_at: tuple[int, ...]  # offsets in ``text`` of the "\n"s that stand for a CRLF

    @classmethod
    def from_raw(cls, raw: str, bom: bool = False) -> FileText:
        if raw.startswith(BOM):
            raw, bom = raw[1:], True
        crlf: list[int] = []
        counts = {"\n": raw.count("\n"), "\r\n": 0, "\r": 0}
        if "\r" in raw:
            shift = 0
            for match in re.finditer("\r\n?", raw):
                if match.end() - match.start() == 2:
                    crlf.append(match.start() - shift)
                    shift += 1
                    counts["\r\n"] += 1
                else:
                    counts["\r"] += 1
            counts["\n"] -= counts["\r\n"]
        newline = max(("\n", "\r\n", "\r"), key=lambda n: (counts[n], n == "\n"))
        return cls(raw, document_text(raw), bom, newline, tuple(crlf))

    @classmethod
    def new(cls, text: str = "", newline: str = "\n", bom: bool = False) -> FileText:
        """A document that has no file yet: it is written with ``newline``."""
        raw = text.replace("\n", newline) if newline != "\n" else text
        return cls.from_raw(raw, bom)

    def raw_offset(self, offset: int) -> int:
        """Where an offset of the document text falls in the raw text."""
        return offset + bisect_left(self.crlf_at, offset)

    def _raw_slice(self, start: int, end: int) -> str:
        return self.raw[self.raw_offset(start) : self.raw_offset(end)]

    def _new(self, text: str) -> str:
        return text.replace("\n", self.newline) if self.newline != "\n" else text

    def render(self, text: str) -> str:
        """The raw text of a changed document: unchanged stretches keep their raw form."""
        if text == self.text:
            return self.raw
        old = self.text
        old_starts = _line_starts(old)
        new_starts = _line_starts(text)
        old_lines = _lines(old, old_starts)
        new_lines = _lines(text, new_starts)
        head = 0
        limit = min(len(old_lines), len(new_lines))
        while head < limit and old_lines[head] == new_lines[head]:
            head += 1
        tail = 0
        while (tail < limit - head
               and old_lines[len(old_lines) - 1 - tail] == new_lines[len(new_lines) - 1 - tail]):
            tail += 1
        a_mid = old_lines[head : len(old_lines) - tail]
        b_mid = new_lines[head : len(new_lines) - tail]
        if len(a_mid) + len(b_mid) <= _DIFF_LINES_LIMIT:
            matcher = difflib.SequenceMatcher(None, a_mid, b_mid, autojunk=False)
            opcodes = matcher.get_opcodes()
        else:
            opcodes = [("replace", 0, len(a_mid), 0, len(b_mid))]
        out = [self._raw_slice(0, old_starts[head])]
        for tag, i1, i2, j1, j2 in opcodes:
            a_start, a_end = old_starts[head + i1], old_starts[head + i2]
            b_start, b_end = new_starts[head + j1], new_starts[head + j2]
            if tag == "equal":
                out.append(self._raw_slice(a_start, a_end))
            else:
                out.append(self._replace(a_start, a_end, text[b_start:b_end]))
        out.append(self._raw_slice(old_starts[len(old_lines) - tail], len(old)))
        return self._join(out)

    def _join(self, pieces: list[str]) -> str:
        """Join pieces so that a lone CR at the end of one and the LF starting the next
        stay two line breaks (written together they would read as one CRLF)."""
        out: list[str] = []
        ends_with_cr = False
        for piece in pieces:
            if not piece:
                continue
            if ends_with_cr and piece[0] == "\n":
                piece = "\r\n" + piece[1:]
            out.append(piece)
            ends_with_cr = piece[-1] == "\r"
        return "".join(out)

    def _replace(self, start: int, end: int, new: str) -> str:
        """A changed stretch: its common ends with the old stretch keep their raw form."""
        old = self.text[start:end]
        prefix = 0
        limit = min(len(old), len(new))
        while prefix < limit and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
            suffix += 1
        return self._join([self._raw_slice(start, start + prefix),
                           self._new(new[prefix : len(new) - suffix]),
                           self._raw_slice(end - suffix, end)])

    def encode(self, text: str) -> bytes:
        """The bytes to write for the document ``text``."""
        data = self.render(text).encode("utf-8")
        return BOM.encode("utf-8") + data if self.bom else data

    def after_write(self, text: str) -> FileText:
        """What the file holds once ``text`` was written through :meth:`encode`."""
        return FileText.from_raw(self.render(text), self.bom)


def _line_starts(text: str) -> list[int]:
    """Start offset of every line and, last, the text's length."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    if starts[-1] != len(text):
        starts.append(len(text))
    return starts


def _lines(text: str, starts: list[int]) -> list[str]:
    return [text[starts[i] : starts[i + 1]] for i in range(len(starts) - 1)]
