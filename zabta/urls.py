"""URL configuration: web pages, the REST API under /api/v1/, and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from zabta.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("org/", include("zabta.org.urls")),
    path("directives/", include("zabta.policy.urls")),
    path("circulation/", include("zabta.circulation.urls")),
    path("a/", include("zabta.circulation.urls_public")),
    path("notifications/", include("zabta.notifications.urls")),
    path("content/", include("zabta.content.urls")),
    path("review/", include("zabta.review.urls")),
    path("cases/", include("zabta.cases.urls")),
    path("proceedings/", include("zabta.discipline.urls")),
    path("accounts/", include("zabta.accounts_registry.urls")),
    path("approvals/", include("zabta.approvals.urls")),
    path("permits/", include("zabta.permits.urls")),
    path("banks/", include("zabta.banks.urls")),
    path("api/v1/", include("zabta.api_urls")),
    path("admin/", admin.site.urls),
]
