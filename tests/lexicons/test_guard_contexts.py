"""Guard contexts are read position by position: the words of a context are separated by spaces
and ``a|b`` are alternatives for one position (docs/lexicon.md, "Guards"). A context written as
alternatives of whole phrases ("the door|the phone|to", "to death|in a stampede") is read as
a sequence of positions that no text matches, so the guard never fires: 46 rows of the
shipped guards were written that way and were inert until cues.guards 1.5.0 and
loaded_terms.guards 1.6.0 wrote each phrase as a row of its own.

Written for the project."""

from __future__ import annotations

from pathlib import Path

import pytest

import framing

LEXICONS = Path(framing.__file__).parent / "lexicons"

#: Rows whose positions share a word on purpose (a word that may come first or second).
SHARED_ON_PURPOSE = {("besieged", "after"), ("rob", "only_after")}


def _rows(path: Path):
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        fields = line.split("\t")
        if line.startswith(("#", "term\t")) or len(fields) < 3:
            continue
        yield number, fields[0], fields[1], fields[2]


@pytest.mark.parametrize("path", sorted(LEXICONS.glob("*.guards.tsv")), ids=lambda p: p.name)
def test_no_position_repeats_a_word_of_another(path):
    """Phrase alternatives written in one context ("in a stampede|in the crush") put the same
    word in several positions; a positional context names each word once."""
    wrong = []
    for number, term, side, context in _rows(path):
        positions = [set(p.split("|")) for p in context.split(" ") if p != "*"]
        shared = {
            word
            for i, left in enumerate(positions)
            for right in positions[i + 1 :]
            for word in left & right
        }
        if shared and (term, side) not in SHARED_ON_PURPOSE:
            wrong.append(f"{path.name}:{number} {term} {side}: {sorted(shared)}")
    assert not wrong, "contexts that read as phrase alternatives:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    "text",
    [
        "Villagers cowered in fear as the shells fell.",
        "He spent the morning milking the cows.",
        "The firm shredded the documents.",
        "The landlord watered down the drinks.",
        "Prospectors panned for gold in the river.",
        "The bodies were found lying in the street.",
        "He ducked for cover as shots rang out.",
        "Troops fired back at the gunmen.",
        # loaded_terms.guards 1.6.0 adds these literal senses
        "A fuming volcano forced villagers to flee.",
        "The regime of daily exercise helped her recover.",
        "The boxer was slammed to the canvas in the third round.",
    ],
)
def test_literal_senses_the_phrase_guards_name_are_not_loaded(text):
    assert framing.loaded_terms(text).empty


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # the same words in the loaded sense, which the phrases leave alone
        ("He was accused of lying in recent days.", "lying"),
        ("She was convicted of lying under oath.", "lying"),
        ("The minister was universally panned for the speech.", "panned"),
        ("The plan was watered down by ministers.", "watered down"),
        ("The administration defended the extreme measure.", "extreme"),
        ("The fuming minister stormed out.", "fuming"),
        ("The regime of President Assad fell.", "regime"),
        ("The senator slammed the bill.", "slammed"),
    ],
)
def test_loaded_senses_beside_the_phrases_still_count(text, term):
    assert term in framing.loaded_terms(text)["text"].tolist()


@pytest.mark.parametrize(
    "text",
    [
        "She answered the door in her pyjamas.",
        # cues.guards 1.6.0
        "The floods claimed dozens of lives.",
        "Doctors admitted the boy to the hospital.",
        "The school admitted 40 new students.",
        # said little or nothing: no statement reported
        "Officials have said little publicly about the investigation.",
        "He said nothing about the money.",
    ],
)
def test_literal_senses_of_cues_are_no_attribution(text):
    assert framing.attributions(text).empty


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("The minister admitted two errors in the report.", "admitted"),
        ("He said nothing had changed.", "said"),  # "nothing" opens what was said
    ],
)
def test_statements_beside_the_guards_are_still_attributions(text, verb):
    assert framing.attributions(text)["verb"].tolist() == [verb]
