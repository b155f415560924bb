"""Figures and tables: structure, provenance files, literal labels, byte-identical output."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import matplotlib as mpl
import pandas as pd
import pytest
from matplotlib.figure import Figure

from framing import plots

HOSTILE = ["<script>alert(1)</script>", "$x$ Times", "Plain Post"]


def rates_frame(outlets=("Courier", "Ledger", "Sentinel")) -> pd.DataFrame:
    n = len(outlets)
    return pd.DataFrame(
        {
            "outlet": list(outlets),
            "rate": [2.0 + 3 * i for i in range(n)],
            "ci_low": [1.0 + 3 * i for i in range(n)],
            "ci_high": [3.5 + 3 * i for i in range(n)],
        }
    )


def terms_frame(outlets=("Courier", "Ledger", "Sentinel")) -> pd.DataFrame:
    rows = []
    for i, outlet in enumerate(outlets):
        for j, term in enumerate(["fume", "chaos", "crony", "so-called"]):
            rows.append((outlet, term, 3.0 - j + i * 0.1 if (i + j) % 2 == 0 else -1.0))
    return pd.DataFrame(rows, columns=["outlet", "term", "z"])


def verb_frame(outlets=("Courier", "Ledger", "Sentinel")) -> pd.DataFrame:
    rows = []
    for i, outlet in enumerate(outlets):
        for j, verb_class in enumerate(["neutral", "doubt", "endorsement", "emotive"]):
            rows.append((outlet, verb_class, 10 - 2 * j + i))
    return pd.DataFrame(rows, columns=["outlet", "verb_class", "count"])


def share_frame(outlets=("Courier", "Ledger", "Sentinel")) -> pd.DataFrame:
    rows = []
    for i, outlet in enumerate(outlets):
        for j, speaker in enumerate(["Mara Velic", "Ilse Marten"]):
            n = 1 if (i, j) == (0, 1) else 4 + i + j
            rows.append((speaker, outlet, 0.25 * ((i + j) % 4), n))
    return pd.DataFrame(rows, columns=["speaker", "outlet", "share", "n"])


def events_frame(outlets=("Courier", "Ledger", "Sentinel")) -> pd.DataFrame:
    rows = []
    for e, event in enumerate(["e01-strike", "e02-budget"]):
        for i, outlet in enumerate(outlets):
            rows.append((event, outlet, float(e + 2 * i)))
    return pd.DataFrame(rows, columns=["event", "outlet", "value"])


BUILDERS = {
    "loaded_rate": lambda o: plots.loaded_rate_figure(rates_frame(o)),
    "distinctive_terms": lambda o: plots.distinctive_terms_figure(terms_frame(o)),
    "verb_classes": lambda o: plots.verb_class_figure(verb_frame(o)),
    "doubt_share": lambda o: plots.doubt_share_figure(share_frame(o), min_count=3),
    "matched_events": lambda o: plots.matched_events_figure(events_frame(o)),
}


def figure(name: str, outlets=("Courier", "Ledger", "Sentinel")) -> Figure:
    return BUILDERS[name](tuple(outlets))


def texts(fig: Figure) -> list[str]:
    """Every text drawn in a figure (titles, tick labels, legends, annotations)."""
    return [t.get_text() for t in fig.findobj(mpl.text.Text) if t.get_text()]


def rendered(text: mpl.text.Text) -> tuple[str, bool]:
    """What matplotlib will draw for a text, and whether it is treated as mathtext."""
    return text._preprocess_math(text.get_text())


# ---------------------------------------------------------------------------------------------
# Structure


def test_loaded_rate_figure_sorts_outlets_and_draws_intervals():
    fig = plots.loaded_rate_figure(rates_frame())
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Courier", "Ledger", "Sentinel"]
    assert ax.get_xlabel() == "loaded terms per 1,000 words (outlet voice)"
    assert ax.get_title(loc="left") == "Loaded terms in the outlet's own voice"
    assert len(ax.collections) == 3  # one error bar per outlet
    assert ax.get_xlim()[0] <= 0


def test_loaded_rate_figure_marks_missing_rates_instead_of_zero():
    frame = rates_frame()
    frame.loc[0, ["rate", "ci_low", "ci_high"]] = float("nan")
    fig = plots.loaded_rate_figure(frame, min_note="fewer than 5 articles")
    (ax,) = fig.axes
    assert "fewer than 5 articles" in texts(fig)
    assert len(ax.collections) == 2
    dots = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(dots) == 2


def test_distinctive_terms_figure_has_one_panel_per_outlet():
    fig = plots.distinctive_terms_figure(terms_frame(), top=3)
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["Courier", "Ledger", "Sentinel"]
    first = fig.axes[0]
    labels = [t.get_text() for t in first.get_yticklabels()]
    assert labels == ["fume", "crony"]  # positive z only, highest first
    assert fig._suptitle.get_text() == "Distinctive terms per outlet"
    assert "z-score" in fig._supxlabel.get_text()


def test_distinctive_terms_figure_empty_panel_says_so():
    frame = terms_frame()
    frame.loc[frame["outlet"] == "Ledger", "z"] = -2.0
    fig = plots.distinctive_terms_figure(frame)
    assert "no term used more than elsewhere" in texts(fig)


def test_verb_class_figure_stacks_to_one_hundred_percent():
    fig = plots.verb_class_figure(verb_frame())
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["neutral", "endorsement", "emotive", "doubt"]  # house order of classes
    widths: dict[float, float] = {}
    for patch in ax.patches:
        widths[round(patch.get_y(), 6)] = widths.get(round(patch.get_y(), 6), 0) + patch.get_width()
    assert sorted(round(w, 9) for w in widths.values()) == [1.0, 1.0, 1.0]
    assert {"n=28", "n=32", "n=36"} <= set(texts(fig))
    assert ax.get_xlabel() == "share of attributions"


def test_doubt_share_figure_hatches_cells_below_min_count():
    fig = plots.doubt_share_figure(share_frame(), min_count=3)
    ax = fig.axes[0]
    cells = [t.get_text() for t in ax.texts]
    assert cells.count("n<3") == 1
    assert len(cells) == 6
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 1
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Courier", "Ledger", "Sentinel"]
    assert len(fig.axes) == 2  # heat map and colour bar
    assert "0%\nn=1" not in cells  # a thin cell is never shown as a share


def test_matched_events_figure_one_row_per_event_and_legend_per_outlet():
    fig = plots.matched_events_figure(events_frame(), highlight=["e01-strike"])
    ax = fig.axes[0]
    labels = ax.get_yticklabels()
    assert sorted(t.get_text() for t in labels) == ["e01-strike", "e02-budget"]
    bold = [t.get_text() for t in labels if t.get_fontweight() == "bold"]
    assert bold == ["e01-strike"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Courier", "Ledger", "Sentinel"]


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match=r"missing column\(s\) \['ci_low'\]"):
        plots.loaded_rate_figure(rates_frame().drop(columns="ci_low"))


def test_outlets_keep_their_colour_across_figures_and_subsets():
    full = plots.outlet_colors(["C", "A", "B"])
    assert full["A"][0] == plots.OKABE_ITO["orange"]
    assert plots.outlet_colors(["B", "A"])["B"] == full["B"]
    many = plots.outlet_colors([f"o{i:02d}" for i in range(10)])
    assert len(set(many.values())) == 10  # colours repeat with another marker


# ---------------------------------------------------------------------------------------------
# Style without side effects


def test_style_is_scoped_and_import_changes_no_rcparams():
    before = dict(mpl.rcParams)
    for name in BUILDERS:
        figure(name)
    assert dict(mpl.rcParams) == before
    code = (
        "import matplotlib as mpl; b = dict(mpl.rcParams); import framing.plots, framing.report;"
        " import sys; sys.exit(0 if dict(mpl.rcParams) == b else 1)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# ---------------------------------------------------------------------------------------------
# Hostile labels


@pytest.mark.parametrize("name", list(BUILDERS))
def test_hostile_labels_render_literally(name, tmp_path):
    fig = figure(name, HOSTILE)
    shown = {}
    for text in fig.findobj(mpl.text.Text):
        drawn, is_math = rendered(text)
        shown[drawn] = is_math
    assert shown.get("<script>alert(1)</script>") is False
    assert shown.get("$x$ Times") is False  # not mathtext: drawn with its dollar signs
    svg = tmp_path / "figure.svg"
    with plots.style():
        fig.savefig(svg, format="svg", metadata={"Date": None})
    content = svg.read_text(encoding="utf-8")
    assert "<script" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "$x$ Times" in content


def test_plain_text_keeps_backslash_dollar_literal():
    fig = plots.loaded_rate_figure(rates_frame(("a\\$b", "c", "d")))
    labels = {rendered(t)[0] for t in fig.axes[0].get_yticklabels()}
    assert "a\\$b" in labels


# ---------------------------------------------------------------------------------------------
# Files


PROVENANCE = {
    "framing_version": "0.1.0",
    "detectors": {"loaded": "framing.loaded.v1", "attribution": "framing.attribution.v1"},
    "lexicons": [
        {"label": "loaded_terms@1.0.0", "name": "loaded_terms", "version": "1.0.0"},
        "cues@1.0.0",
    ],
    "corpus_fingerprint": "sha256:" + "0" * 64,
    "created_at": "2026-03-04T00:00:00+00:00",
    "parameters": {"n_boot": 200, "seed": 1},
}
SIDECAR_KEYS = {
    "framing_version",
    "detectors",
    "lexicons",
    "corpus_fingerprint",
    "parameters",
    "created",
}


def test_save_figure_writes_four_files_with_provenance(tmp_path):
    fig = plots.loaded_rate_figure(rates_frame())
    paths = plots.save_figure(fig, tmp_path / "x" / "rate", PROVENANCE)
    names = sorted(p.name for p in paths.values())
    assert names == ["rate.json", "rate.pdf", "rate.png", "rate.svg"]
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths.values())
    assert paths["pdf"].read_bytes().startswith(b"%PDF")
    assert paths["png"].read_bytes().startswith(b"\x89PNG")
    record = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert record.keys() >= SIDECAR_KEYS
    assert record["detectors"] == ["framing.attribution.v1", "framing.loaded.v1"]
    assert {"name": "cues", "version": "1.0.0"} in record["lexicons"]
    assert record["lexicons"][0]["name"] == "loaded_terms"
    assert record["parameters"] == {"n_boot": 200, "seed": 1}
    assert record["created"] == "2026-03-04T00:00:00+00:00"
    for fmt in ("pdf", "svg", "png"):
        digest = "sha256:" + hashlib.sha256(paths[fmt].read_bytes()).hexdigest()
        assert record["files"][fmt]["sha256"] == digest
    from PIL import Image

    with Image.open(paths["png"]) as image:
        assert round(image.info["dpi"][0]) == 300


def test_sidecar_fills_version_and_date_when_missing(tmp_path):
    paths = plots.save_figure(plots.loaded_rate_figure(rates_frame()), tmp_path / "rate")
    record = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert record.keys() >= SIDECAR_KEYS
    assert record["framing_version"]
    assert record["created"].startswith("20")


@pytest.mark.parametrize("name", list(BUILDERS))
def test_same_inputs_give_identical_files(name, tmp_path):
    first = plots.save_figure(figure(name), tmp_path / "a" / name, PROVENANCE)
    second = plots.save_figure(figure(name), tmp_path / "b" / name, PROVENANCE)
    for fmt in ("png", "pdf", "svg"):
        assert first[fmt].read_bytes() == second[fmt].read_bytes(), fmt
    svg = first["svg"].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert b"/CreationDate" not in first["pdf"].read_bytes()


def test_save_table_writes_csv_latex_and_sidecar(tmp_path):
    table = pd.DataFrame({"outlet": ["A & B", "50% $Post_x$"], "rate": [1.23456, float("nan")]})
    paths = plots.save_table(table, tmp_path / "rates", PROVENANCE, caption="Rates")
    assert sorted(p.name for p in paths.values()) == ["rates.csv", "rates.json", "rates.tex"]
    back = pd.read_csv(paths["csv"])
    assert back["outlet"].tolist() == ["A & B", "50% $Post_x$"]
    assert back["rate"].iloc[0] == pytest.approx(1.23456)
    tex = paths["tex"].read_text(encoding="utf-8")
    header = [line for line in tex.splitlines() if line.startswith("%")]
    assert any("sha256:" + "0" * 64 in line for line in header)
    assert any("loaded_terms@1.0.0" in line for line in header)
    assert r"A \& B" in tex and r"50\% \$Post\_x\$" in tex
    assert "1.235" in tex
    record = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert record.keys() >= SIDECAR_KEYS
    assert record["rows"] == 2 and record["columns"] == ["outlet", "rate"]
    assert record["kind"] == "table"
