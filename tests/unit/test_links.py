from __future__ import annotations

from click.testing import CliRunner

from generator.cli import main


def check(root) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "-C", str(root)])
    return result.exit_code, [l for l in result.output.splitlines() if ": error: " in l]


def test_a_broken_raw_html_link_in_a_hand_written_page_is_reported_at_its_line(project):
    page = project / "docs" / "guide" / "how-to-use.md"
    page.write_text(page.read_text() + '\nSee <a href="../../handbook/runbooks/alb-503/#rollbak">the rollback</a> and '
                    '<a href="../../handbook/nowhere/">nothing</a>.\n')
    code, errors = check(project)
    line = len(page.read_text().splitlines())
    assert code == 1
    assert errors == [
        f"docs/guide/how-to-use.md:{line}:14: error: link '../../handbook/runbooks/alb-503/#rollbak': no anchor 'rollbak' on that page; did you mean 'rollback'? [broken-anchor]",
        f"docs/guide/how-to-use.md:{line}:86: error: link '../../handbook/nowhere/': no page handbook/nowhere.md in the site [broken-link]",
    ]


def test_good_raw_html_and_markdown_links_between_hand_written_and_generated_pages_pass(project):
    page = project / "docs" / "guide" / "how-to-use.md"
    page.write_text(page.read_text() + '\n<a href="../../handbook/runbooks/alb-503/#rollback">ok</a> [ok](../handbook/stories/alb-outage.md#situation) '
                    '<a href="../../">home</a> <a href="../star-method/">star</a>\n')
    assert check(project) == (0, [])
