import pandas as pd
import pytest


@pytest.fixture(autouse=True)
def _wide_pandas():
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        yield
