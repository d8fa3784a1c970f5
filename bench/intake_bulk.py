"""Benchmark: bulk intake of N posts from a JSONL file through background screening into the review queue.

For each worker count: a fresh database, `zabta ingest FILE` (chunks of 500 rows, each one transaction with an
audit event per item and one screening task), then W `zabta worker --batch` processes until the queue is empty.
Prints posts per second for intake, for screening and end to end, the machine's load average (others may
share it), and the CPU seconds the zabta processes used per phase (posts per CPU-second).

    .venv/bin/python bench/intake_bulk.py --posts 100000 --workers 1 2
    .venv/bin/python bench/intake_bulk.py --database-url postgres://postgres@127.0.0.1:5432/zabta_intake_bench

PostgreSQL is the realistic target for two workers (SQLite serialises writers).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ZABTA = str(ROOT / ".venv" / "bin" / "zabta")
OFFICERS = 60


def _env(data_dir: Path, database_url: str) -> dict[str, str]:
    return {**os.environ, "ZABTA_DATA_DIR": str(data_dir), "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "zabta.settings", "ZABTA_LOG_LEVEL": "ERROR"}  # fmt: skip


def _fresh_database(database_url: str) -> None:
    if not database_url.startswith("postgres"):
        return
    import psycopg

    base, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


SETUP = """
from datetime import date
from zabta.org.actions import personnel_create, posting_transfer, unit_create
from zabta.org.models import Rank
unit = unit_create(code="BENCH", name="Bench station", kind="station", head_title="SHO", parent=None,
                   valid_from=date(2024, 1, 1), actor="bench")
rank = Rank.objects.get(code="CONSTABLE")
for i in range({n}):
    officer = personnel_create(actor="bench", personnel_id=f"B-{{i:05d}}", name=f"Bench officer {{i}}", rank=rank)
    posting_transfer(personnel=officer, unit=unit, effective=date(2024, 1, 1), actor="bench")
"""


def _write_posts(path: Path, count: int) -> None:
    sys.path.insert(0, str(ROOT))
    from zabta.content.demo_posts import demo_posts

    with path.open("w", encoding="utf-8") as out:
        for post in demo_posts(count=count, authors=OFFICERS):
            row = {"url": post.url, "platform": post.platform, "text": post.text, "author": f"B-{post.author_index:05d}",
                   "author_reason": "bench", "posted_at": post.posted_at.isoformat(), "views": post.views}  # fmt: skip
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _zabta(*args: str, env: dict[str, str], quiet: bool = False) -> str:
    """Run the project's own command (fixed executable, arguments from this script only)."""
    out = subprocess.DEVNULL if quiet else subprocess.PIPE
    done = subprocess.run([ZABTA, *args], env=env, check=True, stdout=out, stderr=out, text=True)  # noqa: S603
    return done.stdout or ""


def _findings(env: dict[str, str]) -> str:
    code = ("from zabta.content.models import ContentItem; from zabta.review.models import Finding, ScreeningRun; "
            "print(ContentItem.objects.count(), ScreeningRun.objects.count(), Finding.objects.count())")  # fmt: skip
    return _zabta("shell", "-c", code, env=env)


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def _children_cpu() -> float:
    """User + system CPU seconds of the finished child processes so far: the figure the machine's load does not
    change much (a busy machine stretches wall time, not the work done)."""
    times = os.times()
    return times.children_user + times.children_system


def _verify_audit(env: dict[str, str]) -> str:
    start = time.perf_counter()
    done = subprocess.run([ZABTA, "audit", "verify"], env=env, capture_output=True, text=True)  # noqa: S603
    said = (done.stdout + done.stderr).strip().splitlines()[-1:]
    return f"zabta audit verify ({time.perf_counter() - start:.1f} s, exit {done.returncode}): {' '.join(said)}"


def run(posts: int, workers: int, database_url: str, work: Path, verify: bool = False) -> None:
    data_dir = work / f"w{workers}"
    data_dir.mkdir()
    url = database_url or f"sqlite:///{data_dir / 'bench.sqlite3'}"
    _fresh_database(url)
    env = _env(data_dir, url)
    _zabta("migrate", "-v", "0", env=env)
    _zabta("shell", "-c", SETUP.format(n=OFFICERS), env=env)
    source = work / "posts.jsonl"
    if not source.exists():
        _write_posts(source, posts)
    load_before = _load()
    start, cpu_start = time.perf_counter(), _children_cpu()
    _zabta("ingest", str(source), env=env, quiet=True)
    ingested, cpu_ingested = time.perf_counter(), _children_cpu()
    logs = [data_dir / f"worker{n}.log" for n in range(workers)]
    handles = [log.open("w") for log in logs]
    procs = [subprocess.Popen([ZABTA, "worker", "--batch", "-v", "0"], env=env, stdout=subprocess.DEVNULL,  # noqa: S603
                              stderr=handle) for handle in handles]  # fmt: skip
    for handle in handles:
        handle.close()  # each worker writes through its own copy
    for proc, log in zip(procs, logs, strict=True):
        if proc.wait() != 0:  # the task lines go to the log; a failing worker is shown, not hidden
            sys.exit(f"a worker exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
    done, cpu_done = time.perf_counter(), _children_cpu()
    items, runs, findings = _findings(env).split()[-3:]
    print(f"workers={workers} posts={posts} db={'postgresql' if url.startswith('postgres') else 'sqlite'}: "
          f"intake {posts / (ingested - start):.0f} posts/s ({ingested - start:.1f} s), "
          f"screening {posts / (done - ingested):.0f} posts/s ({done - ingested:.1f} s), "
          f"end to end {posts / (done - start):.0f} posts/s; items {items}, runs {runs}, findings in queue "
          f"{findings}; load average {load_before} before, {_load()} after", flush=True)  # fmt: skip
    print(f"  CPU time of the zabta processes: intake {cpu_ingested - cpu_start:.1f} s "
          f"({posts / (cpu_ingested - cpu_start):.0f} posts per CPU-second), screening {cpu_done - cpu_ingested:.1f} s "
          f"({posts / (cpu_done - cpu_ingested):.0f} posts per CPU-second, all workers)", flush=True)  # fmt: skip
    if verify:
        print(_verify_audit(env), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""),
                        help="PostgreSQL database to drop and re-create for each run (default: a fresh SQLite file)")  # fmt: skip
    parser.add_argument("--verify-audit", action="store_true", help="run `zabta audit verify` after each run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zabta-intake-bench-") as tmp:
        for count in args.workers:
            run(args.posts, count, args.database_url, Path(tmp), args.verify_audit)


if __name__ == "__main__":
    main()
