"""Every parse and check is linear (or near) on any input: the CLI's validate path, the
app's whole-text parse and its re-parse after one keystroke."""

from __future__ import annotations

import pytest
from growth import assert_linear
from shapes import SHAPES

from archstudio.dsl import parse
from archstudio.dsl.incremental import IncrementalParser
from archstudio.rules import check as rules_check

SIZE = 6_000  # characters; the large run is SCALE times this


def validate(text: str) -> None:
    """What `archstudio validate` does with a text."""
    rules_check(parse(text))


def keystroke(text: str):
    """The app's re-parse after one character typed in (or deleted from) the middle of
    the text; each call of the returned action is one keystroke."""
    parser = IncrementalParser()
    parser.parse(text)
    middle = len(text) // 2
    texts = [text[:middle] + "x" + text[middle:], text]
    turn = [0]

    def type_or_delete() -> None:
        parser.parse(texts[turn[0] % 2])
        turn[0] += 1
    return type_or_delete


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_validate_is_linear(shape):
    assert_linear(validate, SHAPES[shape], SIZE, f"validate on {shape}")


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_keystroke_reparse_is_linear(shape):
    """Against a whole parse of a valid file (a keystroke in a valid file re-parses only
    its statement, which would make any linear cost look like growth)."""
    assert_linear(None, SHAPES[shape], SIZE, f"a keystroke in {shape}", prepare=keystroke,
                  baseline=lambda text: lambda: parse(text))
