"""The generated "Schema reference" page: every field of every kind from the schemas themselves,
and a minimal example that really is valid."""

from __future__ import annotations

import jsonschema
import markdown
import pytest
import yaml
from click.testing import CliRunner

from loopbook import pipeline
from loopbook.cli import main
from loopbook.data.load import parse
from loopbook.data.schema import schema_for, validate
from loopbook.diagnostics import Diagnostics
from loopbook.model import KINDS, Entry
from loopbook.render import reference
from loopbook.render.sitemap import SCHEMA_REFERENCE
from tests.conftest import make_project


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    root = make_project(tmp_path_factory.mktemp("reference") / "p")
    return pipeline.check_folder(root).pages()[SCHEMA_REFERENCE]


def section(page: str, kind: str) -> str:
    start = page.index(f"{{#{kind}}}")
    end = page.find("\n## ", start)
    return page[start:end if end > 0 else None]


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_of_a_kind_has_a_row_with_its_description(page, kind):
    text = section(page, kind)
    for row in reference.rows(schema_for(kind)):
        line = next((line for line in text.splitlines() if line.startswith(f"| `{row.name}` |")), None)
        assert line is not None, f"{kind}: no row for {row.name}"
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        assert cells[2] == ("yes" if row.required else "no")
        assert cells[3] == reference.escape(row.node["description"])


def row(text: str, name: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith(f"| `{name}` |"))
    return [c.strip() for c in line.strip("|").split(" | ")]


def test_allowed_values_patterns_formats_and_references_are_shown(page):
    runbook, story = section(page, "runbook"), section(page, "story")
    assert row(runbook, "severity")[1:3] == ["one of the allowed values", "yes"]
    assert row(runbook, "severity")[4] == "`sev1`, `sev2`, `sev3`, `sev4`"
    assert row(runbook, "last_reviewed")[1:3] == ["date", "yes"] and row(runbook, "last_reviewed")[5] == "date: `YYYY-MM-DD`, a real day"
    assert row(runbook, "review_every")[5] == "`^[1-9][0-9]{0,3}(d|w)$`"
    assert row(runbook, "steps[].action")[1].startswith("Markdown") and row(runbook, "steps[].action")[2] == "yes"
    principles = row(story, "principles")
    assert principles[1].startswith("list of principle ids, at least 1, no repeats") and principles[4] == "an id under `data/principles/`"
    assert row(story, "context.company")[1].startswith("text") and row(story, "context.company")[2] == "no"
    assert row(story, "related")[4] == "`kind:id` of an existing entry"


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_minimal_example_is_valid_for_loopbook_and_for_jsonschema(tmp_path, page, kind):
    text = section(page, kind)
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert example.startswith(f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n")
    file = tmp_path / "x.yaml"
    file.write_text(example)
    source, data = parse(file, f"data/{KINDS[kind].plural}/x.yaml")  # YAML 1.2-like: the date stays text
    jsonschema.Draft202012Validator(schema_for(kind), format_checker=jsonschema.FormatChecker()).validate(data)
    diags = Diagnostics()
    assert validate(Entry(KINDS[kind], "x", source, data), diags), [d.text() for d in diags.items]
    assert set(data) == set(schema_for(kind)["required"])


def test_the_page_is_one_table_per_kind_when_converted(page):
    html = markdown.markdown(page.split("---\n", 2)[2], extensions=["tables", "attr_list", "fenced_code"])
    assert html.count("<table>") == len(KINDS)
    for kind in KINDS:
        assert f'id="{kind}"' in html
    # A pattern's '|' stays inside its cell.
    assert "<code>^(principle|story|question|runbook|metric|project|role):[a-z0-9]+(-[a-z0-9]+)*$</code>" in html


def test_the_page_is_listed_with_the_pages_about_the_handbook(project):
    result = pipeline.check_folder(project)
    nav = yaml.safe_load(result.pages()["handbook/.nav.yml"])["nav"]
    assert nav.index("schema-reference.md") > nav.index("roles")


@pytest.mark.e2e
def test_wired_into_check_the_page_passes_the_link_check_and_builds(project):
    """The page is part of every check and build, listed last in the handbook's navigation."""
    result = CliRunner().invoke(main, ["build", "-C", str(project)])
    assert result.exit_code == 0, result.output
    html = (project / "site" / "handbook" / "schema-reference" / "index.html").read_text()
    assert "Schema reference" in html and 'id="runbook"' in html
    assert not (project / "docs" / "handbook").exists()  # the pages reached MkDocs in memory
