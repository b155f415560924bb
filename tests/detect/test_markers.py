"""framing.markers: scare quotes and hedges."""

import pytest

import framing


def found(text):
    return [(r.text, r.type) for r in framing.markers(text).itertuples()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The so-called “peace plan” stalled.", [("“peace plan”", "scare_quote")]),
        ("The minister reportedly resigned.", [("reportedly", "epistemic_distancing")]),
        (
            "The claims could not be independently verified.",
            [("could not be independently verified", "unverified")],
        ),
        ("The talks appear to have stalled.", [("appear to", "hedge")]),
    ],
)
def test_markers(text, expected):
    assert found(text) == expected


def test_attributed_partial_quote_is_not_scare_quote():
    assert found("Ana Lutz said the offer “did not keep pace” with prices.") == []


def test_capitalised_title_is_not_scare_quote():
    assert found("The band played “Harbour Lights” at the fair.") == []


# The sentences below were written before the hedge and scare-quote rules of issue 12 were
# implemented, as an independent held-out check of each pattern family, and not tuned afterwards.

# (text, words a hedge or distancing marker must cover)
HEDGED = [
    ("The bridge is expected to reopen in May.", "expected to"),
    ("The minister is likely to resign.", "likely"),
    ("The fire was likely caused by a faulty heater.", "likely"),
    ("The suspect appeared to be armed.", "appeared to"),
    ("The plant appears to be leaking.", "appears to"),
    ("The vessel is believed to have sunk near the reef.", "believed to"),
    ("The document purportedly shows the minister’s signature.", "purportedly"),
    ("The firm reportedly paid 2 million crowns.", "reportedly"),
    ("Turnout was expected to exceed 60 percent.", "expected to"),
    ("Ministers are expected to approve the plan on Friday.", "expected to"),
    ("The storm will likely reach the coast by Sunday.", "likely"),
    ("The ceasefire appeared to be holding on Monday.", "appeared to"),
    ("It is likely that the vote will be delayed.", "likely"),
    ("The attackers are thought to have fled north.", "thought to"),
    ("The company is said to be considering a sale.", "said to"),
    ("The mayor appears unwilling to compromise.", "appears"),
    ("The two leaders appeared relaxed as they shook hands.", "appeared"),
    ("Shares are likely to fall when markets open.", "likely"),
    ("The bodies are believed to be those of the missing climbers.", "believed to"),
    ("The program is expected to cost 3 billion crowns.", "expected to"),
    ("The new rules are unlikely to pass.", "unlikely"),
    ("The judge appeared unconvinced by the argument.", "appeared"),
    ("The project, purportedly funded by donors, collapsed.", "purportedly"),
    ("The talks are widely expected to fail.", "expected to"),
    ("The ship was reportedly carrying grain.", "reportedly"),
    ("The outbreak most likely began at the market.", "likely"),
    ("The strike seemed certain to go ahead.", "seemed"),
    ("Voters appear divided over the levy.", "appear"),
    ("The results were expected to be announced on Sunday.", "expected to"),
    ("The leak was probably caused by corrosion.", "probably"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "words"), HEDGED)
def test_hedges(text, words):
    rows = framing.markers(text)
    hedges = rows[rows["type"].isin(["hedge", "epistemic_distancing", "unverified"])]
    assert len(hedges) == 1, hedges
    assert words in hedges.iloc[0]["text"]


NOT_HEDGED = [
    "The suspect appeared in court on Monday.",
    "The minister appeared on television to defend the plan.",
    "Ana Ruiz appeared before the committee on Tuesday.",
    "The singer appeared at the festival in June.",
    "A rash appeared on his arm.",
    "Cracks appeared in the dam last year.",
    "His name appears on the list.",
    "The photo appeared in the Ledger.",
    "Likely voters favour the incumbent by 5 points.",
    "Pollsters surveyed 800 likely voters.",
    "The team expected to win easily.",
    "Officials expect to finish the repairs by May.",
    "The expected rise in prices did not happen.",
    "He appeared as a witness for the defence.",
    "Ruiz appeared with her lawyer.",
    "The book first appeared in 1998.",
    "She has appeared in three films.",
    "Signs appeared along the road overnight.",
    "The defendant appeared via video link.",
    "The mayor appeared at a rally on Friday.",
    "The error appears in the second edition.",
    "A new logo appeared on the website.",
    "She appeared for the prosecution.",
    "The former minister appeared on a podcast to promote his book.",
    "A stain appeared.",
    "Smokers are more likely to develop the disease.",
    "Young drivers are twice as likely to crash.",
    "Women were less likely to be promoted.",
    "The rover is set to land on Friday.",
    "The result was as expected.",
]


@pytest.mark.parametrize("text", NOT_HEDGED)
def test_literal_senses_are_not_hedges(text):
    rows = framing.markers(text)
    assert rows[rows["type"] != "scare_quote"].empty, rows


# (text, the scare quote as written)
SO_CALLED = [
    ("The minister defended the so-called “Victory Plan,” which critics call reckless.",
     "“Victory Plan,”"),
    ("The so-called “Victory Plan” stalled.", "“Victory Plan”"),
    ("Its so-called “Clean Air Zone,” introduced in May, has been scrapped.",
     "“Clean Air Zone,”"),
    ("The so-called ‘Peace Framework’ was signed in secret.", "‘Peace Framework’"),
    ("The so-called \"Freedom Act,\" passed last week, is already in court.",
     "\"Freedom Act,\""),
    ("The so-called “Reform”, unveiled on Friday, cuts pensions.", "“Reform”"),
    ("Supporters of the so-called “Homes First” policy rallied.", "“Homes First”"),
    ("The self-styled “People’s Tribunal,” which has no legal standing, met again.",
     "“People’s Tribunal,”"),
    ("Lawmakers mocked the so-called “Fair Deal,” calling it a tax rise.", "“Fair Deal,”"),
    ("The so-called “Green Shield” scheme cost millions.", "“Green Shield”"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "quote"), SO_CALLED)
def test_a_quotation_after_so_called_is_a_scare_quote_capitals_and_comma_or_not(text, quote):
    rows = framing.markers(text)
    scare = rows[rows["type"] == "scare_quote"]
    assert scare["text"].tolist() == [quote]


# markers v9, grammar 1.17.0, hedges.guards 1.1.0 (docs/validation.md, section 25)


@pytest.mark.parametrize(
    "text",
    [
        "The word 'crisis' appears 40 times in the report.",
        'The term "fake news" was everywhere that year.',
        "The slogan “take back control” won the vote.",
    ],
)
def test_a_word_mentioned_after_a_noun_naming_it_is_no_scare_quote(text):
    found = framing.markers(text)
    assert found.loc[found["type"] == "scare_quote"].empty


def test_a_count_of_appearances_is_no_hedge():
    assert framing.markers("The word appears 40 times in the report.").empty


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("The 'independent' review was run by party donors.", "'independent'"),
        ("He appears tired after the trip.", "appears"),
    ],
)
def test_scare_quotes_and_hedges_beside_them_still_count(text, marker):
    assert marker in framing.markers(text)["text"].tolist()
