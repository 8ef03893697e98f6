"""Checks on the Funds page's money: how fast it was paid, what lies idle, whether it
was disclosed in time, and anomalies. Same view of the allocations as
``loaders.queries.funds`` (year, region within the scope, picks); thresholds come from
the settings."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from loaders.db import Database
from loaders.queries.funds import (
    ALL,
    PAYMENTS_CTE,
    REGION_GROUP,
    FundPicks,
    view,
    with_facts,
)
from loaders.queries.regions import Region
from loaders.scope import Scope
from loaders.settings import Settings

# Days per bar of the timeliness distribution, and the last bar ("360 days or more").
DAYS_BIN = 30
LAST_BIN = 12
ANOMALY_RULES = ("spending_ahead", "after_completion", "overpaid", "other_county")

# --- Timeliness ------------------------------------------------------------------

TIMELINESS_SQL = with_facts(
    """,
days AS (
    SELECT 'first' AS milestone, f.allocated_yuan,
        date_diff('day', f.allocated_on, f.first_paid_on) AS days
    FROM facts f
    UNION ALL
    SELECT 'last', f.allocated_yuan, date_diff('day', f.allocated_on, f.last_paid_on)
    FROM facts f
)
SELECT milestone,
    CASE WHEN days IS NULL THEN NULL
         ELSE least(floor(days / ?), ?)::INTEGER END AS bin,
    count(*)::BIGINT AS allocations_count,
    sum(allocated_yuan) AS allocated_yuan
FROM days
GROUP BY ALL
ORDER BY milestone, bin NULLS LAST
""",
)

TIMELINESS_BY_REGION_SQL = with_facts(
    """,
rows AS (
    SELECT {key} AS key,
        count(*)::BIGINT AS allocations_count,
        count(f.first_paid_on)::BIGINT AS paid_count,
        quantile_cont(date_diff('day', f.allocated_on, f.first_paid_on), 0.5)
            AS first_payment_days,
        quantile_cont(date_diff('day', f.allocated_on, f.last_paid_on), 0.5)
            AS last_payment_days
    FROM facts f
    GROUP BY 1
)
SELECT rows.*, n.name_zh, n.name_en
FROM rows LEFT JOIN {names} n ON n.code = rows.key
ORDER BY first_payment_days DESC NULLS FIRST, key
""",
)

IDLE_SQL = with_facts(
    """,
rows AS (
    SELECT f.allocation_id, f.county_code, f.source_level, f.fund_type, f.purpose,
        f.allocated_on, f.allocated_yuan, f.disbursed_yuan,
        f.allocated_yuan - f.disbursed_yuan AS idle_yuan,
        date_diff('day', f.allocated_on, ?::DATE) AS days_since_allocation
    FROM facts f
    WHERE f.allocated_on <= ?::DATE - ?::INTEGER
      AND f.allocated_yuan - f.disbursed_yuan > ?
)
SELECT rows.*, n.name_zh AS county_name_zh, n.name_en AS county_name_en,
    count(*) OVER () AS total_rows,
    sum(rows.idle_yuan) OVER () AS total_idle_yuan
FROM rows LEFT JOIN {names} n ON n.code = rows.county_code
ORDER BY idle_yuan DESC, allocation_id
LIMIT ?
""",
)


def timeliness(
    db: Database, scope: Scope, region: Region, year: int, picks: FundPicks = ALL
) -> pd.DataFrame:
    """How long one year's allocations waited for their first and their last payment.

    Rows: milestone ('first' or 'last'), bin (days // DAYS_BIN, capped at LAST_BIN;
    missing for allocations not paid yet), allocations_count, allocated_yuan.
    """
    parts, params = view(db, scope, region, (year, year), picks)
    return db.query(
        TIMELINESS_SQL.format(**parts),
        [*params, DAYS_BIN, LAST_BIN],
        name="fund_timeliness",
    )


def timeliness_by_region(
    db: Database, scope: Scope, region: Region, year: int, picks: FundPicks = ALL
) -> pd.DataFrame:
    """Per child region (key, names): allocations, how many were paid at all, and
    the median days from allocation to their first and last payment; slowest first."""
    parts, params = view(db, scope, region, (year, year), picks)
    sql = TIMELINESS_BY_REGION_SQL.format(key=REGION_GROUP[region.level], **parts)
    return db.query(sql, params, name="fund_timeliness_by_region")


def idle_allocations(
    db: Database,
    scope: Scope,
    region: Region,
    year: int,
    settings: Settings,
    as_of: dt.date,
    picks: FundPicks = ALL,
    limit: int | None = None,
) -> pd.DataFrame:
    """Allocations of one year allocated at least ``funds_idle_days`` before ``as_of``
    with money still unpaid (idle_yuan), largest first: the first ``limit`` of them,
    with total_rows and total_idle_yuan over all."""
    parts, params = view(db, scope, region, (year, year), picks)
    return db.query(
        IDLE_SQL.format(**parts),
        [
            *params,
            as_of,
            as_of,
            settings.funds_idle_days,
            settings.funds_overpayment_tolerance_yuan,
            limit,
        ],
        name="fund_idle_allocations",
    )


# --- Disclosure -------------------------------------------------------------------


def working_days_sql(start: str, end: str) -> str:
    """SQL for the Monday-to-Friday days after ``start`` up to and including ``end``
    (both DATE expressions written in this module, never user input).

    Whole weeks hold five working days each; of the remaining 0–6 days, which follow
    ``start``'s weekday w (1 = Monday), the weekend ones are those falling on days 6
    and 7 of the same week or on day 6 of the next.
    """
    n = f"date_diff('day', {start}, {end})"
    w = f"isodow({start})"
    rest = f"({n} % 7)"
    weekend = (
        f"(greatest(0, least({w} + {rest}, 7) - greatest({w} + 1, 6) + 1)"
        f" + greatest(0, {w} + {rest} - 12))"
    )
    return f"(5 * ({n} // 7) + {rest} - {weekend})"


# Limitation: working days are Monday to Friday. Public holidays and the weekends
# worked in their place (调休) are not known offline, so an announcement made over a
# holiday week can count as later, or earlier, than it was by the official calendar.
# Parameters after the view's: the as-of date, the allowed working days (twice).
JUDGED_CTE = """,
dated AS (SELECT f.*, ?::DATE AS as_of_date FROM facts f),
disclosure AS (
    SELECT d.*,
        CASE WHEN d.disclosed_on <= d.as_of_date THEN {taken} END AS working_days,
        {elapsed} > ? AS deadline_passed
    FROM dated d
),
judged AS (
    SELECT *,
        working_days IS NULL AND deadline_passed AS not_disclosed,
        coalesce(working_days > ?, FALSE) AS late,
        working_days IS NOT NULL AND NOT coalesce(disclosure_complete, FALSE)
            AS incomplete
    FROM disclosure
    -- Not yet announced and still within the deadline: nothing to judge yet.
    WHERE working_days IS NOT NULL OR deadline_passed
)""".replace("{taken}", working_days_sql("d.allocated_on", "d.disclosed_on")).replace(
    "{elapsed}", working_days_sql("d.allocated_on", "d.as_of_date")
)

DISCLOSURE_BY_REGION_SQL = with_facts(
    JUDGED_CTE,
    """,
rows AS (
    SELECT {key} AS key,
        count(*)::BIGINT AS allocations_count,
        count(*) FILTER (WHERE NOT (not_disclosed OR late OR incomplete))::BIGINT
            AS compliant_count,
        count(*) FILTER (WHERE not_disclosed)::BIGINT AS not_disclosed_count,
        count(*) FILTER (WHERE late)::BIGINT AS late_count,
        count(*) FILTER (WHERE incomplete)::BIGINT AS incomplete_count
    FROM judged f
    GROUP BY 1
)
SELECT rows.*,
    100.0 * compliant_count / allocations_count AS compliance_rate_pct,
    n.name_zh, n.name_en
FROM rows LEFT JOIN {names} n ON n.code = rows.key
ORDER BY compliance_rate_pct, key
""",
)

DISCLOSURE_FAILURES_SQL = with_facts(
    JUDGED_CTE,
    """
SELECT j.allocation_id, j.county_code, j.source_level, j.fund_type, j.purpose,
    j.allocated_yuan, j.allocated_on, j.disclosed_on, j.working_days,
    j.not_disclosed, j.late, j.incomplete,
    n.name_zh AS county_name_zh, n.name_en AS county_name_en,
    count(*) OVER () AS total_rows
FROM judged j LEFT JOIN {names} n ON n.code = j.county_code
WHERE j.not_disclosed OR j.late OR j.incomplete
ORDER BY j.allocated_yuan DESC, j.allocation_id
LIMIT ?
""",
)


def _disclosure_params(params: list, settings: Settings, as_of: dt.date) -> list:
    days = settings.funds_disclosure_working_days
    return [*params, as_of, days, days]


def disclosure_by_region(
    db: Database,
    scope: Scope,
    region: Region,
    year: int,
    settings: Settings,
    as_of: dt.date,
    picks: FundPicks = ALL,
) -> pd.DataFrame:
    """Per child region (key, names): allocations judged, the compliant ones
    (announced within ``funds_disclosure_working_days`` with every required field),
    the failures by kind and the compliance rate, worst first. Allocations still
    within their deadline and not announced are not judged yet."""
    parts, params = view(db, scope, region, (year, year), picks)
    sql = DISCLOSURE_BY_REGION_SQL.format(key=REGION_GROUP[region.level], **parts)
    return db.query(
        sql, _disclosure_params(params, settings, as_of), name="fund_disclosure"
    )


def disclosure_failures(
    db: Database,
    scope: Scope,
    region: Region,
    year: int,
    settings: Settings,
    as_of: dt.date,
    picks: FundPicks = ALL,
    limit: int | None = None,
) -> pd.DataFrame:
    """The allocations not announced, announced late or announced without every
    required field (flags not_disclosed, late, incomplete), largest first: the first
    ``limit``, with total_rows over all."""
    parts, params = view(db, scope, region, (year, year), picks)
    return db.query(
        DISCLOSURE_FAILURES_SQL.format(**parts),
        [*_disclosure_params(params, settings, as_of), limit],
        name="fund_disclosure_failures",
    )


# --- Anomalies ----------------------------------------------------------------------

# One row per flag: the columns every rule fills, plus the values its sentence needs:
# spending_ahead (spent_pct, progress_pct), after_completion (paid_on, completed_on),
# overpaid (allocated_yuan, disbursed_yuan), other_county (project_county_code).
# Parameters after the view's: the year twice (payments), the three thresholds.
# Flags are rare, so all of them are returned.
ANOMALIES_SQL = with_facts(
    PAYMENTS_CTE,
    """,
flags AS (
    SELECT 'spending_ahead' AS rule, any_value(p.project_county_code) AS county_code,
        NULL AS allocation_id, p.project_id, NULL AS disbursement_id,
        any_value(p.project_spent_yuan) AS amount_yuan,
        any_value(100.0 * p.project_spent_yuan / p.project_budget_yuan) AS spent_pct,
        any_value(p.project_progress_pct) AS progress_pct,
        NULL::DATE AS paid_on, NULL::DATE AS completed_on,
        NULL::DOUBLE AS allocated_yuan, NULL::DOUBLE AS disbursed_yuan,
        NULL AS project_county_code
    FROM payments p
    WHERE p.project_progress_pct < 100 AND p.project_budget_yuan > 0
      AND 100.0 * p.project_spent_yuan / p.project_budget_yuan
          - p.project_progress_pct > ?
    GROUP BY p.project_id
    UNION ALL
    SELECT 'after_completion', p.county_code, p.allocation_id, p.project_id,
        p.disbursement_id, p.paid_yuan, NULL, NULL, p.paid_on,
        p.project_completed_on, NULL, NULL, NULL
    FROM payments p
    WHERE p.paid_on > p.project_completed_on + ?::INTEGER
    UNION ALL
    SELECT 'overpaid', f.county_code, f.allocation_id, NULL, NULL,
        f.disbursed_yuan - f.allocated_yuan, NULL, NULL, NULL, NULL,
        f.allocated_yuan, f.disbursed_yuan, NULL
    FROM facts f
    WHERE f.disbursed_yuan - f.allocated_yuan > ?
    UNION ALL
    SELECT 'other_county', p.county_code, p.allocation_id, p.project_id,
        p.disbursement_id, p.paid_yuan, NULL, NULL, p.paid_on, NULL, NULL, NULL,
        p.project_county_code
    FROM payments p
    WHERE p.project_county_code <> p.county_code
)
SELECT flags.*,
    n.name_zh AS county_name_zh, n.name_en AS county_name_en,
    o.name_zh AS project_county_name_zh, o.name_en AS project_county_name_en
FROM flags
LEFT JOIN {names} n ON n.code = flags.county_code
LEFT JOIN {names} o ON o.code = flags.project_county_code
ORDER BY rule, amount_yuan DESC, allocation_id, project_id, disbursement_id
""",
)


def anomalies(
    db: Database,
    scope: Scope,
    region: Region,
    year: int,
    settings: Settings,
    picks: FundPicks = ALL,
) -> pd.DataFrame:
    """Flags on one year's money, one row per flag, by rule (ANOMALY_RULES):

    - spending_ahead: a project paid from this money that has spent a larger share of
      its budget than its progress by more than ``funds_spending_ahead_pp`` points;
    - after_completion: a payment made more than ``funds_after_completion_grace_days``
      after its project was completed;
    - overpaid: an allocation whose payments exceed it by more than
      ``funds_overpayment_tolerance_yuan``;
    - other_county: a payment to a project of another county than the allocation's.

    ``amount_yuan`` is the money concerned: the project's spending, the payment, or
    the excess over the allocation.
    """
    parts, params = view(db, scope, region, (year, year), picks)
    return db.query(
        ANOMALIES_SQL.format(**parts),
        [
            *params,
            year,
            year,
            settings.funds_spending_ahead_pp,
            settings.funds_after_completion_grace_days,
            settings.funds_overpayment_tolerance_yuan,
        ],
        name="fund_anomalies",
    )
