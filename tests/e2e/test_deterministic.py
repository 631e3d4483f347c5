"""Two builds of the same input are byte-identical (SOURCE_DATE_EPOCH fixes the date)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from loopbook.cli import main
from tests.conftest import make_project

pytestmark = pytest.mark.e2e


# Every file is compared, Pagefind's filter and metadata files too: Pagefind 1.5 writes those in an arbitrary
# order (Pagefind/pagefind#638), and loopbook.engines.searchorder rewrites them in a fixed one.
def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_in_different_folders_are_byte_identical(tmp_path):
    sites = []
    for name in ("a", "b"):
        root = make_project(tmp_path / name)
        result = CliRunner().invoke(main, ["build", "-C", str(root)])
        assert result.exit_code == 0, result.output
        sites.append(digests(root / "site"))
    assert sites[0] == sites[1]
    assert "sitemap.xml.gz" in sites[0]
    assert any(path.startswith("pagefind/fragment/") for path in sites[0])
    assert any(path.startswith("pagefind/filter/") for path in sites[0]) and "pagefind/pagefind-entry.json" in sites[0]
    assert ".loopbook-site" in sites[0]
