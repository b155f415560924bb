"""The report's validation section: coded sheets in; agreement, precision, corrected rates out."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from support import TINY

from framing import cli, report
from framing.coding import agreement, draw_sample, read_coded_sheets


@pytest.fixture(scope="module")
def coded(tmp_path_factory, tiny, tiny_extraction) -> list[Path]:
    folder = tmp_path_factory.mktemp("coding")
    paths = draw_sample(tiny, per_outlet=3, seed=2, extraction=tiny_extraction).save(
        folder / "sheet.csv"
    )
    sheet = pd.read_csv(paths["sheet"], dtype=str, keep_default_na=False)
    out = []
    for coder, flip in (("ana", None), ("ben", sheet["item"].iloc[0])):
        copy = sheet.copy()
        copy["code"] = ["1" if kind == "hit" else "0" for kind in copy["kind"]]
        if flip is not None:
            first = copy["item"] == flip
            copy.loc[first, "code"] = "0" if copy.loc[first, "kind"].iloc[0] == "hit" else "1"
        copy.to_csv(folder / f"{coder}.csv", index=False)
        out.append(folder / f"{coder}.csv")
    return out


def test_build_writes_the_validation_tables_figure_and_methods(coded, tiny, tmp_path):
    report.build(tiny, output_dir=tmp_path / "r", n_boot=200, min_articles=2,
                 validation=[str(p) for p in coded])  # fmt: skip
    tables = tmp_path / "r" / "tables"
    for name in ("validation_reliability", "validation_precision", "corrected_rates",
                 "validation_disagreements"):  # fmt: skip
        assert (tables / f"{name}.csv").is_file(), name
    assert (tmp_path / "r" / "figures" / "validation_loaded.png").is_file()
    expected = agreement(read_coded_sheets(coded), seed=0).corrected
    written = pd.read_csv(tables / "corrected_rates.csv")
    assert set(written["detector"]) == {"loaded"}
    pd.testing.assert_series_equal(written["corrected_rate"], expected["corrected_rate"],
                                   check_dtype=False)  # fmt: skip
    methods = (tmp_path / "r" / "methods.txt").read_text()
    assert "2 coders coded them" in methods and "Krippendorff's alpha (nominal) = " in methods
    assert "were drawn at random (seed 2), from each outlet up to 3 detector hits" in methods
    assert "`" not in methods  # plain text, to paste into a write-up
    provenance = json.loads((tmp_path / "r" / "provenance.json").read_text())
    assert provenance["statistics"]["validation"][0]["coders"] == 2


def test_without_sheets_the_section_says_how_to_get_them(tiny, tmp_path):
    run = report.prepare(tiny, output_dir=tmp_path / "r", n_boot=200)
    text = str(run.validation())
    assert "framing sample" in text and "docs/validation-workflow.md" in text
    assert not (tmp_path / "r" / "tables" / "corrected_rates.csv").exists()


def test_a_bad_sheet_stops_the_run_before_a_kernel_starts(coded, no_kernel, tmp_path, capsys):
    bad = pd.read_csv(coded[0], dtype=str, keep_default_na=False)
    bad.loc[1, "code"] = "maybe"
    bad_path = tmp_path / "cara.csv"
    bad.to_csv(bad_path, index=False)
    key = coded[0].parent / "sheet.meta.json"  # the sheet is elsewhere: its key is named
    args = ["report", str(TINY), "--out", str(tmp_path / "out"),
            "-p", "validation", json.dumps([str(bad_path), str(key)])]  # fmt: skip
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert "parameter 'validation'" in err and "cara.csv, row 3: code 'maybe'" in err


def test_the_notebook_runs_the_validation_section(coded, tmp_path):
    out = tmp_path / "report"
    sheets = json.dumps([str(p) for p in coded])
    args = ["report", str(TINY), "--out", str(out), "-p", "min_articles", "2",
            "-p", "n_boot", "200", "-p", "validation", sheets]  # fmt: skip
    assert cli.main(args) == 0
    assert (out / "figures" / "validation_loaded.svg").is_file()
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Checked by human coders on this corpus" in html


def test_one_sample_per_detector_each_gets_its_figure_and_rows(coded, tiny, tiny_extraction,
                                                               tmp_path):  # fmt: skip
    folder = coded[0].parent
    attribution = draw_sample(tiny, detector="attribution", per_outlet=2, seed=2,
                              extraction=tiny_extraction).save(folder / "att.csv")  # fmt: skip
    sheet = pd.read_csv(attribution["sheet"], dtype=str, keep_default_na=False)
    sheet["code"] = ["1" if kind == "hit" else "0" for kind in sheet["kind"]]
    sheet.to_csv(folder / "att-ana.csv", index=False)
    sheets = [str(coded[0]), str(coded[1]), str(folder / "att-ana.csv")]
    report.build(tiny, output_dir=tmp_path / "r", n_boot=200, min_articles=2, validation=sheets)
    figures = tmp_path / "r" / "figures"
    assert (figures / "validation_loaded.png").is_file()
    assert (figures / "validation_attribution.png").is_file()
    rates = pd.read_csv(tmp_path / "r" / "tables" / "corrected_rates.csv")
    assert set(rates["detector"]) == {"loaded", "attribution"}
    methods = (tmp_path / "r" / "methods.txt").read_text()
    assert methods.count("were drawn at random") == 2


def test_relative_sheet_paths_reach_the_notebook_from_its_build_folder(
    coded, tmp_path, monkeypatch
):
    """The notebook runs in the build folder; sheets named relative to where the command was
    run are handed to it as absolute paths (as extra lexicons are)."""
    import papermill

    seen = {}

    def capture(*args, **kwargs):
        seen.update(kwargs["parameters"])
        raise RuntimeError("stopped by the test")

    monkeypatch.setattr(papermill, "execute_notebook", capture)
    monkeypatch.chdir(coded[0].parent)
    with pytest.raises(report.ReportError, match="stopped by the test"):
        report.run_report(TINY, tmp_path / "out", {"validation": [p.name for p in coded]})
    assert seen["validation"] == [str(p) for p in coded]
