"""CloudWatch alarms written in Terraform (``resource "aws_cloudwatch_metric_alarm"``), read with a real HCL
parser (python-hcl2, on Lark): nothing of the file is evaluated, interpolations (``${var.env}``) stay as
written, and each alarm keeps the line of its ``alarm_name`` (of its block when the name is not written).

python-hcl2 gives values without positions and a Lark tree with them; the two are matched by the
resource's type and label, which Terraform requires to be unique in a module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ALARM_TYPES = ("aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm")


@dataclass(frozen=True)
class TerraformAlarm:
    name: str
    description: str | None
    severity: str | None  # tags.severity, when the resource has one
    at: tuple[int, int]  # alarm_name, or the block
    description_at: tuple[int, int] | None


class HclProblem(Exception):
    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def terraform_alarms(text: str) -> list[TerraformAlarm]:
    """The alarms of one .tf file, in the order written; HclProblem when it is not valid HCL."""
    import hcl2
    from lark.exceptions import LarkError, UnexpectedInput

    options = hcl2.SerializationOptions(with_comments=False, strip_string_quotes=True)
    try:
        values = hcl2.loads(text, serialization_options=options)
        tree = hcl2.parses_to_tree(text)
    except UnexpectedInput as e:
        raise HclProblem(max(getattr(e, "line", 1) or 1, 1), max(getattr(e, "column", 1) or 1, 1),
                         f"HCL syntax error: {_unexpected(e)}") from None
    except (LarkError, ValueError, RecursionError) as e:
        raise HclProblem(1, 1, f"HCL could not be read: {' '.join(str(e).split())[:200]}") from None
    places = _positions(tree)
    alarms = []
    for block in values.get("resource", []):
        for type_, by_label in block.items():
            if type_ not in ALARM_TYPES or not isinstance(by_label, dict):
                continue
            for label, body in by_label.items():
                alarms.append(_alarm(label, body if isinstance(body, dict) else {}, places.get((type_, label), {})))
    return alarms


def _unexpected(e: Exception) -> str:
    """What the parser met, in a few words: Lark's own message is a page of grammar."""
    token = getattr(e, "token", None)
    if token is None:
        char = getattr(e, "char", None)
        return f"unexpected character {char!r}" if char else "unexpected end of file"
    text = str(token).strip()
    return f"unexpected '{text.splitlines()[0][:40]}'" if text else "a value is missing (unexpected end of line)"


def _alarm(label: str, body: dict[str, Any], place: dict[str, tuple[int, int]]) -> TerraformAlarm:
    name = body.get("alarm_name")
    description = body.get("alarm_description")
    tags = body.get("tags") if isinstance(body.get("tags"), dict) else {}
    severity = next((str(v) for k, v in tags.items() if str(k).lower() == "severity"), None)
    block_at = place.get("", (1, 1))
    return TerraformAlarm(str(name) if name is not None else label, str(description) if description is not None else None, severity,
                          place.get("alarm_name", block_at), place.get("alarm_description"))


def _positions(tree: Any) -> dict[tuple[str, str], dict[str, tuple[int, int]]]:
    """(type, label) of each top-level resource block -> line and column of the block ("") and of each attribute."""
    out: dict[tuple[str, str], dict[str, tuple[int, int]]] = {}
    body = next((c for c in tree.children if _is(c, "body")), None)
    for block in body.children if body is not None else []:
        if not _is(block, "block") or len(block.children) < 3 or _words(block.children[0]) != "resource":
            continue
        first = _first_token(block)
        place = {"": (first.line, first.column)} if first is not None else {}
        inner = next((c for c in block.children if _is(c, "body")), None)
        for attribute in inner.children if inner is not None else []:
            if _is(attribute, "attribute"):
                token = _first_token(attribute)
                if token is not None:
                    place[_words(attribute.children[0])] = (token.line, token.column)
        out[(_words(block.children[1]), _words(block.children[2]))] = place
    return out


def _is(node: Any, name: str) -> bool:
    return getattr(node, "data", None) == name


def _words(node: Any) -> str:
    """The text of an identifier or a quoted label, without its quotes."""
    if not hasattr(node, "children"):
        return "" if getattr(node, "type", "") == "DBLQUOTE" else str(node)
    return "".join(_words(c) for c in node.children)


def _first_token(node: Any) -> Any:
    for child in node.children:
        if not hasattr(child, "children"):
            return child
        found = _first_token(child)
        if found is not None:
            return found
    return None
