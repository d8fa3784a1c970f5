"""Benchmark: acknowledgement rates of a zone with N officers (default 40,000) must render in under a second.

Usage:  .venv/bin/python bench/circulation_rates.py [--officers 40000] [--acknowledged 0.7] [--repeat 11]
                                                   [--database-url URL]

Builds the Karachi Range unit tree (zabta.org.demo), puts N serving officers into the East zone's stations,
circulates the directive to the zone, gives every officer his copy and marks a share of them acknowledged
(bulk inserts: this is set-up, not the code under test). Then it times, as the zone's DIG: the rates query alone
(rolled up station -> division -> district -> zone), the dashboard page, the REST rates endpoint and the first
page of the outstanding list. Prints median and 95th percentile in milliseconds and PASS/FAIL against 1 s.
Without --database-url it uses a fresh SQLite file in a temporary folder.
"""

import argparse
import secrets
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.django_bench import start_django

TARGET_MS = 1000.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officers", type=int, default=40_000)
    parser.add_argument("--acknowledged", type=float, default=0.7)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--deliver", type=int, default=2000, help="officers to time delivery for (0: skip)")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    start_django(args.database_url)
    from django.db import connection

    started = time.perf_counter()
    dig, circulation, zone = _populate(args.officers, args.acknowledged)
    if connection.vendor == "postgresql":
        # Fresh statistics after the bulk set-up, as autovacuum would gather them on a live database.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"set-up: {args.officers:,} officers in {zone.name}, {args.acknowledged:.0%} acknowledged, "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    _measure(dig, circulation, zone, args.repeat)
    if args.deliver:
        _measure_delivery(circulation, args.deliver)


def _populate(count: int, share: float) -> tuple[Any, Any, Any]:
    from django.utils import timezone

    from zabta.access.actions import role_grant, user_create
    from zabta.access.models import Role
    from zabta.circulation.models import Circulation, Receipt
    from zabta.org.demo import build_structure
    from zabta.org.models import Personnel, Posting, Rank, Unit
    from zabta.org.tree import load_tree
    from zabta.policy.models import DirectiveVersion

    units = build_structure()
    zone = units["KHI-E"]
    tree = load_tree()
    stations = list(Unit.objects.filter(id__in=tree.subtree_ids([zone.id]), kind="station").order_by("code"))
    rank = Rank.objects.get(code="CONSTABLE")
    Personnel.objects.bulk_create([Personnel(personnel_id=f"B-{i:06d}", name=f"Officer {i}", rank=rank)
                                   for i in range(count)], batch_size=5000)  # fmt: skip
    ids = list(Personnel.objects.filter(personnel_id__startswith="B-").order_by("id").values_list("id", flat=True))
    Posting.objects.bulk_create([Posting(personnel_id=pid, unit=stations[i % len(stations)], valid_from=date(2024, 1, 1))
                                 for i, pid in enumerate(ids)], batch_size=5000)  # fmt: skip
    dig = user_create(username="bench.dig", password=secrets.token_urlsafe(16), personnel=None, actor="bench")
    role_grant(user=dig, role=Role.UNIT_HEAD, unit=zone, actor="bench")
    now = timezone.now()
    version = DirectiveVersion.objects.order_by("id")[0]
    circulation = Circulation.objects.create(version=version, unit=zone, circulated_by=dig, circulated_at=now)
    acknowledged = int(len(ids) * share)
    Receipt.objects.bulk_create([
        Receipt(version=version, personnel_id=pid, circulation=circulation, unit=stations[i % len(stations)],
                language="ur", delivered_at=now, acknowledged_at=now if i < acknowledged else None,
                method="web" if i < acknowledged else "")
        for i, pid in enumerate(ids)
    ], batch_size=5000)  # fmt: skip
    return dig, circulation, zone


def _measure(dig: Any, circulation: Any, zone: Any, repeat: int) -> None:
    from django.test import Client

    from zabta.circulation.scopes import dashboard_unit_ids
    from zabta.circulation.selectors import acknowledgement_rates

    client = Client()
    client.force_login(dig)
    pk = circulation.pk
    checks: dict[str, Callable[[], object]] = {
        "rates query (selector)": lambda: acknowledgement_rates(
            circulation,
            root=zone,
            visible=dashboard_unit_ids(dig, circulation),
        ),
        "dashboard page": lambda: _ok(client.get(f"/circulation/{pk}/")),
        "API rates": lambda: _ok(client.get(f"/api/v1/circulations/{pk}/rates/")),
        "outstanding, first page": lambda: _ok(client.get(f"/circulation/{pk}/units/{zone.pk}/outstanding/")),
    }
    rows = acknowledgement_rates(circulation, root=zone, visible=dashboard_unit_ids(dig, circulation))
    print(f"zone row: {rows[0].total:,} serving, {rows[0].acknowledged:,} acknowledged ({rows[0].percent}), "
          f"{len(rows)} units in the table")  # fmt: skip
    print(f"{'measure':<26} {'median ms':>9} {'p95 ms':>8}  vs {TARGET_MS:.0f} ms")
    for label, call in checks.items():
        call()  # warm-up
        timings = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            call()
            timings.append((time.perf_counter() - t0) * 1000)
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        verdict = "PASS" if p95 < TARGET_MS else "FAIL"
        print(f"{label:<26} {statistics.median(timings):>9.1f} {p95:>8.1f}  {verdict}")


def _measure_delivery(circulation: Any, count: int) -> None:
    """Delivery throughput: take `count` copies back and deliver them again (receipt, code, notifications, audit)."""
    from zabta.circulation.actions import circulation_deliver
    from zabta.circulation.models import Receipt

    ids = list(Receipt.objects.filter(circulation=circulation).order_by("-id").values_list("id", flat=True)[:count])
    Receipt.objects.filter(id__in=ids).delete()
    t0 = time.perf_counter()
    delivered = circulation_deliver(circulation=circulation)
    seconds = time.perf_counter() - t0
    print(f"delivery: {delivered:,} officers in {seconds:.1f} s ({delivered / seconds:,.0f} officers/s; "
          f"a 40,000-officer zone in about {40_000 / (delivered / seconds) / 60:.1f} min of background work)")  # fmt: skip


def _ok(response: Any) -> Any:
    assert response.status_code == 200, response.status_code
    return response


if __name__ == "__main__":
    main()
