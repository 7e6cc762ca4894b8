"""What part an element plays at run time, so rules judge it by its job, not its box.

A service's kind says little: a web MVC app, a single-page app, an identity server and an
order service are all containers. Users reach front ends and identity providers directly
by design, while a gateway stands in front of the services behind it. The role comes from
a ``role`` property when the file declares one, else it is inferred from the kind, the
id, the label and the technology (docs/rules.md lists the words).
"""

from __future__ import annotations

import re
from functools import lru_cache

from archstudio.model import Element
from archstudio.model.kinds import (
    FRONTEND,
    GATEWAY,
    IDENTITY,
    ROLE_VALUES,
    ROLES,
    SERVICE,
    WORKER,
)

__all__ = ["FRONTEND", "GATEWAY", "IDENTITY", "ROLES", "ROLE_WORDS", "SERVICE", "WORKER",
           "role_of"]

# What each value of a `role` property means (the language warns about others, W306).
ROLE_WORDS = ROLE_VALUES

# Inference, first match wins: words in the id or label (split at - _ . space and
# camelCase), then in the technology.
_NAME_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    (IDENTITY, frozenset({"identity", "idp", "keycloak", "uaa", "sso", "oauth", "oauth2",
                          "authserver", "authorization"})),
    (GATEWAY, frozenset({"gateway", "apigw", "gw", "zuul", "ocelot", "kong", "envoy"})),
    (FRONTEND, frozenset({"web", "webapp", "webmvc", "webspa", "spa", "ui", "frontend",
                          "bff", "portal", "website", "mobile"})),
    (WORKER, frozenset({"worker", "workers", "job", "jobs", "scheduler", "cron",
                        "background", "backgroundtasks", "dispatch"})),
)
_TECHNOLOGY: tuple[tuple[str, re.Pattern[str]], ...] = (
    (IDENTITY, re.compile(r"identity ?server|keycloak|auth0|okta|cognito|\buaa\b|"
                          r"authori[sz]ation server|oauth2? server", re.I)),
    (GATEWAY, re.compile(r"zuul|ocelot|kong|envoy|api ?gateway|spring cloud gateway|traefik",
                         re.I)),
    (FRONTEND, re.compile(r"react|angular|vue|svelte|next\.js|blazor|asp\.net (core )?mvc|"
                          r"razor|thymeleaf|\bspa\b|single[- ]page|frontend|front-end", re.I)),
    (WORKER, re.compile(r"celery|sidekiq|hangfire|background (worker|service)", re.I)),
)
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
# ``auth-service`` in Piggy Metrics, ``AuthServer``: an authorization server
_AUTH_SERVER = re.compile(r"auth[-_ ]?(server|service)$", re.I)
# ids that run words together: ``webshoppingapigw``
_GATEWAY_ID = re.compile(r"gateway|apigw|api[-_]gw", re.I)


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    """``webshoppingapigw`` stays one word; ``WebMVC`` → {web, mvc, webmvc}."""
    parts = [w.lower() for chunk in re.split(r"[-_. /]+", text) for w in _WORD.findall(chunk)]
    joined = {"".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 2,
                                                                           len(parts) + 1)}
    return frozenset(parts) | joined


def role_of(element: Element) -> str:
    """The declared or inferred role of a runtime element (SERVICE when nothing says
    otherwise; persons, datastores and brokers have none that matters: SERVICE)."""
    declared = element.get("role")
    if declared:
        return ROLE_WORDS.get(declared.strip().lower(), SERVICE)
    if element.kind == "gateway":
        return GATEWAY
    if element.kind != "container":
        return SERVICE
    if _AUTH_SERVER.search(element.id):
        return IDENTITY
    if _GATEWAY_ID.search(element.id):
        return GATEWAY
    words = _words(element.id) | _words(element.label or "")
    for role, vocabulary in _NAME_WORDS:
        if words & vocabulary:
            return role
    technology = element.technology or ""
    for role, pattern in _TECHNOLOGY:
        if pattern.search(technology):
            return role
    return SERVICE
