"""Time on pathological input grows linearly: no catastrophic regex backtracking, no quadratic
look-backs.

For each input shape, ``framing.analyze`` runs on 1x, 2x and 4x the base size; the printed
``s/MB`` column should stay roughly flat as the size doubles (a quadratic algorithm would double
it each time). The last column is the ratio of the largest size's s/MB to the smallest's.

Usage:
    python benchmarks/bench_pathological.py [--base-kb 256]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

import framing

SHAPES = {
    "no punctuation": lambda n: ("word " * (n // 5 + 1))[:n],
    "one long token": lambda n: "x" * n,
    "opening quotes": lambda n: "\u201c" * n,
    "straight quotes": lambda n: '"' * n,
    "quote + said": lambda n: ('"Yes," he said. ' * (n // 16 + 1))[:n],
    "cue soup": lambda n: ("said claimed according to, who said " * (n // 36 + 1))[:n],
    "names": lambda n: ("Ana Bel Cor Dov said Eli. " * (n // 26 + 1))[:n],
    "newlines": lambda n: "\n" * n,
    "apostrophes": lambda n: ("don't 'x' ’y‘ " * (n // 14 + 1))[:n],
    "speaker labels": lambda n: ("ANA RUIZ: “" * (n // 11 + 1))[:n],
    "issued documents": lambda n: ("the mayor issued a statement: “we grieve” " * (n // 42 + 1))[
        :n
    ],
    "transcript lines": lambda n: (
        "RUIZ: We will not move, frankly.\n\nOKAFOR: Nor will we.\n\n" * (n // 54 + 1)
    )[:n],
    "colon lines": lambda n: ("Ruiz said:\nThe levy will fail, she warned.\n" * (n // 44 + 1))[:n],
    "quoted paragraphs": lambda n: ('Ruiz stated:\n\n"The levy will fail.\n\n' * (n // 36 + 1))[:n],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-kb", type=int, default=256, help="smallest input size in KB")
    args = parser.parse_args(argv)
    framing.analyze("warm up the lexicons")
    sizes = [args.base_kb * 1000 * k for k in (1, 2, 4)]
    print(f"{'shape':18}" + "".join(f" {s // 1000:>7}KB s/MB" for s in sizes) + "   growth")
    worst = 0.0
    for name, make in SHAPES.items():
        per_mb = []
        for size in sizes:
            text = make(size)
            start = time.perf_counter()
            framing.analyze(text)
            per_mb.append((time.perf_counter() - start) / (len(text) / 1e6))
        growth = per_mb[-1] / per_mb[0] if per_mb[0] > 0 else float("nan")
        worst = max(worst, growth)
        print(f"{name:18}" + "".join(f" {v:14.3f}" for v in per_mb) + f" {growth:8.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"worst growth {worst:.2f} (1.0 = linear, 4.0 = quadratic); peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
