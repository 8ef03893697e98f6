"""The same headline computations two ways: naive pandas in memory, and Jingzhun's
query layer. Run in its own process per mode (``python -m benchmarks.baseline``) so
each reports its own peak memory.

The naive way is what a first dashboard does: read the tables it needs into pandas
(only the columns it uses, which favours it) and group in memory on every request.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

import duckdb

from loaders import Scope, Settings, open_database
from loaders.queries import overview
from loaders.queries.regions import COUNTRY

YEARS = range(2014, 2026)
MAP_YEAR = 2018


def naive(db_path: Path) -> dict:
    """Load the raw tables into pandas, then compute the Overview's national numbers."""
    started = time.perf_counter()
    with duckdb.connect(str(db_path), read_only=True) as con:
        households = con.execute(
            "SELECT county_code, size, registered_year, exit_year, main_cause, "
            "monitor_since_year, monitor_end_year FROM households"
        ).df()
        villages = con.execute(
            "SELECT county_code, population, poverty_village, exit_year FROM villages"
        ).df()
        counties = con.execute(
            "SELECT code, province_code, poverty_county, exit_year FROM counties"
        ).df()
        allocations = con.execute(
            "SELECT allocation_id, county_code, year, amount FROM fund_allocations"
        ).df()
        payments = con.execute(
            "SELECT allocation_id, amount FROM fund_disbursements"
        ).df()
    loaded = time.perf_counter()

    series = []
    for year in YEARS:
        poor = households[
            (households["registered_year"] <= year) & (households["exit_year"] > year)
        ]
        monitored = households[
            (households["monitor_since_year"] <= year)
            & (households["monitor_end_year"].fillna(9999) > year)
        ]
        paid = payments.merge(
            allocations[allocations["year"] == year], on="allocation_id"
        )
        series.append(
            {
                "year": year,
                "poor_people": poor["size"].sum(),
                "monitored": len(monitored),
                "exited_villages": int(
                    (
                        villages["poverty_village"] & (villages["exit_year"] <= year)
                    ).sum()
                ),
                "exited_counties": int(
                    (counties["poverty_county"] & (counties["exit_year"] <= year)).sum()
                ),
                "disbursed": paid["amount_x"].sum(),
            }
        )
    poor = households[
        (households["registered_year"] <= MAP_YEAR)
        & (households["exit_year"] > MAP_YEAR)
    ]
    incidence = (
        poor.groupby("county_code")["size"].sum()
        / villages.groupby("county_code")["population"].sum()
    )
    by_province = (
        incidence.groupby(counties.set_index("code")["province_code"])
        .mean()
        .nlargest(5)
    )
    finished = time.perf_counter()
    return {
        "load_s": loaded - started,
        "compute_s": finished - loaded,
        "counties": int(incidence.notna().sum()),
        "worst": list(by_province.index),
    }


def jingzhun(db_path: Path) -> dict:
    """The same numbers through the query layer, as the Overview asks for them."""
    started = time.perf_counter()
    db = open_database(db_path)
    scope = Scope("public")
    opened = time.perf_counter()
    overview.headline_series(db, scope, COUNTRY, Settings())
    overview.current_facts(db, scope, COUNTRY, Settings(), dt.date(2025, 12, 31))
    values = overview.county_indicator(
        db, scope, COUNTRY, "poverty_incidence_pct", MAP_YEAR, Settings()
    )
    overview.worst_regions(db, scope, COUNTRY, MAP_YEAR, Settings())
    finished = time.perf_counter()
    return {
        "load_s": opened - started,
        "compute_s": finished - opened,
        "counties": int(values["value"].notna().sum()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.baseline")
    parser.add_argument("mode", choices=["naive", "jingzhun"])
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args(argv)
    result = (naive if args.mode == "naive" else jingzhun)(args.db)
    # Twice more, warm: the per-request cost once the data is in memory or cached.
    again = (
        [
            (naive if args.mode == "naive" else jingzhun)(args.db)["compute_s"]
            for _ in range(2)
        ]
        if args.mode == "jingzhun"
        else []
    )
    result["warm_compute_s"] = min(again) if again else result["compute_s"]
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
