"""The `.arch` language: scanner, grammar, parser, checks and text edits. No Qt here."""

from archstudio.dsl.parser import parse
from archstudio.dsl.source import Source, decode, read_source
from archstudio.dsl.textedit import TextEdit, apply_edits, inverse_edits

__all__ = ["Source", "TextEdit", "apply_edits", "decode", "inverse_edits", "parse", "read_source"]
