"""The command line: exit codes, and no traceback unless --debug."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing import cli

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "data" / "corpus" / "tiny"
NOTEBOOK = ROOT / "notebooks" / "outlet_comparison.ipynb"

# ---------------------------------------------------------------------------------------------
# The command line: exit codes, no tracebacks unless --debug


def test_unexpected_errors_are_one_line_without_debug(monkeypatch, capsys):
    from framing import corpus

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(corpus, "validate_corpus", broken)
    assert cli.main(["validate", str(TINY)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        "framing validate: error: RecursionError: maximum recursion depth exceeded "
        "(run with --debug for the traceback)"
    )
    with pytest.raises(RecursionError):
        cli.main(["--debug", "validate", str(TINY)])


def test_interrupt_exits_130_without_a_traceback(monkeypatch, capsys):
    from framing import corpus

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(corpus, "validate_corpus", interrupted)
    assert cli.main(["validate", str(TINY)]) == 130
    assert capsys.readouterr().err.strip() == "framing validate: interrupted"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["validate", "{tmp}/missing"], "framing validate: error: corpus path not found"),
        (["extract", "{tmp}/missing", "-o", "{tmp}/out"], "framing extract: error: corpus path"),
        (["report", "{tmp}/missing", "--out", "{tmp}/out"], "framing report: error: corpus"),
        (["evaluate", "--devset", "{tmp}/missing"], "framing evaluate: error: annotated"),
        (["evaluate", "--babe", "{tmp}"], "framing evaluate: error:"),
    ],
    ids=["validate", "extract", "report", "evaluate-devset", "evaluate-babe"],
)
def test_every_command_reports_bad_input_with_exit_2(argv, message, tmp_path, capsys):
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert cli.main(args) == 2
    out, err = capsys.readouterr()
    assert message in err, err
    assert "Traceback" not in out + err
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing written half-way
    with pytest.raises((OSError, ValueError)):
        cli.main(["--debug", *args])
