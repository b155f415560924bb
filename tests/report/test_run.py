"""framing.report.run: ``framing report`` on the tiny corpus (each run starts a kernel: a few
seconds to ~20 s)."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from support import renamed_export

import framing
from framing import cli, report

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "data" / "corpus" / "tiny"
TINY_OUTLETS = ["Metro Ledger", "The Harbor Sentinel", "Valley Courier"]
HOSTILE_OUTLET = "<script>alert(1)</script> $x$ Courier"
FAST = ["-p", "min_articles", "2", "-p", "n_boot", "200"]

FIGURES = [
    "loaded_rate",
    "distinctive_terms",
    "verb_classes",
    "doubt_share",
    "endorsement_share",
    "matched_events",
    "source_types",
    "share_of_voice",
    "voice_by_gender",
    "marker_rates",
    "trends",
]
TABLES = [
    "corpus_overview",
    "loaded_rates",
    "distinctive_terms",
    "verb_class_counts",
    "attribution_asymmetry",
    "event_rates",
    "source_types",
    "share_of_voice",
    "voice_by_gender",
    "marker_rates",
    "trends",
    "evidence",
    "validity",
]


def test_unknown_outlet_error_lists_available_outlets(no_kernel, tmp_path):
    with pytest.raises(ValueError) as info:
        report.run_report(TINY, tmp_path / "out", {"outlets": ["Foxx", "Metro Ledger"]})
    assert all(repr(name) in str(info.value) for name in TINY_OUTLETS)


def test_out_must_not_be_a_folder_of_other_files(no_kernel, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(report.ReportError, match="not a framing report; refusing"):
        report.run_report(TINY, tmp_path, {})
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_corpus_with_other_column_names_is_refused_with_the_mapping_to_pass(
    no_kernel, tmp_path, capsys
):
    export = renamed_export(tmp_path)
    with pytest.raises(ValueError, match=r"pass columns=\{'text': 'body'\}"):
        report.run_report(export, tmp_path / "out")
    with pytest.raises(
        ValueError, match=r"no article has an outlet.*\n.*columns=\{'outlet': 'source'\}"
    ):
        report.run_report(export, tmp_path / "out", columns={"text": "body"})
    assert cli.main(["report", str(export), "--out", str(tmp_path / "out")]) == 2
    assert "pass --column text=body" in capsys.readouterr().err
    args = ["report", str(export), "--out", str(tmp_path / "out"), "--column", "text=body"]
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert "no article has an outlet" in err and "pass --column outlet=source" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]


def test_progress_is_reported_step_by_step_until_a_check_fails(no_kernel, tmp_path, caplog):
    lines: list[str] = []
    with caplog.at_level("INFO", logger="framing"), pytest.raises(ValueError, match="Foxx"):
        report.run_report(
            TINY, tmp_path / "out", {"outlets": ["Foxx", "Metro Ledger"]}, on_progress=lines.append
        )
    assert lines == ["validating the corpus", "checking the parameters against the corpus"]
    assert "report: validating the corpus" in caplog.text  # the same lines, logged


def test_cells_are_numbered_like_the_executed_notebook():
    from framing.report.execute import _Progress

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("x = 2", metadata={"tags": ["injected-parameters"]}),
        nbformat.v4.new_code_cell("   "),  # empty: nbclient skips it, no number
        nbformat.v4.new_code_cell("from framing import report\n\nrun = report.prepare(\n  x\n)"),
        nbformat.v4.new_code_cell("# comment\nrun.loaded_rates()"),
    ]
    lines: list[str] = []
    progress = _Progress(lines.append)
    progress.cell_start(notebook=notebook)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and cell.source.strip():
            progress.cell_execute(cell=cell, cell_index=index)
    assert lines == [
        "cell 1/4: the notebook's default parameters",
        "cell 2/4: parameters given to the report",
        "cell 3/4: run = report.prepare(",
        "cell 4/4: run.loaded_rates()",
    ]


def test_a_failing_progress_callback_does_not_stop_the_run(caplog):
    from framing.report.execute import _Progress

    def broken(message: str) -> None:
        raise BrokenPipeError("stderr closed")

    progress = _Progress(broken)
    progress("validating the corpus")
    progress("starting the kernel")  # not called again
    assert progress.callback is None
    assert caplog.text.count("progress callback failed") == 1


# ---------------------------------------------------------------------------------------------
# Report runs


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
    assert "framing.loaded.v15" in provenance["detectors"]
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
    # Who is quoted is only known after extraction: a name in the articles that nobody is
    # quoted under passes the checks made before the kernel and fails inside the notebook.
    code = run_cli(TINY, out, *FAST, "-p", "speakers", '["Port Belmar"]')
    err = capsys.readouterr().err
    assert code == 2
    assert "cell In [" in err and 'run.doubt_shares("doubt")' in err, err
    assert "ValueError: no attributions to speaker(s) 'Port Belmar'" in err
    assert "left untouched" in err
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    failed = tmp_path / "report.failed" / "report.ipynb"
    assert failed.is_file() and str(failed) in err
    executed = nbformat.read(failed, as_version=4)
    assert any(o.output_type == "error" for c in executed.cells for o in c.get("outputs", []))
    # The corpus's extraction stays for the next run to start from (a finished run removes it).
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".report.extraction", "report", "report.failed",
    ]  # fmt: skip


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
def test_report_on_an_export_with_other_column_names(tmp_path, capsys):
    export = renamed_export(tmp_path)
    out = tmp_path / "report"
    mapped = ["--column", "text=body", "--column", "outlet=source"]
    assert run_cli(export, out, *FAST, *mapped) == 0
    # Progress on stderr, step by step; the result on stdout.
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[:2] == ["validating the corpus", "checking the parameters against the corpus"]
    # The corpus is extracted (streamed, on every core) before the kernel starts.
    assert lines[2].startswith("extracting the corpus on ")
    assert "starting the kernel (python3)" in lines[3:]
    cells = [line for line in lines if line.startswith("cell ")]
    code = [c for c in nbformat.read(report.DEFAULT_NOTEBOOK, 4).cells if c.cell_type == "code"]
    total = len(code) + 1  # and the injected parameters
    assert [c.split(":")[0] for c in cells] == [f"cell {k}/{total}" for k in range(1, total + 1)]
    assert ": run.loaded_rates()" in captured.err
    assert lines[-1] == "writing report.html"
    assert captured.out.startswith("Report written to")
    provenance = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["corpus_source"] == str(export)
    assert provenance["corpus_columns"] == {"text": "body", "outlet": "source"}
    assert provenance["corpus_fingerprint"] == framing.corpus_fingerprint(framing.load_corpus(TINY))
    rates = pd.read_csv(out / "tables" / "loaded_rates.csv")
    assert sorted(rates["outlet"]) == TINY_OUTLETS
    tex = (out / "tables" / "loaded_rates.tex").read_text(encoding="utf-8")
    assert r"\toprule" in tex and r"\label{tab:loaded_rates}" in tex
    assert r"per 1,000 words (95\% CI)" in tex
    # The mapped copy of the corpus the notebook read is not left in the report.
    assert not (out / "input").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv", "report"]


def test_the_kernel_allocates_with_the_c_library_and_maps_large_blocks_unless_told_otherwise(
    tmp_path, monkeypatch
):
    from framing.report.execute import _execute, _Progress

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("out = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(
            "import os, pathlib, pyarrow\n"
            "pathlib.Path(out).write_text(pyarrow.default_memory_pool().backend_name + ' '\n"
            "                             + os.environ.get('MALLOC_MMAP_THRESHOLD_', '-'))"
        ),
    ]
    notebook.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3", "language": "python",
    }  # fmt: skip
    given = tmp_path / "pool.ipynb"
    nbformat.write(notebook, given)
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    used = {}
    for told in (None, "jemalloc"):
        if told:
            monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", told)
            monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "65536")
        out = tmp_path / f"pool-{told}.txt"
        _execute(
            given, tmp_path / "run.ipynb", {"out": str(out)},
            kernel_name="python3", timeout=120, progress=_Progress(None),
        )  # fmt: skip
        used[told] = out.read_text()
    # The C library's allocator, large blocks mapped on their own (4 MiB and more), unless
    # the user chose otherwise.
    assert used == {None: "system 4194304", "jemalloc": "jemalloc 65536"}
    # Set for the kernel only: this process's environment is as it was.
    assert os.environ["ARROW_DEFAULT_MEMORY_POOL"] == "jemalloc"
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == "65536"
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL")
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_")
    _execute(
        given, tmp_path / "run.ipynb", {"out": str(out)},
        kernel_name="python3", timeout=120, progress=_Progress(None),
    )  # fmt: skip
    assert "ARROW_DEFAULT_MEMORY_POOL" not in os.environ
    assert "MALLOC_MMAP_THRESHOLD_" not in os.environ


def test_the_kernel_shows_each_result_but_keeps_no_output_cache(tmp_path):
    from framing.report.execute import _execute, _Progress

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("out = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("list(range(3))"),
        nbformat.v4.new_code_cell(
            "import pathlib\npathlib.Path(out).write_text(repr((len(Out), isinstance(_, list))))"
        ),
    ]
    notebook.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3", "language": "python",
    }  # fmt: skip
    given, executed = tmp_path / "cache.ipynb", tmp_path / "run.ipynb"
    nbformat.write(notebook, given)
    out = tmp_path / "cache.txt"
    _execute(
        given, executed, {"out": str(out)},
        kernel_name="python3", timeout=120, progress=_Progress(None),
    )  # fmt: skip
    # The result is in the notebook, not held by the kernel (a step's figure and tables).
    assert out.read_text() == "(0, False)"
    shown = nbformat.read(executed, as_version=4).cells[2].outputs
    assert [o["data"]["text/plain"] for o in shown] == ["[0, 1, 2]"]


def _notebook_probing_its_runner(path: Path, probe: Path) -> Path:
    """The report notebook with a first cell that records what the process running it (the
    kernel's parent) has loaded: its PID, and whether Arrow's or pandas's libraries are
    mapped into it."""
    notebook = nbformat.read(report.DEFAULT_NOTEBOOK, as_version=4)
    code = (
        "import json, os, pathlib\n"
        "runner = os.getppid()\n"
        "maps = pathlib.Path(f'/proc/{runner}/maps').read_text()\n"
        f"pathlib.Path({str(probe)!r}).write_text(json.dumps(\n"
        "    {'pid': runner, 'arrow': 'libarrow' in maps, 'pandas': '/pandas/_libs/' in maps}\n"
        "))"
    )
    notebook.cells.insert(0, nbformat.v4.new_code_cell(code))
    nbformat.write(notebook, path)
    return path


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="reads /proc (Linux)")
@pytest.mark.parametrize(
    ("command", "hands_off"),
    [
        (["-m", "framing.cli"], True),  # the program: `framing report`
        (["-c", "import sys; from framing.cli import main; sys.exit(main(sys.argv[1:]))"], False),
    ],
)
def test_framing_report_waits_for_the_kernel_in_a_process_without_pandas_or_arrow(
    tmp_path, command, hands_off
):
    """The command checks and extracts with pandas and Arrow, then replaces itself (same PID)
    by a process that imports neither to run the notebook. Called from Python with arguments,
    it runs the notebook in its own process, which the same probe sees holding both."""
    import subprocess
    import sys

    probe = tmp_path / "runner.json"
    notebook = _notebook_probing_its_runner(tmp_path / "probing.ipynb", probe)
    out = tmp_path / "out"
    args = ["report", str(TINY), "--out", str(out), "--notebook", str(notebook), *FAST]
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    child = subprocess.Popen(
        [sys.executable, *command, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    stdout, stderr = child.communicate()
    assert child.returncode == 0, stderr
    assert stdout.startswith(f"Report written to {out / 'report.html'}")
    assert "cell 2/" in stderr and "writing report.html" in stderr  # progress, both halves
    runner = json.loads(probe.read_text())
    assert runner == {"pid": child.pid, "arrow": not hands_off, "pandas": not hands_off}
    provenance = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["run"]["seconds_until_html"] > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "out", "probing.ipynb", "runner.json", "tmp",
    ]  # fmt: skip
    assert list(temporary.iterdir()) == []  # the handed-off run's file is gone too


def _notebook_with_first_cell(path: Path, code: str) -> Path:
    notebook = nbformat.read(report.DEFAULT_NOTEBOOK, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(code))
    nbformat.write(notebook, path)
    return path


@pytest.mark.skipif(os.name != "posix", reason="the run is handed off on POSIX only")
def test_a_handed_off_run_fails_and_is_terminated_as_framing_report_does(tmp_path):
    """After the hand-off the new process reports a failed cell (exit 2, the failed notebook
    kept) and a SIGTERM (exit 143, its build folder and kernel gone) as before."""
    import signal
    import subprocess
    import sys

    def start(notebook: Path, out: Path) -> subprocess.Popen:
        args = ["report", str(TINY), "--out", str(out), "--notebook", str(notebook), *FAST]
        return subprocess.Popen(
            [sys.executable, "-m", "framing.cli", *args, "--no-progress"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip

    failing = _notebook_with_first_cell(tmp_path / "f.ipynb", 'raise RuntimeError("injected")')
    child = start(failing, tmp_path / "failed")
    stdout, stderr = child.communicate()
    assert child.returncode == 2
    assert stdout == ""
    assert stderr.startswith("framing report: failed: cell In [1] `raise RuntimeError")
    assert "RuntimeError: injected" in stderr and "no report written" in stderr
    assert (tmp_path / "failed.failed" / "report.ipynb").is_file()

    started = tmp_path / "started"
    waiting = _notebook_with_first_cell(
        tmp_path / "w.ipynb",
        f"import pathlib, time\npathlib.Path({str(started)!r}).touch()\ntime.sleep(120)",
    )
    child = start(waiting, tmp_path / "killed")
    try:
        # Poll a bounded number of times (at least 4 minutes of sleeps), reading no clock.
        for _ in range(4800):
            if started.exists():
                break
            assert child.poll() is None, child.communicate()
            time.sleep(0.05)
        else:
            raise AssertionError("the notebook never started")
        child.send_signal(signal.SIGTERM)
        stdout, stderr = child.communicate(timeout=120)
    finally:
        child.kill()
    assert child.returncode == 128 + signal.SIGTERM
    assert "framing: terminated" in stderr
    # No build folder is left; each run's extraction is, for a later run to resume from.
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".failed.extraction", ".killed.extraction", "f.ipynb", "failed.failed", "started",
        "w.ipynb",
    ]  # fmt: skip


class _Planned(Exception):
    pass


@pytest.mark.parametrize("extracted", [False, True])
def test_a_cell_may_run_longer_the_larger_the_corpus(tmp_path, extracted):
    from framing.defaults import REPORT_TIMEOUT, report_timeout

    corpus = TINY
    if extracted:
        corpus = tmp_path / "features"
        framing.extract(TINY, output=corpus, for_report=True, progress=False)
    plans = []

    def keep(plan):
        plans.append(plan)
        raise _Planned

    articles = len(framing.load_corpus(TINY))
    for given, expected in ((None, report_timeout(articles)), (45, 45)):
        with pytest.raises(_Planned):
            report.run_report(
                corpus, tmp_path / "out", {"min_articles": 2}, timeout=given, hand_off=keep
            )
        assert plans.pop().timeout == expected
    assert report_timeout(articles) == REPORT_TIMEOUT + 1
    assert report_timeout(10_000_000) == REPORT_TIMEOUT + 18_000


@pytest.mark.slow
def test_a_cell_that_runs_too_long_fails_the_run_and_says_how_to_give_it_more(tmp_path, capsys):
    slow = _notebook_with_first_cell(tmp_path / "slow.ipynb", "import time\ntime.sleep(60)")
    code = run_cli(TINY, tmp_path / "out", *FAST, "--notebook", str(slow), "--timeout", "2")
    err = capsys.readouterr().err
    assert code == 2
    assert "CellTimeoutError" in err
    assert "a cell may run 2 s; give it more with --timeout S" in err
    assert (tmp_path / "out.failed" / "report.ipynb").is_file()
