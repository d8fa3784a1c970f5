"""`zabta worker` runs background tasks from the database queue (default) and from Redis (many machines).

Each case runs the real commands in subprocesses, configured only through the environment, as an operator would:
enqueue the audit-chain check, let a worker drain the queue, read the task's result back.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import redis

pytestmark = pytest.mark.slow

REDIS_URL = os.environ.get("ZABTA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
READ_RESULT = """
import os
from zabta.audit.models import AuditEvent
from zabta.audit.tasks import verify_audit_chain_task
result = verify_audit_chain_task.get_result(os.environ["TASK_ID"])
done = result.status == "SUCCESSFUL"
value = result.return_value if done else {"intact": "-", "checked": "-"}
print(result.status, value["intact"], value["checked"], AuditEvent.objects.count())
"""


def zabta(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "zabta.cli", *args], env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"zabta {' '.join(args)} failed:\n{done.stderr[-3000:]}"
    return done.stdout


def environment(data_dir: Path, backend: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # a private SQLite file for this run
    env.update(ZABTA_DATA_DIR=str(data_dir), ZABTA_TASKS_BACKEND=backend, DJANGO_SETTINGS_MODULE="zabta.settings")
    return env


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated database with audit events to walk, copied by each test (migrating costs most of the time)."""
    data_dir = tmp_path_factory.mktemp("migrated")
    env = environment(data_dir, "database")
    zabta(env, "migrate", "-v", "0")
    zabta(env, "demo", "--personnel", "5")
    return data_dir


@pytest.fixture
def redis_db() -> str:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.fail(f"no Redis at {REDIS_URL} ({exc}); scripts/test.sh starts one, or set ZABTA_TEST_REDIS_URL")
    client.flushdb()
    return REDIS_URL


@pytest.mark.parametrize("backend", ["database", "redis"])
def test_worker_runs_enqueued_task_and_result_is_readable(
    backend: str, migrated: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(migrated, data_dir)
    env = environment(data_dir, backend)
    if backend == "redis":
        env["ZABTA_REDIS_URL"] = request.getfixturevalue("redis_db")
    task_id = zabta(env, "audit", "verify", "--background").strip()
    assert task_id
    env["TASK_ID"] = task_id
    before = zabta(env, "shell", "--no-imports", "-c", READ_RESULT).split()
    assert before[0] == "READY"

    log = zabta(env, "worker", "--batch")
    assert f"task worker on the {'Redis' if backend == 'redis' else 'database'} queue" in log

    status, intact, checked, events = zabta(env, "shell", "--no-imports", "-c", READ_RESULT).split()
    assert (status, intact) == ("SUCCESSFUL", "True")
    assert int(checked) == int(events) > 100


def test_unknown_backend_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    env = {**os.environ, "ZABTA_DATA_DIR": str(tmp_path), "ZABTA_TASKS_BACKEND": "celery"}
    done = subprocess.run(
        [sys.executable, "-m", "zabta.cli", "check"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode != 0
    assert "ZABTA_TASKS_BACKEND='celery' is not one of ['database', 'redis']" in done.stderr
