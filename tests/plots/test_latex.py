"""framing.plots.latex: the LaTeX tables are publication-ready and names from data stay text."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import HOSTILE_TEXT

from framing import plots
from framing.plots.latex import column_header, escape_latex, latex_table, p_value_text

E_NOTATION = re.compile(r"\d[eE][+-]?\d")


def body(tex: str) -> list[str]:
    """The rows between \\midrule and \\bottomrule."""
    lines = tex.splitlines()
    return lines[lines.index(r"\midrule") + 1 : lines.index(r"\bottomrule")]


def test_booktabs_caption_label_and_right_aligned_numbers():
    table = pd.DataFrame(
        {
            "outlet": ["A", "B"],
            "articles": [7, 1200],
            "rate": [1.5, 22.25],
            "below_min": [True, False],
        }
    )
    tex = latex_table(table, caption="Loaded terms, 50% more", label="loaded_rates")
    for rule in (r"\toprule", r"\midrule", r"\bottomrule"):
        assert tex.count(rule) == 1, rule
    assert r"\caption{Loaded terms, 50\% more}" in tex and r"\label{tab:loaded_rates}" in tex
    assert r"\begin{tabular}{lrrl}" in tex
    assert body(tex) == [r"A & 7 & 1.500 & yes \\", r"B & 1,200 & 22.250 & no \\"]


@pytest.mark.parametrize(
    ("column", "header"),
    [
        ("ci_low", r"95\% CI low"),
        ("ci_high", r"95\% CI high"),
        ("rate_loaded_outlet", "loaded per 1,000 words"),
        ("share_doubt_low", r"95\% CI low"),
        ("p_value_monte_carlo", "$p$ (Monte Carlo)"),
        ("cramers_v", r"Cram\'er's $V$"),
        ("some_new_column", "some new column"),
        ("ben_&_co", r"ben \& co"),  # a coder's name from a file: escaped
    ],
)
def test_readable_headers(column, header):
    assert column_header(column) == header


def test_the_interval_level_comes_from_the_table():
    table = pd.DataFrame({"rate": [1.0], "ci_low": [0.5], "ci_high": [1.5]})
    table.attrs["ci"] = 0.9
    apart = latex_table(table, caption="c", label="l", intervals=False)
    assert r"90\% CI low & 90\% CI high" in apart
    assert r"per 1,000 words (90\% CI) \\" in latex_table(table, caption="c", label="l")


def test_an_estimate_and_its_interval_print_as_one_cell():
    table = pd.DataFrame(
        {
            "outlet": ["A", "B"],
            "share": [0.53, float("nan")],
            "share_low": [0.474, float("nan")],
            "share_high": [0.603, float("nan")],
            "direct_share": [0.25, 0.5],
            "direct_low": [0.1, float("nan")],
            "direct_high": [0.4, float("nan")],
            "below_min": [False, True],
        }
    )
    tex = latex_table(table, caption="c", label="l")
    assert r"\begin{tabular}{lrrl}" in tex
    assert r"outlet & share (95\% CI) & direct share (95\% CI) & below minimum \\" in tex
    # a missing bound leaves the estimate alone; a missing estimate leaves the cell empty
    assert body(tex) == [
        r"A & 0.530 [0.474, 0.603] & 0.250 [0.100, 0.400] & no \\",
        r"B &  & 0.500 & yes \\",
    ]


def test_wide_tables_are_set_compact_to_fit_the_page():
    narrow = pd.DataFrame({f"c{i}": [1] for i in range(4)})
    wide = pd.DataFrame({f"c{i}": [1] for i in range(9)})
    assert r"\small" not in latex_table(narrow, caption="c", label="l")
    tex = latex_table(wide, caption="c", label="l")
    assert tex.index(r"\small") < tex.index(r"\begin{tabular}")
    assert r"\setlength{\tabcolsep}{4pt}" in tex


@pytest.mark.parametrize(
    ("value", "floor", "text"),
    [
        (0.0, None, "$p < 0.001$"),
        (0.00049, None, "$p < 0.001$"),
        (0.0012, None, "0.001"),
        (0.04999, None, "0.050"),
        (1.0, None, "1.000"),
        (0.0001, 1 / 10_000, "$p < 0.001$"),
        (0.0, 1 / 200, r"$p \leq 0.005$"),  # never below 1/(B+1)
        (0.002, 1 / 200, r"$p \leq 0.005$"),
        (0.2, 1 / 200, "0.200"),
        (float("nan"), None, ""),
    ],
)
def test_p_values_as_journals_print_them(value, floor, text):
    assert p_value_text(value, floor) == text


def test_the_monte_carlo_p_value_is_floored_by_its_number_of_tables():
    table = pd.DataFrame(
        {"statistic": [533.7], "p_value": [0.0], "p_value_monte_carlo": [0.0], "n_resamples": [199]}
    )
    row = body(latex_table(table, caption="c", label="l"))[0]
    assert row == r"533.700 & $p < 0.001$ & $p \leq 0.005$ & 199 \\"
    assert "0.000" not in row


def test_no_e_notation_and_no_negative_zero_in_the_body():
    table = pd.DataFrame(
        {"tiny": [5.55e-17, -1e-9], "huge": [1.5e15, -2.5e12], "int": [10**12, -3]}
    )
    rows = body(latex_table(table, caption="c", label="l", float_format="{:.3g}"))
    assert not any(E_NOTATION.search(row) for row in rows), rows
    assert rows[0] == r"0.000 & 1,500,000,000,000,000.000 & 1,000,000,000,000 \\"
    assert rows[1] == r"0.000 & $-$2,500,000,000,000.000 & $-$3 \\"


_ESCAPES = re.compile(
    r"\\textbackslash\{\}|\\textasciitilde\{\}|\\textasciicircum\{\}|\\[&%$#_{}]|\{\[\}|\{\]\}|\{\}"
)


@given(HOSTILE_TEXT)
def test_any_name_is_escaped_to_plain_text_on_one_line(text):
    escaped = escape_latex(text)
    rest = _ESCAPES.sub("", escaped)
    assert not set(rest) & set("\\&%$#_{}~^[]"), (text, escaped)
    assert "\n" not in escaped and "\r" not in escaped


def test_hostile_names_keep_one_row_each(tmp_path):
    names = [
        "A &\n\nB",
        "50% $x$ \\input{/etc/passwd}",
        "[1] pro--con",
        "<script>alert(1)</script>",
    ]
    table = pd.DataFrame({"outlet": names, "rate": [1.0, 2.0, 3.0, 4.0]})
    paths = plots.save_table(table, tmp_path / "t", {}, caption="Rates")
    tex = paths["tex"].read_text(encoding="utf-8")
    rows = body(tex)
    assert len(rows) == 4 and all(row.count(" & ") == 1 for row in rows)
    assert r"\textbackslash{}input\{/etc/passwd\}" in rows[1] and r"\input{" not in tex
    assert rows[2].startswith(r"{[}1{]} pro-{}-con")
    assert "<script>alert(1)</script>" in rows[3]  # LaTeX has no markup to escape
    # The CSV is the table as it is: other code reads it.
    assert paths["csv"].read_text(encoding="utf-8") == table.to_csv(
        index=False, lineterminator="\n"
    )


def test_long_tables_break_across_pages_with_the_header_repeated():
    table = pd.DataFrame({"outlet": [f"O{i}" for i in range(40)], "rate": range(40)})
    tex = latex_table(table, caption="Many & more", label="many")
    assert r"\begin{longtable}{lr}" in tex and r"\begin{table}" not in tex
    assert r"\caption{Many \& more}\label{tab:many} \\" in tex
    assert tex.count(r"outlet & per 1,000 words \\") == 2  # first head and repeated head
    assert tex.index(r"\endhead") < tex.index(r"O0 & 0 \\") < tex.index(r"\end{longtable}")
    assert len([line for line in tex.splitlines() if line.startswith("O")]) == 40


class _Text:
    """Not a ``str``: escape_latex takes its ``str()`` the long way, every rule applied."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


@given(
    st.text(alphabet=st.sampled_from("aZ09 .:;()/+=*@-,'`<>!?&%$#_{}~^\\\n\t\x07é"), max_size=12)
)
def test_plain_text_and_numbers_skip_escaping_and_come_out_as_escaped(text):
    assert escape_latex(text) == escape_latex(_Text(text))


@given(st.from_regex(r"-?\d+(?:,\d+)*(?:\.\d+)?", fullmatch=True))
def test_a_number_as_formatted_needs_no_escaping(text):
    from framing.plots.latex import _NUMBER

    assert _NUMBER.fullmatch(text) and escape_latex(_Text(text)) == text
