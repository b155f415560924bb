"""Quotations a reader would attribute: a quotation that continues the previous speaker gets a
row of its own, and a quoted title or slogan is not a quotation of speech.

Written before the rules they check (issue 12) as an independent held-out check; not tuned
afterwards. A case the rules still miss is marked ``xfail(strict=True)`` with its reason.
"""

from __future__ import annotations

import pytest

import framing


def direct_quotes(text: str) -> list[tuple[str, str]]:
    """(speaker, quote) of every direct row, in order."""
    df = framing.attributions(text)
    df = df[df["kind"] == "direct"]
    return list(zip(df["speaker"], df["quote"], strict=True))


# (text, expected (speaker, quote) of the direct rows)
CONTINUED = [
    ("Daniel Okafor spoke first. “We will win,” Okafor said. “The people are with us.”",
     [("Daniel Okafor", "We will win"), ("Daniel Okafor", "The people are with us.")]),
    ("Daniel Okafor spoke first. Okafor attacked Ana Ruiz, saying, “She has no plan,” adding, "
     "“She never did.”",
     [("Daniel Okafor", "She has no plan"), ("Daniel Okafor", "She never did.")]),
    ("Sten Holm runs the port. “The bridge is unsafe,” Holm said. “We told them in March. "
     "Nobody listened.”",
     [("Sten Holm", "The bridge is unsafe"),
      ("Sten Holm", "We told them in March. Nobody listened.")]),
    ("Sten Holm runs the port. Holm said: “The bridge is unsafe.”\n\n“We told them in March.”",
     [("Sten Holm", "The bridge is unsafe."), ("Sten Holm", "We told them in March.")]),
    ("“Prices will rise,” said Tomas Varga of Kessel Bank. “Nobody should be surprised.”",
     [("Tomas Varga", "Prices will rise"), ("Tomas Varga", "Nobody should be surprised.")]),
    ("Ines Dahl lives by the river. “It was chaos,” she said. “There was water everywhere.”",
     [("Ines Dahl", "It was chaos"), ("Ines Dahl", "There was water everywhere.")]),
    ("Prime Minister Erik Salo spoke on Monday. “The plan is dead,” Salo said.\n\n“We start "
     "again on Monday.”",
     [("Erik Salo", "The plan is dead"), ("Erik Salo", "We start again on Monday.")]),
    ("“We did everything right,” said Mateo Ruiz, the captain. “The referee decided it.”",
     [("Mateo Ruiz", "We did everything right"), ("Mateo Ruiz", "The referee decided it.")]),
    ("Lena Voss told the hearing: “I was never paid.” “Not once.”",
     [("Lena Voss", "I was never paid."), ("Lena Voss", "Not once.")]),
    ("“Water came through the floor,” said Ana Ruiz, a nurse. “Then the power went. Then the "
     "phones.”",
     [("Ana Ruiz", "Water came through the floor"),
      ("Ana Ruiz", "Then the power went. Then the phones.")]),
    ("Mona Hale chairs the board. “We got it wrong,” Hale admitted. “We will pay the "
     "families.”",
     [("Mona Hale", "We got it wrong"), ("Mona Hale", "We will pay the families.")]),
    ("Hugo Lind was defiant. “I will not resign,” he said.\n\n“Why should I?”",
     [("Hugo Lind", "I will not resign"), ("Hugo Lind", "Why should I?")]),
    ("Tiago Rell faced the press. Rell praised his team, saying, “They deserve this,” and "
     "adding, “Nobody gave us a chance.”",
     [("Tiago Rell", "They deserve this"), ("Tiago Rell", "Nobody gave us a chance.")]),
    ("“We will rebuild,” said Mayor Ana Holt. “Every house. Every road.”",
     [("Ana Holt", "We will rebuild"), ("Ana Holt", "Every house. Every road.")]),
    ("Pia Wendt spoke after the vote. “This is a dark day,” Wendt said. “But it will pass.” "
     "“It always does.”",
     [("Pia Wendt", "This is a dark day"), ("Pia Wendt", "But it will pass."),
      ("Pia Wendt", "It always does.")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CONTINUED)
def test_a_quotation_that_continues_the_speaker_gets_its_own_row(text, expected):
    assert direct_quotes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The next quotation has a cue of its own.
        ("Daniel Okafor faced Ana Ruiz. “We will win,” Okafor said. “Never,” Ruiz replied.",
         [("Daniel Okafor", "We will win"), ("Ana Ruiz", "Never")]),
        # Another sentence comes between: no reader would credit the quotation to Okafor.
        ("Daniel Okafor spoke first. “We will win,” Okafor said. Ana Ruiz disagreed. "
         "“They will lose.”",
         [("Daniel Okafor", "We will win")]),
        # A quoted title opening the next sentence is not a quotation of speech.
        ("Daniel Okafor spoke first. “We will win,” Okafor said. “Red Harbour” opens on "
         "Friday.", [("Daniel Okafor", "We will win")]),
        # A quotation inside the next sentence's narration is no continuation.
        ("Daniel Okafor spoke first. “We will win,” Okafor said. The crowd sang “Old Port” "
         "until midnight.", [("Daniel Okafor", "We will win")]),
        ("Daniel Okafor spoke first. “We will win,” Okafor said. Ana Ruiz said: “You will "
         "not.” “Not this year.”",
         [("Daniel Okafor", "We will win"), ("Ana Ruiz", "You will not."),
          ("Ana Ruiz", "Not this year.")]),
    ],
)  # fmt: skip
def test_a_continuation_is_only_what_a_reader_would_credit(text, expected):
    assert direct_quotes(text) == expected


def test_a_continuation_row_keeps_the_cue_and_its_offsets():
    text = "Daniel Okafor spoke first. “We will win,” Okafor said. “The people are with us.”"
    df = framing.attributions(text)
    assert len(df) == 2
    first, second = df.iloc[0], df.iloc[1]
    assert (second["verb"], second["verb_start"]) == (first["verb"], first["verb_start"])
    assert text[second["quote_start"] : second["quote_end"]] == second["quote"]
    assert second["source_type"] == "named"


# --- quoted titles and slogans -----------------------------------------------------------------
# (text, cue): the cue reports a paraphrase that names a title or slogan in quotation marks
TITLES = [
    ("Daniel Okafor said the film “Red Harbour” had been banned.", "said"),
    ("The minister said the so-called “Victory Plan” would cost billions.", "said"),
    ("Ana Ruiz said the campaign, known as “Clean Streets Now”, had failed.", "said"),
    ("The union said its “Fair Pay Now” campaign would continue.", "said"),
    ("Lena Lindqvist told reporters that the report, titled “A Fair Deal”, was misleading.",
     "told"),
    ("The senator said the bill, dubbed the “Freedom Act” by supporters, would pass.", "said"),
    ("Critics say the “Green Deal” is a tax in disguise.", "say"),
    ("The author said her novel “The Salt Road” was inspired by her grandmother.", "said"),
    ("Mona Hale said the app, called “SafeWalk”, had 10,000 users.", "said"),
    ("The party said its slogan, “Homes First”, would stay.", "said"),
    ("The coach said the song “We Are Halvig” would be played before the match.", "said"),
    ("Organisers said the “Run for Rivers” event raised 4,000 crowns.", "said"),
    ("Daniel Okafor wrote that the documentary “Cold Water” was misleading.", "wrote"),
    ("Erik Vance said the ship, the “Northern Star”, had sunk in minutes.", "said"),
    ("Officials said the operation, code-named “Silent Tide”, had ended.", "said"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "cue"), TITLES)
def test_a_quoted_title_or_slogan_is_not_a_quotation_of_speech(text, cue):
    df = framing.attributions(text)
    row = df[df["verb"] == cue].iloc[0]
    assert row["kind"] == "indirect"


@pytest.mark.parametrize(
    "text",
    [
        "Daniel Okafor said the plan was “a disaster for the port”.",
        "Daniel Okafor said the plan would “Make Halvig Proud Again”, as the crowd cheered.",
        "Ana Ruiz called the deal “a betrayal”.",
    ],
)
def test_a_quoted_fragment_of_speech_is_still_mixed(text):
    kinds = framing.attributions(text)["kind"].tolist()
    assert kinds and kinds[0] == "mixed"
