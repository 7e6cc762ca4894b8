"""Export a model as PlantUML with the C4 standard library (C4-PlantUML): systems that
hold elements become boundaries, kinds choose the macro (``Person``, ``ContainerDb``,
``ContainerQueue``, ``System_Ext`` ...), relations ``Rel`` with label and technology."""

from __future__ import annotations

from archstudio.interop.export_common import children, relations, target_ids
from archstudio.model.elements import Element, Model

# kind -> (macro at the top level, macro inside a boundary)
MACROS = {
    "person": ("Person", "Person"), "external": ("System_Ext", "Container_Ext"),
    "datastore": ("SystemDb", "ContainerDb"), "broker": ("SystemQueue", "ContainerQueue"),
}


def puml_string(value: str) -> str:
    """A PlantUML macro argument: double-quoted; quotes and backslashes as character
    references, line breaks as ``\\n`` (which PlantUML draws as a new line)."""
    out = value.replace("\\", "&#92;").replace('"', "&#34;")
    return '"' + out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + '"'


def export_plantuml(model: Model) -> str:
    ids = target_ids(model, r"[A-Za-z0-9_]",
                     fix=lambda s: (s if s[:1].isalpha() else "e_" + s).replace("-", "_"))
    lines = ["@startuml", "!include <C4/C4_Container>", "",
             f"title {(model.name or 'architecture').splitlines()[0] if model.name else ''}",
             'AddRelTag("async", $lineStyle = DashedLine())', ""]

    def element_lines(element: Element, indent: str, inside: bool) -> None:
        alias = ids[element.qname]
        kids = children(model, element.qname)
        if element.is_group and kids:
            macro = "Boundary" if inside else "System_Boundary"
            lines.append(f"{indent}{macro}({alias}, {puml_string(element.display_name)}) {{")
            for child in kids:
                element_lines(child, indent + "  ", True)
            lines.append(f"{indent}}}")
            return
        top, nested = MACROS.get(element.kind, ("System", "Container"))
        macro = nested if inside else top
        args = [alias, puml_string(element.display_name)]
        if macro.startswith("Container"):
            args.append(puml_string(element.technology or ""))
        args.append(puml_string(element.description or ""))
        if not macro.startswith("Container") and element.technology:
            args.append(f"$techn={puml_string(element.technology)}")
        lines.append(f"{indent}{macro}({', '.join(args)})")

    for element in children(model, None):
        element_lines(element, "", False)
    lines.append("")
    for relation in relations(model):
        args = [ids[relation.source], ids[relation.target],
                puml_string(relation.label or ""), puml_string(relation.technology or "")]
        if relation.kind == "async":
            args.append('$tags="async"')
        lines.append(f"Rel({', '.join(args)})")
    lines += ["", "SHOW_LEGEND()", "@enduml"]
    return "\n".join(lines) + "\n"
