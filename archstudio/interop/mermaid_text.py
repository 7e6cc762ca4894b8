"""Reading a Mermaid source before its diagram: markdown fences, front matter, ``%%``
comments and ``%%{init}%%`` directives, and cleaning labels.

Everything removed is replaced by blank lines so line numbers stay those of the file.
"""

from __future__ import annotations

import html
import json
import re

from archstudio.interop.graph import ImportWarning

_FENCE = re.compile(r"^[ \t]*```+[ \t]*mermaid[\w-]*[ \t]*$", re.M)
_FENCE_END = re.compile(r"^[ \t]*```+[ \t]*$", re.M)
_BR = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ENTITY = re.compile(r"#(\d+|[A-Za-z]+);")
_ICON = re.compile(r"\bfa[bsrl]?:fa-[\w-]+")


def _blank(text: str) -> str:
    return "\n" * text.count("\n")


def extract(text: str) -> tuple[str, list[ImportWarning], str | None]:
    """The diagram part of ``text`` (same line numbers), warnings, and a front-matter title."""
    warnings: list[ImportWarning] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fences = list(_FENCE.finditer(text))
    if fences:
        first = fences[0]
        if len(fences) > 1:
            warnings.append(ImportWarning(text.count("\n", 0, fences[1].start()) + 1, (
                f"the document holds {len(fences)} mermaid blocks; only the first one "
                f"(line {text.count(chr(10), 0, first.start()) + 1}) is imported")))
        end = _FENCE_END.search(text, first.end())
        stop = end.start() if end else len(text)
        text = _blank(text[: first.end()]) + text[first.end():stop] + _blank(text[stop:])
    title = None
    front = re.match(r"\s*---[ \t]*\n(.*?\n)---[ \t]*(\n|$)", text, re.S)
    if front:
        found = re.search(r"^title:\s*(.+?)\s*$", front.group(1), re.M)
        title = _yaml_scalar(found.group(1)) if found else None
        text = _blank(front.group()) + text[front.end():]
    text = re.sub(r"%%\{.*?\}%%", lambda m: _blank(m.group()), text, flags=re.S)
    text = re.sub(r"^[ \t]*%%.*$", "", text, flags=re.M)
    return text, warnings, title


def _yaml_scalar(text: str) -> str:
    """A YAML scalar's value: double-quoted ones with JSON-like escapes."""
    if text.startswith('"'):
        try:
            return json.loads(text)
        except ValueError:
            return text.strip('"')
    return text.strip("'")


def _entity(match: re.Match[str]) -> str:
    code = match.group(1)
    if code.isdigit():
        return chr(int(code)) if int(code) < 0x110000 else match.group()
    return html.unescape(f"&{code};")


def clean_label(raw: str) -> str:
    """Label text as shown: markdown backticks, ``<br>``, tags, ``fa:`` icons and
    ``#quot;`` entities resolved, white space collapsed."""
    text = raw.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    if len(text) >= 2 and text[0] == text[-1] == "`":
        text = re.sub(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)", "", text[1:-1])
    text = _BR.sub("\n", text)
    text = _TAG.sub("", text)
    text = _ICON.sub("", text)
    text = _ENTITY.sub(_entity, html.unescape(text))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def split_technology(raw: str) -> tuple[str, str | None]:
    """``Name<br/>[Technology]`` (what the Mermaid export writes) → (name, technology)."""
    match = re.match(r"(?s)(.*?)(?:<br\s*/?>|\n)\s*\[([^\[\]]+)\]\s*$", raw.strip().strip('"'),
                     re.I)
    if match:
        return match.group(1), clean_label(match.group(2))
    return raw, None


def split_edge_technology(raw: str) -> tuple[str, str | None]:
    """``"calls [HTTPS]"`` → (``calls``, ``HTTPS``), both cleaned."""
    text = raw.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    match = re.match(r"(?s)(.*?)\s*\[([^\[\]]+)\]$", text)
    if match:
        return clean_label(match.group(1)), clean_label(match.group(2))
    return clean_label(raw), None
