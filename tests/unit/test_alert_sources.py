"""Alert sources (generator/data/alerts.py, generator/data/terraform.py): each format read from its content,
each alert at its file, line and column, and every problem with a source reported where it is."""

from __future__ import annotations

import json
import os

import pytest

from loopbook.data.alerts import read_alerts
from loopbook.diagnostics import Diagnostics
from loopbook.render.sitemap import alert_segment


def read(root, files: dict[str, str], patterns=None):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    diags = Diagnostics()
    found = read_alerts(root, {"alerts": patterns if patterns is not None else sorted(files)}, diags)
    return found, [d.text() for d in diags.sorted()]


RULES = """\
# a comment
groups:
  - name: web
    rules:
      - record: job:up:sum
        expr: sum(up)
      - alert: HighErrorRate
        expr: rate(errors_total[5m]) > 1
        labels:
          severity: critical
        annotations:
          runbook_url: https://h.example/handbook/alerts/HighErrorRate/
      - alert: 404
        expr: vector(1)
"""


def test_a_prometheus_rule_file_gives_each_alert_at_its_line_with_severity_and_runbook_url(tmp_path):
    found, problems = read(tmp_path, {"rules.yml": RULES})
    assert problems == []
    first, second = found.alerts
    assert (first.name, first.path, first.line, first.col, first.format) == ("HighErrorRate", "rules.yml", 7, 16, "prometheus")
    assert first.severity == "critical" and first.links == ("https://h.example/handbook/alerts/HighErrorRate/",)
    assert first.link_at == (12, 24) and first.rule == (0, "groups", 0, "rules", 1)
    assert (second.name, second.line, second.links, second.link_at) == ("404", 13, (), None)  # the name as Prometheus reads it


def test_prometheusrule_resources_in_a_multi_document_manifest_are_read_from_spec_groups(tmp_path):
    manifest = ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\n---\n"
                "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: web\nspec:\n"
                "  groups:\n    - name: web\n      rules:\n        - alert: PodCrashLooping\n          expr: vector(1)\n")
    found, problems = read(tmp_path, {"k8s/rules.yaml": manifest})
    assert problems == []
    [alert] = found.alerts
    assert (alert.name, alert.line, alert.rule) == ("PodCrashLooping", 13, (1, "spec", "groups", 0, "rules", 0))


TERRAFORM = """\
variable "env" {}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

resource "aws_cloudwatch_metric_alarm" "high_cpu" {
  comparison_operator = "GreaterThanThreshold"
  alarm_name          = "HighCPUUtilization"
  alarm_description   = "CPU over 80%. Runbook: https://h.example/handbook/alerts/HighCPUUtilization/ (see also https://other.example/x)"
  tags = {
    Severity = "sev3"
  }
}

resource "aws_cloudwatch_metric_alarm" "unnamed" {
  threshold = 1
}
"""


def test_terraform_alarms_are_read_with_their_alarm_name_line_and_the_urls_of_their_description(tmp_path):
    found, problems = read(tmp_path, {"cw/alarms.tf": TERRAFORM})
    assert problems == []
    cpu, unnamed = found.alerts
    assert (cpu.name, cpu.line, cpu.col, cpu.format, cpu.severity) == ("HighCPUUtilization", 9, 3, "terraform", "sev3")
    assert cpu.links == ("https://h.example/handbook/alerts/HighCPUUtilization/", "https://other.example/x")
    assert cpu.link_at == (10, 3)
    assert (unnamed.name, unnamed.line) == ("unnamed", 16)  # no alarm_name: the resource's label, at its block


def test_describe_alarms_json_places_each_alarm_at_its_alarm_name(tmp_path):
    output = {"MetricAlarms": [{"AlarmName": "A", "AlarmDescription": "runbook https://h.example/handbook/alerts/A/"},
                               {"AlarmArn": "arn:x", "AlarmName": "B \"quoted\""}],
              "CompositeAlarms": [{"AlarmName": "C", "AlarmDescription": "no link"}]}
    found, problems = read(tmp_path, {"alarms.json": json.dumps(output, indent=4)})
    assert problems == []
    assert [(a.name, a.line, a.format) for a in found.alerts] == [("A", 4, "describe-alarms"), ("B \"quoted\"", 9, "describe-alarms"),
                                                                  ("C", 14, "describe-alarms")]
    assert found.alerts[0].links == ("https://h.example/handbook/alerts/A/",) and found.alerts[0].link_at == (5, 13)
    assert found.alerts[2].links == ()


def test_each_broken_source_is_reported_at_its_place_and_the_others_are_still_read(tmp_path):
    files = {
        "a/syntax.yml": "groups:\n  - name: x\n    rules: [\n",
        "a/tagged.yml": "groups: !!python/object:os.system []\n",
        "a/not-rules.yml": "title: a story, not rules\n",
        "a/bad.tf": 'resource "aws_cloudwatch_metric_alarm" "x" {\n  alarm_name = \n}\n',
        "a/bad.json": '{"MetricAlarms": [}',
        "a/shape.yml": "groups:\n  - name: no rules here\n",
        "a/good.yml": RULES,
    }
    found, problems = read(tmp_path, files, ["a/*", "missing/*.yml", "../outside/*.yml"])
    assert [a.name for a in found.alerts] == ["HighErrorRate", "404"]
    assert problems[0] == "a/bad.json:1:19: error: not valid JSON: Expecting value [alert-source]"
    assert problems[1] == "a/bad.tf:2:16: error: HCL syntax error: unexpected '}' [alert-source]"
    assert problems[2].startswith("a/not-rules.yml:1:1: error: a/not-rules.yml is not an alert source: expected a Prometheus rule file")
    assert problems[3] == "a/shape.yml:2:5: error: a rule group needs a list of rules (rules:) [alert-source]"
    assert problems[4].startswith("a/syntax.yml:4:1: error: YAML syntax error") and problems[4].endswith("[yaml-syntax]")
    assert problems[5] == ("a/tagged.yml:1:9: error: explicit YAML tags (!!python/object:os.system) are not allowed; "
                           "remove the tag [yaml-tag]")
    assert problems[6:] == [
        "mkdocs.yml:1:1: error: alert source '../outside/*.yml' is outside the project; "
        "give a path or glob relative to mkdocs.yml [alert-source]",
        "mkdocs.yml:1:1: error: alert source 'missing/*.yml' matches no file [alert-source]",
    ]


def test_a_source_reached_through_a_symbolic_link_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "rules.yml").write_text(RULES)
    root = tmp_path / "project"
    (root / "alerts").mkdir(parents=True)
    os.symlink(outside / "rules.yml", root / "alerts" / "linked.yml")
    os.symlink(outside, root / "linked-folder")
    found, problems = read(root, {}, ["alerts/*.yml", "linked-folder/*.yml"])
    assert found.alerts == [] and found.files == []
    assert problems == [
        "alerts/linked.yml:1:1: error: alert source reached through the symbolic link alerts/linked.yml; symbolic links are not "
        "followed, so put the file itself in the project [alert-source]",
        "linked-folder/rules.yml:1:1: error: alert source reached through the symbolic link linked-folder; symbolic links are not "
        "followed, so put the file itself in the project [alert-source]",
    ]


def test_a_malformed_setting_is_an_error_in_mkdocs_yml(tmp_path):
    diags = Diagnostics()
    read_alerts(tmp_path, {"alerts": "alerts/*.yml"}, diags)
    assert [d.code for d in diags.items] == ["mkdocs-config"]


@pytest.mark.parametrize("name", ["HighCPUUtilization", "KubePodCrashLooping", "node_disk_full", "a.b-c_d", "X"])
def test_a_plain_alert_name_is_its_own_url_segment(name):
    assert alert_segment(name) == name


@pytest.mark.parametrize("name", ["High CPU", "a/b", "../x", ".hidden", "Ünïcode", "what?#", "x" * 101, "", "~"])
def test_any_other_name_gets_a_safe_segment_that_depends_on_the_name_alone(name):
    segment = alert_segment(name)
    assert segment == alert_segment(name)
    assert "~" in segment and all(c.isascii() and (c.isalnum() or c in "-~") for c in segment)
    assert alert_segment(name + " ") != segment
