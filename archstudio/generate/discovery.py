"""Finding generators through the ``archstudio.generators`` entry-point group.

The bundled generators are registered in pyproject.toml exactly as a third-party package
would register its own, so there is one path for both. A plugin that fails to load is
reported, never a crash of the command or the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points

from archstudio.generate.base import Generator

ENTRY_POINT_GROUP = "archstudio.generators"


@dataclass(frozen=True, slots=True)
class BrokenGenerator:
    """An entry point that did not load as a :class:`Generator`."""

    name: str
    source: str  # the entry point's value, ``module:attribute``
    reason: str


def _load(entry: EntryPoint) -> Generator | BrokenGenerator:
    try:
        loaded = entry.load()
    except Exception as exc:  # a plugin's import error must not take the host down
        return BrokenGenerator(entry.name, entry.value, f"{type(exc).__name__}: {exc}")
    if callable(loaded) and not isinstance(loaded, Generator):
        try:
            loaded = loaded()  # a factory
        except Exception as exc:
            return BrokenGenerator(entry.name, entry.value, f"{type(exc).__name__}: {exc}")
    if not isinstance(loaded, Generator):
        return BrokenGenerator(entry.name, entry.value,
                               f"not an archstudio.generate.Generator but {type(loaded).__name__}")
    return loaded


def discover() -> tuple[dict[str, Generator], list[BrokenGenerator]]:
    """Every installed generator by target name (sorted), and the ones that failed. When
    two distributions register the same name, the first in sorted entry-point order wins
    and the other is reported as broken."""
    found: dict[str, Generator] = {}
    broken: list[BrokenGenerator] = []
    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
        if entry.name in found:
            broken.append(BrokenGenerator(entry.name, entry.value,
                                          f"the name '{entry.name}' is already taken"))
            continue
        loaded = _load(entry)
        if isinstance(loaded, BrokenGenerator):
            broken.append(loaded)
        else:
            found[entry.name] = loaded
    return dict(sorted(found.items())), broken


def installed_generators() -> dict[str, Generator]:
    """The generators that loaded, by target name."""
    return discover()[0]


def find_generator(name: str) -> Generator | None:
    return installed_generators().get(name)
