"""Publication dates: every common way of writing one, to tz-naive ``datetime64[ns]`` (UTC).

Nothing is guessed silently: a date that cannot be read is ``NaT`` with an ``unparseable_date``
error, one that can be read two ways (``03/04/2026``, ``2026-03``) an ``ambiguous_date``
warning.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.corpus.problems import ProblemLog, add_missing_value, file_and_row
from framing.corpus.schema import arrow_strings, is_missing

_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?=$|[ T,])(.*)$")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")
# "GMT+1" as people write it (UTC+01:00); dateutil would apply the POSIX sign (UTC-01:00).
_GMT_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b", re.IGNORECASE)
_REDUCED_ISO = re.compile(r"^\d{4}(-\d{2})?$")
_DIGITS = re.compile(r"^-?\d{9,19}(\.\d+)?$")
_EPOCH_UNITS = ((1e11, "s"), (1e14, "ms"), (1e17, "us"), (math.inf, "ns"))
_UNIT_NAMES = {"s": "seconds", "ms": "milliseconds", "us": "microseconds", "ns": "nanoseconds"}


def _naive_utc(values: pd.Series) -> pd.Series:
    if getattr(values.dt, "tz", None) is not None:
        values = values.dt.tz_convert("UTC").dt.tz_localize(None)
    return values.astype("datetime64[ns]")


def _epoch(number: float) -> tuple[pd.Timestamp | None, str]:
    magnitude = abs(number)
    if magnitude < 1e8 or not math.isfinite(magnitude):  # NaN/Infinity: JSON allows them
        return None, ""
    unit = next(u for limit, u in _EPOCH_UNITS if magnitude < limit)
    try:
        return pd.Timestamp(int(number) if unit != "s" else number, unit=unit), unit
    except (OverflowError, ValueError):
        return None, ""


def _epoch_problem(value: Any) -> str:
    try:
        magnitude = abs(float(value))
    except OverflowError:
        magnitude = math.inf
    if magnitude < 1e8:
        return "a number too small to be a Unix timestamp"
    return "a number outside the range of Unix timestamps"


def parse_published(
    values: pd.Series,
    *,
    files: Sequence[Any],
    rows: Sequence[Any],
    ids: Sequence[Any],
    log: ProblemLog,
    dayfirst: bool | None,
    column_missing: bool,
) -> pd.Series:
    """Parse publication dates to tz-naive ``datetime64[ns]`` (UTC where an offset is given).

    Accepted, in this order: datetime values; ISO 8601 strings (``2026-03-04``,
    ``2026-03-04T10:00:00+01:00``); numeric day/month/year strings (month first unless
    ``dayfirst``); other strings that contain a four-digit year (``March 4, 2026``,
    ``Wed, 04 Mar 2026 10:00:00 GMT``); Unix timestamps (unit from the magnitude). Anything else
    becomes ``NaT`` with an ``unparseable_date`` error naming the row; a missing value gives a
    ``missing_value`` warning.
    """
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        result = _naive_utc(values)
        if not column_missing:
            for position in np.flatnonzero(result.isna().to_numpy()):
                add_missing_value(log, "published", files, rows, ids, position)
        return result.reset_index(drop=True)
    fast = _full_iso_dates(values)
    if fast is not None:
        result, missing = fast
        if not column_missing:
            for position in np.flatnonzero(missing):
                add_missing_value(log, "published", files, rows, ids, position)
        return result
    raw = list(values.astype(object))
    out: list[Any] = [pd.NaT] * len(raw)
    strings: dict[int, str] = {}
    epoch_units: dict[str, int] = {}
    for position, value in enumerate(raw):
        if is_missing(value) or (isinstance(value, str) and not value.strip()):
            if not column_missing:
                add_missing_value(log, "published", files, rows, ids, position)
            continue
        if isinstance(value, pd.Timestamp | dt.datetime):
            stamp = pd.Timestamp(value)
            out[position] = stamp.tz_convert("UTC").tz_localize(None) if stamp.tzinfo else stamp
        elif isinstance(value, dt.date):
            out[position] = pd.Timestamp(value)
        elif isinstance(value, int | float | np.integer | np.floating) and not isinstance(
            value, bool
        ):
            try:
                stamp, unit = _epoch(float(value))
            except OverflowError:  # an integer beyond any float
                stamp, unit = None, ""
            if stamp is None:
                _unparseable(
                    log,
                    files,
                    rows,
                    ids,
                    position,
                    value,
                    _epoch_problem(value),
                )
            else:
                out[position] = stamp
                epoch_units[unit] = epoch_units.get(unit, 0) + 1
        else:
            text = str(value).strip()
            if _DIGITS.match(text):
                stamp, unit = _epoch(float(text))
                if stamp is not None:
                    out[position] = stamp
                    epoch_units[unit] = epoch_units.get(unit, 0) + 1
                    continue
            strings[position] = text
    if strings:
        _parse_date_strings(strings, out, files, rows, ids, log, dayfirst)
    for unit, count in epoch_units.items():
        where = files[0] if files else None
        if log.once("epoch", str(where), unit):
            log.add(
                "info",
                "numeric_date",
                f"{count} numeric published value(s) read as Unix time in "
                f"{_UNIT_NAMES[unit]} (UTC)",
                file=where,
                column="published",
            )
    return pd.to_datetime(pd.Series(out, dtype=object)).astype("datetime64[ns]")


def _full_iso_dates(values: pd.Series) -> tuple[pd.Series, np.ndarray] | None:
    """The common case read at once: a column of Arrow strings (a Parquet file's) whose every
    value is blank or a full ISO 8601 date (``2026-03-04``, ``2026-03-04T10:00:00+01:00``)
    in years 1700-2199. Returns what :func:`parse_published` would, and the missing values'
    mask; ``None`` for any other column (the general path reads it value by value)."""
    if not arrow_strings(values.dtype):
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    stripped = pc.utf8_trim_whitespace(pa.array(values.array))
    missing = pc.fill_null(pc.equal(stripped, ""), True)
    present = pc.filter(stripped, pc.invert(missing))
    if not pc.all(pc.match_substring_regex(present, _FULL_ISO_RE2)).as_py():
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        texts = pd.Series(present.to_pylist(), dtype=object)
        parsed = pd.to_datetime(texts, format="ISO8601", utc=True, errors="coerce")
    if parsed.isna().any():
        return None
    parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[ns]")
    mask = missing.to_numpy(zero_copy_only=False)
    result = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[ns]")
    result[~mask] = parsed.to_numpy()
    return pd.Series(result, dtype="datetime64[ns]"), mask


# A full ISO 8601 date, optionally with a time and an offset, in RE2 syntax (ASCII digits).
_FULL_ISO_RE2 = (
    r"^(1[7-9]|2[01])[0-9]{2}-[01][0-9]-[0-3][0-9]"
    r"([T ][0-2][0-9]:[0-5][0-9](:[0-6][0-9](\.[0-9]{1,9})?)?(Z|[+-][0-2][0-9](:?[0-5][0-9])?)?)?$"
)


def _parse_date_strings(
    strings: dict[int, str],
    out: list[Any],
    files: Sequence[Any],
    rows: Sequence[Any],
    ids: Sequence[Any],
    log: ProblemLog,
    dayfirst: bool | None,
) -> None:
    positions = list(strings)
    texts = pd.Series([strings[p] for p in positions], dtype=object)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        iso = pd.to_datetime(texts, format="ISO8601", utc=True, errors="coerce")
    iso = iso.dt.tz_convert("UTC").dt.tz_localize(None)
    rest: dict[int, str] = {}
    for position, text, stamp in zip(positions, texts, iso, strict=True):
        if pd.isna(stamp):
            rest[position] = text
            continue
        out[position] = stamp
        if _REDUCED_ISO.match(text):
            _ambiguous(
                log,
                files,
                rows,
                ids,
                position,
                text,
                f"only {'year' if len(text) == 4 else 'year and month'} given; "
                f"read as {stamp:%Y-%m-%d}",
            )
    mixed: dict[int, str] = {}
    for position, text in rest.items():
        match = _NUMERIC_DMY.match(text)
        if match:
            _numeric_date(match, position, text, out, files, rows, ids, log, dayfirst)
        elif _YEAR.search(text):
            mixed[position] = _GMT_OFFSET.sub(
                lambda m: f" {m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}", text
            )
        else:
            _unparseable(
                log,
                files,
                rows,
                ids,
                position,
                text,
                "no recognisable date (a four-digit year is needed)",
            )
    if mixed:
        keys = list(mixed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = pd.to_datetime(
                pd.Series([mixed[k] for k in keys], dtype=object),
                format="mixed",
                utc=True,
                errors="coerce",
                dayfirst=bool(dayfirst),
            )
        for position, stamp in zip(keys, parsed, strict=True):
            if pd.isna(stamp):
                _unparseable(
                    log,
                    files,
                    rows,
                    ids,
                    position,
                    mixed[position],
                    "not a date format framing understands",
                )
            else:
                out[position] = stamp.tz_convert("UTC").tz_localize(None)


def _numeric_date(
    match: re.Match[str],
    position: int,
    text: str,
    out: list[Any],
    files: Sequence[Any],
    rows: Sequence[Any],
    ids: Sequence[Any],
    log: ProblemLog,
    dayfirst: bool | None,
) -> None:
    first, second, year_text, remainder = match.groups()
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < 70 else 1900
    a, b = int(first), int(second)
    day, month = (a, b) if dayfirst else (b, a)
    order = "day/month/year" if dayfirst else "month/day/year"
    try:
        date = pd.Timestamp(year=year, month=month, day=day)
    except ValueError:
        other = "dayfirst=False" if dayfirst else "dayfirst=True"
        _unparseable(
            log,
            files,
            rows,
            ids,
            position,
            text,
            f"not a valid {order} date; pass {other} if the file writes dates the other way round",
        )
        return
    if remainder.strip():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            clock = pd.to_datetime(
                f"{date:%Y-%m-%d} {remainder.strip(' ,T')}", utc=True, errors="coerce"
            )
        if pd.isna(clock):
            _unparseable(
                log,
                files,
                rows,
                ids,
                position,
                text,
                f"date read as {order}, but the time {remainder.strip()!r} is not understood",
            )
            return
        out[position] = clock.tz_convert("UTC").tz_localize(None)
    else:
        out[position] = date
    if dayfirst is None and a <= 12 and b <= 12 and a != b:
        _ambiguous(
            log,
            files,
            rows,
            ids,
            position,
            text,
            f"read as {order} ({date:%Y-%m-%d}); pass dayfirst=True if it is "
            "day/month/year, or dayfirst=False to confirm",
        )


def _date_problem(
    log: ProblemLog,
    files: Sequence[Any],
    rows: Sequence[Any],
    ids: Sequence[Any],
    position: int,
    severity: str,
    code: str,
    message: str,
) -> None:
    file, row = file_and_row(files, rows, position)
    log.add(
        severity,
        code,
        message,
        file=file,
        row=row,
        column="published",
        id=ids[position] if position < len(ids) else None,
    )


def _unparseable(
    log: ProblemLog,
    files: Sequence[Any],
    rows: Sequence[Any],
    ids: Sequence[Any],
    position: int,
    value: Any,
    why: str,
) -> None:
    message = f"published {str(value)[:60]!r} cannot be read as a date ({why}); it is NaT"
    _date_problem(log, files, rows, ids, position, "error", "unparseable_date", message)


def _ambiguous(
    log: ProblemLog,
    files: Sequence[Any],
    rows: Sequence[Any],
    ids: Sequence[Any],
    position: int,
    value: str,
    why: str,
) -> None:
    message = f"published {value!r}: {why}"
    _date_problem(log, files, rows, ids, position, "warning", "ambiguous_date", message)
