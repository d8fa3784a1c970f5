"""Pages showing the directives and their clauses."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from zabta.policy.models import DirectiveVersion


@login_required
def directive_list(request: HttpRequest) -> HttpResponse:
    versions = DirectiveVersion.objects.select_related("directive").order_by("directive__code", "-version")
    return render(request, "policy/directive_list.html", {"versions": versions})


@login_required
def directive_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # Directives are circulated to every officer: any signed-in user may read them.
    version = get_object_or_404(DirectiveVersion.objects.select_related("directive"), pk=pk)
    return render(request, "policy/directive_detail.html", {"version": version, "clauses": version.clauses.all()})
