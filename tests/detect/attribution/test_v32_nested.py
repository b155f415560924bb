"""Attribution v32: a report inside a report, and a role description after an owner.

Written for the project. With attribution v31:

- the subject of a cue inside what an earlier cue of its sentence reports took in the earlier
  cue and its subject ("Ruiz said Okafor told him ..." gave the speaker "Ruiz said Okafor";
  '“...,” said Harvey, who acknowledged ...' gave "said Harvey"; "A memo seen by the Courier
  suggests managers had warned ..." gave the memo the managers' warning), because a noun
  phrase read leftwards takes up to three lower-case words before its head, a verb among them;
- a "that" within eight words of a cue was taken to open what the cue reports even when a
  clause stood before it ("said she believed that X", "said the vote was proof that X",
  "said managers warned them that X" reported X alone), so the words that make the report a
  belief, a judgement or another person's warning were left out;
- "the mayor's spokeswoman" resolved to the mayor: the owner's role was read as the
  spokeswoman's.
"""

from __future__ import annotations

import pytest

import framing


def rows(text: str) -> list[dict]:
    return framing.attributions(text).to_dict("records")


def row_of(text: str, verb: str) -> dict:
    found = [r for r in rows(text) if r["verb"] == verb]
    assert len(found) == 1, (text, verb, rows(text))
    return found[0]


@pytest.mark.parametrize(
    ("text", "verb", "speaker", "mention"),
    [
        ("Councillor Lena Holm said Tomas Berg told her the depot would close.", "told",
         "Tomas Berg", "Tomas Berg"),
        ("Dockers said managers warned them that the depot would close.", "warned",
         "managers", "managers"),
        ("A leaked memo seen by the Courier suggests managers had warned the board months ago "
         "that the depot would close.", "warned", "managers", "managers"),
        ("“We will fight,” said Tomas Berg, who insisted the depot would stay open.",
         "insisted", "Tomas Berg", "Tomas Berg"),
    ],
)  # fmt: skip
def test_the_subject_of_a_cue_starts_after_an_earlier_cue(text, verb, speaker, mention):
    row = row_of(text, verb)
    assert (row["speaker"], row["speaker_text"]) == (speaker, mention)
    assert text[row["speaker_start"] : row["speaker_end"]] == mention


@pytest.mark.parametrize(
    ("text", "verb", "quote"),
    [
        # a report inside a report: the outer one reports the inner one whole
        ("Dockers said managers warned them that the depot would close.", "said",
         "managers warned them that the depot would close"),
        ("A leaked memo seen by the Courier suggests managers had warned the board months ago "
         "that the depot would close.", "suggests",
         "managers had warned the board months ago that the depot would close"),
        # a clause before "that": what was said begins right after the cue
        ("Lena Holm said she believed that the depot would close.", "said",
         "she believed that the depot would close"),
        ("Tomas Berg said the vote was proof that the depot would close.", "said",
         "the vote was proof that the depot would close"),
        ("Tomas Berg said he had been told that the depot would close.", "said",
         "he had been told that the depot would close"),
        ("Tomas Berg said it was clear that the depot would close.", "said",
         "it was clear that the depot would close"),
        # no clause before "that": an addressee, a time or a phrase, as before v32
        ("Tomas Berg said in a statement on Friday that the depot would close.", "said",
         "the depot would close"),
        ("Lena Holm told reporters at the gate that the depot would close.", "told",
         "the depot would close"),
        # a cue's form after a preposition or an article is a noun ("to reports that")
        ("Lena Holm responded on Friday to reports that the depot would close.", "responded",
         "the depot would close"),
    ],
)  # fmt: skip
def test_what_a_cue_reports_keeps_the_clause_before_that(text, verb, quote):
    row = row_of(text, verb)
    assert row["quote"] == quote
    assert text[row["quote_start"] : row["quote_end"]] == quote


def test_a_person_who_says_she_found_something_reports_the_finding():
    # "find" has a document as its subject or is a person's own report: inside what a person
    # says, a pronoun's "found" is theirs (a document's "figures showed" stays inside)
    text = "Lena Holm said she found that the rules were unfair."
    found = row_of(text, "found")
    assert (found["speaker"], found["quote"]) == ("Lena Holm", "the rules were unfair")
    inner = "Lena Holm said the figures showed that the rules were unfair."
    assert [r["verb"] for r in rows(inner)] == ["said"]


@pytest.mark.parametrize(
    ("text", "speaker", "source_type"),
    [
        ("Mayor Ana Ruiz opened the depot. The mayor's spokeswoman said the city would pay.",
         "mayor's spokeswoman", "organization"),
        # the owner's role is no part of the description, the spokesman's is
        ("Gov. Ray Holt signed the bill. His spokesman, Dan Pike, said the governor was "
         "pleased. The governor's spokesman later said the cost was modest.", "Dan Pike",
         "named"),
        ("Mayor Ana Ruiz opened the depot. The mayor said the city would pay.", "Ana Ruiz",
         "named"),
    ],
)  # fmt: skip
def test_a_description_after_an_owner_is_not_the_owner(text, speaker, source_type):
    last = rows(text)[-1]
    assert (last["speaker"], last["source_type"]) == (speaker, source_type)
