"""Attribution v21: quotations a reader credits that v20 missed or credited to someone else.

- A quotation that ends its own sentence with "?" or "!" and a cue clause after it with a
  phrase of time or place ("“Why now?” Holm said on Friday."), a phrase after "to", an
  adverbial clause or an addressee ("... Holm told reporters."): v20 read the clause as
  reporting nothing, or the next quotation (“A?” X said. “B.”), so the question went to no
  one or to the cue before it.
- "read" and "chant" report the words of a text or a crowd, but only as direct quotations
  (grammar ``quotation_only_cues``): "the statement read", "a sign reading “...”", "the crowd
  chanted “...”"; "she read the report", "gauges read 40 degrees" and "the caustic chant" are
  no attributions.

- "assure" and "reassure" are cues (lexicon ``cues`` 1.3.0), not "assured of" a result.
- Speakers described by what they do that the lexicon lacked ("wrote one commenter", "an
  onlooker shouted"): lexicon ``speakers`` 1.6.0.

Read on PolNeAR's missed direct quotations. Sentences written for the project.
"""

from __future__ import annotations

import pytest

import framing

CASES = [
    # a question or exclamation, then the cue clause with a phrase of time or place
    (
        "“Do you remember when the port was busy?” Holm said Friday.",
        [("Holm", "said", "direct", "Do you remember when the port was busy?")],
    ),
    (
        "“We need the money NOW!” Holm said on the radio.",
        [("Holm", "said", "direct", "We need the money NOW!")],
    ),
    # ... or a phrase after "to", an adverbial clause, an addressee
    (
        "“Why close the pier now?” Holm said to the crowd.",
        [("Holm", "said", "direct", "Why close the pier now?")],
    ),
    (
        "“Who pays for this?” Holm said as the council voted.",
        [("Holm", "said", "direct", "Who pays for this?")],
    ),
    (
        "“Who pays for this?” Holm asked reporters after the vote.",
        [("Holm", "asked", "direct", "Who pays for this?")],
    ),
    (
        # (the phrase after the addressee is found by word, not inside "Jones")
        "“Who pays for this?” Holm told Jones on Friday.",
        [("Holm", "told", "direct", "Who pays for this?")],
    ),
    # the question is what the cue reports; the next quotation continues it
    (
        "“Was the levy fair?” Holm said. “No, never.”",
        [
            ("Holm", "said", "direct", "Was the levy fair?"),
            ("Holm", "said", "direct", "No, never."),
        ],
    ),
    # the words of a text, and of a crowd
    (
        "“The pier stays shut until May,” the notice read.",
        [("notice", "read", "direct", "The pier stays shut until May")],
    ),
    (
        "The banner reads: “Hands off our harbour.”",
        [("The banner", "reads", "direct", "Hands off our harbour.")],
    ),
    (
        "Dock workers chanted “Open the gates!” outside the hall.",
        [("Dock workers", "chanted", "direct", "Open the gates!")],
    ),
    # people described by what they do, lexicon speakers 1.6.0
    (
        "“The pier will never reopen,” wrote one commenter.",
        [("one commenter", "wrote", "direct", "The pier will never reopen")],
    ),
    (
        "“Shame on the council!” an onlooker shouted.",
        [("an onlooker", "shouted", "direct", "Shame on the council!")],
    ),
    # "assure", "reassure": cues (lexicon cues 1.3.0); "assured of" a result and "rest
    # assured" are not
    (
        "“Your pension is safe,” Holm assured the dockers.",
        [("Holm", "assured", "direct", "Your pension is safe")],
    ),
    ("Holm is now assured of a second term.", []),
    # a possessor is no subject ("protester" and "heckler" are speaker nouns)
    (
        "The senator tried to calm the hall, and let a protester's jeer pass, saying the "
        "pier would reopen.",
        [("The senator", "saying", "indirect", "the pier would reopen")],
    ),
    # left alone
    ("“Why now?” Holm said, adding that the plan was late.", None),
    (
        "“Why now?” Holm said the plan was late.",
        [("Holm", "said", "indirect", "the plan was late")],
    ),
    (
        "“Why now?” Holm told reporters the plan was late.",
        [("Holm", "told", "indirect", "the plan was late")],
    ),
    # ("joked about" reports what follows it)
    (
        "“It is time.” She also joked about the weather.",
        [("she", "joked", "indirect", "about the weather")],
    ),
    ("She read the audit on Friday.", []),
    ("The gauge read 40 degrees at noon.", []),
    ("Dock workers chanted outside the hall for an hour.", []),
    ("Later the crowd took up the familiar chant “Open the gates!” again.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quotations_a_reader_credits(text: str, expected: list | None) -> None:
    rows = [(r.speaker, r.verb, r.kind, r.quote) for r in framing.attributions(text).itertuples()]
    if expected is None:  # the question is direct, the participle reports its own clause
        assert rows[0] == ("Holm", "said", "direct", "Why now?")
        assert ("Holm", "adding", "indirect", "the plan was late") in rows
    else:
        assert rows == expected


def test_read_is_typed_as_its_document_and_chant_as_emotive() -> None:
    notice = framing.attributions("“The pier stays shut,” the notice read.").iloc[0]
    assert (notice["source_type"], notice["verb_class"]) == ("document", "neutral")
    crowd = framing.attributions("The crowd chanted “Open the gates!”").iloc[0]
    assert crowd["verb_class"] == "emotive"
