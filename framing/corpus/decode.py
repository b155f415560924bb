"""Bytes to text: strict decoding, encoding guesses that are reported, never silent."""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
import re
from dataclasses import dataclass
from typing import IO

from framing.corpus.discover import SourceFile
from framing.corpus.problems import ProblemLog


def open_binary(source: SourceFile) -> IO[bytes]:
    """The file's bytes, decompressed if it is gzip-compressed."""
    if source.compressed:
        return gzip.open(source.path, "rb")
    return open(source.path, "rb")


def text_stream(source: SourceFile, decoding: Decoding) -> IO[str]:
    """The file as text in ``decoding``, strict, line endings as they are (for the csv module)."""
    return io.TextIOWrapper(
        open_binary(source), encoding=decoding.encoding, errors="strict", newline=""
    )


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
#: Western news text that is not UTF-8 is overwhelmingly Windows-1252; charset-normalizer's
#: statistics on short articles often pick a sibling code page (cp1250, cp1257) that decodes
#: the same bytes to different letters, so cp1252 wins whenever it is a close candidate.
_PREFERRED_GUESSES = ("cp1252",)
_WORD_BREAKS = {bytes([b]) for b in b" \t\r\n,;\"'<>"}
_CLOSE_CHAOS = 10.0


@dataclass
class Decoding:
    """How a file's bytes were decoded."""

    encoding: str
    #: None when the file is valid UTF-8 (or has a BOM); else why another encoding was used
    note: str | None = None
    guessed: bool = False


def _bad_byte_context(data: bytes, start: int, line: int, encoding: str) -> str:
    """Describe the first non-UTF-8 byte and show how it reads in ``encoding``."""
    lo = start
    while lo > 0 and start - lo < 30 and data[lo - 1 : lo] not in _WORD_BREAKS:
        lo -= 1
    hi = start + 1
    while hi < len(data) and hi - start < 30 and data[hi : hi + 1] not in _WORD_BREAKS:
        hi += 1
    word = data[lo:hi].decode(encoding, errors="replace").strip()
    return f"first non-UTF-8 byte 0x{data[start]:02X} at line {line} reads as {word!r}"


def _guess(sample: bytes) -> tuple[str | None, list[str]]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(sample))
    if not matches:
        return None, []
    names = [m.encoding for m in matches]
    best = matches[0]
    for preferred in _PREFERRED_GUESSES:
        for match in matches:
            if match.encoding == preferred and match.percent_chaos <= (
                best.percent_chaos + _CLOSE_CHAOS
            ):
                return preferred, names
        # A sibling code page that reads these bytes exactly as cp1252 does is cp1252 in
        # all but name; report the common name.
        with contextlib.suppress(UnicodeDecodeError, LookupError):
            if sample.decode(preferred) == sample.decode(best.encoding):
                return preferred, names
    return best.encoding, names


def decode_bytes(data: bytes, display: str, encoding: str | None = None) -> tuple[str, Decoding]:
    """Decode a whole file strictly; never replaces a character.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are taken as they are. Otherwise the
    ``encoding`` given by the caller is used, or a ``<meta charset>`` declaration for HTML, or
    a guess by charset-normalizer; the caller reports which (see :class:`Decoding`).

    Raises:
        UnicodeDecodeError: when no encoding decodes every byte.

    Examples:
        >>> decode_bytes("café".encode("utf-8"), "a.txt")[1].encoding
        'utf-8'
        >>> text, how = decode_bytes("café naïve".encode("cp1252"), "a.txt")
        >>> text, how.encoding, how.guessed
        ('café naïve', 'cp1252', True)
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), Decoding(name)
    try:
        return data.decode("utf-8"), Decoding("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
    line = data.count(b"\n", 0, start) + 1
    if encoding:
        text = data.decode(encoding)
        where = _bad_byte_context(data, start, line, encoding)
        return text, Decoding(encoding, f"not UTF-8 ({where}); decoded as {encoding} as requested")
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            text = data.decode(name)
            where = _bad_byte_context(data, start, line, name)
            return text, Decoding(
                name, f"not UTF-8 ({where}); decoded as {name}, as the page declares"
            )
    guess, candidates = _guess(data)
    if guess is None:
        raise UnicodeDecodeError(
            "utf-8",
            data,
            start,
            start + 1,
            f"not UTF-8 (first bad byte 0x{data[start]:02X} at line {line}) and no other "
            "encoding fits; is it a text file?",
        )
    text = data.decode(guess)
    where = _bad_byte_context(data, start, line, guess)
    others = ", ".join([c for c in candidates if c != guess][:3])
    note = (
        f"not UTF-8 ({where}); decoded as {guess}, guessed by charset-normalizer"
        + (f" (other candidates: {others})" if others else "")
        + "; check the text, or pass encoding=... / re-save the file as UTF-8"
    )
    return text, Decoding(guess, note, guessed=True)


def sniff_stream_encoding(source: SourceFile, encoding: str | None) -> Decoding:
    """Check a (possibly huge) file's encoding in one streaming pass, without holding it.

    Returns the encoding to read it with; raises :class:`UnicodeDecodeError` when even the
    guessed encoding fails somewhere in the file.
    """
    block_size = 1 << 20
    with open_binary(source) as handle:
        head = handle.read(block_size)
        for bom, name in _BOMS:
            if head.startswith(bom) and name != "utf-8-sig":
                return Decoding(name)
        clean = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        offset, lines, block, bad = 0, 0, head, None
        while block:
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                bad = (offset + exc.start, lines + block.count(b"\n", 0, exc.start) + 1, block, exc)
                break
            lines += block.count(b"\n")
            offset += len(block)
            block = handle.read(block_size)
        if bad is None:
            try:
                decoder.decode(b"", final=True)
                return Decoding(clean)
            except UnicodeDecodeError as exc:
                bad = (offset, lines + 1, b"", exc)
    position, line, block, _exc = bad
    local = position - (offset if block else 0)
    sample = head + (block[max(0, local - 65536) : local + 65536] if block is not head else b"")
    if encoding:
        chosen, how, guessed = encoding, "as requested", False
    else:
        guessed_name, candidates = _guess(sample)
        if guessed_name is None:
            raise UnicodeDecodeError("utf-8", block or head, 0, 1, "no encoding decodes this file")
        others = ", ".join([c for c in candidates if c != guessed_name][:3])
        chosen, guessed = guessed_name, True
        how = "guessed by charset-normalizer" + (f" (other candidates: {others})" if others else "")
    where = _bad_byte_context(block or head, local if block else 0, line, chosen)
    # The guess must hold for the whole file, not just the sample: check before reading.
    decoder = codecs.getincrementaldecoder(chosen)("strict")
    with open_binary(source) as handle:
        while chunk := handle.read(block_size):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    note = f"not UTF-8 ({where}); decoded as {chosen}, {how}"
    if guessed:
        note += "; check the text, or pass encoding=... / re-save the file as UTF-8"
    return Decoding(chosen, note, guessed=guessed)


def report_decoding(decoding: Decoding, source: SourceFile, log: ProblemLog) -> None:
    """Record how a file that is not UTF-8 was decoded: a guess as a warning, else a note."""
    if decoding.note is None:
        return
    severity = "warning" if decoding.guessed else "info"
    log.add(
        severity,
        "encoding_guessed" if decoding.guessed else "encoding",
        decoding.note,
        file=source.display,
    )


def check_encoding(encoding: str | None) -> str | None:
    """The codec name for ``encoding``, or a :class:`ValueError` naming the bad value."""
    if encoding is None:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ValueError(
            f"unknown encoding {encoding!r}; use a Python codec name such as 'cp1252', "
            "'latin-1' or 'utf-16'"
        ) from None
