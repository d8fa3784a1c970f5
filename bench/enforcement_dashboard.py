"""Benchmark: the Range's accountability dashboard over N enforcement cases (default 200,000); target under 1 s.

Usage:  .venv/bin/python bench/enforcement_dashboard.py [--cases 200000] [--personnel 20000] [--repeat 7]
        [--database-url URL]

Without --database-url it uses a fresh SQLite file in a temporary folder (the embedded default); with a
PostgreSQL URL it uses that database, which must be empty. It loads the Karachi Range unit tree, synthetic
personnel and cases spread over every status (with notices, escalations, lapses and actions), then prints the
load time and the median and 95th-percentile time of: the dashboard figures alone, the dashboard page as the
Range head (Addl. IGP) sees it, the same through the API, and the page for one district SSP.
"""

import argparse
import os
import random
import secrets
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.django_bench import start_django


def _timed(repeat: int, run: Callable[[], object]) -> tuple[float, float, float]:
    """Median and p95 wall time, and median CPU time of this process (SQLite runs in-process: on a shared,
    loaded machine the CPU time is what the dashboard itself costs), in milliseconds."""
    timings, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        run()
        timings.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--personnel", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    start_django(args.database_url)
    from django.db import connection
    from django.test import Client

    from zabta.access.actions import role_grant, user_create
    from zabta.cases.dashboard import dashboard_for
    from zabta.cases.models import Case, CaseStatus, Escalation, Notice
    from zabta.org.demo import build_structure, load_personnel
    from zabta.org.models import Posting
    from zabta.policy.models import DirectiveVersion

    started = time.perf_counter()
    units = build_structure()
    load_personnel(count=args.personnel, units=units, extra=[], progress=False)
    posted = list(Posting.objects.filter(valid_to__isnull=True).values_list("personnel_id", "unit_id"))
    version = DirectiveVersion.objects.get(directive__code="KHI-2024-SM", version=1)
    rng = random.Random(7)
    statuses = [CaseStatus.OPEN, CaseStatus.NOTICE_ISSUED, CaseStatus.REMOVAL_CLAIMED, CaseStatus.REMOVED,
                CaseStatus.ESCALATED, CaseStatus.ACTION_TAKEN, CaseStatus.CLOSED]  # fmt: skip
    weights = [5, 15, 3, 30, 12, 15, 20]
    base = datetime(2025, 1, 1, tzinfo=UTC)
    batch: list[Case] = []
    for i in range(args.cases):
        officer_id, unit_id = posted[rng.randrange(len(posted))]
        status = rng.choices(statuses, weights)[0]
        opened = base + timedelta(minutes=i * 2)
        deadline = None if status == CaseStatus.OPEN else opened + timedelta(days=8)
        acted = status in (CaseStatus.ACTION_TAKEN, CaseStatus.CLOSED) and rng.random() < 0.7
        batch.append(Case(
            reference=f"B-{i:07d}", source="finding", officer_id=officer_id, content_key=f"{i:064x}",
            posted_at=opened - timedelta(days=2), captured_at=opened, directive_version=version, severity="high",
            responsible_unit_id=unit_id, status=status, opened_at=opened, opened_by="bench", removal_deadline=deadline,
            content_removed_at=opened + timedelta(days=3) if status == CaseStatus.REMOVED else None,
            escalated_at=deadline if status in (CaseStatus.ESCALATED, CaseStatus.ACTION_TAKEN) else None,
            actioned_at=deadline + timedelta(hours=rng.randrange(1, 400)) if acted and deadline else None,
            action_hours=rng.randrange(1, 400) if acted else None,
        ))  # fmt: skip
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
    Case.objects.bulk_create(batch)
    _children(rng)
    # Fresh statistics after the bulk load, as autovacuum would gather on PostgreSQL.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"load: {Case.objects.count():,} cases, {Notice.objects.count():,} notices, "
          f"{Escalation.objects.count():,} escalations, {len(units)} units, {len(posted):,} officers "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip

    head = user_create(username="bench.addl.igp", password=secrets.token_urlsafe(16), personnel=None, actor="bench")
    role_grant(user=head, role="unit_head", unit=units["KHI"], actor="bench")
    ssp = user_create(username="bench.ssp", password=secrets.token_urlsafe(16), personnel=None, actor="bench")
    district = next(u for u in units.values() if u.kind == "district")
    role_grant(user=ssp, role="unit_head", unit=district, actor="bench")
    client, ssp_client = Client(), Client()
    client.force_login(head)
    ssp_client.force_login(ssp)
    rows = dashboard_for(head)
    top = rows[0].figures
    print(f"range figures: open {top.open_cases:,}, overdue {top.overdue:,}, with unit head {top.escalated:,}, "
          f"lapses {top.lapses:,}, median days to action {top.median_days_to_action}, repeat offenders "
          f"{len(top.repeat):,}, unacknowledged {len(top.unacknowledged):,}; {len(rows)} unit rows")  # fmt: skip
    measures = {
        "figures only (Addl. IGP)": lambda: dashboard_for(head),
        "page /cases/dashboard/ (Addl. IGP)": lambda: _ok(client.get("/cases/dashboard/")),
        "API /api/v1/dashboard/ (Addl. IGP)": lambda: _ok(client.get("/api/v1/dashboard/")),
        f"page /cases/dashboard/ (SSP {district.code})": lambda: _ok(ssp_client.get("/cases/dashboard/")),
    }
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'measure':<44} {'median ms':>9} {'p95 ms':>8} {'CPU ms':>8}")
    for label, run in measures.items():
        median, p95, cpu = _timed(args.repeat, run)
        print(f"{label:<44} {median:>9.1f} {p95:>8.1f} {cpu:>8.1f}")


def _ok(response: object) -> None:
    assert getattr(response, "status_code", 0) == 200, response


def _children(rng: random.Random) -> None:
    """Notices for every case past OPEN, escalations (a quarter lapsed) for escalated and actioned ones."""
    from zabta.cases.models import Case, CaseStatus, Escalation, Notice

    r = rng
    notices, escalations = [], []
    rows = Case.objects.exclude(status=CaseStatus.OPEN).values_list("id", "opened_at", "removal_deadline", "status",
                                                                    "responsible_unit_id")  # fmt: skip
    for case_id, opened, deadline, case_status, unit_id in rows.iterator(chunk_size=5000):
        notices.append(Notice(case_id=case_id, issued_at=opened, issued_by="bench", clock_rule="notice",
                              deadline=deadline, text_en="-", text_ur="-",
                              acknowledged_at=opened + timedelta(days=1) if r.random() < 0.8 else None))  # fmt: skip
        if case_status in (CaseStatus.ESCALATED, CaseStatus.ACTION_TAKEN) and deadline is not None:
            lapsed = deadline + timedelta(days=7) if r.random() < 0.25 else None
            escalations.append(Escalation(case_id=case_id, level=0, unit_id=unit_id, opened_at=deadline,
                                          due_at=deadline + timedelta(days=7), lapsed_at=lapsed))  # fmt: skip
        if len(notices) >= 5000:
            Notice.objects.bulk_create(notices)
            notices = []
    Notice.objects.bulk_create(notices)
    Escalation.objects.bulk_create(escalations, batch_size=5000)


if __name__ == "__main__":
    main()
