"""Attribution v26: "he" or "she" takes up a person mentioned since the last speaker only
when that person is what their sentence is about.

Written for the project. With attribution v25 a person of unknown gender mentioned after the
last speaker took a later "he" or "she" wherever the mention was: as an object ("compared the
plan to one by Tomas Berg"), an owner ("Tomas Berg's office"), or a modifier ("a Tomas Berg
ally"). A sample of 25 such decisions on PolNeAR's articles, read one by one, was right 9
times and wrong 10 (6 wrong either way). Now that person takes the pronoun when named at the
start of a sentence or of the clause after an opening phrase, after nothing but titles and
roles ("Union spokesman Tomas Berg"), and not as an owner; otherwise the last speaker keeps
it.
"""

from __future__ import annotations

import pytest

import framing


def last_speaker(text: str) -> str:
    frame = framing.attributions(text)
    assert len(frame), text
    return str(frame["speaker"].iloc[-1])


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the person mentioned since is an object, an owner or a modifier: the speaker keeps it
        ("Councillor Lena Holm said the depot would close. Critics compared the plan to one "
         "by Tomas Berg. “We have no choice,” she said.", "Lena Holm"),
        ("Lena Holm said the depot would close. The decision delighted Tomas Berg. “We will "
         "see,” she said.", "Lena Holm"),
        ("Lena Holm said the depot would close. Tomas Berg's office was silent. “We will "
         "see,” she said.", "Lena Holm"),
        ("Lena Holm said the depot would close. Workers booed a Tomas Berg ally at the gate. "
         "“It is over,” she said.", "Lena Holm"),
        # the person mentioned since is what the sentence is about: they take it
        ("Lena Holm said the depot would close. Tomas Berg disagreed sharply. “It is a "
         "mistake,” he said.", "Tomas Berg"),
        ("Lena Holm said the depot would close. After the vote, Tomas Berg left the hall. "
         "“It is a mistake,” he said.", "Tomas Berg"),
        ("Lena Holm said the depot would close. Union spokesman Tomas Berg disagreed. “It is "
         "a mistake,” he said.", "Tomas Berg"),
        ("Lena Holm said the depot would close. Senator Tomas Berg, who chairs the "
         "committee, disagreed. “It is a mistake,” he said.", "Tomas Berg"),
    ],
)  # fmt: skip
def test_a_pronoun_takes_up_the_person_a_sentence_is_about(text, speaker):
    assert last_speaker(text) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # another portfolio, or the office itself where the person holds a deputy's
        ("Finance Minister Tomas Berg presented the budget. The prime minister said the plan "
         "was sound.", "The prime minister"),
        ("Deputy Mayor Ana Ruiz opened the depot. The mayor said the city would pay.",
         "The mayor"),
        ("Former Governor Lena Holm endorsed him. The governor said the race was open.",
         "The governor"),
        # the same office, named more or less fully
        ("Prime Minister Lena Holm met Finance Minister Tomas Berg. The prime minister said "
         "the plan was sound.", "Lena Holm"),
        ("Foreign Minister Dan Okafor flew in. The minister said talks would resume.",
         "Dan Okafor"),
        ("Deputy Mayor Ana Ruiz opened the depot. The deputy mayor said the city would pay.",
         "Ana Ruiz"),
    ],
)  # fmt: skip
def test_a_role_description_names_the_office_a_person_holds(text, speaker):
    """Attribution v27: "the prime minister" was resolved to a Finance Minister, "the mayor"
    to a deputy mayor, by the one role word they share."""
    assert last_speaker(text) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Sen. Ada Voss spoke first. The senator said the bill would pass.", "Ada Voss"),
        ("Gov. Tomas Berg toured the plant. The governor said jobs would return.", "Tomas Berg"),
        ("Rep. Dan Okafor of Ohio filed the bill. The congressman said it was overdue.",
         "Dan Okafor"),
        ("Gen. Lena Holm briefed reporters. The general said the troops were ready.",
         "Lena Holm"),
        ("Sen. Ada Voss and Gov. Tomas Berg met. The governor said the talks went well.",
         "Tomas Berg"),
        # a former office is not the office, nor the office a former one
        ("Gov. Tomas Berg toured the plant. The former governor said jobs would return.",
         "The former governor"),
    ],
)  # fmt: skip
def test_a_role_description_takes_up_an_abbreviated_title(text, speaker):
    """Attribution v28: "the senator" found no one after "Sen. Ada Voss", the abbreviation
    being a role word of its own."""
    assert last_speaker(text) == speaker
