"""Source types: documents, anonymity, appositive and pre-posed names, abbreviated titles.

The sentences below were written for these tests before the rules they check (issue 12) were
implemented, as an independent held-out check of each pattern family; they were not tuned
afterwards. A case the rules still miss is marked ``xfail(strict=True)`` with its reason.
"""

from __future__ import annotations

import pytest
from support import row_of

import framing

# --- documents ---------------------------------------------------------------------------------
# (text, cue, a word the speaker mention contains)
DOCUMENTS = [
    ("The report found that river levels had fallen by a third.", "found", "report"),
    ("The report found river levels had fallen by a third.", "found", "report"),
    ("Court filings show the company paid the fines late.", "show", "filings"),
    ("Court filings showed that the firm had missed two deadlines.", "showed", "filings"),
    ("According to the filing, the contractor was paid twice.", "According to", "filing"),
    ("According to data released by the ministry, exports fell by 4 percent.", "According to",
     "data"),
    ("The study, published in March, found that sleep loss raised the risk.", "found", "study"),
    ("A study by the Halden Institute found that sleep loss raised the risk.", "found", "study"),
    ("The audit concluded that the council had overspent.", "concluded", "audit"),
    ("Police records show the car was stopped twice that night.", "show", "records"),
    ("The indictment alleges that the pair laundered funds through a bakery.", "alleges",
     "indictment"),
    ("The lawsuit claims the landlord ignored repeated complaints.", "claims", "lawsuit"),
    ("A leaked memo said the plant would close in June.", "said", "memo"),
    ("The survey found that most tenants had never met their landlord.", "found", "survey"),
    ("Figures published on Tuesday show unemployment rose to 6 percent.", "show", "Figures"),
    ("The ruling said the ban breached the constitution.", "said", "ruling"),
    ("The statement said the ministry regretted the delay.", "said", "statement"),
    ("An internal review found that staff had ignored the alarms.", "found", "review"),
    ("The minutes of the meeting show that the vote was delayed.", "show", "minutes"),
    ("According to court papers, the bank froze the accounts in May.", "According to",
     "papers"),
    ("According to the study, young drivers crash twice as often.", "According to", "study"),
    ("The autopsy report said the man died of a head wound.", "said", "report"),
    ("According to the ministry’s figures, 3,000 homes were damaged.", "According to",
     "figures"),
    ("A government report released on Monday found that waiting lists had grown.", "found",
     "report"),
    ("The inquiry’s final report concluded that the fire could have been prevented.",
     "concluded", "report"),
    ("The data show that rents rose fastest in the north.", "show", "data"),
    ("A 2019 study found that the drug cut relapse rates.", "found", "study"),
    ("Emails obtained by the Ledger show the mayor knew of the leak.", "show", "Emails"),
    ("The complaint, filed in March, alleges the firm misled investors.", "alleges",
     "complaint"),
    ("According to the charge sheet, the men entered the building at night.", "According to",
     "charge sheet"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "cue", "word"), DOCUMENTS)
def test_a_document_is_a_document_source(text, cue, word):
    row = row_of(text, cue)
    assert row["source_type"] == "document"
    assert word in row["speaker_text"]


@pytest.mark.parametrize(
    ("text", "cue", "source_type"),
    [
        ("The ministry said in a report that exports fell.", "said", "organization"),
        ("The company said in its annual report that profits had doubled.", "said",
         "organization"),
        ("Lena Ostrova, who wrote the report, said the findings were clear.", "said", "named"),
        ("The union found that most members backed the strike.", "found", "organization"),
    ],
)  # fmt: skip
def test_who_speaks_about_a_document_keeps_their_type(text, cue, source_type):
    assert row_of(text, cue)["source_type"] == source_type


@pytest.mark.parametrize(
    "text",
    [
        "Rescuers found the climbers on Tuesday.",
        "The talks concluded on Friday without a deal.",
        "The show drew two million viewers.",
        "Divers found that the wreck had moved.",
    ],
)
def test_finding_things_is_not_a_document_speaking(text):
    df = framing.attributions(text)
    assert "document" not in set(df["source_type"])


# --- anonymity signalled by a clause -----------------------------------------------------------
ANONYMOUS = [
    ("One pharmacist in Ressel, who asked not to be named, said supplies were low.",
     "said", "One pharmacist"),
    ("A nurse at Brannock General, who spoke on condition of anonymity, said wards were full.",
     "said", "A nurse"),
    ("A teacher from Halvig, who declined to be identified, said the school had closed.",
     "said", "A teacher"),
    ("An official in Port Amsel, who was not authorised to speak publicly, said the deal was "
     "off.", "said", "An official"),
    ("A resident of Mirrow, who did not want to be named, said the water smelled of fuel.",
     "said", "A resident"),
    ("A diplomat in Vellstad, who requested anonymity, said talks had stalled.", "said",
     "A diplomat"),
    ("A driver for Kessel Freight, who asked not to be identified, said shifts had been cut.",
     "said", "A driver"),
    ("One farmer near Ostby, who would not give his name, said the river had flooded twice.",
     "said", "One farmer"),
    ("A soldier stationed in Dravek, who spoke on condition of anonymity because he was not "
     "allowed to talk to reporters, said morale was low.", "said", "A soldier"),
    ("An official in Tarnow, who asked not to be named, said the border would reopen.",
     "said", "An official"),
    ("“We were never told,” said one worker at the Norrant plant, who asked not to be named.",
     "said", "one worker"),
    ("A senior aide to Governor Mara Lind, who asked not to be named, said the veto was "
     "certain.", "said", "A senior aide"),
    ("A person close to Ilse Varga, who spoke on condition of anonymity, said she would "
     "resign.", "said", "A person"),
    ("A shopkeeper in Old Harbour Street, who asked that her name not be used, said trade had "
     "halved.", "said", "A shopkeeper"),
    ("An employee at Vistream, speaking on condition of anonymity, said the layoffs would "
     "continue.", "said", "An employee"),
    ("According to a doctor in Lemberg who asked not to be named, the clinic had run out of "
     "insulin.", "According to", "a doctor"),
    ("A police officer in Dunmore, who was not authorized to discuss the case, said the "
     "suspect had fled.", "said", "A police officer"),
    ("Two officials in Carrow, who asked not to be named because the talks are confidential, "
     "said a deal was near.", "said", "Two officials"),
    ("A lawyer for Henrik Tal, who asked not to be named, said the appeal would be filed on "
     "Monday.", "said", "A lawyer"),
    ("A midwife at St. Agnes Hospital, who asked not to be named, said staff were exhausted.",
     "said", "A midwife"),
    ("A guard at Felsen Prison, who declined to give his name, told reporters the riot lasted "
     "an hour.", "told", "A guard"),
    ("A trader in Lisvik, who spoke on condition of anonymity, said prices had jumped.", "said",
     "A trader"),
    ("One engineer at Orvik Labs, who asked not to be named for fear of losing her job, said "
     "the tests were rushed.", "said", "One engineer"),
    ("A former employee of Kerbo, who requested anonymity, said drivers were pressured.",
     "said", "A former employee"),
    ("A neighbour in Gallow Lane, who declined to be named, said the family had moved out.",
     "said", "A neighbour"),
    ("A volunteer from the Red Harbour shelter, who asked not to be named, said beds were "
     "full.", "said", "A volunteer"),
    ("An election observer in Tessin Province, who spoke on condition of anonymity, said "
     "turnout figures were inflated.", "said", "An election observer"),
    ("A fisherman from Brekke Bay, who did not wish to be named, said catches had collapsed.",
     "said", "A fisherman"),
    ("“Nobody checks,” a clerk in Velden, who asked not to be named, told the Ledger.", "told",
     "a clerk"),
    ("A manager at Halvig Port, who spoke on the condition of anonymity, said two cranes had "
     "failed.", "said", "A manager"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "cue", "mention_start"), ANONYMOUS)
def test_a_source_who_asked_not_to_be_named_is_anonymous(text, cue, mention_start):
    row = row_of(text, cue)
    assert row["source_type"] == "anonymous"
    assert row["speaker_text"].startswith(mention_start)


# --- names in an appositive or before the name -------------------------------------------------
NAMED = [
    ("“The river is safe,” said the institute’s director, Janet Moore.", "said", "Janet Moore"),
    ("Another resident, retired teacher Paul Greene, said the road had flooded.", "said",
     "Paul Greene"),
    ("The union’s president, Marta Holm, said the strike would go ahead.", "said", "Marta Holm"),
    ("Its chief executive, Leon Sato, told investors that sales had slowed.", "told",
     "Leon Sato"),
    ("“We will appeal,” said the club’s lawyer, Ines Dahl.", "said", "Ines Dahl"),
    ("One shopper, pensioner Rita Vogel, said prices had doubled.", "said", "Rita Vogel"),
    ("A spokesman for the port, Tomas Brink, said the ferries would resume.", "said",
     "Tomas Brink"),
    ("Her lawyer, Sami Okoro, said she would plead not guilty.", "said", "Sami Okoro"),
    ("The hospital’s medical director, Dr. Ana Petrov, said beds were full.", "said",
     "Ana Petrov"),
    ("Local farmer Greta Lund said the harvest was the worst in years.", "said", "Greta Lund"),
    ("Retired nurse Ella Brandt said the clinic had been a lifeline.", "said", "Ella Brandt"),
    ("Flood survivor Jonas Weir said the warnings came too late.", "said", "Jonas Weir"),
    ("“It was chaos,” said commuter Nadia Farrell.", "said", "Nadia Farrell"),
    ("Another parent, accountant Kofi Mensah, said the fees were unfair.", "said",
     "Kofi Mensah"),
    ("The company’s founder, Ruth Adair, admitted that mistakes had been made.", "admitted",
     "Ruth Adair"),
    ("A neighbour, 72-year-old Harold Beck, said he heard two shots.", "said", "Harold Beck"),
    ("The council’s leader, Councillor Priya Nair, said the budget was balanced.", "said",
     "Priya Nair"),
    ("Her daughter, Lena Voss, said the family had not been consulted.", "said", "Lena Voss"),
    ("“We did everything right,” said the team’s captain, Mateo Ruiz.", "said", "Mateo Ruiz"),
    ("One of the organisers, student Amira Haddad, said the march was peaceful.", "said",
     "Amira Haddad"),
    ("The ministry’s spokeswoman, Carla Eng, told reporters the plan was on track.", "told",
     "Carla Eng"),
    pytest.param(
        "Their landlord, property developer Simon Hart, said the repairs were under way.", "said",
        "Simon Hart",
        marks=pytest.mark.xfail(strict=True, reason=(
            "'developer' is an organisation noun in the speakers lexicon (a property developer "
            "is usually a company), so an organisation noun before a name reads 'Simon Hart' "
            "as a company, as it rightly reads 'charity Safe Bet'")),
    ),
    ("Veteran campaigner Hugo Lind said the vote was a turning point.", "said", "Hugo Lind"),
    ("“The numbers do not work,” said economist Tara Quinn.", "said", "Tara Quinn"),
    ("A second witness, bus driver Omar Farah, told the court he saw the car.", "told",
     "Omar Farah"),
    ("The school’s head teacher, Mrs. Alice Grant, said pupils were safe.", "said",
     "Alice Grant"),
    ("Another farmer, Piet Ostra, said the dam had cracked.", "said", "Piet Ostra"),
    ("The firm’s owner, businessman Karl Jensen, denied that the workers had been underpaid.",
     "denied", "Karl Jensen"),
    ("“Nobody listened,” said one survivor, fisherman Ben Ayla.", "said", "Ben Ayla"),
    ("The regulator’s chair, Professor Ingrid Sol, said the fines were justified.", "said",
     "Ingrid Sol"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "cue", "speaker"), NAMED)
def test_a_name_in_an_appositive_or_before_it_makes_the_source_named(text, cue, speaker):
    row = row_of(text, cue)
    assert (row["speaker"], row["source_type"]) == (speaker, "named")


# --- abbreviated titles ------------------------------------------------------------------------
TITLED = [
    ("“The vaccine works,” said Dr. Hannah Ibe.", "said", "Hannah Ibe"),
    ("Sen. Ada Voss said the bill would pass.", "said", "Ada Voss"),
    ("Gov. Tom Reyes told reporters the budget was balanced.", "told", "Tom Reyes"),
    ("Rep. Carla Mendez claimed the vote had been rigged.", "claimed", "Carla Mendez"),
    ("Lt. Col. Ivan Petrak said the convoy had been ambushed.", "said", "Ivan Petrak"),
    ("Prof. Miriam Adler said the findings were preliminary.", "said", "Miriam Adler"),
    ("Mr. Okafor said he would appeal.", "said", "Okafor"),
    ("Ms. Lindqvist denied that she had signed the order.", "denied", "Lindqvist"),
    ("Mrs. Varga said the house was empty.", "said", "Varga"),
    ("“We are not finished,” said Sen. Ada Voss.", "said", "Ada Voss"),
    ("“The data are clear,” said Dr. Leena Varis, a virologist.", "said", "Leena Varis"),
    ("The budget is balanced, said Gov. Tom Reyes on Monday.", "said", "Tom Reyes"),
    ("Dr. Ibe, who led the trial, said the results were clear.", "said", "Ibe"),
    ("According to Dr. Hannah Ibe, the trial will end in May.", "According to", "Hannah Ibe"),
    ("Lt. Gen. Oskar Brandt said the troops would withdraw.", "said", "Oskar Brandt"),
    ("Capt. Nora Heikkinen said the ship had lost power.", "said", "Nora Heikkinen"),
    ("Sgt. Paul Dorn told the court he had seen the weapon.", "told", "Paul Dorn"),
    ("Rev. Samuel Oduya said the church would stay open.", "said", "Samuel Oduya"),
    ("Gen. Aldo Ferrante said the ceasefire was holding.", "said", "Aldo Ferrante"),
    ("The ceasefire is holding, Gen. Aldo Ferrante said.", "said", "Aldo Ferrante"),
    ("Adm. Karin Holt said the fleet was ready.", "said", "Karin Holt"),
    ("“We will appeal,” said Mr. Okafor.", "said", "Okafor"),
    ("Maj. Erik Lund said the base was secure.", "said", "Erik Lund"),
    ("Sen. Voss, a Democrat, said the bill would pass.", "said", "Voss"),
    ("Former Gov. Tom Reyes said the budget was a mess.", "said", "Tom Reyes"),
    ("Dr Hannah Ibe said the vaccine worked.", "said", "Hannah Ibe"),
    ("Ms. Ana Ruiz told the hearing she had been threatened.", "told", "Ana Ruiz"),
    ("Prof. Miriam Adler of Halden University said the data were sound.", "said",
     "Miriam Adler"),
    ("“Nothing was hidden,” Rep. Carla Mendez insisted.", "insisted", "Carla Mendez"),
    ("In a letter, Dr. Hannah Ibe wrote that the trial had been stopped.", "wrote",
     "Hannah Ibe"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "cue", "speaker"), TITLED)
def test_an_abbreviated_title_stays_with_its_name(text, cue, speaker):
    row = row_of(text, cue)
    assert (row["speaker"], row["source_type"]) == (speaker, "named")
