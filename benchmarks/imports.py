"""Import speed: 100 k household rows from CSV (and from Excel) into a copy of the
dataset, all or nothing, phase by phase.

Run in its own process: ``python -m benchmarks.imports [--db PATH] [--rows N]``.
The dataset is copied to a temporary folder first; the original is never written.
Prints JSON.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from loaders.db import default_db_path
from loaders.imports import run_import
from loaders.imports.check import id_check_digit
from loaders.scope import Scope
from loaders.settings import Settings

TARGET_SECONDS = 60.0


def household_rows(db_path: Path, rows: int, seed: int = 7) -> pd.DataFrame:
    """``rows`` valid, new households spread over the dataset's villages."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        villages = [r[0] for r in con.execute("SELECT code FROM villages").fetchall()]
    rng = np.random.default_rng(seed)
    village = rng.choice(villages, rows)
    first17 = [
        f"{v[:6]}1970{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
        for n, v in enumerate(village)
    ]
    registered = rng.integers(2014, 2020, rows)
    return pd.DataFrame(
        {
            "household_id": [f"BENCH{n:09d}" for n in range(rows)],
            "village_code": village,
            "size": rng.integers(1, 8, rows),
            "labour_count": 0,
            "registered_year": registered,
            "exit_year": registered + rng.integers(0, 6, rows),
            "status": "exited",
            "main_cause": rng.choice(["illness", "disability", "lack_funds"], rows),
            "income_per_capita": rng.uniform(4000, 20000, rows).round(2),
            "food_clothing_ok": "是",
            "water_safe": "1",
            "head_name": "张三",
            "id_number": [f + id_check_digit(f) for f in first17],
        }
    )


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def run(db_path: Path, rows: int) -> dict:
    frame = household_rows(db_path, rows)
    csv = frame.to_csv(index=False).encode("utf-8")
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    xlsx = buffer.getvalue()
    settings = Settings()
    out: dict = {
        "rows": rows,
        "csv_mb": len(csv) / 1e6,
        "xlsx_mb": len(xlsx) / 1e6,
        "target_s": TARGET_SECONDS,
    }
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "bench.duckdb"
        shutil.copy(db_path, copy)
        out["dataset_mb"] = copy.stat().st_size / 1e6
        # Write is the new version: copy the dataset, insert, refresh the
        # summaries, checkpoint, verify, swap.
        done, out["import_csv_s"] = timed(
            lambda: run_import(
                copy,
                "households",
                csv,
                "h.csv",
                username="bench",
                scope=Scope("admin"),
                settings=settings,
            )
        )
        assert done.rows == rows
        out.update({f"csv_{k}_s": v for k, v in done.phases.items()})
        shutil.copy(db_path, copy)
        done, out["import_xlsx_s"] = timed(
            lambda: run_import(
                copy,
                "households",
                xlsx,
                "h.xlsx",
                username="bench",
                scope=Scope("admin"),
                settings=settings,
            )
        )
        assert done.rows == rows
        out.update({f"xlsx_{k}_s": v for k, v in done.phases.items()})
    out["within_target"] = (
        max(out["import_csv_s"], out["import_xlsx_s"]) < TARGET_SECONDS
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.imports")
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    result = run(args.db or default_db_path(), args.rows)
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
