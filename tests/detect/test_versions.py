"""A detector's name changes whenever its rows do.

Each detector's rows over fixed texts (the first 48 passages of the shipped development set,
p001-p048, and the bundled sample corpus) are hashed and compared with the digest recorded for
its name and lexicon versions in ``tests/data/detector_digests.json``. A change to the rules or
the data that alters any row fails here until the detector's name (``DETECTOR``) or a lexicon
version is bumped, the change is logged in CHANGELOG.md and the new digest is recorded (the
failure message prints it). Passages added to the development set later are not hashed, so the
set can grow without touching the digests.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.evaluate import load_devset

ROOT = Path(__file__).resolve().parents[2]
DIGESTS = ROOT / "tests" / "data" / "detector_digests.json"


#: The texts hashed are fixed: the development set grows (p049 onwards were added later), and a
#: new passage must not read as a change to a detector.
FIXED_DEVSET_IDS = {f"p{i:03d}" for i in range(1, 49)}


@pytest.fixture(scope="module")
def texts() -> list[str]:
    sample = framing.load_corpus(ROOT / "corpora" / "sample")
    devset = [p["text"] for p in load_devset() if p["id"] in FIXED_DEVSET_IDS]
    assert len(devset) == len(FIXED_DEVSET_IDS)
    return devset + sample["text"].tolist()


def _value(v):
    return None if v is pd.NA or (isinstance(v, float) and v != v) else v


def _digest(frames: list[pd.DataFrame]) -> str:
    rows = [[[_value(v) for v in row] for row in df.itertuples(index=False)] for df in frames]
    return hashlib.sha256(json.dumps(rows, default=str).encode("utf-8")).hexdigest()


@pytest.mark.parametrize("detector", ["loaded_terms", "attributions", "markers"])
def test_rows_change_only_with_the_detector_name_or_a_lexicon_version(detector, texts):
    func = getattr(framing, detector)
    frames = [func(text) for text in texts]
    key = " ".join([frames[0].attrs["detector"], *sorted(frames[0].attrs["lexicons"])])
    recorded = json.loads(DIGESTS.read_text("utf-8"))
    digest = _digest(frames)
    assert recorded.get(key) == digest, (
        f"the rows of {detector}() changed under the same name and lexicon versions ({key}); "
        f"bump DETECTOR or the lexicon version, log it in CHANGELOG.md and record "
        f'"{key}": "{digest}" in {DIGESTS.relative_to(ROOT)}'
    )
