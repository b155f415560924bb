"""Keyword in context, as the report re-exports it (framing.report.kwic)."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import report


def test_kwic_counts_inflections_and_respects_literal_guards():
    corpus = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "outlet": ["Courier", "Ledger", "Courier"],
            "text": [
                "The minister lashed out at critics, then kept lashing out.",
                "“They always lash out,” the mayor said.",
                "A trawler slammed into the breakwater. The union slammed the offer.",
            ],
        }
    )
    lines = report.kwic(corpus, "lash out", window=15)
    assert lines["match"].tolist() == ["lashed out", "lashing out", "lash out"]
    assert lines["in_quote"].tolist() == [False, False, True]
    assert lines["outlet"].tolist() == ["Courier", "Courier", "Ledger"]
    text = corpus.loc[0, "text"]
    first = lines.iloc[0]
    assert text[first["start"] : first["end"]] == "lashed out"
    assert first["left"] == "The minister "
    assert report.kwic(corpus, "slam")["match"].tolist() == ["slammed"]  # not "slammed into"
    assert report.kwic(corpus, "lash out", voice="outlet")["in_quote"].sum() == 0
    assert report.kwic(corpus, "critic")["match"].tolist() == ["critics"]  # not in the lexicon
    with pytest.raises(ValueError, match=r"unknown outlet.*available: 'Courier', 'Ledger'"):
        report.kwic(corpus, "lash out", outlets=["Foxx"])
