"""One Aho-Corasick pass for several matchers (:class:`framing.lexicons.matcher.ScanGroup`):
each matcher's hits from the shared pass are the hits of its own :meth:`Matcher.find`."""

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.detect.attribution.resources import resources
from framing.detect.loaded import get_matcher
from framing.detect.markers import hedge_matcher
from framing.lexicons import Matcher, read_lexicon
from framing.lexicons.matcher import ScanGroup, scan_group
from framing.text import Document

MATCHERS = (resources().cues, get_matcher(), hedge_matcher())


def _forms(matcher: Matcher, every: int) -> list[str]:
    return sorted(matcher._automaton.keys())[::every]


# Surface forms of every matcher (cues, loaded terms with their inflections, hedges), words
# that hold a form inside them, and punctuation that ends a guard's clause or a quotation.
PIECES = [
    *_forms(MATCHERS[0], 5),
    *_forms(MATCHERS[1], 25),
    *_forms(MATCHERS[2], 3),
    "the",
    "plan",
    "acid",
    "lives",
    "toward",
    "warrant",
    "unsaid",
    "re-slammed",
    "Okafor",
    ",",
    ".",
    "“",
    "”",
    "-",
    "'s",
]


def _hits(hits):
    return [(h.start, h.end, h.entry) for h in hits]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from([" ", "", "\n"]))
def test_shared_pass_finds_what_each_matcher_finds_alone(pieces, glue):
    text = glue.join(pieces)
    alone = [_hits(m.find(text)) for m in MATCHERS]
    doc = Document(text)
    scan_group(*MATCHERS).scan_into(doc)
    assert [_hits(m.find_in(doc)) for m in MATCHERS] == alone


def _matcher(tmp_path, name, terms, guards=""):
    lex = tmp_path / f"{name}.tsv"
    lex.write_text("term\tpos\n" + "".join(f"{t}\tVERB\n" for t in terms), "utf-8")
    rows = [read_lexicon(lex, ["term", "pos"])]
    if not guards:
        return Matcher(rows)
    grd = tmp_path / f"{name}.guards.tsv"
    grd.write_text("term\tside\tcontext\n" + guards, "utf-8")
    return Matcher(rows, [read_lexicon(grd, ["term", "side", "context"])])


def test_a_form_two_matchers_hold_is_found_for_each_with_its_own_guards(tmp_path):
    first = _matcher(tmp_path, "first", ["slam", "lash out"])
    second = _matcher(tmp_path, "second", ["slam", "claim"], "slam\tafter\tthe door\n")
    text = "Critics slammed the door and lashed out; rivals slammed the plan and claimed more."
    doc = Document(text)
    ScanGroup([first, second]).scan_into(doc)
    assert [text[h.start : h.end] for h in first.find_in(doc)] == [
        "slammed",
        "lashed out",
        "slammed",
    ]
    # The second matcher's guard rules out "slammed the door" for it alone.
    assert [text[h.start : h.end] for h in second.find_in(doc)] == ["slammed", "claimed"]


def test_a_document_no_group_scanned_is_scanned_by_the_matcher_itself(tmp_path):
    only = _matcher(tmp_path, "only", ["slam"])
    other = _matcher(tmp_path, "other", ["claim"])
    doc = Document("They slammed it and claimed it.")
    ScanGroup([other]).scan_into(doc)  # holds no candidates of `only`
    assert [doc.text[h.start : h.end] for h in only.find_in(doc)] == ["slammed"]
    assert _hits(only.find_in(Document(doc.text))) == _hits(only.find(doc.text))


def test_a_matcher_without_forms_finds_nothing_in_a_group(tmp_path):
    empty = Matcher([])
    full = _matcher(tmp_path, "full", ["slam"])
    doc = Document("They slammed it.")
    ScanGroup([empty, full]).scan_into(doc)
    assert empty.find_in(doc) == []
    assert len(full.find_in(doc)) == 1
    ScanGroup([empty]).scan_into(doc)
    assert empty.find_in(doc) == []
