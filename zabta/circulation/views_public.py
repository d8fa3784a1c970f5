"""The one-time acknowledgement link opened on an officer's phone: no login, a light page with no scripts.

The link's 128-bit token is the credential, so the confirmation form needs no CSRF cookie (many basic phone
browsers drop cookies); a guessed or expired token gets a plain refusal.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from zabta.circulation import actions
from zabta.circulation.texts import clauses_in, title_in
from zabta.org.actions import InvalidTransition


@csrf_exempt
@require_http_methods(["GET", "POST"])
def acknowledge(request: HttpRequest, token: str) -> HttpResponse:
    try:
        receipt = actions.receipt_for_token(token)
    except actions.AckRejected as exc:
        return render(request, "circulation/public_ack.html", {"error": str(exc)}, status=404)
    with translation.override(receipt.language):
        if request.method == "POST" and not receipt.is_acknowledged():
            try:
                receipt = actions.acknowledge_by_link(token=token, client=_client(request))
            except (InvalidTransition, actions.AckRejected):
                receipt.refresh_from_db()
        context = {"receipt": receipt, "officer": receipt.personnel, "title": title_in(receipt.version, receipt.language),
                   "clauses": clauses_in(receipt.version, receipt.language), "lang": receipt.language}  # fmt: skip
        return render(request, "circulation/public_ack.html", context)


def _client(request: HttpRequest) -> str:
    """Where the confirmation came from, kept as part of the evidence."""
    address = request.META.get("REMOTE_ADDR", "")
    agent = request.META.get("HTTP_USER_AGENT", "")[:120]
    return f"link from {address} {agent}".strip()
