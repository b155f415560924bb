"""framing.report.sections: the report steps write only where they should."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from framing import report

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "data" / "corpus" / "tiny"


def test_symlinks_in_the_output_folder_cannot_redirect_writes(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    (out / "extraction").mkdir(parents=True)
    (out / "figures").symlink_to(outside, target_is_directory=True)
    run = report.prepare(TINY, output_dir=out, n_boot=50, min_articles=2)
    with pytest.raises(ValueError, match="refusing to write outside the output folder"):
        run.loaded_rates()
    (out / "methods.txt").symlink_to(outside / "methods.txt")
    with pytest.raises(ValueError, match="refusing to write outside the output folder"):
        run.methods()
    assert list(outside.iterdir()) == []


def test_share_names_cannot_become_paths(tmp_path):
    run = report.prepare(TINY, output_dir=tmp_path / "out", n_boot=50, min_articles=2)
    with pytest.raises(
        ValueError, match=re.escape("unknown share '../../escape'; valid: direct, doubt")
    ):
        run.doubt_shares("../../escape")
    assert not any(p.name.startswith("escape") for p in tmp_path.rglob("*"))


def test_parameters_table_reads_as_words_and_names_no_local_path(tmp_path):
    run = report.prepare(TINY, output_dir=tmp_path / "out", n_boot=50, min_articles=2)
    table = run.parameters_table()["value"]
    fingerprint = run.provenance["corpus_fingerprint"]
    assert list(table.index[:2]) == ["corpus", "corpus fingerprint"]
    assert table["corpus"] == "tiny"
    assert table["corpus fingerprint"] == f"{fingerprint[:23]}… (selected articles)"
    # pandas cuts longer cells in the report's HTML
    assert all(len(value) <= 50 for value in table)
    assert (table["outlets"], table["events"]) == ("all", "all")
    assert (table["start"], table["end"]) == ("no bound", "no bound")
    assert (table["extra_lexicons"], table["validation"]) == ("none", "none")
    assert table["speakers"] == "the 8 most quoted"
    assert (table["n_boot"], table["seed"]) == ("50", "0")
    assert "None" not in set(table)
    html = run.parameters_table()._repr_html_()
    assert str(TINY) not in html and str(ROOT) not in html
    assert run.provenance["corpus_source"] == str(TINY)  # the provenance keeps the path


def test_parameters_table_shows_given_values_and_files_by_name(tmp_path):
    lexicon = tmp_path / "lexicons" / "mine.tsv"
    lexicon.parent.mkdir()
    lexicon.write_text(
        "term\tpos\tcategory\trationale\tbasis\tadded\ngobsmack\tVERB\temotive_mood\tsurprise\t"
        "project\t0.1\n",
        "utf-8",
    )
    run = report.prepare(TINY, output_dir=tmp_path / "out", n_boot=50, min_articles=2,
                         outlets=["Metro Ledger", "Valley Courier"], start="2026-03-01",
                         speakers=["Ilse Marten"], top_speakers=3,
                         extra_lexicons=[str(lexicon)])  # fmt: skip
    table = run.parameters_table()["value"]
    assert table["outlets"] == '["Metro Ledger", "Valley Courier"]'
    assert (table["start"], table["end"]) == ("2026-03-01", "no bound")
    assert table["speakers"] == '["Ilse Marten"]'
    assert table["extra_lexicons"] == "mine.tsv"
    assert str(tmp_path) not in run.parameters_table().to_string()


def test_parameters_table_names_a_mapped_corpus_by_the_users_file(tmp_path, tiny):
    from framing.report.inputs import write_mapped_corpus

    export = tmp_path / "exports" / "export.csv"
    mapping = {"text": "body", "outlet": "source"}
    path = write_mapped_corpus(tiny, tmp_path / "build" / "input", source=export, columns=mapping)
    run = report.prepare(path, output_dir=tmp_path / "out", n_boot=50, min_articles=2)
    corpus = run.parameters_table()["value"]["corpus"]
    assert corpus == "export.csv, columns text=body, outlet=source"
    assert run.provenance["corpus_source"] == str(export)
    assert run.provenance["corpus_columns"] == mapping
