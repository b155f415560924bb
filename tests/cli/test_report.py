"""framing.cli.report: parameters from a YAML file and ``-p``, ``--help-parameters``, usage."""

from __future__ import annotations

import papermill
import pytest
from support import NOTEBOOK, TINY

import framing
from framing import cli, report


@pytest.fixture
def captured(monkeypatch):
    """What the command passes to ``run_report`` (no kernel is started)."""
    calls: list[dict] = []

    def fake(corpus, out, parameters=None, **options):
        calls.append({"corpus": corpus, "out": out, "parameters": parameters, **options})
        raise report.ReportError("stopped by the test")

    monkeypatch.setattr(report, "run_report", fake)
    return calls


def test_help_parameters_lists_the_notebook_parameters_without_a_corpus(capsys):
    assert cli.main(["report", "--help-parameters"]) == 0
    out = capsys.readouterr().out
    for name, entry in papermill.inspect_notebook(str(NOTEBOOK)).items():
        assert f"  {name} " in out and entry["help"] in out, name
    assert "-f FILE" in out and "-p NAME VALUE" in out


def test_corpus_and_out_are_required_to_run(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["report", str(TINY)])
    assert info.value.code == 2
    assert "the following arguments are required: -o/--out" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["report"])
    assert "required: CORPUS, -o/--out" in capsys.readouterr().err


def test_p_overrides_the_parameters_file(captured, tmp_path, capsys):
    params = tmp_path / "params.yaml"
    params.write_text("n_boot: 500\nseed: 3\nstart: 2026-03-01\n", encoding="utf-8")
    args = ["report", str(TINY), "--out", str(tmp_path / "out"), "-f", str(params)]
    assert cli.main([*args, "-p", "seed", "7"]) == 2
    assert captured[0]["parameters"] == {"n_boot": 500, "seed": "7", "start": "2026-03-01"}
    assert "stopped by the test" in capsys.readouterr().err


def test_a_bad_parameters_file_stops_the_command_naming_it(captured, tmp_path, capsys):
    params = tmp_path / "params.yaml"
    params.write_text("n_boot: 500\noutlets: [Metro Ledger\n", encoding="utf-8")
    args = ["report", str(TINY), "--out", str(tmp_path / "out"), "-f", str(params)]
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert f"framing report: error: {params}: not valid YAML (line 3, column 1)" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["params.yaml"]
    assert cli.main([*args[:-1], str(tmp_path / "missing.yaml")]) == 2
    assert "parameters file not found: " in capsys.readouterr().err
    assert captured == []  # stopped before the report run


def test_progress_lines_go_to_stderr_unless_no_progress(captured, tmp_path, capsys):
    args = ["report", str(TINY), "--out", str(tmp_path / "out")]
    assert cli.main(args) == 2
    assert cli.main([*args, "--no-progress"]) == 2
    shown, hidden = captured[0]["on_progress"], captured[1]["on_progress"]
    assert hidden is None
    shown("cell 5/15: run.loaded_rates()")
    out, err = capsys.readouterr()
    assert err.endswith("cell 5/15: run.loaded_rates()\n") and "cell 5/15" not in out


def test_n_jobs_and_chunksize_go_to_the_extraction(captured, tmp_path):
    args = ["report", str(TINY), "--out", str(tmp_path / "out")]
    assert cli.main([*args, "--n-jobs", "1", "--chunksize", "16"]) == 2
    assert captured[0]["n_jobs"] == 1 and captured[0]["chunksize"] == 16
    assert cli.main(args) == 2
    assert captured[1]["n_jobs"] == framing.defaults.CLI_N_JOBS
    assert captured[1]["chunksize"] == framing.defaults.CHUNKSIZE
