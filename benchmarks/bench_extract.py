"""Corpus extraction end to end: throughput, speed-up and peak memory, with a same-run baseline.

Generates synthetic corpora of several sizes (Parquet, one row group per chunk) and runs
``framing extract CORPUS -o DIR --n-jobs N`` on each in a subprocess: reading, every detector,
per-article features and Parquet parts, as a user runs it. For each run it prints seconds,
MB/s of text (and per worker), articles/s, the speed-up over one worker, the CPU seconds of
the run and MB per CPU-second (per-core throughput, unaffected by other programs competing for
the cores), and the peak memory of the whole process tree (parent plus workers, sampled every
0.2 s) as the sum of RSS and as the sum of PSS (see ``_tree_memory``: the RSS sum counts pages
shared by the forked workers and the parent several times; PSS is the physical memory used).
The baseline is ``str.lower().split()`` over the same texts in one process (best of 3);
``x baseline`` (CPU seconds of the run / baseline seconds) is the figure to compare across
machines of different speed. Needs psutil (installed with the ``dask`` extra).

The generator recombines paragraphs of the bundled fictional sample corpus (their proper names
and numbers replaced by generated ones for each article, paragraph order shuffled) and adds
generated attributed sentences built from the bundled lexicons (reporting verbs, speaker
nouns, loaded terms), so no two articles are the same text.

Usage:
    python benchmarks/bench_extract.py [--sizes 10000 30000 100000] [--jobs 1 2] [--seed 0]
    python benchmarks/bench_extract.py --sizes 1000000 --jobs 2 --keep DIR   # one big run
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path
from typing import Any

import psutil
import pyarrow as pa
import pyarrow.parquet as pq

import framing
from framing.build import build_kind
from framing.defaults import CHUNKSIZE

ROOT = Path(__file__).resolve().parents[1]
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeio"]
_PROPER = re.compile(r"\b[A-Z][a-z]{3,}\b")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")


def _lexicon_terms(name: str, column: str | None = None, value: str | None = None) -> list[str]:
    text = resources.files("framing").joinpath(f"lexicons/{name}.tsv").read_text("utf-8")
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    reader = csv.DictReader(rows, delimiter="\t")
    return [r["term"] for r in reader if column is None or r.get(column) == value]


class Generator:
    """Varied news-like articles: recombined sample paragraphs plus generated attributions."""

    def __init__(self, seed: int) -> None:
        from lemminflect import getInflection

        self.rng = random.Random(seed)
        corpus = framing.load_corpus(ROOT / "corpora" / "sample")
        texts = corpus["text"].tolist()
        lower = {w for t in texts for w in re.findall(r"\b[a-z]+\b", t)}
        weekdays = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
        # Capitalised words never written in lower case are names of people, places, bodies.
        proper = {w for t in texts for w in _PROPER.findall(t) if w.lower() not in lower} - weekdays
        self.templates: list[tuple[str, list[str], int]] = []
        for text in texts:
            for paragraph in text.split("\n\n"):
                if not paragraph.strip():
                    continue
                names: list[str] = []

                def name_slot(m: re.Match, names: list[str] = names) -> str:
                    if m.group(0) not in proper:
                        return m.group(0)
                    if m.group(0) not in names:
                        names.append(m.group(0))
                    return "{p%d}" % names.index(m.group(0))  # noqa: UP031

                numbers = [0]

                def number_slot(m: re.Match, numbers: list[int] = numbers) -> str:
                    numbers[0] += 1
                    return "{n%d}" % (numbers[0] - 1)  # noqa: UP031

                escaped = paragraph.replace("{", "{{").replace("}", "}}")
                template = _NUMBER.sub(number_slot, _PROPER.sub(name_slot, escaped))
                self.templates.append((template, names, numbers[0]))
        verbs = _lexicon_terms("cues", "pos", "VERB")
        past = []
        for verb in verbs:
            head, _, rest = verb.partition(" ")
            form = getInflection(head, "VBD")
            past.append(" ".join([form[0] if form else head, rest]).strip())
        self.verbs = past
        self.speakers = _lexicon_terms("speakers")
        self.loaded = _lexicon_terms("loaded_terms")
        kinds = ("Post", "Herald", "Times", "Courier", "Ledger", "Daily", "Sentinel", "Tribune")
        self.outlets = [f"{self.name(2)} {kind}" for kind in kinds for _ in range(3)]
        self.events = [f"e{k:04d}-{self.name(1)}" for k in range(500)]

    def name(self, syllables: int = 0) -> str:
        n = syllables or self.rng.randint(2, 4)
        return "".join(self.rng.choice(SYLLABLES) for _ in range(n)).capitalize()

    def sentence(self) -> str:
        rng = self.rng
        who = f"{self.name()} {self.name()}"
        verb, term = rng.choice(self.verbs), rng.choice(self.loaded)
        return rng.choice(
            (
                f"“The {term} will cost {rng.randint(2, 900)} jobs,” {who} {verb}.",
                f"{who}, a {rng.choice(self.speakers)}, {verb} that the plan was {term}.",
                f"A {rng.choice(self.speakers)} {verb} the {term} had gone on for "
                f"{rng.randint(2, 30)} days, according to {self.name()} officials.",
                f"{rng.choice(self.speakers).capitalize()}s {verb} on {self.name()} Street.",
            )
        )

    def article(self) -> str:
        rng = self.rng
        chosen = rng.sample(self.templates, rng.randint(4, 10))
        mapping: dict[str, str] = {}
        paragraphs = []
        for template, names, n_numbers in chosen:
            values = {f"p{k}": mapping.setdefault(n, self.name()) for k, n in enumerate(names)}
            values.update({f"n{k}": str(rng.randint(1, 9_999)) for k in range(n_numbers)})
            paragraphs.append(template.format(**values))
        for _ in range(rng.randint(1, 3)):
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), self.sentence())
        return "\n\n".join(paragraphs)

    def write(self, path: Path, n_articles: int, row_group: int = 2_000) -> float:
        """Write ``n_articles`` to a Parquet file; return the MB of text written."""
        schema = pa.schema([(c, pa.string()) for c in ("id", "outlet", "event", "title",
                                                         "published", "text")])  # fmt: skip
        size = 0
        with pq.ParquetWriter(path, schema) as writer:
            for start in range(0, n_articles, row_group):
                rows = range(start, min(start + row_group, n_articles))
                texts = [self.article() for _ in rows]
                size += sum(len(t.encode("utf-8")) for t in texts)
                columns = {
                    "id": [f"a{k:08d}" for k in rows],
                    "outlet": [self.rng.choice(self.outlets) for _ in rows],
                    "event": [self.rng.choice(self.events) for _ in rows],
                    "title": [f"{self.name()} {self.rng.choice(self.verbs)}" for _ in rows],
                    "published": [f"2026-{1 + k % 12:02d}-{1 + k % 28:02d}" for k in rows],
                    "text": texts,
                }
                writer.write_table(pa.table(columns, schema=schema))
        return size / 1_000_000


def _tree_memory(parent: psutil.Process, log: Any = None) -> tuple[int, int]:
    """(sum of RSS, sum of PSS) in bytes over ``parent`` and its descendants.

    RSS counts a page once in every process that maps it, so the sum counts twice the pages the
    forked workers still share with the parent (the imported libraries, the lexicons); PSS
    divides each shared page among the processes sharing it, so the sum of PSS is the physical
    memory the run occupies. PSS needs Linux (/proc/PID/smaps_rollup); elsewhere it is RSS.
    """
    rss = pss = 0
    each = []
    for p in [parent, *parent.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            try:
                info = p.memory_full_info()
                one = (info.rss, getattr(info, "pss", info.rss))
            except psutil.AccessDenied:
                one = (p.memory_info().rss,) * 2
            rss, pss = rss + one[0], pss + one[1]
            each.append(f"{p.pid}:{one[0] >> 20}/{one[1] >> 20}")
    if log is not None:
        line = f"{time.time():.0f} rss {rss >> 20} pss {pss >> 20} MiB; pid:rss/pss"
        print(line, *each, file=log, flush=True)
    return rss, pss


def peak_tree_memory(
    command: list[str], log: Path | None = None
) -> tuple[float, float, float, float]:
    """Run ``command``; return (seconds, CPU seconds, peak RSS MB, peak PSS MB) of it and its
    children (memory sampled every 0.2 s, summed over the process tree). With ``log``, a line
    per process and sample every 5 s is appended there (MiB), to see which process grows.

    CPU seconds (user + system of the process and the workers it waited for) do not grow when
    other programs compete for the cores, so MB per CPU-second is the per-core throughput even
    on a busy machine; wall-clock seconds and the speed-up do depend on the load.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command)
    peak_rss = peak_pss = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_rss, peak_pss
        with (
            contextlib.suppress(psutil.Error),
            open(log, "a") if log else contextlib.nullcontext() as out,
        ):
            parent = psutil.Process(proc.pid)
            k = 0
            while not stop.is_set():
                with contextlib.suppress(psutil.Error):
                    rss, pss = _tree_memory(parent, out if k % 25 == 0 else None)
                    peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
                k += 1
                stop.wait(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    code = proc.wait()
    seconds = time.perf_counter() - start
    stop.set()
    thread.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if code:
        raise SystemExit(f"{' '.join(command)} failed with exit code {code}")
    return seconds, cpu, peak_rss / 1_000_000, peak_pss / 1_000_000


def baseline_seconds(path: Path, repeat: int = 3) -> float:
    """Best of ``repeat`` passes of ``str.lower().split()``, one row group in memory at a time."""
    parquet = pq.ParquetFile(path)
    best = float("inf")
    for _ in range(repeat):
        seconds = 0.0
        for group in range(parquet.num_row_groups):
            texts = parquet.read_row_group(group, columns=["text"]).column("text").to_pylist()
            start = time.perf_counter()
            for text in texts:
                text.lower().split()
            seconds += time.perf_counter() - start
        best = min(best, seconds)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--chunksize", type=int, default=CHUNKSIZE)
    parser.add_argument(
        "--keep", type=Path, default=None, help="work in DIR and keep corpora and outputs"
    )
    parser.add_argument(
        "--memory-log", type=Path, default=None, help="append per-process memory every 5 s"
    )
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-extract-"))
    work.mkdir(parents=True, exist_ok=True)
    # -P: the framing installed for this interpreter, not a checkout in the working folder
    cli = [sys.executable, "-P", "-m", "framing.cli"]
    print(
        f"framing {framing.__version__} ({build_kind()}), Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, chunksize {args.chunksize}, seed {args.seed}"
    )
    header = (
        f"{'articles':>9} {'MB':>8} {'jobs':>4} {'seconds':>8} {'MB/s':>6} {'MB/s/job':>8} "
        f"{'art/s':>7} {'speed-up':>8} {'CPU s':>7} {'MB/CPU-s':>8} {'peak RSS MB':>11} "
        f"{'peak PSS MB':>11} {'x baseline':>10}"
    )
    try:
        for size in args.sizes:
            corpus = work / f"corpus-{size}.parquet"
            start = time.perf_counter()
            mb = Generator(args.seed + size).write(corpus, size, row_group=args.chunksize)
            print(
                f"\ngenerated {size:,} articles, {mb:,.1f} MB "
                f"in {time.perf_counter() - start:.0f} s"
            )
            base = baseline_seconds(corpus)
            print(f"baseline str.lower().split(): {base:.2f} s, {mb / base:.0f} MB/s")
            print(header)
            first = None
            for jobs in args.jobs:
                out = work / f"out-{size}-{jobs}"
                command = [*cli, "extract", str(corpus), "-o", str(out), "--n-jobs", str(jobs)]
                command += ["--chunksize", str(args.chunksize), "--force", "--no-progress"]
                if args.memory_log:
                    with open(args.memory_log, "a") as log:
                        print(f"# {size} articles, {jobs} job(s)", file=log)
                seconds, cpu, rss, pss = peak_tree_memory(command, args.memory_log)
                first = first or seconds
                print(
                    f"{size:9,} {mb:8.1f} {jobs:4} {seconds:8.1f} {mb / seconds:6.2f} "
                    f"{mb / seconds / jobs:8.2f} {size / seconds:7.0f} "
                    f"{first / seconds:8.2f} {cpu:7.0f} {mb / cpu:8.2f} {rss:11.0f} "
                    f"{pss:11.0f} {cpu / base:10.0f}",
                    flush=True,
                )
                if args.keep is None:
                    shutil.rmtree(out)
            if args.keep is None:
                corpus.unlink()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
