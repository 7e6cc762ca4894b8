"""Import a Structurizr DSL workspace's model: people, software systems, containers,
components, groups and relationships (description, technology, tags).

The DSL is line-based: :func:`_statements` turns the text into a tree of statements
(tokens of one line, and the block it opens), and :class:`StructurizrImporter` walks the
``model``. Views, styles, deployment and documentation are left out with one note each.
``workspace extends FILE`` reads the base workspace first; ``!ref`` is read as
``!element`` (the older dialect). Identifiers are case-insensitive, as in Structurizr.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from archstudio.interop.graph import Edge, ImportedGraph, ImportFailed, ImportWarning
from archstudio.interop.kind_hints import kind_from_label, kind_from_word
from archstudio.model.kinds import RELATION_KINDS

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|->|[{}=]|[^\s"{}=]+')
ELEMENT_KEYWORDS = {"person", "softwaresystem", "container", "component", "element"}
GROUP_KEYWORDS = {"group", "enterprise"}
LEFT_OUT = {"views": "views", "styles": "styles", "themes": "themes", "theme": "themes",
            "branding": "branding", "configuration": "configuration",
            "terminology": "terminology", "!docs": "documentation", "!adrs": "decision records",
            "deploymentenvironment": "deployment environments",
            "perspectives": "perspectives", "!impliedrelationships": "implied relationships",
            "!plugin": "plugins", "!script": "scripts", "healthcheck": "health checks"}


@dataclass(slots=True)
class Statement:
    line: int
    tokens: list[str]
    block: list[Statement] | None = None


@dataclass(slots=True)
class Archetype:
    kind: str  # person, softwaresystem, container, component, group
    technology: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)


def _unquote(token: str) -> str:
    if token.startswith('"'):
        return re.sub(r'\\(.)', r"\1", token[1:-1] if token.endswith('"') else token[1:])
    return token


def _statements(text: str, graph: ImportedGraph) -> list[Statement]:
    root: list[Statement] = []
    stack: list[list[Statement]] = [root]
    in_comment = False
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pending = ""
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if in_comment:
            if "*/" in line:
                in_comment = False
                line = line[line.index("*/") + 2:].strip()
            else:
                continue
        if line.startswith("/*"):
            if "*/" not in line:
                in_comment = True
            continue
        if not line or line.startswith(("#", "//")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line, pending = pending + line, ""
        if '"""' in line:
            graph.warn(number, "text blocks (\"\"\") are not supported; line skipped")
            continue
        tokens = _TOKEN.findall(line)
        if tokens == ["}"]:
            if len(stack) > 1:
                stack.pop()
            else:
                graph.warn(number, "a '}' closes nothing; ignored")
            continue
        opens = tokens[-1] == "{"
        statement = Statement(number, tokens[:-1] if opens else tokens)
        stack[-1].append(statement)
        if opens:
            statement.block = []
            stack.append(statement.block)
    if len(stack) > 1:
        raise ImportFailed("a '{' is never closed", len(lines))
    return root


class StructurizrImporter:
    def __init__(self, graph: ImportedGraph, base: Path | None) -> None:
        self.graph = graph
        self.base = base
        self.identifiers: dict[str, str] = {}  # lower-case identifier -> node key
        self.archetypes: dict[str, Archetype] = {}
        self.hierarchical = False
        self.parents: set[str] = set()  # keys of elements that hold others

    # -- workspace -------------------------------------------------------------------
    def workspace(self, statements: list[Statement], depth: int = 0) -> None:
        found = False
        for statement in statements:
            words = statement.tokens
            if words and words[0].lower() == "workspace":
                found = True
                args = [_unquote(t) for t in words[1:]]
                if args[:1] == ["extends"] and len(args) > 1:
                    self.extend(args[1], statement.line, depth)
                    args = args[2:]
                if args:
                    self.graph.name = args[0]
                if len(args) > 1:
                    self.graph.description = args[1]
                self.workspace_body(statement.block or [])
            elif words and words[0].lower() == "model":  # a model file on its own
                found = True
                self.model(statement.block or [], None, None, "")
            else:
                self.graph.warn(statement.line, f"'{' '.join(words)[:40]}' outside the "
                                "workspace; ignored")
        if not found:
            raise ImportFailed("this is not a Structurizr DSL workspace: no 'workspace' block")

    def extend(self, target: str, line: int, depth: int) -> None:
        path = (self.base / target) if self.base else None
        if path is None or not path.is_file() or depth > 4:
            self.graph.warn(line, f"the base workspace '{target}' was not found; only this "
                            "file's own model is imported")
            return
        first = len(self.graph.warnings)
        self.workspace(_statements(path.read_bytes().decode("utf-8-sig"), self.graph),
                       depth + 1)
        for index in range(first, len(self.graph.warnings)):  # say which file they are in
            warning = self.graph.warnings[index]
            self.graph.warnings[index] = ImportWarning(
                line, f"{target}:{warning.line}: {warning.message}")

    def workspace_body(self, statements: list[Statement]) -> None:
        for statement in statements:
            word = statement.tokens[0].lower() if statement.tokens else ""
            args = [_unquote(t) for t in statement.tokens[1:]]
            if word == "model":
                self.model(statement.block or [], None, None, "")
            elif word == "name" and args:
                self.graph.name = args[0]
            elif word == "description" and args:
                self.graph.description = args[0]
            elif word == "!identifiers":
                self.hierarchical = bool(args) and args[0].lower() == "hierarchical"
            else:
                self.left_out(statement)

    def left_out(self, statement: Statement) -> None:
        word = statement.tokens[0].lower() if statement.tokens else ""
        topic = LEFT_OUT.get(word)
        if topic:
            self.graph.note_once(topic, statement.line, f"{topic} are not part of the "
                                 "architecture model; left out")
        else:
            self.graph.warn(statement.line, f"'{' '.join(statement.tokens)[:50]}' is not "
                            "understood; skipped")

    # -- model -----------------------------------------------------------------------
    def model(self, statements: list[Statement], parent: str | None, this: str | None,
              prefix: str) -> None:
        for statement in statements:
            self.model_statement(statement, parent, this, prefix)

    def model_statement(self, statement: Statement, parent: str | None, this: str | None,
                        prefix: str) -> None:
        tokens = statement.tokens
        identifier = None
        if len(tokens) > 2 and tokens[1] == "=":
            identifier, tokens = tokens[0], tokens[2:]
        if not tokens:
            return
        word = tokens[0].lower()
        if "->" in tokens[:3]:
            self.relationship(tokens, statement, this, prefix)
        elif word in ("!ref", "!element", "!extend"):
            key = self.resolve(_unquote(tokens[1]), prefix) if len(tokens) > 1 else None
            if key is None:
                self.graph.warn(statement.line, f"'{' '.join(tokens)}' names no element; "
                                "skipped")
                return
            node = self.graph.nodes[key]
            self.element_body(statement.block or [], key, prefix, node.kind == "system")
        elif word == "!identifiers":
            self.hierarchical = len(tokens) > 1 and tokens[1].lower() == "hierarchical"
        elif word == "properties" and this is None:
            return  # model-wide settings such as structurizr.groupSeparator
        elif word == "archetypes":
            self.read_archetypes(statement.block or [])
        elif word in ELEMENT_KEYWORDS or word in GROUP_KEYWORDS or word in self.archetypes:
            self.element(word, identifier, tokens[1:], statement, parent, prefix)
        elif word in ("description", "technology", "tags", "tag", "url", "properties") \
                and this is not None:
            self.element_property(word, tokens[1:], statement, this)
        else:
            self.left_out(statement)

    def read_archetypes(self, statements: list[Statement]) -> None:
        for statement in statements:
            tokens = statement.tokens
            if len(tokens) < 3 or tokens[1] != "=":
                self.graph.warn(statement.line, "an archetype is written 'name = kind'; "
                                "skipped")
                continue
            base = tokens[2].lower()
            known = self.archetypes.get(base)
            archetype = Archetype(known.kind if known else base,
                                  known.technology if known else None,
                                  known.description if known else None,
                                  list(known.tags) if known else [])
            for inner in statement.block or []:
                key = inner.tokens[0].lower() if inner.tokens else ""
                values = [_unquote(t) for t in inner.tokens[1:]]
                if key == "technology" and values:
                    archetype.technology = values[0]
                elif key == "description" and values:
                    archetype.description = values[0]
                elif key in ("tag", "tags"):
                    archetype.tags += [t.strip() for v in values for t in v.split(",")]
            self.archetypes[tokens[0].lower()] = archetype

    def element(self, word: str, identifier: str | None, tokens: list[str],
                statement: Statement, parent: str | None, prefix: str) -> None:
        archetype = self.archetypes.get(word) or Archetype(word)
        word = archetype.kind
        args = [_unquote(t) for t in tokens]
        name = args[0] if args else word
        key = self.new_key(identifier or name)
        node = self.graph.node(key, statement.line, parent)
        if parent is not None:
            self.parents.add(parent)
        node.label = name if name != key else None
        node.description, node.technology = archetype.description, archetype.technology
        tags = list(archetype.tags)
        if word in GROUP_KEYWORDS:
            node.kind = "group"
        else:
            has_technology = word in ("container", "component")
            rest = args[1:]
            if word == "element" and rest:  # element name [metadata] [description] [tags]
                node.technology, rest = rest[0] or node.technology, rest[1:]
            if rest:
                node.description = rest[0] or node.description
            if has_technology and len(rest) > 1:
                node.technology = rest[1] or node.technology
            tag_index = 2 if has_technology else 1
            if len(rest) > tag_index:
                tags += [t.strip() for t in rest[tag_index].split(",") if t.strip()]
            node.kind = {"person": "person", "softwaresystem": "system"}.get(word, "container")
        node.tags = tags
        if identifier:
            full = f"{prefix}.{identifier}" if prefix and self.hierarchical else identifier
            self.identifiers[full.lower()] = key
            self.identifiers.setdefault(identifier.lower(), key)
        inner_prefix = prefix
        if identifier and self.hierarchical and word not in GROUP_KEYWORDS:
            inner_prefix = f"{prefix}.{identifier}" if prefix else identifier
        if statement.block:
            self.element_body(statement.block, key, inner_prefix, True)
        self.settle_kind(node, word)

    def settle_kind(self, node, word: str) -> None:
        if node.kind == "person":
            return
        tagged = next((kind_from_word(t) for t in node.tags if kind_from_word(t)), None)
        if node.key in self.parents:
            return
        if tagged:
            node.kind = tagged
            node.tags = [t for t in node.tags if kind_from_word(t) is None]
        elif word in ("container", "component", "element"):
            node.kind = kind_from_label(node.label or node.key) or "container"
            if node.kind == "person":
                node.kind = "container"

    def element_body(self, statements: list[Statement], key: str, prefix: str,
                     holds: bool) -> None:
        self.model(statements, key, key, prefix)

    def element_property(self, word: str, tokens: list[str], statement: Statement,
                         this: str) -> None:
        node = self.graph.nodes[this]
        values = [_unquote(t) for t in tokens]
        if word == "description" and values:
            node.description = values[0]
        elif word == "technology" and values:
            node.technology = values[0]
        elif word in ("tags", "tag"):
            node.tags += [t.strip() for v in values for t in v.split(",") if t.strip()]
        elif word == "url" and values:
            node.properties.append(("url", values[0]))
        elif word == "properties":
            for inner in statement.block or []:
                pair = [_unquote(t) for t in inner.tokens]
                if len(pair) < 2:
                    continue
                if pair[0] in ("technology", "description"):
                    setattr(node, pair[0], pair[1])
                elif pair[0] == "tags":
                    node.tags += [t.strip() for t in pair[1].split(",") if t.strip()]
                elif not pair[0].startswith("structurizr."):
                    node.properties.append((pair[0], pair[1]))

    def new_key(self, wanted: str) -> str:
        key, number = wanted, 2
        while key in self.graph.nodes:
            key, number = f"{wanted} ({number})", number + 1
        return key

    def resolve(self, ref: str, prefix: str) -> str | None:
        lowered = ref.lower()
        scope = prefix.lower()
        while scope:
            found = self.identifiers.get(f"{scope}.{lowered}")
            if found:
                return found
            scope = scope.rpartition(".")[0]
        return self.identifiers.get(lowered)

    def relationship(self, tokens: list[str], statement: Statement, this: str | None,
                     prefix: str) -> None:
        arrow = tokens.index("->")
        source_ref = tokens[0] if arrow == 1 else "this"
        if arrow > 1:
            self.graph.warn(statement.line, "could not read this relationship; skipped")
            return
        args = [_unquote(t) for t in tokens[arrow + 1:]]
        if not args:
            self.graph.warn(statement.line, "a relationship needs a destination; skipped")
            return
        ends = []
        for ref in (source_ref, args[0]):
            key = this if ref.lower() == "this" else self.resolve(ref, prefix)
            if key is None:
                self.graph.warn(statement.line, f"'{ref}' names no element defined before "
                                "this line; relationship skipped")
                return
            ends.append(key)
        tags = [t.strip() for t in args[3].split(",")] if len(args) > 3 else []
        kind = next((t for t in tags if t in RELATION_KINDS), None)
        self.graph.add_edge(Edge(ends[0], ends[1], label=args[1] if len(args) > 1 else None,
                                 technology=(args[2] or None) if len(args) > 2 else None,
                                 kind=kind, line=statement.line))
        if statement.block:
            for inner in statement.block:
                word = inner.tokens[0].lower() if inner.tokens else ""
                values = [_unquote(t) for t in inner.tokens[1:]]
                edge = self.graph.edges[-1]
                if word == "technology" and values:
                    edge.technology = values[0]
                elif word == "description" and values:
                    edge.label = values[0]
                elif word in ("tags", "tag"):
                    found = [v for v in values if v in RELATION_KINDS]
                    edge.kind = found[0] if found else edge.kind
                else:
                    self.left_out(inner)


def import_structurizr(data: bytes, base: Path | None = None) -> ImportedGraph:
    graph = ImportedGraph()
    importer = StructurizrImporter(graph, base)
    importer.workspace(_statements(data.decode("utf-8-sig"), graph))
    return graph
