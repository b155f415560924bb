"""Report parameters: the notebook's contract, and every check made before a kernel starts.

The notebook's ``parameters`` cell declares each parameter with a type and a default
(:func:`notebook_parameters` reads it with papermill). :func:`coerce_parameters` checks
``framing report -p NAME VALUE`` values (YAML text) against it, :func:`check_parameter_types`
checks values given from Python against :data:`PARAMETER_TYPES`, and :func:`check_parameters`
checks them against the corpus. :func:`filter_corpus` keeps the articles the parameters select.
:func:`read_parameters_file` reads ``framing report -f FILE.yaml`` (papermill's convention) and
:func:`parameters_help` writes ``framing report --help-parameters``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from framing.errors import ReportError
from framing.text import haystack

__all__ = [
    "DEFAULTS",
    "DEFAULT_NOTEBOOK",
    "PARAMETER_TYPES",
    "RESERVED_PARAMETERS",
    "check_parameter_types",
    "check_parameters",
    "coerce_parameters",
    "filter_corpus",
    "notebook_parameters",
    "parameters_help",
    "parse_cli_parameters",
    "read_parameters_file",
    "selection_mask",
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
    "scheduler": "choose a Dask cluster with --engine dask [--scheduler ADDRESS]",
}

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
    "validation": "list[str] | None",
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
    "validation": None,
}


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
    raw: Mapping[str, Any], spec: Mapping[str, Mapping[str, Any]], *, parse_text: bool = True
) -> dict[str, Any]:
    """Check parameter names and types against a notebook's ``parameters`` cell.

    Args:
        raw: name -> value; ``str`` values are parsed as YAML (``'["A", "B"]'``, ``500``,
            ``None``), other values are taken as given.
        spec: from :func:`notebook_parameters`.
        parse_text: parse ``str`` values as YAML (``-p`` values); ``False`` for values already
            read from YAML (a parameters file), which are taken as given.

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
        text = parse_text and isinstance(value, str)
        if annotation == "None":  # not annotated: anything goes
            out[name] = _parse_text(value, "object") if text else value
            continue
        parsed = _parse_text(value, annotation) if text else value
        ok, converted = _conforms(parsed, annotation)
        if not ok:
            example = spec[name].get("default")
            raise ValueError(
                f"parameter {name!r} must be {annotation}, got {type(parsed).__name__} "
                f"{parsed!r}"
                + (f" (default: {example})" if example is not None else "")
                + (
                    (
                        "; give a list as YAML, e.g. -p " + name + ' \'["A", "B"]\''
                        if parse_text
                        else f"; give a list, e.g. {name}: [A, B]"
                    )
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

    Outlets and events must exist in the corpus, speakers must occur in its text (whether
    anyone is quoted under the name is only known after the detectors ran), dates must parse
    and be in order, lexicon files must exist and compile, coded sheets must read, counts must
    be positive. Unknown keys are ignored.

    Raises:
        ValueError: naming the parameter, the bad value and what would be valid.
    """
    available = sorted(corpus["outlet"].dropna().astype(str).unique())
    outlets = params.get("outlets")
    if outlets is not None:
        present = set(available)
        unknown = [o for o in outlets if o not in present]
        if unknown:
            raise ValueError(
                f"unknown outlet(s) {_listing(unknown)}; available: {_listing(available)}"
            )
        if len(set(outlets)) < 2:
            raise ValueError(f"parameter 'outlets' must name at least two outlets, got {outlets}")
    events = params.get("events")
    if events is not None:
        known = sorted(corpus["event"].dropna().astype(str).unique()) if "event" in corpus else []
        present = set(known)
        unknown = [e for e in events if e not in present]
        if unknown:
            raise ValueError(f"unknown event(s) {_listing(unknown)}; available: {_listing(known)}")
    if events is not None and not events:
        raise ValueError(
            "parameter 'events' is an empty list: name events to keep, or None for all"
        )
    speakers = params.get("speakers")
    if speakers is not None:
        _check_speakers(list(speakers), corpus)
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
    sheets = params.get("validation")
    if sheets:
        from framing.coding import read_coded_samples

        try:  # read now: a bad coded sheet is reported before any kernel starts
            read_coded_samples(list(sheets))
        except ValueError as exc:
            raise ValueError(f"parameter 'validation': {exc}") from exc


_POSSESSIVE = re.compile(r"(?<=\w)'s?(?!\w)")
_WORD = re.compile(r"\w+")


def _name_form(text: str) -> str:
    """Words of ``text``, lower-cased, possessives dropped, one space apart (and around), the
    way the attribution detector writes a speaker's name from the words of the article."""
    return " " + " ".join(_WORD.findall(_POSSESSIVE.sub("", haystack(text)))) + " "


def _check_speakers(speakers: list[Any], corpus: pd.DataFrame) -> None:
    """Speakers must be named, once each, and occur in the articles' text.

    Who is quoted is only known once the detectors have run (in the notebook); a name that
    occurs in no article cannot be a speaker, and that is cheap to find out before.
    """
    if not speakers:
        raise ValueError(
            "parameter 'speakers' is an empty list: name speakers, or None for the "
            "top_speakers most quoted"
        )
    names = [str(s) for s in speakers]
    _check_speaker_names(names)
    wanted = {name: _name_form(name) for name in names}
    missing = set(wanted.values())
    for text in corpus["text"].dropna().astype(str):
        form = _name_form(text)
        missing = {needle for needle in missing if needle not in form}
        if not missing:
            return
    absent = [name for name, form in wanted.items() if form in missing]
    raise ValueError(
        f"parameter 'speakers': {_listing(absent)} occur(s) in no article of the corpus; name "
        "speakers as the articles name them (full name as first introduced, as in the report's "
        "heat maps), or None for the top_speakers most quoted"
    )


def _check_speaker_names(names: list[str]) -> None:
    if any(not name.strip() for name in names):
        raise ValueError(f"parameter 'speakers' holds an empty name: {names!r}")
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ValueError(f"parameter 'speakers' names {_listing(twice)} more than once")


def filter_corpus(corpus: pd.DataFrame, params: Mapping[str, Any]) -> pd.DataFrame:
    """The articles ``params`` select (outlets, events, start, end), index reset.

    Raises:
        ValueError: fewer than two outlets are left.
    """
    chosen = corpus[selection_mask(corpus, params)].reset_index(drop=True)
    if chosen["outlet"].nunique() < 2:
        raise ValueError(
            f"the selection keeps {len(chosen)} article(s) from {chosen['outlet'].nunique()} "
            "outlet(s); a comparison needs at least two outlets (check outlets, events, "
            "start and end)"
        )
    return chosen


def selection_mask(
    corpus: pd.DataFrame, params: Mapping[str, Any], *, warn: bool = True
) -> pd.Series:
    """Which rows of ``corpus`` (a corpus or an extraction's articles table: ``outlet``,
    ``event``, ``published``) the parameters ``outlets``, ``events``, ``start`` and ``end``
    keep."""
    keep = pd.Series(True, index=corpus.index)
    if params.get("outlets") is not None:
        keep &= corpus["outlet"].astype(str).isin(list(params["outlets"]))
    if params.get("events") is not None:
        keep &= corpus["event"].astype(str).isin(list(params["events"]))
    start, end = _as_date(params.get("start"), "start"), _as_date(params.get("end"), "end")
    if start is not None or end is not None:
        published = pd.to_datetime(corpus["published"], errors="coerce")
        undated = int((keep & published.isna()).sum())
        if undated and warn:
            logger.warning(
                "%d article(s) without a publication date left out by the date range", undated
            )
        if start is not None:
            keep &= published >= start
        if end is not None:
            # `end` is a day: keep everything published on it.
            keep &= published < end + pd.Timedelta(days=1)
    return keep


def _dates_as_text(value: Any) -> Any:
    """YAML reads ``2026-03-01`` as a date; report parameters take dates as text."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value


def _yaml_loader() -> Any:
    import yaml

    class UniqueKeys(yaml.SafeLoader):
        """YAML's safe loader, except that a key given twice is an error, not the last wins."""

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    repeated = key in seen
                    seen.add(key)
                except TypeError:  # an unhashable key: the constructor reports it
                    continue
                if repeated:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"{key!r} given twice", key_node.start_mark
                    )
            return super().construct_mapping(node, deep)

    return UniqueKeys


def read_parameters_file(path: PathLike, notebook: PathLike = DEFAULT_NOTEBOOK) -> dict[str, Any]:
    r"""Read report parameters from a YAML file (``framing report -f FILE``, as papermill's
    ``-f``) and check their names and types against the notebook's ``parameters`` cell.

    The file holds ``NAME: VALUE`` lines; values are YAML (``n_boot: 500``,
    ``outlets: [The Courier, Metro Ledger]``, ``start: 2026-03-01``: dates stay text). An empty
    file sets nothing.

    Args:
        path: the YAML file.
        notebook: the report notebook whose parameters the file sets.

    Returns:
        The parameters, type-checked.

    Raises:
        FileNotFoundError: the file does not exist.
        ValueError: the file cannot be read, is not YAML, is not a mapping, names a parameter
            twice, or names an unknown or reserved parameter or gives a value of the wrong type;
            the message starts with the file's name and says where and what.

    Examples:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "params.yaml"
        >>> _ = path.write_text("n_boot: 500\nstart: 2026-03-01\n")
        >>> read_parameters_file(path)
        {'n_boot': 500, 'start': '2026-03-01'}
        >>> _ = path.write_text("n_boot: many\n")
        >>> read_parameters_file(path)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: .../params.yaml: parameter 'n_boot' must be int, got str 'many' (default: 2000)
    """
    import yaml

    source = Path(path)
    if not source.exists():
        raise FileNotFoundError(f"parameters file not found: {path}")
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{path}: not a UTF-8 text file ({exc.reason} at byte {exc.start})"
        ) from None
    except OSError as exc:
        raise ValueError(
            f"{path}: cannot read the parameters file: {exc.strerror or exc}"
        ) from None
    try:
        data = yaml.load(text, Loader=_yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ValueError(f"{path}: not valid YAML{where}: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(
            f"{path}: expected NAME: VALUE lines (a YAML mapping), got a "
            f"{'list' if isinstance(data, list) else type(data).__name__}"
        )
    values: dict[str, Any] = {}
    for name, value in data.items():
        if not isinstance(name, str):
            raise ValueError(f"{path}: parameter names are text, got {name!r}")
        values[name] = _dates_as_text(value)
    try:
        return coerce_parameters(values, notebook_parameters(notebook), parse_text=False)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None


def _plain_type(annotation: str) -> str:
    """``Optional[list[str]]`` as ``list[str] | None``."""
    options = _split_union(annotation)
    return " | ".join(options) if options else annotation


def parameters_help(notebook: PathLike = DEFAULT_NOTEBOOK) -> str:
    """Every parameter of the report notebook with its type, default and help text, as
    ``framing report --help-parameters`` prints it (read with :func:`notebook_parameters`)."""
    path = Path(notebook)
    spec = notebook_parameters(path)
    lines = [
        f"Parameters of the report notebook {path.name}.",
        "Set them with -p NAME VALUE (VALUE read as YAML), or as NAME: VALUE lines in a YAML",
        "file given with -f FILE; -p overrides the file.",
        "",
    ]
    width = max(len(name) for name in spec) + 2
    for name, entry in spec.items():
        annotation = _plain_type(str(entry.get("inferred_type_name") or "None"))
        if name in RESERVED_PARAMETERS:
            head = f"{annotation}; set by the command: {RESERVED_PARAMETERS[name]}"
        else:
            head = f"{annotation}; default {entry.get('default')}"
        lines.append(f"  {name:<{width}}{head}")
        if entry.get("help"):
            lines.append(f"  {'':<{width}}{entry['help']}")
    return "\n".join(lines)


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
