"""framing.errors: the ``columns`` hint is written for Python and read back for the command line."""

from __future__ import annotations

import shlex

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import ANY_CHAR

from framing.cli.options import parse_column_options
from framing.errors import columns_hint, command_line_hints

NAMES = st.text(ANY_CHAR.filter(lambda c: c not in "\x00"), min_size=1, max_size=12).filter(
    lambda s: s.strip() == s and s.strip() and "=" not in s
)


@given(st.dictionaries(NAMES, NAMES, min_size=1, max_size=3), st.text(max_size=20))
def test_the_command_line_hint_gives_back_the_same_mapping(mapping, before):
    prefix = f"{before}; to use another column, "
    rewritten = command_line_hints(prefix + columns_hint(mapping))
    assert rewritten.startswith(prefix + "pass --column ")
    words = shlex.split(rewritten.removeprefix(prefix + "pass "))
    assert words[::2] == ["--column"] * len(mapping)
    assert parse_column_options(words[1::2]) == mapping


@pytest.mark.parametrize(
    "message",
    [
        "no hint here",
        "pass columns=",
        "pass columns={not python",
        "pass columns={'a': 1}",  # not a mapping of names
        "pass columns={'a': 'b'",
    ],
)
def test_text_that_is_not_a_hint_is_left_alone(message):
    assert command_line_hints(message) == message


def test_several_hints_in_one_message():
    message = f"a: {columns_hint({'text': 'body'})}\nb: {columns_hint({'outlet': 'source'})}"
    assert command_line_hints(message) == (
        "a: pass --column text=body\nb: pass --column outlet=source"
    )
