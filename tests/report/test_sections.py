"""framing.report.sections: the report steps write only where they should."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from framing import report

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "data" / "corpus" / "tiny"


def test_symlinks_in_the_output_folder_cannot_redirect_writes(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    (out / "extraction").mkdir(parents=True)
    (out / "figures").symlink_to(outside, target_is_directory=True)
    run = report.prepare(TINY, output_dir=out, n_boot=50, min_articles=2)
    with pytest.raises(ValueError, match="refusing to write outside the output folder"):
        run.loaded_rates()
    (out / "methods.txt").symlink_to(outside / "methods.txt")
    with pytest.raises(ValueError, match="refusing to write outside the output folder"):
        run.methods()
    assert list(outside.iterdir()) == []


def test_share_names_cannot_become_paths(tmp_path):
    run = report.prepare(TINY, output_dir=tmp_path / "out", n_boot=50, min_articles=2)
    with pytest.raises(
        ValueError, match=re.escape("unknown share '../../escape'; valid: direct, doubt")
    ):
        run.doubt_shares("../../escape")
    assert not any(p.name.startswith("escape") for p in tmp_path.rglob("*"))
