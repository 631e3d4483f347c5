"""Runbook parameters: where a placeholder stands in a command (and so how a value is quoted there), what
`loopbook check` says about the declarations, and what the page is given."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from loopbook.cli import main
from loopbook.config import load_project
from loopbook.data.parameters import DEFAULT_PATTERN, matches, placeholders
from loopbook.data.prose import first_sentence
from loopbook.data.schema import schema_for
from loopbook.diagnostics import Diagnostics
from loopbook.pipeline import Pipeline
from tests.conftest import FIXTURES, make_project


@pytest.mark.parametrize("command, found", [
    ("kubectl -n <namespace> get pods", [("namespace", "bare")]),
    ("curl https://<host>/api/health", [("host", "bare")]),
    ('echo "note: <note>"', [("note", "double")]),
    ("echo 'note: <note>'", [("note", "single")]),
    # $( ... ) inside double quotes opens a bare context again, and quotes inside it are its own.
    ("""x --since "$(date -d '<start>' +%s) <end>" """, [("start", "single"), ("end", "double")]),
    ("echo `cat <file>`", [("file", "bare")]),
    ("echo \"a \\\" <b>\"", [("b", "double")]),  # an escaped quote does not close the string
    ("echo \\'<a> '<b>'", [("a", "bare"), ("b", "single")]),
    # Free text for the reader, and heredoc or comparison signs, are not placeholders.
    ("grep <first bad time> log; cat <<EOF", []),
])
def test_each_placeholder_is_found_with_the_quoting_in_force_where_it_stands(command, found):
    assert [(s.name, s.quoting) for s in placeholders(command)] == found


def test_a_placeholder_s_offsets_are_those_of_its_text():
    command = "a <x> 'b <y>'"
    assert [command[s.start:s.end] for s in placeholders(command)] == ["<x>", "<y>"]


@pytest.mark.parametrize("value", ["$(curl x|sh)", "'; rm -rf /; '", "`id`", "a\nb", "--all", "-rf", "a b", "x\u202ey", "",
                                   "a" * 129, "~/x", "*"])
def test_the_default_pattern_refuses_what_a_shell_reads_as_code_or_an_option(value):
    assert not matches({}, value)


@pytest.mark.parametrize("value", ["payments", "prod-eu", "10.0.0.1:9100", "kube_state_metrics",
                                   "arn:aws:elasticloadbalancing:eu-west-1:123:targetgroup/web/abc", "a=b", "user@example.com"])
def test_the_default_pattern_lets_through_alert_labels_and_aws_names(value):
    assert matches({}, value)


def test_a_permissive_pattern_still_refuses_control_and_invisible_characters():
    free = {"pattern": "^.{1,200}$"}
    assert matches(free, "$(curl x|sh)")  # left to quoting
    assert not matches(free, "a\rb") and not matches(free, "a\u2066b") and not matches(free, "x" * 1001)


def test_the_schema_documents_the_default_pattern_the_code_applies():
    pattern = schema_for("runbook")["properties"]["parameters"]["items"]["properties"]["pattern"]
    assert DEFAULT_PATTERN in pattern["description"]


@pytest.mark.parametrize("text, first, rest", [
    ("Pods crash. Roll back first.", "Pods crash.", "Roll back first."),
    ("One sentence.", "One sentence.", ""),
    ("Run `a. B` now. Then wait.", "Run `a. B` now.", "Then wait."),
    ("See [the docs. Part 2](https://x.example/a. B) first. Then go.", "See [the docs. Part 2](https://x.example/a. B) first.", "Then go."),
    ("Version 1.2 ships e.g. today. Next.", "Version 1.2 ships e.g. today.", "Next."),
])
def test_the_summary_leads_with_its_first_sentence(text, first, rest):
    assert first_sentence(text) == (first, rest)


RUNBOOK = """title: T
summary: S.
service: web
severity: sev2
owner: Platform
last_reviewed: 2026-11-01
parameters:
{params}
steps:
  - action: A.
    command: kubectl -n <namespace> get pods --since <first bad time> <nmspace>
"""


def check(tmp_path, params: str) -> tuple[int, str]:
    root = make_project(tmp_path / "p")
    (root / "data" / "runbooks" / "params.yaml").write_text(RUNBOOK.format(params=params))
    result = CliRunner().invoke(main, ["check", "-C", str(root)])
    return result.exit_code, "\n".join(line for line in result.output.splitlines() if "params.yaml" in line)


def test_a_bad_pattern_an_example_its_pattern_refuses_and_a_name_given_twice_are_errors_at_their_lines(tmp_path):
    params = """  - name: namespace
    description: The namespace.
    pattern: "^[a-z+$"
  - name: nmspace
    description: Another.
    example: "-rf"
  - name: nmspace
    description: Again."""
    code, out = check(tmp_path, params)
    assert code == 1
    assert "params.yaml:10:14: error: the pattern of 'namespace' is not a regular expression" in out
    assert "params.yaml:13:14: error: the example '-rf' does not match the pattern of 'nmspace'" in out
    assert "params.yaml:14:11: error: parameter 'nmspace' is declared twice; keep one [bad-parameter]" in out


def test_a_pattern_in_syntax_the_browser_reads_otherwise_is_an_error(tmp_path):
    code, out = check(tmp_path, "  - name: namespace\n    description: N.\n    pattern: '(?i)^[a-z]+$'\n"
                                "  - name: nmspace\n    description: M.")
    assert code == 1 and "uses syntax the browser reads differently" in out


def test_an_undeclared_placeholder_and_an_unused_parameter_are_warnings_with_a_suggestion(tmp_path):
    code, out = check(tmp_path, "  - name: namespace\n    description: N.\n  - name: cluster\n    description: C.")
    assert code == 0
    # <first bad time> is free text: no warning for it.
    assert out.splitlines() == [
        "data/runbooks/params.yaml:10:11: warning: parameter 'cluster' is used by no command; write <cluster> in one, "
        "or remove it [unused-parameter]",
        "data/runbooks/params.yaml:14:71: warning: <nmspace> names no declared parameter; did you mean <namespace>? [undeclared-parameter]",
    ]


def test_placeholders_in_a_runbook_that_declares_no_parameter_are_left_alone(tmp_path):
    root = make_project(tmp_path / "p")
    result = CliRunner().invoke(main, ["check", "-C", str(root)])
    assert "parameter" not in result.output  # the sample's stale-dns has <placeholders> and no parameters


def test_the_page_carries_each_command_s_placeholders_for_its_script(tmp_path):
    root = make_project(tmp_path / "p", FIXTURES / "runbook-parameters" / "data")
    project = load_project(root, Diagnostics())
    assert project is not None
    pages = Pipeline(project).run(links=False).pages()
    page = pages["handbook/runbooks/crashing-pods.md"]
    data = json.loads(re.search(r'<script type="application/json" id="lb-runbook-data">(.*)</script>', page).group(1))
    assert data["runbook"] == "crashing-pods"
    assert [p["name"] for p in data["parameters"]] == ["namespace", "cluster", "note"]
    assert data["parameters"][0]["pattern"] == DEFAULT_PATTERN
    printf = next(c for c in data["commands"] if c["text"].startswith("printf"))
    assert printf["slots"] == [["note", "bare", 0], ["note", "double", 1], ["note", "single", 2]]
    assert '<label class="lb-param__name" for="lb-param-note"><code>&lt;note&gt;</code></label>' in page


def test_q_is_the_search_s_and_cannot_name_a_parameter(tmp_path):
    code, out = check(tmp_path, "  - name: q\n    description: Q.\n  - name: namespace\n    description: N.\n"
                                "  - name: nmspace\n    description: M.")
    assert code == 1 and "params.yaml:8:11: error: 'q' names the search's words in a page's address" in out
