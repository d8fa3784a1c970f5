"""Who may read and manage the banks."""

from __future__ import annotations

from typing import Any

import pytest

from zabta.banks.models import Bank
from zabta.banks.selectors import banks_visible_to, can_manage_banks, get_bank_for_user


def test_readers_see_every_bank_others_none(cast: Any) -> None:
    assert banks_visible_to(cast.monitor).count() == 3
    assert banks_visible_to(cast.auditor).count() == 3
    assert banks_visible_to(cast.constable).count() == 0
    assert banks_visible_to(cast.applicant).count() == 0
    with pytest.raises(Bank.DoesNotExist):
        get_bank_for_user(cast.constable, "removed")


def test_only_monitors_and_range_admins_manage(cast: Any) -> None:
    assert can_manage_banks(cast.monitor) and can_manage_banks(cast.range_admin)
    assert not can_manage_banks(cast.auditor) and not can_manage_banks(cast.sho)
