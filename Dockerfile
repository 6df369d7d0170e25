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

USER ocop
EXPOSE 8000
VOLUME ["/data/media"]

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import sys, urllib.request as u; r = u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': 'localhost'}), timeout=4); sys.exit(0 if r.status == 200 else 1)"

CMD ["gunicorn", "storefront.wsgi:application", \
     "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*"]
