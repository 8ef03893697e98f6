"""The risk register of the Industrial projects page: the likelihood × impact matrix
and the insurance and risk-fund cover by region. Same view of the projects as
``loaders.queries.projects`` (region within the scope, picks, settings).

A project's risk score is the weighted mean of its five factors (market, natural
disaster, technical, management, policy; each rated 1–5) with the
``projects_risk_weight_*`` settings. Rounded half up, it is the likelihood (1–5);
the impact (1–5) is the band of poor households the project benefits
(``projects_impact_households``). Likelihood × impact from
``projects_medium_risk_from`` is medium risk, from ``projects_high_risk_from`` high.
A high-risk project is covered when it is insured or its risk guarantee fund reaches
``projects_risk_fund_target_pct`` of its budget.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from loaders.db import Database
from loaders.queries.projects import (
    ALL,
    REGION_GROUP,
    REGION_NAMES,
    ProjectPicks,
    view_params,
    with_view,
)
from loaders.queries.regions import Region
from loaders.scope import Scope
from loaders.settings import Settings

LEVELS = ("low", "medium", "high")

MATRIX_SQL = with_view(
    """
SELECT likelihood, impact, any_value(risk_level) AS risk_level,
    count(*)::BIGINT AS projects_count,
    count(*) FILTER (WHERE risk_covered)::BIGINT AS covered_count,
    sum(budget_yuan) AS budget_yuan
FROM v GROUP BY ALL ORDER BY likelihood, impact
"""
)

COVER_SQL = with_view(
    """,
rows AS (
    SELECT {key} AS key,
        count(*)::BIGINT AS projects_count,
        count(*) FILTER (WHERE insured)::BIGINT AS insured_count,
        count(*) FILTER (WHERE risk_level = 'high')::BIGINT AS high_risk_count,
        count(*) FILTER (WHERE risk_level = 'high' AND insured)::BIGINT
            AS high_risk_insured_count,
        count(*) FILTER (WHERE risk_level = 'high' AND risk_covered)::BIGINT
            AS high_risk_covered_count,
        coalesce(sum(risk_fund_yuan), 0) AS risk_fund_yuan,
        coalesce(sum(risk_fund_yuan) FILTER (WHERE risk_level = 'high'), 0)
            AS high_risk_fund_yuan,
        coalesce(sum(budget_yuan) FILTER (WHERE risk_level = 'high'), 0)
            AS high_risk_budget_yuan,
        avg(risk_score) AS mean_risk_score
    FROM v GROUP BY 1
)
SELECT rows.*,
    100.0 * insured_count / nullif(projects_count, 0) AS insured_pct,
    100.0 * high_risk_covered_count / nullif(high_risk_count, 0)
        AS high_risk_covered_pct,
    100.0 * high_risk_fund_yuan / nullif(high_risk_budget_yuan, 0)
        AS risk_fund_cover_pct,
    n.name_zh, n.name_en
FROM rows LEFT JOIN {names} n ON n.code = rows.key
ORDER BY high_risk_covered_pct NULLS LAST, high_risk_count DESC, key
"""
)


def risk_matrix(
    db: Database,
    scope: Scope,
    region: Region,
    settings: Settings,
    as_of: dt.date,
    picks: ProjectPicks = ALL,
) -> pd.DataFrame:
    """Every cell of the 5 × 5 matrix (likelihood, impact 1–5) with its risk level,
    the projects in it, how many are covered and their budget; empty cells hold 0."""
    where, params = view_params(db, scope, region, settings, as_of, picks)
    found = db.query(MATRIX_SQL.format(where=where), params, name="risk_matrix")
    grid = pd.MultiIndex.from_product(
        [range(1, 6), range(1, 6)], names=["likelihood", "impact"]
    ).to_frame(index=False)
    frame = grid.merge(found, on=["likelihood", "impact"], how="left")
    product = frame["likelihood"] * frame["impact"]
    frame["risk_level"] = risk_level(product, settings)
    counts = ["projects_count", "covered_count"]
    frame[counts] = frame[counts].fillna(0).astype("int64")
    frame["budget_yuan"] = frame["budget_yuan"].fillna(0.0).astype(float)
    return frame


def risk_level(product: pd.Series, settings: Settings) -> pd.Series:
    """low, medium or high for likelihood × impact values (the SQL rule, in pandas)."""
    level = pd.Series("low", index=product.index, dtype=object)
    level[product >= settings.projects_medium_risk_from] = "medium"
    level[product >= settings.projects_high_risk_from] = "high"
    return level


def cover_by_region(
    db: Database,
    scope: Scope,
    region: Region,
    settings: Settings,
    as_of: dt.date,
    picks: ProjectPicks = ALL,
) -> pd.DataFrame:
    """Per child region (key, names): projects and the insured share, high-risk
    projects and the share of them covered, the risk fund and its share of the
    high-risk budget, the mean risk score; least covered first."""
    where, params = view_params(db, scope, region, settings, as_of, picks)
    sql = COVER_SQL.format(
        key=REGION_GROUP[region.level], where=where, names=REGION_NAMES
    )
    return db.query(sql, params, name="risk_cover_by_region")
