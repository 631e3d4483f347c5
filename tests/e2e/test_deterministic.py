"""Two builds of the same input are byte-identical (SOURCE_DATE_EPOCH fixes the date)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import make_project

pytestmark = pytest.mark.e2e


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
