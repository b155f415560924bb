r"""Comparative outlet reports: the steps the report notebook calls, and the report run.

Two layers:

- :func:`prepare` returns a :class:`ReportRun`, whose methods each compute one statistic with
  :mod:`framing.stats`, draw its figure with :mod:`framing.plots`, write the figure and table
  files with provenance, and return something that displays in Jupyter. The notebook
  ``notebooks/outlet_comparison.ipynb`` is a sequence of those calls with prose between them;
  :func:`build` runs them all without a notebook.
- :func:`run_report` (``framing report CORPUS --out DIR``) checks the parameters against the
  notebook's ``parameters`` cell and the corpus *before* a kernel starts, executes the notebook
  with papermill in a fresh folder next to ``DIR``, renders ``report.html`` (code hidden, no
  external requests: no scripts, figures as ``data:`` URIs), and only then swaps the folder in.
  A failed run leaves an earlier report in ``DIR`` untouched and keeps the failed notebook in
  ``DIR.failed/``.

:func:`kwic` shows a term in context across outlets, using the loaded-term matcher, so
inflections ("lashed out", "lashing out") and literal-sense guards count as in the detector.

Output folder::

    DIR/report.html        the report, readable offline
    DIR/report.ipynb       the executed notebook
    DIR/figures/NAME.{pdf,svg,png,json}
    DIR/tables/NAME.{csv,tex,json}
    DIR/extraction/        articles.parquet, hits.parquet, provenance.json (framing.extract)
    DIR/provenance.json    versions, lexicons, corpus fingerprint, parameters, outputs, timing
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import html
import io
import json
import logging
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd

from framing import plots, stats
from framing.corpus import load_corpus
from framing.extract import Extraction, extract
from framing.kwic import kwic
from framing.methods import methods_paragraph

__all__ = [
    "DEFAULT_NOTEBOOK",
    "PARAMETER_TYPES",
    "RESERVED_PARAMETERS",
    "FigureOutput",
    "ReportError",
    "ReportResult",
    "ReportRun",
    "build",
    "check_parameter_types",
    "check_parameters",
    "coerce_parameters",
    "export_html",
    "kwic",
    "notebook_parameters",
    "offline_problems",
    "prepare",
    "run_report",
]

logger = logging.getLogger("framing")

PathLike = str | os.PathLike[str]

#: The report notebook of a source checkout (``framing report --notebook`` for another one).
# Shipped inside the package (so an installed wheel has it); notebooks/outlet_comparison.ipynb in
# the repository is a link to this file, for opening in JupyterLab.
DEFAULT_NOTEBOOK = Path(__file__).resolve().parent / "notebooks" / "outlet_comparison.ipynb"
#: Parameters the CLI sets itself (from ``CORPUS`` and ``--out``); ``-p`` may not set them.
RESERVED_PARAMETERS: dict[str, str] = {
    "corpus": "give the corpus as the CORPUS argument",
    "output_dir": "choose the output folder with --out",
}
#: Marker that a folder holds a framing report (so ``--out`` never replaces anything else).
REPORT_KIND = "framing-report"
#: Resolution of the PNG embedded in the HTML report (the PNG files are 300 dpi).
HTML_DPI = 110


class ReportError(RuntimeError):
    """A report could not be produced; the message says what failed and where.

    Attributes:
        failed_notebook: the executed notebook of a failed run, kept for inspection.
        cell: execution count of the failing cell (``In [n]``), if a cell failed.
    """

    def __init__(
        self, message: str, *, failed_notebook: Path | None = None, cell: int | None = None
    ) -> None:
        super().__init__(message)
        self.failed_notebook = failed_notebook
        self.cell = cell


# ---------------------------------------------------------------------------------------------
# Parameters


def notebook_parameters(notebook: PathLike = DEFAULT_NOTEBOOK) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares, as read by :func:`papermill.inspect_notebook`.

    Returns:
        ``{name: {"name", "inferred_type_name", "default", "help"}}`` in cell order.

    Raises:
        FileNotFoundError: the notebook does not exist.
        ReportError: it has no cell tagged ``parameters``.
    """
    import papermill

    path = Path(notebook)
    if not path.is_file():
        raise FileNotFoundError(f"report notebook not found: {path}")
    if path.suffix.lower() != ".ipynb":
        raise ReportError(f"{path}: not a Jupyter notebook (expected a .ipynb file)")
    try:
        spec = papermill.inspect_notebook(str(path))
    except Exception as exc:  # nbformat/JSON/decoding errors: all mean "not a notebook"
        raise ReportError(f"{path}: cannot read the notebook: {type(exc).__name__}: {exc}") from exc
    if not spec:
        raise ReportError(f"{path}: no cell tagged 'parameters' (or it declares nothing)")
    return dict(spec)


def _split_union(annotation: str) -> list[str]:
    annotation = annotation.strip()
    optional = re.fullmatch(r"(?:typing\.)?Optional\[(.+)\]", annotation)
    if optional is not None:
        return [*_split_union(optional.group(1)), "None"]
    parts, depth, current = [], 0, ""
    for ch in annotation:
        depth += ch == "["
        depth -= ch == "]"
        if ch == "|" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    parts.append(current.strip())
    return [p for p in parts if p]


def _conforms(value: Any, annotation: str) -> tuple[bool, Any]:
    """Whether ``value`` fits ``annotation`` (a small subset of Python type syntax), and the
    value converted (an int given for a float becomes a float)."""
    for option in _split_union(annotation):
        if option in ("None", "NoneType"):
            if value is None:
                return True, None
        elif option == "bool":
            if isinstance(value, bool):
                return True, value
        elif option == "int":
            if isinstance(value, int) and not isinstance(value, bool):
                return True, value
        elif option == "float":
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return True, float(value)
        elif option == "str":
            if isinstance(value, str):
                return True, value
        elif (m := re.fullmatch(r"(?:list|List|Sequence|tuple)\[(.+)\]", option)) is not None:
            if isinstance(value, (list, tuple)):
                converted = []
                for item in value:
                    ok, item = _conforms(item, m.group(1))
                    if not ok:
                        break
                    converted.append(item)
                else:
                    return True, converted
        elif option in ("list", "List"):
            if isinstance(value, (list, tuple)):
                return True, list(value)
        else:  # an annotation this checker does not know: accept, the notebook will tell
            return True, value
    return False, value


def _parse_text(text: str, annotation: str) -> Any:
    """Parse a ``-p`` value like papermill's YAML parameters, keeping strings as written.

    ``None``/``null``/``~`` is None; ``2026-03-01`` stays a string (YAML would make it a
    date); a value that YAML reads as a number or boolean stays text when the parameter is a
    string (an outlet called ``1999``).
    """
    import yaml

    stripped = text.strip()
    if stripped in ("None", "none"):
        return None
    try:
        value = yaml.safe_load(stripped) if stripped else ""
    except yaml.YAMLError:
        return text
    if isinstance(value, (dt.date, dt.datetime)):
        return text
    if isinstance(value, (list, tuple)):
        value = [v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v for v in value]
    ok, _ = _conforms(value, annotation)
    if not ok and _conforms(text, annotation)[0]:
        return text
    return value


def coerce_parameters(
    raw: Mapping[str, Any], spec: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """Check parameter names and types against a notebook's ``parameters`` cell.

    Args:
        raw: name -> value; ``str`` values are parsed as YAML (``'["A", "B"]'``, ``500``,
            ``None``), other values are taken as given.
        spec: from :func:`notebook_parameters`.

    Returns:
        The parameters with parsed, type-checked values.

    Raises:
        ValueError: an unknown or reserved name (listing the valid ones) or a value of the
            wrong type (naming the expected type and giving an example).

    Examples:
        >>> spec = {"outlets": {"inferred_type_name": "list[str] | None"},
        ...         "n_boot": {"inferred_type_name": "int"}}
        >>> coerce_parameters({"outlets": '["A", "B"]', "n_boot": "500"}, spec)
        {'outlets': ['A', 'B'], 'n_boot': 500}
        >>> coerce_parameters({"nboot": "500"}, spec)
        Traceback (most recent call last):
        ...
        ValueError: unknown parameter 'nboot'; valid parameters: outlets, n_boot
    """
    out: dict[str, Any] = {}
    valid = [name for name in spec if name not in RESERVED_PARAMETERS]
    for name, value in raw.items():
        if name in RESERVED_PARAMETERS and name in spec:
            raise ValueError(
                f"parameter {name!r} is set by the command: {RESERVED_PARAMETERS[name]}"
            )
        if name not in spec:
            raise ValueError(f"unknown parameter {name!r}; valid parameters: {', '.join(valid)}")
        annotation = str(spec[name].get("inferred_type_name") or "None")
        if annotation == "None":  # not annotated: anything goes
            out[name] = _parse_text(value, "object") if isinstance(value, str) else value
            continue
        parsed = _parse_text(value, annotation) if isinstance(value, str) else value
        ok, converted = _conforms(parsed, annotation)
        if not ok:
            example = spec[name].get("default")
            raise ValueError(
                f"parameter {name!r} must be {annotation}, got {type(parsed).__name__} "
                f"{parsed!r}"
                + (f" (default: {example})" if example is not None else "")
                + (
                    "; give a list as YAML, e.g. -p " + name + ' \'["A", "B"]\''
                    if "list" in annotation
                    else ""
                )
            )
        out[name] = converted
    return out


def check_parameter_types(params: Mapping[str, Any]) -> dict[str, Any]:
    """Check report parameters given from Python against :data:`PARAMETER_TYPES`.

    Values are taken as given (no YAML parsing: that is :func:`coerce_parameters`, for the
    command line); NumPy integers count as ints, dates and timestamps given for ``start`` or
    ``end`` become ``YYYY-MM-DD`` text, a tuple given for a list becomes a list.

    Returns:
        The parameters, converted as described.

    Raises:
        ValueError: an unknown name (listing the valid ones) or a value of the wrong type (naming
            the expected type), e.g. ``outlets="The Courier"`` where a list is needed.

    Examples:
        >>> check_parameter_types({"outlets": ("A", "B"), "seed": 3})
        {'outlets': ['A', 'B'], 'seed': 3}
        >>> check_parameter_types({"n_boot": "many"})
        Traceback (most recent call last):
        ...
        ValueError: parameter 'n_boot' must be int, got str 'many'
    """
    import numpy as np

    out: dict[str, Any] = {}
    for name, value in params.items():
        if name not in PARAMETER_TYPES:
            raise ValueError(
                f"unknown parameter {name!r}; valid parameters: {', '.join(PARAMETER_TYPES)}"
            )
        if isinstance(value, np.integer):
            value = int(value)
        if name in ("start", "end") and isinstance(value, dt.date | pd.Timestamp):
            value = f"{pd.Timestamp(value):%Y-%m-%d}"
        annotation = PARAMETER_TYPES[name]
        ok, converted = _conforms(value, annotation)
        if not ok:
            hint = (
                f"; a list, e.g. {name}=[{value!r}]"
                if "list" in annotation and isinstance(value, str)
                else ""
            )
            raise ValueError(
                f"parameter {name!r} must be {annotation}, got {type(value).__name__} "
                f"{value!r}{hint}"
            )
        out[name] = converted
    return out


def _as_date(value: Any, name: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        stamp = pd.Timestamp(str(value))
    except (ValueError, TypeError) as exc:
        raise ValueError(f"parameter {name!r}: {value!r} is not a date (use YYYY-MM-DD)") from exc
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp


def _listing(values: Iterable[Any], limit: int = 20) -> str:
    items = [repr(str(v)) for v in values]
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more


def check_parameters(params: Mapping[str, Any], corpus: pd.DataFrame) -> None:
    """Check parameter values against the corpus and each other (no kernel needed).

    Outlets and events must exist in the corpus, dates must parse and be in order, lexicon
    files must exist, counts must be positive. Unknown keys are ignored.

    Raises:
        ValueError: naming the parameter, the bad value and what would be valid.
    """
    available = sorted(corpus["outlet"].dropna().astype(str).unique())
    outlets = params.get("outlets")
    if outlets is not None:
        unknown = [o for o in outlets if o not in available]
        if unknown:
            raise ValueError(
                f"unknown outlet(s) {_listing(unknown)}; available: {_listing(available)}"
            )
        if len(set(outlets)) < 2:
            raise ValueError(f"parameter 'outlets' must name at least two outlets, got {outlets}")
    events = params.get("events")
    if events is not None:
        known = sorted(corpus["event"].dropna().astype(str).unique()) if "event" in corpus else []
        unknown = [e for e in events if e not in known]
        if unknown:
            raise ValueError(f"unknown event(s) {_listing(unknown)}; available: {_listing(known)}")
    start, end = _as_date(params.get("start"), "start"), _as_date(params.get("end"), "end")
    if start is not None and end is not None and start > end:
        raise ValueError(f"parameter 'start' ({start:%Y-%m-%d}) is after 'end' ({end:%Y-%m-%d})")
    extra = list(params.get("extra_lexicons") or [])
    for path in extra:
        if not Path(path).is_file():
            raise ValueError(f"parameter 'extra_lexicons': lexicon file not found: {path}")
    if extra:
        from framing.detect import loaded

        try:  # compile now: a malformed file is reported before any kernel starts
            loaded.get_matcher(None, extra)
        except ValueError as exc:
            raise ValueError(f"parameter 'extra_lexicons': {exc}") from exc
    for name in ("n_boot", "min_articles", "min_count", "min_term_count", "top_speakers"):
        value = params.get(name)
        if value is not None and value < 1:
            raise ValueError(f"parameter {name!r} must be at least 1, got {value}")
    seed = params.get("seed")
    if seed is not None and seed < 0:
        raise ValueError(f"parameter 'seed' must be a non-negative int, got {seed}")


def _filter_corpus(corpus: pd.DataFrame, params: Mapping[str, Any]) -> pd.DataFrame:
    keep = pd.Series(True, index=corpus.index)
    if params.get("outlets") is not None:
        keep &= corpus["outlet"].astype(str).isin(list(params["outlets"]))
    if params.get("events") is not None:
        keep &= corpus["event"].astype(str).isin(list(params["events"]))
    start, end = _as_date(params.get("start"), "start"), _as_date(params.get("end"), "end")
    if start is not None or end is not None:
        published = pd.to_datetime(corpus["published"], errors="coerce")
        undated = int((keep & published.isna()).sum())
        if undated:
            logger.warning(
                "%d article(s) without a publication date left out by the date range", undated
            )
        if start is not None:
            keep &= published >= start
        if end is not None:
            # `end` is a day: keep everything published on it.
            keep &= published < end + pd.Timedelta(days=1)
    chosen = corpus[keep].reset_index(drop=True)
    if chosen["outlet"].nunique() < 2:
        raise ValueError(
            f"the selection keeps {len(chosen)} article(s) from {chosen['outlet'].nunique()} "
            "outlet(s); a comparison needs at least two outlets (check outlets, events, "
            "start and end)"
        )
    return chosen


# ---------------------------------------------------------------------------------------------
# Displayable results


@dataclass
class FigureOutput:
    """A figure written to disk, displayed in Jupyter as an embedded PNG with its caption.

    Attributes:
        name: file stem under ``figures/``.
        figure: the matplotlib figure.
        files: paths written (``pdf``, ``svg``, ``png``, ``json``).
        table: the table behind the figure (also under ``tables/``).
        caption: what the figure shows, in one sentence.
    """

    name: str
    figure: Any
    files: dict[str, Path]
    table: pd.DataFrame | None = None
    caption: str = ""

    def png(self, dpi: int = HTML_DPI) -> bytes:
        """The figure as PNG at ``dpi``: the 300-dpi file scaled down (cheaper than drawing
        the figure again), or a fresh rendering when there is no file."""
        buffer = io.BytesIO()
        source = self.files.get("png")
        if source is not None and Path(source).is_file():
            from PIL import Image

            with Image.open(source) as image:
                scale = dpi / float(image.info.get("dpi", (300, 300))[0])
                size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
                image.convert("RGBA").resize(size, Image.Resampling.LANCZOS).save(
                    buffer, format="png", optimize=True
                )
            return buffer.getvalue()
        with plots.style():
            self.figure.savefig(buffer, format="png", dpi=dpi, metadata=None)
        return buffer.getvalue()

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png()).decode("ascii")
        files = ", ".join(sorted(p.name for p in self.files.values()))
        alt = html.escape(self.caption or self.name, quote=True)
        return (
            f'<figure class="framing-figure" style="margin:0">'
            f'<img src="data:image/png;base64,{data}" alt="{alt}" style="max-width:100%">'
            f'<figcaption style="font-size:85%;color:#555">{html.escape(self.caption)} '
            f"<br>Files: <code>figures/{html.escape(files)}</code></figcaption></figure>"
        )

    def __repr__(self) -> str:
        return f"FigureOutput(name={self.name!r}, files={sorted(self.files)})"


@dataclass
class TextOutput:
    """Plain text shown as an escaped paragraph in Jupyter (never interpreted as HTML)."""

    text: str
    title: str = ""

    def _repr_html_(self) -> str:
        head = f"<p><strong>{html.escape(self.title)}</strong></p>" if self.title else ""
        return head + f'<p style="max-width:48em">{html.escape(self.text)}</p>'

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


# ---------------------------------------------------------------------------------------------
# The report steps


def _under(root: Path, *parts: str) -> Path:
    """``root/parts`` after checking it cannot leave ``root`` (names are ours, but be sure)."""
    path = root.joinpath(*parts).resolve()
    if path != root.resolve() and root.resolve() not in path.parents:
        raise ValueError(f"refusing to write outside the output folder: {path}")
    return path


@dataclass
class ReportRun:
    """State of one report: the selected corpus, its extraction, settings and output folder.

    Create it with :func:`prepare`; each method computes one part of the report, writes its
    files and returns what the notebook displays.
    """

    corpus: pd.DataFrame
    extraction: Extraction
    params: dict[str, Any]
    output_dir: Path
    provenance: dict[str, Any]
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)

    # -- helpers ------------------------------------------------------------------------------

    @property
    def outlets(self) -> list[str]:
        """Outlets compared (sorted)."""
        return sorted(self.extraction.articles["outlet"].dropna().astype(str).unique())

    def _record(self, name: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return {**self.provenance, "parameters": {**self.params, **(params or {})}, "output": name}

    def _save_table(
        self, table: pd.DataFrame, name: str, caption: str, params: Mapping[str, Any] | None = None
    ) -> None:
        paths = plots.save_table(
            table,
            _under(self.output_dir, "tables", name),
            self._record(name, params),
            caption=caption,
        )
        self.outputs[f"tables/{name}"] = {
            k: str(p.relative_to(self.output_dir.resolve())) for k, p in paths.items()
        }

    def _save_figure(
        self,
        fig: Any,
        name: str,
        table: pd.DataFrame | None,
        caption: str,
        params: Mapping[str, Any] | None = None,
    ) -> FigureOutput:
        paths = plots.save_figure(
            fig, _under(self.output_dir, "figures", name), self._record(name, params)
        )
        self.outputs[f"figures/{name}"] = {
            k: str(p.relative_to(self.output_dir.resolve())) for k, p in paths.items()
        }
        return FigureOutput(name, fig, paths, table, caption)

    # -- steps --------------------------------------------------------------------------------

    def parameters_table(self) -> pd.DataFrame:
        """The parameters of this run, one row each (shown at the top of the report)."""
        rows = [
            (k, "None" if v is None else json.dumps(v, ensure_ascii=False, default=str))
            for k, v in self.params.items()
        ]
        return pd.DataFrame(rows, columns=["parameter", "value"]).set_index("parameter")

    def overview(self) -> pd.DataFrame:
        """Articles, words, events and dates per outlet; saved as ``tables/corpus_overview``."""
        articles = self.extraction.articles
        table = (
            articles.groupby("outlet", sort=True, observed=True)
            .agg(
                articles=("id", "size"),
                words=("words", "sum"),
                events=("event", "nunique"),
                first_published=("published", "min"),
                last_published=("published", "max"),
                loaded_outlet=("loaded_outlet", "sum"),
                loaded_quoted=("loaded_quoted", "sum"),
                attributions=("attributions", "sum"),
            )
            .reset_index()
        )
        for column in ("first_published", "last_published"):
            table[column] = table[column].dt.strftime("%Y-%m-%d")
        self._save_table(table, "corpus_overview", "Corpus by outlet")
        return table.set_index("outlet")

    def loaded_rates(self) -> FigureOutput:
        """Loaded-term rate in each outlet's own voice with cluster-bootstrap intervals."""
        p = self.params
        rates = stats.outlet_rates(
            self.extraction.articles,
            "rate_loaded_outlet",
            n_boot=p["n_boot"],
            seed=p["seed"],
            min_articles=p["min_articles"],
        )
        self.stats["loaded_rates"] = rates.attrs
        self._save_table(rates, "loaded_rates", "Loaded terms per 1,000 words (outlet voice)")
        level = f"{rates.attrs.get('ci', 0.95):.0%}"
        fig = plots.loaded_rate_figure(
            rates,
            note=f"Bars: {level} cluster-bootstrap intervals ({p['n_boot']:,} resamples of "
            f"articles, seed {p['seed']}). Outlets with fewer than {p['min_articles']} articles "
            "are marked, not plotted.",
            min_note=f"fewer than {p['min_articles']} articles",
        )
        return self._save_figure(
            fig, "loaded_rate", rates, "Loaded terms per 1,000 words in each outlet's own voice."
        )

    def distinctive_terms(self, top: int = 8) -> FigureOutput:
        """Loaded terms each outlet uses more than the others (log-odds z-scores)."""
        p = self.params
        terms = stats.distinctive_terms(
            self.extraction.hits,
            self.extraction.articles,
            "loaded",
            min_count=p["min_term_count"],
        )
        prior = terms.attrs.get("prior", {})
        self.stats["distinctive_terms"] = {
            "alpha0": prior.get("alpha0"),
            "alpha0_rule": prior.get("alpha0_rule"),
            "min_count": terms.attrs.get("min_count"),
        }
        self._save_table(terms, "distinctive_terms", "Distinctive loaded terms per outlet")
        fig = plots.distinctive_terms_figure(
            terms,
            top=top,
            note=f"Loaded terms in the outlet's own voice used at least {p['min_term_count']} "
            f"times in the corpus; prior alpha0 = {prior.get('alpha0', float('nan')):,.0f} words.",
        )
        return self._save_figure(
            fig, "distinctive_terms", terms, "Loaded terms most distinctive of each outlet."
        )

    def verb_classes(self) -> FigureOutput:
        """Composition of attribution verb classes per outlet, with a chi-square test."""
        hits = self.extraction.hits
        att = hits[hits["detector"] == "attribution"]
        counts = (
            att.groupby(["outlet", "category"], observed=True)
            .size()
            .rename("count")
            .reset_index()
            .rename(columns={"category": "verb_class"})
        )
        self._save_table(counts, "verb_class_counts", "Attributions by outlet and verb class")
        note = None
        try:
            test = stats.verb_class_test(hits, seed=self.params["seed"])
        except ValueError as exc:
            self.stats["verb_class_test"] = {"error": str(exc)}
            note = f"No chi-square test: {exc}"
        else:
            result = {
                "statistic": test.statistic,
                "dof": test.dof,
                "p_value": test.pvalue,
                "p_value_monte_carlo": test.pvalue_monte_carlo,
                "n_resamples": test.n_resamples,
                "n": test.n,
                "cramers_v": test.cramers_v,
                "note": test.note,
            }
            self.stats["verb_class_test"] = result
            self._save_table(
                pd.DataFrame([result]), "verb_class_test", "Chi-square test of outlet x verb class"
            )
            floor = 1 / (test.n_resamples + 1)  # smallest Monte Carlo p-value possible
            p_mc = test.pvalue_monte_carlo
            p_text = f"p ≤ {floor:.2g}" if p_mc <= floor * (1 + 1e-9) else f"p = {p_mc:.3g}"
            p_text += f" (Monte Carlo, {test.n_resamples:,} tables)"
            note = (
                f"Chi-square = {test.statistic:.1f}, df = {test.dof}, {p_text}, "
                f"Cramér's V = {test.cramers_v:.2f}."
            )
        fig = plots.verb_class_figure(counts, note=note)
        return self._save_figure(
            fig, "verb_classes", counts, "Share of each verb class among an outlet's attributions."
        )

    def attribution_shares(self) -> pd.DataFrame:
        """Per speaker x outlet: attributions and shares of direct, doubt, endorsing and
        emotive attributions with intervals (``tables/attribution_asymmetry``)."""
        if "attribution" in self.stats:
            return self.stats["attribution"]
        p = self.params
        table = stats.attribution_asymmetry(
            self.extraction.hits,
            p.get("speakers"),
            top=p["top_speakers"],
            min_attributions=p["min_count"],
            n_boot=p["n_boot"],
            seed=p["seed"],
        )
        self._save_table(
            table,
            "attribution_asymmetry",
            "How outlets attribute the words of the most quoted speakers",
        )
        self.stats["attribution"] = table
        return table

    def doubt_shares(self, share: str = "doubt") -> FigureOutput:
        """Heat map of the share of each speaker's attributions with ``share`` cues
        (``"doubt"``, ``"endorsement"``, ``"emotive"`` or ``"direct"``)."""
        table = self.attribution_shares()
        column = f"share_{share}"
        if column not in table.columns:
            valid = [
                c.removeprefix("share_")
                for c in table.columns
                if c.startswith("share_") and not c.endswith(("_low", "_high"))
            ]
            raise ValueError(f"unknown share {share!r}; valid: {', '.join(valid)}")
        words = {
            "doubt": "doubt cues",
            "endorsement": "endorsing cues",
            "emotive": "emotive cues",
            "direct": "direct quotation",
        }
        label = words.get(share, share)
        fig = plots.doubt_share_figure(
            table,
            share=column,
            n="attributions",
            min_count=self.params["min_count"],
            speakers=list(dict.fromkeys(table["speaker"].astype(str))),
            title=f"{label[0].upper()}{label[1:]} by speaker and outlet",
            colorbar_label=f"share of the speaker's attributions with {label}",
        )
        return self._save_figure(
            fig,
            f"{share}_share",
            table[
                [
                    "speaker",
                    "outlet",
                    "attributions",
                    column,
                    f"{column}_low",
                    f"{column}_high",
                    "below_min",
                ]
            ],
            f"Share of each speaker's attributions using {label}, by outlet.",
        )

    def matched_events(self) -> FigureOutput:
        """Loaded-term rates event by event, and mean within-event differences."""
        p = self.params
        articles = self.extraction.articles
        outlets = self.outlets
        event_rates = (
            articles[articles["event"].notna()]
            .groupby(["event", "outlet"], observed=True)
            .agg(articles=("id", "size"), words=("words", "sum"), count=("loaded_outlet", "sum"))
            .reset_index()
        )
        event_rates = event_rates[event_rates["words"] > 0]
        coverage = event_rates.groupby("event")["outlet"].transform("nunique")
        event_rates = event_rates[coverage >= 2].copy()
        event_rates["rate"] = event_rates["count"] * 1000.0 / event_rates["words"]
        self._save_table(
            event_rates.reset_index(drop=True),
            "event_rates",
            "Loaded terms per 1,000 words by event and outlet",
        )
        shared: list[str] = []
        note = "No event is covered by every compared outlet; no matched differences."
        try:
            matched = stats.matched_comparison(
                articles,
                outlets,
                "rate_loaded_outlet",
                n_boot=p["n_boot"],
                seed=p["seed"],
                min_events=min(3, max(1, articles["event"].nunique())),
            )
        except ValueError as exc:
            self.stats["matched"] = {"error": str(exc)}
            note = f"No matched differences: {exc}"
        else:
            shared = matched.events
            self.stats["matched"] = {"events": shared, "excluded": matched.excluded_events}
            self._save_table(
                matched.differences,
                "matched_differences",
                "Mean within-event differences of loaded-term rates",
            )
            if shared:
                note = (
                    f"Bold: the {len(shared)} event(s) covered by every compared outlet, "
                    "used for the mean within-event differences (tables/"
                    "matched_differences)."
                )
        fig = plots.matched_events_figure(
            event_rates, value="rate", outlets=outlets, highlight=shared, note=note
        )
        return self._save_figure(
            fig,
            "matched_events",
            event_rates,
            "Loaded-term rate of each outlet's coverage of the same event.",
        )

    def counts(self) -> dict[str, Any]:
        """Sizes quoted in the methods paragraph."""
        articles = self.extraction.articles
        events = articles["event"].dropna()
        per_event = articles.dropna(subset=["event"]).groupby("event")["outlet"].nunique()
        published = articles["published"].dropna()
        return {
            "articles": len(articles),
            "outlets": int(articles["outlet"].nunique()),
            "words": int(articles["words"].sum()),
            "events": int(events.nunique()),
            "matched_events": int((per_event >= 2).sum()),
            "fully_matched_events": (
                len(self.stats["matched"].get("events", [])) if "matched" in self.stats else None
            ),
            "attributions": int(articles["attributions"].sum()),
            "first_published": f"{published.min():%Y-%m-%d}" if len(published) else None,
            "last_published": f"{published.max():%Y-%m-%d}" if len(published) else None,
        }

    def methods(self) -> TextOutput:
        """The methods paragraph for this run (also saved as ``methods.txt``)."""
        settings: dict[str, Any] = {
            key: self.params[key]
            for key in ("n_boot", "seed", "min_count", "min_term_count", "start", "end")
            if self.params.get(key) is not None
        }
        terms = self.stats.get("distinctive_terms") or {}
        if terms.get("alpha0") is not None:
            settings["alpha0"] = f"{terms['alpha0']:,.0f} words (corpus words / outlets)"
        test = self.stats.get("verb_class_test") or {}
        if "statistic" in test:
            settings["chi2"] = {
                "statistic": test["statistic"],
                "dof": test["dof"],
                "p_value": test["p_value_monte_carlo"],
                "monte_carlo": test["n_resamples"],
            }
        text = methods_paragraph(plots.sidecar_record(self.provenance), settings, self.counts())
        path = _under(self.output_dir, "methods.txt")
        path.write_text(text + "\n", encoding="utf-8")
        self.outputs["methods"] = {"txt": "methods.txt"}
        return TextOutput(text, "Methods")

    def files_table(self) -> pd.DataFrame:
        """The files this run wrote, one row per output (paths relative to the report)."""
        rows = [
            (name, ", ".join(sorted(Path(p).name for p in files.values())))
            for name, files in sorted(self.outputs.items())
        ]
        rows.append(("provenance", "provenance.json"))
        return pd.DataFrame(rows, columns=["output", "files"]).set_index("output")

    def finish(self) -> Path:
        """Write ``provenance.json``: everything needed to trace and reproduce the report."""
        record = plots.sidecar_record(
            self.provenance,
            kind=REPORT_KIND,
            parameters=self.params,
            counts=self.counts(),
            statistics={k: v for k, v in self.stats.items() if not isinstance(v, pd.DataFrame)},
            outputs=self.outputs,
            seconds=round(time.perf_counter() - self.started, 2),
        )
        path = _under(self.output_dir, "provenance.json")
        path.write_text(
            json.dumps(record, indent=2, ensure_ascii=False, default=plots.json_default) + "\n",
            encoding="utf-8",
        )
        return path


#: Type of each report parameter, as the notebook's ``parameters`` cell declares it
#: (``Optional[X]`` there, for papermill's parser).
PARAMETER_TYPES: dict[str, str] = {
    "outlets": "list[str] | None",
    "events": "list[str] | None",
    "start": "str | None",
    "end": "str | None",
    "extra_lexicons": "list[str] | None",
    "speakers": "list[str] | None",
    "top_speakers": "int",
    "min_articles": "int",
    "min_count": "int",
    "min_term_count": "int",
    "n_boot": "int",
    "seed": "int",
}

DEFAULTS: dict[str, Any] = {
    "outlets": None,
    "events": None,
    "start": None,
    "end": None,
    "extra_lexicons": None,
    "speakers": None,
    "top_speakers": 8,
    "min_articles": 5,
    "min_count": 3,
    "min_term_count": 3,
    "n_boot": 2000,
    "seed": 0,
}


def prepare(
    corpus: pd.DataFrame | PathLike,
    *,
    output_dir: PathLike = "report-output",
    **params: Any,
) -> ReportRun:
    """Select the articles, run the detectors and set up the output folder of a report.

    Args:
        corpus: a corpus DataFrame or a path for :func:`framing.load_corpus`.
        output_dir: folder for ``figures/``, ``tables/``, ``extraction/`` and
            ``provenance.json`` (created).
        **params: the notebook's parameters (``outlets``, ``events``, ``start``, ``end``,
            ``extra_lexicons``, ``speakers``, ``top_speakers``, ``min_articles``,
            ``min_count``, ``min_term_count``, ``n_boot``, ``seed``); missing ones take the
            values in :data:`DEFAULTS`.

    Returns:
        A :class:`ReportRun`.

    Raises:
        ValueError: an unknown parameter or a value the corpus does not allow (see
            :func:`check_parameters`).
    """
    unknown = sorted(set(params) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown parameter(s) {', '.join(unknown)}; valid: {', '.join(DEFAULTS)}")
    settings = {**DEFAULTS, **check_parameter_types(params)}
    frame = load_corpus(corpus) if isinstance(corpus, (str, os.PathLike)) else corpus
    check_parameters(settings, frame)
    selected = _filter_corpus(frame, settings)
    extraction = extract(selected, progress=False, extra=settings["extra_lexicons"])
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    extraction.save(_under(out, "extraction"))
    provenance = dict(extraction.provenance)
    provenance["corpus_source"] = (
        os.fspath(corpus) if isinstance(corpus, (str, os.PathLike)) else None
    )
    settings["corpus"] = provenance["corpus_source"]
    run = ReportRun(selected, extraction, settings, out, provenance)
    run.outputs["extraction"] = {
        name: f"extraction/{name}"
        for name in ("articles.parquet", "hits.parquet", "provenance.json")
    }
    return run


def build(corpus: pd.DataFrame | PathLike, *, output_dir: PathLike, **params: Any) -> ReportRun:
    """Compute every part of the report without a notebook (figures, tables, provenance).

    Args:
        corpus, output_dir, **params: as for :func:`prepare`.

    Returns:
        The finished :class:`ReportRun`.
    """
    run = prepare(corpus, output_dir=output_dir, **params)
    run.overview()
    run.loaded_rates()
    run.distinctive_terms()
    run.verb_classes()
    run.doubt_shares("doubt")
    run.doubt_shares("endorsement")
    run.matched_events()
    run.methods()
    run.finish()
    return run


# ---------------------------------------------------------------------------------------------
# HTML


_HTML_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style>
main { max-width: 60em; margin: 0 auto; }
.framing-figure img { border: 1px solid #eee; }
</style>
{%- endblock extra_css -%}
"""

_URL_ATTRIBUTES = {
    "src",
    "href",
    "srcset",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "xlink:href",
    "ping",
    "cite",
    "longdesc",
    "manifest",
    "codebase",
}
_FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "base",
    "form",
    "applet",
    "meta",
}


class _OfflineChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        where = f"line {self.getpos()[0]}"
        if tag in _FORBIDDEN_TAGS and not (tag == "meta" and self._harmless_meta(attrs)):
            self.problems.append(f"{where}: <{tag}> element")
        self._in_style = tag == "style"
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on"):
                self.problems.append(f"{where}: event handler attribute {name!r} on <{tag}>")
            elif (
                name in _URL_ATTRIBUTES
                and value
                and not (value.startswith("#") or (value.startswith("data:") and tag == "img"))
            ):
                self.problems.append(f"{where}: <{tag} {name}={value[:60]!r}> (not embedded)")
            elif name == "style" and re.search(r"url\(|@import", value, re.IGNORECASE):
                self.problems.append(f"{where}: style attribute loads a resource on <{tag}>")

    @staticmethod
    def _harmless_meta(attrs: list[tuple[str, str | None]]) -> bool:
        names = {name for name, _ in attrs}
        return names <= {"charset", "name", "content"} and "http-equiv" not in names

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            for match in re.finditer(r"@import|url\(\s*['\"]?(?!data:)([^)'\"]*)", data, re.I):
                self.problems.append(
                    f"line {self.getpos()[0]}: stylesheet loads {match.group(0)[:60]!r}"
                )


def offline_problems(document: str) -> list[str]:
    """Everything in an HTML document that would run code or make a request when opened.

    Flags ``<script>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<form>``, ``<base>``,
    ``<meta http-equiv>``, event-handler attributes, any ``src``/``href``-like attribute that
    is not a ``#fragment`` (or a ``data:`` URI of an ``<img>``), and stylesheets with
    ``@import`` or non-``data:`` ``url(...)``.

    Returns:
        One line per problem (empty: the document is self-contained and inert).

    Examples:
        >>> offline_problems('<p><img src="data:image/png;base64,AA=="><a href="#x">x</a></p>')
        []
        >>> for problem in offline_problems('<script src="https://cdn.example/x.js"></script>'):
        ...     print(problem)
        line 1: <script> element
        line 1: <script src='https://cdn.example/x.js'> (not embedded)
    """
    checker = _OfflineChecker()
    checker.feed(document)
    checker.close()
    return checker.problems


def export_html(notebook: PathLike, *, title: str = "Comparative outlet report") -> str:
    """Render an executed notebook as a self-contained HTML page with the code hidden.

    Uses nbconvert's JupyterLab template without its script blocks (require.js, MathJax,
    widgets, mermaid), so the page makes no request and runs no code; figures are already
    ``data:`` URIs.

    Raises:
        ReportError: the page would still load something (see :func:`offline_problems`).
    """
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(os.fspath(notebook), as_version=4)
    nb.metadata["title"] = title
    for cell in nb.cells:
        # papermill gives the cell it injects a random id, which the HTML repeats: a fixed one
        # keeps the same run's page byte-identical.
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    exporter = HTMLExporter(
        template_name="lab",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        embed_images=True,
    )
    exporter.raw_template = _HTML_TEMPLATE
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    problems = offline_problems(body)
    if problems:
        raise ReportError(
            "the HTML report would not be self-contained: "
            + "; ".join(problems[:5])
            + (f" and {len(problems) - 5} more" if len(problems) > 5 else "")
        )
    return body


# ---------------------------------------------------------------------------------------------
# The report run


@dataclass
class ReportResult:
    """Where a finished report is, and how long it took."""

    output_dir: Path
    html: Path
    notebook: Path
    seconds: float
    parameters: dict[str, Any]

    def __str__(self) -> str:
        return f"report written to {self.html} ({self.seconds:.1f} s)"


def _looks_like_report(folder: Path) -> bool:
    if not any(folder.iterdir()):
        return True
    marker = folder / "provenance.json"
    if not marker.is_file():
        return False
    with contextlib.suppress(OSError, ValueError):
        return json.loads(marker.read_text(encoding="utf-8")).get("kind") == REPORT_KIND
    return False


def _swap_in(build: Path, out: Path) -> None:
    """Replace ``out`` by ``build`` with two renames; an error restores the old report."""
    if not out.exists():
        build.rename(out)
        return
    old = out.with_name(f".{out.name}.old-{uuid.uuid4().hex[:8]}")
    out.rename(old)
    try:
        build.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


#: Written into a build folder so later runs know it is theirs to tidy (and whose it is).
_BUILD_MARKER = ".framing-build.json"


def _mark_build(build_dir: Path) -> None:
    import socket

    record = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}
    (build_dir / _BUILD_MARKER).write_text(json.dumps(record), encoding="utf-8")


def _build_owner(folder: Path) -> dict[str, Any] | None:
    with contextlib.suppress(OSError, ValueError):
        record = json.loads((folder / _BUILD_MARKER).read_text(encoding="utf-8"))
        if isinstance(record, dict):
            return record
    return None


def _is_stale_build(folder: Path) -> bool:
    """A build folder of a run that is no longer running on this machine (killed, crashed)."""
    import socket

    owner = _build_owner(folder)
    if owner is None or owner.get("host") != socket.gethostname():
        return False
    try:
        os.kill(int(owner["pid"]), 0)
    except ProcessLookupError:
        return True
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return False


def _siblings(out_dir: Path, infix: str) -> list[Path]:
    # Not glob: a report folder name may contain `[` or `*`.
    prefix = f".{out_dir.name}.{infix}-"
    with contextlib.suppress(OSError):
        return sorted(p for p in out_dir.parent.iterdir() if p.name.startswith(prefix))
    return []


def _recover_interrupted(out_dir: Path) -> None:
    """Tidy up after earlier runs into ``out_dir`` that were killed (SIGKILL, power loss).

    A run killed between the two renames of :func:`_swap_in` leaves ``out_dir`` missing and the
    earlier report in ``.NAME.old-*``: it is put back. One killed after the swap leaves the old
    copy behind: it is deleted. Build folders ``.NAME.building-*`` of processes that no longer
    run on this machine are deleted. Anything not marked as framing's is left alone.
    """
    for old in _siblings(out_dir, "old"):
        if not old.is_dir() or old.is_symlink() or not _looks_like_report(old):
            continue
        if not out_dir.exists():
            old.rename(out_dir)
            logger.warning("restored the report %s moved aside by an interrupted run", out_dir)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for build in _siblings(out_dir, "building"):
        if build.is_dir() and not build.is_symlink() and _is_stale_build(build):
            logger.info("removing %s, left by a run that was killed", build)
            shutil.rmtree(build, ignore_errors=True)


def _is_ours(failed_dir: Path) -> bool:
    """Whether ``OUT.failed`` is a failed framing run (and so may be replaced or deleted)."""
    return (
        failed_dir.is_dir()
        and not failed_dir.is_symlink()
        and (_build_owner(failed_dir) is not None or not any(failed_dir.iterdir()))
    )


def _check_kernel(kernel_name: str) -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    manager = KernelSpecManager()
    try:
        manager.get_kernel_spec(kernel_name)
    except NoSuchKernel:
        available = ", ".join(sorted(manager.find_kernel_specs())) or "none"
        raise ReportError(
            f"no Jupyter kernel named {kernel_name!r}; available: {available} (`make setup` "
            "installs 'python3' into the virtual environment)"
        ) from None


def _cell_summary(source: str) -> str:
    lines = [line.strip() for line in (source or "").splitlines() if line.strip()]
    code = [line for line in lines if not line.startswith("#")]
    first = (code or lines or [""])[0]
    return first if len(first) <= 80 else first[:77] + "..."


def run_report(
    corpus: PathLike,
    out: PathLike,
    parameters: Mapping[str, Any] | Sequence[tuple[str, Any]] | None = None,
    *,
    notebook: PathLike | None = None,
    kernel_name: str = "python3",
    timeout: int = 600,
) -> ReportResult:
    """Run the report notebook on a corpus and write the report folder atomically.

    Steps: read the notebook's parameters (:func:`papermill.inspect_notebook`), check the
    names and types of ``parameters`` and their values against the corpus (all before a
    kernel starts); execute the notebook with papermill in ``.NAME.building-*`` next to
    ``out`` (working directory = that folder, ``output_dir = "."``, so nothing is written
    elsewhere); render ``report.html``; rename the folder to ``out``.

    Args:
        corpus: corpus file or folder.
        out: report folder. If it exists it must be empty or an earlier report.
        parameters: notebook parameters; ``str`` values are parsed as YAML (as ``-p`` does).
        notebook: the report notebook (default :data:`DEFAULT_NOTEBOOK`).
        kernel_name: Jupyter kernel to run the notebook with.
        timeout: seconds any one cell may run.

    Returns:
        A :class:`ReportResult`.

    Raises:
        ValueError: a parameter is unknown, reserved or of the wrong type, or names an
            outlet/event the corpus lacks (nothing has been started or written).
        ReportError: ``out`` is not a report folder, or the notebook failed (the message names
            the cell and the error; the failed notebook is in ``out.failed/report.ipynb`` and
            any earlier report in ``out`` is untouched), or the HTML is not self-contained.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    began = time.perf_counter()
    nb_path = Path(notebook) if notebook is not None else DEFAULT_NOTEBOOK
    corpus_path = Path(corpus).absolute()
    if not corpus_path.exists():
        raise FileNotFoundError(f"corpus not found: {corpus}")
    out_dir = Path(out).absolute()
    if out_dir.exists() and not out_dir.is_dir():
        raise ReportError(f"--out {out}: exists and is not a folder")
    if out_dir.is_dir() and not _looks_like_report(out_dir):
        raise ReportError(
            f"--out {out}: the folder holds files that are not a framing report; refusing to "
            "replace it (choose a new or empty folder)"
        )
    raw = dict(parameters.items() if isinstance(parameters, Mapping) else parameters or [])
    spec = notebook_parameters(nb_path)
    missing = [name for name in RESERVED_PARAMETERS if name not in spec]
    if missing:
        raise ReportError(f"{nb_path}: the parameters cell lacks {', '.join(missing)}")
    values = coerce_parameters(raw, spec)
    for key in ("extra_lexicons",):  # read-only inputs: resolve against the caller's cwd
        if values.get(key):
            values[key] = [str(Path(p).absolute()) for p in values[key]]
    _check_kernel(kernel_name)
    frame = load_corpus(corpus_path)
    if not len(frame):
        _raise_unusable_corpus(corpus_path)
    check_parameters(values, frame)
    _filter_corpus(frame, {**DEFAULTS, **values})

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _recover_interrupted(out_dir)
    if out_dir.is_dir() and not _looks_like_report(out_dir):  # (a restored earlier report)
        raise ReportError(f"--out {out}: the folder holds files that are not a framing report")
    try:
        build_dir = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
        _mark_build(build_dir)
    except OSError as exc:
        raise ReportError(
            f"--out {out}: cannot create a build folder in {out_dir.parent}: {exc.strerror or exc}"
        ) from exc
    executed = build_dir / "report.ipynb"
    failed_dir = out_dir.with_name(out_dir.name + ".failed")
    sockets = None
    engine: dict[str, Any] = {}
    if os.name == "posix":
        # Talk to the kernel over Unix sockets in a private folder, not TCP on localhost:
        # nothing else on the machine can connect, and ipykernel has no reason to warn.
        from traitlets.config import Config

        sockets = tempfile.mkdtemp(prefix="framing-kernel-")
        engine["config"] = Config(
            {"KernelManager": {"transport": "ipc", "ip": os.path.join(sockets, "kernel")}}
        )
    try:
        papermill.execute_notebook(
            str(nb_path),
            str(executed),
            parameters={**values, "corpus": str(corpus_path), "output_dir": "."},
            kernel_name=kernel_name,
            cwd=str(build_dir),
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            **engine,
        )
        document = export_html(executed)
        (build_dir / "report.html").write_text(document, encoding="utf-8")
        _stamp_provenance(build_dir, nb_path, kernel_name, values, time.perf_counter() - began)
    except PapermillExecutionError as exc:
        kept = _keep_failed(build_dir, failed_dir)
        raise ReportError(
            f"cell In [{exc.exec_count}] `{_cell_summary(exc.source)}` raised "
            f"{exc.ename}: {exc.evalue}\n  failed notebook: {kept}\n  "
            + (
                f"earlier report in {out} left untouched"
                if out_dir.exists()
                else "no report written"
            ),
            failed_notebook=kept,
            cell=exc.exec_count,
        ) from exc
    except ReportError as exc:
        kept = _keep_failed(build_dir, failed_dir)
        raise ReportError(f"{exc}\n  failed notebook: {kept}", failed_notebook=kept) from exc
    except Exception as exc:
        kept = _keep_failed(build_dir, failed_dir) if executed.exists() else None
        if kept is None:
            shutil.rmtree(build_dir, ignore_errors=True)
        raise ReportError(
            f"the report run failed: {type(exc).__name__}: {exc}"
            + (f"\n  failed notebook: {kept}" if kept else ""),
            failed_notebook=kept,
        ) from exc
    except BaseException:
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    finally:
        if sockets is not None:
            shutil.rmtree(sockets, ignore_errors=True)
    (build_dir / _BUILD_MARKER).unlink(missing_ok=True)
    _swap_in(build_dir, out_dir)
    if _is_ours(failed_dir):  # stale: this run succeeded
        shutil.rmtree(failed_dir, ignore_errors=True)
    seconds = time.perf_counter() - began
    return ReportResult(out_dir, out_dir / "report.html", out_dir / "report.ipynb", seconds, values)


def _keep_failed(build_dir: Path, failed_dir: Path) -> Path:
    """Keep a failed build as ``OUT.failed`` (replacing an earlier failed run, never a folder
    that is not framing's: then the build stays under its own name)."""
    if failed_dir.exists() or failed_dir.is_symlink():
        if not _is_ours(failed_dir):
            logger.warning(
                "%s is not a failed framing run; keeping this one in %s", failed_dir, build_dir
            )
            return build_dir / "report.ipynb"
        shutil.rmtree(failed_dir)
    build_dir.rename(failed_dir)
    return failed_dir / "report.ipynb"


def _raise_unusable_corpus(corpus: Path) -> None:
    """A corpus that loads no article at all: say why, file by file, before anything starts."""
    from framing.corpus import CorpusError, _problems_message, validate_corpus

    report = validate_corpus(corpus, near_duplicate_threshold=None)
    errors = report.errors[report.errors["code"] != "no_articles"]
    raise CorpusError(
        _problems_message(errors.to_dict("records"), f"{corpus}: no article could be loaded")
        if len(errors)
        else f"{corpus}: the corpus has no articles"
    )


def _stamp_provenance(
    build_dir: Path, notebook: Path, kernel: str, values: Mapping[str, Any], seconds: float
) -> None:
    path = build_dir / "provenance.json"
    if not path.is_file():
        raise ReportError(f"{notebook.name} did not write provenance.json (call run.finish())")
    record = json.loads(path.read_text(encoding="utf-8"))
    record["run"] = {
        "notebook": notebook.name,
        "kernel": kernel,
        "cli_parameters": dict(values),
        "seconds_until_html": round(seconds, 2),
        "html": "report.html",
        "executed_notebook": "report.ipynb",
    }
    path.write_text(
        json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )


def parse_cli_parameters(pairs: Sequence[Sequence[str]] | None) -> dict[str, str]:
    """``-p NAME VALUE`` pairs as a dict; a repeated name is an error.

    Examples:
        >>> parse_cli_parameters([["n_boot", "500"], ["seed", "7"]])
        {'n_boot': '500', 'seed': '7'}
    """
    out: dict[str, str] = {}
    for name, value in pairs or []:
        if name in out:
            raise ValueError(f"parameter {name!r} given twice (-p {name} ...)")
        out[name] = value
    return out
