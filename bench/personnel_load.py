"""Benchmark: load N synthetic personnel (default 160,000) and time the scoped pages.

Usage:  .venv/bin/python bench/personnel_load.py [--personnel 160000] [--repeat 15] [--database-url URL]

Without --database-url it uses a fresh SQLite file in a temporary folder (the embedded default); with a
PostgreSQL URL it uses that database, which must be empty or hold only an earlier run of this benchmark.
It prints the load time and rate, then the median and 95th-percentile latency of the personnel list (first
page and a name search) and of the unit page for a DIG, an SSP and an SHO, each with the number of officers
in the user's scope, and the ratio of each to the SHO's (how much the scope size costs).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.django_bench import start_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--personnel", type=int, default=160_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    start_django(args.database_url)
    from django.test import Client

    from zabta.access.models import User
    from zabta.access.scopes import personnel_visible_to
    from zabta.org.demo import build_structure, load_personnel
    from zabta.org.demo_users import create_users, officer_rows

    started = time.perf_counter()
    units = build_structure()
    report = load_personnel(count=args.personnel, units=units, extra=officer_rows(units), progress=sys.stderr.isatty())
    create_users(units)
    seconds = time.perf_counter() - started
    rate = report.created / seconds if seconds else 0.0
    print(f"load: {report.created} officers, {len(units)} units in {seconds:.1f} s ({rate:,.0f} officers/s)")

    rows = []
    for username in ("dig.east", "ssp.korangi", "sho.kia"):
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        unit_id = user.role_grants.filter(revoked_at__isnull=True).values_list("unit_id", flat=True).first()
        in_scope = personnel_visible_to(user).count()
        pages = {
            "personnel list": "/org/personnel/",
            "personnel search": "/org/personnel/?q=Ali",
            "unit page": f"/org/units/{unit_id}/",
        }
        for label, url in pages.items():
            timings = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            timings.sort()
            p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
            rows.append((username, in_scope, label, statistics.median(timings), p95))

    sho = {label: median for username, _n, label, median, _p in rows if username == "sho.kia"}
    print(f"{'user':<12} {'in scope':>9}  {'page':<17} {'median ms':>9} {'p95 ms':>8} {'x SHO':>6}")
    for username, n, label, median, p95 in rows:
        print(f"{username:<12} {n:>9,}  {label:<17} {median:>9.1f} {p95:>8.1f} {median / sho[label]:>6.2f}")


if __name__ == "__main__":
    main()
