"""Queries behind the Households page: Alkire-Foster scores, tiers, early warning,
the what-if monitoring line and the identification audit.

Every function takes the viewer's scope. Aggregates are small-cell suppressed for the
public; household lists are for signed-in staff only and always masked.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np
import pandas as pd

from loaders.af import TOLERANCE
from loaders.boundaries import DEFAULT_CACHE_DIR as CACHE_DIR
from loaders.db import Database
from loaders.privacy import (
    mask_personal,
    suppress_counts,
    suppress_rates,
    suppression_threshold,
)
from loaders.queries.records import require_records
from loaders.queries.regions import Region, county_filter
from loaders.scope import Scope
from loaders.settings import Settings, af_weights

INDICATORS = (
    "food_clothing",
    "education",
    "medical_insurance",
    "housing",
    "water",
    "income",
)
TIERS = ("in_hardship", "unstable", "marginal", "stable")
TRIGGERS = ("illness_cost", "disability", "disaster", "no_labour", "below_line")
AUDIT_RULES = ("vehicle", "business", "real_estate", "deposits", "public_employee")
# Income bins of the what-if line: 100 yuan wide, from 0 to 20,000 yuan a year.
BIN_YUAN = 100
MAX_LINE_YUAN = 20_000

# The monitoring line of each household's province: the national default unless the
# settings name the province. Two bound lists feed the overrides.
LINES_CTE = """
lines AS (
    SELECT unnest(?::VARCHAR[]) AS province_code, unnest(?::DOUBLE[]) AS line
)
"""

HOUSEHOLD_FLAGS = """
SELECT h.household_id, h.county_code, c.province_code, {group} AS grp,
    h.size, h.status, h.monitor_type, h.main_cause, h.income_per_capita AS income,
    h.disability, h.labour_count,
    coalesce(l.line, ?) AS line,
    (NOT h.food_clothing_ok)::INTEGER AS food_clothing,
    (NOT h.education_ok)::INTEGER AS education,
    (NOT h.medical_insurance_ok)::INTEGER AS medical_insurance,
    (NOT h.housing_safe)::INTEGER AS housing,
    (NOT h.water_safe)::INTEGER AS water,
    (h.income_per_capita < coalesce(l.line, ?))::INTEGER AS income_deprived
FROM households h JOIN counties c ON c.code = h.county_code
LEFT JOIN lines l ON l.province_code = c.province_code
WHERE {where}
"""

SCORED = """
scored AS (
    SELECT f.*,
        ? * food_clothing + ? * education + ? * medical_insurance + ? * housing
            + ? * water + ? * income_deprived AS score
    FROM flags f
)
"""

AF_SQL = """
WITH {lines}, flags AS ({flags}), {scored}
SELECT grp AS code, status AS type,
    count(*)::BIGINT AS households,
    count(*) FILTER (WHERE score >= ?)::BIGINT AS poor,
    coalesce(sum(score) FILTER (WHERE score >= ?), 0) AS poor_score_sum,
    count(*) FILTER (WHERE score >= ? AND food_clothing = 1)::BIGINT AS food_clothing,
    count(*) FILTER (WHERE score >= ? AND education = 1)::BIGINT AS education,
    count(*) FILTER (WHERE score >= ? AND medical_insurance = 1)::BIGINT
        AS medical_insurance,
    count(*) FILTER (WHERE score >= ? AND housing = 1)::BIGINT AS housing,
    count(*) FILTER (WHERE score >= ? AND water = 1)::BIGINT AS water,
    count(*) FILTER (WHERE score >= ? AND income_deprived = 1)::BIGINT AS income
FROM scored
GROUP BY grp, status ORDER BY grp, status
"""

# Latest year's out-of-pocket medical costs per household: of the region's
# households ({only_region}: a semi-join with them), or of all for the per-county
# scoring of the whole dataset, where the semi-join would only cost time (at
# national scale 40 s of the 45).
COSTS_CTE = """
costs AS (
    SELECT m.household_id, arg_max(m.out_of_pocket, m.year) AS out_of_pocket
    FROM medical_costs m {only_region}
    GROUP BY m.household_id
)
"""
ONLY_REGION = "SEMI JOIN flags f USING (household_id)"

# One row per household with its tier and triggers (the page aggregates or lists it).
TIERED = """
WITH {lines}, flags AS ({flags}), {scored}, {costs},
tiered AS (
    SELECT s.*, coalesce(m.out_of_pocket, 0) AS out_of_pocket,
        coalesce(m.out_of_pocket, 0) > ? * greatest(s.income * s.size, 1)
            AS illness_cost,
        s.disability AS disability_trigger,
        s.main_cause = 'disaster' AS disaster,
        s.labour_count = 0 AS no_labour,
        s.income < s.line AS below_line,
        s.income < s.line * (1 + ? / 100.0) AS near_line
    FROM scored s LEFT JOIN costs m USING (household_id)
)
SELECT *,
    CASE
        WHEN illness_cost OR monitor_type = 'sudden_hardship' THEN 'in_hardship'
        WHEN score >= ? OR monitor_type = 'unstable_exited'
            OR (status <> 'monitored_only' AND below_line) THEN 'unstable'
        WHEN near_line OR monitor_type = 'marginal' THEN 'marginal'
        ELSE 'stable'
    END AS tier,
    illness_cost::INTEGER + disability_trigger::INTEGER + disaster::INTEGER
        + no_labour::INTEGER + below_line::INTEGER AS triggers
FROM tiered
"""

EVERYWHERE = "TRUE"  # the filter of the whole dataset's per-county counts

# Tiers and triggers in one pass over the households (the costs join is most of
# the work): per group, tier and recorded type, households and people and the
# households behind each trigger. Trigger counts sum across tiers and types.
TIERED_COUNTS_SQL = """
SELECT grp AS code, tier, coalesce(monitor_type, 'none') AS monitor_type,
    count(*)::BIGINT AS households, sum(size)::BIGINT AS people,
    count(*) FILTER (WHERE illness_cost)::BIGINT AS illness_cost,
    count(*) FILTER (WHERE disability_trigger)::BIGINT AS disability,
    count(*) FILTER (WHERE disaster)::BIGINT AS disaster,
    count(*) FILTER (WHERE no_labour)::BIGINT AS no_labour,
    count(*) FILTER (WHERE below_line)::BIGINT AS below_line
FROM ({tiered}) GROUP BY ALL ORDER BY ALL
"""

WARNING_LIST_SQL = """
SELECT t.household_id, t.county_code, v.name_zh AS village_zh, v.name_en AS village_en,
    h.head_name, h.id_number, t.size, t.status, t.monitor_type, t.income, t.line,
    t.out_of_pocket, t.score, t.tier, t.triggers,
    t.illness_cost, t.disability_trigger AS disability, t.disaster, t.no_labour,
    t.below_line, count(*) OVER ()::BIGINT AS total
FROM ({tiered}) t JOIN households h USING (household_id)
JOIN regions v ON v.code = h.village_code
WHERE t.triggers > 0
ORDER BY (t.monitor_type IS NULL) DESC, t.triggers DESC, t.income, t.household_id
LIMIT ?
"""

# Households not yet monitored, by region and income bin: the what-if line sums bins.
INCOME_BINS_SQL = """
SELECT {group} AS code,
    least(floor(h.income_per_capita / ?), ?)::INTEGER AS bin,
    count(*)::BIGINT AS households, sum(h.size)::BIGINT AS people
FROM households h JOIN counties c ON c.code = h.county_code
WHERE (h.monitor_type IS NULL OR h.monitor_end_year IS NOT NULL) AND {where}
GROUP BY ALL
"""

AUDIT_SQL = """
SELECT x.household_id, h.county_code, {group} AS grp, v.name_zh AS village_zh,
    v.name_en AS village_en, h.head_name, h.id_number, h.status, x.source AS rule,
    x.detail, x.checked_on,
    try_cast(regexp_extract(x.detail, '([0-9.]+) 万元', 1) AS DOUBLE) * 1e4 AS amount
FROM household_checks x JOIN households h USING (household_id)
JOIN counties c ON c.code = h.county_code
JOIN regions v ON v.code = h.village_code
WHERE h.status <> 'monitored_only' AND {where}
"""


def group_column(region: Region) -> str:
    """How a region's households are broken down: the nation by province, a province
    or city by county, a county by village."""
    return {"country": "province_code", "county": "village_code"}.get(
        region.level, "code"
    )


# SQL for what a breakdown groups households by (a whitelist: never user text).
GROUPS = {
    "province_code": "c.province_code",
    "code": "c.code",
    "village_code": "h.village_code",
}


def _lines(settings: Settings) -> list:
    overrides = settings.monitoring_line_by_province
    return [
        [str(code) for code in overrides],
        [float(line) for line in overrides.values()],
    ]


def _weights(settings: Settings) -> list[float]:
    weights = af_weights(settings)
    return [weights[key] for key in INDICATORS]


def _flags(where: str, params: list, group: str, settings: Settings):
    line = float(settings.monitoring_line_yuan)
    sql = HOUSEHOLD_FLAGS.format(group=GROUPS[group], where=where)
    return sql, [line, line, *params]


def _tiered(where: str, params: list, group: str, settings: Settings):
    flags, flag_params = _flags(where, params, group, settings)
    costs = COSTS_CTE.format(only_region="" if where == EVERYWHERE else ONLY_REGION)
    sql = TIERED.format(lines=LINES_CTE, flags=flags, scored=SCORED, costs=costs)
    params = [
        *_lines(settings),
        *flag_params,
        *_weights(settings),
        settings.catastrophic_oop_share,
        settings.near_line_margin_pct,
        settings.af_cutoff_k - TOLERANCE,
    ]
    return sql, params


# Counts per group, before anything is derived or suppressed. Every one of them adds
# up across groups, so county rows can be summed into provinces and the nation.
def _af_counts(db, where, params, group, settings) -> pd.DataFrame:
    flags, flag_params = _flags(where, params, group, settings)
    k = settings.af_cutoff_k - TOLERANCE
    return db.query(
        AF_SQL.format(lines=LINES_CTE, flags=flags, scored=SCORED),
        [*_lines(settings), *flag_params, *_weights(settings), *[k] * 8],
        name="af_counts",
    )


def _tiered_counts(db, where, params, group, settings) -> pd.DataFrame:
    sql, all_params = _tiered(where, params, group, settings)
    return db.query(TIERED_COUNTS_SQL.format(tiered=sql), all_params, name="tiered")


def _income_bins(db, where, params, group, settings) -> pd.DataFrame:
    sql = INCOME_BINS_SQL.format(group=GROUPS[group], where=where)
    return db.query(
        sql, [BIN_YUAN, MAX_LINE_YUAN // BIN_YUAN, *params], name="income_bins"
    )


def _audit_rows(db, where, params, group, settings) -> pd.DataFrame:
    frame = db.query(
        AUDIT_SQL.format(group=GROUPS[group], where=where), params, name="audit"
    )
    deposits = frame["rule"] == "deposits"
    keep = ~deposits | (frame["amount"] > settings.audit_deposit_yuan)
    return frame[keep].reset_index(drop=True)


def _audit_counts(db, where, params, group, settings) -> pd.DataFrame:
    rows = _audit_rows(db, where, params, group, settings)
    return (
        rows.groupby(["grp", "rule"], as_index=False)["household_id"]
        .count()
        .rename(columns={"grp": "code", "household_id": "households"})
    )


COUNTS = {
    "af": (_af_counts, ["code", "type"]),
    "tiered": (_tiered_counts, ["code", "tier", "monitor_type"]),
    "bins": (_income_bins, ["code", "bin"]),
    "audit": (_audit_counts, ["code", "rule"]),
}


def _counts(
    db: Database, scope: Scope | None, region: Region, settings: Settings, kind: str
) -> pd.DataFrame:
    """Counts of one kind per group of the region (see :func:`group_column`).

    A county is counted live, village by village (a few thousand households). Wider
    regions sum the per-county counts of :func:`county_counts`, computed once per
    dataset and settings: scoring 30 million households takes the better part of a
    minute, summing 2,875 counties a few milliseconds.
    """
    compute, keys = COUNTS[kind]
    if region.level == "county":
        where, params = county_filter(db, scope, region)
        return compute(db, where, params, "village_code", settings)
    counties = db.query(
        COUNTIES_IN_VIEW_SQL.format(where=county_filter(db, scope, region)[0]),
        county_filter(db, scope, region)[1],
        name="counties_in_view",
    )
    frame = county_counts(db, settings, kind)
    group = "province_code" if region.level == "country" else "county"
    regroup = dict(zip(counties["county"], counties[group], strict=True))
    frame = frame[frame["code"].isin(regroup)]
    frame = frame.assign(code=frame["code"].map(regroup))
    values = [c for c in frame.columns if c not in keys]
    return frame.groupby(keys, as_index=False, dropna=False)[values].sum()


COUNTIES_IN_VIEW_SQL = """
SELECT c.code AS county, c.province_code FROM counties c WHERE {where}
"""


def county_counts(db: Database, settings: Settings, kind: str) -> pd.DataFrame:
    """Per-county counts of one kind over the whole dataset, unsuppressed and for
    internal use only, cached as parquet in data/cache under a key made of the dataset
    file, its build time and the settings they depend on."""
    compute, _ = COUNTS[kind]
    path = _cache_path(db, settings, kind)
    if path.exists():
        return pd.read_parquet(path)
    frame = compute(db, EVERYWHERE, [], "code", settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(f".{os.getpid()}.tmp")
    frame.to_parquet(temp, index=False)
    os.replace(temp, path)
    return frame


def _cache_path(db: Database, settings: Settings, kind: str) -> Path:
    (built_at,) = db.query("SELECT built_at FROM dataset_info", name="built_at").iloc[0]
    relevant = (
        af_weights(settings),
        settings.af_cutoff_k,
        settings.monitoring_line_yuan,
        sorted(settings.monitoring_line_by_province.items()),
        settings.near_line_margin_pct,
        settings.catastrophic_oop_share,
        settings.audit_deposit_yuan,
    )
    key = hashlib.sha1(
        repr(
            # The version the connection reads (an import swaps in a new file).
            (str(db.path.resolve()), db.file_id[1], str(built_at), relevant)
        ).encode()
    ).hexdigest()[:16]
    return CACHE_DIR / f"households-{key}-{kind}.parquet"


def precompute(db: Database, settings: Settings) -> None:
    """Fill the county cache for these settings (the build calls it with the
    defaults, so the first visitor does not wait)."""
    for kind in COUNTS:
        county_counts(db, settings, kind)


def af_summary(
    db: Database,
    scope: Scope | None,
    region: Region,
    settings: Settings,
    by: str = "region",
) -> pd.DataFrame:
    """Alkire-Foster figures per group of the region and a total row (code "total"):
    households (n), poor (q), H, A, M0 and each indicator's censored headcount ratio
    and contribution to M0. Groups are the region's parts (``by="region"``) or the
    household types (``by="type"``, codes as in ``households.status``)."""
    if by not in ("region", "type"):
        raise ValueError(f"break down by 'region' or 'type', not {by!r}")
    counts = _counts(db, scope, region, settings, "af")
    key = "code" if by == "region" else "type"
    frame = (
        counts.drop(columns=["type"] if by == "region" else ["code"])
        .rename(columns={key: "code"})
        .groupby("code", as_index=False)
        .sum()
        .sort_values("code", kind="stable")
    )
    total = frame.drop(columns="code").sum().to_frame().T.assign(code="total")
    frame = pd.concat([frame, total], ignore_index=True)
    frame = frame.astype({c: "int64" for c in ("households", "poor", *INDICATORS)})
    weights = af_weights(settings)
    n = frame["households"].astype(float).replace(0, np.nan)
    frame["headcount_ratio"] = frame["poor"] / n
    frame["intensity"] = frame["poor_score_sum"] / frame["poor"].replace(0, np.nan)
    frame["adjusted_headcount"] = frame["headcount_ratio"] * frame["intensity"]
    frame.loc[frame["poor"] == 0, "adjusted_headcount"] = 0.0
    m0 = frame["poor_score_sum"].replace(0, np.nan)
    for key in INDICATORS:
        frame[f"censored_{key}"] = frame[key] / n
        frame[f"contribution_{key}"] = (weights[key] * frame[key] / m0).fillna(0.0)
    frame = frame.drop(columns=["poor_score_sum", *INDICATORS])
    threshold = suppression_threshold(scope, settings.small_cell_threshold)
    frame = suppress_rates(
        frame.assign(poor_n=frame["poor"]),
        {"headcount_ratio": "poor_n", "intensity": "poor_n"},
        threshold,
    )
    return suppress_counts(frame, ["households", "poor"], threshold, total_row=True)


def tier_counts(
    db: Database, scope: Scope | None, region: Region, settings: Settings
) -> pd.DataFrame:
    """Households and people per computed tier and recorded monitoring type."""
    frame = (
        _counts(db, scope, region, settings, "tiered")
        .groupby(["tier", "monitor_type"], as_index=False)[["households", "people"]]
        .sum()
    )
    threshold = suppression_threshold(scope, settings.small_cell_threshold)
    return suppress_counts(frame, ["households", "people"], threshold)


def trigger_counts(
    db: Database, scope: Scope | None, region: Region, settings: Settings
) -> pd.DataFrame:
    """Households per warning trigger in each group of the region."""
    frame = (
        _counts(db, scope, region, settings, "tiered")
        .groupby("code", as_index=False)[list(TRIGGERS)]
        .sum()
        .sort_values("code")
    )
    threshold = suppression_threshold(scope, settings.small_cell_threshold)
    return suppress_counts(frame.reset_index(drop=True), list(TRIGGERS), threshold)


def warning_list(
    db: Database,
    scope: Scope | None,
    region: Region,
    settings: Settings,
    limit: int | None = 500,
) -> pd.DataFrame:
    """Households to visit, masked: not yet monitored first, then by the number of
    triggers and by income, lowest first; ``total`` counts them all. Staff only."""
    require_records(scope)
    where, params = county_filter(db, scope, region)
    sql, all_params = _tiered(where, params, "code", settings)
    frame = db.query(
        WARNING_LIST_SQL.format(tiered=sql), [*all_params, limit], name="warning_list"
    )
    return mask_personal(frame)


def income_bins(
    db: Database, scope: Scope | None, region: Region, settings: Settings
) -> pd.DataFrame:
    """Households and people not yet monitored per group and 100-yuan income bin
    (code, bin, households, people): what the what-if line adds up. Unsuppressed:
    only :func:`entering_monitoring` may read it."""
    return _counts(db, scope, region, settings, "bins")


def entering_monitoring(
    bins: pd.DataFrame,
    line_yuan: float,
    scope: Scope | None,
    settings: Settings,
) -> pd.DataFrame:
    """Per group and in total: households and people not yet monitored whose income
    lies below ``line_yuan`` (to the 100 yuan), suppressed for the public."""
    below = bins[bins["bin"] < round(line_yuan / BIN_YUAN)]
    frame = (
        below.groupby("code", as_index=False)[["households", "people"]].sum()
        if len(below)
        else pd.DataFrame({"code": [], "households": [], "people": []})
    )
    frame = frame.sort_values("code", kind="stable").reset_index(drop=True)
    total = pd.DataFrame(
        {
            "code": ["total"],
            "households": [frame["households"].sum()],
            "people": [frame["people"].sum()],
        }
    )
    frame = pd.concat([frame, total], ignore_index=True).astype(
        {"households": "int64", "people": "int64"}
    )
    threshold = suppression_threshold(scope, settings.small_cell_threshold)
    return suppress_counts(frame, ["households", "people"], threshold, total_row=True)


def audit_counts(
    db: Database, scope: Scope | None, region: Region, settings: Settings
) -> pd.DataFrame:
    """Contradictions per group and rule (code, one column per rule)."""
    counts = _counts(db, scope, region, settings, "audit")
    table = (
        counts.pivot_table(
            index="code",
            columns="rule",
            values="households",
            aggfunc="sum",
            fill_value=0,
        )
        .reindex(columns=list(AUDIT_RULES), fill_value=0)
        .rename_axis(index="code", columns=None)
        .reset_index()
    )
    threshold = suppression_threshold(scope, settings.small_cell_threshold)
    return suppress_counts(table, list(AUDIT_RULES), threshold)


def audit_list(
    db: Database, scope: Scope | None, region: Region, settings: Settings
) -> pd.DataFrame:
    """The contradictions themselves, masked, for signed-in staff."""
    require_records(scope)
    where, params = county_filter(db, scope, region)
    rows = _audit_rows(db, where, params, "code", settings)
    return mask_personal(rows.drop(columns=["grp", "amount"]))
