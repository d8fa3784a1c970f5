"""URLs of the social account registry pages."""

from django.urls import path

from zabta.accounts_registry import views

app_name = "registry"
urlpatterns = [
    path("", views.account_list, name="account_list"),
    path("register/", views.account_register, name="account_register"),
    path("<int:pk>/", views.account_detail, name="account_detail"),
    path("<int:pk>/custodians/", views.custodian_appoint, name="custodian_appoint"),
    path("custodians/<int:pk>/remove/", views.custodian_remove, name="custodian_remove"),
    path("mine/", views.my_accounts, name="my_accounts"),
    path("mine/declare/", views.personal_declare, name="personal_declare"),
    path("mine/<int:pk>/withdraw/", views.personal_withdraw, name="personal_withdraw"),
    path("mine/confirm/", views.declaration_confirm, name="declaration_confirm"),
    path("units/<int:pk>/undeclared/", views.undeclared, name="undeclared"),
    path("discovered/", views.discovered_list, name="discovered_list"),
    path("discovered/<int:pk>/link/", views.discovered_link, name="discovered_link"),
    path("lookup/", views.lookup, name="lookup"),
]
