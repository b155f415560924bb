"""The report notebook, the ``framing report`` run and the ground truth of the sample corpus."""

from __future__ import annotations

import ast
import json
import re
import shutil
import time
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest

from framing import cli, report
from framing.methods import methods_paragraph

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "outlet_comparison.ipynb"
EXPLORE = ROOT / "notebooks" / "explore.ipynb"
TINY = ROOT / "tests" / "data" / "corpus" / "tiny"
SAMPLE = ROOT / "corpora" / "sample"
TINY_OUTLETS = ["Metro Ledger", "The Harbor Sentinel", "Valley Courier"]
HOSTILE_OUTLET = "<script>alert(1)</script> $x$ Courier"
FAST = ["-p", "min_articles", "2", "-p", "n_boot", "200"]

#: The notebook's parameter contract: name -> (type as papermill reads it, default).
CONTRACT = {
    "corpus": ("str", '"../corpora/sample"'),
    "outlets": ("Optional[list[str]]", "None"),
    "events": ("Optional[list[str]]", "None"),
    "start": ("Optional[str]", "None"),
    "end": ("Optional[str]", "None"),
    "extra_lexicons": ("Optional[list[str]]", "None"),
    "speakers": ("Optional[list[str]]", "None"),
    "top_speakers": ("int", "8"),
    "min_articles": ("int", "5"),
    "min_count": ("int", "3"),
    "min_term_count": ("int", "3"),
    "n_boot": ("int", "2000"),
    "seed": ("int", "0"),
    "output_dir": ("str", '"../reports/lab"'),
}
FIGURES = [
    "loaded_rate",
    "distinctive_terms",
    "verb_classes",
    "doubt_share",
    "endorsement_share",
    "matched_events",
]
TABLES = [
    "corpus_overview",
    "loaded_rates",
    "distinctive_terms",
    "verb_class_counts",
    "attribution_asymmetry",
    "event_rates",
]


# ---------------------------------------------------------------------------------------------
# The notebooks


def test_parameter_contract():
    spec = papermill.inspect_notebook(str(NOTEBOOK))
    assert list(spec) == list(CONTRACT)
    for name, (annotation, default) in CONTRACT.items():
        assert spec[name]["inferred_type_name"] == annotation, name
        assert spec[name]["default"] == default, name
        assert spec[name]["help"], f"parameter {name} has no help comment"
    defaults = {
        name: ast.literal_eval(default)
        for name, (_, default) in CONTRACT.items()
        if name not in report.RESERVED_PARAMETERS
    }
    assert defaults == report.DEFAULTS


@pytest.mark.parametrize("path", [NOTEBOOK, EXPLORE], ids=lambda p: p.name)
def test_notebook_is_committed_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:40]
    assert nb.metadata["kernelspec"]["name"] == "python3"


def test_report_notebook_holds_no_analysis_logic():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            assert not isinstance(
                node, ast.FunctionDef | ast.ClassDef | ast.For | ast.While | ast.Lambda
            ), cell.source[:60]
            if isinstance(node, ast.Import | ast.ImportFrom):
                module = getattr(node, "module", None) or node.names[0].name
                assert module.split(".")[0] in ("framing", "typing"), module
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    assert sum("How to read it" in c.source for c in markdown) >= 5


# ---------------------------------------------------------------------------------------------
# Parameters are checked before a kernel starts


@pytest.fixture
def no_kernel(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started although the parameters are invalid")

    monkeypatch.setattr(papermill, "execute_notebook", refuse)


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        (["-p", "nboot", "5"], r"unknown parameter 'nboot'; valid parameters: outlets, events"),
        (["-p", "n_boot", "many"], r"parameter 'n_boot' must be int, got str 'many'"),
        (
            ["-p", "outlets", "Metro Ledger"],
            r"'outlets' must be Optional\[list\[str\]\].*-p outlets",
        ),
        (
            ["-p", "outlets", '["Foxx", "Metro Ledger"]'],
            r"unknown outlet\(s\) 'Foxx'; available: 'Metro Ledger', 'The Harbor Sentinel', "
            r"'Valley Courier'",
        ),
        (["-p", "events", "[e99]"], r"unknown event\(s\) 'e99-.*|unknown event\(s\) 'e99'"),
        (["-p", "start", "2026-04-01", "-p", "end", "2026-03-01"], r"'start' .* is after 'end'"),
        (["-p", "start", "yesterday-ish"], r"parameter 'start': 'yesterday-ish' is not a date"),
        (["-p", "output_dir", "/tmp/elsewhere"], r"'output_dir' is set by the command"),
        (["-p", "corpus", "other"], r"'corpus' is set by the command"),
        (["-p", "n_boot", "0"], r"'n_boot' must be at least 1"),
        (["-p", "extra_lexicons", "[no/such.tsv]"], r"lexicon file not found: .*no/such.tsv"),
        (["-p", "seed", "1", "-p", "seed", "2"], r"parameter 'seed' given twice"),
    ],
)
def test_bad_parameters_rejected_before_a_kernel_starts(
    parameters, message, no_kernel, tmp_path, capsys
):
    out = tmp_path / "report"
    began = time.perf_counter()
    code = cli.main(["report", str(TINY), "--out", str(out), *parameters])
    elapsed = time.perf_counter() - began
    err = capsys.readouterr().err
    assert code == 2
    assert re.search(message, err), err
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert elapsed < 10


def test_unknown_outlet_error_lists_available_outlets(no_kernel, tmp_path):
    with pytest.raises(ValueError) as info:
        report.run_report(TINY, tmp_path / "out", {"outlets": ["Foxx", "Metro Ledger"]})
    assert all(repr(name) in str(info.value) for name in TINY_OUTLETS)


def test_out_must_not_be_a_folder_of_other_files(no_kernel, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(report.ReportError, match="not a framing report; refusing"):
        report.run_report(TINY, tmp_path, {})
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"outlets": '["A", "B"]'}, {"outlets": ["A", "B"]}),
        ({"outlets": "[A, B]"}, {"outlets": ["A", "B"]}),
        ({"outlets": "None"}, {"outlets": None}),
        ({"outlets": "null"}, {"outlets": None}),
        ({"start": "2026-03-01"}, {"start": "2026-03-01"}),  # stays text, not a date object
        ({"start": "1999"}, {"start": "1999"}),
        ({"events": "[2026-03-01, e02]"}, {"events": ["2026-03-01", "e02"]}),
        ({"n_boot": "500"}, {"n_boot": 500}),
        ({"n_boot": 500}, {"n_boot": 500}),
    ],
)
def test_parameter_values_are_parsed_like_yaml(raw, expected):
    spec = papermill.inspect_notebook(str(NOTEBOOK))
    assert report.coerce_parameters(raw, spec) == expected


def test_type_checker_reads_unions_and_optionals():
    spec = {
        "ratio": {"inferred_type_name": "float"},
        "flag": {"inferred_type_name": "bool"},
        "names": {"inferred_type_name": "list[str] | None"},
    }
    assert report.coerce_parameters({"ratio": "2", "flag": "true"}, spec) == {
        "ratio": 2.0,
        "flag": True,
    }
    with pytest.raises(ValueError, match="must be bool"):
        report.coerce_parameters({"flag": "3"}, spec)
    with pytest.raises(ValueError, match=r"must be list\[str\] \| None, got list \[1, 2\]"):
        report.coerce_parameters({"names": [1, 2]}, spec)


# ---------------------------------------------------------------------------------------------
# Helpers: keyword in context, methods paragraph, offline check, paths


def test_kwic_counts_inflections_and_respects_literal_guards():
    corpus = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "outlet": ["Courier", "Ledger", "Courier"],
            "text": [
                "The minister lashed out at critics, then kept lashing out.",
                "“They always lash out,” the mayor said.",
                "A trawler slammed into the breakwater. The union slammed the offer.",
            ],
        }
    )
    lines = report.kwic(corpus, "lash out", window=15)
    assert lines["match"].tolist() == ["lashed out", "lashing out", "lash out"]
    assert lines["in_quote"].tolist() == [False, False, True]
    assert lines["outlet"].tolist() == ["Courier", "Courier", "Ledger"]
    text = corpus.loc[0, "text"]
    first = lines.iloc[0]
    assert text[first["start"] : first["end"]] == "lashed out"
    assert first["left"] == "The minister "
    assert report.kwic(corpus, "slam")["match"].tolist() == ["slammed"]  # not "slammed into"
    assert report.kwic(corpus, "lash out", voice="outlet")["in_quote"].sum() == 0
    assert report.kwic(corpus, "critic")["match"].tolist() == ["critics"]  # not in the lexicon
    with pytest.raises(ValueError, match=r"unknown outlet.*available: 'Courier', 'Ledger'"):
        report.kwic(corpus, "lash out", outlets=["Foxx"])


def test_methods_paragraph_names_versions_methods_and_counts():
    text = methods_paragraph(
        {
            "framing_version": "0.1.0",
            "detectors": ["framing.markers.v1", "framing.loaded.v1", "framing.attribution.v1"],
            "lexicons": [{"name": "loaded_terms", "version": "1.0.0"}, "cues@1.2.0"],
            "corpus_fingerprint": "sha256:abc",
        },
        {
            "n_boot": 2000,
            "seed": 7,
            "alpha0": 4109,
            "min_count": 3,
            "chi2": {"statistic": 530.3, "dof": 20, "p_value": 0.0001, "monte_carlo": 9999},
        },
        {"articles": 55, "outlets": 5, "words": 20546, "events": 13, "matched_events": 13},
    )
    for needle in [
        "55 articles",
        "20,546 words",
        "5 outlets",
        "13 events",
        "`framing.loaded.v1`",
        "`framing.attribution.v1`",
        "`framing.markers.v1`",
        "loaded_terms 1.0.0",
        "cues 1.2.0",
        "cluster bootstrap",
        "2,000 bootstrap resamples",
        "seed 7",
        "informative Dirichlet prior",
        "Monroe, Colaresi & Quinn 2008",
        "alpha0 = 4,109",
        "chi-square",
        "df = 20",
        "at least 3 attributions",
        "framing 0.1.0",
        "sha256:abc",
    ]:
        assert needle in text, needle
    assert text.index("framing.loaded.v1") < text.index("framing.attribution.v1")


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


def test_writes_cannot_leave_the_output_folder(tmp_path):
    with pytest.raises(ValueError, match="outside the output folder"):
        report._under(tmp_path, "..", "escape")
    assert report._under(tmp_path, "tables", "x") == (tmp_path / "tables" / "x").resolve()


# ---------------------------------------------------------------------------------------------
# Report runs (each starts a kernel: a few seconds to ~20 s)


def run_cli(corpus: Path, out: Path, *args: str) -> int:
    return cli.main(["report", str(corpus), "--out", str(out), *args])


@pytest.fixture(scope="module")
def tiny_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tiny") / "report"
    assert run_cli(TINY, out, *FAST) == 0
    return out


def html_of(folder: Path) -> str:
    return (folder / "report.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_smoke_run_writes_every_output(tiny_report):
    for name in FIGURES:
        for suffix in ("pdf", "svg", "png", "json"):
            assert (tiny_report / "figures" / f"{name}.{suffix}").is_file(), (name, suffix)
    for name in TABLES:
        for suffix in ("csv", "tex", "json"):
            assert (tiny_report / "tables" / f"{name}.{suffix}").is_file(), (name, suffix)
    for name in ("articles.parquet", "hits.parquet", "provenance.json"):
        assert (tiny_report / "extraction" / name).is_file()
    assert (tiny_report / "methods.txt").read_text(encoding="utf-8").startswith("The corpus holds")
    executed = nbformat.read(tiny_report / "report.ipynb", as_version=4)
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    provenance = json.loads((tiny_report / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["kind"] == "framing-report"
    assert provenance["corpus_fingerprint"].startswith("sha256:")
    assert provenance["framing_version"]
    assert "framing.loaded.v1" in provenance["detectors"]
    assert {x["name"] for x in provenance["lexicons"]} >= {"loaded_terms", "cues", "hedges"}
    assert provenance["parameters"]["n_boot"] == 200
    assert provenance["parameters"]["min_articles"] == 2
    assert provenance["counts"]["articles"] == 9
    assert provenance["run"]["cli_parameters"] == {"min_articles": 2, "n_boot": 200}
    assert "figures/loaded_rate" in provenance["outputs"]
    sidecar = json.loads((tiny_report / "figures" / "loaded_rate.json").read_text("utf-8"))
    assert sidecar["corpus_fingerprint"] == provenance["corpus_fingerprint"]
    assert sidecar["parameters"]["seed"] == 0
    leftovers = [p.name for p in tiny_report.parent.iterdir() if p.name != "report"]
    assert leftovers == []  # no build folder or old report left behind


@pytest.mark.slow
def test_report_html_is_self_contained_and_hides_code(tiny_report):
    page = html_of(tiny_report)
    assert report.offline_problems(page) == []
    assert "<script" not in page.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.IGNORECASE)
    images = re.findall(r'<img [^>]*src="data:image/png;base64,', page)
    assert len(images) == len(FIGURES)
    assert "report.prepare(" not in page and "run.loaded_rates()" not in page
    assert "Loaded terms in the outlet" in page and "How to read it" in page


@pytest.mark.slow
def test_failed_run_leaves_the_earlier_report_untouched(tiny_report, tmp_path, capsys):
    out = tmp_path / "report"
    shutil.copytree(tiny_report, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # Speakers are only known after extraction, so a wrong one fails inside the notebook.
    code = run_cli(TINY, out, *FAST, "-p", "speakers", '["Nobody Known"]')
    err = capsys.readouterr().err
    assert code == 2
    assert "cell In [" in err and 'run.doubt_shares("doubt")' in err, err
    assert "ValueError: no attributions to speaker(s) 'Nobody Known'" in err
    assert "left untouched" in err
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    failed = tmp_path / "report.failed" / "report.ipynb"
    assert failed.is_file() and str(failed) in err
    executed = nbformat.read(failed, as_version=4)
    assert any(o.output_type == "error" for c in executed.cells for o in c.get("outputs", []))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report", "report.failed"]


@pytest.mark.slow
def test_hostile_names_stay_text_in_the_report(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(TINY, corpus)
    for path in corpus.glob("courier-*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("outlet: Valley Courier", f"outlet: {HOSTILE_OUTLET}"), "utf-8"
        )
    out = tmp_path / "report"
    outlets = json.dumps([HOSTILE_OUTLET, "Metro Ledger", "The Harbor Sentinel"])
    assert run_cli(corpus, out, *FAST, "-p", "outlets", outlets) == 0
    assert f"Report written to {out / 'report.html'}" in capsys.readouterr().out
    page = html_of(out)
    assert report.offline_problems(page) == []
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; $x$ Courier" in page
    table = pd.read_csv(out / "tables" / "loaded_rates.csv")
    assert HOSTILE_OUTLET in set(table["outlet"])
    svg = (out / "figures" / "loaded_rate.svg").read_text(encoding="utf-8")
    assert "<script" not in svg and "$x$ Courier" in svg


@pytest.mark.slow
def test_explore_notebook_runs(tmp_path):
    executed = tmp_path / "explore.ipynb"
    papermill.execute_notebook(
        str(EXPLORE),
        str(executed),
        parameters={"corpus_path": str(SAMPLE), "term": "slam"},
        kernel_name="python3",
        cwd=str(EXPLORE.parent),
        progress_bar=False,
    )
    nb = nbformat.read(executed, as_version=4)
    html = [o["data"].get("text/html", "") for c in nb.cells for o in c.get("outputs", [])
            if "data" in o]  # fmt: skip
    assert any('class="framing-doc"' in h for h in html)  # the highlighted article
    assert any("slammed" in h for h in html)  # the keyword-in-context table


# ---------------------------------------------------------------------------------------------
# Ground truth of the sample corpus (corpora/sample/README.md), read from the written tables


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory) -> tuple[Path, float]:
    out = tmp_path_factory.mktemp("sample") / "report"
    began = time.perf_counter()
    assert run_cli(SAMPLE, out) == 0
    return out, time.perf_counter() - began


@pytest.fixture(scope="module")
def sample_rates(sample_report) -> pd.Series:
    table = pd.read_csv(sample_report[0] / "tables" / "loaded_rates.csv")
    return table.set_index("outlet")["rate"].sort_values(ascending=False)


@pytest.fixture(scope="module")
def sample_shares(sample_report) -> pd.DataFrame:
    table = pd.read_csv(sample_report[0] / "tables" / "attribution_asymmetry.csv")
    return table.set_index(["speaker", "outlet"])


@pytest.mark.slow
def test_sample_report_runs_in_under_a_minute(sample_report):
    out, seconds = sample_report
    assert seconds < 60, f"framing report on the sample corpus took {seconds:.1f} s"
    assert report.offline_problems(html_of(out)) == []


@pytest.mark.slow
def test_sample_daily_blaze_has_the_highest_loaded_rate_by_far(sample_rates):
    assert sample_rates.index[0] == "The Daily Blaze"
    assert sample_rates.iloc[0] > 2 * sample_rates.iloc[1]
    assert set(sample_rates.index[1:3]) == {"The Harbor Sentinel", "The Capital Ledger"}


@pytest.mark.slow
def test_sample_wire_and_trade_outlet_have_the_lowest_loaded_rates(sample_rates):
    assert set(sample_rates.index[-2:]) == {"Meridian Wire", "Grid & Harbour Review"}
    assert sample_rates["Meridian Wire"] < 1 and sample_rates["Grid & Harbour Review"] < 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("speaker", "doubting", "other"),
    [
        ("Helena Voss", "The Harbor Sentinel", "The Capital Ledger"),
        ("Piet Ostrander", "The Harbor Sentinel", "The Capital Ledger"),
        ("Tomas Ardent", "The Capital Ledger", "The Harbor Sentinel"),
        ("Rosa Quell", "The Capital Ledger", "The Harbor Sentinel"),
    ],
)
def test_sample_doubt_shares_follow_each_outlets_slant(sample_shares, speaker, doubting, other):
    high = sample_shares.loc[(speaker, doubting), "share_doubt"]
    low = sample_shares.loc[(speaker, other), "share_doubt"]
    assert high > low + 0.3, (speaker, high, low)
    assert sample_shares.loc[(speaker, "Meridian Wire"), "share_doubt"] < 0.1
    # Endorsing cues mirror the doubt cues (README ground truth 3).
    assert (
        sample_shares.loc[(speaker, other), "share_endorsement"]
        > sample_shares.loc[(speaker, doubting), "share_endorsement"]
    )


@pytest.mark.slow
def test_sample_daily_blaze_has_most_anonymous_and_emotive_attributions(sample_report):
    articles = pd.read_parquet(sample_report[0] / "extraction" / "articles.parquet")
    totals = articles.groupby("outlet")[["attr_anonymous", "attr_emotive", "attributions"]].sum()
    shares = totals[["attr_anonymous", "attr_emotive"]].div(totals["attributions"], axis=0)
    assert shares["attr_anonymous"].idxmax() == "The Daily Blaze"
    assert shares["attr_emotive"].idxmax() == "The Daily Blaze"


def distinctive(sample_report, outlet: str, top: int = 10) -> list[str]:
    table = pd.read_csv(sample_report[0] / "tables" / "distinctive_terms.csv")
    mine = table[(table["outlet"] == outlet) & (table["z"] > 0)]
    return mine.sort_values("z", ascending=False)["term"].head(top).tolist()


@pytest.mark.slow
def test_sample_distinctive_terms(sample_report):
    assert "union boss" in distinctive(sample_report, "The Capital Ledger")
    assert "crony" in distinctive(sample_report, "The Harbor Sentinel")
    assert {"fume", "lash out", "chaos"} <= set(distinctive(sample_report, "The Daily Blaze"))


@pytest.mark.slow
def test_sample_ledger_terms_named_in_the_readme(sample_report):
    assert {"militant", "radical"} <= set(distinctive(sample_report, "The Capital Ledger"))


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="'austerity' is deliberately not in loaded_terms 1.1.0 or 1.2.0 (standard economic "
    "vocabulary in neutral copy), so README ground truth 5 for the Sentinel holds only for "
    "'cronies'",
)
def test_sample_distinctive_terms_named_in_the_readme(sample_report):
    assert "austerity" in distinctive(sample_report, "The Harbor Sentinel")


def test_report_notebook_ships_inside_the_package():
    """An installed wheel must hold the notebook `framing report` runs: it lives in the package,
    matched by a package-data pattern, and notebooks/ links to that one file (no second copy)."""
    import fnmatch
    import tomllib

    package = Path(report.__file__).resolve().parent
    assert report.DEFAULT_NOTEBOOK.is_file()
    relative = report.DEFAULT_NOTEBOOK.relative_to(package).as_posix()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["framing"]
    assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns), relative
    assert NOTEBOOK.resolve() == report.DEFAULT_NOTEBOOK
