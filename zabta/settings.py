"""Django settings for Zabta, read from the environment (see docs/configuration.md)."""

from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from zabta.env import ConfigError, env_bool, env_int, env_list, env_path, env_str
from zabta.evidence import config as evidence_config
from zabta.notifications import config as notifications_config

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent
DATA_DIR = env_path("ZABTA_DATA_DIR", REPO_DIR / "var")
DATA_DIR.mkdir(parents=True, exist_ok=True)  # the embedded SQLite file, uploads and static files live here

DEBUG = env_bool("ZABTA_DEBUG", False)
SECRET_KEY = env_str("ZABTA_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("ZABTA_INSECURE_DEV_KEY", True):
        raise ConfigError("ZABTA_SECRET_KEY (or ZABTA_SECRET_KEY_FILE) must be set in production")
    # Development and demo only: a fixed key is acceptable on an embedded, local install.
    SECRET_KEY = "zabta-insecure-development-key-change-me-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ZABTA_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("ZABTA_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "zabta.web.admin_config.ZabtaAdminConfig",  # django.contrib.admin with Zabta's admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "axes",
    "django_tasks_db",
    "zabta.audit",
    "zabta.policy",
    "zabta.org",
    "zabta.access",
    "zabta.web",
    "zabta.screening",
    "zabta.banks",
    "zabta.cases",
    "zabta.discipline",
    "zabta.accounts_registry",
    "zabta.approvals",
    "zabta.permits",
    "zabta.notifications",
    "zabta.circulation",
    "zabta.content",
    "zabta.evidence",
    "zabta.review",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zabta.urls"
WSGI_APPLICATION = "zabta.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zabta.web.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite file by default; DATABASE_URL (postgres://...) for production.
_default_sqlite = f"sqlite:///{DATA_DIR / 'zabta.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_sqlite), conn_max_age=env_int("ZABTA_DB_CONN_MAX_AGE", 0)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions serialise writers up front: the audit chain and the task
    # worker never meet "database is locked" half-way through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "access.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Failed logins: locked out per username+IP after N failures for a cool-off period.
AXES_FAILURE_LIMIT = env_int("ZABTA_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("ZABTA_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGES = [("en", _("English")), ("ur", _("Urdu"))]
# Language of pages before a user picks one, and of command output (`ZABTA_LANGUAGE=ur zabta demo`).
LANGUAGE_CODE = env_str("ZABTA_LANGUAGE", "en").strip().lower()
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ConfigError(f"ZABTA_LANGUAGE={LANGUAGE_CODE!r} is not one of {sorted(dict(LANGUAGES))}")
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Karachi"  # display zone; everything is stored in UTC

STATIC_URL = "/static/"
STATIC_ROOT = env_path("ZABTA_STATIC_ROOT", DATA_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "web" / "assets"]
MEDIA_ROOT = env_path("ZABTA_MEDIA_ROOT", DATA_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Evidence: local files under DATA_DIR/evidence, or an S3-compatible bucket when ZABTA_EVIDENCE_S3_BUCKET is set.
if (EVIDENCE_S3 := evidence_config.s3_storage_from_env()) is not None:
    STORAGES["evidence"] = EVIDENCE_S3
WHITENOISE_USE_FINDERS = DEBUG

# Background tasks: the database queue by default (nothing to run beside the web server but `zabta worker`);
# with ZABTA_TASKS_BACKEND=redis the queue lives in Redis (ZABTA_REDIS_URL) and workers on many machines share it.
TASKS_BACKEND = env_str("ZABTA_TASKS_BACKEND", "database").strip().lower()
TASK_BACKENDS = {"database": "django_tasks_db.DatabaseBackend", "redis": "django_tasks_rq.RQBackend"}
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ConfigError(f"ZABTA_TASKS_BACKEND={TASKS_BACKEND!r} is not one of {sorted(TASK_BACKENDS)}")
TASKS: dict[str, dict[str, Any]] = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}
if TASKS_BACKEND == "redis":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": env_str("ZABTA_REDIS_URL", "redis://127.0.0.1:6379/0"), "DEFAULT_TIMEOUT": 3600}}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Zabta API",
    "DESCRIPTION": "Social media policy enforcement for police personnel (Karachi Range directive of 20-09-2024).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("ZABTA_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Days a unit head has to act on an escalated case before it goes to the next level.
ZABTA_ESCALATION_DAYS = env_int("ZABTA_ESCALATION_DAYS", 7, minimum=1)

# Intake and review (docs/intake.md): evidence of dismissed findings is purged after this many days;
# a reviewer's claim on a finding lapses after this many minutes.
ZABTA_EVIDENCE_RETENTION_DAYS = env_int("ZABTA_EVIDENCE_RETENTION_DAYS", 180, minimum=1)
ZABTA_REVIEW_CLAIM_MINUTES = env_int("ZABTA_REVIEW_CLAIM_MINUTES", 15, minimum=1)

ZABTA_DATASETS_DIR = env_path("ZABTA_DATASETS_DIR", REPO_DIR.parent / "shared" / "datasets")

# Notifications (docs/configuration.md): e-mail through Django's MAILERS, SMS through an HTTP gateway.
MAILERS = notifications_config.mailers_from_env()
ZABTA_EMAIL_ENABLED = notifications_config.email_configured()
DEFAULT_FROM_EMAIL = env_str("ZABTA_EMAIL_FROM", "zabta@localhost")
ZABTA_SMS_GATEWAY_URL = notifications_config.http_url("ZABTA_SMS_GATEWAY_URL")
ZABTA_SMS_GATEWAY_TOKEN = env_str("ZABTA_SMS_GATEWAY_TOKEN", "")
ZABTA_SMS_SENDER = env_str("ZABTA_SMS_SENDER", "SindhPolice")
ZABTA_SMS_TIMEOUT_SECONDS = env_int("ZABTA_SMS_TIMEOUT_SECONDS", 10, minimum=1)
ZABTA_SMS_INBOUND_TOKEN = env_str("ZABTA_SMS_INBOUND_TOKEN", "")
ZABTA_PUBLIC_BASE_URL = notifications_config.http_url("ZABTA_PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# Account registry, prior approvals and premises permits (docs/registry.md).
ZABTA_DECLARATION_DAYS = env_int("ZABTA_DECLARATION_DAYS", 30, minimum=1)
ZABTA_APPROVAL_MAX_IMAGE_MB = env_int("ZABTA_APPROVAL_MAX_IMAGE_MB", 20, minimum=1)
ZABTA_APPROVAL_MAX_VIDEO_MB = env_int("ZABTA_APPROVAL_MAX_VIDEO_MB", 200, minimum=1)
ZABTA_PERMIT_APPLICATIONS_PER_HOUR = env_int("ZABTA_PERMIT_APPLICATIONS_PER_HOUR", 5, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("ZABTA_LOG_LEVEL", "WARNING")},
}
