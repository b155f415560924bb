"""Attribution v35: labels opening a line; "you"; initials and roles in names; time stamps;
an object before "that".

Written for the project (a court story, a business story, a diplomatic story, a live blog and
a question-and-answer interview, all fictional). With attribution v34:

- a line opened by a label and a colon with no quotation mark after it gave no row: a
  headline's source ("Graham: Trump's 'Hateful Rhetoric' Hurts the Party", PolNeAR's most
  common colon relation), a transcript's lines ("TAPPER: ...", "FALLIN: ..."), an interview's
  answers ("A: ..."); their loaded words counted as the outlet's own;
- "You have said ..." made "You" a capitalised name, an organisation ("you" is now the one
  addressed, unresolved, after a past form; anyone, no source, before "can say", "call");
- "She thanked volunteers and said ..." gave the speaker "She thanked volunteers";
- "U.S. Attorney Lidia Marchetti" became the person "S Attorney Lidia Marchetti" (initials
  run together broke the name), and "Assistant U.S. Attorney ..." kept the role in the name;
- a live blog's time stamp ("10:15 p.m. — ") was reported as what someone said, and made the
  subject after it no subject for a later "he";
- "demanded inspection rights that no one would accept" reported "no one would accept".
"""

from __future__ import annotations

import pytest

import framing


def rows(text: str) -> list[dict]:
    return framing.attributions(text).to_dict("records")


def reported(text: str, row: dict) -> str:
    return text[row["quote_start"] : row["quote_end"]]


HEADLINE = (
    "Okafor: Port Deal ‘A Disgrace’ That Will Cost Jobs\n\n"
    "Harbour union leader Bea Okafor said on Monday that the agreement was rushed."
)


def test_a_headline_label_names_its_source():
    (label, said) = rows(HEADLINE)
    assert (label["verb"], label["speaker"], label["source_type"]) == (":", "Bea Okafor", "named")
    assert label["kind"] == "mixed"  # a paraphrase holding a quoted fragment
    assert reported(HEADLINE, label) == "Port Deal ‘A Disgrace’ That Will Cost Jobs"
    assert said["speaker"] == "Bea Okafor"


@pytest.mark.parametrize(
    ("text", "speaker", "source_type", "kind"),
    [
        ("Poll: Ruiz Leads in Harlow\n\nA new survey shows a tie.", "Poll", "document",
         "indirect"),
        ("Ruiz: ‘We Will Not Move’\n\nAna Ruiz spoke in Harlow.", "Ana Ruiz", "named", "direct"),
        ("Dr. Ana Ruiz: Clinics Need More Nurses\n\nAna Ruiz runs the clinic.", "Ana Ruiz",
         "named", "indirect"),
    ],
)  # fmt: skip
def test_headline_labels_of_sources(text, speaker, source_type, kind):
    (row,) = [r for r in rows(text) if r["verb"] == ":"]
    assert (row["speaker"], row["source_type"], row["kind"]) == (speaker, source_type, kind)


@pytest.mark.parametrize(
    "text",
    [
        "Analysis: Ruiz’s Long Campaign Finds Few Takers\n\nAna Ruiz spoke in Harlow.",
        "Breaking: Ruiz Quits\n\nAna Ruiz spoke in Harlow.",
        "Editor’s Note: This Story Was Updated\n\nAna Ruiz spoke in Harlow.",
        "The Latest: Ruiz Heads to Harlow\n\nAna Ruiz spoke in Harlow.",
        "Big Win For Ruiz: Union Backs Her Bid\n\nAna Ruiz spoke in Harlow.",
        "Carl Benn Endorses Ana Ruiz: A Boost for Her Bid\n\nAna Ruiz spoke in Harlow.",
        "Paid Notice: Deaths of the Week\n\nThe Paid Notice runs daily.",
        # a name the story never writes again is no source it reports
        "Wow: Ruiz Is Back\n\nAna Ruiz spoke in Harlow.",
    ],
)
def test_headline_kickers_series_and_clauses_are_no_source(text):
    assert [r for r in rows(text) if r["verb"] == ":"] == []


TRANSCRIPT = (
    "The host spoke with the governor on Sunday.\n\n"
    "MARA VOSS: You called the levy a tax grab. Was it?\n\n"
    "HALVORSEN: It was nothing of the kind. The audit will show it.\n\n"
    "VOSS: Your critics disagree.\n\n"
    "HALVORSEN: My critics are fuming because the plan works."
)


def test_the_lines_of_a_transcript_are_their_speakers_words():
    labelled = [r for r in rows(TRANSCRIPT) if r["verb"] == ":"]
    assert [(r["speaker"], r["kind"]) for r in labelled] == [
        ("Mara Voss", "direct"),
        ("Halvorsen", "direct"),
        ("Mara Voss", "direct"),
        ("Halvorsen", "direct"),
    ]
    assert (
        reported(TRANSCRIPT, labelled[1]) == "It was nothing of the kind. The audit will show it."
    )
    terms = framing.loaded_terms(TRANSCRIPT)
    assert set(terms["voice"]) == {"attributed"}  # "tax grab", "fuming": the speakers'


@pytest.mark.parametrize(
    "text",
    [
        # a list of what each candidate needs: every label once, no conversation
        "What each needs:\n\nRuiz: A win in the north.\n\nOkafor: A strong second place.\n\n"
        "Berg: Survival until March.",
        # a tally
        "The count so far:\n\nRuiz: 1,769.\n\nOkafor: 1,501.\n\nRuiz: 547.\n\nOkafor: 46.",
    ],
)
def test_labelled_lists_and_tallies_are_no_transcript(text):
    assert [r for r in rows(text) if r["verb"] == ":"] == []


INTERVIEW = (
    "Ruth Abernathy has run Kessling for eight years. The interview has been edited.\n\n"
    "Q: Your opponents have called the levy a tax grab. Is it a fiasco?\n\n"
    "A: That is nonsense. Every cent goes to buses.\n\n"
    "Q: Why now?\n\n"
    "A: Eight years is enough."
)


def test_an_interviews_answers_are_attributed_and_its_questions_are_the_outlets():
    labelled = [r for r in rows(INTERVIEW) if r["verb"] == ":"]
    assert [(r["speaker"], r["source_type"], r["kind"]) for r in labelled] == [
        ("A", "unresolved", "direct"),
        ("A", "unresolved", "direct"),
    ]
    voices = dict(framing.loaded_terms(INTERVIEW)[["text", "voice"]].values.tolist())
    assert voices["nonsense"] == "attributed"  # the answer's
    assert voices["fiasco"] == "outlet"  # the question's: the interviewer writes for the outlet


@pytest.mark.parametrize(
    "text",
    [
        "What do you call a plan like that? Nobody knows.",
        "That is more than you can say for the council.",
        "You could say the plan failed, but nobody would listen.",
    ],
)
def test_you_as_anyone_is_no_source(text):
    assert rows(text) == []


@pytest.mark.parametrize(
    "text",
    ["You have said this will be your last term.", "Q: You said yesterday the budget was short."],
)
def test_you_who_spoke_is_a_source_the_text_does_not_name(text):
    (row,) = [r for r in rows(text) if r["verb"] == "said"]
    assert (row["speaker"], row["source_type"]) == (
        text[row["speaker_start"] : row["speaker_end"]],
        "unresolved",
    )
    assert row["speaker"].lower() == "you"


def test_a_pronoun_opening_a_clause_is_its_subject_before_a_second_verb():
    text = (
        "Ana Ruiz conceded on Monday. In a post online, she thanked volunteers and said she "
        "would keep going."
    )
    said = next(r for r in rows(text) if r["verb"] == "said")
    assert (said["speaker"], said["speaker_text"]) == ("Ana Ruiz", "she")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Assistant U.S. Attorney Lidia Marchetti told the court that emails showed it.",
         "Lidia Marchetti"),
        ("U.S. Attorney Lidia Marchetti said the emails showed it. Marchetti added that it was "
         "over.", "Lidia Marchetti"),
        ("Senator Ana Baker of Ohio said she had called him.", "Ana Baker"),
        ("“We are ready,” said G.K. Butterfield, a congressman.", "G.K. Butterfield"),
        ("The U.S. Court of Appeals said the law was valid.", "U.S. Court of Appeals"),
    ],
)  # fmt: skip
def test_initials_run_together_and_roles_inside_a_run_of_capitals(text, speaker):
    assert {r["speaker"] for r in rows(text)} == {speaker}


LIVE_BLOG = (
    "9:42 p.m. — Turnout appears to be higher than in 2022, county clerk Danielle Okonjo told "
    "the Ledger.\n\n"
    "10:15 p.m. — Republican challenger Wes Hardacre is not conceding. A spokesman for his "
    "campaign said it was too early.\n\n"
    "10:31 p.m. — Thomas Ekwueme took the stage. “Tonight we chose hope,” he told supporters."
)


def test_a_live_blogs_time_stamps_are_nobodys_words():
    found = rows(LIVE_BLOG)
    okonjo = next(r for r in found if r["verb"] == "told" and r["speaker"] == "Danielle Okonjo")
    assert reported(LIVE_BLOG, okonjo) == "Turnout appears to be higher than in 2022"
    assert not any(r["verb"] == "conceding" for r in found)  # only a time stamp before it
    told = [r for r in found if r["speaker_text"] == "he"]
    assert [r["speaker"] for r in told] == ["Thomas Ekwueme"]


@pytest.mark.parametrize(
    ("text", "verb", "content"),
    [
        ("Okonjo said Varostan had demanded inspection rights that no one would accept.",
         "demanded", "inspection rights that no one would accept"),
        ("Ruiz denied reports that he had resigned.", "denied",
         "reports that he had resigned"),
        # a stance, an addressee, a time: what follows "that" is what was said
        ("Ruiz expressed concern that the plan would fail.", "expressed",
         "the plan would fail"),
        ("Ruiz told reporters that the plan would fail.", "told", "the plan would fail"),
        ("Ruiz said afterwards that the plan would fail.", "said", "the plan would fail"),
        ("Ruiz argued last week that the plan would fail.", "argued", "the plan would fail"),
    ],
)  # fmt: skip
def test_a_that_after_the_cues_object_opens_a_relative_clause(text, verb, content):
    row = next(r for r in rows(text) if r["verb"] == verb)
    assert reported(text, row) == content


def test_a_one_word_line_of_a_transcript_is_its_speakers():
    text = "VOSS: Is it over?\n\nHALVORSEN: No.\n\nVOSS: Why?\n\nHALVORSEN: Because it works."
    labelled = [r for r in rows(text) if r["verb"] == ":"]
    assert [(r["speaker"], r["quote"]) for r in labelled] == [
        ("Voss", "Is it over?"),
        ("Halvorsen", "No."),
        ("Voss", "Why?"),
        ("Halvorsen", "Because it works."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "“This is overdue,” said Farid Osei of the Bay Watershed Coalition, which first reported "
        "the leaks in 2021.",
        "Farid Osei of the Bay Watershed Coalition, which first reported the leaks, said it was "
        "overdue.",
    ],
)
def test_which_stands_for_the_organisation_after_a_persons_preposition(text):
    reported_by = next(r for r in rows(text) if r["verb"] == "reported")
    assert (reported_by["speaker"], reported_by["source_type"]) == (
        "Bay Watershed Coalition",
        "organization",
    )


@pytest.mark.parametrize(
    ("text", "verb", "content"),
    [
        ("Kiki Delacroix called him a “serial liar” in a bombshell interview on Friday.",
         "called", "him a “serial liar”"),
        ("Thornbury hit back, branding the claims “pathetic fantasy” in a furious post.",
         "branding", "the claims “pathetic fantasy”"),
        # what follows the name goes on where it is no phrase of where or when
        ("Ruiz called it a “no-brainer” to close the depot.", "called",
         "it a “no-brainer” to close the depot"),
        ("Ruiz called the depot’s “claim of right” over the land “absurd.”", "called",
         "the depot’s “claim of right” over the land “absurd.”"),
    ],
)  # fmt: skip
def test_what_a_naming_cue_reports_ends_with_the_name_it_gives(text, verb, content):
    row = next(r for r in rows(text) if r["verb"] == verb)
    assert reported(text, row) == content


def test_the_outlets_words_after_a_quoted_name_stay_the_outlets():
    text = "Kiki Delacroix called him a “serial liar” in a bombshell interview on Friday."
    voices = dict(framing.loaded_terms(text)[["text", "voice"]].values.tolist())
    assert voices == {"liar": "quoted", "bombshell": "outlet"}


def test_a_form_in_s_before_an_auxiliary_is_a_noun():
    text = (
        "Analyst Marcus Oyelaran said the battery claims were “plausible but unproven” and "
        "noted that earlier phones had struggled."
    )
    assert [(r["speaker"], r["verb"]) for r in rows(text)] == [
        ("Marcus Oyelaran", "said"),
        ("Marcus Oyelaran", "noted"),
    ]


@pytest.mark.parametrize(
    ("text", "verb", "speaker_text"),
    [
        ("It was a slide that the agency predicts will deepen next year.", "predicts",
         "the agency"),
        ("He criticised Lena Holm, who he claims has treated the union badly.", "claims", "he"),
    ],
)  # fmt: skip
def test_a_form_in_s_in_a_relative_clause_before_an_auxiliary_is_a_verb(text, verb, speaker_text):
    (row,) = [r for r in rows(text) if r["verb"] == verb]
    assert row["speaker_text"] == speaker_text


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Some experts cautioned, however, that the record was short.", "the record was short"),
        ("Ruiz said, though, the plan was dead.", "the plan was dead"),
    ],
)
def test_a_sentence_adverb_after_the_cue_is_no_part_of_what_was_said(text, content):
    (row,) = rows(text)
    assert reported(text, row) == content


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Orbix Unveils Foldable Phone, Touts Battery Breakthrough\n\n"
         "Orbix on Tuesday unveiled its first foldable phone.", "Orbix"),
        ("Ruiz Quits, Slams Party Leaders\n\nAna Ruiz resigned on Monday.", "Ana Ruiz"),
    ],
)  # fmt: skip
def test_a_headlines_verb_of_praise_or_blame_after_a_comma_keeps_the_headlines_subject(
    text, speaker
):
    (row,) = [r for r in rows(text) if r["verb"] in ("Touts", "Slams")]
    assert row["speaker"] == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("Ana Ruiz caused a stir on Friday by saying that the ferry was unsafe.",
         "Ana Ruiz", "the ferry was unsafe"),
        ("Tomas Okafor kept his distance from the party by saying he would wait.",
         "Tomas Okafor", "he would wait"),
        ("Ana Ruiz spoke first. She followed that by saying, “Nobody here wants a fight.”",
         "Ana Ruiz", "Nobody here wants a fight."),
    ],
)  # fmt: skip
def test_a_participle_after_by_is_the_speech_act_of_the_main_clauses_subject(
    text, speaker, content
):
    (row,) = [r for r in rows(text) if r["verb"] == "saying"]
    assert (row["speaker"], reported(text, row)) == (speaker, content)


def test_a_participle_after_a_noun_is_no_speech_act_of_the_clause():
    assert rows("Police received calls saying shots had been fired.") == []


def test_a_capitalised_cue_before_a_hashtag_is_a_verb():
    text = "Ana Ruiz Tells #StopThePort Activists They Must Regroup\n\nAna Ruiz spoke on Monday."
    (row,) = rows(text)
    assert (row["speaker"], row["verb"]) == ("Ana Ruiz", "Tells")


@pytest.mark.parametrize(
    ("text", "speaker", "verb"),
    [
        ("Fans were quick to take sides, with many accusing Delacroix of staging the feud.",
         "many", "accusing"),
        ("Residents gathered outside, with some saying the plan was rushed.", "some", "saying"),
    ],
)  # fmt: skip
def test_a_quantifier_after_with_is_the_subject_of_an_absolute_participle(text, speaker, verb):
    (row,) = rows(text)
    assert (row["speaker"], row["verb"], row["source_type"]) == (speaker, verb, "anonymous")
