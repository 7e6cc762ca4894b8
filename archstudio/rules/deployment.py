"""Deployment: where a generator (Istio, Linkerd, Kubernetes, compose, OpenAPI servers)
would have to guess. They only speak once a model describes deployment at all (some
element names a ``port``, ``image`` or ``replicas``, or the architecture a ``namespace``),
so a pure design diagram is not told about ports it never meant to have.
"""

from __future__ import annotations

from collections.abc import Iterator

from archstudio.edit import set_property
from archstudio.model import Diagnostic, Model, Severity
from archstudio.model.technologies import COMMON_CHOICES, DEFAULT_SERVICE_PORT, technology_for
from archstudio.rules.fixes import QuickFix, register_fixer
from archstudio.rules.index import ModelIndex
from archstudio.rules.registry import Finding, rule

FAMILY = "deployment"
_WORKLOADS = ("container", "gateway")
_STORES = ("datastore", "broker")
_DEPLOYMENT_KEYS = ("port", "image", "replicas")


def describes_deployment(index: ModelIndex) -> bool:
    cached = index.memo.get(FAMILY)
    if cached is None:
        model = index.model
        cached = any(p.key == "namespace" for p in model.properties) or any(
            element.get(key) is not None
            for kind in _WORKLOADS + _STORES for element in index.by_kind.get(kind, ())
            for key in _DEPLOYMENT_KEYS)
        index.memo[FAMILY] = cached
    return bool(cached)


@rule("A401", "missing-port", Severity.WARNING,
      "a service or gateway with no port, in a model that describes deployment", FAMILY)
def missing_port(index: ModelIndex) -> Iterator[Finding]:
    if not describes_deployment(index):
        return
    for kind in _WORKLOADS:
        for element in index.by_kind.get(kind, ()):
            if element.get("port") is None and technology_for(element.technology) is None:
                yield (element.id_span,
                       f"'{element.id}' has no port; generators would assume "
                       f"{DEFAULT_SERVICE_PORT}", {"qname": element.qname})


@rule("A402", "unknown-store-technology", Severity.WARNING,
      "a datastore or broker whose technology no generator knows, with no image", FAMILY)
def unknown_store_technology(index: ModelIndex) -> Iterator[Finding]:
    if not describes_deployment(index):
        return
    for kind in _STORES:
        for element in index.by_kind.get(kind, ()):
            if element.get("image") or technology_for(element.technology):
                continue
            said = f"technology '{element.technology}'" if element.technology else \
                "no technology"
            yield (element.id_span,
                   f"'{element.id}' has {said} the generators know and no image; its "
                   "image, port and settings would be guesses",
                   {"qname": element.qname, "kind": kind})


def _set_port(text: str, model: Model, diagnostic: Diagnostic) -> list[QuickFix]:
    element = model.elements.get(diagnostic.data.get("qname", ""))
    if element is None:
        return []
    result = set_property(text, element.qname, "port", str(DEFAULT_SERVICE_PORT), model=model)
    return [QuickFix(f"Set port {DEFAULT_SERVICE_PORT}", result.edits)]


def _set_store_technology(text: str, model: Model, diagnostic: Diagnostic) -> list[QuickFix]:
    element = model.elements.get(diagnostic.data.get("qname", ""))
    if element is None:
        return []
    return [QuickFix(f"Set technology to '{choice}'",
                     set_property(text, element.qname, "technology", choice,
                                  model=model).edits)
            for choice in COMMON_CHOICES.get(element.kind, ())]


register_fixer("A401", _set_port)
register_fixer("A402", _set_store_technology)
