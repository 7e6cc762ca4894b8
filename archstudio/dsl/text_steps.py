"""How one text becomes another, one place at a time.

:func:`common_ends` finds the unchanged start and end of two texts. When a change was
made in places far apart (a drag that moves a statement into another block, rewrites the
relations naming it and writes the layout section), the stretch between the first and
the last place is most of the text; :func:`toward` gives instead the text with only the
first place changed, so a caller that follows edits (the incremental parser) takes them
one at a time and rebuilds only what each touches.
"""

from __future__ import annotations

ONE_EDIT = 2000  # characters changed (old and new) that are taken as one edit
PROBE = 64  # characters two texts must agree on after an edit for it to count as one
SKIPS = (0, 16, 64, 256)  # lengths of the new text an edit may put in place of the old


def toward(old: str, new: str, prefix: int, suffix: int) -> str:
    """``new``, or when the two texts differ in places far apart, ``old`` with only the
    first of them changed."""
    if len(old) + len(new) - 2 * (prefix + suffix) <= ONE_EDIT:
        return new
    return _first_edit(old, new, prefix) or new


def _first_edit(old: str, new: str, prefix: int) -> str | None:
    """``old`` with only its first change on the way to ``new`` made (the smallest
    deletion, insertion or replacement after which the two texts agree again for
    ``PROBE`` characters); None when none is found."""
    best: tuple[int, str] | None = None
    for skip in SKIPS:
        probe = new[prefix + skip:prefix + skip + PROBE]
        at = old.find(probe, prefix) if len(probe) == PROBE else -1
        if at != -1 and (at > prefix or skip):  # old[prefix:at] becomes new's next `skip`
            size = max(at - prefix, skip)
            if best is None or size < best[0]:
                best = (size, old[:prefix] + new[prefix:prefix + skip] + old[at:])
        probe = old[prefix + skip:prefix + skip + PROBE]
        at = new.find(probe, prefix) if len(probe) == PROBE else -1
        if at != -1 and (at > prefix or skip):  # old's next `skip` becomes new[prefix:at]
            size = max(at - prefix, skip)
            if best is None or size < best[0]:
                best = (size, old[:prefix] + new[prefix:at] + old[prefix + skip:])
    return None if best is None else best[1]


def common_ends(old: str, new: str) -> tuple[int, int]:
    """Lengths of the common prefix and suffix of two texts (not overlapping), by
    halving: slice comparisons run in C, so a 200 kB text costs microseconds."""
    low, high = 0, min(len(old), len(new))
    while low < high:
        middle = (low + high + 1) // 2
        if old[low:middle] == new[low:middle]:
            low = middle
        else:
            high = middle - 1
    prefix = low
    low, high = 0, min(len(old), len(new)) - prefix
    while low < high:
        middle = (low + high + 1) // 2
        if old[len(old) - middle : len(old) - low] == new[len(new) - middle : len(new) - low]:
            low = middle
        else:
            high = middle - 1
    return prefix, low
