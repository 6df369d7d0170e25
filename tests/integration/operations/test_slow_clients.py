"""Item 17: the production server (gunicorn with the repository's gunicorn.conf.py) keeps
answering while several clients dribble their headers and never finish them."""

import os
import re
import socket
import subprocess
import sys

import pytest

from tests.integration.operations.conftest import ROOT, clean_env

SLOW_CLIENTS = 8  # more than the sync workers that used to face the internet


def test_dockerfile_and_compose_use_the_gunicorn_config():
    assert "gunicorn.conf.py" in (ROOT / "Dockerfile").read_text()
    compose = (ROOT / "compose.yaml").read_text()
    assert re.search(r"gunicorn\s+-c\s+gunicorn\.conf\.py", compose)


def http_get(port, path, host="localhost"):
    with socket.create_connection(("127.0.0.1", port), timeout=120) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data.decode("latin-1")


@pytest.fixture
def gunicorn(tmp_path):
    """gunicorn as the image runs it, on a loopback socket made here (fd://), so clients can
    queue before the workers are up and no readiness polling is needed."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    port = listener.getsockname()[1]
    env = clean_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_SETTINGS_MODULE="storefront.settings",
        SECRET_KEY="slow-clients-test-" + "x" * 40,
        WEB_CONCURRENCY="2",
    )
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"fd://{listener.fileno()}",
            "storefront.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        pass_fds=[listener.fileno()],
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "gunicorn.log", "wb"),  # noqa: SIM115
    )
    try:
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        listener.close()


def test_healthz_answers_while_clients_dribble_headers(gunicorn):
    slow = []
    try:
        for _ in range(SLOW_CLIENTS):
            s = socket.create_connection(("127.0.0.1", gunicorn), timeout=120)
            # A request line and part of a header, then nothing: each holds what reads it.
            s.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: a")
            slow.append(s)
        response = http_get(gunicorn, "/healthz")
        assert response.startswith("HTTP/1.1 200"), response[:500]
        assert '"database": "ok"' in response
        # The slow clients are still connected, not dropped to make room.
        for s in slow:
            s.sendall(b"b")
    finally:
        for s in slow:
            s.close()
