"""Throughput of the detectors on one core, with a same-run baseline.

Builds a few MB of news-style text by recombining paragraphs of the bundled (fictional) sample
corpus into new articles, then times ``loaded_terms``, ``attributions``, ``markers`` and
``analyze`` called once per article, as a corpus run calls them. The baseline is
``str.lower().split()`` over the same articles; the ratio (detector time / baseline time) is
comparable across machines of different speed.

Usage:
    python benchmarks/bench_detectors.py [--mb 4] [--seed 0] [--repeat 3]
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import sys
import time
from pathlib import Path

import framing
from framing.build import build_kind
from framing.detect import loaded
from framing.detect.attribution import find_attributions
from framing.detect.pipeline import detect
from framing.text import Document

ROOT = Path(__file__).resolve().parents[1]


def build_articles(target_mb: float, seed: int) -> list[str]:
    corpus = framing.load_corpus(ROOT / "corpora" / "sample")
    paragraphs = [p for text in corpus["text"] for p in text.split("\n\n") if p.strip()]
    rng = random.Random(seed)
    articles: list[str] = []
    size = 0
    while size < target_mb * 1_000_000:
        n = rng.randint(6, 14)
        text = "\n\n".join(rng.choice(paragraphs) for _ in range(n))
        articles.append(text)
        size += len(text.encode("utf-8"))
    return articles


def timed(func, articles, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in articles:
            func(text)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="megabytes of text to build")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = parser.parse_args(argv)

    articles = build_articles(args.mb, args.seed)
    mb = sum(len(t.encode("utf-8")) for t in articles) / 1_000_000
    # Warm caches (lexicon compilation) outside the timed region.
    framing.analyze(articles[0])

    baseline = timed(lambda t: t.lower().split(), articles, args.repeat)
    python = platform.python_version()
    print(f"framing {framing.__version__} ({build_kind()}), Python {python}, one core")
    print(f"{len(articles)} articles, {mb:.2f} MB of text (seed {args.seed})")
    print(f"{'function':16} {'seconds':>8} {'MB/s':>8} {'docs/s':>9} {'x baseline':>11}")
    print(
        f"{'baseline':16} {baseline:8.3f} {mb / baseline:8.1f} "
        f"{len(articles) / baseline:9.0f} {1.0:11.1f}"
    )
    public: dict[str, float] = {}
    for name in ("loaded_terms", "attributions", "markers", "analyze"):
        seconds = public[name] = timed(getattr(framing, name), articles, args.repeat)
        print(
            f"{name:16} {seconds:8.3f} {mb / seconds:8.1f} {len(articles) / seconds:9.0f}"
            f" {seconds / baseline:11.1f}"
        )
    # The row engine underneath the public functions: what corpus extraction calls, without a
    # DataFrame per article.
    matcher = loaded.get_matcher()
    for name, func in (
        ("engine:loaded", lambda t: loaded.find_loaded(Document(t), matcher)),
        ("engine:attrib", lambda t: find_attributions(Document(t))),
        ("engine:all", lambda t: detect(Document(t), matcher=matcher)),
    ):
        seconds = timed(func, articles, args.repeat)
        print(
            f"{name:16} {seconds:8.3f} {mb / seconds:8.1f} {len(articles) / seconds:9.0f}"
            f" {seconds / baseline:11.1f}"
        )
    # One long document: per-call overhead vanishes.
    big = "\n\n".join(articles)
    for name in ("loaded_terms", "attributions"):
        seconds = timed(getattr(framing, name), [big], 1)
        print(
            f"{name + ' (1 doc)':16} {seconds:8.3f} {mb / seconds:8.1f} {'':>9} "
            f"{seconds / baseline:11.1f}"
        )
    # What analyze() costs beyond the attribution detector it contains (target: <= 1.35).
    print(f"analyze / attributions: {public['analyze'] / public['attributions']:.2f}")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak RSS {peak_kb / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
