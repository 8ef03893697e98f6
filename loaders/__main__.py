"""Command line: ``python -m loaders build --scale tiny|demo|national``."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from loaders.build import build_dataset
from loaders.calibration_check import calibration_report
from loaders.db import default_db_path, open_database
from loaders.demo.scales import SCALES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the synthetic demo dataset")
    build.add_argument("--scale", choices=list(SCALES), default="demo")
    build.add_argument("--seed", type=int, default=2014)
    build.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output file (default: $JINGZHUN_DB or data/jingzhun.duckdb)",
    )
    build.add_argument(
        "--if-missing",
        action="store_true",
        help="do nothing when the output file already exists",
    )
    check = commands.add_parser(
        "check",
        help="compare a built dataset with the public facts it is calibrated to",
    )
    check.add_argument(
        "--db",
        type=Path,
        default=None,
        help="dataset file (default: $JINGZHUN_DB or data/jingzhun.duckdb)",
    )
    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(args.db or default_db_path())

    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    out = args.out or default_db_path()
    if args.if_missing and out.exists():
        logging.info("dataset %s exists; not rebuilding", out)
        return 0
    started = time.perf_counter()
    logging.info(
        "building the %s dataset (seed %d) into %s", args.scale, args.seed, out
    )
    build_dataset(out, scale=args.scale, seed=args.seed)
    size_mb = out.stat().st_size / 1e6
    logging.info("done in %.1f s, %.0f MB", time.perf_counter() - started, size_mb)
    return 0


def run_check(path: Path) -> int:
    """Print the calibration report; exit 1 when a check fails."""
    db = open_database(path)
    report = calibration_report(db)
    db.close()
    sys.stdout.write(report.to_string(index=False, float_format=lambda v: f"{v:,.4g}"))
    sys.stdout.write("\n")
    return 0 if report["passed"].all() else 1


if __name__ == "__main__":
    sys.exit(main())
