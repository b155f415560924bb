"""What a report reads: an extraction made for it, never the corpus a second time.

``framing report CORPUS`` first streams the corpus through the detectors on every core into a
resumable extraction made ``for_report`` (:func:`framing.extract`, ``--for-report``), next to
the report folder (:func:`work_folder`), and the notebook reads that; ``framing report DIR``
reads a saved extraction directly. Before anything starts, the parameters are checked against
the corpus in one streamed pass (:func:`scan_corpus`: outlets, events, dates, speakers; memory
bounded by a chunk) or against the extraction's tables (:func:`check_on_extraction`).
:func:`select` keeps the articles the parameters select, with their hits and texts.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from framing.corpus import fingerprint_of, iter_corpus
from framing.corpus.article_facts import problems_from_facts
from framing.extract import Extraction
from framing.extract.layout import FILES, MANIFEST, PARTS_DIR, read_manifest, write_json
from framing.extract.result import read_arrow_table, save_arrow_articles
from framing.report.compact import (
    TextReader,
    arrow_articles_to_compact,
    compact_articles,
    compact_hits,
    read_facts,
    without_unused_categories,
)
from framing.report.heap import release_arrow_memory
from framing.report.hit_tables import ReportHits, ids_selected, report_hits, stream_report_hits
from framing.report.params import (
    _as_date,
    _check_speaker_names,
    _listing,
    _name_form,
    check_parameters,
    selection_mask,
)

__all__ = [
    "CorpusScan",
    "Selection",
    "check_on_extraction",
    "check_selection",
    "checked_columns",
    "facts_problems",
    "is_extraction",
    "scan_corpus",
    "select",
    "work_folder",
]

logger = logging.getLogger("framing")

PathLike = str | os.PathLike[str]


def is_extraction(path: PathLike) -> bool:
    """Whether ``path`` is the folder of an extraction (``framing extract -o DIR``, a streamed
    :func:`framing.extract`, or :meth:`Extraction.save`) rather than a corpus."""
    folder = Path(path)
    if not folder.is_dir():
        return False
    if (folder / MANIFEST).is_file():
        return True
    return all((folder / name).is_file() for name in FILES)


def parts_hint(path: PathLike) -> str | None:
    """A hint when ``path`` is the ``parts/`` folder of an extraction rather than the extraction
    (or a corpus): which folder to pass instead."""
    folder = Path(path)
    if folder.is_dir() and folder.name == PARTS_DIR and is_extraction(folder.parent):
        return (
            f"{path} holds the Parquet parts of an extraction: pass its folder "
            f"{folder.parent} (the one with {MANIFEST}) instead"
        )
    return None


def work_folder(out_dir: Path) -> Path:
    """Where ``framing report CORPUS --out OUT`` extracts the corpus: ``.OUT.extraction`` next
    to the report folder, so an interrupted run resumes from the finished parts (a finished
    run removes it)."""
    return out_dir.with_name(f".{out_dir.name}.extraction")


@dataclass
class CorpusScan:
    """What one streamed pass over a corpus tells the parameter checks, with a chunk in memory
    at a time: the outlets and events, the articles per outlet the parameters select, and the
    speakers' names that occur in no text."""

    articles: int = 0
    with_outlet: int = 0
    outlets: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    selected: dict[str, int] = field(default_factory=dict)
    absent_speakers: set[str] = field(default_factory=set)


def scan_corpus(
    corpus: PathLike, params: Mapping[str, Any], columns: Mapping[str, str] | None = None
) -> CorpusScan:
    """Read ``corpus`` once, chunk by chunk, for the checks of :func:`check_parameters` and
    :func:`selection_mask` (which needs :func:`check_parameters`' date checks first)."""
    scan = CorpusScan()
    speakers = params.get("speakers")
    wanted = {str(name): _name_form(str(name)) for name in speakers or []}
    missing = set(wanted.values())
    for chunk in iter_corpus(corpus, chunksize=10_000, columns=columns or None):
        scan.articles += len(chunk)
        outlets = chunk["outlet"].dropna().astype(str)
        scan.with_outlet += len(outlets)
        scan.outlets.update(outlets.unique())
        if "event" in chunk:
            scan.events.update(chunk["event"].dropna().astype(str).unique())
        if missing:
            for text in chunk["text"].dropna().astype(str):
                form = _name_form(text)
                missing = {needle for needle in missing if needle not in form}
                if not missing:
                    break
        try:
            chosen = chunk.loc[selection_mask(chunk, params, warn=False), "outlet"]
        except ValueError:  # a bad date: reported by check_parameters
            chosen = chunk["outlet"].iloc[:0]
        for outlet, n in chosen.dropna().astype(str).value_counts().items():
            scan.selected[outlet] = scan.selected.get(outlet, 0) + int(n)
    scan.absent_speakers = {name for name, form in wanted.items() if form in missing}
    return scan


def checked_columns(folder: PathLike) -> pd.DataFrame:
    """The columns of an extraction's articles the parameter checks read (outlet, event,
    published), without the rest (ids, titles, counts): what ``framing report DIR`` holds
    while the notebook runs is then a few bytes per article."""
    from framing.extract.result import checked_table_paths
    from framing.types import STRING_DTYPE

    columns = ["outlet", "event", "published"]
    paths = checked_table_paths(Path(folder), "articles")
    frames = [pd.read_parquet(path, columns=columns) for path in paths]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=STRING_DTYPE) for c in columns})
    table = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    table = table.astype({"outlet": STRING_DTYPE, "event": STRING_DTYPE})
    table["published"] = table["published"].astype("datetime64[ns]")
    return table


def check_on_extraction(
    params: Mapping[str, Any], extraction: Extraction, articles: pd.DataFrame | None = None
) -> None:
    """The checks of :func:`check_parameters`, against an extraction's articles table:
    outlets, events and dates as there; speakers are named once each (whether anyone is
    quoted under a name, the notebook finds, listing the most quoted); extra lexicons must be
    those the extraction used.

    Raises:
        ValueError: naming the parameter, the value and what would be valid.
    """
    table = extraction.articles if articles is None else articles
    check_parameters({k: v for k, v in params.items() if k != "speakers"}, table)
    speakers = params.get("speakers")
    if speakers is not None:
        if not speakers:
            raise ValueError(
                "parameter 'speakers' is an empty list: name speakers, or None for the "
                "top_speakers most quoted"
            )
        _check_speaker_names([str(s) for s in speakers])
    _check_lexicons(params.get("extra_lexicons"), extraction.provenance)


def _check_lexicons(extra: Any, provenance: Mapping[str, Any]) -> None:
    """An extraction's loaded terms were found with the lexicons it records: asking for other
    extra lexicons needs another extraction."""
    used = provenance.get("parameters", {}).get("extra") or []
    if not extra:
        return
    import hashlib

    recorded = {r.get("sha256") for r in provenance.get("lexicons", [])}
    lacking = [p for p in extra if hashlib.sha256(Path(p).read_bytes()).hexdigest() not in recorded]
    if lacking:
        raise ValueError(
            f"parameter 'extra_lexicons': the extraction was made with "
            f"{_listing([Path(u).name for u in used]) if used else 'no extra lexicon'}, not "
            f"{_listing([Path(p).name for p in lacking])}; extract again with "
            "framing.extract(..., extra=[...], for_report=True), or report from the corpus"
        )


class Selection(NamedTuple):
    """What :func:`select` returns."""

    #: The selected articles, with their texts' facts when they are in memory.
    extraction: Extraction
    #: The report's slices of their hits.
    hits: ReportHits
    #: Reads the texts the evidence quotes from the extraction folder (``None``: in memory,
    #: or none kept).
    reader: TextReader | None
    #: What the corpus checks find on the selected articles, when their facts were read from
    #: a folder (and not kept); ``None``: computed from ``extraction.texts``, if any.
    problems: pd.DataFrame | None


def select(
    extraction: Extraction,
    params: Mapping[str, Any],
    copy_to: Path,
    *,
    release_articles: bool = False,
    client: Any = None,
) -> Selection:
    """The articles ``params`` select (outlets, events, dates), in corpus order, with the facts
    of their texts, the report's slices of their hits (:class:`ReportHits`) and the provenance
    of the selection (its fingerprint, from the kept digests; the whole extraction's when every
    article is selected). The selection is written to ``copy_to`` (the report's
    ``extraction/`` folder: articles, hits and provenance, without texts), and the returned
    extraction reads its hits from there if asked.

    Read from an extraction folder, the hits are read part by part (the whole table is never
    held) and the texts stay on disk: the facts table lacks the ``text`` column and the
    returned :class:`TextReader` reads the texts the report quotes. With ``release_articles``
    (an extraction loaded for the report alone) its articles table is let go once read. With
    a Dask ``client``, its workers read the parts (:func:`stream_report_hits`).

    Read from a folder, the facts of the texts are not held either: the selection keeps what
    the corpus checks find on its articles (:attr:`Selection.problems`) and the returned
    extraction has no texts table.

    Raises:
        ValueError: the selection keeps fewer than two outlets (as :func:`filter_corpus`).
    """
    folder = extraction.directory
    on_disk = folder is not None and not extraction.in_memory("hits")
    # From a folder, the articles are read as Arrow and held compact from the start: the
    # report's copy is written from the Arrow table (:func:`save_arrow_articles`).
    table = None
    if on_disk and not extraction.in_memory("articles"):
        table = read_arrow_table(folder, "articles")
    articles = extraction.articles if table is None else arrow_articles_to_compact(table)
    mask = check_selection(articles, params)
    everything = bool(mask.all())
    # Every article selected: the table itself (copied on write), not a copy of it.
    chosen = (articles if everything else articles[mask]).reset_index(drop=True)
    del articles
    if table is not None and not everything:
        chosen = without_unused_categories(chosen)  # as if compacted after the selection
    if release_articles:
        extraction.articles = None  # read again from its folder if anyone asks
    copy_to.mkdir(parents=True, exist_ok=True)
    provenance = dict(extraction.provenance)
    provenance["articles"] = len(chosen)
    if on_disk:
        import pyarrow as pa

        # The copy's articles are written before the facts of the texts are read, and the
        # pass over the hits holds them compact (at 1M articles 0.32 GB instead of 0.56).
        # Its provenance is written again when the hits are counted.
        if table is None:
            Extraction(chosen, None, provenance).save(copy_to, texts=False, hits=False)
            chosen = compact_articles(chosen)
        else:  # compact already
            kept = table if everything else table.filter(pa.array(mask))
            save_arrow_articles(kept, copy_to, provenance)
            del kept
        del table
        release_arrow_memory()
    texts = reader = problems = None
    if extraction.has_texts:
        # The facts of the texts are summarised before the pass over the hits, while the
        # process holds little else: the selection's fingerprint and what the corpus checks
        # find. Read from a folder, the facts are then let go (at 1M articles 0.26 GB of ids,
        # digests and keys as Python objects); the texts the evidence quotes are read from
        # the folder.
        facts_on_disk = on_disk and not extraction.in_memory("texts")
        texts = read_facts(folder) if facts_on_disk else extraction.texts
        if not everything:
            texts = texts[mask].reset_index(drop=True)
            provenance["corpus_fingerprint"] = fingerprint_of(list(texts["digest"]))
        if facts_on_disk:
            reader = TextReader(folder, np.flatnonzero(mask))
            problems = facts_problems(texts, chosen["outlet"])
            texts = None
    elif not everything:
        provenance["corpus_fingerprint"] = None
    hits = None
    if on_disk:
        keep = None if everything else ids_selected(chosen, params)
        sliced = stream_report_hits(
            folder, keep=keep, copy_to=copy_to / "hits.parquet", client=client
        )
    else:
        hits = compact_hits(extraction.hits)
        if not everything:
            hits = hits[_hit_mask(hits, chosen, params)].reset_index(drop=True)
        sliced = report_hits(hits)
    provenance["hits"] = sliced.total
    if on_disk:
        write_json(copy_to / "provenance.json", provenance)
    else:
        Extraction(chosen, hits, provenance).save(copy_to, texts=False)
        chosen = compact_articles(chosen)
    del hits
    # The report holds the articles and the slices; the whole hits table, if anyone asks for
    # it, is read from the report's copy.
    why = None
    if problems is not None:
        why = (
            f"the report read the facts of its texts from {folder} and kept what the corpus "
            "checks found (ReportRun.corpus_problems); Extraction.load of that folder has them"
        )
    selected = Extraction(chosen, None, provenance, texts=texts, directory=copy_to, no_texts=why)
    release_arrow_memory()
    return Selection(selected, sliced, reader, problems)


def facts_problems(texts: pd.DataFrame, outlets: pd.Series) -> pd.DataFrame:
    """What the corpus validation finds on the articles whose facts are ``texts`` (an
    extraction's texts table, with or without the texts; ``outlets`` in the same order),
    near-duplicates aside (:func:`framing.corpus.article_facts.problems_from_facts`)."""
    return problems_from_facts(
        texts["id"].astype(object).tolist(),
        outlets.astype(object).tolist(),
        texts["text_key"].tolist(),
        texts["problems"].astype(object).tolist(),
    )


def check_selection(articles: pd.DataFrame, params: Mapping[str, Any]) -> np.ndarray:
    """Which articles ``params`` select (a boolean array).

    Raises:
        ValueError: the selection keeps fewer than two outlets.
    """
    mask = selection_mask(articles, params).to_numpy()
    _check_two_outlets(articles[mask])
    return mask


def _check_two_outlets(chosen: pd.DataFrame) -> None:
    if chosen["outlet"].nunique() < 2:
        raise ValueError(
            f"the selection keeps {len(chosen)} article(s) from {chosen['outlet'].nunique()} "
            "outlet(s); a comparison needs at least two outlets (check outlets, events, "
            "start and end)"
        )


def _hit_mask(hits: pd.DataFrame, chosen: pd.DataFrame, params: Mapping[str, Any]) -> Any:
    """Hits of the chosen articles: by id, and by outlet and event as the parameters ask (so
    articles sharing an id are told apart where the selection can)."""
    keep = hits["id"].isin(set(chosen["id"].dropna().astype(str)))
    if params.get("outlets") is not None:
        keep &= hits["outlet"].astype(str).isin(list(params["outlets"]))
    if params.get("events") is not None:
        keep &= hits["event"].astype(str).isin(list(params["events"]))
    return keep.fillna(False).to_numpy(dtype=bool)


def check_scan(params: Mapping[str, Any], scan: CorpusScan) -> None:
    """The checks of :func:`check_parameters` from a :class:`CorpusScan` (no text in memory)."""
    frame = pd.DataFrame(
        {
            "outlet": pd.Series(sorted(scan.outlets), dtype=object),
            "event": pd.Series([None] * len(scan.outlets), dtype=object),
        }
    )
    events = pd.DataFrame({"outlet": [None] * len(scan.events), "event": sorted(scan.events)})
    frame = pd.concat([frame, events], ignore_index=True)
    check_parameters({k: v for k, v in params.items() if k != "speakers"}, frame)
    speakers = params.get("speakers")
    if speakers is not None:
        names = [str(s) for s in speakers]
        if not names:
            raise ValueError(
                "parameter 'speakers' is an empty list: name speakers, or None for the "
                "top_speakers most quoted"
            )
        _check_speaker_names(names)
        absent = [n for n in names if n in scan.absent_speakers]
        if absent:
            raise ValueError(
                f"parameter 'speakers': {_listing(absent)} occur(s) in no article of the "
                "corpus; name speakers as the articles name them (full name as first "
                "introduced, as in the report's heat maps), or None for the top_speakers most "
                "quoted"
            )
    _as_date(params.get("start"), "start")
    kept = {o: n for o, n in scan.selected.items() if n}
    if len(kept) < 2:
        raise ValueError(
            f"the selection keeps {sum(kept.values())} article(s) from {len(kept)} "
            "outlet(s); a comparison needs at least two outlets (check outlets, events, "
            "start and end)"
        )


def extraction_folder_problem(path: PathLike) -> str | None:
    """Why an extraction folder cannot be reported from (unfinished run), or ``None``."""
    manifest = read_manifest(Path(path))
    if manifest is not None and not manifest.get("complete"):
        return (
            f"{path}: the extraction has not finished ({len(manifest.get('chunks', []))} "
            "part(s) done); run the same `framing extract` again to resume it"
        )
    return None
