"""framing.report.params: the notebook's parameter contract, and parameters checked (names,
types, values against the corpus) before a kernel starts."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import papermill
import pytest

from framing import cli, report

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "outlet_comparison.ipynb"
TINY = ROOT / "tests" / "data" / "corpus" / "tiny"

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
    "validation": ("Optional[list[str]]", "None"),
    "output_dir": ("str", '"../reports/lab"'),
    "scheduler": ("Optional[str]", "None"),
}


# ---------------------------------------------------------------------------------------------
# The notebook's parameters cell is the contract


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


def test_parameter_types_match_the_notebook():
    spec = papermill.inspect_notebook(str(NOTEBOOK))
    declared = {
        name: re.sub(r"^Optional\[(.*)\]$", r"\1 | None", spec[name]["inferred_type_name"])
        for name in spec
        if name not in report.RESERVED_PARAMETERS
    }
    assert declared == report.PARAMETER_TYPES
    assert list(report.PARAMETER_TYPES) == list(report.DEFAULTS)


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
# Wrong names, types and values are rejected before a kernel starts


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
    code = cli.main(["report", str(TINY), "--out", str(out), *parameters])
    err = capsys.readouterr().err
    assert code == 2
    assert re.search(message, err), err
    assert not out.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        (["-p", "n_boot", "2.5"], r"parameter 'n_boot' must be int, got float 2.5"),
        (["-p", "n_boot", "true"], r"parameter 'n_boot' must be int, got bool True"),
        (["-p", "n_boot", "[500]"], r"parameter 'n_boot' must be int, got list \[500\]"),
        (["-p", "outlets", "{a: b}"], r"'outlets' must be Optional\[list\[str\]\], got dict"),
        (["-p", "seed", "-1"], r"parameter 'seed' must be a non-negative int, got -1"),
        (["-p", "Outlets", "[A, B]"], r"unknown parameter 'Outlets'; valid parameters: outlets,"),
        (["--kernel", "no-such-kernel"], r"no Jupyter kernel named 'no-such-kernel'; available:"),
    ],
)
def test_cli_rejects_bad_parameters_and_kernels_before_a_kernel_starts(
    parameters, message, no_kernel, tmp_path, capsys
):
    code = cli.main(["report", str(TINY), "--out", str(tmp_path / "out"), *parameters])
    err = capsys.readouterr().err
    assert code == 2 and re.search(message, err), err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"n_boot": "many"}, r"parameter 'n_boot' must be int, got str 'many'"),
        ({"n_boot": 2.5}, r"parameter 'n_boot' must be int, got float 2.5"),
        ({"seed": True}, r"parameter 'seed' must be int, got bool True"),
        (
            {"outlets": "Metro Ledger"},
            r"'outlets' must be list\[str\] \| None, got str 'Metro Ledger'; a list, e\.g\. "
            r"outlets=\['Metro Ledger'\]",
        ),
        ({"events": [1, 2]}, r"'events' must be list\[str\] \| None, got list \[1, 2\]"),
        ({"start": 20260301}, r"'start' must be str \| None, got int 20260301"),
        ({"nboot": 5}, r"unknown parameter\(s\) nboot; valid: outlets, events, start, end"),
        ({"Seed": 1}, r"unknown parameter\(s\) Seed; valid: outlets, events"),
    ],
)
def test_prepare_rejects_wrong_types_and_unknown_names(parameters, message, tmp_path):
    with pytest.raises(ValueError, match=message):
        report.prepare(TINY, output_dir=tmp_path / "out", **parameters)
    assert not (tmp_path / "out").exists()


def test_prepare_accepts_numpy_ints_dates_and_tuples(tmp_path):
    import datetime as dt

    import numpy as np

    checked = report.check_parameter_types(
        {"seed": np.int64(3), "start": dt.date(2026, 3, 1), "outlets": ("A", "B")}
    )
    assert checked == {"seed": 3, "start": "2026-03-01", "outlets": ["A", "B"]}
    assert type(checked["seed"]) is int


def test_a_file_that_is_not_a_notebook_is_named(no_kernel, tmp_path, capsys):
    fake = tmp_path / "report.ipynb"
    fake.write_bytes(b"\x89PNG\r\n")
    args = ["report", str(TINY), "--out", str(tmp_path / "out"), "--notebook", str(fake)]
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert f"{fake}: cannot read the notebook" in err and "Traceback" not in err


# ---------------------------------------------------------------------------------------------
# Speakers: checked against the corpus's text before a kernel starts


@pytest.mark.parametrize(
    ("speakers", "message"),
    [
        ("[]", r"parameter 'speakers' is an empty list"),
        ('["  "]', r"parameter 'speakers' holds an empty name"),
        ('["Ilse Marten", "Ilse Marten"]', r"parameter 'speakers' names 'Ilse Marten' more than"),
        (
            '["Ilse Martin", "Tomas Reyl"]',
            r"parameter 'speakers': 'Ilse Martin' occur\(s\) in no article of the corpus",
        ),
    ],
)
def test_speakers_are_checked_before_a_kernel_starts(
    speakers, message, no_kernel, tmp_path, capsys
):
    out = tmp_path / "report"
    assert cli.main(["report", str(TINY), "--out", str(out), "-p", "speakers", speakers]) == 2
    err = capsys.readouterr().err
    assert re.search(message, err), err
    assert list(tmp_path.iterdir()) == []


def test_empty_events_are_refused(no_kernel, tmp_path, capsys):
    assert cli.main(["report", str(TINY), "--out", str(tmp_path / "o"), "-p", "events", "[]"]) == 2
    assert "parameter 'events' is an empty list" in capsys.readouterr().err


@pytest.mark.parametrize("corpus", ["tiny", "sample"])
def test_every_speaker_the_detector_names_passes_the_check(corpus, request):
    """The check before the kernel never refuses a real speaker (possessives, line breaks,
    typographic apostrophes): every speaker the attribution detector names is accepted."""
    frame = request.getfixturevalue(corpus)
    hits = request.getfixturevalue(f"{corpus}_extraction").hits
    speakers = sorted(hits["speaker"].dropna().astype(str).unique())
    assert len(speakers) > 10
    report.check_parameters({"speakers": speakers}, frame)


# ---------------------------------------------------------------------------------------------
# Parameters from a YAML file (-f)


def test_a_parameters_file_is_read_as_yaml(tmp_path):
    path = tmp_path / "params.yaml"
    path.write_text(
        "# the outlets of the comparison\n"
        "outlets: [Metro Ledger, The Harbor Sentinel]\n"
        "start: 2026-03-01\n"
        "n_boot: 500\n"
        "speakers: null\n",
        encoding="utf-8",
    )
    assert report.read_parameters_file(path) == {
        "outlets": ["Metro Ledger", "The Harbor Sentinel"],
        "start": "2026-03-01",
        "n_boot": 500,
        "speakers": None,
    }
    path.write_text("", encoding="utf-8")
    assert report.read_parameters_file(path) == {}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("n_boot: [500\n", r"not valid YAML \(line 2, column 1\): expected ',' or ']'"),
        ("- n_boot\n- 500\n", r"expected NAME: VALUE lines \(a YAML mapping\), got a list"),
        (
            "n_boot: 500\nn_boot: 200\n",
            r"not valid YAML \(line 2, column 1\): 'n_boot' given twice",
        ),
        ("nboot: 500\n", r"unknown parameter 'nboot'; valid parameters: outlets, events"),
        ("n_boot: many\n", r"parameter 'n_boot' must be int, got str 'many'"),
        (
            "outlets: Metro Ledger\n",
            r"parameter 'outlets' must be Optional\[list\[str\]\].*outlets: \[A, B\]",
        ),
        ("corpus: other.csv\n", r"parameter 'corpus' is set by the command"),
        ("1: 2\n", r"parameter names are text, got 1"),
        (b"n_boot: 5\xff\n", r"not a UTF-8 text file"),
    ],
)
def test_a_bad_parameters_file_names_the_file_and_the_problem(content, message, tmp_path):
    path = tmp_path / "params.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(str(path)) + ": " + message):
        report.read_parameters_file(path)


def test_a_missing_parameters_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"parameters file not found: .*nope\.yaml"):
        report.read_parameters_file(tmp_path / "nope.yaml")


def test_help_lists_every_parameter_with_type_default_and_help():
    text = report.parameters_help()
    for name, entry in papermill.inspect_notebook(str(NOTEBOOK)).items():
        line = next(line for line in text.splitlines() if line.strip().startswith(name + " "))
        if name in report.RESERVED_PARAMETERS:
            assert "set by the command" in line, line
        else:
            assert f"default {entry['default']}" in line, line
        assert entry["help"] in text
    assert "outlets         list[str] | None; default None" in text
