"""A recording HTTP stub of Elasticsearch 8 on loopback, for the failure modes no real
cluster here can show (down, hanging, 400 window, 404 alias, 429 on bulk, two indices on
the alias). It is a stub, not a fake: it keeps no documents and answers only what a test
routes; the contract suite against a real cluster stays the truth for results.

Bodies follow the Elasticsearch 8 reference (error objects with `root_cause`, `type`,
`reason`, `status`), and every answer carries `X-Elastic-Product: Elasticsearch`, which the
8.x client checks on 2xx responses.
"""

import json
import re
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def es_error(status, type_, reason, **extra):
    """An Elasticsearch error body: {"error": {"root_cause": [...], ...}, "status": n}."""
    cause = {"type": type_, "reason": reason, **extra}
    return {"error": {"root_cause": [cause], **cause}, "status": status}


def index_not_found(name):
    return es_error(
        404,
        "index_not_found_exception",
        f"no such index [{name}]",
        **{"resource.type": "index_or_alias", "resource.id": name, "index": name},
        index_uuid="_na_",
    )


def window_too_large(asked, window=10_000):
    cause = {
        "type": "illegal_argument_exception",
        "reason": (
            f"Result window is too large, from + size must be less than or equal to: "
            f"[{window}] but was [{asked}]. See the scroll api for a more efficient way to "
            "request large data sets. This limit can be set by changing the "
            "[index.max_result_window] index level setting."
        ),
    }
    return {
        "error": {
            "root_cause": [cause],
            "type": "search_phase_execution_exception",
            "reason": "all shards failed",
            "phase": "query",
            "grouped": True,
            "failed_shards": [{"shard": 0, "index": "ocop-products-1", "reason": cause}],
            "caused_by": cause,
        },
        "status": 400,
    }


def already_exists(name):
    return es_error(
        400,
        "resource_already_exists_exception",
        f"index [{name}/Xy3a] already exists",
        index_uuid="Xy3a",
        index=name,
    )


def search_answer(ids=(), total=None, aggs=None, relation="eq"):
    hits = [{"_index": "ocop-products-1", "_id": str(i), "_score": 1.0} for i in ids]
    body = {
        "took": 1,
        "timed_out": False,
        "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {
            "total": {"value": len(hits) if total is None else total, "relation": relation},
            "max_score": 1.0 if hits else None,
            "hits": hits,
        },
    }
    if aggs is not None:
        body["aggregations"] = aggs
    return body


def empty_aggs():
    empty = {"doc_count": 0, "levels": {"buckets": []}}
    aggs = {n: empty for n in ("group", "category", "province", "kind", "standard", "price")}
    aggs["stars"] = {"doc_count": 0, "valid": {"doc_count": 0, "levels": {"buckets": []}}}
    aggs["in_stock"] = {"doc_count": 0, "levels": {"doc_count": 0}}
    return aggs


def bulk_answer(lines, status=None, error=None):
    """A `_bulk` answer for the NDJSON request lines: every action ok, or with `status` and
    `error` on each item (the request itself answers 200, `errors: true`)."""
    items = []
    actions = [json.loads(line) for line in lines if line.strip()]
    i = 0
    while i < len(actions):
        ((op, meta),) = actions[i].items()
        i += 1 if op == "delete" else 2
        item = {"_index": meta.get("_index", "x"), "_id": str(meta.get("_id")), "status": 200}
        if status:
            item.update(status=status, error=error)
        else:
            item["result"] = "deleted" if op == "delete" else "updated"
        items.append({op: item})
    return {"took": 1, "errors": bool(status), "items": items}


@dataclass
class Request:
    method: str
    path: str
    query: dict
    body: object  # parsed JSON, a list of NDJSON lines (bulk), or None
    headers: dict = field(default_factory=dict)

    def json_lines(self):
        return self.body if isinstance(self.body, list) else []


@dataclass
class Stub:
    """Routes are (method, path regex, answer); an answer is (status, body) or a callable
    taking the Request and returning one. Unrouted requests get 404 index_not_found."""

    url: str = ""
    requests: list = field(default_factory=list)
    routes: list = field(default_factory=list)

    def route(self, method, pattern, answer):
        self.routes.insert(0, (method, re.compile(pattern), answer))
        return self

    def seen(self, method=None, pattern=""):
        return [
            r
            for r in self.requests
            if (method is None or r.method == method) and re.search(pattern, r.path)
        ]

    def answer(self, request):
        for method, pattern, answer in self.routes:
            if method == request.method and pattern.search(request.path):
                return answer(request) if callable(answer) else answer
        name = request.path.strip("/").split("/")[0] or "_all"
        return 404, index_not_found(name)


def _handler(stub):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _serve(self):
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode() if length else ""
            if "_bulk" in parts.path:
                body = [line for line in raw.splitlines() if line.strip()]
            else:
                body = json.loads(raw) if raw else None
            request = Request(
                self.command,
                parts.path,
                parse_qs(parts.query),
                body,
                {k.lower(): v for k, v in self.headers.items()},
            )
            stub.requests.append(request)
            status, payload = stub.answer(request)
            data = b"" if self.command == "HEAD" else json.dumps(payload or {}).encode()
            self.send_response(status)
            self.send_header("X-Elastic-Product", "Elasticsearch")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

    return Handler


class running:
    """Context manager: a Stub served on a free loopback port."""

    def __init__(self):
        self.stub = Stub()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.stub))
        self.server.daemon_threads = True
        self.stub.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self.stub

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class silent:
    """Context manager: a loopback port that accepts connections and never answers (a hung
    cluster). Yields its URL."""

    def __enter__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def __exit__(self, *exc):
        self.sock.close()


def closed_port_url():
    """A loopback URL nothing listens on (bound, then released): a cluster that is down."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


ACK = (200, {"acknowledged": True, "shards_acknowledged": True})


def accepting(stub, alias="ocop-products", indices=()):
    """Routes for a cluster that accepts every call: index creation, settings, refresh,
    alias changes and deletions are acknowledged, bulk items succeed, searches find
    nothing. The alias starts on `indices` (none: it is missing) and follows `_aliases`
    actions and aliases given in a create body; `stub.aliased` shows where it points."""
    stub.aliased = set(indices)

    def create(request):
        if alias in ((request.body or {}).get("aliases") or {}):
            stub.aliased.add(request.path.strip("/"))
        return ACK

    def update(request):
        for action in request.body["actions"]:
            ((op, target),) = action.items()
            if target.get("alias") == alias:
                (stub.aliased.add if op == "add" else stub.aliased.discard)(target["index"])
        return 200, {"acknowledged": True}

    def exists(request):
        return (200 if stub.aliased else 404), None

    def get(request):
        if not stub.aliased:
            return 404, {"error": f"alias [{alias}] missing", "status": 404}
        return 200, {name: {"aliases": {alias: {}}} for name in sorted(stub.aliased)}

    stub.route("PUT", r"^/[^_/][^/]*$", create)
    stub.route("PUT", r"/_settings$", (200, {"acknowledged": True}))
    stub.route("POST", r"/_refresh$", (200, {"_shards": {"total": 1, "successful": 1}}))
    stub.route("POST", r"^/_aliases$", update)
    stub.route("DELETE", r"^/[^_/][^/]*$", (200, {"acknowledged": True}))
    stub.route("PUT", r"^/_bulk$", lambda r: (200, bulk_answer(r.body)))
    stub.route("POST", r"/_search$", (200, search_answer()))
    stub.route("HEAD", r"^/$", (200, None))
    stub.route("HEAD", rf"^/_alias/{alias}$", exists)
    stub.route("GET", rf"^/_alias/{alias}$", get)
    return stub
