"""Home page of the web shell: what the user holds and how much of the force he can see."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zabta.access.scopes import personnel_visible_to, role_grants_of, units_visible_to


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "unit_count": units_visible_to(request.user).count(),
        "personnel_count": personnel_visible_to(request.user).count(),
        "grants": role_grants_of(request.user),
        "officer": getattr(request.user, "personnel", None),
    }
    return render(request, "web/home.html", context)
