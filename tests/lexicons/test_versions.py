"""Lexicon versions are recorded once (in each ``NAME.meta.json``) and agree with the files."""

from __future__ import annotations

import hashlib
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from framing.lexicons import bundled_lexicons, read_lexicon
from framing.lexicons.read import read_grammar

LEXICONS = resources.files("framing").joinpath("lexicons")
METAS = sorted(p.name for p in LEXICONS.iterdir() if p.name.endswith(".meta.json"))
CHANGELOG = Path(__file__).resolve().parents[2] / "CHANGELOG.md"


def _meta(name: str) -> dict:
    return json.loads(LEXICONS.joinpath(name).read_text("utf-8"))


def test_every_data_file_has_a_meta_file():
    data = sorted(
        p.name for p in LEXICONS.iterdir() if p.name.endswith((".tsv", ".json"))
        and not p.name.endswith(".meta.json")
    )  # fmt: skip
    assert sorted(_meta(m)["file"] for m in METAS) == data


@pytest.mark.parametrize("meta_name", METAS)
def test_meta_records_name_version_licence_and_the_files_checksum(meta_name):
    meta = _meta(meta_name)
    assert meta["name"] == meta_name[: -len(".meta.json")]
    assert re.fullmatch(r"\d+\.\d+\.\d+", meta["version"]), meta["version"]
    assert meta["licence"] and meta["citation"] and meta["description"]
    actual = hashlib.sha256(LEXICONS.joinpath(meta["file"]).read_bytes()).hexdigest()
    assert meta["sha256"] == actual, (
        f"{meta['file']} changed since version {meta['version']} was recorded: bump the version "
        f"in {meta_name}, set its sha256 to {actual} and log the change in CHANGELOG.md"
    )


@pytest.mark.parametrize("meta_name", METAS)
def test_the_version_is_written_nowhere_else_and_is_in_the_changelog(meta_name):
    meta = _meta(meta_name)
    text = LEXICONS.joinpath(meta["file"]).read_text("utf-8")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert not any(re.search(r"\d+\.\d+\.\d+", line) for line in comments), (
        f"{meta['file']} states a version in a comment; the meta file is the one place"
    )
    if meta["file"].endswith(".json"):
        assert "version" not in json.loads(text)
    assert f"`{meta['name']}` {meta['version']}" in CHANGELOG.read_text("utf-8"), (
        f"CHANGELOG.md does not log lexicon `{meta['name']}` {meta['version']}"
    )


@pytest.mark.parametrize("name", bundled_lexicons())
def test_loaded_lexicons_carry_the_recorded_version(name):
    lex = read_lexicon(name, ["term"])
    meta = _meta(f"{name}.meta.json")
    assert (lex.version, lex.sha256, lex.label) == (
        meta["version"],
        meta["sha256"],
        f"{name}@{meta['version']}",
    )


def test_grammar_carries_the_recorded_version():
    grammar = read_grammar()
    meta = _meta("grammar.meta.json")
    assert (grammar.version, grammar.sha256) == (meta["version"], meta["sha256"])


def test_a_changed_file_with_a_stale_checksum_is_reported(tmp_path, caplog):
    (tmp_path / "mine.tsv").write_text("term\tpos\nfoo\tFIXED\n", encoding="utf-8")
    (tmp_path / "mine.meta.json").write_text(
        json.dumps({"name": "mine", "version": "1.0.0", "sha256": "0" * 64}), encoding="utf-8"
    )
    with caplog.at_level("WARNING", logger="framing"):
        lex = read_lexicon(tmp_path / "mine.tsv", ["term"])
    assert lex.version == "1.0.0" and lex.sha256 != "0" * 64
    assert "bump the version" in caplog.text
