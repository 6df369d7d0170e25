"""Issue 15, item 9: ELASTICSEARCH_URL in the environment used to switch the whole test
session to Elasticsearch (every factory save indexed into the cluster), and the network
guard refused any cluster not on loopback. Tests now search the database unless they ask;
the contract suite's cluster is TEST_ELASTICSEARCH_URL, which the guard lets through."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from search.backends import get_backend

ROOT = Path(__file__).resolve().parents[2]
PROBE = "OCOP_SEARCH_ISOLATION_PROBE"


def test_tests_search_the_database_unless_they_ask():
    assert settings.SEARCH_BACKEND == "database" and settings.ELASTICSEARCH_URL == ""
    assert get_backend().name == "database"


@pytest.mark.skipif(not os.environ.get(PROBE), reason="run by the test below")
def test_the_guard_lets_the_contract_cluster_through():
    with socket.socket() as sock:
        sock.settimeout(0.05)
        try:
            sock.connect(("192.0.2.1", 9200))  # TEST-NET-1: the probe's cluster address
        except OSError:
            pass  # nothing listens there; what matters is that the guard let it try


def test_a_session_with_elasticsearch_urls_still_searches_the_database():
    env = {
        **os.environ,
        "ELASTICSEARCH_URL": "http://127.0.0.1:9",
        "TEST_ELASTICSEARCH_URL": "http://192.0.2.1:9200",
        PROBE: "1",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            __file__,
            "-k",
            "guard or unless_they_ask",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "2 passed" in result.stdout
