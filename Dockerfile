# Production image: gunicorn + WhiteNoise, static files collected at build time, non-root.
# Build:  docker build -t ocop-storefront .
# Run:    see compose.yaml (PostgreSQL, Elasticsearch 8, Redis).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# fonts-dejavu: Vietnamese glyphs for images drawn by `load_demo`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 --shell /usr/sbin/nologin ocop

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=ocop:ocop . .

ENV DEBUG=0 \
    WHITENOISE_USE_FINDERS=0 \
    SERVE_MEDIA=0 \
    STATICFILES_STORAGE=whitenoise.storage.CompressedManifestStaticFilesStorage \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media

RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && mkdir -p /data/media /app/var \
    && chown -R ocop:ocop /data /app/var /app/staticfiles

# Production settings from here on: refuses to start without SECRET_KEY, ALLOWED_HOSTS and
# SITE_URL; HTTPS-only cookies, HSTS, redirect to HTTPS (behind a proxy setting
# X-Forwarded-Proto).
ENV DJANGO_ENV=production

USER ocop
EXPOSE 8000
VOLUME ["/data/media"]

# /healthz answers any Host over plain HTTP (storefront/health.py): the probe comes from
# inside the container, before the proxy and outside ALLOWED_HOSTS.
ENV PORT=8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import sys, urllib.request as u; r = u.urlopen(u.Request('http://127.0.0.1:${PORT}/healthz', headers={'Host': 'localhost'}), timeout=4); sys.exit(0 if r.status == 200 else 1)"

# Threaded workers and timeouts: see gunicorn.conf.py.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "storefront.wsgi:application"]
