"""Issue 15: the code imports `elasticsearch.dsl`, which exists only in the client from
8.18; the client itself must be pinned (elasticsearch-dsl 8.18 accepts any 8.x), and to
what is installed."""

import re
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pins():
    text = (ROOT / "requirements.txt").read_text()
    return dict(re.findall(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)", text, re.M))


def test_the_elasticsearch_client_is_pinned_beside_the_dsl():
    pinned = pins()
    assert "elasticsearch" in pinned and "elasticsearch-dsl" in pinned
    major, minor = (int(n) for n in pinned["elasticsearch"].split(".")[:2])
    assert major == 8 and minor >= 18  # elasticsearch.dsl; an 8.x client for an ES 8 cluster
    assert version("elasticsearch") == pinned["elasticsearch"]
    assert version("elastic-transport") == pinned["elastic-transport"]
