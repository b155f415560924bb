"""Loaded terms whose loaded sense is decided by context (lexicon 1.5.0).

Each of these words has common literal senses in wire copy ("troops attacked the base", "a
brutal winter", "crushed ice", "robbed a bank"). Their loaded senses are licensed by context
rows (``only_before`` / ``only_after``) in ``loaded_terms.guards.tsv``, and their literal senses
are ruled out there as well. Every text here was written for these tests.
"""

import pytest

import framing


def terms(text):
    return framing.loaded_terms(text)["term"].tolist()


LOADED = [
    # attack: criticism of a person, plan, record or institution
    ("Opposition leaders attacked the housing plan within an hour of its release.", "attack"),
    ("The governor attacked the senator's record on schools.", "attack"),
    ("Critics attacked the levy as a tax on commuters.", "attack"),
    ("She spent the debate attacking Republicans over the farm bill.", "attack"),
    ("The union called the bill an attack on working families' pensions.", "attack"),
    ("The ruling was the latest attack on press freedom, the editors wrote.", "attack"),
    ("He launched a personal attack on the auditor.", "attack"),
    ("The minister has come under attack from critics in her own party.", "attack"),
    # assault on a right or institution
    ("Campaigners described the new ID rules as an assault on voting rights.", "assault"),
    # invasion and storming, of migration only
    ("The senator warned of an invasion at the southern border.", "invasion"),
    ("Radio hosts described the arrivals as an invasion by migrants.", "invasion"),
    ("Hundreds of migrants stormed the border fence overnight, the tabloid said.", "storm"),
    ("Dozens of migrants stormed across the frontier on Sunday.", "storm"),
    # brutal, brutally: a judgement, not weather
    ("The regime's brutal crackdown on students drew protests abroad.", "brutal"),
    ("The council pushed through brutal cuts to youth services.", "brutal"),
    ("The rally was brutally broken up by riot police.", "brutally"),
    # authoritarian of tactics and politicians
    ("The mayor's authoritarian instincts worry his own councillors.", "authoritarian"),
    ("Protesters accused the minister of an authoritarian power grab.", "authoritarian"),
    # crush opponents, dissent, hopes; crushed by costs
    ("The ruling party crushed the opposition in three weeks.", "crush"),
    ("Small firms say they are being crushed by tax rises.", "crush"),
    ("The decision crushed the hopes of thousands of renters.", "crush"),
    # wreck an economy or a plan
    ("Critics say the tariffs wrecked the economy.", "wreck"),
    ("The strike wrecked the summer holidays of thousands of families.", "wreck"),
    # bury a report
    ("The ministry buried the report for two years.", "bury"),
    ("The fee rise was buried on page 30 of the council's budget.", "bury"),
    ("The change is buried in the small print of the contract.", "bury"),
    # pack a court or body
    ("The president vowed to pack the court with loyal judges.", "pack"),
    ("The commission, packed with party loyalists, rejected the complaint.", "pack"),
    ("Conservatives warned against court-packing.", "court-packing"),
    # rob of a vote or victory; taxpayers robbed
    ("The new boundaries robbed voters of their say.", "rob"),
    ("The club felt robbed of victory by a late penalty.", "rob"),
    ("The scheme robbed taxpayers of millions.", "rob"),
    # sabotage of a plan or negotiation
    ("The envoy accused hardliners of trying to sabotage the talks.", "sabotage"),
    ("She said the leak was political sabotage.", "sabotage"),
    # held hostage, figuratively
    ("Lawmakers accused the caucus of holding the budget hostage.", "hostage"),
    ("Commuters were held hostage by the rail unions again this week.", "hostage"),
    ("The treaty has become hostage to domestic politics.", "hostage"),
    # censorship in the contested uses, on both sides
    ("Parents called the removals book censorship.", "censorship"),
    ("The senator denounced Big Tech censorship of conservatives.", "censorship"),
    ("Teachers say the censorship crusade has chilled their classrooms.", "censorship"),
    # activist before an office expected to be neutral
    ("The paper blamed an activist DA for the rise in burglaries.", "activist da"),
    ("Her critics call her an activist teacher.", "activist teacher"),
    # fraud as a label for a person
    ("The rival candidate is a fraud, the governor told supporters.", "fraud"),
    ("He called the author a total fraud.", "fraud"),
    # rampage of policy, blow through money, open-door migration
    ("Opponents decried the administration's regulatory rampage.", "rampage"),
    ("The city has blown through its reserves in two years.", "blow through"),
    ("The ministry blew through 4 billion crowns by June.", "blow through"),
    ("The party attacked the government's open-door policy on asylum.", "open-door"),
    # choked by a burden
    ("Builders say they are choked by red tape.", "choke"),
]


@pytest.mark.parametrize(("text", "term"), LOADED)
def test_the_loaded_sense_is_counted(text, term):
    assert term in terms(text)


LITERAL = [
    # attack: military, criminal, medical, animal
    ("Troops attacked the base before dawn.", "attack"),
    ("Gunmen attacked the minister's convoy on the coast road.", "attack"),
    ("The attack on the embassy killed two guards.", "attack"),
    ("He died of a heart attack at 61.", "attack"),
    ("A shark attack closed the beach on Sunday.", "attack"),
    ("Rebels attacked government positions near the river.", "attack"),
    ("A man attacked the mayor with a knife outside the hall.", "attack"),
    ("The attack, officials said, was the third this month.", "attack"),
    ("The drone attack damaged a fuel depot.", "attack"),
    # assault: criminal and military
    ("He was charged with assault on a police officer.", "assault"),
    ("The assault on the town began at first light.", "assault"),
    ("She reported a sexual assault to the university.", "assault"),
    # invasion of a country; storming by police or troops
    ("The invasion of the island began in the spring of 1941.", "invasion"),
    ("The full-scale invasion displaced millions.", "invasion"),
    ("The invasion of privacy claim was dismissed.", "invasion"),
    ("Police stormed the building and freed the captives.", "storm"),
    ("Troops stormed across the border at dawn.", "storm"),
    ("The team stormed to victory in the final.", "storm"),
    # brutal weather, terrain, sport; brutally honest
    ("Farmers braced for a brutal winter.", "brutal"),
    ("Riders face a brutal climb on the final stage.", "brutal"),
    ("The brutal heat kept people indoors.", "brutal"),
    ("She was brutally honest about her chances.", "brutally"),
    # authoritarian as a regime type or a trait
    ("The report ranks authoritarian regimes by press freedom.", "authoritarian"),
    ("Trade with authoritarian states has grown.", "authoritarian"),
    ("The study links authoritarian parenting to anxiety.", "authoritarian"),
    # crush: physical
    ("Add crushed ice and a slice of lime.", "crush"),
    ("Two workers were crushed to death when the wall fell.", "crush"),
    ("His car was crushed by a falling tree.", "crush"),
    ("Crushed stone is used in the base layer.", "crush"),
    # wreck: vehicles and ships
    ("The car was wrecked in the crash.", "wreck"),
    ("Divers found the wreck of the ferry.", "wreck"),
    ("The storm wrecked three fishing boats.", "wreck"),
    # bury: the dead, snow, rubble
    ("He was buried at sea.", "bury"),
    ("She was buried in the village cemetery.", "bury"),
    ("The road was buried under two metres of snow.", "bury"),
    ("They buried their father on Friday.", "bury"),
    # pack: crowds and luggage
    ("A packed stadium cheered the winners.", "pack"),
    ("She packed her bags and left.", "pack"),
    ("The hall was packed with friends and supporters.", "pack"),
    ("Pupils bring a packed lunch on Fridays.", "pack"),
    # rob: crime
    ("Two men robbed a bank in the town centre.", "rob"),
    ("The shop was robbed three times this year.", "rob"),
    ("Gunmen robbed the passengers of their phones.", "rob"),
    ("He was robbed at knifepoint on his way home.", "rob"),
    # sabotage of infrastructure
    ("Investigators suspect sabotage of the gas pipeline.", "sabotage"),
    ("The rail line was closed after acts of sabotage.", "sabotage"),
    # hostages
    ("Gunmen held hostage eleven workers at the mine.", "hostage"),
    ("The hostage was released after four months.", "hostage"),
    ("Two aid workers were taken hostage by militants.", "hostage"),
    ("That promise could become a hostage to fortune.", "hostage"),
    # censorship by states and film boards
    ("Internet censorship in the country is strict.", "censorship"),
    ("The film passed the censorship board last week.", "censorship"),
    ("Wartime censorship delayed the news for weeks.", "censorship"),
    # fraud: the crime
    ("He faces three counts of wire fraud.", "fraud"),
    ("It was a fraud investigation that took four years.", "fraud"),
    ("Police arrested a fraud suspect at the airport.", "fraud"),
    ("The scheme was a fraud on investors, the judge said.", "fraud"),
    # activist in neutral uses
    ("An activist investor bought a stake in the bank.", "activist"),
    ("The climate activist spoke at the rally.", "activist"),
    # rampage, blow through, open-door, choke: literal
    ("The gunman's rampage left four people dead.", "rampage"),
    ("A cold wind blew through the valley.", "blow through"),
    ("The van blew through a red light.", "blow through"),
    ("The firm has an open-door policy for staff.", "open-door"),
    ("The boy choked on a grape.", "choke"),
    ("Smoke choked the valley for days.", "choke"),
]


@pytest.mark.parametrize(("text", "word"), LITERAL)
def test_the_literal_sense_is_not_counted(text, word):
    found = terms(text)
    assert not any(t == word or t.startswith(word + " ") for t in found), found


@pytest.mark.parametrize(
    "text",
    [
        "The nitric acid was fuming in the flask.",
        "The wreckage lay fuming for hours after the crash.",
        "Residents watched the crater fuming above the town.",
        "The mixture kept fuming long after the lid was closed.",
    ],
)
def test_fuming_said_of_a_substance_or_thing_is_literal(text):
    # (loaded_terms.guards and cues.guards 1.7.0: neither a loaded term nor a speech cue)
    assert "fume" not in terms(text)
    assert framing.attributions(text).empty


@pytest.mark.parametrize(
    "text",
    ["The minister was fuming after the vote.", "A fuming Ruiz stormed out of the hall."],
)
def test_fuming_said_of_a_person_stays_loaded(text):
    assert "fume" in terms(text)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("The striker blasted the ball into the top corner.", "blast"),
        ("She blasted a shot over the bar in the final minute.", "blast"),
        ("The substitute blasted home the winner.", "blast"),
        ("The chef slammed the pan on the stove.", "slam"),
        ("He slammed his hand on the desk and walked out.", "slam"),
    ],
)
def test_blasting_a_ball_or_slamming_an_object_is_literal(text, term):
    # (loaded_terms.guards and cues.guards 1.8.0)
    assert term not in terms(text)
    assert framing.attributions(text).empty


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("The coach blasted the referee after the match.", "blast"),
        ("The minister slammed the report as flawed.", "slam"),
    ],
)
def test_blasting_or_slamming_a_person_or_report_stays_loaded(text, term):
    assert term in terms(text)
