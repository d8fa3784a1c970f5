"""Benchmark: the registry lookup screening calls for every post, against a registry of many accounts.

Usage:  .venv/bin/python bench/registry_lookup.py [--official 2000] [--personal 50000] [--lookups 5000]

Builds a fresh SQLite database in a temporary folder (bulk rows, no audit: this measures reads only), then times
`lookup_account` on a mix of official handles, personal handles, URLs with tracking parameters, homoglyph variants
and unknown handles, and prints lookups per second with the median and 95th-percentile latency per kind.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--official", type=int, default=2_000)
    parser.add_argument("--personal", type=int, default=50_000)
    parser.add_argument("--lookups", type=int, default=5_000)
    args = parser.parse_args()
    os.environ.pop("DATABASE_URL", None)
    os.environ["ZABTA_DATA_DIR"] = tempfile.mkdtemp(prefix="zabta-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zabta.settings")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    _fill(args.official, args.personal)
    _time(args.lookups, args.official, args.personal)


def _fill(official: int, personal: int) -> None:
    from django.utils import timezone

    from zabta.access.models import User
    from zabta.accounts_registry.models import Custodian, OfficialAccount, PersonalAccount
    from zabta.org.models import Personnel, Posting, Rank, Unit

    started = time.perf_counter()
    rank = Rank.objects.order_by("bps").first()
    assert rank is not None
    unit = Unit.objects.create(code="BENCH", name="Bench unit", kind="district", head_title="SSP")
    Personnel.objects.bulk_create(
        [Personnel(personnel_id=f"B-{i}", name=f"Officer {i}", rank=rank) for i in range(personal)], batch_size=5000
    )
    officers = list(Personnel.objects.order_by("id").values_list("id", flat=True))
    Posting.objects.bulk_create([Posting(personnel_id=p, unit=unit, valid_from=timezone.localdate()) for p in officers],
                                batch_size=5000)  # fmt: skip
    user = User.objects.create(username="bench-head")
    OfficialAccount.objects.bulk_create(
        [OfficialAccount(platform="tiktok", handle=f"@unit{i}police", handle_key=f"unit{i}police", unit=unit)
         for i in range(official)], batch_size=5000)  # fmt: skip
    accounts = list(OfficialAccount.objects.values_list("id", flat=True))
    Custodian.objects.bulk_create([Custodian(account_id=a, personnel_id=officers[i % len(officers)],
                                             appointed_on=timezone.localdate(), appointed_by=user)
                                   for i, a in enumerate(accounts) for _ in range(1)], batch_size=5000)  # fmt: skip
    PersonalAccount.objects.bulk_create(
        [PersonalAccount(personnel_id=p, platform="facebook", handle=f"officer.{i}", handle_key=f"officer.{i}")
         for i, p in enumerate(officers)], batch_size=5000)  # fmt: skip
    print(f"registry: {official} official accounts, {personal} officers with a declared account "
          f"({time.perf_counter() - started:.1f} s to build)")  # fmt: skip


def _time(lookups: int, official: int, personal: int) -> None:
    from zabta.accounts_registry.lookup import AccountKind, lookup_account

    cases: dict[str, Callable[[int], tuple[str, str]]] = {
        "official handle": lambda i: ("tiktok", f"@Unit{i % official}Police"),
        "official URL": lambda i: ("", f"https://m.tiktok.com/@unit{i % official}police?lang=en&ref=x"),
        "homoglyph": lambda i: ("tiktok", f"@unіt{i % official}pоlice"),  # Cyrillic i and o
        "personal URL": lambda i: ("fb", f"https://www.facebook.com/officer.{i % personal}/"),
        "unknown": lambda i: ("instagram", f"@nobody{i}"),
    }
    expected = {"official handle": AccountKind.OFFICIAL, "official URL": AccountKind.OFFICIAL,
                "homoglyph": AccountKind.OFFICIAL, "personal URL": AccountKind.PERSONAL, "unknown": AccountKind.UNKNOWN}  # fmt: skip
    total_started = time.perf_counter()
    per_kind = max(1, lookups // len(cases))
    for name, make in cases.items():
        times = []
        for i in range(per_kind):
            platform, written = make(i * 7919)
            started = time.perf_counter()
            found = lookup_account(platform, written)
            times.append(time.perf_counter() - started)
            assert found.kind == expected[name], (name, written, found.kind)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{name:16s} n={per_kind:5d}  median {statistics.median(times) * 1000:6.2f} ms  p95 {p95 * 1000:6.2f} ms")
    elapsed = time.perf_counter() - total_started
    print(f"all: {per_kind * len(cases)} lookups in {elapsed:.2f} s = {per_kind * len(cases) / elapsed:.0f} per second")


if __name__ == "__main__":
    main()
