"""What an unquoted YAML value means: YAML 1.2, as the other tools that read our data resolve it.

Three readers must agree on every file: ``loopbook check``, check-jsonschema (ruamel.yaml, YAML 1.2)
validating against schemas/, and the editor's yaml-language-server (the ``yaml`` package, YAML 1.2
core schema). So a plain scalar means here exactly what it means to ruamel.yaml: ``No``, ``yes`` and
``off`` are text (YAML 1.2 has no such booleans), ``010`` and ``2023`` are numbers, and dates stay text
(check-jsonschema reads timestamps as text, and the core schema has none).

The two readers differ on a few spellings of numbers: ruamel.yaml reads ``1_000``, ``0b101`` and
``+0x1F`` as numbers, the editor as text, and ``.5e3`` the other way round. No rule can agree with both,
so :func:`disputed` names them and the loader asks for them to be quoted or written plainly.
"""

from __future__ import annotations

import re
from typing import Any

_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

# ruamel.yaml's YAML 1.2 resolver (ruamel/yaml/resolver.py), tried in its order: float, then int.
_RUAMEL_FLOAT = re.compile(
    r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
    r"|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN)"
)
_NUMBER_START = set("-+0123456789.")
_RUAMEL_INT = re.compile(r"[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+")

# The YAML 1.2 core schema (yaml.org/spec/1.2.2, 10.3.2), as yaml-language-server reads it.
_CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")


def resolve_plain(text: str) -> Any:
    """The value of an unquoted scalar: null, true/false, an int, a float, or the text itself."""
    if _NULL.fullmatch(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if text[:1] not in _NUMBER_START:  # ruamel.yaml picks its resolvers by the first character
        return text
    try:
        if _RUAMEL_FLOAT.fullmatch(text):
            return _float(text)
        if _RUAMEL_INT.fullmatch(text):
            return _int(text)
    except ValueError:  # '0b_', '._' and the like, which ruamel.yaml cannot read either
        pass
    return text


def _float(text: str) -> float:
    lower = text.replace("_", "").lower()
    if lower.endswith(".inf"):
        return float("-inf") if lower.startswith("-") else float("inf")
    if lower == ".nan":
        return float("nan")
    return float(lower)


def _int(text: str) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    return sign * int(digits)  # YAML 1.2: a leading zero is no octal, 010 is ten


def _kind(value: Any) -> str:
    return "number" if isinstance(value, int | float) and not isinstance(value, bool) else type(value).__name__


def _core_kind(text: str) -> str:
    if _NULL.fullmatch(text):
        return "NoneType"
    if text in _BOOL:
        return "bool"
    return "number" if _CORE_INT.fullmatch(text) or _CORE_FLOAT.fullmatch(text) else "str"


def disputed(text: str) -> bool:
    """True when ruamel.yaml and the YAML 1.2 core schema give this unquoted value different types."""
    if text[:1] not in _NUMBER_START:
        return False  # neither reads a number (both read null and true/false alike): most values, at once
    return _kind(resolve_plain(text)) != _core_kind(text)
