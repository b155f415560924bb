"""framing.plots.background: figure files written by a worker process, byte for byte those
save_figure writes here; failures raised, a dead worker's figures written here."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.ticker import FuncFormatter

from framing import plots
from framing.plots.background import FigureWriteError, FigureWriter, wait_for_worker

PROVENANCE = {"parameters": {"seed": 3}, "created_at": "2026-03-04T00:00:00+00:00"}
FORMATS = ("pdf", "svg", "png")


def panel(outlets=("Courier", "Ledger")):
    rows = [
        (outlet, kind, 0.2 + 0.1 * i + 0.05 * j, 0.1 + 0.1 * i, 0.4 + 0.1 * i)
        for i, outlet in enumerate(outlets)
        for j, kind in enumerate(["named", "anonymous"])
    ]
    table = pd.DataFrame(rows, columns=["outlet", "source_type", "share", "ci_low", "ci_high"])
    return plots.panel_figure(table, panel="source_type", title="Sources", xlabel="share")


def test_files_are_those_save_figure_writes(figure_name, make_figure, tmp_path):
    here = plots.save_figure(make_figure(figure_name), tmp_path / "here" / "f", PROVENANCE)
    with FigureWriter() as writer:
        there = writer.save(make_figure(figure_name), tmp_path / "there" / "f", PROVENANCE)
        assert {k: p.name for k, p in there.items()} == {k: p.name for k, p in here.items()}
    assert writer.written_here == 0
    for fmt in FORMATS:
        assert there[fmt].read_bytes() == here[fmt].read_bytes(), fmt
    mine, theirs = (json.loads(p["json"].read_text(encoding="utf-8")) for p in (here, there))
    assert theirs["files"] == mine["files"]
    assert theirs["parameters"] == {"seed": 3} and theirs["created"] == mine["created"]


def test_panel_figures_pickle_and_are_written_there(tmp_path):
    # The percent tick labels were a lambda, which cannot be pickled: such a figure was
    # written in the report's process, on the core the statistics use.
    pickle.dumps(panel())
    here = plots.save_figure(panel(), tmp_path / "here" / "p")
    with FigureWriter() as writer:
        there = writer.save(panel(), tmp_path / "there" / "p")
    assert writer.written_here == 0
    assert all(there[f].read_bytes() == here[f].read_bytes() for f in FORMATS)


def test_a_figure_that_cannot_be_pickled_is_written_here(tmp_path):
    fig = panel()
    for ax in fig.axes:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.1f}"))
    with FigureWriter() as writer:
        paths = writer.save(fig, tmp_path / "p")
        assert all(paths[f].is_file() for f in (*FORMATS, "json"))  # before the call returned
    assert writer.written_here == 1


def test_a_figure_too_deep_to_pickle_is_written_here(tmp_path):
    # Matplotlib pickles axes that share an axis one inside the other: 200 panels sharing
    # theirs exceed Python's recursion limit, which ended the report with a RecursionError.
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 2))
    fig.subplots(50, 4, sharex=True, sharey=True)
    with pytest.raises(RecursionError):
        pickle.dumps(fig)
    with FigureWriter() as writer:
        paths = writer.save(fig, tmp_path / "deep")
        assert all(paths[f].is_file() for f in (*FORMATS, "json"))
    assert writer.written_here == 1


def test_a_figure_that_fails_to_draw_is_named_in_the_error(tmp_path):
    bad = plots.loaded_rate_figure(
        pd.DataFrame({"outlet": ["A"], "rate": [1.0], "ci_low": [0.5], "ci_high": [1.5]})
    )
    bad.axes[0].set_title(r"$\frac{$")  # mathtext that fails when drawn, not when set
    good = panel()
    writer = FigureWriter()
    writer.save(bad, tmp_path / "broken")
    writer.save(good, tmp_path / "fine")
    with pytest.raises(FigureWriteError, match="figure broken was not written"):
        writer.close()
    assert (tmp_path / "fine.png").is_file()  # the others are still written
    assert not (tmp_path / "broken.json").exists()


def test_figures_pending_when_the_worker_dies_are_written_here(tmp_path):
    writer = FigureWriter()
    writer.save(panel(), tmp_path / "first")
    process = writer._process
    assert process is not None
    process.kill()
    process.wait()
    paths = writer.save(panel(), tmp_path / "second")
    pickles = writer._folder
    assert pickles is not None and pickles.is_dir()
    writer.close()
    assert not pickles.exists()
    reference = plots.save_figure(panel(), tmp_path / "ref" / "second")
    assert all(paths[f].read_bytes() == reference[f].read_bytes() for f in FORMATS)
    assert (tmp_path / "first.svg").is_file()
    assert writer.written_here >= 1  # the second for sure; the first unless it was done


def test_the_writer_starts_again_after_close(tmp_path):
    writer = FigureWriter()
    writer.save(panel(), tmp_path / "a")
    writer.close()
    assert writer.pending == 0
    writer.save(panel(), tmp_path / "b")
    writer.close()
    assert (tmp_path / "a.pdf").is_file() and (tmp_path / "b.pdf").is_file()
    assert writer.written_here == 0


def test_figures_queued_by_a_process_that_dies_are_still_written(tmp_path):
    # As when a notebook cell fails or the kernel is killed: the worker, in a session of its
    # own, writes what it was given once its input ends; wait_for_worker waits for it.
    script = f"""
import os, pandas as pd
from framing import plots
from framing.plots.background import FigureWriter
writer = FigureWriter(pid_file={str(tmp_path / "worker.pid")!r})
table = pd.DataFrame({{"outlet": ["A"], "rate": [1.0], "ci_low": [0.5], "ci_high": [1.5]}})
for name in ("one", "two"):
    writer.save(plots.loaded_rate_figure(table), {str(tmp_path)!r} + "/" + name)
print(writer._folder, flush=True)
os._exit(0)  # no clean-up, no waiting
"""
    ran = subprocess.run(
        [sys.executable, "-c", script], check=True, timeout=300, capture_output=True, text=True
    )
    pickles = Path(ran.stdout.strip())
    assert pickles.name.startswith("framing-figures-")
    assert (tmp_path / "worker.pid").is_file()
    assert wait_for_worker(tmp_path / "worker.pid")
    for name in ("one", "two"):
        assert all((tmp_path / f"{name}.{f}").stat().st_size > 0 for f in (*FORMATS, "json"))
    assert not pickles.exists()  # the worker tidied the dead process's pickles up


def test_wait_for_worker_gives_up_after_its_timeout(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_path / "pid").write_text(str(sleeper.pid))
        assert not wait_for_worker(tmp_path / "pid", timeout=0.2)
    finally:
        sleeper.kill()
        sleeper.wait()
    assert wait_for_worker(tmp_path / "pid", timeout=0.2)
    assert wait_for_worker(tmp_path / "absent")


def test_the_pid_file_is_removed_when_the_writer_closes(tmp_path):
    with FigureWriter(pid_file=tmp_path / "pid") as writer:
        writer.save(panel(), tmp_path / "p")
        assert (tmp_path / "pid").is_file()
    assert not (tmp_path / "pid").exists()


@pytest.mark.parametrize("name", ["panel", "loaded_rate", "doubt_share"])
def test_the_worker_draws_figures_without_importing_the_toolkit(name, make_figure, tmp_path):
    """The worker runs framing/plots/drawing.py by itself: the file and a figure's job
    unpickle with matplotlib alone, so it holds no pandas or framing (~70 MB less, held while
    the report's kernel is at its peak). The panel's percent tick labels were a function of
    the toolkit, which unpickling imports."""
    from framing.plots.background import worker_command
    from framing.plots.save import figure_job, figure_paths

    fig = panel() if name == "panel" else make_figure(name)
    job = figure_job(fig, figure_paths(tmp_path / "f"), PROVENANCE, dpi=30)
    code = (
        "import pickle, runpy, sys\n"
        f"runpy.run_path({worker_command()[-1]!r})\n"
        "fig, paths, record, rc, dpi = pickle.loads(sys.stdin.buffer.read())\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'framing', 'pandas'}))\n"
    )
    found = subprocess.run(
        [sys.executable, "-P", "-c", code],
        input=pickle.dumps(job),
        capture_output=True,
        check=True,
    )
    assert found.stdout.decode().strip() == "[]"


def test_the_worker_lets_each_figure_go_once_its_files_are_written(tmp_path, monkeypatch):
    """A figure's artists refer to each other: the worker collects them after each figure
    rather than hold the figure (and the canvas with its PNG's pixels) until the cycle
    collector happens to run, during the next one."""
    import gc
    import io
    import weakref

    from matplotlib.figure import Figure

    from framing.plots import drawing

    drawn = []
    monkeypatch.setattr(drawing, "draw_files", lambda fig, *_: drawn.append(weakref.ref(fig)))
    fig = Figure(layout="constrained")  # as the report's figures are made (no pyplot)
    fig.add_subplot().plot([1, 2, 3])
    file = tmp_path / "figures" / "f.pickle"
    file.parent.mkdir()
    file.write_bytes(pickle.dumps((fig, {}, {}, {}, 300)))
    del fig
    gc.collect()
    gc.disable()  # only the worker's own collection can free the figure it read
    try:
        replies = io.StringIO()
        drawing.serve(io.StringIO(json.dumps({"task": 7, "file": str(file)}) + "\n"), replies)
        assert len(drawn) == 1 and drawn[0]() is None
    finally:
        gc.enable()
    assert json.loads(replies.getvalue()) == {"task": 7, "error": None}
    assert not file.parent.exists()  # the pickle and its folder are gone
