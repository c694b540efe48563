"""Settings for chronicle, read from the environment in this one place.

Development needs nothing set: SQLite in the project root, DEBUG on, a throwaway key.
Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; the secure
cookie, HSTS and redirect switches follow DEBUG and can be overridden one by one.
"""
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or (_DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" + (",testserver" if DEBUG else ""))
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "events.middleware.BodySizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "chronicle.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "chronicle.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        # WAL: readers read the last commit while an import writes, instead of waiting for it (and
        # failing with "database is locked"). Reads map the file instead of copying its pages into
        # each connection's small (2 MB) page cache: a search or a timeline touches thousands of rows.
        "init_command": "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                        "PRAGMA mmap_size = 268435456",
        # One writer at a time: a transaction takes the write lock when it begins (IMMEDIATE), so two
        # imports queue for it instead of one failing half-way; the busy timeout is how long one waits.
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("CHRONICLE_SQLITE_TIMEOUT", "60")),
    })

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # The manifest storage needs `collectstatic`; development serves from the finders.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Failed admin logins allowed per client address in CHRONICLE_LOGIN_WINDOW seconds, then 429.
CHRONICLE_LOGIN_ATTEMPTS = int(os.environ.get("CHRONICLE_LOGIN_ATTEMPTS", "5"))
CHRONICLE_LOGIN_WINDOW = int(os.environ.get("CHRONICLE_LOGIN_WINDOW", "900"))

# Uploads: a yearbook is a few MB of text; anything far larger is refused before parsing.
CHRONICLE_MAX_DOCUMENT_BYTES = int(os.environ.get("CHRONICLE_MAX_DOCUMENT_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The years a stored or requested date may have (events/bounds.py): wide enough for any record,
# narrow enough that the day after the last one, and the calendar weeks around it, are dates too.
CHRONICLE_YEAR_MIN = int(os.environ.get("CHRONICLE_YEAR_MIN", "1"))
CHRONICLE_YEAR_MAX = int(os.environ.get("CHRONICLE_YEAR_MAX", "2200"))
if not 1 <= CHRONICLE_YEAR_MIN <= CHRONICLE_YEAR_MAX <= 9998:
    raise ImproperlyConfigured("CHRONICLE_YEAR_MIN and CHRONICLE_YEAR_MAX need 1 <= min <= max <= 9998")
# What one import may cost: date expressions in the file (a cheap count before reading events)
# and events in one document.
CHRONICLE_MAX_DATES_PER_IMPORT = int(os.environ.get("CHRONICLE_MAX_DATES_PER_IMPORT", "150000"))
CHRONICLE_MAX_EVENTS_PER_DOCUMENT = int(os.environ.get("CHRONICLE_MAX_EVENTS_PER_DOCUMENT", "100000"))

# Security switches: on whenever DEBUG is off, each one overridable from the environment.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Redis, when there is one (REDIS_URL=redis://127.0.0.1:6379/0): the broker of the background
# import jobs and the cache that every web process shares (rate limits, login attempts).
# Without it, jobs run in the process that starts them and each process counts on its own.
REDIS_URL = os.environ.get("REDIS_URL", "")

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_IGNORE_RESULT = True  # a job's state is its ImportJob row, not a result backend
# A job is acknowledged when it ends, so one whose worker died is given to another worker.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a worker takes one long job at a time, not a batch
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}  # the longest a job may take
# How much an import (a worker process, or manage.py import_document) lowers its CPU priority, so
# that on a machine it shares with gunicorn the readers come first.
CHRONICLE_WORKER_NICE = int(os.environ.get("CHRONICLE_WORKER_NICE", "10"))

# Caches. "default" holds the rate limits' counts, login attempts and small memos: in Redis when
# there is one, so that every web process counts the same; "responses" the API's list and
# timeline bodies, one per process, keyed by URL and chronology version (so never stale), bounded
# in entries: a list page is ~50 KB, a timeline year up to ~500 KB.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                "KEY_PREFIX": "chronicle"}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "chronicle-default"},
    "responses": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "chronicle-responses",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 1000, "CULL_FREQUENCY": 4},
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["events.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("ANON_THROTTLE_RATE", "600/minute")},
    # The client is REMOTE_ADDR, or with proxies in front the address the nearest of them saw:
    # the N-th X-Forwarded-For entry from the right. Anything further left is the client's to forge.
    "NUM_PROXIES": int(os.environ.get("TRUSTED_PROXY_COUNT", "0")),
    # JSON written by orjson; the browsable API for a person in a browser.
    "DEFAULT_RENDERER_CLASSES": ["events.api.renderers.JSONRenderer", "events.api.renderers.BrowsableAPI"],
    # An unknown ?format= is a 400 naming it.
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "events.api.negotiation.FormatNegotiation",
    "DEFAULT_PAGINATION_CLASS": "events.api.pagination.Pagination",
    # One JSON shape for every API error, and JSON (never HTML) for an unexpected one.
    "EXCEPTION_HANDLER": "events.api.errors.exception_handler",
    # The browsable API (a browser opening /api/…) titles and describes each view in Chinese.
    "VIEW_NAME_FUNCTION": "events.api.renderers.view_name",
    "VIEW_DESCRIPTION_FUNCTION": "events.api.renderers.view_description",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "chronicle API",
    "DESCRIPTION": "Events extracted from Chinese local records, with their dates and sources.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
