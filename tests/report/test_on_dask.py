"""The report on a Dask cluster (``framing report --engine dask``, ``report.prepare(...,
scheduler=...)``): the workers extract the corpus and read the extraction's parts, and the
report's tables, figures and evidence are those of the report made in one process."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from support import NOTEBOOK, TINY, local_dask_client, written

from framing import cli, report
from framing.errors import ReportError
from framing.extract import Extraction
from framing.report.hit_tables import ids_selected, stream_report_hits

pytest.importorskip("distributed")

FAST = ["-p", "n_boot", "100", "-p", "min_articles", "2", "--no-progress"]


@pytest.fixture(scope="module")
def client():
    # Worker processes, as on a real cluster: what goes to a worker and back is pickled.
    with local_dask_client(workers=2, threads=1, processes=True) as client:
        yield client


def assert_same_slices(a, b) -> None:
    assert a.total == b.total
    assert list(a.tables) == list(b.tables)
    for detector in a.tables:
        pd.testing.assert_frame_equal(a[detector], b[detector])


def test_workers_read_the_parts_into_the_slices_and_copy_of_this_process(
    sample_folder, client, tmp_path
):
    here = stream_report_hits(sample_folder, copy_to=tmp_path / "here.parquet")
    there = stream_report_hits(sample_folder, copy_to=tmp_path / "there.parquet", client=client)
    assert_same_slices(here, there)
    assert here.total > 1000 and len(there["attribution"]) > 100
    assert (tmp_path / "here.parquet").read_bytes() == (tmp_path / "there.parquet").read_bytes()


def test_the_workers_filter_a_selection_as_this_process_does(sample_folder, client):
    articles = Extraction.load(sample_folder).articles
    outlets = sorted(articles["outlet"].unique())[:2]
    chosen = articles[articles["outlet"].isin(outlets)]
    keep = ids_selected(chosen, {"outlets": outlets, "events": None})
    here = stream_report_hits(sample_folder, keep=keep)
    there = stream_report_hits(sample_folder, keep=keep, client=client)
    assert_same_slices(here, there)
    assert set(there["attribution"]["outlet"]) == set(outlets)


def test_a_part_the_workers_cannot_see_is_named_with_what_it_needs(sample_folder, monkeypatch):
    from framing.report import hit_tables

    def missing(path, keep):
        raise FileNotFoundError(2, "No such file or directory", str(path))

    # Worker threads of this process, so that they read through the patched function.
    monkeypatch.setattr(hit_tables, "_read_part", missing)
    with (
        local_dask_client(workers=1, threads=1, processes=False) as local,
        pytest.raises(FileNotFoundError, match="the workers must see the extraction folder"),
    ):
        stream_report_hits(sample_folder, client=local)


@pytest.mark.slow
def test_a_report_read_on_the_cluster_equals_the_report_read_here(sample_folder, client, tmp_path):
    params = {"n_boot": 200}
    here = report.build(sample_folder, output_dir=tmp_path / "here", **params)
    there = report.build(
        sample_folder, output_dir=tmp_path / "there", scheduler=client.scheduler.address, **params
    )
    a, b = written(tmp_path / "here"), written(tmp_path / "there")
    assert a.keys() == b.keys() and "tables/evidence.csv" in a
    assert [name for name in a if a[name] != b[name]] == []
    assert there.provenance["scheduler"] == client.scheduler.address
    assert "scheduler" not in here.provenance


@pytest.mark.slow
def test_framing_report_engine_dask_equals_the_report_on_processes(client, tmp_path):
    address = client.scheduler.address
    dask_run = ["--engine", "dask", "--scheduler", address]
    assert cli.main(["report", str(TINY), "--out", str(tmp_path / "p"), *FAST]) == 0
    assert cli.main(["report", str(TINY), "--out", str(tmp_path / "d"), *FAST, *dask_run]) == 0
    a, b = written(tmp_path / "p"), written(tmp_path / "d")
    assert a.keys() == b.keys() and "tables/loaded_rates.csv" in a
    assert [name for name in a if a[name] != b[name]] == []
    record = json.loads((tmp_path / "d" / "provenance.json").read_text("utf-8"))
    assert record["run"]["engine"] == f"dask {address}"
    assert record["scheduler"] == address  # the kernel read the parts on the cluster
    plain = json.loads((tmp_path / "p" / "provenance.json").read_text("utf-8"))
    assert plain["run"]["engine"] == "processes" and "scheduler" not in plain
    # Nothing is left next to the report folders (the extraction made for the run is removed).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d", "p"]


def test_scheduler_needs_engine_dask(tmp_path, capsys, no_kernel):
    argv = ["report", str(TINY), "--out", str(tmp_path / "r"), "--scheduler", "tcp://x:1"]
    assert cli.main(argv) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_the_scheduler_is_set_by_the_command_not_by_a_parameter(tmp_path, capsys, no_kernel):
    argv = ["report", str(TINY), "--out", str(tmp_path / "r"), "-p", "scheduler", "tcp://x:1"]
    assert cli.main(argv) == 2
    assert "set by the command: choose a Dask cluster with --engine dask" in (
        capsys.readouterr().err
    )


def test_a_notebook_without_a_scheduler_parameter_cannot_run_on_dask(tmp_path, no_kernel):
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if "parameters" in c["metadata"].get("tags", []))
    cell["source"] = [line for line in cell["source"] if not line.startswith("scheduler")]
    custom = tmp_path / "custom.ipynb"
    custom.write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(ReportError, match="the parameters cell lacks scheduler"):
        report.run_report(TINY, tmp_path / "r", notebook=custom, engine="dask")
    # Without the Dask engine the notebook runs as before (here: up to the kernel it may not
    # start).
    with pytest.raises(ReportError, match="a kernel was started"):
        report.run_report(TINY, tmp_path / "r", notebook=custom, n_jobs=1)


def test_the_run_says_which_cluster_it_uses(client, tmp_path, no_kernel):
    lines: list[str] = []
    address = client.scheduler.address
    with pytest.raises(ReportError, match="a kernel was started"):
        report.run_report(
            TINY, tmp_path / "r", engine="dask", scheduler=address, on_progress=lines.append
        )
    using = next(line for line in lines if line.startswith("using the Dask cluster"))
    assert address in using and "2 worker threads" in using and "dashboard http" in using
    assert "extracting the corpus on the Dask cluster" in "\n".join(lines)
