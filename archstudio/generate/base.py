"""The generator interface: a name, a line of description and a pure function from a
model to files. A third-party generator is one such object behind an entry point."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from archstudio.model import Model


class GenerateError(Exception):
    """The model cannot be turned into this target; the message says why and where."""


@dataclass(slots=True)
class Output:
    """What a generator made: relative paths to text, and warnings about guesses."""

    files: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add(self, path: str, text: str) -> None:
        """A file at a relative, forward-slash path inside the output folder."""
        parts = path.split("/")
        if not path or path.startswith("/") or "\\" in path or ".." in parts or "" in parts:
            raise GenerateError(f"'{path}' is not a relative path inside the output folder")
        if path in self.files:
            raise GenerateError(f"two files named {path}")
        self.files[path] = text


@dataclass(frozen=True, slots=True)
class Generator:
    """``generate(model)`` must be deterministic: the same model gives the same bytes, so
    the generated files diff well in review."""

    name: str  # the TARGET of `archstudio generate TARGET`
    title: str  # shown in the app's Generate menu
    description: str  # one line, shown by `archstudio generate --list`
    generate: Callable[[Model], Output]
