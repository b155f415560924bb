"""framing.loaded_terms: lexicon matching, inflection, guards, voice."""

import pytest

import framing
from framing.lexicons import LexiconError, inflect


def hits(text):
    df = framing.loaded_terms(text)
    return [(r.text, r.term, r.in_quote) for r in df.itertuples()]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("The mayor lashed out at the council.", "lash out"),
        ("The mayor lashes out at the council.", "lash out"),
        ("The mayor is lashing out again.", "lash out"),
        ("A fuming governor left the room.", "fume"),
        ("The so-called reform passed.", "so-called"),
        ("The so\u2011called reform passed.", "so-called"),
        ("Union bosses met on Monday.", "union boss"),
        ("It was a brazen move.", "brazen"),
        ("The senator slammed the plan.", "slam"),
        ("The senator claimed the levy would pay for itself.", "claim"),
        ("The minister claims that the ferries run on time.", "claim"),
        ("Rivals called the plan a vanity project.", "vanity project"),
        ("The leftist mayor spoke first.", "leftist"),
    ],
)
def test_inflected_hits(text, term):
    assert term in [t for _, t, _ in hits(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Fuming nitric acid leaked from the tank.",
        "The lorry slammed into a barrier on the motorway.",
        "A blast at the plant injured four workers.",
        "The storm claimed two lives overnight.",
        "No group has claimed responsibility for the blast.",
        "The rower claimed the title for a third year.",
        "Initial jobless claims fell last week.",
        "Farmers can claim compensation for lost stock.",
        "He was charged with reckless driving.",
        "Toxic waste leaked from the drums.",
        "The air force scrambled fighter jets.",
        "The building was gutted by fire.",
    ],
)
def test_literal_senses_not_flagged(text):
    assert hits(text) == []


def test_case_insensitive_and_word_bounded():
    # "Unbrazen" contains a term but is not one: matching stops at word boundaries.
    assert [t for t, _, _ in hits("BRAZEN. Unbrazen is not a term.")] == ["BRAZEN"]


def test_in_quote_flags_speaker_voice():
    text = "“They lashed out at us,” she said, as the minister lashed out again."
    assert [(t, q) for t, _, q in hits(text)] == [("lashed out", True), ("lashed out", False)]


def test_in_quote_multi_paragraph():
    text = "“We were shocked by the brazen plan.\n\n“It was disastrous,” he said. A brazen move."
    flags = [q for _, _, q in hits(text)]
    assert flags[:2] == [True, True] and flags[-1] is False


def test_longest_match_wins():
    df = framing.loaded_terms("They doubled down on the plan.")
    assert df["text"].tolist() == ["doubled down"]


def test_offsets_slice_text():
    text = "A “so-called” plan; the regime’s thugs lashed out."
    df = framing.loaded_terms(text)
    assert not df.empty
    for r in df.itertuples():
        assert text[r.start : r.end] == r.text


def test_inflect_table():
    assert inflect("fume", "VERB") == ["fume", "fumed", "fumes", "fuming"]
    assert inflect("crony", "NOUN") == ["cronies", "crony"]
    assert inflect("so-called", "FIXED") == ["so-called"]


def test_user_lexicon_extends_bundled(tmp_path):
    lex = tmp_path / "mine.tsv"
    lex.write_text(
        "term\tpos\tcategory\trationale\tbasis\tadded\n"
        "gobsmack\tVERB\themotive_mood\tsurprise\tproject\t0.1\n".replace("hemotive", "emotive"),
        "utf-8",
    )
    df = framing.loaded_terms("They were gobsmacked and fuming.", extra=lex)
    assert df["term"].tolist() == ["gobsmack", "fume"]
    only = framing.loaded_terms("They were gobsmacked and fuming.", lexicon=lex)
    assert only["term"].tolist() == ["gobsmack"]
    assert only["lexicon"].iloc[0] == "mine@user"


def test_malformed_lexicon_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "term\tpos\tcategory\trationale\tbasis\tadded\nfine\tADJ\themotive_mood\tx\ty\t1\n".replace(
            "hemotive", "emotive"
        )
        + "broken\tADJ\temotive_mood\n",
        "utf-8",
    )
    with pytest.raises(LexiconError, match=r"bad\.tsv, line 3: expected 6 tab-separated"):
        framing.loaded_terms("x", lexicon=bad)
    bad.write_text(
        "term\tpos\tcategory\trationale\tbasis\tadded\nx\tADJ\tnot_a_category\tx\ty\t1\n", "utf-8"
    )
    with pytest.raises(LexiconError, match=r"line 2: invalid category 'not_a_category'"):
        framing.loaded_terms("x", lexicon=bad)


def test_bundled_lexicon_size_and_categories():
    from framing.lexicons import read_lexicon
    from framing.types import LOADED_CATEGORIES

    lex = read_lexicon("loaded_terms", ["term", "pos", "category", "rationale", "basis", "added"])
    assert len(lex.rows) >= 400
    counts = {c: sum(r["category"] == c for r in lex.rows) for c in LOADED_CATEGORIES}
    assert min(counts.values()) >= 20, counts
    assert lex.version and len(lex.sha256) == 64
