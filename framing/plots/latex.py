r"""Tables as LaTeX a paper can include: booktabs rules, numbers right-aligned and written out,
readable column headers, p-values as journals print them, caption and label.

:func:`latex_table` is what :func:`framing.plots.save_table` writes to ``tables/NAME.tex``
(the CSV beside it keeps the column names and full precision). The table needs
``\usepackage{booktabs}``, ``\usepackage{graphicx}`` (a table wider than the line is
shrunk to it) and ``\usepackage{longtable}`` (a table of more than 30 rows breaks across
pages). Text from the data (outlet, speaker, event names) is escaped, so
``&``, ``%``, ``$``, ``_``, braces, ``\``, ``~`` and ``^`` print as themselves; ``<``, ``>``
and ``|`` are left as they are and print as themselves with ``\usepackage[T1]{fontenc}`` (or
LuaLaTeX/XeLaTeX), which names in other scripts also need.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["COLUMN_HEADERS", "column_header", "escape_latex", "latex_table", "p_value_text"]

#: Headers of the columns the report writes, as LaTeX. Other columns: underscores become
#: spaces, the rest is escaped (:func:`column_header`). ``{ci}`` is the interval's level.
COLUMN_HEADERS: dict[str, str] = {
    # corpus and rates
    "outlet": "outlet",
    "event": "event",
    "articles": "articles",
    "words": "words",
    "events": "events",
    "first_published": "first published",
    "last_published": "last published",
    "loaded_outlet": "loaded terms (own voice)",
    "loaded_quoted": "loaded terms (quoted)",
    "attributions": "attributions",
    "count": "count",
    "rate": "per 1,000 words",
    "rate_loaded_outlet": "loaded per 1,000 words",
    "rate_loaded_quoted": "loaded in quotations per 1,000 words",
    "ci_low": r"{ci} CI low",
    "ci_high": r"{ci} CI high",
    "below_min": "below minimum",
    # distinctive terms
    "term": "term",
    "category": "category",
    "count_outlet": "count (outlet)",
    "count_rest": "count (other outlets)",
    "log_odds": "log-odds ratio",
    "variance": "variance",
    "z": "$z$",
    "prior_alpha": r"prior $\alpha$",
    # verb classes and the chi-square test
    "verb_class": "verb class",
    "statistic": r"$\chi^2$",
    "dof": "df",
    "p_value": "$p$",
    "p_value_monte_carlo": "$p$ (Monte Carlo)",
    "n_resamples": "random tables",
    "n": "$N$",
    "cramers_v": r"Cram\'er's $V$",
    "note": "note",
    # speakers
    "speaker": "speaker",
    "share_direct": "share direct quotation",
    "share_doubt": "share doubt",
    "share_endorsement": "share endorsement",
    "share_emotive": "share emotive",
    # matched events
    "outlet_a": "outlet A",
    "outlet_b": "outlet B",
    "mean_a": "mean A",
    "mean_b": "mean B",
    "mean_difference": r"difference (A $-$ B)",
    "a_higher": "events A higher",
    "b_higher": "events B higher",
    # validation
    "detector": "detector",
    "scope": "scope",
    "coders": "coders",
    "items": "items",
    "alpha": r"Krippendorff's $\alpha$",
    "percent_agreement": "agreement",
    "hits_coded": "hits coded",
    "precision": "precision",
    "sentences_coded": "sentences coded",
    "miss_share": "share missed",
    "misses_per_sentence": "misses per sentence",
    "hits": "hits",
    "detected_rate": "detected per 1,000 words",
    "corrected_rate": "corrected per 1,000 words",
    "recall": "recall",
    "item": "item",
    "kind": "kind",
    "id": "id",
    "start": "start",
    "end": "end",
}

#: Characters with a meaning in LaTeX text, as text.
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    # `\\ [` would read the bracket as the row's spacing argument
    "[": "{[}",
    "]": "{]}",
}
# Pairs TeX fonts turn into one glyph (-- en dash, `` and '' quotes, << >> guillemets in T1,
# ,, low quotes, !` ?` inverted marks): an empty group keeps the characters as written.
_LIGATURE = re.compile(r"(?<=[-`'<>,])(?=[-`'<>,])|(?<=[!?])(?=`)")
# Text that prints as written: ASCII letters, digits and punctuation LaTeX leaves alone (no
# ligature-forming or special character), single spaces between words.
_PLAIN = re.compile(r"[A-Za-z0-9.:;()/+=*@]+(?: [A-Za-z0-9.:;()/+=*@]+)*")
_NUMBER = re.compile(r"-?\d+(?:,\d+)*(?:\.\d+)?")
_P_VALUE = re.compile(r"^(?:p|pvalue|p_value)(?:_|$)")
_P_FLOOR = 0.001
# More columns than this are set in \small with narrower column gaps (standard LaTeX, no
# package): wide tables then fit a page instead of running into the margin.
_WIDE = 7
_COMPACT = [r"\small", r"\setlength{\tabcolsep}{4pt}"]
# More rows than this: a longtable (package longtable), which breaks across pages.
_LONG = 30


def escape_latex(text: Any) -> str:
    r"""``text`` as LaTeX that prints it as written, on one line.

    Line breaks and other white space become one space (a blank line would end the row) and
    control characters are dropped.

    Examples:
        >>> print(escape_latex("A & B: 50% of $x_1$ {ok} \\ ~^"))
        A \& B: 50\% of \$x\_1\$ \{ok\} \textbackslash{} \textasciitilde{}\textasciicircum{}
        >>> print(escape_latex("[1] pro--con\n\nside"))
        {[}1{]} pro-{}-con side
    """
    if isinstance(text, str) and _PLAIN.fullmatch(text):
        return text  # nothing to escape, join or drop (most cells of a large table)
    words = " ".join(str(text).split())
    kept = "".join(c for c in words if unicodedata.category(c) not in ("Cc", "Cs"))
    return "".join(_SPECIAL.get(c, c) for c in _LIGATURE.sub("\x00", kept)).replace("\x00", "{}")


def column_header(name: Any, ci: float = 0.95) -> str:
    r"""The LaTeX header of a column: :data:`COLUMN_HEADERS`, an interval bound of another
    column (``share_doubt_low``: ``95% CI low``), or the name with spaces for underscores.

    Examples:
        >>> column_header("ci_low"), column_header("rate_loaded_outlet")
        ('95\\% CI low', 'loaded per 1,000 words')
        >>> column_header("share_doubt_high", ci=0.9), column_header("odd_name & co")
        ('90\\% CI high', 'odd name \\& co')
    """
    level = f"{ci:.0%}".replace("%", r"\%")
    text = str(name)
    if text in COLUMN_HEADERS:
        return COLUMN_HEADERS[text].replace("{ci}", level)
    for bound in ("low", "high"):
        if text.endswith(f"_{bound}") and text != f"_{bound}":
            return f"{level} CI {bound}"
    return escape_latex(text.replace("_", " "))


def _minus(text: str) -> str:
    """A typographic minus sign (a hyphen is shorter)."""
    return "$-$" + text[1:] if text.startswith("-") else text


def _integer(value: Any) -> str:
    return _minus(f"{int(value):,}")


def _float(value: float, float_format: str) -> str:
    if math.isinf(value):
        return r"$\infty$" if value > 0 else r"$-\infty$"
    text = float_format.format(value)
    if "e" in text.lower():  # never 1e-05 in a table body
        text = f"{value:,.3f}"
    if text.lstrip("-").strip("0.,") == "":  # -0.000 is 0.000
        text = text.lstrip("-")
    if _NUMBER.fullmatch(text):  # digits, one minus, single separators: nothing to escape
        return _minus(text)
    return _minus(escape_latex(text))


def p_value_text(value: float, floor: float | None = None) -> str:
    r"""A p-value as journals print it: ``$p < 0.001$`` below 0.001, three decimals otherwise.

    Args:
        value: the p-value.
        floor: the smallest p-value the test can give, ``1 / (B + 1)`` for a Monte Carlo test
            with ``B`` random tables: a value below it is raised to it, and a value at it reads
            ``$p \leq$ floor`` when the floor is 0.001 or more.

    Examples:
        >>> p_value_text(0.0), p_value_text(0.0312), p_value_text(0.0004, floor=1 / 10_000)
        ('$p < 0.001$', '0.031', '$p < 0.001$')
        >>> p_value_text(0.0, floor=1 / 200), p_value_text(0.2, floor=1 / 200)
        ('$p \\leq 0.005$', '0.200')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    value = float(value)
    if floor is not None and floor > 0:
        value = max(value, floor)
        if floor >= _P_FLOOR and value <= floor * (1 + 1e-9):
            return rf"$p \leq {floor:.2g}$"
    if value < _P_FLOOR:
        return "$p < 0.001$"
    return f"{value:.3f}"


def _cell(value: Any, float_format: str) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer):
        return _integer(value)
    if isinstance(value, float | np.floating):
        return "" if math.isnan(value) else _float(float(value), float_format)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d" if value == value.normalize() else "%Y-%m-%d %H:%M")
    return escape_latex(value)


def _is_number_column(values: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(values):
        return False
    if pd.api.types.is_numeric_dtype(values):
        return True
    present = values.dropna()
    return len(present) > 0 and all(
        isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool)
        for v in present
    )


def _column_cells(table: pd.DataFrame, name: Any, float_format: str) -> list[str]:
    values = table[name]
    if isinstance(name, str) and _P_VALUE.match(name) and _is_number_column(values):
        floors: list[float | None] = [None] * len(table)
        if "monte_carlo" in name and "n_resamples" in table.columns:
            floors = [None if pd.isna(b) else 1.0 / (float(b) + 1.0) for b in table["n_resamples"]]
        return [p_value_text(v, f) for v, f in zip(values, floors, strict=True)]
    return [_cell(v, float_format) for v in values.astype(object)]


def latex_table(
    df: pd.DataFrame,
    *,
    caption: str,
    label: str,
    index: bool = False,
    float_format: str = "{:,.3f}",
    provenance_lines: list[str] | None = None,
    intervals: bool = True,
) -> str:
    r"""A publication-ready LaTeX ``table``: booktabs rules, a header per column
    (:func:`column_header`), numbers right-aligned with thousands separators and a minus sign,
    p-values as :func:`p_value_text` writes them (a Monte Carlo p-value column is floored at
    ``1 / (n_resamples + 1)``), never e-notation, yes/no for booleans, long text in a wrapping
    column, then ``\caption`` and ``\label``. An estimate followed by its interval bounds
    (``rate, ci_low, ci_high`` or ``share, share_low, share_high``) is one column, ``0.530
    [0.474, 0.603]``, as papers print it; a table with many columns is set smaller, with less
    space between columns, so that it fits the page.

    Args:
        df: the table; ``df.attrs["ci"]`` (e.g. ``0.95``) names the level of ``*_low`` and
            ``*_high`` columns.
        caption: the caption (plain text; escaped).
        label: the label, written as ``tab:LABEL``.
        index: write the index as leading columns.
        float_format: format of other floats (fixed-point; e-notation falls back to it).
        provenance_lines: ``%`` comment lines to put first.
        intervals: write each estimate and its interval bounds in one column (the CSV keeps
            them apart).

    Examples:
        >>> table = pd.DataFrame({"outlet": ["A & B"], "rate": [12345.6789], "ci_low": [-0.0001],
        ...                       "p_value": [1e-9]})
        >>> print(latex_table(table, caption="Rates", label="rates"))
        \begin{table}[htbp]
        \centering
        \caption{Rates}
        \label{tab:rates}
        \resizebox{\ifdim\width>\linewidth\linewidth\else\width\fi}{!}{%
        \begin{tabular}{lrrr}
        \toprule
        outlet & per 1,000 words & 95\% CI low & $p$ \\
        \midrule
        A \& B & 12,345.679 & 0.000 & $p < 0.001$ \\
        \bottomrule
        \end{tabular}}
        \end{table}
    """
    table = df.reset_index() if index else df
    ci = df.attrs.get("ci", 0.95)
    ci = float(ci) if isinstance(ci, int | float) and 0 < float(ci) < 1 else 0.95
    columns = list(table.columns)
    headers = [column_header(_flat(name), ci) for name in columns]
    cells = [_column_cells(table, name, float_format) for name in columns]
    if intervals:
        columns, headers, cells = _with_intervals(table, columns, headers, cells, ci)
    long_text = [
        not _is_number_column(table[name]) and max((len(t) for t in texts), default=0) > 40
        for name, texts in zip(columns, cells, strict=True)
    ]
    # wrapping columns share half the line between them
    wrap = rf"p{{{max(0.15, round(0.5 / max(1, sum(long_text)), 2))}\linewidth}}"
    spec = []
    for name, is_long in zip(columns, long_text, strict=True):
        if _is_number_column(table[name]):
            spec.append("r")
        else:
            spec.append(wrap if is_long else "l")
    rows = [" & ".join(row) + r" \\" for row in zip(*cells, strict=True)] if columns else []
    safe_label = re.sub(r"[^A-Za-z0-9:._-]", "-", label)
    caption_tex = rf"\caption{{{escape_latex(caption)}}}"
    label_tex = rf"\label{{tab:{safe_label}}}"
    header_tex = " & ".join(headers) + r" \\"
    compact = _COMPACT if len(columns) > _WIDE else []
    if len(rows) > _LONG:
        # a float cannot break across pages: a long table is a longtable, its header repeated
        lines = [
            *(provenance_lines or []),
            r"\begingroup",
            # cannot be shrunk to the line like a float: set small (a wide one in landscape)
            r"\footnotesize" if compact else r"\small",
            *([r"\setlength{\tabcolsep}{3pt}"] if compact else []),
            rf"\begin{{longtable}}{{{''.join(spec)}}}",
            caption_tex + label_tex + r" \\",
            r"\toprule",
            header_tex,
            r"\midrule",
            r"\endfirsthead",
            r"\toprule",
            header_tex,
            r"\midrule",
            r"\endhead",
            r"\bottomrule",
            r"\endlastfoot",
            *rows,
            r"\end{longtable}",
            r"\endgroup",
        ]
        return "\n".join(lines) + "\n"
    lines = [
        *(provenance_lines or []),
        r"\begin{table}[htbp]",
        r"\centering",
        *compact,
        caption_tex,
        label_tex,
        # shrunk to the line only when wider than it (graphicx; \width is the table's width)
        r"\resizebox{\ifdim\width>\linewidth\linewidth\else\width\fi}{!}{%",
        rf"\begin{{tabular}}{{{''.join(spec)}}}",
        r"\toprule",
        header_tex,
        r"\midrule",
        *rows,
        r"\bottomrule",
        r"\end{tabular}}",
        r"\end{table}",
    ]
    return "\n".join(lines) + "\n"


def _with_intervals(
    table: pd.DataFrame, columns: list, headers: list[str], cells: list[list[str]], ci: float
) -> tuple[list, list[str], list[list[str]]]:
    """Fold each ``X_low, X_high`` pair (or ``ci_low, ci_high``) that follows a numeric
    estimate into the estimate's column: ``est [low, high]``, header ``... (95% CI)``."""
    level = f"{ci:.0%}".replace("%", r"\%")
    out_columns, out_headers, out_cells = [], [], []
    i = 0
    while i < len(columns):
        name = str(_flat(columns[i]))
        low_high = (
            i + 2 < len(columns)
            and str(_flat(columns[i + 1])).endswith("_low")
            and str(_flat(columns[i + 2])) == str(_flat(columns[i + 1]))[: -len("low")] + "high"
            and all(_is_number_column(table[columns[i + k]]) for k in range(3))
            and not _P_VALUE.match(name)
        )
        if not low_high:
            out_columns.append(columns[i])
            out_headers.append(headers[i])
            out_cells.append(cells[i])
            i += 1
            continue
        merged = [
            f"{est} [{low}, {high}]" if est and low and high else est
            for est, low, high in zip(cells[i], cells[i + 1], cells[i + 2], strict=True)
        ]
        out_columns.append(columns[i])
        out_headers.append(f"{headers[i]} ({level} CI)")
        out_cells.append(merged)
        i += 3
    return out_columns, out_headers, out_cells


def _flat(name: Any) -> Any:
    """A column name; a tuple (MultiIndex columns) joined with spaces."""
    if isinstance(name, tuple):
        return " ".join(str(part) for part in name if str(part))
    return name
