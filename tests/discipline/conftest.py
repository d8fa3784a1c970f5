"""A case that has passed its removal deadline and sits with the unit head, ready for proceedings."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from tests.cases.conftest import CAPTURED, PKT, POSTED, open_case  # noqa: F401 - fixture re-exported
from tests.conftest import Cast
from zabta.cases.actions import case_open
from zabta.cases.escalation import sweep_overdue_notices
from zabta.cases.models import Case
from zabta.cases.removal import notice_issue

NOTICE_AT = datetime(2024, 10, 3, 10, tzinfo=PKT)
OVERDUE_AT = datetime(2024, 10, 11, 0, tzinfo=PKT)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def escalated_case(cast: Cast) -> Callable[..., Case]:
    def _make(url: str = "https://video.example/v/1", **kwargs: Any) -> Case:
        case = case_open(actor=cast.monitor, officer=cast.constable.personnel, clause_keys=["KHI-2024-SM-1"],
                         posted_at=POSTED, captured_at=CAPTURED, content_url=url, **kwargs)  # fmt: skip
        notice_issue(case=case, actor=cast.ssp, at=NOTICE_AT)
        sweep_overdue_notices(now=OVERDUE_AT)
        case.refresh_from_db()
        return case

    return _make
