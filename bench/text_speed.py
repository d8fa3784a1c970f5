"""Benchmark: all six text detectors together on short posts, one core; target >= 500 posts/s and < 1 GB.

Usage:  .venv/bin/python bench/text_speed.py [--posts 5000] [--batch 256] [--datasets DIR]

Posts are the clause-3 development set plus RUHSOLD and HateXplain texts when ../shared/datasets is there
(short social media posts in Roman Urdu, Urdu, Sindhi and English), repeated to --posts. BLAS and OpenMP are
pinned to one thread so the figure is per core. Prints posts per CPU-second (median of 3 runs; the
wall-clock rate too, which other load on the machine lowers), peak resident memory and
the days needed for 40 million posts on one 2-core machine, with PASS/FAIL against the targets.
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from zabta.screening import datasets as ds  # noqa: E402
from zabta.screening.pipeline import Pipeline  # noqa: E402
from zabta.screening.types import LABELS, Content  # noqa: E402

TARGET_POSTS_PER_S = 500.0
TARGET_MB = 1024.0
BACKLOG = 40_000 * 1_000


def _texts(root: Path) -> list[str]:
    texts = [r.text for r in ds.clause3()]
    try:
        texts += [r.text for r in ds.ruhsold(root, "task_1_validation.tsv")]
        texts += [r.text for r in ds.hatexplain(root)["test"]]
    except (OSError, ValueError):
        print(f"(no public datasets under {root}: clause-3 posts only)")
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--datasets", type=Path, default=None)
    args = parser.parse_args()
    texts = _texts(ds.datasets_dir(args.datasets))
    posts = [Content(texts[i % len(texts)], id=str(i)) for i in range(args.posts)]
    mean_chars = sum(len(p.text) for p in posts) / len(posts)
    pipeline = Pipeline()
    pipeline.screen_batch(posts[:64])  # load models and lexicons outside the timing
    rates, wall_rates = [], []
    for _ in range(3):
        start, cpu_start = time.perf_counter(), time.process_time()
        for result in pipeline.screen_stream(posts, batch_size=args.batch):
            assert len(result.signals) == len(LABELS)
        rates.append(len(posts) / (time.process_time() - cpu_start))
        wall_rates.append(len(posts) / (time.perf_counter() - start))
    rate = statistics.median(rates)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    days = BACKLOG / (rate * 2) / 86_400
    print(f"posts: {len(posts)} (mean {mean_chars:.0f} characters), batch {args.batch}, one thread")
    print(f"speed: {rate:.0f} posts per CPU-second (runs: {', '.join(f'{r:.0f}' for r in rates)})")
    print(f"wall clock: {statistics.median(wall_rates):.0f} posts/s (lower when other processes share the core)")
    print(f"peak memory: {peak_mb:.0f} MB")
    print(f"40 million posts on 2 cores: {days:.2f} days")
    ok = rate >= TARGET_POSTS_PER_S and peak_mb < TARGET_MB
    print(f"{'PASS' if ok else 'FAIL'}: target >= {TARGET_POSTS_PER_S:.0f} posts/s per core and < {TARGET_MB:.0f} MB")


if __name__ == "__main__":
    main()
