"""The result of an extraction: its two tables and their provenance, in memory or read from a
folder on first use."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from framing.extract.features import ARTICLE_COLUMNS, TEXT_COLUMNS, empty_table, restore_dtypes
from framing.extract.layout import (
    FILES,
    MANIFEST,
    PARTS_DIR,
    TEXT_ROW_GROUP,
    TEXTS_FILE,
    read_manifest,
    write_json,
)
from framing.types import HIT_COLUMNS


class Extraction:
    """The feature tables of a corpus, with the provenance needed to reproduce them.

    ``Extraction(articles, hits, provenance)`` holds tables in memory;
    :meth:`Extraction.load` (and :func:`extract` with ``output``) can instead point at a
    directory and read each table on first use. Given both, a table passed as ``None`` is read
    from ``directory`` on first use (a report holds its articles and reads its hits from its
    own copy only if asked).

    Attributes:
        articles: one row per article; columns :data:`ARTICLE_COLUMNS`.
        hits: one row per detector hit; columns :data:`HIT_COLUMNS`.
        texts: one row per article with its text, digest and corpus checks (columns
            :data:`TEXT_COLUMNS`), when the extraction was made ``for_report``
            (:attr:`has_texts`); ``AttributeError`` otherwise.
        provenance: framing version, detector names, lexicon labels and sha256, corpus
            fingerprint, creation time (UTC, ISO 8601) and the parameters of :func:`extract`.
    """

    def __init__(
        self,
        articles: pd.DataFrame | None = None,
        hits: pd.DataFrame | None = None,
        provenance: dict[str, Any] | None = None,
        *,
        texts: pd.DataFrame | None = None,
        directory: str | os.PathLike[str] | None = None,
        no_texts: str | None = None,
    ) -> None:
        self._tables: dict[str, pd.DataFrame | None] = {
            "articles": articles, "hits": hits, "texts": texts,
        }  # fmt: skip
        self.provenance: dict[str, Any] = {} if provenance is None else provenance
        self._directory: Path | None = None if directory is None else Path(directory)
        self._has_texts = texts is not None
        #: Why there is no texts table, when it is not that the extraction was made without
        #: ``for_report`` (the report's selection lets a folder's facts go once read).
        self._no_texts = no_texts

    @property
    def articles(self) -> pd.DataFrame:
        return self._table("articles")

    @articles.setter
    def articles(self, value: pd.DataFrame) -> None:
        self._tables["articles"] = value

    @property
    def hits(self) -> pd.DataFrame:
        return self._table("hits")

    @hits.setter
    def hits(self, value: pd.DataFrame) -> None:
        self._tables["hits"] = value

    @property
    def texts(self) -> pd.DataFrame:
        if not self._has_texts:
            raise AttributeError(
                "this extraction has no texts table: "
                + (
                    self._no_texts
                    or "it was not made for a report (framing.extract(..., for_report=True), "
                    "framing extract --for-report)"
                )
            )
        return self._table("texts")

    @property
    def has_texts(self) -> bool:
        """Whether the extraction kept the texts table (made ``for_report``)."""
        return self._has_texts

    @property
    def directory(self) -> Path | None:
        """The directory the tables are read from, if any."""
        return self._directory

    def in_memory(self, name: str) -> bool:
        """Whether table ``name`` (``articles``, ``hits``, ``texts``) has been read (or was
        given); a lazily loaded extraction reads it from :attr:`directory` on first use."""
        return self._tables[name] is not None

    def _table(self, name: str) -> pd.DataFrame:
        table = self._tables[name]
        if table is None:
            if self._directory is None:
                raise AttributeError(f"this Extraction has no {name} table")
            table = self._tables[name] = read_table(self._directory, name)
        return table

    def save(
        self, directory: str | os.PathLike[str], *, texts: bool | None = None, hits: bool = True
    ) -> Path:
        """Write ``articles.parquet``, ``hits.parquet`` and ``provenance.json`` to ``directory``
        (and ``texts.parquet``: with ``texts=True``, or by default when the extraction has it).
        With ``hits=False`` the hits are not written (whoever calls has written
        ``hits.parquet`` another way: a report streams its hits there part by part).

        The directory is created if needed; existing files of those names are replaced.

        Returns:
            The directory, as a :class:`~pathlib.Path`.

        Raises:
            FileExistsError: ``directory`` holds a streamed extraction (``manifest.json``),
                which :meth:`load` would read instead of the files written here.
        """
        out = Path(directory)
        texts = self._has_texts if texts is None else bool(texts)
        if (out / MANIFEST).is_file():
            raise FileExistsError(
                f"{out} holds a streamed extraction ({MANIFEST}, {PARTS_DIR}/); save to another "
                "directory"
            )
        out.mkdir(parents=True, exist_ok=True)
        for name in ("articles", "hits") if hits else ("articles",):
            table = self._table(name)
            table.to_parquet(
                out / f"{name}.parquet", index=False, use_dictionary=_dictionary_columns(table)
            )
        if texts:
            self.texts.to_parquet(out / TEXTS_FILE, index=False, row_group_size=TEXT_ROW_GROUP)
        else:
            (out / TEXTS_FILE).unlink(missing_ok=True)
        write_json(out / "provenance.json", self.provenance)
        return out

    @classmethod
    def load(cls, directory: str | os.PathLike[str], *, lazy: bool = False) -> Extraction:
        """Read an extraction written by :meth:`save` or by a streamed :func:`extract`.

        A streamed extraction (``manifest.json`` and ``parts/``) is read part by part in
        chunk order; the single-file layout of :meth:`save` otherwise.

        Args:
            directory: the extraction directory.
            lazy: read each table only when it is first used (the files are checked now).

        Raises:
            FileNotFoundError: a file is missing (names it and what :meth:`save` writes).
            ValueError: a table lacks contract columns (names the file and the columns), or
                a streamed run has not finished (resume it by running it again).
        """
        folder = Path(directory)
        manifest = read_manifest(folder)
        if manifest is not None:
            if not manifest.get("complete"):
                raise ValueError(
                    f"{folder}: the extraction has not finished ({len(manifest['chunks'])} "
                    "part(s) done); run the same framing.extract(..., output=...) or "
                    "`framing extract` again to resume it"
                )
            required = [
                f"{PARTS_DIR}/{name}" for entry in manifest["chunks"] for name in entry["files"]
            ]
            required.append("provenance.json")
            texts = (manifest.get("settings") or {}).get("parameters", {}).get("for_report")
        else:
            required = list(FILES)
            texts = (folder / TEXTS_FILE).is_file()
        missing = [name for name in required if not (folder / name).is_file()]
        if missing:
            raise FileNotFoundError(
                f"{folder}: missing {', '.join(missing[:5])}"
                + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
                + f"; an extraction directory holds {', '.join(FILES)} (written by "
                f"Extraction.save) or {MANIFEST}, provenance.json and {PARTS_DIR}/ (written by "
                "a streamed framing.extract or `framing extract`)"
            )
        provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
        result = cls(None, None, provenance)
        result._directory = folder
        result._has_texts = bool(texts)
        if not lazy:
            _ = (result.articles, result.hits)  # read both now
        return result

    def __repr__(self) -> str:
        if self._tables["articles"] is None:
            n_articles, n_hits = self.provenance.get("articles"), self.provenance.get("hits")
            return (
                f"Extraction(articles={n_articles}, hits={n_hits}, directory={self._directory}, "
                f"fingerprint={self.provenance.get('corpus_fingerprint')!r})"
            )
        outlets = self.articles["outlet"].nunique() if "outlet" in self.articles else 0
        return (
            f"Extraction(articles={len(self.articles)}, hits={len(self.hits)}, "
            f"outlets={outlets}, fingerprint={self.provenance.get('corpus_fingerprint')!r})"
        )

    def summary(self) -> pd.DataFrame:
        """Per outlet: articles, words and counts of the main features (pooled rates)."""
        grouped = self.articles.groupby("outlet", sort=True, observed=True)
        out = grouped.agg(
            articles=("id", "size"),
            words=("words", "sum"),
            loaded_outlet=("loaded_outlet", "sum"),
            loaded_quoted=("loaded_quoted", "sum"),
            attributions=("attributions", "sum"),
            attr_anonymous=("attr_anonymous", "sum"),
            scare_quotes=("scare_quotes", "sum"),
            hedges=("hedges", "sum"),
        )
        out["rate_loaded_outlet"] = out["loaded_outlet"] * 1000.0 / out["words"]
        return out.reset_index()

    def _repr_html_(self) -> str:
        import html

        head = html.escape(repr(self))
        return f"<p><code>{head}</code></p>" + self.summary().to_html(index=False, escape=True)


def table_paths(folder: Path, name: str) -> list[Path]:
    """The Parquet files of table ``name`` (``articles``, ``hits``, ``texts``) of an
    extraction folder, in chunk order."""
    manifest = read_manifest(folder)
    if manifest is None:
        return [folder / f"{name}.parquet"]
    return [
        folder / PARTS_DIR / next(f for f in entry["files"] if f.startswith(f"{name}-"))
        for entry in sorted(manifest["chunks"], key=lambda e: e["index"])
    ]


#: The contract columns of each table of an extraction.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ARTICLE_COLUMNS, "hits": HIT_COLUMNS, "texts": TEXT_COLUMNS,
}  # fmt: skip


def read_table(folder: Path, name: str) -> pd.DataFrame:
    paths = table_paths(folder, name)
    if not paths:
        return empty_table(name)
    tables = []
    for path in paths:
        table = pd.read_parquet(path)
        check_columns(path, table.columns, name)
        tables.append(table)
    table = tables[0] if len(tables) == 1 else pd.concat(tables, ignore_index=True)
    return restore_dtypes(table, name)


def read_arrow_table(folder: Path, name: str) -> Any:
    """Table ``name`` of an extraction folder as one Arrow table of its contract columns,
    the parts joined without copying (``None``: no part). Values as :func:`read_table`
    gives them, before pandas: at a million articles the articles take 0.35 GB so, where
    pandas' concatenation of the parts peaked at 1.3 GB over the process's imports.

    Raises:
        ValueError: a part lacks columns (names the file and the columns).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    paths = checked_table_paths(folder, name)
    if not paths:
        return None
    parts = [pq.read_table(path, columns=list(TABLE_COLUMNS[name])) for path in paths]
    return pa.concat_tables(parts, promote_options="permissive")


def save_arrow_articles(table: Any, directory: Path, provenance: Mapping[str, Any]) -> None:
    """Write an Arrow table of articles (as :func:`read_arrow_table` reads them) and its
    provenance to ``directory`` as :meth:`Extraction.save` writes an extraction with
    ``hits=False, texts=False``: :meth:`Extraction.load` reads back the same articles."""
    import pyarrow.parquet as pq

    pq.write_table(table, directory / "articles.parquet")
    (directory / TEXTS_FILE).unlink(missing_ok=True)
    write_json(directory / "provenance.json", provenance)


def checked_table_paths(folder: Path, name: str) -> list[Path]:
    """The Parquet files of table ``name`` (:func:`table_paths`), each checked by its schema
    to hold the table's contract columns.

    Raises:
        ValueError: a part lacks columns (names the file and the columns).
    """
    import pyarrow.parquet as pq

    paths = table_paths(folder, name)
    for path in paths:
        check_columns(path, pq.read_schema(path).names, name)
    return paths


def check_columns(path: Path, names: Any, name: str) -> None:
    """Raise ``ValueError`` naming ``path`` and the contract columns of table ``name`` that
    its column ``names`` lack."""
    lacking = [c for c in TABLE_COLUMNS[name] if c not in names]
    if lacking:
        raise ValueError(f"{path}: lacks column(s) {', '.join(lacking)}")


#: Largest dictionary worth encoding: beyond it Parquet falls back to plain values anyway,
#: after building the dictionary (a column of a million speaker names took 4x longer).
_DICTIONARY_LIMIT = 2**16


def _dictionary_columns(table: pd.DataFrame) -> list[str]:
    """Columns written dictionary-encoded: all but categoricals with very many categories."""
    return [
        str(c)
        for c in table.columns
        if not (
            isinstance(table[c].dtype, pd.CategoricalDtype)
            and len(table[c].cat.categories) > _DICTIONARY_LIMIT
        )
    ]
