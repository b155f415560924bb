"""The hits a report reads: per detector, the rows and columns its sections use, gathered part
by part so the whole hits table is never held.

A report uses three slices of an extraction's hits: loaded terms in the outlet's own voice,
every attribution, and markers outside quotations. Each slice keeps the columns its sections
read (the loaded terms and markers no speaker columns, the attributions no event, lemma or
``in_quote``, none of them the speaker's offsets), in compact dtypes
(:func:`~framing.report.compact.compact_hits`); :func:`framing.report.prepare` then leaves
out the names of speakers attributed once where no ranking the report makes can list them
(:func:`without_single_speakers`). The slices are not much smaller than the whole compact
table (on 200,000 generated articles 2.73 M of 3.16 M hits, 173 MB against 208 MB: the
speakers' names dominate both); what changes is that the whole
table is never read into memory and no section filters (and copies) it any more (at 1M
articles the report's peak fell from 5.1 to 4.2 GB and its sections' time by a third).

From an extraction folder (:func:`stream_report_hits`), one pass reads each hits part (two
threads read, filter and encode parts a few ahead, in order, while the caller writes the
copy: at 1M articles the pass took 23-26 s instead of 33-34 s), keeps
the selected articles' rows, writes them to the report's own copy of the hits (the
``extraction/hits.parquet`` a reader can check the report against) and keeps each part's
share of the slices in narrow integers (:mod:`framing.report.gathered`), joined by one sort
at the end. The slices are equal, row for row and category for category, to those
:func:`report_hits` takes from the same hits in memory.

A speaker is one speaker whatever its capitals (:func:`one_name_per_speaker`): "Police said"
opening a sentence and "..., police said" closing one are the same source, as are "Insiders"
and "insiders" (the detector writes a source as its article does; on 200,000 generated
articles, 54 sources were split this way, "insiders" among the most quoted). The slice names
each under its most frequent form; the report's copy of the hits keeps what the detector
wrote.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.extract.batch import cluster_threads
from framing.extract.features import HIT_COLUMNS, HIT_DTYPES, empty_table, own_markers
from framing.report.compact import (
    HIT_CATEGORIES,
    compact_hits,
    finish_compact,
    hit_paths,
    without_unused_categories,
)
from framing.report.gathered import (
    Piece,
    arrow_categorical,
    code_dtype,
    encode_piece,
    index_dtype,
    join_codes,
    join_pieces,
    narrow_offsets,
    sort_ranks,
)
from framing.report.heap import release_arrow_memory
from framing.stats.asymmetry import RANKED_SOURCE_TYPES
from framing.stats.inputs import arrow_strings, code_counts, group_codes

__all__ = [
    "REPORT_HITS",
    "ReportHits",
    "one_name_per_speaker",
    "report_hits",
    "stream_report_hits",
    "without_single_speakers",
]

PathLike = str | os.PathLike[str]

#: Columns every slice keeps: whose hit it is, where it is (the evidence quotes it) and what.
_COMMON = ("id", "outlet", "detector", "start", "end", "text", "category")

#: Offsets, gathered as 32-bit integers where a part's fit.
_OFFSETS = ("start", "end")

#: Threads reading hits parts, and how many parts they may read ahead of the copy's writer.
_THREADS = 2
_AHEAD = 3

#: Per detector: the columns the report's sections read, and which of its hits they count
#: (``"outlet"``: hits in the outlet's own voice; ``"own"``: markers in the outlet's own
#: voice, or, in an extraction made before markers had a voice (``framing.markers.v9`` and
#: earlier), outside quotations; ``"all"``).
#: Only the loaded terms keep their event (the matched-events evidence), and only loaded
#: terms and markers their lemma and ``in_quote``: no section reads them of an attribution
#: (at a million articles those three columns of the 10.5 M attributions took 52 MB).
REPORT_HITS: Mapping[str, tuple[tuple[str, ...], str]] = {
    "loaded": ((*_COMMON, "event", "label", "in_quote", "voice"), "outlet"),
    "attribution": ((*_COMMON, "speaker", "kind", "source_type", "speaker_gender"), "all"),
    "marker": ((*_COMMON, "label", "in_quote"), "own"),
}


@dataclass(frozen=True)
class ReportHits:
    """The report's slices of the hits (:data:`REPORT_HITS`), one compact table per detector.

    Attributes:
        tables: detector name -> its slice, in corpus order.
        total: hits of the selected articles, every detector and voice (the provenance's
            ``hits``).
    """

    tables: Mapping[str, pd.DataFrame]
    total: int

    def __getitem__(self, detector: str) -> pd.DataFrame:
        try:
            return self.tables[detector]
        except KeyError:
            raise KeyError(
                f"the report keeps no hits of detector {detector!r}; it keeps "
                f"{', '.join(self.tables)}"
            ) from None


def report_hits(hits: pd.DataFrame) -> ReportHits:
    """The report's slices of ``hits`` (an extraction's hits table, in memory).

    Examples:
        >>> hits = pd.DataFrame({c: [None, None] for c in HIT_COLUMNS})
        >>> hits = hits.assign(detector=["loaded", "loaded"], voice=["outlet", "quoted"],
        ...                    start=[0, 5], end=[4, 9], in_quote=[False, True], id="a")
        >>> sliced = report_hits(hits)
        >>> len(sliced["loaded"]), len(sliced["attribution"]), sliced.total
        (1, 0, 2)
    """
    tables = {}
    for detector, (columns, rows) in REPORT_HITS.items():
        keep = (hits["detector"] == detector).fillna(False).to_numpy(dtype=bool, copy=True)
        if rows == "outlet":
            keep &= (hits["voice"] == "outlet").fillna(False).to_numpy(dtype=bool)
        elif rows == "own":
            keep &= own_markers(hits).to_numpy(dtype=bool)
        chosen = hits.loc[keep, list(columns)].reset_index(drop=True)
        tables[detector] = _finish_slice(compact_hits(without_unused_categories(chosen)))
    return ReportHits(tables, len(hits))


#: Slice columns whose categories are held as Arrow strings, not Python strings (at a
#: million articles: 4.5 M speakers, 1 M article ids in each slice): see
#: :func:`~framing.report.gathered.arrow_categorical`. The speakers become Arrow strings
#: when their capitals are merged (:func:`one_name_per_speaker`).
ARROW_STRINGS = ("id", "speaker")


def _finish_slice(table: pd.DataFrame) -> pd.DataFrame:
    """One name per speaker (:func:`one_name_per_speaker`); ids and speakers as Arrow
    strings (:data:`ARROW_STRINGS`)."""
    if "speaker" in table:
        table["speaker"] = one_name_per_speaker(table["speaker"])
    for column in ARROW_STRINGS:
        if column in table and arrow_strings(table[column].cat.categories) is None:
            table[column] = _as_arrow_strings(table[column])
    return table


def _as_arrow_strings(values: pd.Series) -> pd.Series:
    """A categorical with sorted categories, its categories held as Arrow strings."""
    return _with_categories(values, _category_strings(values), values.array.codes)


def _category_strings(values: pd.Series) -> Any:
    """The categories of ``values`` as Arrow strings (no copy when they are already)."""
    import pyarrow as pa

    categories = values.cat.categories
    names = arrow_strings(categories)
    if names is None:
        names = pa.array(categories.to_numpy(dtype=object), type=pa.string())
    return names


def _with_categories(values: pd.Series, names: Any, codes: np.ndarray) -> pd.Series:
    """``values``' rows (same index and name) as ``codes`` into sorted distinct ``names``
    (Arrow strings, kept as they are: :func:`~framing.report.gathered.arrow_categorical`)."""
    result = arrow_categorical(names, codes, values.name)
    result.index = values.index
    return result


#: How many of the most attributed speakers any ranking the report makes may list, and still
#: be what it is on every attribution's name (see :func:`without_single_speakers`).
EXACT_RANKS = 1000


def without_single_speakers(
    attributions: pd.DataFrame, *, ranks: int = EXACT_RANKS, keep: Iterable[str] = ()
) -> pd.DataFrame:
    """``attributions`` (a report's slice, :func:`report_hits`) with the names of the speakers
    attributed once left out (missing), where no ranking of up to ``ranks`` speakers can reach
    them; their rows keep every other column.

    The report names speakers only by rank: the most attributed ones overall (the asymmetry's
    ``top``, among :data:`~framing.stats.asymmetry.RANKED_SOURCE_TYPES`) and each outlet's
    most quoted resolved sources (share of voice). A speaker attributed once can be among the
    first ``ranks`` of such a ranking only if fewer than ``ranks`` speakers in it are
    attributed more often. So the names go only where at least ``ranks`` speakers are
    attributed more than once in each ranking that holds a speaker attributed once;
    otherwise ``attributions`` is returned as it is. Counts by outlet, verb class, source type
    and gender use every row still. At a million generated articles 2.9 M of the 4.5 M
    speakers are attributed once, and their names took ~65 MB of the report's memory.

    Args:
        attributions: the attribution slice (its ``speaker`` a categorical).
        ranks: the deepest ranking to keep exact; recorded in the result's
            ``attrs["exact_ranks"]`` when names were left out.
        keep: names to keep whatever their count (the report's ``speakers`` parameter),
            matched whatever their capitals.

    Examples:
        >>> att = pd.DataFrame({"speaker": pd.Categorical(["Ana", "Ben", "Ana", "Cy"]),
        ...                     "source_type": "named", "outlet": pd.Categorical(["X"] * 4)})
        >>> without_single_speakers(att, ranks=1)["speaker"].tolist()
        ['Ana', nan, 'Ana', nan]
        >>> without_single_speakers(att, ranks=2)["speaker"].tolist()  # Ben or Cy is 2nd
        ['Ana', 'Ben', 'Ana', 'Cy']
    """
    speakers = attributions["speaker"] if len(attributions) else None
    if speakers is None or not isinstance(speakers.dtype, pd.CategoricalDtype):
        return attributions
    codes = speakers.array.codes
    count = len(speakers.cat.categories)
    single = code_counts(codes, count) == 1
    if keep:
        wanted = {str(name).lower() for name in keep}
        single &= ~np.asarray(speakers.cat.categories.str.lower().isin(wanted), dtype=bool)
    if not single.any():
        return attributions
    source = attributions["source_type"]
    ranked = source.isin(list(RANKED_SOURCE_TYPES)).to_numpy(dtype=bool)
    voiced = (source != "unresolved").to_numpy(dtype=bool, na_value=False)
    outlets, _ = group_codes(attributions["outlet"])
    # One ranking's rows at a time (a mask of every attribution each: 10 MB at 1M articles).
    rankings = itertools.chain(
        [ranked], (voiced & (outlets == o) for o in np.unique(outlets[outlets >= 0]))
    )
    for rows in rankings:
        times = code_counts(codes, count, rows)
        if (times[single] > 0).any() and int(np.count_nonzero(times >= 2)) < ranks:
            return attributions
        del times
    import pyarrow as pa

    kept = ~single
    names = _category_strings(speakers).filter(pa.array(kept))
    position = np.where(kept, np.cumsum(kept) - 1, -1).astype(code_dtype(len(names)))
    renamed = np.where(codes >= 0, position[codes], position.dtype.type(-1))
    out = attributions.copy(deep=False)
    out["speaker"] = _with_categories(speakers, names, renamed)
    out.attrs["exact_ranks"] = int(ranks)
    return out


def one_name_per_speaker(speakers: pd.Series) -> pd.Series:
    """``speakers`` (a categorical with sorted categories, as :func:`compact_hits` makes it)
    with the names that differ only in their capitals made one category: the form written
    most often (ties: the first as strings sort). The categories are Arrow strings
    (:func:`~framing.report.gathered.arrow_categorical`), as in the slices read from a folder.

    Examples:
        >>> names = pd.Series(["Police", "police", "police", "Insiders", "Mara Velic"])
        >>> merged = one_name_per_speaker(names.astype("category"))
        >>> merged.tolist()
        ['police', 'police', 'police', 'Insiders', 'Mara Velic']
        >>> list(merged.cat.categories)
        ['Insiders', 'Mara Velic', 'police']
    """
    import pyarrow as pa

    names = _category_strings(speakers)
    codes = speakers.cat.codes.to_numpy()
    merged = _one_form(names, codes)
    if merged is not None:
        names, codes = names.take(pa.array(merged[0])), merged[1]
    return _with_categories(speakers, names, codes)


def _one_form(names: Any, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """For sorted distinct ``names`` (Arrow strings) and the ``codes`` of rows into them: the
    positions of the names kept (one per group of names equal but for case: the most frequent,
    ties to the first) and the rows' codes into the kept names; ``None`` when no two names
    differ only in case. Case is compared in Arrow (``utf8_lower``, grouped by sorting):
    millions of names make no Python strings."""
    import pyarrow.compute as pc

    if len(names) < 2:
        return None
    groups, lowered = sort_ranks(pc.utf8_lower(names))
    n_groups = len(lowered)
    del lowered
    release_arrow_memory()  # the lowered names and their sort, before NumPy's arrays
    if n_groups == len(names):
        return None
    # Positions and counts in 32 bits where they fit: 4.5 M names, 18 MB an array.
    rows = index_dtype(len(names))
    missing = codes < 0
    counts = np.bincount(codes[~missing] if missing.any() else codes, minlength=len(names))
    counts = counts.astype(index_dtype(int(counts.max())))
    # One form per group: the most frequent, ties to the first (the names are sorted).
    order = np.lexsort((np.arange(len(names), dtype=rows), np.negative(counts), groups))
    del counts
    grouped = groups[order]
    leads = order[np.r_[True, grouped[1:] != grouped[:-1]]]
    del order, grouped
    form = np.empty(n_groups, dtype=rows)
    form[groups[leads]] = leads
    kept = np.sort(leads)
    index = np.full(len(names), -1, dtype=rows)
    index[kept] = np.arange(len(kept), dtype=rows)
    mapping = index[form[groups]].astype(code_dtype(len(kept)))
    del index, form, groups
    merged = np.take(mapping, np.maximum(codes, 0))
    merged[missing] = -1
    return kept, merged


def _schema() -> Any:
    """The Arrow schema of a hits part (as :func:`framing.extract` writes it)."""
    import pyarrow as pa

    kinds = {"int64": pa.int64(), "Int64": pa.int64(), "bool": pa.bool_()}
    return pa.schema([(c, kinds.get(str(HIT_DTYPES[c]), pa.string())) for c in HIT_COLUMNS])


def _read_part(path: Path, keep: Callable[[Any], Any] | None) -> tuple[Any, dict[str, Any]]:
    """One hits part: its kept rows (every column, the types of :data:`HIT_COLUMNS`) and,
    per detector, the chunks of its slice's columns (repeated strings dictionary-encoded)."""
    import pyarrow.parquet as pq

    part = pq.read_table(path, columns=list(HIT_COLUMNS)).cast(_schema())
    if keep is not None:
        part = part.filter(keep(part))
    chunks: dict[str, dict[str, Any]] = {}
    for detector, (columns, rows) in REPORT_HITS.items():
        # The slice's columns only are filtered (a third to a half of the part's).
        sliced = part.select(list(columns)).filter(_arrow_rows(part, detector, rows))
        chunks[detector] = {}
        for column in columns:
            values = sliced.column(column)
            if column in HIT_CATEGORIES:
                chunks[detector][column] = encode_piece(values)
            elif column in _OFFSETS:
                chunks[detector][column] = narrow_offsets(values).chunks
            else:
                chunks[detector][column] = values.chunks
    return part, chunks


def _parts(
    folder: Path, keep: Callable[[Any], Any] | None, client: Any = None
) -> Iterator[tuple[Any, dict[str, Any]]]:
    """:func:`_read_part` of each hits part of ``folder``, in order, read a few parts ahead of
    the caller: by a pool of threads (Arrow reads, filters and encodes without holding the
    GIL, so the reading overlaps the caller's writing of the copy), or by the workers of a
    Dask ``client``'s cluster, which must see ``folder`` at the same path."""
    paths = hit_paths(folder)
    if client is None:
        pool: Executor = ThreadPoolExecutor(max_workers=_THREADS, thread_name_prefix="framing-hits")
        ahead = _AHEAD
    else:
        paths = [p.absolute() for p in paths]
        if keep is not None:  # sent to each worker once, not with every part
            keep = client.scatter(keep, broadcast=True)
        pool = client.get_executor(pure=False)
        ahead = 2 * cluster_threads(client)
    read = _read_part if client is None else _read_part_on_worker
    with pool:
        pending: deque[Future[tuple[Any, dict[str, Any]]]] = deque()
        for path in paths:
            pending.append(pool.submit(read, path, keep))
            if len(pending) > ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _read_part_on_worker(
    path: Path, keep: Callable[[Any], Any] | None
) -> tuple[Any, dict[str, Any]]:
    """:func:`_read_part` on a Dask worker, saying what a part missing there means."""
    try:
        return _read_part(path, keep)
    except FileNotFoundError as exc:
        import socket

        raise FileNotFoundError(
            f"{path}: not found on the Dask worker at {socket.gethostname()}; the workers must "
            "see the extraction folder at the same path as this process (a shared file system)"
        ) from exc


def _arrow_rows(part: Any, detector: str, rows: str) -> Any:
    import pyarrow.compute as pc

    keep = pc.fill_null(pc.equal(part.column("detector"), detector), False)
    if rows == "outlet":
        keep = pc.and_(keep, pc.fill_null(pc.equal(part.column("voice"), "outlet"), False))
    elif rows == "own":
        voice = part.column("voice") if "voice" in part.column_names else None
        unquoted = pc.invert(pc.fill_null(part.column("in_quote"), False))
        own = (
            unquoted
            if voice is None
            else pc.if_else(
                pc.is_null(voice), unquoted, pc.fill_null(pc.equal(voice, "outlet"), False)
            )
        )
        keep = pc.and_(keep, own)
    return keep


def stream_report_hits(
    folder: PathLike,
    *,
    keep: Callable[[Any], Any] | None = None,
    copy_to: PathLike | None = None,
    client: Any = None,
) -> ReportHits:
    """The report's slices of the hits of an extraction folder, read one part at a time.

    Args:
        folder: the extraction folder.
        keep: given an Arrow table of hits, a boolean array of the rows to keep (the selected
            articles); ``None`` keeps every hit.
        copy_to: a Parquet file to write the kept hits to, every column, in corpus order (the
            report's copy of its hits).
        client: a ``distributed.Client``: its workers read, filter and encode the parts (they
            must see ``folder`` at the same path); this process writes the copy and joins the
            pieces. ``None``: two threads of this process.

    Returns:
        The slices, equal to ``report_hits(hits)`` of the kept hits in memory.

    Raises:
        ValueError: a part lacks hit columns (names the file and the columns).
    """
    import pyarrow.parquet as pq

    # The copy is written beside its place and moved there at the end: the folder read may
    # be the copy's own (a report made again from its ``extraction/`` into the same folder),
    # and an interrupted run leaves no truncated file.
    partial = None if copy_to is None else Path(copy_to).with_suffix(".parquet.partial")
    writer = None if partial is None else pq.ParquetWriter(os.fspath(partial), _schema())
    # Per detector and column, each part's share: a Piece (repeated strings, narrow codes)
    # or Arrow chunks (offsets 32-bit where they fit, flags).
    gathered: dict[str, dict[str, list[Any]]] = {
        d: {c: [] for c in columns} for d, (columns, _) in REPORT_HITS.items()
    }
    total = 0
    try:
        for part, chunks in _parts(Path(folder), keep, client):
            total += part.num_rows
            if writer is not None:
                writer.write_table(part)
            for detector, columns in chunks.items():
                for column, values in columns.items():
                    if isinstance(values, Piece):
                        gathered[detector][column].append(values)
                    else:
                        gathered[detector][column].extend(values)
            del part, chunks
        if writer is not None:
            writer.close()
            writer = None
            os.replace(os.fspath(partial), os.fspath(copy_to))
    finally:
        if writer is not None:
            writer.close()
        if partial is not None:
            partial.unlink(missing_ok=True)
    tables = {}
    for detector, columns in gathered.items():
        if not any(len(p) for pieces in columns.values() for p in pieces):
            tables[detector] = report_hits(empty_table("hits"))[detector]
            continue
        # Converted (and released) one column at a time.
        data = {}
        for column in list(columns):
            pieces = columns.pop(column)
            if column == "speaker":
                # One name per speaker whatever its capitals, before the names become
                # Python strings (4.5 M of them at 1M articles).
                # The Arrow memory each step frees is handed back before the next, whose
                # arrays and strings are NumPy's and Python's (Arrow's pool would keep it:
                # at 1M articles this step peaked ~0.45 GB higher).
                names, codes = join_codes(pieces)
                pieces.clear()  # the parts' dictionaries
                release_arrow_memory()
                merged = _one_form(names, codes)
                if merged is not None:
                    names, codes = names.take(merged[0]), merged[1]
                del merged
                release_arrow_memory()
                data[column] = arrow_categorical(names, codes, column)
                del names, codes
            elif column in HIT_CATEGORIES:
                data[column] = join_pieces(pieces, column, arrow=column in ARROW_STRINGS)
            else:
                data[column] = _arrow_column(pieces, column)
            del pieces
            release_arrow_memory()
        tables[detector] = finish_compact(pd.DataFrame(data, copy=False))
        del data
        release_arrow_memory()
    return ReportHits(tables, total)


def _arrow_column(chunks: list[Any], name: str) -> pd.Series:
    """A column gathered as Arrow chunks, in pandas (offsets 64-bit if any part needed it)."""
    import pyarrow as pa

    types = {c.type for c in chunks}
    if len(types) > 1:
        chunks = [c.cast(pa.int64()) for c in chunks]
    return pd.Series(pa.chunked_array(chunks).to_pandas(), name=name)


def ids_selected(chosen: pd.DataFrame, params: Mapping[str, Any]) -> Callable[[Any], Any]:
    """The Arrow row filter of the hits of the ``chosen`` articles: by id, and by outlet and
    event as the parameters ask (so articles sharing an id are told apart where the selection
    can); the rule of :func:`framing.report.extracted.select` for hits in memory."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ids = pa.array(sorted(set(chosen["id"].dropna().astype(str))), type=pa.string())
    outlets = params.get("outlets")
    events = params.get("events")

    def keep(part: Any) -> Any:
        mask = pc.is_in(part.column("id"), value_set=ids)
        if outlets is not None:
            values = pa.array([str(o) for o in outlets], type=pa.string())
            mask = pc.and_(mask, pc.is_in(part.column("outlet"), value_set=values))
        if events is not None:
            values = pa.array([str(e) for e in events], type=pa.string())
            mask = pc.and_(mask, pc.is_in(part.column("event"), value_set=values))
        return pc.fill_null(mask, False)

    return keep
