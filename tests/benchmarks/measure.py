import statistics
import time


def timed(fn, rounds):
    fn()  # warm caches
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def table(title, rows):
    print(f"\n{title}")
    print(f"{'case':34} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for name, median, p95, queries in rows:
        print(f"{name:34} {median:10.1f} {p95:8.1f} {queries:>8}")
