"""framing.cli.options: ``--column FIELD=SOURCE`` on every command that reads a corpus, and hints
in the command line's syntax."""

from __future__ import annotations

import json

import pytest
from support import renamed_export

from framing import cli
from framing.cli.options import parse_column_options


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["text"], "--column expects FIELD=SOURCE (e.g. text=body), got 'text'"),
        (["=body"], "got '=body'"),
        (["text="], "got 'text='"),
        (["text=body", "text=content"], "--column text=... given twice"),
    ],
)
def test_bad_column_options_say_what_is_expected(options, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_column_options(options)


@pytest.mark.parametrize("command", ["validate", "extract", "report", "sample"])
def test_every_command_that_reads_a_corpus_takes_column_options(command, capsys):
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    assert "--column FIELD=SOURCE" in capsys.readouterr().out


def test_validate_gives_the_hint_as_options(tmp_path, capsys):
    export = renamed_export(tmp_path)
    assert cli.main(["validate", str(export)]) == 2
    out = capsys.readouterr().out
    assert "pass --column text=body" in out and "pass --column outlet=source" in out
    assert "columns=" not in out
    assert cli.main(["validate", str(export), "--json"]) == 2
    messages = [p["message"] for p in json.loads(capsys.readouterr().out)["problems"]]
    assert any(m.endswith("pass --column text=body") for m in messages), messages
    mapped = ["--column", "text=body", "--column", "outlet=source"]
    assert cli.main(["validate", str(export), *mapped]) == 0


def test_sample_on_an_extraction_reads_the_corpus_with_its_mapping(tmp_path, capsys):
    export = renamed_export(tmp_path)
    mapped = ["--column", "text=body", "--column", "outlet=source"]
    assert (
        cli.main(["extract", str(export), "-o", str(tmp_path / "x"), "--no-progress", *mapped]) == 0
    )
    sheet = tmp_path / "sheet.csv"
    assert cli.main(["sample", str(tmp_path / "x"), "-o", str(sheet), "--per-outlet", "2"]) == 0
    assert cli.main(["sample", str(export), "-o", str(tmp_path / "direct.csv"), "--per-outlet",
                     "2", *mapped]) == 0  # fmt: skip
    assert sheet.read_text("utf-8") == (tmp_path / "direct.csv").read_text("utf-8")
