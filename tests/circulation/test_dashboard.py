"""Acknowledgement rates rolled up station -> division -> district -> zone, and who is outstanding."""

from datetime import date

import pytest

from tests.circulation.conftest import T0
from tests.circulation.helpers import circulate_east, receipt_of
from tests.conftest import Cast
from zabta.circulation.actions import acknowledge_in_web, acknowledge_on_paper
from zabta.circulation.scopes import dashboard_unit_ids
from zabta.circulation.selectors import acknowledgement_rates, outstanding_personnel
from zabta.org.actions import posting_transfer
from zabta.policy.models import DirectiveVersion

pytestmark = pytest.mark.django_db


def _table(cast: Cast, version: DirectiveVersion) -> dict[str, tuple[int, int, int]]:
    circulation = circulate_east(cast, version, T0) if not version.circulations.exists() else version.circulations.get()
    rows = acknowledgement_rates(circulation, root=cast.east, visible=dashboard_unit_ids(cast.dig, circulation))
    return {r.unit.code: (r.total, r.delivered, r.acknowledged) for r in rows}


def test_rates_roll_up_the_tree(cast: Cast, version: DirectiveVersion) -> None:
    circulate_east(cast, version, T0)
    acknowledge_in_web(receipt=receipt_of("P-1001", version), actor=cast.constable)
    acknowledge_on_paper(receipt=receipt_of("P-1007", version), actor=cast.ssp, register_ref="R-1")
    assert _table(cast, version) == {
        "KHI-E": (6, 6, 2), "KHI-E-KOR": (5, 5, 2), "KHI-E-KOR-D1": (3, 3, 2), "PS-KIA": (2, 2, 1), "PS-ZMN": (1, 1, 1),
    }  # fmt: skip


def test_transferred_officer_counts_at_his_new_unit(cast: Cast, version: DirectiveVersion) -> None:
    circulate_east(cast, version, T0)
    acknowledge_in_web(receipt=receipt_of("P-1001", version), actor=cast.constable)
    posting_transfer(personnel=cast.constable.personnel, unit=cast.ps_zaman, effective=date(2024, 10, 1), actor="test")  # type: ignore[arg-type]
    table = _table(cast, version)
    assert table["PS-KIA"] == (1, 1, 0) and table["PS-ZMN"] == (2, 2, 1)


def test_newcomer_not_yet_delivered_counts_as_outstanding(cast: Cast, version: DirectiveVersion) -> None:
    circulate_east(cast, version, T0)
    posting_transfer(personnel=cast.gulberg_constable, unit=cast.ps_kia, effective=date(2024, 10, 1), actor="test")
    assert _table(cast, version)["PS-KIA"] == (3, 2, 0)


def test_outstanding_list_is_cut_to_what_the_reader_sees(cast: Cast, version: DirectiveVersion) -> None:
    circulation = circulate_east(cast, version, T0)
    acknowledge_in_web(receipt=receipt_of("P-1001", version), actor=cast.constable)
    for_sho = outstanding_personnel(circulation, unit=cast.east, visible=dashboard_unit_ids(cast.sho, circulation))
    assert {o.personnel_id for o in for_sho} == {"P-1002"}
    for_dig = outstanding_personnel(circulation, unit=cast.east, visible=dashboard_unit_ids(cast.dig, circulation))
    assert {o.personnel_id for o in for_dig} == {"P-1002", "P-1003", "P-1004", "P-1005", "P-1007"}
    assert dashboard_unit_ids(cast.other_zone, circulation) == set()
