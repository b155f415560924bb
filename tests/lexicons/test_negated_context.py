"""Guard context positions of ``!word`` alternatives (cues.guards 1.3.0): "any word but these, or
none" (docs/lexicon.md, "Guards"). Written for the project."""

import pytest

import framing
from framing.lexicons import LexiconError, read_lexicon
from framing.lexicons.matcher import Guard, Matcher

LEXICON = (
    "term\tpos\tcategory\trationale\tbasis\tadded\nblast\tVERB\tloaded_action\ttest\ttest\t0.1\n"
)
GUARDS = (
    "term\tside\tcontext\trationale\tadded\n"
    # "blasted the door" is literal, unless "door" is a modifier ("door policy").
    "blast\tafter\tthe door !policy|!polic*\tliteral, not 'the door policy'\t0.1\n"
    # "sand blasted" is literal, unless "sand" follows "by the".
    "blast\tbefore\t!the sand\tliteral sand blasting\t0.1\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Crews blasted the door open.", []),  # "open" is no excluded word: guarded
        ("Crews blasted the door.", []),  # the clause ends: guarded
        ("Critics blasted the door policy.", ["blasted"]),  # an excluded word
        ("Critics blasted the door policies.", ["blasted"]),  # an excluded prefix
        ("Critics blasted the plan.", ["blasted"]),  # the positive word does not match
        ("Workers sand blasted the hull.", []),  # nothing before "sand": guarded
        ("They took the sand blasted hull.", ["blasted"]),  # "the" before "sand"
        ("Crews then sand blasted the hull.", []),  # another word before "sand"
    ],
)
def test_negated_positions(found, text, expected):
    assert found(text) == expected


def test_a_position_cannot_mix_negated_and_plain_words():
    with pytest.raises(ValueError, match="mixes"):
        Guard("after", (("law", "!enforcement"),))


def test_according_to_law_is_no_attribution_but_law_enforcement_officials_are_a_source():
    cues = read_lexicon("cues", ["term", "pos", "verb_class"])
    guards = read_lexicon("cues.guards", ["term", "side", "context"])
    matcher = Matcher([cues], [guards])

    def cue_terms(text):
        return [matcher.entries[h.entry]["term"] for h in matcher.find(text)]

    assert cue_terms("Voters must register according to law.") == []
    assert cue_terms("According to the new law, voters must register.") == []
    assert cue_terms("According to law enforcement officials, the port will close.") == [
        "according to"
    ]
    assert cue_terms("The port will close, according to a senior law enforcement official.") == [
        "according to"
    ]


def test_a_guard_file_mixing_negated_and_plain_words_names_its_line(tmp_path):
    lex = tmp_path / "lex.tsv"
    grd = tmp_path / "grd.tsv"
    lex.write_text(LEXICON, "utf-8")
    grd.write_text(GUARDS + "blast\tafter\tthe !door|window\tmixed\t0.1\n", "utf-8")
    with pytest.raises(LexiconError, match=r"line \d+: a context position mixes"):
        framing.loaded_terms("Crews blasted the door.", lexicon=lex, guards=grd)
