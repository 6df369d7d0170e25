"""Pages under load: our shop and a stock django-oscar 4.2 shop on the same products, both
served by gunicorn with gunicorn.conf.py (the same workers and threads), loaded by `wrk`,
pages alternated between the servers in one run. Prints one table and the ratios of
issue 13 against tests/benchmarks/budgets.py.

    make bench                                   # 10k products on SQLite
    python -m tests.benchmarks.pages --report    # the last run's table again (pages.json)
    BENCH_DBS=sqlite,postgres BENCH_SCALES=10000,100000 make bench    # the full matrix

Environment:
    BENCH_DBS          sqlite,postgres (default sqlite)
    BENCH_SCALES       products, comma-separated (default 10000)
    BENCH_SECONDS      wrk duration per page and visitor kind (default 5)
    BENCH_PAGES        pages to measure, comma-separated (default all: home, catalogue, ...)
    BENCH_CONNECTIONS  wrk connections (default 8, as in issue 13), BENCH_WRK_THREADS (2)
    BENCH_PG           PostgreSQL server URL (default postgres://postgres@127.0.0.1:5432)
    BENCH_REDIS_URL    REDIS_URL for our shop (default none: local-memory cache per worker)
    BENCH_STOCK=0      skip stock Oscar
    BENCH_FACETS=0     skip the cold faceted queries (tests/benchmarks/facets.py) after the table
    BENCH_ORDERS_PER_SECOND   orders placed during the "orders" kind's run (default 2; 0: no
                       "orders" rows)
    BENCH_GZIP=0       wrk without "Accept-Encoding: gzip" (default: sent, as every browser
                       does; our shop answers compressed, stock Oscar does not compress)
    WEB_CONCURRENCY, GUNICORN_THREADS   gunicorn workers x threads for both shops

Visitor kinds: "cached" is an anonymous visitor with the page cache on; "miss" the same
with PAGE_CACHE=0 but the fragments on (a page rendered for this visitor whose expensive
parts an earlier render left in the cache, as a guest with a basket gets); "cold" with
PAGE_CACHE=0 FRAGMENT_CACHE=0, nothing cached; "signed_in" a session cookie of a signed-in
buyer (fragments). "miss" and "cold" each have their own gunicorn.
"orders" is the cached kind on a promotion day: the same anonymous visitor of the cached
shop while tests/benchmarks/orders.py places real orders (BENCH_ORDERS_PER_SECOND, default
2) for products picked at random from those in stock; the row tells how many orders moved
the content version (those that sold out a product or left few: catalogue/shown_stock.py).
Queries per request are counted in-process (tests/benchmarks/inprocess.py), not through
gunicorn. Databases are made and loaded once and kept (var/bench/*.sqlite3,
ocop_bench_<n>k and ocop_bench_stock_<n>k on PostgreSQL); delete them to start over.
"""

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.benchmarks import budgets

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WRK_THREADS = int(os.environ.get("BENCH_WRK_THREADS", "2"))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
ALL_PAGES = [
    "home",
    "catalogue",
    "browse",
    "multi-filter",
    "search",
    "product",
    "producer",
    "news",
    "fair",
    "basket",
]
PAGES = [p for p in os.environ.get("BENCH_PAGES", ",".join(ALL_PAGES)).split(",") if p]
STOCK_SETTINGS = "tests.benchmarks.stock_oscar.settings"
# Our anonymous visitor kinds (module docstring), each served by its own gunicorn.
OUR_KINDS = {
    "cached": {"PAGE_CACHE": "1"},
    "miss": {"PAGE_CACHE": "0", "FRAGMENT_CACHE": "1"},
    "cold": {"PAGE_CACHE": "0", "FRAGMENT_CACHE": "0"},
}


GZIP = os.environ.get("BENCH_GZIP", "1") != "0"
ORDERS_PER_SECOND = float(os.environ.get("BENCH_ORDERS_PER_SECOND", "2"))


def database_url(shop, db, scale):
    if db == "sqlite":
        return f"sqlite:///{VAR / f'{shop}-{scale}.sqlite3'}"
    name = "ocop_bench" if shop == "ocop" else "ocop_bench_stock"
    return f"{PG}/{name}_{scale // 1000}k"


def environment(**extra):
    skip = ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "PAGE_CACHE", "FRAGMENT_CACHE")
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(MEDIA_ROOT=str(VAR / "media"), PYTHONPATH=str(ROOT), LOG_LEVEL="ERROR")
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    env.update(extra)
    return env


def run(args, **env):
    return subprocess.run(
        args, cwd=ROOT, env=environment(**env), check=True, capture_output=True, text=True
    ).stdout


def ensure_pg_database(url):
    name = url.rsplit("/", 1)[1]
    found = subprocess.run(
        ["psql", f"{PG}/postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not found:
        subprocess.run(["psql", f"{PG}/postgres", "-c", f"CREATE DATABASE {name}"], check=True)


def prepare(db, scale):
    """Migrate and load both shops' databases (a no-op when already loaded)."""
    VAR.mkdir(parents=True, exist_ok=True)
    ours, stock = database_url("ocop", db, scale), database_url("stock", db, scale)
    if db == "postgres":
        ensure_pg_database(ours)
        ensure_pg_database(stock)
    started = time.perf_counter()
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], DATABASE_URL=ours)
    run([PYTHON, "manage.py", "load_demo", "--products", str(scale), "-v0"], DATABASE_URL=ours)
    if os.environ.get("BENCH_STOCK", "1") != "0":
        run(
            [PYTHON, "-m", "tests.benchmarks.stock_oscar.load", "--products", str(scale)],
            DATABASE_URL=stock,
            DJANGO_SETTINGS_MODULE=STOCK_SETTINGS,
        )
    print(f"[{db} {scale}] databases ready in {time.perf_counter() - started:.0f}s", flush=True)
    return ours, stock


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(name, app, **env):
    port = free_port()
    log = open(VAR / f"gunicorn-{name}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", app],
        cwd=ROOT,
        env=environment(GUNICORN_BIND=f"127.0.0.1:{port}", **env),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    SERVERS[base] = process.pid
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/", timeout=30).close()
                break
            except OSError as error:
                if getattr(error, "code", None):  # an HTTP error: the server is up
                    break
                if process.poll() is not None:
                    raise RuntimeError(f"gunicorn {name} exited; see {log.name}") from error
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        SERVERS.pop(base, None)


SERVERS = {}  # base URL -> gunicorn master pid
ROWS = []  # every measured row of this run, written to var/bench/pages.json as it goes


def _cpu_seconds(master):
    """CPU time used so far by a gunicorn master's workers (Linux /proc)."""
    total = 0
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return 0.0
    for pid in children:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def settle(timeout=120):
    """Wait until every server is idle: requests still running after wrk has gone (stock
    Oscar's search takes seconds each) would otherwise take CPU from the next page."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = {base: _cpu_seconds(pid) for base, pid in SERVERS.items()}
        time.sleep(0.5)
        busy = sum(_cpu_seconds(pid) - before[base] for base, pid in SERVERS.items())
        if busy < 0.05:
            return


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * UNITS[unit]


@contextlib.contextmanager
def orders_placed(database, seconds):
    """Orders at ORDERS_PER_SECOND for `seconds` in a process of their own; yields a dict
    filled with tests/benchmarks/orders.py's counts when the block ends."""
    counts = {}
    process = subprocess.Popen(
        [PYTHON, "-m", "tests.benchmarks.orders", str(ORDERS_PER_SECOND), str(seconds)],
        cwd=ROOT,
        env=environment(
            DATABASE_URL=database, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        ),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield counts
    finally:
        out, _ = process.communicate(timeout=seconds + 120)
        counts.update(json.loads(out) if process.returncode == 0 else {"failed": True})


def wrk(url, seconds, cookie=None):
    args = ["wrk", f"-t{WRK_THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s"]
    args.append("--latency")
    if GZIP:
        args += ["-H", "Accept-Encoding: gzip"]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    # wrk pads short units ("1.30s ") to line them up with "ms".
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)$", out, re.M)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(latency["50"]) if "50" in latency else None,
        "p99": _ms(latency["99"]) if "99" in latency else None,
        "bad": int(bad.group(1)) if bad else 0,
        "errors": errors.group(1) if errors else "",
    }


def warm(url, cookie):
    """A few requests one at a time, then a second of load: templates, caches, connections
    in every worker before the measured run."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    for _ in range(4):
        try:
            urllib.request.urlopen(request, timeout=60).read()
        except OSError:  # a page slower than a minute (stock Oscar's search at 100k)
            break
    wrk(url, 1, cookie)


def measure(db, scale):
    ours_url, stock_url = prepare(db, scale)
    with_stock = os.environ.get("BENCH_STOCK", "1") != "0"
    info = {
        kind: json.loads(
            run([PYTHON, "-m", "tests.benchmarks.inprocess", "ours"], DATABASE_URL=ours_url, **env)
        )
        for kind, env in OUR_KINDS.items()
    }
    stock = (
        json.loads(
            run(
                [PYTHON, "-m", "tests.benchmarks.inprocess", "stock"],
                DATABASE_URL=stock_url,
                DJANGO_SETTINGS_MODULE=STOCK_SETTINGS,
            )
        )
        if with_stock
        else None
    )
    pages = info["cached"]["pages"]
    with contextlib.ExitStack() as stack:
        servers = {
            kind: stack.enter_context(
                gunicorn(
                    "ours" if kind == "cached" else f"ours-{kind}",
                    "storefront.wsgi:application",
                    DATABASE_URL=ours_url,
                    **env,
                )
            )
            for kind, env in OUR_KINDS.items()
        }
        if stock:
            servers["stock"] = stack.enter_context(
                gunicorn(
                    "stock",
                    "tests.benchmarks.stock_oscar.wsgi:application",
                    DATABASE_URL=stock_url,
                    DJANGO_SETTINGS_MODULE=STOCK_SETTINGS,
                )
            )
        session = f"sessionid={info['cached']['session']}"
        for page in PAGES:  # pages alternated: every server measured on this page in turn
            runs = [
                ("ours", kind, servers[kind] + pages[page], None, info[kind]["anonymous"][page])
                for kind in OUR_KINDS
            ]
            runs.append(
                (
                    "ours",
                    "signed_in",
                    servers["cached"] + pages[page],
                    session,
                    info["cached"]["signed_in"][page],
                )
            )
            if ORDERS_PER_SECOND > 0:
                runs.append(
                    (
                        "ours",
                        "orders",
                        servers["cached"] + pages[page],
                        None,
                        info["cached"]["anonymous"][page],
                    )
                )
            if stock and page in stock["pages"]:
                stock_session = f"sessionid={stock['session']}"
                runs += [
                    (
                        "stock",
                        "anonymous",
                        servers["stock"] + stock["pages"][page],
                        None,
                        stock["anonymous"][page],
                    ),
                    (
                        "stock",
                        "signed_in",
                        servers["stock"] + stock["pages"][page],
                        stock_session,
                        stock["signed_in"][page],
                    ),
                ]
            for shop, kind, url, cookie, inproc in runs:
                warm(url, cookie)
                settle()
                if kind == "orders":
                    with orders_placed(ours_url, SECONDS) as orders:
                        result = wrk(url, SECONDS, cookie)
                    result["orders"] = orders
                else:
                    result = wrk(url, SECONDS, cookie)
                settle()
                ROWS.append(
                    {
                        "db": db,
                        "products": scale,
                        "page": page,
                        "shop": shop,
                        "kind": kind,
                        **result,
                        **inproc,
                    }
                )
                (VAR / "pages.json").write_text(json.dumps(ROWS, indent=1))
                print(
                    f"  {db} {scale} {page:12} {shop:5} {kind:9} {result['rps']:8.1f} req/s",
                    file=sys.stderr,
                    flush=True,
                )


def print_table(rows):
    print(
        f"\nPages under load: wrk {WRK_THREADS} threads, {CONNECTIONS} connections, {SECONDS}s "
        f"per page and kind; gunicorn.conf.py with {os.environ.get('WEB_CONCURRENCY', '2')} "
        f"workers x {os.environ.get('GUNICORN_THREADS', '16')} threads for both shops"
    )
    head = (
        f"{'db':8} {'products':>8} {'page':12} {'shop':5} {'visitor':9} {'req/s':>8} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'queries':>7} {'q budget':>8} {'p99 budget':>10}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        if r["shop"] == "ours":
            limit = budgets.query_budget(r["kind"], r["page"])
            q_mark = f"{budgets.mark(r['queries'], limit)} {limit}"
            p_limit = budgets.p99_budget(r["kind"], r["page"])
            p_mark = f"{budgets.mark(r['p99'], p_limit)} {p_limit}"
        else:
            q_mark = p_mark = ""
        flags = ""
        if r.get("orders"):
            o = r["orders"]
            flags = (
                f"  {o.get('placed', 0)} orders, {o.get('version_moves', 0)} moved the version"
                if not o.get("failed")
                else "  the order generator failed"
            )
        if r["bad"] or r["errors"] or r["status"] != 200:
            flags = f"  status {r['status']}, non-2xx {r['bad']} {r['errors']}"
        print(
            f"{r['db']:8} {r['products']:>8} {r['page']:12} {r['shop']:5} {r['kind']:9} "
            f"{r['rps']:8.1f} {_num(r['p50'])} {_num(r['p99'])} {r['queries']:>7} "
            f"{q_mark:>8} {p_mark:>10}{flags}"
        )


def _num(value):
    return f"{value:7.1f}" if value is not None else f"{'-':>7}"


def print_ratios(rows):
    by = {(r["db"], r["products"], r["shop"], r["kind"], r["page"]): r["rps"] for r in rows}
    runs = sorted({(r["db"], r["products"]) for r in rows})
    print("\nRatios to stock Oscar in the same run (issue 13's targets, budgets.RATIOS)")
    print(f"{'db':8} {'products':>8} {'ours':28} {'stock Oscar':20} {'ratio':>7} {'target':>7}")
    for db, scale in runs:
        for page, kind, stock_page, target in budgets.RATIOS:
            ours = by.get((db, scale, "ours", kind, page))
            stock = by.get((db, scale, "stock", "anonymous", stock_page))
            if ours is None or stock is None:
                continue
            if stock:
                ratio, shown = ours / stock, f"{ours / stock:6.1f}x"
            else:  # not one request of stock Oscar's finished in the run: at least this
                ratio = ours * SECONDS
                shown = f">{ratio:5.0f}x"
            print(
                f"{db:8} {scale:>8} {page + ' (' + kind + ')':28} {stock_page + ' (anonymous)':20} "
                f"{shown} {target:6.1f}x {budgets.mark(ratio, target, True)}"
            )


def main():
    if sys.argv[1:] == ["--report"]:  # print the last run's table again
        rows = json.loads((VAR / "pages.json").read_text())
        print_table(rows)
        print_ratios(rows)
        return
    dbs = [d for d in os.environ.get("BENCH_DBS", "sqlite").split(",") if d]
    scales = [int(n) for n in os.environ.get("BENCH_SCALES", "10000").split(",") if n]
    VAR.mkdir(parents=True, exist_ok=True)
    for scale in scales:
        for db in dbs:
            measure(db, scale)
    rows = ROWS
    print_table(rows)
    if any(r["shop"] == "stock" for r in rows):
        print_ratios(rows)
    if os.environ.get("BENCH_FACETS", "1") != "0":
        for scale in scales:
            for db in dbs:  # cold faceted queries and autocomplete on the same databases
                out = run(
                    [PYTHON, "-m", "tests.benchmarks.facets"],
                    DATABASE_URL=database_url("ocop", db, scale),
                )
                print(out, end="")


if __name__ == "__main__":
    main()
