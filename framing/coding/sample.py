"""A coding sheet: a stratified, seeded sample of a corpus for human coders.

Two kinds of item, drawn per outlet with the same number of each:

- ``hit``: a detector hit, to estimate the detector's **precision** in that outlet (is this
  really a loaded term in the outlet's voice / an attribution with this speaker / a hedge or
  scare quote?);
- ``sentence``: a sentence in which the detector found nothing, to estimate what it **misses**
  (how many instances does this sentence hold that the detector did not find?).

The sample is drawn reproducibly (``seed``; one random stream per outlet, so adding an outlet
does not change the others' items), shuffled so coders do not meet outlets in blocks, and
written as four files (:meth:`CodingSample.save`): the sheet coders fill in, a key that maps
items back to outlets and articles (kept by the researcher, so the sheet can hide the outlet),
the sample's metadata (populations per outlet, versions, fingerprint) and a coding guide.
The workflow from sampling to corrected rates: ``docs/validation-workflow.md``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.corpus import corpus_fingerprint, load_corpus
from framing.detect import attribution, loaded, markers
from framing.extract import Extraction, extract
from framing.extract.features import own_markers
from framing.stats.bootstrap import group_rng
from framing.text import Document
from framing.text.context import sentence_context
from framing.version import __version__

#: Detectors a sheet can be drawn for, as named on the command line, with their name in
#: ``hits["detector"]`` and their algorithm name.
CODING_DETECTORS: dict[str, tuple[str, str]] = {
    "loaded": ("loaded", loaded.DETECTOR),
    "attribution": ("attribution", attribution.DETECTOR),
    "markers": ("marker", markers.DETECTOR),
}
#: Columns of a coding sheet, in order (``outlet``, ``id`` and ``title`` are left out of a blind
#: sheet).
SHEET_COLUMNS: tuple[str, ...] = (
    "item",
    "sample",
    "detector",
    "kind",
    "outlet",
    "id",
    "title",
    "start",
    "end",
    "match",
    "label",
    "speaker",
    "sentence",
    "question",
    "code",
    "note",
)
#: Columns of the key file.
KEY_COLUMNS: tuple[str, ...] = (
    "item",
    "sample",
    "detector",
    "kind",
    "outlet",
    "id",
    "start",
    "end",
)
QUESTIONS = {
    ("loaded", "hit"): "Is the marked word loaded, in the outlet's own voice? 1 yes, 0 no",
    ("loaded", "sentence"): "How many loaded terms in the outlet's own voice does the "
    "sentence hold? 0, 1, 2, ...",
    ("attribution", "hit"): "Does the marked cue attribute speech to the named speaker? "
    "1 yes, 0 no",
    ("attribution", "sentence"): "How many attributions of speech does the sentence hold? "
    "0, 1, 2, ...",
    ("markers", "hit"): "Is the marked text a hedge or scare quote in the outlet's own voice? "
    "1 yes, 0 no",
    ("markers", "sentence"): "How many hedges or scare quotes in the outlet's own voice does "
    "the sentence hold? 0, 1, 2, ...",
}
#: The mark around the item's words inside its sentence.
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"


@dataclass
class CodingSample:
    """A drawn coding sample: the sheet, its key, its metadata and its coding guide."""

    sheet: pd.DataFrame
    key: pd.DataFrame
    meta: dict[str, Any]
    guide: str

    def save(self, path: str | os.PathLike[str]) -> dict[str, Path]:
        """Write the sheet to ``path`` (CSV) and beside it ``NAME.key.csv``,
        ``NAME.meta.json`` and ``NAME.guide.md``; returns the paths by role."""
        sheet_path = Path(path)
        if sheet_path.suffix.lower() != ".csv":
            raise ValueError(f"the coding sheet is written as CSV; got {sheet_path.name!r}")
        sheet_path.parent.mkdir(parents=True, exist_ok=True)
        stem = sheet_path.with_suffix("")
        paths = {
            "sheet": sheet_path,
            "key": stem.with_name(stem.name + ".key.csv"),
            "meta": stem.with_name(stem.name + ".meta.json"),
            "guide": stem.with_name(stem.name + ".guide.md"),
        }
        self.sheet.to_csv(paths["sheet"], index=False)
        self.key.to_csv(paths["key"], index=False)
        paths["meta"].write_text(
            json.dumps(self.meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        paths["guide"].write_text(self.guide, encoding="utf-8")
        return paths


def coding_guide(detector: str) -> str:
    """The coding guide of a detector (Markdown): what to mark, with examples."""
    _check_detector(detector)
    return resources.files("framing.coding").joinpath(f"guides/{detector}.md").read_text("utf-8")


def draw_sample(
    corpus: pd.DataFrame | str | os.PathLike[str],
    *,
    detector: str = "loaded",
    per_outlet: int = 50,
    seed: int = 0,
    blind: bool = False,
    extraction: Extraction | None = None,
    columns: dict[str, str] | None = None,
) -> CodingSample:
    """Draw a stratified coding sample: ``per_outlet`` hits and ``per_outlet`` sentences without
    a hit from every outlet.

    Args:
        corpus: a corpus DataFrame (``id``, ``outlet``, ``text``) or a path
            :func:`framing.load_corpus` reads.
        detector: ``loaded`` (loaded terms in the outlet's own voice), ``attribution`` or
            ``markers``.
        per_outlet: items of each kind per outlet (fewer where an outlet has fewer).
        seed: the random seed; the same corpus, detector, size and seed give the same sheet.
        blind: leave the outlet, the article id and the headline (which can name the
            outlet) out of the sheet; the key keeps them.
        extraction: the corpus's :func:`framing.extract` result, if at hand (not re-run).
        columns: the ``columns`` mapping of :func:`framing.load_corpus` for a path.

    Returns:
        A :class:`CodingSample`; :meth:`CodingSample.save` writes its files.

    Raises:
        ValueError: an unknown detector, ``per_outlet`` below 1, an extraction of another
            corpus, or a corpus without articles.

    Examples:
        >>> corpus = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "text": [
        ...     "The minister lashed out. Talks resumed.", "Critics fumed. The vote is due."]})
        >>> sample = draw_sample(corpus, per_outlet=1, seed=3)
        >>> sorted(zip(sample.key["outlet"], sample.key["kind"]))
        [('X', 'hit'), ('X', 'sentence'), ('Y', 'hit'), ('Y', 'sentence')]
        >>> sample.meta["populations"]["X"]
        {'articles': 1, 'words': 6, 'hits': 1, 'sentences': 2, 'sentences_without_hit': 1}
    """
    _check_detector(detector)
    if not isinstance(per_outlet, int) or isinstance(per_outlet, bool) or per_outlet < 1:
        raise ValueError(f"per_outlet must be a positive number of items, got {per_outlet!r}")
    frame = corpus if isinstance(corpus, pd.DataFrame) else load_corpus(corpus, columns=columns)
    if frame.empty:
        raise ValueError("the corpus holds no article to sample from")
    fingerprint = corpus_fingerprint(frame[["id", "text"]])
    if extraction is None:
        extraction = extract(frame, progress=False)
    elif extraction.provenance.get("corpus_fingerprint") not in (None, fingerprint):
        raise ValueError(
            "the extraction was made from another corpus (fingerprint "
            f"{extraction.provenance.get('corpus_fingerprint')}, corpus {fingerprint})"
        )
    hits = _counted_hits(extraction.hits, detector)
    texts = dict(zip(frame["id"].astype(str), frame["text"].fillna("").astype(str), strict=True))
    titles = (
        dict(zip(frame["id"].astype(str), frame["title"], strict=True)) if "title" in frame else {}
    )
    hit_starts = {k: sorted(g["start"].tolist()) for k, g in hits.groupby("id", sort=False)}
    rows: list[dict[str, Any]] = []
    populations: dict[str, dict[str, int]] = {}
    for outlet, group in frame.groupby(frame["outlet"].astype(str), sort=True):
        ids = group["id"].astype(str).tolist()
        outlet_hits = hits[hits["outlet"].astype(str) == outlet]
        empty = [_sentences_without_hit(texts[i], hit_starts.get(i, [])) for i in ids]
        populations[outlet] = {
            "articles": len(ids),
            "words": int(sum(Document(texts[i]).word_count for i in ids)),
            "hits": len(outlet_hits),
            "sentences": int(sum(n_all for n_all, _ in empty)),
            "sentences_without_hit": int(sum(len(spans) for _, spans in empty)),
        }
        rng = group_rng(seed, "coding", detector, outlet)
        n_hits = min(per_outlet, len(outlet_hits))
        for position in np.sort(rng.choice(len(outlet_hits), size=n_hits, replace=False)):
            hit = outlet_hits.iloc[int(position)]
            rows.append(_hit_item(detector, outlet, hit, texts, titles))
        candidates = [(i, span) for i, (_, spans) in zip(ids, empty, strict=True) for span in spans]
        n_sentences = min(per_outlet, len(candidates))
        for position in np.sort(rng.choice(len(candidates), size=n_sentences, replace=False)):
            article_id, (start, end) = candidates[int(position)]
            rows.append(_sentence_item(detector, outlet, article_id, start, end, texts, titles))
    order = group_rng(seed, "coding", detector, "order").permutation(len(rows))
    items = pd.DataFrame([rows[int(k)] for k in order])
    items.insert(0, "item", [f"i{k + 1:04d}" for k in range(len(items))])
    sample_id = _sample_id(detector, seed, per_outlet, fingerprint, items)
    items.insert(1, "sample", sample_id)
    items["code"] = ""
    items["note"] = ""
    key = items[list(KEY_COLUMNS)].copy()
    hidden = ("outlet", "id", "title") if blind else ()  # an id or headline can name the outlet
    sheet = items[[c for c in SHEET_COLUMNS if c not in hidden]].copy()
    detector_name = CODING_DETECTORS[detector][1]
    meta = {
        "format": "framing.coding.sample/1",
        "sample": sample_id,
        "detector": detector,
        "detector_name": detector_name,
        "per_outlet": per_outlet,
        "seed": seed,
        "blind": blind,
        "items": len(items),
        "corpus_fingerprint": fingerprint,
        "framing_version": __version__,
        "lexicons": [r["label"] for r in extraction.provenance.get("lexicons", [])],
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "populations": populations,
        "sampled": {
            outlet: {
                kind: int(((key["outlet"] == outlet) & (key["kind"] == kind)).sum())
                for kind in ("hit", "sentence")
            }
            for outlet in populations
        },
    }
    return CodingSample(sheet, key, meta, coding_guide(detector))


def _check_detector(detector: str) -> None:
    if detector not in CODING_DETECTORS:
        raise ValueError(
            f"unknown detector {detector!r}; valid: {', '.join(sorted(CODING_DETECTORS))}"
        )


def _counted_hits(hits: pd.DataFrame, detector: str) -> pd.DataFrame:
    """The hits whose rate the report measures: loaded terms and markers in the outlet's own
    voice, every attribution."""
    name = CODING_DETECTORS[detector][0]
    chosen = hits[hits["detector"] == name]
    if detector == "loaded":
        chosen = chosen[chosen["voice"] == "outlet"]
    elif detector == "markers":
        chosen = chosen[own_markers(chosen)]
    return chosen.reset_index(drop=True)


def _sentences_without_hit(text: str, starts: list[int]) -> tuple[int, list[tuple[int, int]]]:
    """The number of sentences of ``text`` and the spans of those holding no hit start."""
    sentences = Document(text).sentences
    empty = []
    k = 0
    for start, end in sentences:
        while k < len(starts) and starts[k] < start:
            k += 1
        if k >= len(starts) or starts[k] >= end:
            empty.append((start, end))
    return len(sentences), empty


def _marked(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence around ``text[start:end]`` (at most
    :data:`~framing.text.context.CONTEXT_CHARS` characters either side of it), the span
    marked, on one line."""
    s, e = sentence_context(Document(text), start, end)
    sentence = text[s:start] + MARK_OPEN + text[start:end] + MARK_CLOSE + text[end:e]
    return " ".join(sentence.split()), s, e


def _hit_item(
    detector: str, outlet: str, hit: pd.Series, texts: dict[str, str], titles: dict[str, Any]
) -> dict[str, Any]:
    article_id = str(hit["id"])
    start, end = int(hit["start"]), int(hit["end"])
    sentence, _, _ = _marked(texts[article_id], start, end)
    return {
        "detector": detector,
        "kind": "hit",
        "outlet": outlet,
        "id": article_id,
        "title": _text(titles.get(article_id)),
        "start": start,
        "end": end,
        "match": texts[article_id][start:end],
        "label": _text(hit["category"]),
        "speaker": _text(hit["speaker"]) if detector == "attribution" else "",
        "sentence": sentence,
        "question": QUESTIONS[(detector, "hit")],
    }


def _sentence_item(
    detector: str,
    outlet: str,
    article_id: str,
    start: int,
    end: int,
    texts: dict[str, str],
    titles: dict[str, Any],
) -> dict[str, Any]:
    return {
        "detector": detector,
        "kind": "sentence",
        "outlet": outlet,
        "id": article_id,
        "title": _text(titles.get(article_id)),
        "start": start,
        "end": end,
        "match": "",
        "label": "",
        "speaker": "",
        "sentence": " ".join(texts[article_id][start:end].split()),
        "question": QUESTIONS[(detector, "sentence")],
    }


def _text(value: Any) -> str:
    return (
        ""
        if value is None or value is pd.NA or (isinstance(value, float) and value != value)
        else str(value)
    )


def _sample_id(
    detector: str, seed: int, per_outlet: int, fingerprint: str, items: pd.DataFrame
) -> str:
    digest = hashlib.sha256()
    digest.update(f"{detector}|{seed}|{per_outlet}|{fingerprint}".encode())
    for row in items[["item", "id", "kind", "start", "end"]].itertuples(index=False):
        digest.update("|".join(map(str, row)).encode("utf-8", "surrogatepass"))
    return "s" + digest.hexdigest()[:12]
