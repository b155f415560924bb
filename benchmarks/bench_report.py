"""The comparative report at corpus scale: time and peak memory, against ``framing extract``.

For each size, on a generated corpus (the generator of ``bench_extract.py``: recombined sample
paragraphs with generated names, plus generated attributions; Parquet), three commands run in a
subprocess each, as a user runs them:

- ``framing extract CORPUS -o DIR --n-jobs N`` (the yardstick: the same run's extraction time);
- ``framing report CORPUS --out R`` (end to end: extraction, statistics, figures, HTML);
- ``framing report DIR --out R`` (the report alone, from the saved extraction of the first
  command, made with ``--for-report``).

For each it prints seconds, the ratio to the extraction's seconds, CPU seconds and the peak
memory of the whole process tree (the command, its worker processes and the notebook's kernel,
sampled every 0.2 s) as the sum of RSS and the sum of PSS (``bench_extract._tree_memory``).
Needs psutil (installed with the ``dask`` extra).

Usage:
    python benchmarks/bench_report.py [--sizes 10000 100000] [--jobs 2] [--keep DIR]
    python benchmarks/bench_report.py --sizes 1000000 --keep DIR --modes extract corpus saved
    python benchmarks/bench_report.py --sizes 100000 --modes corpus --no-for-report  # old code
    python benchmarks/bench_report.py --sizes 200000 --keep DIR --modes saved --engine dask
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

import framing
from framing.defaults import CHUNKSIZE

HERE = Path(__file__).resolve().parent
MODES = ("extract", "corpus", "saved")


def _bench_extract():
    spec = importlib.util.spec_from_file_location("bench_extract", HERE / "bench_extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--chunksize", type=int, default=CHUNKSIZE)
    parser.add_argument("--n-boot", type=int, default=2000, help="report parameter n_boot")
    parser.add_argument(
        "--modes", nargs="+", choices=MODES, default=list(MODES), help="what to run, in order"
    )
    parser.add_argument(
        "--no-for-report",
        action="store_true",
        help="run `framing extract` without --for-report (code without that option)",
    )
    parser.add_argument(
        "--engine",
        choices=("processes", "dask"),
        default="processes",
        help="--engine of the commands (dask: a local cluster of --jobs worker processes)",
    )
    parser.add_argument(
        "--keep", type=Path, default=None, help="work in DIR; keep (and reuse) corpora and outputs"
    )
    parser.add_argument(
        "--memory-log", type=Path, default=None, help="append per-process memory every 5 s"
    )
    args = parser.parse_args(argv)
    bench = _bench_extract()

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-report-"))
    work.mkdir(parents=True, exist_ok=True)
    cli = [sys.executable, "-m", "framing.cli"]
    print(
        f"framing {framing.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {args.jobs} worker(s) ({args.engine}), "
        f"chunksize {args.chunksize}, "
        f"n_boot {args.n_boot}, seed {args.seed}"
    )
    header = (
        f"{'articles':>9} {'MB':>8} {'command':<22} {'seconds':>8} {'x extract':>9} "
        f"{'CPU s':>7} {'peak RSS MB':>11} {'peak PSS MB':>11}"
    )
    try:
        for size in args.sizes:
            corpus = work / f"corpus-{size}.parquet"
            if corpus.is_file() and args.keep is not None:
                import pyarrow.parquet as pq

                column = pq.read_table(corpus, columns=["text"]).column("text")
                mb = sum(len(t.as_py().encode("utf-8")) for t in column) / 1_000_000
                print(f"\nreusing {corpus} ({size:,} articles, {mb:,.1f} MB)")
            else:
                start = time.perf_counter()
                mb = bench.Generator(args.seed + size).write(corpus, size, row_group=args.chunksize)
                print(
                    f"\ngenerated {size:,} articles, {mb:,.1f} MB "
                    f"in {time.perf_counter() - start:.0f} s"
                )
            print(header, flush=True)
            features = work / f"features-{size}"
            common = ["--n-jobs", str(args.jobs), "--chunksize", str(args.chunksize)]
            if args.engine == "dask":
                common += ["--engine", "dask"]
            report = ["-p", "n_boot", str(args.n_boot), "-p", "seed", str(args.seed)]
            commands = {
                "extract": [*cli, "extract", str(corpus), "-o", str(features), *common,
                            "--force", "--no-progress"]
                + ([] if args.no_for_report else ["--for-report"]),
                "corpus": [*cli, "report", str(corpus), "--out", str(work / f"report-{size}"),
                           *report, "--no-progress"]
                + ([] if args.no_for_report else common),
                "saved": [*cli, "report", str(features), "--out",
                          str(work / f"report-saved-{size}"), *report, "--no-progress"]
                + (common if args.engine == "dask" else []),
            }  # fmt: skip
            extract_seconds = None
            for mode in args.modes:
                if mode == "extract":  # from scratch: no parts kept from an earlier run
                    shutil.rmtree(features, ignore_errors=True)
                if mode == "corpus":
                    # A fresh end-to-end run: no extraction left over from an earlier one.
                    for leftover in work.glob(f".report-{size}*"):
                        shutil.rmtree(leftover, ignore_errors=True)
                if args.memory_log:
                    with open(args.memory_log, "a") as log:
                        print(f"# {size} articles, {mode}", file=log)
                seconds, cpu, rss, pss = bench.peak_tree_memory(commands[mode], args.memory_log)
                if mode == "extract":
                    extract_seconds = seconds
                ratio = f"{seconds / extract_seconds:9.2f}" if extract_seconds else f"{'-':>9}"
                name = " ".join(commands[mode][3:4]) + f" ({mode})"
                print(
                    f"{size:9,} {mb:8.1f} {name:<22} {seconds:8.1f} {ratio} {cpu:7.0f} "
                    f"{rss:11.0f} {pss:11.0f}",
                    flush=True,
                )
            if args.keep is None:
                corpus.unlink()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
