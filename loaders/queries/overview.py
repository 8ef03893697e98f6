"""Queries behind the Overview page: headline series, the county map, worst regions."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from loaders.db import Database
from loaders.errors import InvalidYearError
from loaders.privacy import (
    suppress_counts,
    suppress_rates,
    suppress_series,
    suppression_threshold,
)
from loaders.queries.regions import Region, county_filter, map_extent
from loaders.scope import Scope
from loaders.settings import Settings

HEADLINE_SERIES_SQL = """
SELECT f.year,
    sum(f.poor_people)::BIGINT AS poor_people_count,
    sum(f.poor_households)::BIGINT AS poor_households_count,
    sum(f.monitored_households)::BIGINT AS monitored_households_count,
    sum(f.exited_villages)::BIGINT AS exited_villages_count,
    sum(f.allocated_yuan) AS allocated_yuan,
    sum(f.disbursed_yuan) AS disbursed_yuan
FROM county_year_facts f JOIN counties c ON c.code = f.county_code
WHERE {where}
GROUP BY f.year ORDER BY f.year
"""

EXITED_COUNTIES_SQL = """
SELECT y.year::INTEGER AS year,
    count(c.code) FILTER (WHERE c.exit_year <= y.year)::BIGINT AS exited_counties_count,
    count(c.code)::BIGINT AS poverty_counties_count
FROM range(2014, 2026) y(year)
LEFT JOIN counties c ON c.poverty_county AND {where}
GROUP BY y.year ORDER BY y.year
"""

CURRENT_FACTS_SQL = """
SELECT coalesce(sum(f.villages), 0)::BIGINT AS villages_count,
    coalesce(sum(f.poverty_villages), 0)::BIGINT AS poverty_villages_count,
    coalesce(sum(f.villages_with_care), 0)::BIGINT AS villages_with_care_count,
    coalesce(sum(f.registered_households), 0)::BIGINT AS registered_households_count,
    coalesce(sum(f.illness_households), 0)::BIGINT AS illness_households_count,
    coalesce(sum(f.rural_population), 0)::BIGINT AS rural_population_count
FROM county_facts f JOIN counties c ON c.code = f.county_code
WHERE {where}
"""

PROJECTS_ON_TRACK_SQL = """
SELECT count(*)::BIGINT AS projects_count,
    count(*) FILTER (
        WHERE p.stage IN ('accepted', 'completed')
           OR p.progress_pct >= ? * least(100.0, 100.0 * (?::DATE - p.start_on)
                                         / greatest(1, p.planned_end_on - p.start_on))
    )::BIGINT AS projects_on_track_count
FROM projects p JOIN counties c ON c.code = p.county_code
WHERE p.stage NOT IN ('library', 'approved') AND p.start_on <= ?::DATE AND {where}
"""

# Per-county indicator values for the map. Each is a named SELECT over the summaries
# with one bound year; the key doubles as the metric key in charts.metrics.
COUNTY_INDICATORS_SQL = {
    "exit_year": """
        SELECT c.code, c.exit_year::DOUBLE AS value FROM counties c
        WHERE c.poverty_county AND ? IS NOT NULL AND {where}""",
    "poverty_incidence_pct": """
        SELECT c.code, 100.0 * y.poor_people / nullif(f.rural_population, 0) AS value,
            y.poor_people AS n
        FROM counties c JOIN county_facts f ON f.county_code = c.code
        JOIN county_year_facts y ON y.county_code = c.code AND y.year = ?
        WHERE {where}""",
    "monitored_per_10k": """
        SELECT c.code, 1e4 * y.monitored_households / nullif(f.rural_population, 0)
            AS value, y.monitored_households AS n
        FROM counties c JOIN county_facts f ON f.county_code = c.code
        JOIN county_year_facts y ON y.county_code = c.code AND y.year = ?
        WHERE {where}""",
    "disbursement_rate_pct": """
        SELECT c.code, 100.0 * y.disbursed_yuan / nullif(y.allocated_yuan, 0) AS value
        FROM counties c
        JOIN county_year_facts y ON y.county_code = c.code AND y.year = ?
        WHERE {where}""",
    "care_gap_pct": """
        SELECT c.code, 100.0 - 100.0 * f.villages_with_care / nullif(f.villages, 0)
            AS value
        FROM counties c JOIN county_facts f ON f.county_code = c.code
        WHERE ? IS NOT NULL AND {where}""",
    "illness_share_pct": """
        SELECT c.code,
            100.0 * f.illness_households / nullif(f.registered_households, 0) AS value,
            f.illness_households AS n
        FROM counties c JOIN county_facts f ON f.county_code = c.code
        WHERE ? IS NOT NULL AND {where}""",
}

# The same indicators aggregated to a group of counties (province or county rows).
GROUPED_INDICATORS_SQL = """
SELECT c.{group} AS code,
    100.0 * sum(y.poor_people) / nullif(sum(f.rural_population), 0)
        AS poverty_incidence_pct,
    1e4 * sum(y.monitored_households) / nullif(sum(f.rural_population), 0)
        AS monitored_per_10k,
    100.0 * sum(y.disbursed_yuan) / nullif(sum(y.allocated_yuan), 0)
        AS disbursement_rate_pct,
    100.0 - 100.0 * sum(f.villages_with_care) / nullif(sum(f.villages), 0)
        AS care_gap_pct,
    100.0 * sum(f.illness_households) / nullif(sum(f.registered_households), 0)
        AS illness_share_pct,
    sum(y.poor_people) AS poor_people,
    sum(y.monitored_households) AS monitored_households,
    sum(f.illness_households) AS illness_households
FROM counties c JOIN county_facts f ON f.county_code = c.code
JOIN county_year_facts y ON y.county_code = c.code AND y.year = ?
WHERE {where}
GROUP BY c.{group}
"""

# Which way is bad for each indicator in "where to look next".
WORSE_WHEN_HIGHER = {
    "poverty_incidence_pct": True,
    "monitored_per_10k": True,
    "disbursement_rate_pct": False,
    "care_gap_pct": True,
    "illness_share_pct": True,
}
MAP_INDICATORS = tuple(COUNTY_INDICATORS_SQL)
# Indicators that are rates over households or people, with the count they divide:
# in public views a rate over fewer than the threshold is hidden like the count.
PERSONAL_NUMERATORS = {
    "poverty_incidence_pct": "poor_people",
    "monitored_per_10k": "monitored_households",
    "illness_share_pct": "illness_households",
}
PERSONAL_COUNTS = (
    "poor_people_count",
    "poor_households_count",
    "monitored_households_count",
    "registered_households_count",
    "illness_households_count",
    "rural_population_count",
)
FIRST_YEAR, LAST_YEAR = 2014, 2025


def check_year(year: int) -> int:
    """The year, if the dataset covers it."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidYearError(
            f"年份 {year} 不在数据范围 {FIRST_YEAR}–{LAST_YEAR} 内，已显示默认年份。",
            f"Year {year} is outside the data ({FIRST_YEAR}–{LAST_YEAR}); "
            "showing the default year.",
        )
    return year


def headline_series(
    db: Database, scope: Scope | None, region: Region, settings: Settings
) -> pd.DataFrame:
    """Per year: poor people, monitoring, exits and money in the region; counts of
    people and households small-cell suppressed in public views."""
    where, params = county_filter(db, scope, region)
    series = db.query(
        HEADLINE_SERIES_SQL.format(where=where), params, name="headline_series"
    )
    counties = db.query(
        EXITED_COUNTIES_SQL.format(where=where), params, name="exited_counties"
    )
    frame = counties.merge(series, on="year", how="left").fillna(0)
    frame["disbursement_rate_pct"] = _pct(
        frame["disbursed_yuan"], frame["allocated_yuan"]
    )
    counts = [c for c in PERSONAL_COUNTS if c in frame.columns]
    return suppress_counts(frame, counts, _threshold(scope, settings))


def current_facts(
    db: Database,
    scope: Scope | None,
    region: Region,
    settings: Settings,
    as_of: dt.date,
) -> pd.Series:
    """Counts and rates that describe the region now (the dataset's as-of date)."""
    where, params = county_filter(db, scope, region)
    facts = db.query(
        CURRENT_FACTS_SQL.format(where=where), params, name="current_facts"
    ).iloc[0]
    projects = db.query(
        PROJECTS_ON_TRACK_SQL.format(where=where),
        [settings.on_track_progress_ratio, as_of, as_of, *params],
        name="projects_on_track",
    ).iloc[0]
    out = {**facts.to_dict(), **projects.to_dict()}
    rates = {
        "care_coverage_pct": ("villages_with_care_count", "villages_count"),
        "illness_share_pct": (
            "illness_households_count",
            "registered_households_count",
        ),
        "projects_on_track_pct": ("projects_on_track_count", "projects_count"),
    }
    for key, (part, whole) in rates.items():
        out[key] = float(_pct(out[part], out[whole]))
    facts = suppress_series(
        pd.Series(out),
        [c for c in PERSONAL_COUNTS if c in out],
        _threshold(scope, settings),
    )
    if pd.isna(facts["illness_households_count"]):
        facts["illness_share_pct"] = np.nan
    return facts


def county_indicator(
    db: Database,
    scope: Scope | None,
    extent: Region,
    indicator: str,
    year: int,
    settings: Settings,
) -> pd.DataFrame:
    """One value per county of ``extent`` (code, value) for the map."""
    sql = COUNTY_INDICATORS_SQL.get(indicator)
    if sql is None:
        raise ValueError(
            f"unknown indicator {indicator!r}; expected one of "
            f"{', '.join(MAP_INDICATORS)}"
        )
    where, params = county_filter(db, scope, extent)
    frame = db.query(
        sql.format(where=where), [check_year(year), *params], name=f"county_{indicator}"
    )
    if "n" not in frame.columns:
        return frame
    return suppress_rates(frame, {"value": "n"}, _threshold(scope, settings))


def worst_regions(
    db: Database, scope: Scope | None, region: Region, year: int, settings: Settings
) -> dict[str, pd.DataFrame]:
    """Per indicator, the ``count`` worst child regions (code, value), worst first.

    The nation lists provinces, a province or city its counties, and a county its
    peers: the counties of its city (of its province where there is no city).
    """
    if region.level == "county":
        region = map_extent(region)
    group = "province_code" if region.level == "country" else "code"
    where, params = county_filter(db, scope, region)
    frame = db.query(
        GROUPED_INDICATORS_SQL.format(group=group, where=where),
        [check_year(year), *params],
        name="worst_regions",
    )
    frame = suppress_rates(frame, PERSONAL_NUMERATORS, _threshold(scope, settings))
    count = settings.worst_regions_count
    out = {}
    for indicator, higher_is_worse in WORSE_WHEN_HIGHER.items():
        values = frame[["code", indicator]].dropna()
        if higher_is_worse:
            # A region with none of the problem is not among the worst (before 2021 no
            # household was monitored; after 2020 nobody was still poor).
            values = values[values[indicator] > 0]
        ranked = values.sort_values(
            indicator, ascending=not higher_is_worse, kind="stable"
        )
        out[indicator] = ranked.head(count).rename(columns={indicator: "value"})
    return out


def _threshold(scope: Scope | None, settings: Settings) -> int | None:
    return suppression_threshold(scope, settings.small_cell_threshold)


def _pct(part, whole):
    whole = np.asarray(whole, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(
            whole > 0, 100.0 * np.asarray(part, dtype=float) / whole, np.nan
        )
