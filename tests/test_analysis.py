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
