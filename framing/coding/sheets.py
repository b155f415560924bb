"""Reading coded sheets back: every row checked, every problem named with its file and row.

A coder fills in the ``code`` column of a copy of the sheet (and may add a ``coder`` column).
:func:`read_coded_sheets` reads one file per coder with the sample's key and metadata (found
next to the sheet by the sample id, or given), and refuses rather than guesses: an item the key
does not know, an item coded twice, a missing item, an empty code, a code other than 0 or 1 for a
hit or other than a whole number for a sentence, or a file from another sample is an error
naming the file and the row (as a spreadsheet numbers it: the header is row 1).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from framing.errors import CodingError

PathLike = str | os.PathLike[str]


@dataclass
class CodedSample:
    """The key and metadata of a sample and every coder's codes.

    Attributes:
        key: one row per item: ``item, sample, detector, kind, outlet, id, start, end``.
        meta: the sample's metadata (``NAME.meta.json``): populations, seed, versions.
        codes: one row per coder and item: ``coder, item, code`` (int), ``note``.
    """

    key: pd.DataFrame
    meta: dict[str, Any]
    codes: pd.DataFrame

    @property
    def coders(self) -> list[str]:
        return list(dict.fromkeys(self.codes["coder"]))


def read_sample_key(meta_path: PathLike) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The key and metadata of a sample from its ``NAME.meta.json`` (the key beside it)."""
    meta_path = Path(meta_path)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CodingError(f"{meta_path}: not a readable sample metadata file ({exc})") from None
    if not isinstance(meta, dict) or meta.get("format") != "framing.coding.sample/1":
        raise CodingError(f"{meta_path}: not the metadata of a framing coding sample")
    key_path = meta_path.with_name(meta_path.name[: -len(".meta.json")] + ".key.csv")
    try:
        key = pd.read_csv(
            key_path, dtype={"item": str, "id": str, "outlet": str}, keep_default_na=False
        )
    except OSError as exc:
        raise CodingError(f"{key_path}: the sample's key cannot be read ({exc})") from None
    return key, meta


def find_sample_key(sheet: PathLike, sample_id: str) -> Path:
    """The ``NAME.meta.json`` of sample ``sample_id`` in the sheet's folder."""
    folder = Path(sheet).resolve().parent
    for meta_path in sorted(folder.glob("*.meta.json")):
        try:
            if json.loads(meta_path.read_text(encoding="utf-8")).get("sample") == sample_id:
                return meta_path
        except (OSError, ValueError):
            continue
    raise CodingError(
        f"{sheet}: no key of sample {sample_id!r} in {folder}; pass the sample's .meta.json "
        "(written by `framing sample`) with --key"
    )


def read_coded_sheets(
    sheets: list[PathLike] | tuple[PathLike, ...], key: PathLike | None = None
) -> CodedSample:
    """Read coded sheets, one per coder, against the sample's key.

    Args:
        sheets: the coded CSV files; a ``NAME.meta.json`` among them is taken as ``key``.
        key: the sample's ``NAME.meta.json``; default: found beside the first sheet.

    Raises:
        CodingError: naming the file, the row and what would be valid.
    """
    keys = [s for s in sheets if str(s).endswith(".meta.json")]
    sheets = [s for s in sheets if not str(s).endswith(".meta.json")]
    if len(keys) > 1 or (keys and key is not None):
        raise CodingError(f"more than one sample key given: {', '.join(map(str, keys))}")
    key = keys[0] if keys else key
    if not sheets:
        raise CodingError("no coded sheet given")
    first = _read_csv(sheets[0])
    sample_id = _sample_of(first, sheets[0])
    key_frame, meta = read_sample_key(
        key if key is not None else find_sample_key(sheets[0], sample_id)
    )
    frames = []
    seen_coders: dict[str, PathLike] = {}
    for path in sheets:
        frame = first if path is sheets[0] else _read_csv(path)
        codes = _check_sheet(frame, path, key_frame, meta["sample"])
        coder = codes["coder"].iloc[0] if len(codes) else Path(path).stem
        if coder in seen_coders:
            raise CodingError(
                f"{path}: coder {coder!r} already given by {seen_coders[coder]}; each file is "
                "one coder (name them by file name or a `coder` column)"
            )
        seen_coders[coder] = path
        frames.append(codes)
    return CodedSample(key_frame, meta, pd.concat(frames, ignore_index=True))


def read_coded_samples(
    paths: list[PathLike] | tuple[PathLike, ...], key: PathLike | None = None
) -> list[CodedSample]:
    """Coded sheets of one or more samples (one per detector), grouped by sample.

    Each sample's key is a ``NAME.meta.json`` given among ``paths`` (or as ``key`` when there is
    one sample) or found beside its first sheet. Two samples of the same detector are refused:
    a sheet of another sample among the coders' files is a mistake, not a second sample.

    Raises:
        CodingError: naming the file and what is wrong.
    """
    keys = [p for p in paths if str(p).endswith(".meta.json")]
    if key is not None:
        keys.append(key)
    key_of = {read_sample_key(k)[1]["sample"]: k for k in keys}
    groups: dict[str, list[PathLike]] = {}
    for path in paths:
        if not str(path).endswith(".meta.json"):
            groups.setdefault(_sample_of(_read_csv(path), path), []).append(path)
    if not groups:
        raise CodingError("no coded sheet given")
    unused = set(key_of) - set(groups)
    if unused:
        raise CodingError(
            f"{key_of[min(unused)]}: key of sample {min(unused)!r}, of which no sheet was given"
        )
    samples = [
        read_coded_sheets(sheets, key=key_of.get(sample_id)) for sample_id, sheets in groups.items()
    ]
    first_of: dict[str, CodedSample] = {}
    for (sample_id, sheets), sample in zip(groups.items(), samples, strict=True):
        detector = sample.meta.get("detector")
        if detector in first_of:
            other = first_of[detector].meta["sample"]
            raise CodingError(
                f"{sheets[0]}: a sheet of sample {sample_id!r}, but sheets of sample {other!r} "
                f"check the same detector ({detector}); a coder file from another sample?"
            )
        first_of[detector] = sample
    return samples


def _read_csv(path: PathLike) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise CodingError(f"{path}: not a readable CSV coding sheet ({exc})") from None


def _sample_of(frame: pd.DataFrame, path: PathLike) -> str:
    missing = [c for c in ("item", "sample", "code") if c not in frame.columns]
    if missing:
        raise CodingError(
            f"{path}: lacks column(s) {', '.join(missing)}; a coding sheet written by "
            "`framing sample` has item, sample, ..., code, note"
        )
    samples = frame["sample"].unique().tolist()
    if len(samples) != 1 or not samples[0]:
        raise CodingError(
            f"{path}: rows from more than one sample ({', '.join(map(repr, samples[:3]))})"
        )
    return samples[0]


def _check_sheet(
    frame: pd.DataFrame, path: PathLike, key: pd.DataFrame, sample_id: str
) -> pd.DataFrame:
    found = _sample_of(frame, path)
    if found != sample_id:
        raise CodingError(
            f"{path}, row 2: item of sample {found!r}, but the key is of sample {sample_id!r} "
            "(a coder file from another sample?)"
        )
    kinds = dict(zip(key["item"], key["kind"], strict=True))
    coder_column = "coder" in frame.columns
    rows = []
    seen: dict[str, int] = {}
    for position, record in enumerate(frame.to_dict("records")):
        row = position + 2  # the header is row 1, as a spreadsheet shows it
        item = record["item"].strip()
        if item not in kinds:
            raise CodingError(
                f"{path}, row {row}: unknown item {item!r} (not in sample {sample_id})"
            )
        if item in seen:
            raise CodingError(
                f"{path}, row {row}: item {item!r} is coded twice (first on row {seen[item]})"
            )
        seen[item] = row
        raw = record["code"].strip()
        if not raw:
            raise CodingError(
                f"{path}, row {row}: item {item!r} is not coded (column `code` is empty)"
            )
        code = _code(raw, kinds[item])
        if code is None:
            valid = (
                "0 or 1"
                if kinds[item] == "hit"
                else "a whole number of missed instances (0, 1, 2, ...)"
            )
            raise CodingError(
                f"{path}, row {row}: code {raw!r} of item {item!r} ({kinds[item]}) is not "
                f"valid; valid: {valid}"
            )
        coder = (
            record["coder"].strip() if coder_column and record["coder"].strip() else Path(path).stem
        )
        rows.append({"coder": coder, "item": item, "code": code, "note": record.get("note", "")})
    missing = [item for item in key["item"] if item not in seen]
    if missing:
        raise CodingError(
            f"{path}: {len(missing)} item(s) of the sample are missing ({', '.join(missing[:5])}"
            + (" ..." if len(missing) > 5 else "")
            + "); code every row of the sheet"
        )
    codes = pd.DataFrame(rows, columns=["coder", "item", "code", "note"])
    if codes["coder"].nunique() > 1:
        raise CodingError(
            f"{path}: the `coder` column names more than one coder; one file per coder"
        )
    return codes


def _code(raw: str, kind: str) -> int | None:
    text = raw[:-2] if raw.endswith(".0") else raw  # spreadsheets write 1 as 1.0
    if not text.isdigit():
        return None
    value = int(text)
    if kind == "hit" and value not in (0, 1):
        return None
    return value
