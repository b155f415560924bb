"""What the report's figures write for people to read: an event's title, the events a figure
has room for, and the surface forms of a lemma as the outlet wrote them."""

from __future__ import annotations

import pandas as pd

__all__ = ["event_titles", "events_shown", "surface_forms", "with_forms"]


def event_titles(articles: pd.DataFrame, width: int = 48) -> dict[str, str]:
    """A readable name per event: the headline of its earliest article (ties: the first outlet
    by name), shortened; the key where no article has a title."""
    if "title" not in articles:
        return {}
    # The four columns read, not every count column of every article, are sorted.
    dated = articles[["event", "title", "published", "outlet"]]
    dated = dated.dropna(subset=["event", "title"]).sort_values(
        ["event", "published", "outlet"], kind="mergesort", na_position="last"
    )
    first = dated.groupby("event", sort=True, observed=True)["title"].first()
    return {
        str(e): (t if len(t) <= width else t[: width - 1].rstrip() + "…")
        for e, t in first.astype(str).items()
    }


def events_shown(event_rates: pd.DataFrame, most: int) -> list[str] | None:
    """The events a figure with at most ``most`` rows shows: those covered by the most
    outlets, then with the most articles, then by key; ``None`` when all fit."""
    per_event = event_rates.groupby("event", sort=True).agg(
        outlets=("outlet", "nunique"), articles=("articles", "sum")
    )
    if len(per_event) <= most:
        return None
    ranked = per_event.reset_index().sort_values(
        ["outlets", "articles", "event"], ascending=[False, False, True], kind="mergesort"
    )
    return ranked["event"].head(most).tolist()


def with_forms(term: str, forms: str) -> str:
    """``"crony (cronies)"``: the lemma with the other forms the outlet wrote."""
    others = [f for f in forms.split(", ") if f and f != str(term).lower()]
    return f"{term} ({', '.join(others)})" if others else str(term)


def surface_forms(hits: pd.DataFrame, most: int = 2) -> dict[tuple[str, str], str]:
    """Per outlet and lemma, its most used surface forms as written ("cronies, crony"), so a
    figure shows the words readers saw, not only the lexicon's lemma."""
    if hits.empty:
        return {}
    # Counted per written text first (categorical codes), then per lower-cased form.
    written = (
        hits.groupby(["outlet", "label", "text"], observed=True).size().rename("n").reset_index()
    )
    written["form"] = written["text"].astype(str).str.lower()
    counts = written.groupby(["outlet", "label", "form"], observed=True)["n"].sum().reset_index()
    # Per outlet and lemma: most used first, ties by form; the first ``most``.
    counts = counts.sort_values(
        ["outlet", "label", "n", "form"], ascending=[True, True, False, True], kind="mergesort"
    )
    top = counts.groupby(["outlet", "label"], observed=True, sort=False).head(most)
    out: dict[tuple[str, str], str] = {}
    for outlet, lemma, form in zip(
        top["outlet"].astype(str), top["label"].astype(str), top["form"], strict=True
    ):
        key = (outlet, lemma)
        out[key] = f"{out[key]}, {form}" if key in out else form
    return out
