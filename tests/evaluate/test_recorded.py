"""The scores recorded for the report agree with docs/validation.md."""

from __future__ import annotations

from pathlib import Path

from framing.evaluate import recorded_scores

DOC = (Path(__file__).resolve().parents[2] / "docs" / "validation.md").read_text("utf-8")


def test_every_recorded_public_score_is_in_the_validation_doc():
    recorded = recorded_scores()
    assert recorded["public"] and recorded["limitations"]
    for row in recorded["public"]:
        for key in ("precision", "recall", "f1"):
            assert f"{row[key]:.3f}" in DOC, (row["corpus"], row["measure"], key)
