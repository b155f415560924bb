r"""Comparative outlet reports: the steps the report notebook calls, and the report run.

Two layers:

- :func:`prepare` returns a :class:`ReportRun`, whose methods each compute one statistic with
  :mod:`framing.stats`, draw its figure with :mod:`framing.plots`, write the figure and table
  files with provenance, and return something that displays in Jupyter. The notebook
  ``notebooks/outlet_comparison.ipynb`` is a sequence of those calls with prose between them;
  :func:`build` runs them all without a notebook (:mod:`~framing.report.sections`).
- :func:`run_report` (``framing report CORPUS --out DIR``) checks the parameters against the
  notebook's ``parameters`` cell and the corpus *before* a kernel starts
  (:mod:`~framing.report.params`), executes the notebook with papermill in a fresh folder next
  to ``DIR``, renders ``report.html`` (code hidden, no external requests: no scripts, figures as
  ``data:`` URIs; :mod:`~framing.report.html`), and only then swaps the folder in
  (:mod:`~framing.report.folders`). A failed run leaves an earlier report in ``DIR`` untouched
  and keeps the failed notebook in ``DIR.failed/`` (:mod:`~framing.report.run`).

:func:`methods_paragraph` writes the methods text of a run; :func:`kwic` shows a term in context
across outlets, using the loaded-term matcher, so inflections ("lashed out", "lashing out") and
literal-sense guards count as in the detector.

Output folder::

    DIR/report.html        the report, readable offline
    DIR/report.ipynb       the executed notebook
    DIR/figures/NAME.{pdf,svg,png,json}
    DIR/tables/NAME.{csv,tex,json}
    DIR/extraction/        articles.parquet, hits.parquet, provenance.json (framing.extract)
    DIR/provenance.json    versions, lexicons, corpus fingerprint, parameters, outputs, timing
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from framing.errors import ReportError
from framing.exports import on_first_use
from framing.report.folders import REPORT_KIND
from framing.report.html import export_html, offline_problems

if TYPE_CHECKING:
    from framing.kwic import kwic
    from framing.report.methods import methods_paragraph
    from framing.report.outputs import FigureOutput, TextOutput
    from framing.report.params import (
        DEFAULT_NOTEBOOK,
        DEFAULTS,
        PARAMETER_TYPES,
        RESERVED_PARAMETERS,
        check_parameter_types,
        check_parameters,
        coerce_parameters,
        notebook_parameters,
        parameters_help,
        parse_cli_parameters,
        read_parameters_file,
    )
    from framing.report.run import ReportResult, run_report
    from framing.report.sections import ReportRun, build, prepare

__all__ = [
    "DEFAULTS",
    "DEFAULT_NOTEBOOK",
    "PARAMETER_TYPES",
    "REPORT_KIND",
    "RESERVED_PARAMETERS",
    "FigureOutput",
    "ReportError",
    "ReportResult",
    "ReportRun",
    "TextOutput",
    "build",
    "check_parameter_types",
    "check_parameters",
    "coerce_parameters",
    "export_html",
    "kwic",
    "methods_paragraph",
    "notebook_parameters",
    "offline_problems",
    "parameters_help",
    "parse_cli_parameters",
    "prepare",
    "read_parameters_file",
    "run_report",
]

# Loaded on first use: the report sections draw figures, so importing them imports
# matplotlib (about half a second), and the parameters, methods and run import pandas. The
# process that waits for the report's kernel (framing.report.execute) needs none of them.
_ON_FIRST_USE = {
    "kwic": "framing.kwic",
    "methods_paragraph": "framing.report.methods",
    "FigureOutput": "framing.report.outputs",
    "TextOutput": "framing.report.outputs",
    **dict.fromkeys(
        (
            "DEFAULT_NOTEBOOK",
            "DEFAULTS",
            "PARAMETER_TYPES",
            "RESERVED_PARAMETERS",
            "check_parameter_types",
            "check_parameters",
            "coerce_parameters",
            "notebook_parameters",
            "parameters_help",
            "parse_cli_parameters",
            "read_parameters_file",
        ),
        "framing.report.params",
    ),
    "ReportResult": "framing.report.run",
    "run_report": "framing.report.run",
    "ReportRun": "framing.report.sections",
    "build": "framing.report.sections",
    "prepare": "framing.report.sections",
}


__getattr__, __dir__ = on_first_use(__name__, _ON_FIRST_USE, __all__)
