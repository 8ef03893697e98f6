"""Queries behind the Industrial projects page (产业扶贫): the portfolio, the lifecycle,
the timeline and the beneficiaries. The risk register: ``project_risks``.

Every query starts from the same view of the projects (``with_view``): the region
intersected with the viewer's scope (``county_filter``), the optional picks of
category and start year, and one row per project with its status worked out once,
by the rules below, at the dataset's as-of date. Thresholds come from the settings.

- elapsed_pct: the share of its planned time a project has used (0 before its start,
  at most 100);
- behind plan: a project under way (stage ``started``) whose progress is below
  ``on_track_progress_ratio`` × elapsed_pct — the rule the Overview counts "projects
  on track" by;
- delayed: works that ended, or are still under way, after their planned end
  (delay_days > 0);
- over budget: spending above the budget by more than ``projects_over_budget_pct``;
- stuck: more than ``projects_stuck_days`` days in the library, approved and waiting
  to start, or accepted and waiting for the handover; or works still under way that
  many days after their planned end.

Money is in yuan; counts of households are suppressed for the public role.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from loaders.db import Database
from loaders.privacy import suppress_counts, suppression_threshold
from loaders.queries.overview import check_year
from loaders.queries.regions import Region, county_filter
from loaders.scope import Scope
from loaders.settings import RISK_FACTORS, Settings, risk_weights

STAGES = ("library", "approved", "started", "accepted", "completed")
STATUSES = (
    "preparing",
    "on_track",
    "behind_plan",
    "finished_on_time",
    "finished_late",
)
BREAKDOWNS = ("category", "stage", "status", "benefit_mechanism", "region")
# Region rows for a view: provinces of the country, cities of a province (a county
# directly under its province stands for itself), counties of a city.
REGION_GROUP = {
    "country": "v.province_code",
    "province": "coalesce(v.city_code, v.county_code)",
    "city": "v.county_code",
    "county": "v.county_code",
}
HOUSEHOLDS = ("beneficiary_households_count", "poor_beneficiary_households_count")
# The orders a list may be asked for (a whitelist: the key picks the SQL).
LIST_ORDERS = {
    "delay": "v.delay_days DESC, v.project_id",
    "stuck": "v.stuck DESC, v.days_in_stage DESC, v.project_id",
    "risk": "v.exposure DESC, v.risk_score DESC, v.project_id",
    "start": "v.start_on, v.project_id",
}


@dataclass(frozen=True)
class ProjectPicks:
    """The category and start year the page is narrowed to (None: all)."""

    category: str | None = None
    start_year: int | None = None


ALL = ProjectPicks()

# The rules' values, one row. Parameters: as-of date, on-track ratio, over-budget
# percent, stuck days, the five risk weights, the four impact bounds, medium and
# high risk, the risk-fund target percent.
RULES_CTE = """
rules AS (
    SELECT ?::DATE AS as_of, ?::DOUBLE AS ratio, ?::DOUBLE AS over_pct,
        ?::INTEGER AS stuck_days,
        ?::DOUBLE AS w_market, ?::DOUBLE AS w_natural, ?::DOUBLE AS w_technical,
        ?::DOUBLE AS w_management, ?::DOUBLE AS w_policy,
        ?::INTEGER AS b1, ?::INTEGER AS b2, ?::INTEGER AS b3, ?::INTEGER AS b4,
        ?::INTEGER AS medium_from, ?::INTEGER AS high_from,
        ?::DOUBLE AS fund_target_pct
)"""

# The projects of the view with their status (after RULES_CTE). Parameters after
# the rules': the category twice, the start year twice, the region's.
PROJECT_CTES = """,
base AS (
    SELECT pr.*, c.province_code, c.city_code, r.*,
        pr.budget::DOUBLE AS budget_yuan, pr.spent::DOUBLE AS spent_yuan,
        coalesce(pr.risk_fund, 0)::DOUBLE AS risk_fund_yuan,
        CASE WHEN pr.start_on > r.as_of THEN 0.0
             ELSE least(100.0, 100.0 * (r.as_of - pr.start_on)
                        / greatest(1, pr.planned_end_on - pr.start_on)) END
            AS elapsed_pct,
        CASE pr.stage WHEN 'library' THEN pr.library_on
             WHEN 'approved' THEN pr.approved_on WHEN 'started' THEN pr.start_on
             WHEN 'accepted' THEN pr.actual_end_on ELSE pr.completed_on END
            AS stage_since,
        round(r.w_market * pr.risk_market + r.w_natural * pr.risk_natural
              + r.w_technical * pr.risk_technical
              + r.w_management * pr.risk_management
              + r.w_policy * pr.risk_policy, 6) AS risk_score
    FROM projects pr JOIN counties c ON c.code = pr.county_code, rules r
    WHERE (?::VARCHAR IS NULL OR pr.category = ?)
      AND (?::INTEGER IS NULL OR year(pr.start_on) = ?)
      AND {where}
),
flagged AS (
    SELECT b.*,
        b.stage = 'started' AND b.progress_pct < b.ratio * b.elapsed_pct
            AS behind_plan,
        b.budget_yuan > 0 AND b.spent_yuan > b.budget_yuan * (1 + b.over_pct / 100)
            AS over_budget,
        CASE WHEN b.stage IN ('library', 'approved') THEN 0
             ELSE greatest(0, coalesce(b.actual_end_on, b.as_of) - b.planned_end_on)
        END AS delay_days,
        b.as_of - b.stage_since AS days_in_stage,
        CASE WHEN b.stage = 'started' THEN b.as_of - b.planned_end_on > b.stuck_days
             WHEN b.stage = 'completed' THEN FALSE
             ELSE b.as_of - b.stage_since > b.stuck_days END AS stuck,
        least(5, greatest(1, floor(b.risk_score + 0.5)))::INTEGER AS likelihood,
        (1 + (b.poor_beneficiary_households >= b.b1)::INTEGER
           + (b.poor_beneficiary_households >= b.b2)::INTEGER
           + (b.poor_beneficiary_households >= b.b3)::INTEGER
           + (b.poor_beneficiary_households >= b.b4)::INTEGER) AS impact
    FROM base b
),
v AS (
    SELECT f.*,
        f.likelihood * f.impact AS exposure,
        CASE WHEN f.likelihood * f.impact >= f.high_from THEN 'high'
             WHEN f.likelihood * f.impact >= f.medium_from THEN 'medium'
             ELSE 'low' END AS risk_level,
        coalesce(f.insured, FALSE)
            OR f.risk_fund_yuan >= f.fund_target_pct / 100 * f.budget_yuan
            AS risk_covered,
        CASE WHEN f.stage IN ('library', 'approved') THEN 'preparing'
             WHEN f.stage = 'started' AND f.behind_plan THEN 'behind_plan'
             WHEN f.stage = 'started' THEN 'on_track'
             WHEN f.delay_days > 0 THEN 'finished_late'
             ELSE 'finished_on_time' END AS status
    FROM flagged f
)"""


def with_view(*parts: str) -> str:
    """A statement over the view's CTEs; ``parts`` add CTEs (after a comma) and the
    body."""
    return "".join(("WITH", RULES_CTE, PROJECT_CTES, *parts))


# Names of provinces, cities and counties, to join on a code.
REGION_NAMES = """(
    SELECT code, name_zh, name_en FROM regions
    WHERE level IN ('province', 'city', 'county')
)"""

# The sums every grouping shows; {v} is the view's alias.
SUMS = """count(*)::BIGINT AS projects_count,
        count(*) FILTER (WHERE status = 'preparing')::BIGINT AS preparing_count,
        count(*) FILTER (WHERE stage = 'started')::BIGINT AS under_way_count,
        count(*) FILTER (WHERE stage IN ('accepted', 'completed'))::BIGINT
            AS finished_count,
        count(*) FILTER (WHERE behind_plan)::BIGINT AS behind_plan_count,
        count(*) FILTER (WHERE delay_days > 0)::BIGINT AS delayed_count,
        count(*) FILTER (WHERE over_budget)::BIGINT AS over_budget_count,
        count(*) FILTER (WHERE stuck)::BIGINT AS stuck_count,
        count(*) FILTER (WHERE risk_level = 'high')::BIGINT AS high_risk_count,
        count(*) FILTER (WHERE insured)::BIGINT AS insured_count,
        coalesce(sum(budget_yuan), 0) AS budget_yuan,
        coalesce(sum(spent_yuan), 0) AS spent_yuan,
        coalesce(sum(beneficiary_households), 0)::BIGINT
            AS beneficiary_households_count,
        coalesce(sum(poor_beneficiary_households), 0)::BIGINT
            AS poor_beneficiary_households_count"""

SUMMARY_SQL = with_view("\nSELECT ", SUMS, " FROM v")

BREAKDOWN_SQL = with_view(
    ",\nrows AS (SELECT {key} AS key, ",
    SUMS,
    """ FROM v GROUP BY 1)
SELECT rows.*, n.name_zh, n.name_en
FROM rows LEFT JOIN {names} n ON n.code = rows.key
ORDER BY projects_count DESC, key
""",
)

STATUS_MATRIX_SQL = with_view(
    """
SELECT {key} AS key, status, count(*)::BIGINT AS projects_count
FROM v GROUP BY ALL ORDER BY key, status
"""
)

# Projects under way by elapsed share and progress, in tenths (10 holds 100 %).
PROGRESS_GRID_SQL = with_view(
    """
SELECT least(10, floor(elapsed_pct / 10))::INTEGER AS elapsed_bin,
    least(10, floor(progress_pct / 10))::INTEGER AS progress_bin,
    count(*)::BIGINT AS projects_count,
    count(*) FILTER (WHERE behind_plan)::BIGINT AS behind_plan_count
FROM v WHERE stage = 'started'
GROUP BY ALL ORDER BY elapsed_bin, progress_bin
"""
)

# Days spent in each stage: by the projects that have left it (passed) and by those
# in it now (current; for the completed, the days since their handover).
LIFECYCLE_SQL = with_view(
    """,
spells AS (
    SELECT 'library' AS stage, approved_on - library_on AS days, FALSE AS current,
        FALSE AS stuck
    FROM v WHERE approved_on IS NOT NULL
    UNION ALL
    SELECT 'approved', start_on - approved_on, FALSE, FALSE
    FROM v WHERE stage IN ('started', 'accepted', 'completed')
    UNION ALL
    SELECT 'started', actual_end_on - start_on, FALSE, FALSE
    FROM v WHERE actual_end_on IS NOT NULL
    UNION ALL
    SELECT 'accepted', completed_on - actual_end_on, FALSE, FALSE
    FROM v WHERE completed_on IS NOT NULL
    UNION ALL
    SELECT stage, days_in_stage, TRUE, stuck FROM v
)
SELECT s.stage,
    count(*) FILTER (WHERE current)::BIGINT AS current_count,
    quantile_cont(days, 0.5) FILTER (WHERE current) AS current_median_days,
    count(*) FILTER (WHERE stuck)::BIGINT AS stuck_count,
    count(*) FILTER (WHERE NOT current)::BIGINT AS passed_count,
    quantile_cont(days, 0.5) FILTER (WHERE NOT current) AS passed_median_days
FROM spells s
GROUP BY s.stage
"""
)

LIST_SQL = with_view(
    """
SELECT v.project_id, v.county_code, v.village_code, v.name_zh, v.category, v.stage,
    v.status, v.library_on, v.approved_on, v.start_on, v.planned_end_on,
    v.actual_end_on, v.completed_on, v.progress_pct, v.elapsed_pct, v.budget_yuan,
    v.spent_yuan, 100.0 * v.spent_yuan / nullif(v.budget_yuan, 0) AS spent_pct,
    v.delay_days, v.days_in_stage, v.behind_plan, v.over_budget, v.stuck,
    v.beneficiary_households AS beneficiary_households_count,
    v.poor_beneficiary_households AS poor_beneficiary_households_count,
    v.benefit_mechanism, v.insured, v.risk_fund_yuan, {factors}, v.risk_score,
    v.likelihood, v.impact, v.exposure, v.risk_level, v.risk_covered,
    n.name_zh AS county_name_zh, n.name_en AS county_name_en,
    count(*) OVER () AS total_rows
FROM v LEFT JOIN {names} n ON n.code = v.county_code
WHERE {only}
ORDER BY {order}
LIMIT ?
"""
)

CATEGORIES_SQL = """
SELECT DISTINCT p.category FROM projects p JOIN counties c ON c.code = p.county_code
WHERE {where} ORDER BY 1
"""

# What a list may be narrowed to (a whitelist; values are bound parameters).
LIST_FILTERS = {
    "stage": "v.stage = ?",
    "status": "v.status = ?",
    "flag": None,  # one of FLAGS, picked below
    "likelihood": "v.likelihood = ?",
    "impact": "v.impact = ?",
    "risk_level": "v.risk_level = ?",
}
FLAGS = {
    "behind_plan": "v.behind_plan",
    "delayed": "v.delay_days > 0",
    "over_budget": "v.over_budget",
    "stuck": "v.stuck",
    "uncovered": "v.risk_level = 'high' AND NOT v.risk_covered",
}


def view_params(
    db: Database,
    scope: Scope,
    region: Region,
    settings: Settings,
    as_of: dt.date,
    picks: ProjectPicks,
) -> tuple[str, list]:
    """The {where} placeholder of PROJECT_CTES and its parameters, in order."""
    if picks.start_year is not None:
        check_year(picks.start_year)
    where, region_params = county_filter(db, scope, region)
    rules = [
        as_of,
        settings.on_track_progress_ratio,
        settings.projects_over_budget_pct,
        settings.projects_stuck_days,
        *risk_weights(settings).values(),
        *settings.projects_impact_households,
        settings.projects_medium_risk_from,
        settings.projects_high_risk_from,
        settings.projects_risk_fund_target_pct,
    ]
    category, year = picks.category, picks.start_year
    return where, [*rules, category, category, year, year, *region_params]


def _households_suppressed(
    frame: pd.DataFrame, scope: Scope, settings: Settings
) -> pd.DataFrame:
    threshold = suppression_threshold(scope, settings.small_cell_threshold)
    return suppress_counts(frame, HOUSEHOLDS, threshold)


def summary(
    db: Database,
    scope: Scope,
    region: Region,
    settings: Settings,
    as_of: dt.date,
    picks: ProjectPicks = ALL,
) -> pd.Series:
    """The view's projects in one row: counts by status and flag, budget, spending
    and households benefiting (suppressed for the public)."""
    where, params = view_params(db, scope, region, settings, as_of, picks)
    frame = db.query(SUMMARY_SQL.format(where=where), params, name="project_summary")
    frame = _households_suppressed(frame, scope, settings)
    row = frame.iloc[0]
    row.attrs = frame.attrs
    return row


def breakdown(
    db: Database,
    scope: Scope,
    region: Region,
    settings: Settings,
    as_of: dt.date,
    by: str,
    picks: ProjectPicks = ALL,
) -> pd.DataFrame:
    """The view's projects grouped by category, stage, status, benefit mechanism or
    child region (key, names): the sums of ``summary`` per row, largest first."""
    if by not in BREAKDOWNS:
        raise ValueError(f"cannot break down by {by!r}; expected one of {BREAKDOWNS}")
    key = REGION_GROUP[region.level] if by == "region" else f"v.{by}"
    where, params = view_params(db, scope, region, settings, as_of, picks)
    sql = BREAKDOWN_SQL.format(key=key, where=where, names=REGION_NAMES)
    frame = db.query(sql, params, name=f"projects_by_{by}")
    return _households_suppressed(frame, scope, settings)


def status_matrix(
    db: Database,
    scope: Scope,
    region: Region,
    settings: Settings,
    as_of: dt.date,
    by: str,
    picks: ProjectPicks = ALL,
) -> pd.DataFrame:
    """Projects per row of a breakdown (key) and status: key, status, count."""
    if by not in BREAKDOWNS:
        raise ValueError(f"cannot break down by {by!r}; expected one of {BREAKDOWNS}")
    key = REGION_GROUP[region.level] if by == "region" else f"v.{by}"
    where, params = view_params(db, scope, region, settings, as_of, picks)
    sql = STATUS_MATRIX_SQL.format(key=key, where=where)
    return db.query(sql, params, name=f"project_status_by_{by}")


def county_values(
    db: Database,
    scope: Scope,
    extent: Region,
    settings: Settings,
    as_of: dt.date,
    picks: ProjectPicks = ALL,
) -> pd.DataFrame:
    """The sums of ``summary`` per county of ``extent`` (key is the county code),
    for the map."""
    where, params = view_params(db, scope, extent, settings, as_of, picks)
    sql = BREAKDOWN_SQL.format(key="v.county_code", where=where, names=REGION_NAMES)
    frame = db.query(sql, params, name="projects_by_county")
    return _households_suppressed(frame, scope, settings)


def progress_grid(
    db: Database,
    scope: Scope,
    region: Region,
    settings: Settings,
    as_of: dt.date,
    picks: ProjectPicks = ALL,
) -> pd.DataFrame:
    """Projects under way per tenth of elapsed planned time and tenth of progress
    (elapsed_bin, progress_bin 0–10), with how many of them are behind plan."""
    where, params = view_params(db, scope, region, settings, as_of, picks)
    return db.query(
        PROGRESS_GRID_SQL.format(where=where), params, name="project_progress_grid"
    )


def lifecycle(
    db: Database,
    scope: Scope,
    region: Region,
    settings: Settings,
    as_of: dt.date,
    picks: ProjectPicks = ALL,
) -> pd.DataFrame:
    """One row per stage, in lifecycle order: projects in it now and their median
    days in it so far, how many of them are stuck, and the projects that have left
    it with their median days spent in it."""
    where, params = view_params(db, scope, region, settings, as_of, picks)
    found = db.query(LIFECYCLE_SQL.format(where=where), params, name="lifecycle")
    frame = pd.DataFrame({"stage": STAGES}).merge(found, on="stage", how="left")
    counts = ["current_count", "stuck_count", "passed_count"]
    frame[counts] = frame[counts].fillna(0).astype("int64")
    return frame


def project_list(
    db: Database,
    scope: Scope,
    region: Region,
    settings: Settings,
    as_of: dt.date,
    picks: ProjectPicks = ALL,
    *,
    order: str = "delay",
    only: tuple[tuple[str, object], ...] = (),
    limit: int | None = None,
) -> pd.DataFrame:
    """The view's projects one row each with their dates, status, flags, money,
    beneficiaries and risk, in ``order`` (LIST_ORDERS), narrowed by ``only``:
    pairs of a LIST_FILTERS key and its value (for ``flag``, one of FLAGS). The
    first ``limit`` rows; ``total_rows`` says how many there are."""
    if order not in LIST_ORDERS:
        raise ValueError(f"unknown order {order!r}; expected one of {LIST_ORDERS}")
    clauses, values = [], []
    for key, value in only:
        if key == "flag":
            if value not in FLAGS:
                raise ValueError(f"unknown flag {value!r}; expected one of {FLAGS}")
            clauses.append(FLAGS[value])
        elif key in LIST_FILTERS:
            clauses.append(LIST_FILTERS[key])
            values.append(value)
        else:
            raise ValueError(f"cannot narrow a list by {key!r}")
    where, params = view_params(db, scope, region, settings, as_of, picks)
    sql = LIST_SQL.format(
        where=where,
        names=REGION_NAMES,
        factors=", ".join(f"v.risk_{f}" for f in RISK_FACTORS),
        only=" AND ".join(clauses) or "TRUE",
        order=LIST_ORDERS[order],
    )
    frame = db.query(sql, [*params, *values, limit], name="project_list")
    return _households_suppressed(frame, scope, settings)


def timeline(
    db: Database,
    scope: Scope,
    region: Region,
    settings: Settings,
    as_of: dt.date,
    picks: ProjectPicks = ALL,
    limit: int | None = None,
) -> pd.DataFrame:
    """The projects for the timeline: a county's in order of start (the first
    ``limit``), a wider region's ``projects_timeline_top_n`` most delayed."""
    if region.level == "county":
        return project_list(
            db, scope, region, settings, as_of, picks, order="start", limit=limit
        )
    top = settings.projects_timeline_top_n
    return project_list(
        db,
        scope,
        region,
        settings,
        as_of,
        picks,
        order="delay",
        only=(("flag", "delayed"),),
        limit=top if limit is None else min(top, limit),
    )


def categories(db: Database, scope: Scope, region: Region) -> list[str]:
    """The project categories the region's projects within the scope hold."""
    where, params = county_filter(db, scope, region)
    sql = CATEGORIES_SQL.format(where=where)
    found = db.query(sql, params, name="project_categories")
    return [c for c in found["category"] if isinstance(c, str)]
