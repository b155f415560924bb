"""Streamed extraction: the corpus read chunk by chunk, each chunk's tables written as Parquet
parts, a manifest recording every finished part, so memory stays flat and an interrupted run
resumes where it stopped."""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
from collections import deque
from collections.abc import Iterator, Mapping
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.corpus import article_digest, fingerprint_of
from framing.detect.loaded import LexiconSpec
from framing.errors import ExtractionMismatch
from framing.extract.batch import (
    as_corpus,
    as_names,
    cluster_threads,
    executor,
    make_batch,
    progress_bar,
    run_batch,
)
from framing.extract.layout import (
    MANIFEST,
    MANIFEST_FORMAT,
    PARTS_DIR,
    clear_run,
    part_paths,
    read_manifest,
    write_json,
)
from framing.extract.provenance import extraction_provenance, run_settings
from framing.extract.result import Extraction

logger = logging.getLogger("framing")


def _chunk_digest(digests: list[bytes]) -> str:
    # Order matters here (unlike corpus_fingerprint): a reordered chunk gives other rows.
    return "sha256:" + hashlib.sha256(b"".join(digests)).hexdigest()


def _streamed_chunks(
    corpus: pd.DataFrame | str | os.PathLike[str],
    chunksize: int,
    columns: Mapping[str, str] | None = None,
) -> Iterator[pd.DataFrame]:
    if isinstance(corpus, str | os.PathLike):
        from framing.corpus import iter_corpus

        yield from iter_corpus(corpus, chunksize=chunksize, columns=columns)
        return
    frame = as_corpus(corpus, columns)
    for start in range(0, len(frame), chunksize):
        yield frame.iloc[start : start + chunksize]


def extract_streamed(
    corpus: pd.DataFrame | str | os.PathLike[str],
    directory: Path,
    jobs: int,
    progress: bool | None,
    lexicon: LexiconSpec | None,
    extra: LexiconSpec | None,
    parameters: dict[str, Any],
    chunksize: int,
    force: bool,
    client: Any,
    columns: Mapping[str, str] | None = None,
    for_report: bool = False,
) -> Extraction:
    if not isinstance(corpus, str | os.PathLike | pd.DataFrame):
        as_corpus(corpus)  # raises the TypeError
    parameters = {**parameters, "chunksize": chunksize}
    settings = run_settings(lexicon, extra, parameters)
    # Read the first chunk before creating anything: a corpus that cannot be read at all then
    # fails with nothing written. Later chunks are safe: parts are renamed into place whole and
    # the manifest lists only finished ones.
    chunks = _streamed_chunks(corpus, chunksize, columns)
    first_chunk = next(chunks, None)
    chunks = itertools.chain(() if first_chunk is None else (first_chunk,), chunks)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / PARTS_DIR).mkdir(exist_ok=True)
    previous = read_manifest(directory)
    if previous is not None and previous.get("settings") != settings:
        if not force:
            raise ExtractionMismatch(
                f"{directory} holds parts of another extraction run "
                f"({_settings_difference(previous.get('settings'), settings)}); "
                "use another output directory, or force=True (--force) to discard them"
            )
        logger.warning("%s: discarding the parts of a different extraction run", directory)
        clear_run(directory)
        previous = None
    elif previous is None and any((directory / PARTS_DIR).iterdir()):
        clear_run(directory)  # parts without a manifest entry are never trusted
    done: dict[int, dict[str, Any]] = {
        int(entry["index"]): entry for entry in (previous or {}).get("chunks", [])
    }
    manifest: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "settings": settings,
        "corpus_source": os.fspath(corpus) if isinstance(corpus, str | os.PathLike) else None,
        "complete": False,
        "chunks": [],
    }
    lexicon_names, extra_names = as_names(lexicon), as_names(extra)
    finished: dict[int, dict[str, Any]] = {}
    digests = bytearray()  # 32 bytes per article, for the corpus fingerprint
    id_hashes: list[np.ndarray] = []
    skipped = 0
    pending: deque[tuple[dict[str, Any], Future]] = deque()
    max_pending = 2 * (jobs if client is None else cluster_threads(client))

    def finish(entry: dict[str, Any], future: Future) -> None:
        entry["articles"], entry["hits"] = future.result()
        finished[entry["index"]] = entry
        manifest["chunks"] = [finished[i] for i in sorted(finished)]
        write_json(directory / MANIFEST, manifest)
        bar.update(entry["rows"])
        _after_part(entry["index"])

    total = len(corpus) if isinstance(corpus, pd.DataFrame) else None
    with (
        progress_bar(total, progress) as bar,
        executor(jobs, client, lexicon_names, extra_names) as pool,
    ):
        first_row = n_chunks = 0
        for index, chunk in enumerate(chunks):
            n_chunks = index + 1
            chunk_digests = article_digests(chunk)
            digests += b"".join(chunk_digests)
            id_hashes.append(_id_hashes(chunk["id"]))
            entry = {
                "index": index,
                "first_row": first_row,
                "rows": len(chunk),
                "content": _chunk_digest(chunk_digests),
                "files": [p.name for p in part_paths(directory, index, for_report)],
            }
            first_row += len(chunk)
            old = done.pop(index, None)
            paths = part_paths(directory, index, for_report)
            if old is not None and all(p.is_file() for p in paths):
                same = {k: old.get(k) for k in ("first_row", "rows", "content")} == {
                    k: entry[k] for k in ("first_row", "rows", "content")
                }
                if not same and not force:
                    raise ExtractionMismatch(
                        f"{directory}: chunk {index} (rows {entry['first_row']}-"
                        f"{entry['first_row'] + entry['rows'] - 1}) differs from the run being "
                        "resumed: the corpus changed; use another output directory, or "
                        "force=True (--force) to redo the changed chunks"
                    )
                if same:
                    finished[index] = old
                    skipped += 1
                    bar.update(entry["rows"])
                    continue
            target = tuple(os.fspath(p) for p in paths)
            batch = make_batch(chunk, entry["first_row"], chunk_digests if for_report else None)
            future = pool.submit(run_batch, batch, lexicon_names, extra_names, target, for_report)
            pending.append((entry, future))
            while len(pending) >= max_pending:
                finish(*pending.popleft())
        while pending:
            finish(*pending.popleft())

    # Parts beyond the corpus' end (an earlier run over a longer corpus, with force) go.
    for stale in sorted(i for i in done if i >= n_chunks):
        for path in part_paths(directory, stale, texts=True):
            path.unlink(missing_ok=True)
    if skipped:
        logger.info("%s: resumed; %d of %d parts were already done", directory, skipped, n_chunks)
    _warn_duplicate_hashes(id_hashes)
    manifest["chunks"] = [finished[i] for i in sorted(finished)]
    manifest["complete"] = True
    n_articles = sum(e["articles"] for e in manifest["chunks"])
    n_hits = sum(e["hits"] for e in manifest["chunks"])
    provenance = extraction_provenance(
        fingerprint_of(digests),
        corpus,
        lexicon,
        extra,
        parameters=parameters,
        n_articles=n_articles,
        n_hits=n_hits,
    )
    write_json(directory / "provenance.json", provenance)
    write_json(directory / MANIFEST, manifest)
    return Extraction.load(directory, lazy=True)


def article_digests(chunk: pd.DataFrame) -> list[bytes]:
    """Per-article digests of :func:`framing.corpus_fingerprint`, in row order."""
    ids, texts = chunk["id"].astype(object), chunk["text"].astype(object)
    return [article_digest(i, t) for i, t in zip(ids, texts, strict=True)]


def _after_part(index: int) -> None:
    """Called after each part is recorded in the manifest (a seam for tests: interruption)."""


def _id_hashes(ids: pd.Series) -> np.ndarray:
    return pd.util.hash_array(ids.astype(object).to_numpy(), categorize=False).astype(np.uint64)


def _warn_duplicate_hashes(id_hashes: list[np.ndarray]) -> None:
    """Duplicate ids across a streamed corpus, from 8 bytes per article rather than the ids."""
    if not id_hashes:
        return
    _, counts = np.unique(np.concatenate(id_hashes), return_counts=True)
    dupes = int((counts > 1).sum())
    if dupes:
        logger.warning(
            "%d article id(s) occur more than once; hits cannot be told apart by id and "
            "comparisons treat them as one cluster; see framing.validate_corpus(...)",
            dupes,
        )


def _settings_difference(old: Any, new: dict[str, Any]) -> str:
    if not isinstance(old, dict):
        return "no settings recorded"
    changed = [key for key in new if old.get(key) != new[key]]
    parts = []
    for key in changed:
        if key == "parameters":
            keys = sorted(
                k for k in {*old.get(key, {}), *new[key]}
                if old.get(key, {}).get(k) != new[key].get(k)
            )  # fmt: skip
            parts += [
                f"{k}: {old.get(key, {}).get(k)!r} there, {new[key].get(k)!r} now" for k in keys
            ]
        elif key == "lexicons":
            parts.append("other lexicon versions")
        else:
            parts.append(f"{key}: {old.get(key)!r} there, {new[key]!r} now")
    return "; ".join(parts) or "different settings"
