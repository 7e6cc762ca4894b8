"""Choosing an element kind from what another tool's file says about a node.

A shape or a tag that names a kind decides; otherwise words in the label or the
source's ``type`` may (``User Database`` is a datastore, ``Message Broker`` a broker).
The tables are data so docs/interop.md can list them.
"""

from __future__ import annotations

import re

from archstudio.model.kinds import ELEMENT_KINDS, KIND_KEYWORDS

# Words in a label or type, checked in this order; the first that matches wins.
LABEL_WORDS: tuple[tuple[str, str], ...] = (
    ("datastore", r"database|datastore|data store|\bdb\b|storage|\bcache\b|redis|postgres"
                  r"|mysql|mongo|cassandra|bucket|\bs3\b"),
    ("broker", r"broker|queue|kafka|rabbitmq|\bbus\b|\btopic\b|pub/?sub"),
    ("gateway", r"gateway|load balancer|\bproxy\b|ingress"),
    ("external", r"external|third[- ]party"),
    ("container", r"service|server|\bapi\b|\bapp\b|backend|frontend"),
    ("person", r"\buser\b|customer|\bperson\b|\bactor\b|\bclient\b"),
)
_LABEL_PATTERNS = tuple((kind, re.compile(pattern, re.I)) for kind, pattern in LABEL_WORDS)

# Tags (Structurizr, C4) and type attributes that name a kind.
TAG_KINDS: dict[str, str] = {
    "database": "datastore", "datastore": "datastore", "db": "datastore",
    "queue": "broker", "message broker": "broker", "broker": "broker", "topic": "broker",
    "external": "external", "existing system": "external", "external system": "external",
    "gateway": "gateway", "person": "person", "goal": "goal", "capability": "capability",
    "policy": "policy", "operation": "operation", "schema": "schema",
    "container": "container",
}


def kind_from_word(word: str | None) -> str | None:
    """A kind named outright: a language kind or synonym, or a well-known tag."""
    if not word:
        return None
    lowered = word.strip().lower()
    if lowered in KIND_KEYWORDS and not ELEMENT_KINDS[KIND_KEYWORDS[lowered]].is_group:
        return KIND_KEYWORDS[lowered]
    return TAG_KINDS.get(lowered)


def kind_from_label(label: str | None) -> str | None:
    """A kind suggested by words in a label, or None."""
    if not label:
        return None
    for kind, pattern in _LABEL_PATTERNS:
        if pattern.search(label):
            return kind
    return None
