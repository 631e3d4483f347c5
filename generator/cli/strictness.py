"""Which warnings fail a run: all of them with ``--strict``, or the codes a project lists in mkdocs.yml.

A project chooses the content quality it insists on, for example::

    extra:
      loopbook:
        strict: [review-overdue, comment-in-value]

Warnings of those codes then fail ``check`` and ``build`` like errors; the others stay advice.
"""

from __future__ import annotations

from typing import Any

from loopbook.config import CONFIG
from loopbook.diagnostics import Diagnostic, Diagnostics


def strict_codes(settings: dict[str, Any], diags: Diagnostics) -> frozenset[str]:
    """The codes under extra.loopbook.strict (loopbook.config.Project.settings); a malformed setting is an error."""
    codes = settings.get("strict", [])
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        diags.error(CONFIG, 1, 1, "extra.loopbook.strict must be a list of warning codes, e.g. [review-overdue]", "mkdocs-config")
        return frozenset()
    return frozenset(codes)


def failing(diags: Diagnostics, strict: bool, codes: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """The problems that fail the run: every error, and the warnings --strict or the listed codes select."""
    return [d for d in diags.items if d.severity == "error" or strict or d.code in codes]
