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

Beyond what one session can extract: ``--replicate K [K ...]`` measures ``framing report DIR``
on K copies of a saved extraction (``features-SIZE`` in ``--keep DIR``, made with
``--for-report``): the copies' parts are the original's with each id prefixed ``r<k>-`` and
each text's digests made distinct, so the report sees K x SIZE different articles of the same
outlets, events and speakers (a real corpus K times the size has more speakers and events).

Usage:
    python benchmarks/bench_report.py [--sizes 10000 100000] [--jobs 2] [--keep DIR]
    python benchmarks/bench_report.py --sizes 1000000 --keep DIR --modes extract corpus saved
    python benchmarks/bench_report.py --sizes 100000 --modes corpus --no-for-report  # old code
    python benchmarks/bench_report.py --sizes 200000 --keep DIR --modes saved --engine dask
    python benchmarks/bench_report.py --sizes 1000000 --keep DIR --modes saved --replicate 3 10
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

import framing
from framing.build import build_kind
from framing.defaults import CHUNKSIZE

HERE = Path(__file__).resolve().parent
MODES = ("extract", "corpus", "saved")


def _bench_extract():
    spec = importlib.util.spec_from_file_location("bench_extract", HERE / "bench_extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def replicate_extraction(source: Path, target: Path, copies: int) -> Path:
    """``copies`` copies of the streamed extraction ``source`` in ``target`` (reused when its
    manifest is complete): copy 0 is ``source``'s parts; copy k's ids are prefixed ``r<k>-``
    and its texts' ``digest`` and ``text_key`` are hashed with k, so no two copies of an
    article are duplicates to the corpus checks. The manifest lists every copy's chunks."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    if (target / "manifest.json").is_file():
        return target
    manifest = json.loads((source / "manifest.json").read_text())
    chunks = manifest["chunks"]
    rows = sum(chunk["rows"] for chunk in chunks)
    (target / "parts").mkdir(parents=True, exist_ok=True)
    copied = []
    for k in range(copies):
        salt = f"r{k}-".encode()
        for chunk in chunks:
            index = k * len(chunks) + chunk["index"]
            files = []
            for name in chunk["files"]:
                new = f"{name.split('-')[0]}-{index:05d}.parquet"
                files.append(new)
                if k == 0:
                    shutil.copyfile(source / "parts" / name, target / "parts" / new)
                    continue
                table = pq.read_table(source / "parts" / name)
                ids = pc.binary_join_element_wise(pa.scalar(f"r{k}-"), table["id"], "")
                table = table.set_column(table.schema.get_field_index("id"), "id", ids)
                for column in ("digest", "text_key"):
                    if column in table.column_names:
                        salted = [
                            None if v is None else hashlib.sha256(salt + v).digest()
                            for v in table[column].to_pylist()
                        ]
                        position = table.schema.get_field_index(column)
                        field = table.schema.field(column)
                        table = table.set_column(position, field, pa.array(salted, field.type))
                pq.write_table(table, target / "parts" / new)
            content = "sha256:" + hashlib.sha256(salt + chunk["content"].encode()).hexdigest()
            first_row = k * rows + chunk["first_row"]
            copied.append(
                dict(chunk, index=index, first_row=first_row, files=files, content=content)
            )
    # The copies say what they are: a report on them names "CORPUS x K (...)" as its corpus.
    named = f"{manifest.get('corpus_source')} x {copies} (benchmarks/bench_report.py --replicate)"
    provenance = json.loads((source / "provenance.json").read_text())
    for key in ("articles", "hits"):
        if isinstance(provenance.get(key), int):
            provenance[key] *= copies
    provenance["corpus_source"] = named
    (target / "provenance.json").write_text(json.dumps(provenance, indent=2))
    manifest = dict(manifest, chunks=copied, corpus_source=named)
    (target / "manifest.json").write_text(json.dumps(manifest))
    return target


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
    parser.add_argument(
        "--replicate",
        type=int,
        nargs="+",
        default=[],
        metavar="K",
        help="also run the report alone on K copies of each size's saved extraction",
    )
    args = parser.parse_args(argv)
    bench = _bench_extract()

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-report-"))
    work.mkdir(parents=True, exist_ok=True)
    # -P: the framing installed for this interpreter, not a checkout in the working folder
    cli = [sys.executable, "-P", "-m", "framing.cli"]
    print(
        f"framing {framing.__version__} ({build_kind()}), Python {platform.python_version()}, "
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
            for copies in args.replicate:
                start = time.perf_counter()
                copied = replicate_extraction(features, work / f"features-{size}x{copies}", copies)
                print(f"{copies} copies of {features.name} in {time.perf_counter() - start:.0f} s")
                command = [*commands["saved"]]
                command[command.index("--out") - 1] = str(copied)
                command[command.index("--out") + 1] = str(work / f"report-saved-{size}x{copies}")
                if args.memory_log:
                    with open(args.memory_log, "a") as log:
                        print(f"# {size} articles x {copies}, saved", file=log)
                seconds, cpu, rss, pss = bench.peak_tree_memory(command, args.memory_log)
                name = f"report (saved x{copies})"
                print(
                    f"{size * copies:9,} {mb * copies:8.1f} {name:<22} {seconds:8.1f} {'-':>9} "
                    f"{cpu:7.0f} {rss:11.0f} {pss:11.0f}",
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
