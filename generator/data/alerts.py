"""The alerts a handbook answers, read from the alert sources mkdocs.yml names::

    extra:
      loopbook:
        alerts:                    # files or globs, relative to mkdocs.yml
          - alerts/prometheus/*.yml
          - alerts/cloudwatch/*.tf

Each file's format is read from its content, not its name: a Prometheus rule file (``groups:`` ->
``rules:`` -> ``alert:``), the same inside ``PrometheusRule`` resources (``spec.groups``, several
documents allowed), Terraform's ``aws_cloudwatch_metric_alarm`` (loopbook.data.terraform), or the JSON
that ``aws cloudwatch describe-alarms`` prints. The files are untrusted like the data: YAML is read
by the same safe composer as entries (no tag, anchor or alias), nothing is evaluated, no symbolic
link is followed and no file outside the project is read. Every alert keeps its file, line and column.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from loopbook.data.load import LoadProblem, parse_documents, read_text
from loopbook.data.terraform import HclProblem, terraform_alarms
from loopbook.diagnostics import Diagnostics
from loopbook.model import DataPath, Source, line_col

SETTING = "alerts"  # under extra.loopbook
MAX_SOURCE_BYTES = 4 * 1024 * 1024  # a large kube-prometheus rule file is a few hundred KiB
CONFIG = "mkdocs.yml"
_HCL_BLOCK = re.compile(r"^[ \t]*(?:resource|module|variable|provider|data|locals|terraform|output)\b[^\n:=]*\{[ \t]*$", re.M)
URL = re.compile(r"https?://[^\s\"'<>]+")
_TRAILING = ".,;:!?)]}"  # punctuation after a URL in a sentence is not part of it


@dataclass(frozen=True)
class Alert:
    """One alert rule or alarm, where it is written, and the runbook links it carries."""

    name: str
    path: str  # the file, as messages show it
    line: int
    col: int
    format: str  # prometheus, terraform or describe-alarms
    severity: str | None = None
    links: tuple[str, ...] = ()  # the runbook_url annotation; for CloudWatch, the URLs in alarm_description
    link_at: tuple[int, int] | None = None  # where that annotation or description is written
    rule: DataPath = ()  # the rule's path in its YAML stream, for `loopbook alerts --fix` (Prometheus only)

    @property
    def link_field(self) -> str:
        return "runbook_url" if self.format == "prometheus" else "alarm_description"


@dataclass
class AlertSources:
    configured: bool = False  # mkdocs.yml names alert sources
    files: list[FsPath] = field(default_factory=list)  # every file read, for serve to watch and --fix to write
    alerts: list[Alert] = field(default_factory=list)


def read_alerts(root: FsPath, settings: dict[str, Any], diags: Diagnostics) -> AlertSources:
    """Every alert of the configured sources; each problem (a pattern matching nothing, a file that is not
    one of the formats, a syntax error) is reported at its place, and the other files are still read."""
    patterns = settings.get(SETTING)
    if patterns is None:
        return AlertSources()
    if not isinstance(patterns, list) or not all(isinstance(p, str) and p.strip() for p in patterns):
        diags.error(CONFIG, 1, 1, f"extra.loopbook.{SETTING} must be a list of files or globs relative to mkdocs.yml, "
                    "e.g. [alerts/prometheus/*.yml]", "mkdocs-config")
        return AlertSources(configured=True)
    found = AlertSources(configured=True)
    for pattern in patterns:
        for file in _matches(root, pattern, diags):
            if file not in found.files:
                found.files.append(file)
                found.alerts += read_source(file, file.relative_to(root).as_posix(), diags)
    return found


def source_folders(root: FsPath, settings: dict[str, Any]) -> set[FsPath]:
    """The folders of the configured alert sources, for `serve` to watch (problems are for the build to report)."""
    found = read_alerts(root, settings, Diagnostics()).files if settings.get(SETTING) else []
    return {f.parent for f in found}


def _matches(root: FsPath, pattern: str, diags: Diagnostics) -> list[FsPath]:
    line = _config_line(root, pattern)
    if FsPath(pattern).is_absolute() or ".." in FsPath(pattern).parts:
        diags.error(CONFIG, line, 1, f"alert source '{pattern}' is outside the project; give a path or glob relative to mkdocs.yml",
                    "alert-source")
        return []
    files, linked = [], False
    try:
        matched = sorted(root.glob(pattern))
    except (OSError, ValueError) as e:  # a symbolic link loop under **, a malformed pattern
        diags.error(CONFIG, line, 1, f"alert source '{pattern}' cannot be matched: {e}", "alert-source")
        return []
    for file in matched:
        through = _linked_part(root, file)
        if through is not None:
            linked = True
            diags.error(file.relative_to(root).as_posix(), 1, 1, f"alert source reached through the symbolic link {through}; "
                        "symbolic links are not followed, so put the file itself in the project", "alert-source")
        elif file.is_file():
            files.append(file)
    if not files and not linked:
        diags.error(CONFIG, line, 1, f"alert source '{pattern}' matches no file", "alert-source")
    return files


def _linked_part(root: FsPath, file: FsPath) -> str | None:
    """The first part of file's path below root that is a symbolic link, if any."""
    here = root
    for part in file.relative_to(root).parts:
        here = here / part
        if here.is_symlink():
            return here.relative_to(root).as_posix()
    return None


def _config_line(root: FsPath, pattern: str) -> int:
    """The line of mkdocs.yml where a pattern is written (1 when it cannot be found)."""
    try:
        text = (root / CONFIG).read_text("utf-8")
    except OSError:
        return 1
    i = text.find(pattern)
    return text.count("\n", 0, i) + 1 if i >= 0 else 1


def read_source(file: FsPath, rel: str, diags: Diagnostics) -> list[Alert]:
    """The alerts of one file, its format read from its content."""
    try:
        text = read_text(file, MAX_SOURCE_BYTES)
        head = text.lstrip()[:1]
        if head in ("{", "[") and _is_describe_alarms(text):
            return _describe_alarms(text, rel)
        if _HCL_BLOCK.search(text):
            return _terraform(text, rel)
        source, documents = parse_documents(file, rel, MAX_SOURCE_BYTES)
        return _prometheus(source, documents, diags)
    except LoadProblem as p:
        diags.error(rel, p.line, p.col, p.message, p.code)
    except HclProblem as p:
        diags.error(rel, p.line, p.col, p.message, "alert-source")
    except ValueError as e:  # JSON that looked like describe-alarms and is not valid
        diags.error(rel, getattr(e, "lineno", 1), getattr(e, "colno", 1), f"not valid JSON: {getattr(e, 'msg', e)}", "alert-source")
    return []


NOT_A_SOURCE = ("is not an alert source: expected a Prometheus rule file (groups: -> rules: -> alert:), a PrometheusRule, "
                "Terraform with aws_cloudwatch_metric_alarm, or the JSON of `aws cloudwatch describe-alarms`")


def _prometheus(source: Source, documents: list[Any], diags: Diagnostics) -> list[Alert]:
    alerts, found = [], False
    for i, doc in enumerate(documents):
        if not isinstance(doc, dict):
            continue
        if doc.get("kind") == "PrometheusRule":
            spec = doc.get("spec")
            base, groups = (i, "spec", "groups"), spec.get("groups") if isinstance(spec, dict) else None
        elif "groups" in doc:
            base, groups = (i, "groups"), doc["groups"]
        else:
            continue
        found = True
        alerts += _groups(source, base, groups, diags)
    if not found:
        diags.error(source.path, 1, 1, f"{source.path} {NOT_A_SOURCE}", "alert-source")
    return alerts


def _groups(source: Source, base: DataPath, groups: Any, diags: Diagnostics) -> list[Alert]:
    if not isinstance(groups, list):
        _shape(source, base, diags, "groups must be a list of rule groups")
        return []
    alerts = []
    for gi, group in enumerate(groups):
        rules = group.get("rules") if isinstance(group, dict) else None
        if not isinstance(rules, list):
            _shape(source, (*base, gi), diags, "a rule group needs a list of rules (rules:)")
            continue
        for ri, rule in enumerate(rules):
            if isinstance(rule, dict) and "alert" in rule:
                alerts.append(_rule(source, (*base, gi, "rules", ri), rule))
    return alerts


def _rule(source: Source, at: DataPath, rule: dict[str, Any]) -> Alert:
    span = source.at((*at, "alert"))
    labels = rule.get("labels") if isinstance(rule.get("labels"), dict) else {}
    notes = rule.get("annotations") if isinstance(rule.get("annotations"), dict) else {}
    url = notes.get("runbook_url")
    url_span = source.at((*at, "annotations", "runbook_url"))
    severity = labels.get("severity")
    return Alert(_written(source, (*at, "alert"), rule["alert"]), source.path, span.line, span.col, "prometheus",
                 None if severity is None else _written(source, (*at, "labels", "severity"), severity),
                 (url.strip(),) if isinstance(url, str) and url.strip() else (),
                 (url_span.line, url_span.col) if url is not None else None, at)


def _written(source: Source, at: DataPath, value: Any) -> str:
    """A scalar as Prometheus reads it: text, whatever YAML would make of it (`alert: 404` is the name 404)."""
    return source.plain.get(at, value if isinstance(value, str) else json.dumps(value))


def _shape(source: Source, at: DataPath, diags: Diagnostics, message: str) -> None:
    span = source.at(at)
    diags.error(source.path, span.line, span.col, message, "alert-source")


def _terraform(text: str, rel: str) -> list[Alert]:
    return [Alert(a.name, rel, *a.at, "terraform", a.severity, _urls(a.description or ""), a.description_at)
            for a in terraform_alarms(text)]


def _urls(text: str) -> tuple[str, ...]:
    return tuple(u.rstrip(_TRAILING) for u in URL.findall(text))


def _is_describe_alarms(text: str) -> bool:
    return bool(re.search(r'"(?:MetricAlarms|CompositeAlarms)"\s*:', text))


_KEY = re.compile(r'(?<!\\)"(AlarmName|AlarmDescription)"\s*:')


def _describe_alarms(text: str, rel: str) -> list[Alert]:
    """`aws cloudwatch describe-alarms` output. JSON keeps no positions, so each alarm is placed at the
    n-th "AlarmName" key of the text: alarms complete in the order they are written."""
    alarms: list[dict[str, Any]] = []

    def keep(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if isinstance(obj.get("AlarmName"), str):
            alarms.append(obj)
        return obj

    json.loads(text, object_pairs_hook=keep)
    keys = [(m.group(1), line_col(text, m.start())) for m in _KEY.finditer(text)]
    names = [i for i, (k, _) in enumerate(keys) if k == "AlarmName"]
    out = []
    for n, alarm in enumerate(alarms):
        at = keys[names[n]][1] if n < len(names) else (1, 1)
        lo, hi = (names[n - 1] + 1 if n else 0), (names[n + 1] if n + 1 < len(names) else len(keys))
        described = next((p for k, p in keys[lo:hi] if k == "AlarmDescription"), None)
        description = alarm.get("AlarmDescription")
        out.append(Alert(alarm["AlarmName"], rel, *at, "describe-alarms", None,
                         _urls(description) if isinstance(description, str) else (), described))
    return out
