"""Export a model as a Structurizr DSL workspace.

Top-level systems become software systems (or groups, when they hold people or other
systems), elements inside them containers, systems nested in software systems groups.
A tag names each kind Structurizr has no keyword for (``Database``, ``Queue``,
``Gateway``, ``External``, ...), which the Structurizr importer reads back as the kind.
What a keyword cannot hold (a software system's technology, free keys) goes into its
``properties``. A system-landscape view with automatic layout makes it render as is.
"""

from __future__ import annotations

from archstudio.interop.export_common import children, extra_properties, relations, target_ids
from archstudio.model.elements import Element, Model

KIND_TAGS = {
    "datastore": "Database", "broker": "Queue", "gateway": "Gateway", "external": "External",
    "goal": "Goal", "capability": "Capability", "policy": "Policy", "operation": "Operation",
    "schema": "Schema", "person": "Person", "container": "Container",
}
STYLES = (("Person", "shape Person"), ("Database", "shape Cylinder"),
          ("Queue", "shape Pipe"), ("External", "background #999999"))


def dsl_string(value: str) -> str:
    """A Structurizr string: one line, ``"`` and ``\\`` escaped."""
    flat = " ".join(value.replace("\r", "\n").split("\n"))
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _strings(values: list[str]) -> str:
    while values and not values[-1]:
        values = values[:-1]
    return " ".join(dsl_string(v) for v in values)


class _Writer:
    def __init__(self, model: Model) -> None:
        self.model = model
        self.ids = target_ids(model, r"[A-Za-z0-9_]",
                              fix=lambda s: s.replace("-", "_").replace(".", "_"))
        self.lines: list[str] = []
        self.nested_groups = False

    def holds_people_or_systems(self, element: Element) -> bool:
        return any(c.kind == "person" or (c.is_group and self.holds_people_or_systems(c))
                   for c in children(self.model, element.qname))

    def element(self, element: Element, indent: str, context: str) -> None:
        """``context`` is ``model`` (the top, or a group of systems) or ``system``
        (inside a software system, where only containers and groups stand)."""
        ident = self.ids[element.qname]
        properties = extra_properties(element)
        if element.is_group:
            as_group = (element.kind != "system" or context == "system"
                        or self.holds_people_or_systems(element))
            self.nested_groups |= as_group and context == "system"
            if as_group:  # a Structurizr group holds elements only: no properties
                head = f"{ident} = group {dsl_string(element.display_name)}"
                properties = []
                inner = context
            else:
                head = f"{ident} = softwareSystem " + _strings(
                    [element.display_name, element.description or "", ",".join(element.tags)])
                inner = "system"
                if element.technology:
                    properties.insert(0, ("technology", element.technology))
            kids = children(self.model, element.qname)
            self.lines.append(f"{indent}{head} {{")
            self.properties(properties, indent + "  ")
            for child in kids:
                self.element(child, indent + "  ", inner)
            self.lines.append(f"{indent}}}")
            return
        tags = list(element.tags)
        if context == "model":
            keyword = "person" if element.kind == "person" else "softwareSystem"
        else:
            keyword = "container"
        if element.kind != {"person": "person", "softwareSystem": "system"}.get(
                keyword, "container"):
            tags.insert(0, KIND_TAGS[element.kind])
        values = [element.display_name, element.description or ""]
        if keyword == "container":
            values.append(element.technology or "")
        elif element.technology:
            properties.insert(0, ("technology", element.technology))
        values.append(",".join(tags))
        head = f"{indent}{ident} = {keyword} {_strings(values)}"
        if properties:
            self.lines.append(head + " {")
            self.properties(properties, indent + "  ")
            self.lines.append(f"{indent}}}")
        else:
            self.lines.append(head)

    def properties(self, pairs: list[tuple[str, str]], indent: str) -> None:
        if pairs:
            self.lines.append(f"{indent}properties {{")
            self.lines += [f"{indent}  {dsl_string(k)} {dsl_string(v)}" for k, v in pairs]
            self.lines.append(f"{indent}}}")

    def run(self) -> str:
        model = self.model
        description = next((p.value for p in model.properties if p.key == "description"), "")
        for element in children(model, None):
            self.element(element, "    ", "model")
        for relation in relations(model):
            text = _strings([relation.label or "", relation.technology or "",
                             relation.kind or ""])
            self.lines.append(f"    {self.ids[relation.source]} -> "
                              f"{self.ids[relation.target]}" + (f" {text}" if text else ""))
        head = [f"workspace {_strings([model.name or 'architecture', description])} {{", "",
                "  model {"]
        if self.nested_groups:
            head += ["    properties {", '      "structurizr.groupSeparator" "/"', "    }"]
        tail = ["  }", "", "  views {", '    systemLandscape "landscape" {', "      include *",
                "      autoLayout lr", "    }", "    styles {"]
        for tag, style in STYLES:
            tail += [f"      element {dsl_string(tag)} {{", f"        {style}", "      }"]
        tail += ["    }", "  }", "}"]
        return "\n".join(head + self.lines + tail) + "\n"


def export_structurizr(model: Model) -> str:
    return _Writer(model).run()
