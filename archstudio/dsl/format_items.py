"""Where each comment goes when a `.arch` text is re-printed.

One level of a text (the top, or the inside of one ``{ }`` block) becomes a list of
:class:`Item`: statements and comments on lines of their own, in source order, each
knowing whether a blank line came before it and which comments follow it on the same
line. A comment on the line of an opening brace stays on that line.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from archstudio.dsl.scanner import RawStatement


@dataclass(slots=True)
class Comment:
    start: int
    end: int
    text: str  # trailing spaces of each line removed

    @property
    def is_line(self) -> bool:
        return self.text.startswith("//")


@dataclass(slots=True)
class Item:
    """A statement or a comment that starts a line of the printed text."""

    statement: RawStatement | None
    comment: Comment | None = None
    blank_before: bool = False
    trailing: list[Comment] = field(default_factory=list)


def _clean(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.split("\n"))


def split_trailing(comments: list[Comment]) -> tuple[list[Comment], list[Item]]:
    """Comments that fit after a brace on one line, and the rest as lines of their own
    (nothing can follow a ``//`` comment on its line)."""
    for index, comment in enumerate(comments):
        if comment.is_line:
            rest = [Item(None, c) for c in comments[index + 1 :]]
            return comments[: index + 1], rest
    return comments, []


class Levels:
    """The comments of a text, and the items of any of its levels."""

    def __init__(self, text: str, comments: list[tuple[int, int]]) -> None:
        self.text = text
        self.comments = [Comment(s, e, _clean(text[s:e])) for s, e in comments]
        self.starts = [c.start for c in self.comments]

    def comments_in(self, lo: int, hi: int) -> list[Comment]:
        """Comments that start in ``[lo, hi)``."""
        return self.comments[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]

    def items(
        self, statements: list[RawStatement], lo: int, hi: int, opener: bool = True
    ) -> tuple[list[Comment], list[Item]]:
        """(comments on the opening brace's line, items) of the level ``[lo, hi)``.

        ``opener`` is false for the top level, which has no brace to follow."""
        text = self.text
        comments = iter(self.comments_in(lo, hi))
        entries: list[tuple[int, RawStatement | Comment]] = []
        pending = next(comments, None)
        for statement in statements:
            while pending is not None and pending.start < statement.start:
                entries.append((pending.start, pending))
                pending = next(comments, None)
            while pending is not None and pending.start < statement.end:
                pending = next(comments, None)  # the statement prints those itself
            entries.append((statement.start, statement))
        while pending is not None:
            entries.append((pending.start, pending))
            pending = next(comments, None)

        on_opener: list[Comment] = []
        items: list[Item] = []
        last_end = lo
        for start, entry in entries:
            gap = text[last_end:start]
            same_line = "\n" not in gap
            if isinstance(entry, Comment):
                if same_line and items:
                    items[-1].trailing.append(entry)
                elif same_line and opener:
                    on_opener.append(entry)
                else:
                    items.append(Item(None, entry, gap.count("\n") >= 2))
                last_end = entry.end
            else:
                items.append(Item(entry, None, gap.count("\n") >= 2))
                last_end = entry.end
        return on_opener, items
