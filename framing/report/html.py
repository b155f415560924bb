"""The report as one self-contained HTML page: code hidden, nothing loaded, nothing run."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser

from framing.errors import ReportError

__all__ = ["export_html", "offline_problems"]

PathLike = str | os.PathLike[str]


_HTML_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style>
main { max-width: 60em; margin: 0 auto; }
.framing-figure img { border: 1px solid #eee; }
</style>
{%- endblock extra_css -%}
"""

_URL_ATTRIBUTES = {
    "src",
    "href",
    "srcset",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "xlink:href",
    "ping",
    "cite",
    "longdesc",
    "manifest",
    "codebase",
}
_FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "base",
    "form",
    "applet",
    "meta",
}


class _OfflineChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        where = f"line {self.getpos()[0]}"
        if tag in _FORBIDDEN_TAGS and not (tag == "meta" and self._harmless_meta(attrs)):
            self.problems.append(f"{where}: <{tag}> element")
        self._in_style = tag == "style"
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on"):
                self.problems.append(f"{where}: event handler attribute {name!r} on <{tag}>")
            elif (
                name in _URL_ATTRIBUTES
                and value
                and not (value.startswith("#") or (value.startswith("data:") and tag == "img"))
            ):
                self.problems.append(f"{where}: <{tag} {name}={value[:60]!r}> (not embedded)")
            elif name == "style" and re.search(r"url\(|@import", value, re.IGNORECASE):
                self.problems.append(f"{where}: style attribute loads a resource on <{tag}>")

    @staticmethod
    def _harmless_meta(attrs: list[tuple[str, str | None]]) -> bool:
        names = {name for name, _ in attrs}
        return names <= {"charset", "name", "content"} and "http-equiv" not in names

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            for match in re.finditer(r"@import|url\(\s*['\"]?(?!data:)([^)'\"]*)", data, re.I):
                self.problems.append(
                    f"line {self.getpos()[0]}: stylesheet loads {match.group(0)[:60]!r}"
                )


def offline_problems(document: str) -> list[str]:
    """Everything in an HTML document that would run code or make a request when opened.

    Flags ``<script>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<form>``, ``<base>``,
    ``<meta http-equiv>``, event-handler attributes, any ``src``/``href``-like attribute that
    is not a ``#fragment`` (or a ``data:`` URI of an ``<img>``), and stylesheets with
    ``@import`` or non-``data:`` ``url(...)``.

    Returns:
        One line per problem (empty: the document is self-contained and inert).

    Examples:
        >>> offline_problems('<p><img src="data:image/png;base64,AA=="><a href="#x">x</a></p>')
        []
        >>> for problem in offline_problems('<script src="https://cdn.example/x.js"></script>'):
        ...     print(problem)
        line 1: <script> element
        line 1: <script src='https://cdn.example/x.js'> (not embedded)
    """
    checker = _OfflineChecker()
    checker.feed(document)
    checker.close()
    return checker.problems


def export_html(notebook: PathLike, *, title: str = "Comparative outlet report") -> str:
    """Render an executed notebook as a self-contained HTML page with the code hidden.

    Uses nbconvert's JupyterLab template without its script blocks (require.js, MathJax,
    widgets, mermaid), so the page makes no request and runs no code; figures are already
    ``data:`` URIs.

    Raises:
        ReportError: the page would still load something (see :func:`offline_problems`).
    """
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(os.fspath(notebook), as_version=4)
    nb.metadata["title"] = title
    for cell in nb.cells:
        # papermill gives the cell it injects a random id, which the HTML repeats: a fixed one
        # keeps the same run's page byte-identical.
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    exporter = HTMLExporter(
        template_name="lab",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        embed_images=True,
    )
    exporter.raw_template = _HTML_TEMPLATE
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    problems = offline_problems(body)
    if problems:
        raise ReportError(
            "the HTML report would not be self-contained: "
            + "; ".join(problems[:5])
            + (f" and {len(problems) - 5} more" if len(problems) > 5 else "")
        )
    return body
