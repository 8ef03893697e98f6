"""Queries behind the CPPCC evidence pack: one topic's indicators for a region, its
sub-regions ranked by their gap, and its peers.

Each topic is one SQL over the summaries and base tables, grouped by the level asked
for (province or county) and restricted to the viewer's scope by ``county_filter``.
The definitions match the Overview's (``loaders/queries/overview.py``): clinic-and-
doctor coverage from ``county_facts``, money and monitoring from
``county_year_facts``, projects on track with ``on_track_progress_ratio``; the
infrastructure shares count the villages table's flags.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from loaders.db import Database
from loaders.privacy import suppress_counts, suppress_rates, suppression_threshold
from loaders.queries.overview import check_year
from loaders.queries.regions import COUNTRY, Region, county_filter, map_extent
from loaders.scope import Scope
from loaders.settings import Settings

TOPICS = ("health", "funds", "projects", "monitoring", "infrastructure")

# Per topic: the SQL of its indicators per group, the indicator that ranks the gaps
# and whether a higher value is worse. ``{group}`` is a column of counties ``c``.
TOPIC_SQL = {
    "health": """
        SELECT {group} AS code,
            sum(f.villages)::BIGINT AS villages_count,
            sum(f.villages_with_care)::BIGINT AS villages_with_care_count,
            (sum(f.villages) - sum(f.villages_with_care))::BIGINT
                AS villages_without_care_count,
            100.0 - 100.0 * sum(f.villages_with_care) / nullif(sum(f.villages), 0)
                AS care_gap_pct,
            sum(f.illness_households)::BIGINT AS illness_households_count,
            100.0 * sum(f.illness_households)
                / nullif(sum(f.registered_households), 0) AS illness_share_pct
        FROM counties c JOIN county_facts f ON f.county_code = c.code
        WHERE ? IS NOT NULL AND ? IS NOT NULL AND ? IS NOT NULL AND {where}
        GROUP BY 1""",
    "funds": """
        SELECT {group} AS code,
            sum(y.allocated_yuan) AS allocated_yuan,
            sum(y.disbursed_yuan) AS disbursed_yuan,
            sum(y.allocated_yuan) - sum(y.disbursed_yuan) AS undisbursed_yuan,
            100.0 * sum(y.disbursed_yuan) / nullif(sum(y.allocated_yuan), 0)
                AS disbursement_rate_pct
        FROM counties c JOIN county_year_facts y ON y.county_code = c.code
        WHERE y.year = ? AND ? IS NOT NULL AND ? IS NOT NULL AND {where}
        GROUP BY 1""",
    "projects": """
        SELECT {group} AS code,
            count(*)::BIGINT AS projects_count,
            count(*) FILTER (
                WHERE p.stage IN ('accepted', 'completed')
                   OR p.progress_pct >= ? * least(100.0,
                        100.0 * (?::DATE - p.start_on)
                        / greatest(1, p.planned_end_on - p.start_on))
            )::BIGINT AS projects_on_track_count,
            100.0 * count(*) FILTER (
                WHERE p.stage IN ('accepted', 'completed')
                   OR p.progress_pct >= ? * least(100.0,
                        100.0 * (?::DATE - p.start_on)
                        / greatest(1, p.planned_end_on - p.start_on))
            ) / nullif(count(*), 0) AS projects_on_track_pct
        FROM projects p JOIN counties c ON c.code = p.county_code
        WHERE p.stage NOT IN ('library', 'approved') AND p.start_on <= ?::DATE
            AND {where}
        GROUP BY 1""",
    "monitoring": """
        SELECT {group} AS code,
            sum(y.monitored_households)::BIGINT AS monitored_households_count,
            1e4 * sum(y.monitored_households) / nullif(sum(f.rural_population), 0)
                AS monitored_per_10k,
            sum(f.rural_population)::BIGINT AS rural_population_count
        FROM counties c JOIN county_facts f ON f.county_code = c.code
        JOIN county_year_facts y ON y.county_code = c.code AND y.year = ?
        WHERE ? IS NOT NULL AND ? IS NOT NULL AND {where}
        GROUP BY 1""",
    "infrastructure": """
        SELECT {group} AS code,
            count(*)::BIGINT AS villages_count,
            100.0 * count(*) FILTER (WHERE NOT v.paved_road) / count(*)
                AS no_paved_road_pct,
            100.0 * count(*) FILTER (WHERE NOT v.safe_water) / count(*)
                AS no_safe_water_pct,
            100.0 * count(*) FILTER (WHERE NOT v.grid_power) / count(*)
                AS no_grid_power_pct,
            100.0 * count(*) FILTER (WHERE NOT v.broadband) / count(*)
                AS no_broadband_pct,
            count(*) FILTER (WHERE NOT (v.paved_road AND v.safe_water
                AND v.grid_power AND v.broadband))::BIGINT
                AS villages_with_infra_gap_count,
            100.0 * count(*) FILTER (WHERE NOT (v.paved_road AND v.safe_water
                AND v.grid_power AND v.broadband)) / count(*) AS infra_gap_pct
        FROM villages v JOIN counties c ON c.code = v.county_code
        WHERE ? IS NOT NULL AND ? IS NOT NULL AND ? IS NOT NULL AND {where}
        GROUP BY 1""",
}
RANK_BY = {
    "health": ("care_gap_pct", True),
    "funds": ("disbursement_rate_pct", False),
    "projects": ("projects_on_track_pct", False),
    "monitoring": ("monitored_per_10k", True),
    "infrastructure": ("infra_gap_pct", True),
}
# Counts of households or people, hidden in public views when small, and the rates
# computed from them.
PERSONAL_COUNTS = ("illness_households_count", "monitored_households_count")
PERSONAL_RATES = {
    "illness_share_pct": "illness_households_count",
    "monitored_per_10k": "monitored_households_count",
}
GROUP_COLUMNS = {
    "province": "c.province_code",
    "city": "c.city_code",
    "county": "c.code",
}


@dataclass(frozen=True)
class Evidence:
    """One topic for one region: its own values, its sub-regions ranked worst first,
    its peers (the region among them) and the indicator that ranks them."""

    topic: str
    region: Region
    year: int
    totals: pd.Series
    gaps: pd.DataFrame
    peers: pd.DataFrame
    rank_by: str
    worse_when_higher: bool
    gap_level: str | None
    peer_level: str | None


def topic_values(
    db: Database,
    scope: Scope | None,
    region: Region,
    topic: str,
    year: int,
    settings: Settings,
    as_of: dt.date,
    by: str | None,
) -> pd.DataFrame:
    """The topic's indicators per province or county (``by``) of ``region`` within
    the scope, or one row for the whole region (``by`` None, code = region's)."""
    if topic not in TOPIC_SQL:
        raise ValueError(
            f"unknown topic {topic!r}; expected one of {', '.join(TOPICS)}"
        )
    where, params = county_filter(db, scope, region)
    group = GROUP_COLUMNS[by] if by else "?::VARCHAR"
    first = [region.code] if by is None else []
    if topic == "projects":
        ratio = settings.on_track_progress_ratio
        bound = [*first, ratio, as_of, ratio, as_of, as_of, *params]
    else:
        bound = [*first, check_year(year), year, year, *params]
    frame = db.query(
        TOPIC_SQL[topic].format(group=group, where=where), bound, name=f"pack_{topic}"
    )
    threshold = suppression_threshold(scope, settings.small_cell_threshold)
    rates = {k: v for k, v in PERSONAL_RATES.items() if k in frame.columns}
    frame = suppress_rates(frame, rates, threshold, drop_counts=False)
    counts = [c for c in PERSONAL_COUNTS if c in frame.columns]
    return suppress_counts(frame, counts, threshold)


def evidence(
    db: Database,
    scope: Scope | None,
    region: Region,
    topic: str,
    year: int,
    settings: Settings,
    as_of: dt.date,
) -> Evidence:
    """The topic's figures for the region, its ranked sub-regions and its peers.

    Sub-regions: the provinces of the nation, the counties of a province or city;
    a county has none at this grain. Peers: the other provinces of the nation for a
    province, the counties of the same city (province where there is no city) for a
    county or city, all within the viewer's scope (a county official has none)."""
    rank_by, worse_high = RANK_BY[topic]
    totals = topic_values(db, scope, region, topic, year, settings, as_of, None)
    totals = totals.iloc[0] if len(totals) else pd.Series(dtype=float)
    gap_level = {"country": "province", "province": "county", "city": "county"}.get(
        region.level
    )
    gaps = pd.DataFrame(columns=["code", rank_by])
    if gap_level:
        gaps = topic_values(db, scope, region, topic, year, settings, as_of, gap_level)
        gaps = _ranked(gaps, rank_by, worse_high)
    peer_extent, peer_level = None, None
    if region.level == "province":
        peer_extent = COUNTRY
    elif region.level == "city":
        peer_extent = Region(region.province_code or "", "province", "", "")
    elif region.level == "county":
        peer_extent = map_extent(region)
    peers = pd.DataFrame(columns=["code", rank_by])
    if peer_extent is not None:
        peer_level = region.level
        peers = topic_values(
            db, scope, peer_extent, topic, year, settings, as_of, peer_level
        )
        peers = _ranked(peers, rank_by, worse_high)
    return Evidence(
        topic,
        region,
        year,
        totals,
        gaps,
        peers,
        rank_by,
        worse_high,
        gap_level,
        peer_level,
    )


def _ranked(frame: pd.DataFrame, column: str, worse_when_higher: bool) -> pd.DataFrame:
    """Rows worst first (missing values last), with a 1-based rank."""
    ranked = frame.sort_values(
        column, ascending=not worse_when_higher, kind="stable", na_position="last"
    ).reset_index(drop=True)
    ranked.insert(0, "rank", range(1, len(ranked) + 1))
    return ranked
