"""The report notebook (framing/report/notebooks/) and the explore notebook: committed clean,
no analysis logic of their own, shipped inside the package, and runnable."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import papermill
import pytest

import framing
from framing import report

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "outlet_comparison.ipynb"
EXPLORE = ROOT / "notebooks" / "explore.ipynb"
SAMPLE = ROOT / "corpora" / "sample"


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


def test_report_notebook_ships_inside_the_package():
    """An installed wheel must hold the notebook `framing report` runs: it lives in the package,
    matched by a package-data pattern, and notebooks/ links to that one file (no second copy)."""
    import fnmatch
    import tomllib

    package = Path(framing.__file__).resolve().parent  # the package the pattern is for
    assert report.DEFAULT_NOTEBOOK.is_file()
    relative = report.DEFAULT_NOTEBOOK.relative_to(package).as_posix()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["framing"]
    assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns), relative
    assert NOTEBOOK.resolve() == report.DEFAULT_NOTEBOOK


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
