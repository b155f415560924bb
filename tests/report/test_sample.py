"""The ground truth of the sample corpus (corpora/sample/README.md), read from the tables a
``framing report`` run writes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framing import cli, report

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "sample"


def run_cli(corpus: Path, out: Path, *args: str) -> int:
    return cli.main(["report", str(corpus), "--out", str(out), *args])


def html_of(folder: Path) -> str:
    return (folder / "report.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "report"
    assert run_cli(SAMPLE, out) == 0
    return out


@pytest.fixture(scope="module")
def sample_rates(sample_report) -> pd.Series:
    table = pd.read_csv(sample_report / "tables" / "loaded_rates.csv")
    return table.set_index("outlet")["rate"].sort_values(ascending=False)


@pytest.fixture(scope="module")
def sample_shares(sample_report) -> pd.DataFrame:
    table = pd.read_csv(sample_report / "tables" / "attribution_asymmetry.csv")
    return table.set_index(["speaker", "outlet"])


@pytest.mark.slow
def test_sample_report_is_self_contained(sample_report):
    assert report.offline_problems(html_of(sample_report)) == []


@pytest.mark.slow
def test_sample_daily_blaze_has_the_highest_loaded_rate_by_far(sample_rates):
    assert sample_rates.index[0] == "The Daily Blaze"
    assert sample_rates.iloc[0] > 2 * sample_rates.iloc[1]
    assert set(sample_rates.index[1:3]) == {"The Harbor Sentinel", "The Capital Ledger"}


@pytest.mark.slow
def test_sample_wire_and_trade_outlet_have_the_lowest_loaded_rates(sample_rates):
    assert set(sample_rates.index[-2:]) == {"Meridian Wire", "Grid & Harbour Review"}
    assert sample_rates["Meridian Wire"] < 1 and sample_rates["Grid & Harbour Review"] < 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("speaker", "doubting", "other"),
    [
        ("Helena Voss", "The Harbor Sentinel", "The Capital Ledger"),
        ("Piet Ostrander", "The Harbor Sentinel", "The Capital Ledger"),
        ("Tomas Ardent", "The Capital Ledger", "The Harbor Sentinel"),
        ("Rosa Quell", "The Capital Ledger", "The Harbor Sentinel"),
    ],
)
def test_sample_doubt_shares_follow_each_outlets_slant(sample_shares, speaker, doubting, other):
    high = sample_shares.loc[(speaker, doubting), "share_doubt"]
    low = sample_shares.loc[(speaker, other), "share_doubt"]
    assert high > low + 0.3, (speaker, high, low)
    assert sample_shares.loc[(speaker, "Meridian Wire"), "share_doubt"] < 0.1
    # Endorsing cues mirror the doubt cues (README ground truth 3).
    assert (
        sample_shares.loc[(speaker, other), "share_endorsement"]
        > sample_shares.loc[(speaker, doubting), "share_endorsement"]
    )


@pytest.mark.slow
def test_sample_daily_blaze_has_most_anonymous_and_emotive_attributions(sample_report):
    articles = pd.read_parquet(sample_report / "extraction" / "articles.parquet")
    totals = articles.groupby("outlet")[["attr_anonymous", "attr_emotive", "attributions"]].sum()
    shares = totals[["attr_anonymous", "attr_emotive"]].div(totals["attributions"], axis=0)
    assert shares["attr_anonymous"].idxmax() == "The Daily Blaze"
    assert shares["attr_emotive"].idxmax() == "The Daily Blaze"


def distinctive(sample_report, outlet: str, top: int = 10) -> list[str]:
    table = pd.read_csv(sample_report / "tables" / "distinctive_terms.csv")
    mine = table[(table["outlet"] == outlet) & (table["z"] > 0)]
    return mine.sort_values("z", ascending=False)["term"].head(top).tolist()


@pytest.mark.slow
def test_sample_distinctive_terms(sample_report):
    assert "union boss" in distinctive(sample_report, "The Capital Ledger")
    assert "crony" in distinctive(sample_report, "The Harbor Sentinel")
    assert {"fume", "lash out", "chaos"} <= set(distinctive(sample_report, "The Daily Blaze"))


@pytest.mark.slow
def test_sample_ledger_terms_named_in_the_readme(sample_report):
    assert {"militant", "radical"} <= set(distinctive(sample_report, "The Capital Ledger"))


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="'austerity' is deliberately not in loaded_terms 1.1.0 or 1.2.0 (standard economic "
    "vocabulary in neutral copy), so README ground truth 5 for the Sentinel holds only for "
    "'cronies'",
)
def test_sample_distinctive_terms_named_in_the_readme(sample_report):
    assert "austerity" in distinctive(sample_report, "The Harbor Sentinel")


@pytest.mark.slow
def test_sample_daily_blaze_has_the_highest_anonymous_share_in_the_written_table(sample_report):
    # README ground truth 4, read from tables/source_types.csv (not from the extraction).
    table = pd.read_csv(sample_report / "tables" / "source_types.csv")
    anonymous = table[table["source_type"] == "anonymous"].set_index("outlet")
    assert anonymous["share"].idxmax() == "The Daily Blaze"
    others = anonymous.drop(index="The Daily Blaze")
    assert anonymous.loc["The Daily Blaze", "ci_low"] > others["ci_high"].max()


@pytest.mark.slow
def test_sample_wire_and_trade_outlet_hedge_the_partisan_papers_do_not(sample_report):
    # README: Meridian Wire and Grid & Harbour Review use hedges ("could not be independently
    # verified", "appears to", "is expected to").
    table = pd.read_csv(sample_report / "tables" / "marker_rates.csv")
    hedges = table[table["marker"] == "hedges"].set_index("outlet")["rate"]
    assert hedges.sort_values().index[-2:].tolist() == ["Meridian Wire", "Grid & Harbour Review"]


@pytest.mark.slow
def test_sample_share_of_voice_and_trends_are_written(sample_report):
    voice = pd.read_csv(sample_report / "tables" / "share_of_voice.csv")
    assert set(voice["outlet"]) == {"Meridian Wire", "The Harbor Sentinel", "The Capital Ledger",
                                    "The Daily Blaze", "Grid & Harbour Review"}  # fmt: skip
    sentinel = voice[voice["outlet"] == "The Harbor Sentinel"]["speaker"].tolist()
    assert {"Tomas Ardent", "Rosa Quell"} <= set(sentinel)
    assert (voice["share"].between(0, 1)).all() and (voice["direct_share"].between(0, 1)).all()
    trends = pd.read_csv(sample_report / "tables" / "trends.csv")
    assert sorted(trends["period"].unique()) == ["2026-03-01", "2026-04-01", "2026-05-01"]


@pytest.mark.slow
def test_sample_evidence_slices_back_to_the_articles(sample_report):
    import framing

    evidence = pd.read_csv(sample_report / "tables" / "evidence.csv", keep_default_na=False)
    texts = dict(zip(*framing.load_corpus(SAMPLE)[["id", "text"]].T.values, strict=True))
    assert {"loaded_rate", "distinctive_terms", "doubt_share", "source_types",
            "share_of_voice"} <= set(evidence["figure"])  # fmt: skip
    for row in evidence.itertuples(index=False):
        text = texts[row.id]
        assert text[row.start : row.end] == row.match
        assert text[row.sentence_start : row.sentence_start + len(row.sentence)] == row.sentence
        assert row.sentence_start <= row.start and row.end <= row.sentence_start + len(row.sentence)
    # a few examples per distinctive term of each outlet, not every hit
    per_term = evidence[evidence["figure"] == "distinctive_terms"].groupby(["outlet", "key"]).size()
    assert per_term.max() <= 2
    html = html_of(sample_report)
    assert html.count('<details class="framing-evidence"') >= 10
    assert "<mark" in html
