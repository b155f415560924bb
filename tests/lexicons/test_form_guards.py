"""A guard row may name one form of its lemma: "told" (a form other than the lemma) or
"=report" (the form that is the lemma itself); a row whose term is the lemma applies to every
form (cues.guards 1.10.0 moved the noun readings of "report" after "police", "media" and the
like to the forms that can be nouns)."""

from __future__ import annotations

from framing.lexicons import read_lexicon
from framing.lexicons.matcher import Matcher


def _matcher(tmp_path, guards: str) -> Matcher:
    lex = tmp_path / "cues.tsv"
    lex.write_text("term\tpos\nreport\tVERB\n", "utf-8")
    grd = tmp_path / "cues.guards.tsv"
    grd.write_text("term\tside\tcontext\n" + guards, "utf-8")
    return Matcher(
        [read_lexicon(lex, ["term", "pos"])], [read_lexicon(grd, ["term", "side", "context"])]
    )


def _found(m: Matcher, text: str) -> list[str]:
    return [text[h.start : h.end] for h in m.find(text)]


def test_a_row_of_the_lemma_guards_every_form(tmp_path):
    m = _matcher(tmp_path, "report\tbefore\tpolice\n")
    assert _found(m, "A police report. Police reported it. Police reports vary.") == []


def test_a_row_of_the_bare_form_guards_that_form_only(tmp_path):
    m = _matcher(tmp_path, "=report\tbefore\tpolice\nreports\tbefore\tpolice\n")
    text = "A police report. Police reported it. Police reports vary. They report it."
    assert _found(m, text) == ["reported", "report"]


def test_a_bare_form_row_adds_to_the_lemma_rows(tmp_path):
    m = _matcher(tmp_path, "report\tafter\tcard\n=report\tbefore\tpolice\n")
    text = "A police report. A report card. Police reported a card. They report it."
    assert _found(m, text) == ["reported", "report"]
