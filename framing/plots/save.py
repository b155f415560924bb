"""Figure and table files with provenance.

:func:`save_figure` writes PDF, SVG and a 300-dpi PNG with byte-identical output for identical
inputs (no creation dates, fixed SVG hash salt) plus a JSON sidecar with the provenance;
:func:`save_table` does the same for tables (CSV and LaTeX). Text in SVG files is XML-escaped by
matplotlib, so ``"<script>"`` in an outlet name stays text.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from framing.plots.drawing import draw_files, sha256_of, write_record
from framing.plots.latex import latex_table
from framing.plots.style import STYLE
from framing.version import __version__

__all__ = [
    "MAX_PNG_PIXELS",
    "figure_job",
    "figure_paths",
    "json_default",
    "png_dpi",
    "save_figure",
    "save_table",
    "sidecar_record",
    "write_figure_files",
]

logger = logging.getLogger("framing")


def json_default(value: Any) -> Any:
    """``json.dumps(default=...)`` for what provenance holds: dates, NumPy numbers, sets, paths."""
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        return value.isoformat()
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return str(value)


def _lexicon_entry(item: Any) -> dict[str, Any]:
    if isinstance(item, Mapping):
        entry = dict(item)
        label = str(entry.get("label", ""))
        if "name" not in entry and "@" in label:
            entry["name"], entry["version"] = label.rsplit("@", 1)
        return entry
    text = str(item)
    name, _, version = text.rpartition("@") if "@" in text else (text, "", "")
    return {"name": name, "version": version or None}


def sidecar_record(provenance: Mapping[str, Any] | None, **extra: Any) -> dict[str, Any]:
    """Normalise a provenance mapping into the record written next to figures and tables.

    Accepts the provenance of :class:`framing.extract.Extraction` or of a report run, in any of
    the spellings used across the toolkit (``framing_version``/``version``,
    ``corpus_fingerprint``/``fingerprint``, ``created``/``created_at``; lexicons as
    ``"name@version"`` labels or mappings). Missing values are filled in: the installed
    framing version, the current UTC date.

    Returns:
        A dict with at least ``framing_version``, ``detectors``, ``lexicons`` (list of
        ``{"name", "version", ...}``), ``corpus_fingerprint``, ``parameters``, ``created``,
        plus everything in ``extra``.

    Examples:
        >>> r = sidecar_record({"lexicons": ["loaded_terms@1.0.0"], "fingerprint": "sha256:x"})
        >>> r["lexicons"], r["corpus_fingerprint"]
        ([{'name': 'loaded_terms', 'version': '1.0.0'}], 'sha256:x')
        >>> sorted(r)
        ['corpus_fingerprint', 'created', 'detectors', 'framing_version', 'lexicons', 'parameters']
    """
    prov = dict(provenance or {})
    lexicons = prov.get("lexicons") or []
    if isinstance(lexicons, Mapping):
        lexicons = [
            {"name": k, **v} if isinstance(v, Mapping) else _lexicon_entry(v)
            for k, v in lexicons.items()
        ]
    detectors = prov.get("detectors") or []
    if isinstance(detectors, Mapping):
        detectors = list(detectors.values())
    record = {
        "framing_version": prov.get("framing_version") or prov.get("version") or __version__,
        "detectors": sorted(str(d) for d in detectors),
        "lexicons": [_lexicon_entry(x) for x in lexicons],
        "corpus_fingerprint": prov.get("corpus_fingerprint") or prov.get("fingerprint"),
        "parameters": dict(prov.get("parameters") or {}),
        "created": prov.get("created")
        or prov.get("created_at")
        or dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    }
    for key, value in prov.items():
        if key not in record and key not in ("version", "fingerprint", "created_at"):
            record[key] = value
    record.update(extra)
    return record


def release_renderers(fig: Figure) -> None:
    """Drop the renderers ``fig``'s texts keep from their last drawing.

    Every text artist holds on to the renderer that last drew it; after the 300-dpi PNG that is
    a raster buffer of the whole figure (84 MB for the 24-inch-tall distinctive-terms figure).
    A report keeps its figures (Jupyter holds each cell's result), so without this the buffers
    of all eleven figures stayed in memory. The next drawing makes a fresh renderer.
    """
    for artist in fig.findobj():
        if getattr(artist, "_renderer", None) is not None:
            artist._renderer = None


def save_figure(
    fig: Figure,
    path_stem: str | os.PathLike[str],
    provenance: Mapping[str, Any] | None = None,
    *,
    dpi: int = 300,
) -> dict[str, Path]:
    """Write ``fig`` as PDF, SVG and PNG, plus a JSON provenance sidecar.

    Identical figures give byte-identical files: the PDF carries no creation date, the SVG no
    date and a fixed hash salt, the PNG only matplotlib's version as metadata.

    Args:
        fig: the figure.
        path_stem: path without suffix (``out/figures/loaded_rate`` writes
            ``loaded_rate.pdf``, ``.svg``, ``.png`` and ``.json``); folders are created.
        provenance: toolkit version, lexicons, corpus fingerprint, parameters (see
            :func:`sidecar_record`).
        dpi: resolution of the PNG (lower for a figure of more than :data:`MAX_PNG_PIXELS`
            at it: :func:`png_dpi`; the sidecar records the one used).

    Returns:
        The paths written, keyed ``pdf``, ``svg``, ``png``, ``json``.

    Examples:
        >>> import tempfile
        >>> from framing.plots import loaded_rate_figure
        >>> fig = loaded_rate_figure(pd.DataFrame({"outlet": ["A"], "rate": [1.0],
        ...                                        "ci_low": [0.5], "ci_high": [1.5]}))
        >>> paths = save_figure(fig, Path(tempfile.mkdtemp()) / "rate", {"parameters": {}})
        >>> sorted(paths)
        ['json', 'pdf', 'png', 'svg']
    """
    paths = figure_paths(path_stem)
    write_figure_files(fig, paths, provenance, dpi=dpi)
    release_renderers(fig)
    return paths


def figure_paths(path_stem: str | os.PathLike[str]) -> dict[str, Path]:
    """The files :func:`save_figure` writes for ``path_stem``, keyed by format (folders are
    created)."""
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    return {fmt: stem.with_name(f"{stem.name}.{fmt}") for fmt in ("pdf", "svg", "png", "json")}


def write_figure_files(
    fig: Figure,
    paths: Mapping[str, Path],
    provenance: Mapping[str, Any] | None,
    *,
    dpi: int,
) -> None:
    """Draw ``fig`` into ``paths`` (PDF, SVG, PNG) and write their sidecar, in this process
    (:func:`save_figure`); a worker draws what :func:`figure_job` gives it
    (:class:`~framing.plots.background.FigureWriter`)."""
    draw_files(*figure_job(fig, paths, provenance, dpi=dpi))
    logger.debug("figure written: %s", paths["json"].with_suffix(".{pdf,svg,png,json}"))


def figure_job(
    fig: Figure,
    paths: Mapping[str, Path],
    provenance: Mapping[str, Any] | None,
    *,
    dpi: int,
) -> tuple[Figure, dict[str, Path], dict[str, Any], dict[str, Any], int]:
    """What :func:`~framing.plots.drawing.draw_files` needs to draw ``fig``'s files, in the
    types a process that imports matplotlib alone can read: the sidecar record as JSON values
    (its ``files`` filled in when they are written) and the house style's rc settings."""
    dpi = png_dpi(fig, dpi)
    record = sidecar_record(provenance, kind="figure", dpi=dpi, files=None)
    record = json.loads(json.dumps(record, ensure_ascii=False, default=json_default))
    return fig, dict(paths), record, dict(STYLE), dpi


#: Most pixels of a figure's PNG, about (its size at the PNG's resolution): a larger figure is
#: written at a lower resolution, never below :data:`MIN_PNG_DPI`. A report's figures with a
#: panel or row per outlet grow with the outlets (the distinctive terms of 150 outlets:
#: 9.6 x 149 inches, 128 megapixels at 300 dpi, a 0.5 GB image to draw; of 300 outlets
#: 1 GB); the report's usual figures are below 25 megapixels. PDF and SVG are unchanged.
MAX_PNG_PIXELS = 50_000_000
MIN_PNG_DPI = 72


def png_dpi(fig: Figure, dpi: int) -> int:
    """The PNG resolution for ``fig``: ``dpi``, or less for a figure of more than
    :data:`MAX_PNG_PIXELS` at ``dpi`` (its size in inches as laid out; the PNG, cropped to
    what is drawn, can be a little larger where a note or legend lies outside the figure).

    Examples:
        >>> png_dpi(Figure(figsize=(7.2, 4.0)), 300)
        300
        >>> png_dpi(Figure(figsize=(9.6, 150.0)), 300)
        186
    """
    width, height = fig.get_size_inches()
    most = (MAX_PNG_PIXELS / max(width * height, 1e-9)) ** 0.5
    if dpi <= most:
        return dpi
    return max(MIN_PNG_DPI, int(most))


def save_table(
    df: pd.DataFrame,
    path_stem: str | os.PathLike[str],
    provenance: Mapping[str, Any] | None = None,
    *,
    caption: str | None = None,
    float_format: str = "{:,.3f}",
) -> dict[str, Path]:
    """Write a table as CSV and LaTeX with a JSON provenance sidecar.

    The CSV is plain (``pd.read_csv`` reads it back without options; column names and full
    precision). The LaTeX file starts with ``%`` comment lines naming the toolkit version,
    lexicons and corpus fingerprint, then a publication-ready ``table``
    (:func:`framing.plots.latex.latex_table`): booktabs rules, readable headers
    (``ci_low``: ``95% CI low``), numbers right-aligned and never in e-notation, p-values as
    ``$p < 0.001$``, ``\\caption`` and ``\\label{tab:NAME}``; every name from the data is
    escaped (``&``, ``%``, ``$``, ``_`` ... are text). Neither file holds a timestamp, so the
    same table gives byte-identical files; the creation time is in the sidecar.

    Args:
        df: the table (its index is written only if it is named).
        path_stem: path without suffix; writes ``.csv``, ``.tex`` and ``.json``.
        provenance: as for :func:`save_figure`.
        caption: the table's caption (plain text; default: the file name).
        float_format: format of floats in the LaTeX table (fixed-point; the CSV keeps full
            precision).

    Returns:
        The paths written, keyed ``csv``, ``tex``, ``json``.

    Examples:
        >>> import tempfile
        >>> paths = save_table(pd.DataFrame({"outlet": ["A & B"], "rate": [0.5]}),
        ...                    Path(tempfile.mkdtemp()) / "rates")
        >>> "A \\\\& B" in paths["tex"].read_text()
        True
    """
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = {fmt: stem.with_name(f"{stem.name}.{fmt}") for fmt in ("csv", "tex", "json")}
    keep_index = any(name is not None for name in df.index.names)
    df.to_csv(paths["csv"], index=keep_index, lineterminator="\n")
    record = sidecar_record(
        provenance, kind="table", rows=len(df), columns=[str(c) for c in df.columns]
    )
    labels = dict.fromkeys(f"{x.get('name')}@{x.get('version')}" for x in record["lexicons"])
    lexicons = ", ".join(labels) or "none"  # a lexicon two detectors share is named once
    # No creation time here: the same inputs give a byte-identical table file; when it was
    # made is in the sidecar (`created`).
    header = [
        f"% {stem.name}: generated by framing {record['framing_version']}",
        f"% corpus {record['corpus_fingerprint']}; lexicons {lexicons}",
        f"% detectors {', '.join(record['detectors']) or 'none'}",
        f"% provenance: {paths['json'].name} (parameters, creation time)",
        "% needs \\usepackage{booktabs,graphicx,longtable}; for names beyond ASCII "
        "\\usepackage[T1]{fontenc} (or LuaLaTeX)",
    ]
    # A newline inside a `%` comment would end the comment; keep each on one line.
    header = [" ".join(line.split()) for line in header]
    latex = latex_table(
        df,
        caption=caption if caption is not None else stem.name.replace("_", " "),
        label=stem.name,
        index=keep_index,
        float_format=float_format,
        provenance_lines=header,
    )
    paths["tex"].write_text(latex, encoding="utf-8")
    record["files"] = {
        fmt: {"path": paths[fmt].name, "sha256": sha256_of(paths[fmt])} for fmt in ("csv", "tex")
    }
    write_record(paths["json"], record, default=json_default)
    return paths
