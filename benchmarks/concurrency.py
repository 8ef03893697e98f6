"""Several sessions at once: AppTest instances in threads, each on a scripted tour.

Bounded in sessions and rounds; everything stays inside this process (no network).
Run in its own process: ``python -m benchmarks.concurrency``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

from benchmarks.pages import BIG_PROVINCE, new_session, summarise

TOUR = (
    ("first render", None),
    ("year change", ("selectbox", "g_year", 2017)),
    ("indicator change", ("selectbox", "ov_indicator", "care_gap_pct")),
    ("drill-down", ("selectbox", "g_province", BIG_PROVINCE)),
    ("year change back", ("selectbox", "g_year", 2025)),
)


def tour(rounds: int, timings: dict[str, list[float]], errors: list[str]) -> None:
    """One user's session: the tour, ``rounds`` times."""
    for _ in range(rounds):
        at = new_session()
        for name, step in TOUR:
            started = time.perf_counter()
            try:
                if step is None:
                    at.run()
                else:
                    kind, key, value = step
                    getattr(at, kind)(key=key).set_value(value).run()
            except Exception as error:  # a failed step is a result, not a crash
                errors.append(f"{name}: {error!r}")
                break
            timings.setdefault(name, []).append(time.perf_counter() - started)
            if at.exception:
                errors.append(f"{name}: {[e.value for e in at.exception]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.concurrency")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    os.environ["JINGZHUN_DB"] = str(args.db)

    new_session().run()  # one warm-up, as a running server would have had
    timings: dict[str, list[float]] = {}
    errors: list[str] = []
    threads = [
        threading.Thread(target=tour, args=(args.rounds, timings, errors))
        for _ in range(args.sessions)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=1800)
    rows = [{"action": name, **summarise(samples)} for name, samples in timings.items()]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump(
        {
            "sessions": args.sessions,
            "rounds": args.rounds,
            "rows": rows,
            "errors": errors,
            "wall_s": time.perf_counter() - started,
            "peak_rss_mb": peak_mb,
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
