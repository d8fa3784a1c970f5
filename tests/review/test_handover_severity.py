"""The hand-over passes the detector's confidence to the case, where a very sure finding raises the severity."""

import pytest
from django.apps import apps

from tests.conftest import Cast
from tests.review.factories import item_with_findings
from zabta.review.actions import finding_claim, finding_decide
from zabta.review.models import Finding

pytestmark = pytest.mark.skipif(not apps.is_installed("zabta.cases"), reason="cases app not installed")


def _confirm(cast: Cast, finding: Finding) -> None:
    finding_claim(finding=finding, actor=cast.monitor)
    finding_decide(finding=finding, actor=cast.monitor, decision="confirmed", reason="reviewed carefully")


@pytest.mark.django_db
@pytest.mark.parametrize(("score", "raised"), [(0.95, True), (0.6, False)])
def test_detector_confidence_reaches_the_case_severity(cast: Cast, score: float, raised: bool) -> None:
    from zabta.cases.models import Case

    _item, [finding] = item_with_findings(cast.monitor, text="PTI zindabad, ye hukumat chor hai")
    Finding.objects.filter(pk=finding.pk).update(score=score)
    finding.refresh_from_db()
    _confirm(cast, finding)
    case = Case.objects.get()
    assert case.evidence["max_score"] == score
    assert any("detector confidence" in reason for reason in case.severity_reasons) is raised
