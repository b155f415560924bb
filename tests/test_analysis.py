"""framing.analyze: bundled tables, voice linking, escaped HTML."""

from html.parser import HTMLParser

import framing


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_analyze_bundles_tables_and_links_quote_speaker():
    text = "“This brazen scheme is a disgrace,” said Oda Finch. The so-called “reform” passed."
    a = framing.analyze(text)
    assert {"start", "end", "text", "term", "category", "in_quote", "speaker"} <= set(
        a.loaded_terms.columns
    )
    quoted = a.loaded_terms[a.loaded_terms["in_quote"]]
    assert quoted["speaker"].tolist() == ["Oda Finch"]
    assert a.attributions["speaker"].tolist() == ["Oda Finch"]
    assert "scare_quote" in a.markers["type"].tolist()
    assert a.summary()["attributions"] == 1


def test_html_escapes_hostile_text():
    text = 'Mayor <script>alert(1)</script> said <img src=x onerror="alert(2)"> was brazen.'
    html = framing.analyze(text)._repr_html_()
    parser = _Tags()
    parser.feed(html)
    assert not [t for t, _ in parser.tags if t in ("script", "img")]
    assert all(not k.startswith("on") for _, attrs in parser.tags for k in attrs)
    assert "&lt;script&gt;" in html


def test_analyze_empty_text():
    a = framing.analyze("")
    assert a.loaded_terms.empty and a.attributions.empty and a.markers.empty
    assert "framing-doc" in a.to_html()


class _Styled(HTMLParser):
    """Text of every element, with the inline style in force (nested styles concatenated)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.runs: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(dict(attrs).get("style") or "")

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        self.runs.append((data, ";".join(self.stack)))


def _sanitized(html: str) -> str:
    """What a notebook sanitizer leaves: <style> blocks and class-based CSS are gone."""
    import re

    return re.sub(r"<style\b.*?</style>", "", html, flags=re.S | re.I)


def test_highlights_survive_a_sanitizer_that_strips_style_blocks():
    text = "“A sham,” the mayor fumed. The so-called reform reportedly stalled."
    html = _sanitized(framing.analyze(text).to_html())
    assert "<style" not in html
    parser = _Styled()
    parser.feed(html)
    style_of = {}
    for data, style in parser.runs:
        style_of.setdefault(data.strip(), style)
    assert "background:#fde2b8" in style_of["so-called"]  # loaded term, outlet voice
    assert "background:#f3e3f7" in style_of["sham"]  # loaded term, in quote
    assert "font-weight:bold" in style_of["fumed"]  # attribution cue
    assert "background:#d9f0e6" in style_of["reportedly"]  # marker
    assert "text-decoration:underline" in style_of["the mayor"]  # speaker


def test_a_hedge_in_reported_speech_is_shown_and_counted_as_the_speakers():
    text = "The plan appears doomed. Analysts said a deal was unlikely before May."
    a = framing.analyze(text)
    assert a.markers[["text", "voice"]].values.tolist() == [
        ["appears", "outlet"],
        ["unlikely", "attributed"],
    ]
    assert (a.summary()["markers"], a.summary()["markers_outlet_voice"]) == (2, 1)
    parser = _Tags()
    parser.feed(a.to_html())
    titles = [attrs.get("title", "") for _, attrs in parser.tags]
    assert "marker: hedge, reported speech" in titles and "marker: hedge" in titles
