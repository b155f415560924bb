from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.extract import Extraction, extract

TINY = Path(__file__).parent / "data" / "corpus" / "tiny"
SAMPLE = Path(__file__).parents[1] / "corpora" / "sample"


@pytest.fixture(autouse=True)
def _wide_pandas():
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        yield


# Corpora and their extractions, shared by the extraction and scale tests (read-only: a test
# that needs to change a frame copies it first).
@pytest.fixture(scope="session")
def tiny() -> pd.DataFrame:
    return framing.load_corpus(TINY)


@pytest.fixture(scope="session")
def tiny_extraction(tiny) -> Extraction:
    return extract(tiny)


@pytest.fixture(scope="session")
def sample() -> pd.DataFrame:
    return framing.load_corpus(SAMPLE)


@pytest.fixture(scope="session")
def sample_extraction(sample) -> Extraction:
    return extract(sample)
