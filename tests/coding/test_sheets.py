"""Coded sheets: read back exactly, refused with file and row when anything is off."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from support import SAMPLE

from framing import cli
from framing.coding import draw_sample, read_coded_samples, read_coded_sheets
from framing.errors import CodingError


@pytest.fixture
def drawn(sample, sample_extraction, tmp_path):
    sample_files = draw_sample(sample, per_outlet=3, seed=5, extraction=sample_extraction).save(
        tmp_path / "sheet.csv"
    )
    sheet = pd.read_csv(sample_files["sheet"], dtype=str, keep_default_na=False)
    return tmp_path, sheet


def _coded(folder, sheet: pd.DataFrame, name: str, change=None):
    coded = sheet.copy()
    coded["code"] = ["1" if kind == "hit" else "0" for kind in coded["kind"]]
    if change is not None:
        coded = change(coded)
    path = folder / f"{name}.csv"
    coded.to_csv(path, index=False)
    return path


def test_two_coders_read_back(drawn):
    folder, sheet = drawn
    a = _coded(folder, sheet, "ana")
    b = _coded(folder, sheet, "ben", lambda s: s.assign(code=s["code"].where(s.index != 0, "1")))
    coded = read_coded_sheets([a, b])
    assert coded.coders == ["ana", "ben"]
    assert len(coded.codes) == 2 * len(sheet)
    assert set(coded.codes["code"]) <= {0, 1}


def test_a_coder_column_names_the_coder_and_spreadsheet_numbers_are_read(drawn):
    folder, sheet = drawn
    path = _coded(folder, sheet, "copy", lambda s: s.assign(coder="Dana", code=s["code"] + ".0"))
    assert read_coded_sheets([path]).coders == ["Dana"]


def _bad(item_row: int, **changes):
    def change(s: pd.DataFrame) -> pd.DataFrame:
        s = s.copy()
        for column, value in changes.items():
            s.loc[item_row, column] = value
        return s

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_bad(0, code=""), r"ana\.csv, row 2: item 'i0001' is not coded"),
        (_bad(2, item="i9999"), r"ana\.csv, row 4: unknown item 'i9999' \(not in sample s"),
        (_bad(1, item="i0001"), r"ana\.csv, row 3: item 'i0001' is coded twice \(first on row 2\)"),
        (_bad(0, code="yes"), r"ana\.csv, row 2: code 'yes' of item 'i0001' .* valid: "),
        (lambda s: s.iloc[1:], r"ana\.csv: 1 item\(s\) of the sample are missing \(i0001\)"),
        (lambda s: s.assign(sample="s000000000000"), r"ana\.csv: no key of sample 's000000000000'"),
        (lambda s: s.drop(columns=["code"]), r"ana\.csv: lacks column\(s\) code"),
    ],
)
def test_bad_sheets_name_file_row_and_what_is_valid(drawn, change, message):
    folder, sheet = drawn
    with pytest.raises(CodingError, match=message):
        read_coded_sheets([_coded(folder, sheet, "ana", change)])


def test_a_hit_coded_2_is_refused_a_sentence_coded_2_is_a_count(drawn):
    folder, sheet = drawn
    hit_row = int(sheet.index[sheet["kind"] == "hit"][0])
    sentence_row = int(sheet.index[sheet["kind"] == "sentence"][0])
    ok = _coded(folder, sheet, "ok", _bad(sentence_row, code="2"))
    assert 2 in set(read_coded_sheets([ok]).codes["code"])
    bad = _coded(folder, sheet, "bad", _bad(hit_row, code="2"))
    with pytest.raises(CodingError, match=rf"row {hit_row + 2}: code '2' .*valid: 0 or 1"):
        read_coded_sheets([bad])


def test_a_sheet_of_another_sample_is_refused(drawn, sample, sample_extraction, tmp_path_factory):
    folder, sheet = drawn
    other_folder = tmp_path_factory.mktemp("other")
    other = draw_sample(sample, per_outlet=3, seed=6, extraction=sample_extraction)
    other.save(other_folder / "sheet.csv")
    ours = _coded(folder, sheet, "ana")
    theirs = _coded(other_folder, other.sheet.astype(str), "ben")
    with pytest.raises(CodingError, match=r"ben\.csv, row 2: item of sample 's\w+', but the key"):
        read_coded_sheets([ours, theirs])


def test_the_same_coder_twice_is_refused(drawn):
    folder, sheet = drawn
    a = _coded(folder, sheet, "ana")
    b = _coded(folder, sheet, "copy", lambda s: s.assign(coder="ana"))
    with pytest.raises(CodingError, match="coder 'ana' already given"):
        read_coded_sheets([a, b])


def test_cli_sample_and_agreement(sample, tmp_path, capsys):
    sheet_path = tmp_path / "sheets" / "sheet.csv"
    assert cli.main(["sample", str(SAMPLE), "-o", str(sheet_path), "--per-outlet", "2",
                     "--seed", "4", "--blind", "--detector", "attribution"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert re.search(r"\d+ items from 5 outlets \(sample s\w{12}, attribution, seed 4\)", out)
    sheet = pd.read_csv(sheet_path, dtype=str, keep_default_na=False)
    a = _coded(sheet_path.parent, sheet, "ana")
    b = _coded(
        sheet_path.parent, sheet, "ben", _bad(0, code="0" if sheet["kind"][0] == "hit" else "1")
    )
    assert cli.main(["agreement", str(a), str(b), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["coders"] == ["ana", "ben"] and result["detector"] == "attribution"
    assert [d["item"] for d in result["disagreements"]] == ["i0001"]
    assert {row["outlet"] for row in result["corrected"]} == set(sample["outlet"])
    bad = _coded(sheet_path.parent, sheet, "cara", _bad(0, code="maybe"))
    assert cli.main(["agreement", str(bad)]) == 2
    assert "cara.csv, row 2: code 'maybe'" in capsys.readouterr().err


def test_cli_sample_from_an_extraction_folder_reuses_its_hits(tmp_path, capsys):
    features = tmp_path / "features"
    assert cli.main(["extract", str(SAMPLE), "-o", str(features), "--n-jobs", "1",
                     "--no-progress"]) == 0  # fmt: skip
    direct, via = tmp_path / "a" / "sheet.csv", tmp_path / "b" / "sheet.csv"
    assert cli.main(["sample", str(SAMPLE), "-o", str(direct), "--per-outlet", "2"]) == 0
    assert cli.main(["sample", str(features), "-o", str(via), "--per-outlet", "2"]) == 0
    pd.testing.assert_frame_equal(pd.read_csv(direct), pd.read_csv(via))
    (features / "provenance.json").write_text(
        (features / "provenance.json").read_text().replace(str(SAMPLE), str(tmp_path / "gone"))
    )
    capsys.readouterr()
    assert cli.main(["sample", str(features), "-o", str(via), "--per-outlet", "2"]) == 2
    assert "which is not found from here; pass the corpus instead" in capsys.readouterr().err


def test_samples_of_two_detectors_are_read_apart_two_of_one_are_refused(
    drawn, sample, sample_extraction, tmp_path_factory
):
    folder, sheet = drawn
    ours = _coded(folder, sheet, "ana")
    other = draw_sample(sample, detector="markers", per_outlet=2, seed=5,
                        extraction=sample_extraction)  # fmt: skip
    other_paths = other.save(folder / "markers.csv")
    theirs = _coded(folder, pd.read_csv(other_paths["sheet"], dtype=str, keep_default_na=False),
                    "ana-markers")  # fmt: skip
    samples = read_coded_samples([ours, theirs])
    assert [s.meta["detector"] for s in samples] == ["loaded", "markers"]
    again = draw_sample(sample, per_outlet=3, seed=9, extraction=sample_extraction)
    again_folder = tmp_path_factory.mktemp("again")
    again.save(again_folder / "sheet.csv")
    stray = _coded(again_folder, again.sheet.astype(str), "ben")
    with pytest.raises(CodingError, match=r"ben\.csv: a sheet of sample .* check the same "
                       r"detector \(loaded\); a coder file from another sample\?"):  # fmt: skip
        read_coded_samples([ours, stray])
