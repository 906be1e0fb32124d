"""Read a quiz file's YAML the way its author means it, or refuse it naming the line.

PyYAML's ``SafeLoader`` follows YAML 1.1: ``012`` is octal (10), ``1:30`` is base 60 (90), ``1e3`` is text,
``yes``/``no``/``on``/``off`` are booleans, ``2024-05-01`` is a date, and a repeated key silently replaces
the first. This loader keeps PyYAML's safe parser and only changes how plain scalars are read, to the YAML 1.2
core schema (what most other tools and editors use):

- ``true``/``false`` are booleans, ``null``/``~``/empty is null; everything else that is not a number is text;
- numbers are decimal (``012`` is 12), ``0o17``/``0x1F``, or floats with an optional exponent (``1e3``);
  no base 60, no ``_`` separators, no dates;
- a number keeps the characters it was written with (``.source``), so a text field reads ``012`` or
  ``3.10`` as written instead of ``12`` or ``3.1``.

It also refuses what would otherwise fail later, far from the file: a repeated key, nesting deeper than any
quiz needs (PyYAML recurses once per level and would raise RecursionError), and characters that cannot be
written to a page (lone surrogates from ``"\\ud800"``, control characters).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

__all__ = ["QuizLoader", "YamlInt", "YamlFloat", "MAX_DEPTH", "parse"]

MAX_DEPTH = 20  # a quiz file nests four levels (file, questions, question, options); 20 leaves room


class YamlInt(int):
    """An integer that remembers how it was written (``012``)."""

    source: str


class YamlFloat(float):
    """A float that remembers how it was written (``3.10``)."""

    source: str


_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_NULL = re.compile(r"~|null|Null|NULL|")


class QuizLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` with YAML 1.2 core scalars, no duplicate keys, bounded depth, printable text."""

    yaml_implicit_resolvers: dict = {}  # filled below from scratch: none of YAML 1.1's resolvers is kept

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            first: dict[Any, Any] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    earlier = first.setdefault(key, key_node)
                except TypeError:  # an unhashable key (a list): SafeLoader's own message names it
                    continue
                if earlier is not key_node:
                    raise ConstructorError(
                        "while reading a mapping", node.start_mark,
                        f"duplicate key {key!r} (first given on line {earlier.start_mark.line + 1}); "
                        "keep only one", key_node.start_mark)
        return super().construct_mapping(node, deep=deep)


def _short(text: str) -> str:
    """``text`` for a message: a 400-digit number is shown by its start and length."""
    return repr(text) if len(text) <= 30 else f"{text[:12]!r}... ({len(text)} characters)"


def _int(loader: QuizLoader, node: Any) -> Any:
    text = loader.construct_scalar(node)
    body = text.lstrip("+-")
    sign = -1 if text.startswith("-") else 1
    try:
        value = YamlInt(sign * int(body[2:], 8 if body[1] == "o" else 16) if body[:2] in ("0o", "0x") else int(body, 10))
    except (ValueError, IndexError):  # `!!int text`, or more digits than Python converts (about 4,300)
        raise ConstructorError(None, None, f"{_short(text)} is not a whole number this quiz can use",
                               node.start_mark) from None
    value.source = text
    return value


def _float(loader: QuizLoader, node: Any) -> Any:
    text = loader.construct_scalar(node)
    try:
        value = YamlFloat(text.lower().replace(".inf", "inf").replace(".nan", "nan"))
    except ValueError:  # `!!float text`
        raise ConstructorError(None, None, f"{_short(text)} is not a number", node.start_mark) from None
    value.source = text
    return value


def _str(loader: QuizLoader, node: Any) -> str:
    text = loader.construct_scalar(node)
    for i, char in enumerate(text):
        if 0xD800 <= ord(char) <= 0xDFFF:
            raise ConstructorError(None, None, f"character {i + 1} of this text is a lone surrogate "
                                   f"(U+{ord(char):04X}), which is not a character: fix the \\u escape",
                                   node.start_mark)
        if unicodedata.category(char) == "Cc" and char not in "\t\n\r":
            raise ConstructorError(None, None, f"character {i + 1} of this text is the control character "
                                   f"U+{ord(char):04X}, which cannot be shown", node.start_mark)
    return text


for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:bool", _BOOL, "tTfF"),
    ("tag:yaml.org,2002:int", _INT, "-+0123456789"),
    ("tag:yaml.org,2002:float", _FLOAT, "-+0123456789."),
    ("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""]),
]:  # no merge key (`<<`): a quiz needs none, and a merge would hide a repeated key
    # Resolvers are tried in order per first character: int before float, so `12` is an int.
    QuizLoader.add_implicit_resolver(_tag, re.compile(rf"(?:{_pattern.pattern})\Z"), list(_first))
QuizLoader.add_constructor("tag:yaml.org,2002:int", _int)
QuizLoader.add_constructor("tag:yaml.org,2002:float", _float)
QuizLoader.add_constructor("tag:yaml.org,2002:str", _str)


def parse(text: str) -> Any:
    """Parse one quiz file's text; raises ``yaml.YAMLError`` with a line for every problem."""
    return yaml.load(text, Loader=QuizLoader)  # QuizLoader is a SafeLoader: no Python objects
