"""framing.report.html: the offline check of the HTML report."""

from __future__ import annotations

from framing import report


def test_offline_check_flags_everything_that_loads_or_runs():
    page = (
        '<link rel="stylesheet" href="https://cdn.example/x.css">'
        '<img src="https://example.org/t.png"><img src="data:image/png;base64,AA==">'
        '<a href="#top">top</a><a href="https://example.org">out</a>'
        '<div onclick="alert(1)"></div><iframe></iframe>'
        "<style>@import url(https://example.org/y.css); b{background:url(data:x)}</style>"
    )
    problems = "\n".join(report.offline_problems(page))
    assert "href='https://cdn.example/x.css'" in problems
    assert "src='https://example.org/t.png'" in problems
    assert "href='https://example.org'" in problems
    assert "onclick" in problems and "<iframe>" in problems and "@import" in problems
    assert "data:image/png" not in problems and "#top" not in problems
