"""gunicorn settings for the production image (Dockerfile, compose.yaml): `gunicorn -c
gunicorn.conf.py storefront.wsgi:application`.

Threaded workers (gthread): a connection only takes a thread once it has sent data, and
each worker has many threads, so a few slow or stalled clients cannot take every worker the
way they did with 2-3 sync workers. A buffering proxy in front (the TLS terminator) is still
the place to cut slow clients off entirely. See docs/decisions.md.
"""

import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "16"))
# Connections held per worker (in a request or idle keep-alive) before new ones wait.
worker_connections = 1000
# A worker silent this long is restarted; stalled payment calls have their own timeouts, and
# Elasticsearch requests time out after ELASTICSEARCH_TIMEOUT (3 s) and fall back to the
# database (search/backends/fallback.py).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Refuse oversized request lines and header blocks early.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# The proxy in front sets X-Forwarded-*; only trust it from where it runs.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
accesslog = "-"
errorlog = "-"
