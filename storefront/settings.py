"""Settings for the OCOP storefront.

Every setting comes from the environment with an embedded default, so `make run` works on a
machine with nothing but Python: SQLite under var/, local-memory cache, database search,
console e-mail. Production switches services on by setting their variables
(DATABASE_URL, REDIS_URL, ELASTICSEARCH_URL, ...), as in wagtail/bakerydemo.
"""

from pathlib import Path

import environ
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's OSCAR_* defaults, overridden below)

from storefront import deploy

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


def env_text(name, default):
    """A text setting where an empty variable (compose's `${X:-}`) means "use the default"."""
    return env(name, default="") or default


if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The production switch (set by the Dockerfile and compose.yaml): settings refuse to start
# without a real SECRET_KEY, ALLOWED_HOSTS and SITE_URL, and HTTPS-only settings turn on.
# Without it (make run, tests) a random key is made once into var/secret_key.
PRODUCTION = deploy.is_production(env("DJANGO_ENV", default=""))
if PRODUCTION:
    deploy.require(env, ["SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"])
SECRET_KEY = env_text("SECRET_KEY", "") or deploy.local_secret_key(VAR_DIR)
# ".localhost": the demo's provincial storefronts (dongnai.localhost, vinhlong.localhost).
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", ".localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once. Transactions take the write lock when
    # they begin (BEGIN IMMEDIATE), so two checkouts queue for up to `timeout` seconds
    # instead of one failing at once with "database is locked" when it starts to write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Each gunicorn thread keeps its connection between requests (checked before reuse):
# opening one per request cost every page a connect and its PRAGMAs (issue 13).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
# The partner app is forked for its strategy only; its tables are Oscar's.
MIGRATION_MODULES = {"partner": "oscar.apps.partner.migrations"}

REDIS_URL = env("REDIS_URL", default="")
# Redis down means cache misses, not 500s; sessions are kept in the database too.
CACHES, SESSION_ENGINE = deploy.cache_settings(REDIS_URL)
# After a connection error or timeout this process skips Redis for so many seconds (one
# warning each time; storefront/rediscache.py): a hung Redis costs one timeout per period.
REDIS_RETRY_AFTER = env.float("REDIS_RETRY_AFTER", default=30.0)
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False  # the breaker logs once per opening instead
# Whole pages for visitors without a session, from CACHES (storefront/pagecache.py).
# PAGE_CACHE=0 serves every page freshly rendered, as the benchmark does for its "miss"
# and "cold" rows; its fragments ({% cache %} in templates) follow FRAGMENT_CACHE, which
# follows PAGE_CACHE unless set (the benchmark's "cold" rows turn both off).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE", default=True)
FRAGMENT_CACHE_ENABLED = env.bool("FRAGMENT_CACHE", default=PAGE_CACHE_ENABLED)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# Cache-Control max-age for a browser or CDN; 0: they revalidate (ETag, 304) every time.
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=0)
# Where the content version lives when the cache is per process (no REDIS_URL).
PAGE_CACHE_VERSION_FILE = VAR_DIR / "page-cache-version"

ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
# A secured cluster (ES 8's default, Elastic Cloud): an API key ("id:key" base64, as Kibana
# shows it) and the CA certificate of its HTTPS endpoint when it is not publicly signed.
ELASTICSEARCH_API_KEY = env("ELASTICSEARCH_API_KEY", default="")
ELASTICSEARCH_CA_CERTS = env("ELASTICSEARCH_CA_CERTS", default="")
ELASTICSEARCH_INDEX = env("ELASTICSEARCH_INDEX", default="ocop-products")  # the alias
# Per request, well under gunicorn's 30 s worker timeout: a hung cluster costs one short
# wait, then the database answers (search.backends.fallback) for ELASTICSEARCH_RETRY_AFTER s.
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=3.0)
ELASTICSEARCH_RETRY_AFTER = env.float("ELASTICSEARCH_RETRY_AFTER", default=30.0)
ELASTICSEARCH_REPLICAS = env.int("ELASTICSEARCH_REPLICAS", default=0)  # 1+ on a real cluster
ELASTICSEARCH_MAX_RESULT_WINDOW = 10_000  # the index.max_result_window we create indices with

# Background work (search indexing) goes through Celery only when a broker is configured.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Without Celery, run `manage.py expire_unpaid_orders` from cron every few minutes.
CELERY_BEAT_SCHEDULE = {
    "expire-unpaid-orders": {
        "task": "storefront.order.tasks.expire_unpaid_orders",
        "schedule": 300,
    },
    # Or `manage.py send_certificate_reminders` once a day from cron.
    "certificate-reminders": {
        "task": "storefront.seller.review.tasks.send_certificate_reminders",
        "schedule": 24 * 60 * 60,
    },
}
# autodiscover_tasks() looks only at each app's own `tasks` module.
CELERY_IMPORTS = ["storefront.seller.review.tasks"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Our apps first so their templates and translations win.
    "storefront",
    "storefront.places",
    "storefront.privacy",
    "storefront.seller",
    "cms",
    "fairs",
    # Oscar (catalogue and search forked; analytics forked to keep writes off GET requests)
    "oscar.config.Shop",
    "storefront.analytics.apps.AnalyticsConfig",
    "storefront.checkout.apps.CheckoutConfig",
    "storefront.address.apps.AddressConfig",
    "storefront.shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "storefront.partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "storefront.order.apps.OrderConfig",
    "storefront.payments.apps.PaymentsConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
]

MIDDLEWARE = [
    # First: /healthz answers before host validation and the HTTPS redirect (probes from
    # the container itself use Host: localhost over plain HTTP).
    "storefront.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "storefront.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Text leaves compressed for browsers that ask (phones on mobile data); below
    # WhiteNoise, which serves its own compressed files. Page-cache hits come compressed.
    "storefront.http.CompressTextMiddleware",
    # Anonymous pages from the cache (issue 13), before sessions and URL resolution: a hit
    # skips everything below; only pages the views below produced are ever stored.
    "storefront.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The theme and province of the request's Wagtail Site (storefront/themes.py).
    "storefront.themes.ThemeMiddleware",
    # basket:add without a token, from this site only (issue 13); before the CSRF check.
    "storefront.middleware.SameOriginBasketMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "storefront.csp.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    # 400 for NUL characters in a path, query string or form (issue 9, item 20).
    "storefront.middleware.RejectNulMiddleware",
    # Oscar's dashboard for staff only, whatever Oscar's partner permissions say (issue 14).
    "storefront.middleware.StaffOnlyDashboardMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "storefront.urls"
WSGI_APPLICATION = "storefront.wsgi.application"

# Templates: the request's theme (storefront/themes.py, picked per Wagtail Site), then
# themes/default, then the apps'. Cached per theme, also in development.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "OPTIONS": {
            "loaders": [
                (
                    "storefront.themes.ThemeCachedLoader",
                    [
                        "storefront.themes.ThemeFilesystemLoader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.core.context_processors.metadata",
                "storefront.context_processors.site_context",
            ],
        },
    }
]

AUTHENTICATION_BACKENDS = [
    # First: counts failed logins and refuses locked-out clients (issue 9, item 8).
    "storefront.throttle.AxesBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# The home page in the visitor's language: after signing in or registering on /en/, "/" was
# the Vietnamese home page (with "Thanks for registering!" on it).
LOGIN_REDIRECT_URL = reverse_lazy("wagtail_serve", args=[""])
# A URL name, so /en/ pages send English visitors to the English login (issue 9, item 9).
LOGIN_URL = "customer:login"
CSRF_FAILURE_VIEW = "storefront.views.csrf_failure"
# Login throttling (django-axes) on every login form: 5 wrong passwords for one account from
# one client address lock that pair out for 15 minutes; a success clears the count. Per
# address alone would lock out everyone behind a mobile carrier's shared address; per
# account alone would let anyone lock a buyer out. See docs/decisions.md.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # no row per successful login: keep no personal data not needed
AXES_CLIENT_IP_CALLABLE = "storefront.http.client_ip"
AXES_USERNAME_CALLABLE = "storefront.throttle.username"
AXES_LOCKOUT_CALLABLE = "storefront.throttle.lockout_response"
# ... and 30 failures from one address, over any accounts, lock the address (throttle.py).
AXES_HANDLER = "storefront.throttle.AxesHandler"
OCOP_LOGIN_FAILURES_PER_ADDRESS = env.int("OCOP_LOGIN_FAILURES_PER_ADDRESS", default=30)

# --- Language, time, money -------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "storefront" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

OSCAR_DEFAULT_CURRENCY = "VND"
# Babel knows VND has no minor unit: "150.000 ₫" in Vietnamese, "₫150,000" in English.
OSCAR_CURRENCY_FORMAT = None
OSCAR_SHOP_NAME = "Chợ OCOP"
OSCAR_SHOP_TAGLINE = _("Certified One Commune One Product goods")
OSCAR_HOMEPAGE = LOGIN_REDIRECT_URL  # after logging out, and "Home" in Oscar's templates
OSCAR_SLUG_FUNCTION = "storefront.text.slugify"
OSCAR_THUMBNAILER = "storefront.images.RenditionThumbnailer"
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_ALLOW_ANON_CHECKOUT = True
# Reviews (issue 9, item 11): signed-in buyers who received the product, moderated by
# staff before they show, at most a few a day (catalogue/reviews.py).
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
OCOP_REVIEWS_PER_DAY = 3
OSCAR_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="shop@ocop.example")

PHONENUMBER_DEFAULT_REGION = "VN"
OSCAR_REQUIRED_ADDRESS_FIELDS = ("last_name", "line1", "country")

# --- Orders and payments -----------------------------------------------------------------
from storefront.order import statuses as _statuses  # noqa: E402

OSCAR_INITIAL_ORDER_STATUS = _statuses.PLACED
OSCAR_ORDER_STATUS_PIPELINE = _statuses.PIPELINE
# Transfer and card orders not paid within this many hours are cancelled, stock released.
OCOP_UNPAID_ORDER_HOURS = env.int("OCOP_UNPAID_ORDER_HOURS", default=48)
# Cash-on-delivery orders hold stock only once confirmed (the e-mail link, or staff after a
# call); unconfirmed ones lapse after this many hours. Limits against hoarding by fake
# orders: units of one product per order, open (unconfirmed or unpaid) orders per phone
# number and per client address. See docs/decisions.md.
OCOP_COD_CONFIRM_HOURS = env.int("OCOP_COD_CONFIRM_HOURS", default=24)
# How long the e-mailed link that links guest orders to an account stays valid.
OCOP_CLAIM_LINK_HOURS = env.int("OCOP_CLAIM_LINK_HOURS", default=72)
OCOP_MAX_UNITS_PER_PRODUCT = env.int("OCOP_MAX_UNITS_PER_PRODUCT", default=20)
OCOP_MAX_OPEN_ORDERS_PER_PHONE = env.int("OCOP_MAX_OPEN_ORDERS_PER_PHONE", default=3)
OCOP_MAX_OPEN_ORDERS_PER_IP = env.int("OCOP_MAX_OPEN_ORDERS_PER_IP", default=10)
# How many reverse proxies (nginx, a load balancer) stand in front of the app: the client
# address is then read from X-Forwarded-For. 0: REMOTE_ADDR is the client.
OCOP_TRUSTED_PROXIES = env.int("OCOP_TRUSTED_PROXIES", default=0)
# VietQR: the shop's receiving account. The demo account is refused by real banks and the
# order page says so; set the real one in production.
VIETQR_DEMO_ACCOUNT = "0000000000"
VIETQR_BANK_BIN = env_text("VIETQR_BANK_BIN", "970436")
VIETQR_BANK_NAME = env_text("VIETQR_BANK_NAME", "Vietcombank")
VIETQR_ACCOUNT_NUMBER = env_text("VIETQR_ACCOUNT_NUMBER", VIETQR_DEMO_ACCOUNT)
VIETQR_ACCOUNT_NAME = env_text("VIETQR_ACCOUNT_NAME", "CHO OCOP DEMO")
# Stripe cards: on only when all three keys are set. STRIPE_API_BASE points at localstripe
# in tests.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
STRIPE_JS_URL = env("STRIPE_JS_URL", default="https://js.stripe.com/v3/")
STRIPE_WEBHOOK_TOLERANCE = 300
# (connect, read) seconds for calls to Stripe made while a buyer waits.
STRIPE_TIMEOUT = (3.05, 8)
STRIPE_ENABLED = bool(STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET)

# The operator's identity and contacts, shown on every page (Decree 52/2013, art. 29).
OCOP_OPERATOR = {
    "name": env_text("OPERATOR_NAME", "Chợ OCOP (bản trình diễn)"),
    "address": env_text("OPERATOR_ADDRESS", "Số 2 Nguyễn Văn Trị, Phường Trấn Biên, Đồng Nai"),
    "phone": env_text("OPERATOR_PHONE", "0251 3822 123"),
    "email": env_text("OPERATOR_EMAIL", "lienhe@ocop.example"),
    "registration": env("OPERATOR_REGISTRATION", default=""),
}

# Certificates stay valid this many months after the decision date (Decision 148).
# Where `load_demo` writes the demo producers' seller-centre logins (0600).
OCOP_SELLER_LOGINS_FILE = BASE_DIR / "var" / "seller-logins.txt"
OCOP_CERTIFICATE_VALID_MONTHS = env.int("OCOP_CERTIFICATE_VALID_MONTHS", default=36)
# Score bands for stars (Decision 148, marked "check" in the domain notes: configurable).
OCOP_STAR_BANDS = {5: (90, 100), 4: (70, 89), 3: (50, 69), 2: (30, 49), 1: (0, 29)}

# --- Search ------------------------------------------------------------------------------
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
SEARCH_BACKEND = "elasticsearch" if ELASTICSEARCH_URL else "database"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Wagtail -----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Chợ OCOP"
# ASCII page slugs like the catalogue's (đ → d), not /tin-tuc/khai-m%E1%BA%A1c-… (issue 11).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The public address: every absolute link (e-mails, Wagtail's admin notifications) is built
# from it, and the django.contrib.sites row is rewritten from it after each migrate
# (storefront/sites.py). Production must set it (e.g. https://cho-ocop.vn).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
OSCAR_URL_SCHEMA = SITE_URL.split("://", 1)[0]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Uploaded documents (issue 9, item 13): served only by Wagtail's view, always as an
# attachment, with `default-src 'none'` and nosniff; an allow-list of office formats (no
# HTML, SVG or anything a browser runs) and a size cap. /media/documents/ is refused.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods"]
WAGTAILDOCS_EXTENSIONS += ["odp", "csv", "txt", "zip", "jpg", "jpeg", "png"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Images (issue 9, item 14): at most 40 million pixels (8000 × 5000), checked from the file
# header before anything is decoded, in Wagtail and in every product/producer photo form.
OCOP_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_MAX_IMAGE_PIXELS = OCOP_MAX_IMAGE_PIXELS
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.forms.ImageForm"
SITE_ID = 1

# --- Files -------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    str(BASE_DIR / "themes" / "default" / "static"),
    *(
        (f"themes/{folder.name}", str(folder / "static"))
        for folder in sorted((BASE_DIR / "themes").iterdir())
        if folder.name != "default" and (folder / "static").is_dir()
    ),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# One-machine default: Django serves uploads. Behind a CDN/object store set SERVE_MEDIA=0.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
# Serve static files straight from the app folders when collectstatic has not run (make run).
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail ------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = OSCAR_FROM_EMAIL

# --- Security behind a proxy in production ------------------------------------------------
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_CONTENT_TYPE_NOSNIFF = True
if PRODUCTION:
    # HTTPS only (`check --deploy` is clean): the proxy in front says https through
    # X-Forwarded-Proto; /healthz is answered before this by HealthCheckMiddleware.
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content-Security-Policy (django-csp; storefront/csp.py): the shop's pages allow scripts
# from our origin or with the request's nonce and styles from files only. Staff areas
# (/cms/, /django-admin/, /shop/dashboard/) run code we do not own that needs inline
# scripts and styles: a looser policy there, still nothing from other origins.
from urllib.parse import urlsplit  # noqa: E402

from csp.constants import NONCE, NONE, SELF  # noqa: E402

_media = urlsplit(MEDIA_URL)  # media on a CDN: images from there too
CSP_MEDIA_SOURCES = [f"{_media.scheme}://{_media.netloc}"] if _media.netloc else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *CSP_MEDIA_SOURCES],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
CSP_STAFF_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:", *CSP_MEDIA_SOURCES],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
