"""Validating and writing the pieces of a new statement: ids, keys, values, blocks."""

from __future__ import annotations

from collections.abc import Sequence

from archstudio.edit.result import EditError
from archstudio.edit.text import is_name, quote

PropertyValues = str | Sequence[str]
Properties = Sequence[tuple[str, PropertyValues]]


def check_id(new_id: str) -> None:
    if not is_name(new_id):
        raise EditError(f"'{new_id}' is not a valid id: use letters, digits, '_' and inner "
                        "'-' (and start with a letter or '_')")


def check_key(key: str) -> None:
    if not is_name(key) or key in ("label", "kind"):
        raise EditError(f"'{key}' cannot be a property name")


def values_text(values: PropertyValues) -> str:
    """``"a", "b"``: every value quoted, so none can be read as an element head."""
    if isinstance(values, str):
        values = (values,)
    if not values:
        raise EditError("a property needs at least one value")
    return ", ".join(quote(v) for v in values)


def check_properties(properties: Properties) -> None:
    for key, values in properties:
        check_key(key)
        values_text(values)


def with_block(head: str, properties: Properties, indent: str, unit: str) -> str:
    """``head`` followed by a ``{ }`` block of properties, one per line (none: no block)."""
    if not properties:
        return head
    lines = [f"{indent}{unit}{key} {values_text(values)}" for key, values in properties]
    return head + " {\n" + "\n".join(lines) + f"\n{indent}}}"
