"""Relation and element properties that tune traffic (timeouts, retries, circuit
breaking, connection pools), read once with clear messages for the mesh generators."""

from __future__ import annotations

import re

from archstudio.generate.base import GenerateError
from archstudio.generate.topology import Call, Node

_DURATION = re.compile(r"^\d+(\.\d+)?(ms|s|m|h)$")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_YES = frozenset({"true", "yes", "on"})
_NO = frozenset({"false", "no", "off"})
DEFAULT_CONSECUTIVE_ERRORS = 5
DEFAULT_MAX_CONNECTIONS = 100
DEFAULT_MAX_PENDING = 100


def _where(call: Call) -> str:
    return f"line {call.relation.span.line}: {call.source_name} -> {call.target.element.id}"


def duration(call: Call, key: str) -> str | None:
    """``2s``, ``500ms``, ``1m``; a bare number means seconds."""
    value = call.relation.get(key)
    if value is None:
        return None
    value = value.strip()
    if _NUMBER.match(value):
        return f"{value}s"
    if not _DURATION.match(value):
        raise GenerateError(f"{_where(call)}: {key} '{value}' is not a duration "
                            "such as 2s or 500ms")
    return value


def retries(call: Call) -> int | None:
    value = call.relation.get("retries")
    if value is None:
        return None
    try:
        attempts = int(value)
    except ValueError:
        raise GenerateError(f"{_where(call)}: retries '{value}' is not a whole number") from None
    if attempts < 0:
        raise GenerateError(f"{_where(call)}: retries {attempts} is negative")
    return attempts


def circuit_breaker(call: Call) -> int | None:
    """Consecutive errors before a host is ejected, or None when no breaker is asked for:
    ``circuit-breaker true`` (5 errors) or ``circuit-breaker 3``."""
    value = call.relation.get("circuit-breaker")
    if value is None or value.lower() in _NO:
        return None
    if value.lower() in _YES:
        return DEFAULT_CONSECUTIVE_ERRORS
    try:
        errors = int(value)
    except ValueError:
        raise GenerateError(f"{_where(call)}: circuit-breaker '{value}' is neither true/false "
                            "nor a number of consecutive errors") from None
    if errors <= 0:
        raise GenerateError(f"{_where(call)}: circuit-breaker {errors} must be positive")
    return errors


def pool_limit(node: Node, key: str, default: int) -> int:
    value = node.element.get(key)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise GenerateError(f"line {node.element.span.line}: '{node.element.id}' has {key} "
                            f"'{value}', which is not a whole number") from None
    if number <= 0:
        raise GenerateError(f"line {node.element.span.line}: '{node.element.id}' has {key} "
                            f"{number}; it must be positive")
    return number
