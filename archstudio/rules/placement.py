"""Where a quick fix puts new text, so that it reads as if the author had typed it: a new
statement takes its siblings' indentation, a removed one takes its line with it, and
nothing else in the text changes."""

from __future__ import annotations

from archstudio.dsl import TextEdit
from archstudio.model import Element, Model, Span

DEFAULT_INDENT = "  "


def quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end == -1 else end


def indent_at(text: str, offset: int) -> str:
    """The leading whitespace of the line that holds ``offset``."""
    start = line_start(text, offset)
    line = text[start:line_end(text, start)]
    return line[: len(line) - len(line.lstrip(" \t"))]


def insert_after(text: str, span: Span, statement: str) -> TextEdit:
    """A new statement on its own line after the line where ``span`` ends (after any
    trailing comment of that line), indented like the statement at ``span``."""
    at = line_end(text, span.end)
    return TextEdit(at, at, "\n" + indent_at(text, span.start) + statement)


def remove_statement(text: str, span: Span) -> TextEdit:
    """Delete a statement; when it has its line to itself, delete the line too."""
    start = line_start(text, span.start)
    end = line_end(text, span.end)
    rest = text[span.end:end].strip()
    if text[start:span.start].strip() or (rest and not rest.startswith("//")):
        return TextEdit(span.start, span.end, "")
    if end < len(text):
        return TextEdit(start, end + 1, "")
    return TextEdit(max(0, start - 1), end, "")


def insert_into(text: str, model: Model, parent: str | None, statement: str) -> TextEdit:
    """Declare a new element inside ``parent`` (None: the architecture itself), after the
    last element already there, or first in the block when there is none."""
    siblings = model.children_of(parent) if parent is None or parent in model.elements else []
    if siblings:
        return insert_after(text, siblings[-1].span, statement)
    container = model.elements.get(parent) if parent is not None else None
    block = container.block if container is not None else model.block
    if block is None:
        if container is not None:  # `system S "label"` grows a block
            outer = indent_at(text, container.span.start)
            return TextEdit(container.span.end, container.span.end,
                            f" {{\n{outer}{DEFAULT_INDENT}{statement}\n{outer}}}")
        return TextEdit(0, 0, statement + "\n")  # no architecture block: top of the file
    owner_start = container.span.start if container is not None else _block_owner(model)
    outer = indent_at(text, owner_start)
    inner = _inner_indent(text, model, container, outer)
    open_end = block.open_span.end
    if block.close_span is not None and "\n" not in text[open_end:block.close_span.start]:
        inside = text[open_end:block.close_span.start]
        if inside.strip():  # `{ description "x" }` stays on one line
            at = open_end + len(inside.rstrip())
            return TextEdit(at, at, f"; {statement}")
        # `system S { }`: open the braces onto their own lines
        return TextEdit(open_end, block.close_span.start, f"\n{inner}{statement}\n{outer}")
    return TextEdit(open_end, open_end, f"\n{inner}{statement}")


def _block_owner(model: Model) -> int:
    return model.span.start if model.span is not None else 0


def _inner_indent(text: str, model: Model, container: Element | None, outer: str) -> str:
    """The indentation of something already inside the block, or one step more."""
    if container is not None:
        inside = [p.span for p in container.properties]
        inside += [r.span for r in model.relations if r.scope == container.qname]
    else:
        inside = [p.span for p in model.properties]
        inside += [r.span for r in model.relations if r.scope is None]
    if inside:
        return indent_at(text, min(inside, key=lambda s: s.start).start)
    return outer + DEFAULT_INDENT
