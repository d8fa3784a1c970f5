"""Background tasks of the audit log: verify the hash chain off the request path (e.g. nightly)."""

from typing import Any

from django.tasks import task

from zabta.audit.selectors import verify_audit_chain


@task()
def verify_audit_chain_task() -> dict[str, Any]:
    """Recompute the chain; the result names the first broken link, as `zabta audit verify` does."""
    result = verify_audit_chain()
    brk = result.first_break
    return {
        "intact": brk is None,
        "checked": result.checked,
        "first_broken_seq": brk.seq if brk else None,
        "problem": brk.problem if brk else "",
    }
