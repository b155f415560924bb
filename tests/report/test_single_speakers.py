"""framing.report.hit_tables.without_single_speakers: the names of speakers attributed once
leave the report's attribution slice only where no ranking it makes can list them, so every
table the report draws from the slice stays the same."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import report, stats
from framing.report import sections
from framing.report.compact import compact_hits
from framing.report.gathered import arrow_categorical
from framing.report.hit_tables import without_single_speakers

NAMES = ["Ana Ruiz", "ana ruiz", "Ben Okafor", "Cy Moe", "Dee Park", "Eli Vance", "Fay Lund"]
SOURCES = ["named", "organization", "anonymous", "document", "unresolved"]

attribution = st.tuples(
    st.sampled_from(["a1", "a2", "a3", "b1", "b2", "c1"]),
    st.sampled_from(NAMES),
    st.sampled_from(SOURCES),
    st.sampled_from(["direct", "indirect", "mixed"]),
    st.sampled_from(["neutral", "doubt", "endorsement", "emotive"]),
)


def _slice(rows: list[tuple[str, str, str, str, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An attribution slice as the report holds it (compact, sorted categories) and its
    articles (outlet = the id's letter)."""
    ids, speakers, sources, kinds, classes = zip(*rows, strict=True)
    hits = pd.DataFrame(
        {
            "id": ids,
            "outlet": [i[0].upper() for i in ids],
            "detector": "attribution",
            "speaker": speakers,
            "kind": kinds,
            "category": classes,
            "source_type": sources,
            "speaker_gender": None,
        }
    )
    articles = hits.groupby(["id", "outlet"]).size().rename("attributions").reset_index()
    return compact_hits(hits), articles


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(attribution, min_size=1, max_size=40), ranks=st.integers(1, 4))
def test_rankings_up_to_ranks_deep_are_unchanged(rows, ranks):
    att, articles = _slice(rows)
    trimmed = without_single_speakers(att, ranks=ranks)
    if trimmed is not att:
        assert trimmed.attrs["exact_ranks"] == ranks
        assert trimmed["speaker"].isna().sum() > att["speaker"].isna().sum()
    # Every other column is as it was.
    pd.testing.assert_frame_equal(trimmed.drop(columns="speaker"), att.drop(columns="speaker"))
    for top in range(1, ranks + 1):
        options = {"n_boot": 20, "seed": 3}
        pd.testing.assert_frame_equal(
            stats.attribution_asymmetry(trimmed, top=top, min_attributions=1, **options),
            stats.attribution_asymmetry(att, top=top, min_attributions=1, **options),
        )
        pd.testing.assert_frame_equal(
            stats.share_of_voice(trimmed, articles, top=top, min_articles=1, **options),
            stats.share_of_voice(att, articles, top=top, min_articles=1, **options),
        )


@pytest.mark.parametrize("arrow", [False, True], ids=["python-names", "arrow-names"])
def test_names_go_only_when_enough_speakers_are_attributed_more_than_once(arrow):
    rows = [("a1", "Ana Ruiz", "named", "direct", "neutral")] * 2
    rows += [("a1", "Ben Okafor", "named", "direct", "doubt")] * 2
    rows += [("a2", "Cy Moe", "named", "indirect", "neutral")]
    att, _ = _slice(rows)
    if arrow:  # as the report's slices hold them (Arrow strings)
        names = pa.array(list(att["speaker"].cat.categories))
        att["speaker"] = arrow_categorical(names, att["speaker"].cat.codes.to_numpy(), "speaker")
    trimmed = without_single_speakers(att, ranks=2)
    assert pd.isna(trimmed["speaker"].iloc[-1])
    assert trimmed["speaker"].iloc[:-1].tolist() == ["Ana Ruiz"] * 2 + ["Ben Okafor"] * 2
    assert list(trimmed["speaker"].cat.categories) == ["Ana Ruiz", "Ben Okafor"]
    # A third place would need Cy Moe: nothing goes.
    assert without_single_speakers(att, ranks=3) is att
    # A name the report was asked for stays, whatever its capitals.
    kept = without_single_speakers(att, ranks=2, keep=["cy moe"])
    assert kept["speaker"].tolist()[-1] == "Cy Moe"


def test_a_report_ranking_deeper_than_its_kept_ranks_says_so(sample, tmp_path, monkeypatch):
    """With the names kept exact to 3 ranks only, the report's asymmetry and share-of-voice
    tables equal those of a report that keeps every name; a deeper share of voice is refused
    rather than wrong."""
    frame = sample.copy()
    options = {"top_speakers": 3, "n_boot": 50, "background_figures": False}
    full = report.prepare(frame, output_dir=tmp_path / "full", **options)
    monkeypatch.setattr(sections, "EXACT_RANKS", 3)
    trimmed = report.prepare(frame, output_dir=tmp_path / "trimmed", **options)
    names = trimmed._hits("attribution")["speaker"]
    assert names.isna().sum() > full._hits("attribution")["speaker"].isna().sum()
    pd.testing.assert_frame_equal(trimmed.attribution_shares(), full.attribution_shares())
    for run in (full, trimmed):
        run.share_of_voice(top=3)
    for name in ("share_of_voice", "voice_by_gender"):
        pd.testing.assert_frame_equal(
            pd.read_csv(tmp_path / "trimmed" / "tables" / f"{name}.csv"),
            pd.read_csv(tmp_path / "full" / "tables" / f"{name}.csv"),
        )
    with pytest.raises(ValueError, match="ranks at most 3 speakers"):
        trimmed.share_of_voice(top=4)
