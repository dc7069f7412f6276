"""The one settings module: every knob comes from a NETLIFE_* variable.

SQLite under NETLIFE_HOME is the zero-configuration default; setting
NETLIFE_DATABASE_URL (postgres://...) moves the same code onto PostgreSQL.
"""

import secrets
from pathlib import Path
from typing import Any

import dj_database_url
import platformdirs

from netlife.config.env import env_bool, env_int, env_path, env_secret, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent

NETLIFE_HOME = env_path(
    "NETLIFE_HOME", Path(platformdirs.user_data_dir("netlife", appauthor=False))
)
SQLITE_PATH = NETLIFE_HOME / "netlife.sqlite3"


def _secret_key() -> str:
    configured = env_secret("NETLIFE_SECRET_KEY")
    if configured:
        return configured
    # A laptop install keeps a generated key beside its database, so sessions
    # survive restarts without the user ever having to know a key exists.
    key_file = NETLIFE_HOME / "secret_key"
    try:
        return key_file.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        key = secrets.token_urlsafe(50)
        try:
            NETLIFE_HOME.mkdir(parents=True, exist_ok=True)
            key_file.write_text(key, encoding="utf-8")
            key_file.chmod(0o600)
        except OSError:
            pass  # read-only home: a per-process key still works for the CLI
        return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("NETLIFE_DEBUG", default=False)
ALLOWED_HOSTS = [
    h.strip()
    for h in env_str("NETLIFE_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if h.strip()
]

# Single-user mode: one local account and one network, created on first use,
# and every web request acts as that account. Server mode (coaches,
# communities) will turn this off and require logins.
NETLIFE_SINGLE_USER = env_bool("NETLIFE_SINGLE_USER", default=True)
NETLIFE_LOCAL_USERNAME = env_str("NETLIFE_LOCAL_USERNAME", "me")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "netlife.core",
    "netlife.networks",
    "netlife.people",
    "netlife.interactions",
    "netlife.ties",
    "netlife.goals",
    "netlife.relationships",
    "netlife.leads",
    "netlife.review",
    "netlife.transfer",
    "netlife.feeds",
    "netlife.paths",
    "netlife.outreach",
    "netlife.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "netlife.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "netlife.core.middleware.NetworkMiddleware",
]

ROOT_URLCONF = "netlife.config.urls"
WSGI_APPLICATION = "netlife.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = env_str("NETLIFE_DATABASE_URL")
DATABASES: dict[str, dict[str, Any]]
if DATABASE_URL:
    DATABASES = {"default": dict(dj_database_url.parse(DATABASE_URL, conn_max_age=60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                # WAL lets the web server read while the CLI writes; IMMEDIATE
                # transactions plus a timeout turn lock contention into a wait
                # instead of "database is locked".
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
if env_bool("NETLIFE_FAST_PASSWORDS", default=False):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("NETLIFE_TIME_ZONE", "UTC")
# The region phone numbers without a country code belong to ("US", "GB"…),
# for matching the same number written two ways; empty: only +-numbers.
NETLIFE_PHONE_REGION = env_str("NETLIFE_PHONE_REGION", "").upper()
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
# Only a server deployment that runs collectstatic sets this; a laptop serves
# straight from the package (docs/decisions/0006).
_static_root = env_str("NETLIFE_STATIC_ROOT")
STATIC_ROOT = Path(_static_root) if _static_root else None
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Served straight from the installed package by whitenoise's finders: a
# handful of first-party files needs no collectstatic step at install time.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("NETLIFE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR"},
        "netlife": {"handlers": ["console"], "level": "WARNING"},
    },
}
