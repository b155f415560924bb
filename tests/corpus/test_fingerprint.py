"""Tests for framing.corpus.fingerprint: what the corpus fingerprint depends on, and what not."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.corpus import CorpusError, corpus_fingerprint, iter_corpus


def test_fingerprint_definition(tiny: pd.DataFrame) -> None:
    fingerprint = corpus_fingerprint(tiny)
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", fingerprint)
    crlf = tiny.assign(text=tiny["text"].str.replace("\n", "\r\n") + "\n")
    nfd = tiny.assign(text=tiny["text"].map(lambda t: unicodedata.normalize("NFD", t)))
    reordered = tiny.iloc[::-1]
    metadata = tiny.assign(outlet="X", title="Y")
    for variant in (crlf, nfd, reordered, metadata):
        assert corpus_fingerprint(variant) == fingerprint
    edited = tiny.copy()
    edited.loc[0, "text"] = edited.loc[0, "text"].replace("Monday", "Tuesday")
    assert corpus_fingerprint(edited) != fingerprint
    assert corpus_fingerprint(tiny.assign(id=tiny["id"] + "x")) != fingerprint


def test_fingerprint_needs_id_and_text() -> None:
    with pytest.raises(CorpusError, match="missing \\['id'\\]"):
        corpus_fingerprint(pd.DataFrame({"text": ["a"]}))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=8), st.text(max_size=40)), max_size=8), st.randoms())
def test_fingerprint_ignores_row_order(pairs: list[tuple[str, str]], rnd: random.Random) -> None:
    frame = pd.DataFrame(pairs, columns=["id", "text"])
    shuffled = frame.sample(frac=1, random_state=rnd.randint(0, 1000))
    assert corpus_fingerprint(frame) == corpus_fingerprint(shuffled)


def test_fingerprint_streams(tmp_path: Path, tiny: pd.DataFrame) -> None:
    tiny.to_json(tmp_path / "a.jsonl", orient="records", lines=True, date_format="iso")
    expected = corpus_fingerprint(tiny)
    assert corpus_fingerprint(iter_corpus(tmp_path / "a.jsonl", chunksize=2)) == expected
    assert corpus_fingerprint(tmp_path / "a.jsonl") == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.binary(min_size=32, max_size=32)
        | st.lists(st.sampled_from([0, 1, 255]), min_size=32, max_size=32).map(bytes),
        max_size=40,
    )
)
def test_packed_fingerprint_equals_sorted_digests(digests):
    """The streamed extraction keeps digests packed (32 bytes per article) and sorts them with
    numpy; the fingerprint must be the one of sorting the digests as bytes."""
    from framing.corpus import fingerprint_of

    assert fingerprint_of(bytearray(b"".join(digests))) == fingerprint_of(digests)
    assert fingerprint_of(b"".join(digests)) == fingerprint_of(list(reversed(digests)))
