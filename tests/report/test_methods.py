"""framing.report.methods: the methods paragraph names versions, methods and counts."""

from __future__ import annotations

from framing.report.methods import methods_paragraph


def test_methods_paragraph_names_versions_methods_and_counts():
    text = methods_paragraph(
        {
            "framing_version": "0.1.0",
            "detectors": ["framing.markers.v1", "framing.loaded.v1", "framing.attribution.v1"],
            "lexicons": [{"name": "loaded_terms", "version": "1.0.0"}, "cues@1.2.0"],
            "corpus_fingerprint": "sha256:abc",
        },
        {
            "n_boot": 2000,
            "seed": 7,
            "alpha0": 4109,
            "min_count": 3,
            "chi2": {"statistic": 530.3, "dof": 20, "p_value": 0.0001, "monte_carlo": 9999},
        },
        {"articles": 55, "outlets": 5, "words": 20546, "events": 13, "matched_events": 13},
    )
    for needle in [
        "55 articles",
        "20,546 words",
        "5 outlets",
        "13 events",
        "with framing.loaded.v1",
        "with framing.attribution.v1",
        "with framing.markers.v1",
        "loaded_terms 1.0.0",
        "cues 1.2.0",
        "cluster bootstrap",
        "2,000 bootstrap resamples",
        "seed 7",
        "informative Dirichlet prior",
        "Monroe, Colaresi & Quinn 2008",
        "alpha0 = 4,109",
        "chi-square",
        "df = 20",
        "at least 3 attributions",
        "framing 0.1.0",
        "sha256:abc",
    ]:
        assert needle in text, needle
    assert text.index("framing.loaded.v1") < text.index("framing.attribution.v1")


def test_methods_paragraph_is_plain_text_without_markdown():
    validation = {
        "detector": "framing.loaded.v1",
        "per_outlet": 50,
        "seed": 1,
        "blind": True,
        "coders": 2,
        "items": 300,
        "alpha": 0.81,
        "alpha_by_kind": {"hits": 0.8, "sentences": 0.7},
        "precision": [0.8, 0.9],
        "recall": [0.6, 0.7],
    }
    text = methods_paragraph(
        {"framing_version": "0.1.0", "detectors": ["framing.loaded.v1", "custom.detector.v3"]},
        {"n_boot": 200, "validation": validation},
        {"articles": 9, "outlets": 3, "words": 2000},
    )
    assert "To validate framing.loaded.v1 on this corpus" in text
    assert "custom.detector.v3" in text
    assert not set(text) & set("`*_#")  # no code spans, emphasis or headings


def test_methods_paragraph_says_whose_hedges_were_counted():
    # markers have a voice since framing.markers.v10: the counts leave out the speakers' hedges
    def paragraph(markers: str) -> str:
        provenance = {"detectors": ["framing.loaded.v15", markers], "lexicons": []}
        return methods_paragraph(provenance, {}, {"articles": 2, "outlets": 1, "words": 90})

    assert "Loaded terms, hedges and scare quotes inside direct quotations" in paragraph(
        "framing.markers.v10"
    )
    older = paragraph("framing.markers.v9")
    assert "Loaded terms inside direct quotations" in older and "own-voice rate," in older
