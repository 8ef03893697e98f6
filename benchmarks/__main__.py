"""``python -m benchmarks --scale demo|national``: how fast and lean Jingzhun is here.

Builds the dataset at the scale (or reuses one built before), then runs, each in its own
process so memory is measured per part: every page through AppTest (first render and
interactions, cold and warm caches), the naive pandas baseline beside the query layer,
several concurrent sessions, print exports of the largest charts, and an import of
100 k household rows (CSV and Excel) into a copy of the dataset. Prints one table
against DESIGN.md §6 and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from benchmarks.report import report_markdown
from loaders.build import build_dataset

ROOT = Path(__file__).resolve().parents[1]


def dataset(scale: str, seed: int, path: Path | None) -> Path:
    """The benchmark dataset: reused when one of this scale and seed exists."""
    path = path or ROOT / "data" / f"bench-{scale}.duckdb"
    if path.exists():
        with duckdb.connect(str(path), read_only=True) as con:
            built = con.execute("SELECT scale, seed FROM dataset_info").fetchall()
        if built == [(scale, seed)]:
            return path
    sys.stderr.write(f"building the {scale} dataset into {path} (not timed)\n")
    return build_dataset(path, scale=scale, seed=seed)


def run_part(module: str, *args: str) -> dict:
    """Run one benchmark part in a fresh Python process and read its JSON."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", f"benchmarks.{module}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmarks.{module} failed:\n{done.stderr[-4000:]}")
    sys.stderr.write(
        f"{module} {' '.join(args[:1])}: {time.perf_counter() - started:.0f} s\n"
    )
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--scale", choices=["tiny", "demo", "national"], default="demo")
    parser.add_argument("--seed", type=int, default=2014)
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="a dataset to use instead of data/bench-SCALE.duckdb",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=5,
        help="samples per measurement (p50 and p95 are over these)",
    )
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)

    db = dataset(args.scale, args.seed, args.db)
    started = time.perf_counter()
    results = {
        "scale": args.scale,
        "dataset": str(db),
        "pages": run_part("pages", "--db", str(db), "--repeats", str(args.repeats)),
        "naive": run_part("baseline", "naive", "--db", str(db)),
        "jingzhun": run_part("baseline", "jingzhun", "--db", str(db)),
        "concurrency": run_part(
            "concurrency",
            "--db",
            str(db),
            "--sessions",
            str(args.sessions),
            "--rounds",
            str(args.rounds),
        ),
        "exports": run_part("exports", "--db", str(db), "--repeats", str(args.repeats)),
        # Into a copy of the dataset: the benchmark dataset itself is never written.
        "imports": run_part("imports", "--db", str(db)),
    }
    results["benchmark_s"] = time.perf_counter() - started

    out = args.out or ROOT / "artifacts" / "benchmarks" / f"{args.scale}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    sys.stdout.write(report_markdown(results))
    sys.stdout.write(f"\nJSON: {out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
