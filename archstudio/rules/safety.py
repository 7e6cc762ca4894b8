"""A quick fix must never make things worse: applied, it may not bring a problem of the
same or a higher severity than the one it repairs. Fixes are checked by applying them
and comparing what the language and the rules say before and after; a fix that fails is
not offered (routing a call through a gateway must not close a call cycle)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from archstudio.dsl import apply_edits, parse
from archstudio.model import Diagnostic, Model

# Messages that name a line ("declared on line 4") would differ after any edit above them.
_LINE = re.compile(r"\bline \d+")


def problems(model: Model) -> Counter[tuple[int, str, str]]:
    """Every problem the language and the rules report, as (rank, code, message)."""
    from archstudio.rules import check  # the rule runner imports this module's users

    found: Iterable[Diagnostic] = [*model.diagnostics, *check(model)]
    return Counter((d.severity.rank, d.code, _LINE.sub("line N", d.message)) for d in found)


_BEFORE: list = [None, None]  # the last model asked about, and its problems


def new_problems(text: str, model: Model, edits) -> list[tuple[int, str, str]]:
    """Problems that applying ``edits`` to ``text`` brings, worst first. The problems of
    ``model`` are remembered: the fixes of one menu are all checked against one model."""
    if _BEFORE[0] is not model:
        _BEFORE[0], _BEFORE[1] = model, problems(model)
    before = _BEFORE[1]
    after = problems(parse(apply_edits(text, list(edits))))
    return sorted((after - before).elements())


def makes_nothing_worse(text: str, model: Model, diagnostic: Diagnostic, edits) -> bool:
    """No new problem as severe as ``diagnostic`` or more after the edits."""
    rank = diagnostic.severity.rank
    return all(new[0] > rank for new in new_problems(text, model, edits))
