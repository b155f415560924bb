"""framing.report.folders: writes stay inside the report folder; failed and killed runs are
kept or tidied, and nothing that is not framing's is replaced."""

from __future__ import annotations

import json
import os

import pytest

from framing import report
from framing.report import folders


def test_writes_cannot_leave_the_output_folder(tmp_path):
    with pytest.raises(ValueError, match="outside the output folder"):
        folders.under(tmp_path, "..", "escape")
    assert folders.under(tmp_path, "tables", "x") == (tmp_path / "tables" / "x").resolve()


def test_failed_runs_never_replace_a_folder_that_is_not_framings(tmp_path):
    mine = tmp_path / "report.failed"
    mine.mkdir()
    (mine / "notes.txt").write_text("my notes", encoding="utf-8")
    build = tmp_path / ".report.building-x"
    build.mkdir()
    kept = folders.keep_failed(build, mine)
    assert kept == build / "report.ipynb" and build.is_dir()
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert not folders.is_ours(mine)


def test_interrupted_runs_are_tidied_by_the_next_one(tmp_path):
    out = tmp_path / "report"
    marker = json.dumps({"kind": report.REPORT_KIND})
    # Killed between the two renames of the swap: the earlier report is put back.
    moved = tmp_path / ".report.old-1a2b3c4d"
    moved.mkdir()
    (moved / "provenance.json").write_text(marker, encoding="utf-8")
    # Killed while building: its folder goes once its process is gone, not before.
    dead, alive = tmp_path / ".report.building-dead", tmp_path / ".report.building-alive"
    for folder in (dead, alive):
        folder.mkdir()
        folders.mark_build(folder)
    owner = json.loads((dead / folders.BUILD_MARKER).read_text(encoding="utf-8"))
    owner["pid"] = _dead_pid()
    (dead / folders.BUILD_MARKER).write_text(json.dumps(owner), encoding="utf-8")
    stranger = tmp_path / ".report.building-unmarked"
    stranger.mkdir()
    folders.recover_interrupted(out)
    assert (out / "provenance.json").read_text(encoding="utf-8") == marker
    assert not moved.exists() and not dead.exists()
    assert alive.exists() and stranger.exists()
    # Killed after the swap: the moved-aside copy is deleted.
    moved.mkdir()
    (moved / "provenance.json").write_text(marker, encoding="utf-8")
    folders.recover_interrupted(out)
    assert not moved.exists() and out.is_dir()


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    pid = int(child.stdout)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    return pid


def test_framing_report_imports_no_matplotlib_to_run_the_notebook():
    """`framing report` waits for the kernel through the whole report: matplotlib (~30 MB)
    is the kernel's and the figure worker's, not its own."""
    import subprocess
    import sys

    code = (
        "import sys, framing.cli, framing.cli.report, framing.report.run, papermill\n"
        "print(sorted(m for m in ('matplotlib', 'framing.plots') if m in sys.modules))\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert found.stdout.decode().strip() == "[]"


@pytest.mark.skipif(os.name != "posix", reason="the kernel talks over Unix sockets on POSIX only")
def test_socket_folders_of_killed_runs_are_removed_by_the_next_run(tmp_path):
    import subprocess
    import sys

    from framing.report.folders import SOCKETS_PREFIX, remove_stale_sockets

    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()  # a process that is gone: its folder is stale
    names = {
        "dead": f"{SOCKETS_PREFIX}{ended.pid}-abc123",
        "alive": f"{SOCKETS_PREFIX}{os.getpid()}-def456",
        "old": f"{SOCKETS_PREFIX}k2x9_q1z",  # framing before process IDs in the name
        "other": f"{SOCKETS_PREFIX}notapid-x",
    }
    for name in names.values():
        (tmp_path / name).mkdir()
        (tmp_path / name / "kernel-1").write_text("")
    assert remove_stale_sockets(str(tmp_path)) == [names["dead"]]
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([names["alive"], names["old"], names["other"]])
