"""Guard rows on the sides ``only_before`` / ``only_after``: a term with such rows counts only
where one of them matches (docs/lexicon.md, "Guards"); ``before`` / ``after`` rows still rule a
hit out."""

import pytest

import framing
from framing.lexicons import LexiconError

LEXICON = (
    "term\tpos\tcategory\trationale\tbasis\tadded\n"
    "trample\tVERB\tloaded_action\ttest\ttest\t0.1\n"
    "blunder\tNOUN\thyperbole\ttest\ttest\t0.1\n"
)
GUARDS = (
    "term\tside\tcontext\trationale\tadded\n"
    "trample\tonly_after\tthe|on * rights|rules\tfigurative object\t0.1\n"
    "trample\tonly_before\tcritics|rivals\tcritics as the subject\t0.1\n"
    "trample\tafter\ton * rights * horses\tliteral, whatever the licence\t0.1\n"
    "trampling\tonly_after\tover\tthis form only\t0.1\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The law tramples the basic rights of tenants.", ["tramples"]),  # only_after, wildcard
        ("They trampled on the rules again.", ["trampled"]),  # only_after, three words
        ("Critics trampled the idea.", ["trampled"]),  # only_before
        ("Cattle trampled the fence.", []),  # no licensing context
        ("The herd trampled through the field.", []),
        ("It trampled.", []),  # nothing after, nothing licensed
        ("They trampled on the rights of horses.", []),  # an `after` guard wins
        ("He is trampling over the fine print.", ["trampling"]),  # a form's own row
        ("They trampled over the fine print.", []),  # ... applies to that form only
        ("Another blunder followed.", ["blunder"]),  # a term without only_ rows is unaffected
    ],
)
def test_licensing_rows(found, text, expected):
    assert found(text) == expected


def test_licensing_context_stops_at_clause_punctuation(found):
    # "the" after a full stop belongs to the next sentence and licenses nothing.
    assert found("Cattle trampled. The rights were lost.") == []


def test_licensing_context_stops_at_a_comma(found):
    # Ruling-out guards read across commas; a licence must be in the hit's own phrase.
    assert found("Cattle trampled, the rights of way say.") == []
    assert found("Critics, the herd trampled.") == []
    assert found("As critics trampled, the vote went on.") == ["trampled"]


def test_an_unknown_side_names_the_valid_ones(tmp_path, files):
    lex, _ = files
    bad = tmp_path / "bad.tsv"
    bad.write_text("term\tside\tcontext\trationale\tadded\ntrample\tunless\tthe\tx\t0.1\n", "utf-8")
    with pytest.raises(LexiconError, match=r"bad\.tsv, line 2: side must be one of .*only_after"):
        framing.loaded_terms("x", lexicon=lex, guards=bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Critics; trampled the idea.", []),  # the subject is cut off by ";"
        ("Critics trampled (the rules of horses).", ["trampled"]),  # "(" ends the words after
        ("(Critics trampled) the rules.", ["trampled"]),  # "(" opens the words before
        ("The rules.Critics trampled", ["trampled"]),  # a hit at the very end of the text
        ("Cattle trampled “the rules” here.", []),  # a quotation mark is a clause stop
        ("Cattle trampled the basic rules. Cattle trampled the fence.", ["trampled"]),
        ("critics " + "x " * 40 + "trampled.", []),  # the licence is out of reach
    ],
)
def test_guard_words_stop_at_the_nearest_clause_stop(found, text, expected):
    assert found(text) == expected
