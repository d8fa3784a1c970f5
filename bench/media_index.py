"""Benchmark: PDQ lookups against a bank of N random hashes (default 1,000,000) through `PdqIndex`.

Usage:  .venv/bin/python bench/media_index.py [--size 1000000] [--queries 20000] [--radius 31]

Queries are banked hashes with 8, 16, 24 or 31 bits flipped (they must be found) plus as many random
hashes (they must not). Prints build time, lookups per second, recall per flip count, false hits and
the index's memory (resident set growth).
"""

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from zabta.banks.index import PdqIndex

FLIPS = (8, 16, 24, 31)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def flipped(rng: np.random.Generator, rows: np.ndarray, bits: int) -> np.ndarray:
    unpacked = np.unpackbits(rows, axis=1)
    for row in unpacked:
        row[rng.choice(256, bits, replace=False)] ^= 1
    return np.packbits(unpacked, axis=1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=20_000)
    parser.add_argument("--radius", type=int, default=31)
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    bank = rng.integers(0, 256, (args.size, 32), dtype=np.uint8)
    before = rss_mb()
    start = time.perf_counter()
    index = PdqIndex(bank)
    build = time.perf_counter() - start
    grown = rss_mb() - before
    per = args.queries // (2 * len(FLIPS))
    rows = rng.choice(args.size, per * len(FLIPS), replace=False)
    near = np.vstack([flipped(rng, bank[rows[i * per : (i + 1) * per]], bits) for i, bits in enumerate(FLIPS)])
    far = rng.integers(0, 256, (per * len(FLIPS), 32), dtype=np.uint8)
    queries = np.vstack([near, far])
    start = time.perf_counter()
    hits = index.search(queries, args.radius)
    elapsed = time.perf_counter() - start
    found = {(h.query, h.row) for h in hits}
    print(f"bank: {args.size:,} PDQ hashes, index {type(index._index).__name__}, built in {build:.1f} s")
    print(f"memory: resident set grew {grown:.0f} MB while building (raw hashes {bank.nbytes / 2**20:.0f} MB)")
    print(
        f"lookups: {len(queries):,} in {elapsed:.2f} s = {len(queries) / elapsed:,.0f} per second (radius {args.radius})"
    )
    for i, bits in enumerate(FLIPS):
        recall = np.mean([(i * per + j, int(rows[i * per + j])) in found for j in range(per)])
        print(f"recall at {bits:2d} bits flipped: {recall:.3f}")
    false = sum(1 for h in hits if h.query >= len(near))
    print(f"false hits from {len(far):,} random queries: {false}")
    print(f"ratio lookups/s to the 5,000/s target: {len(queries) / elapsed / 5000:.1f}x")


if __name__ == "__main__":
    main()
