"""Queries behind the Funds page: allocated → disbursed → spent, the cascade and the
public disclosure tables. Timeliness, disclosure and anomalies: ``fund_checks``.

Every query starts from the same view of the allocations (``FACTS_CTE``): one budget
year (or all), the region intersected with the viewer's scope (``county_filter``), and
the optional picks of source level, fund type and purpose. Money is in yuan; the only
counts of households are the project beneficiaries of the public table, which are
suppressed for the public role.

Three amounts describe an allocation (``allocation_facts``, see loaders.summaries):

- allocated: ``fund_allocations.amount``;
- disbursed: the sum of its payments (``fund_disbursements``);
- spent: the part of those payments used by the time of the data. A payment booked to
  a project counts as spent in the share of its budget the project has spent (at most
  all of it; its progress where it has no budget): money paid into a project that has
  used 60 % of its budget is taken as 60 % spent. A payment booked to no project went
  to its final recipients (subsidies, transfers) and counts as spent when paid.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import pandas as pd

from loaders.db import Database
from loaders.privacy import suppress_counts, suppression_threshold
from loaders.queries.overview import FIRST_YEAR, LAST_YEAR, check_year
from loaders.queries.regions import COUNTRY, Region, county_filter
from loaders.scope import Scope
from loaders.settings import Settings
from loaders.summaries import ALLOCATION_FACTS_SELECT, PAYMENT_FACTS_SELECT

# Known codes in their natural order; codes the data holds beyond these follow them.
SOURCE_LEVELS = ("central", "provincial", "city", "county")
PICKS = ("source_level", "fund_type", "purpose")
# The breakdowns the page offers: the column (or region grouping) they group by.
BREAKDOWNS = ("source_level", "fund_type", "purpose", "region")
# Region rows for a view: provinces of the country, cities of a province (a county
# directly under its province stands for itself), counties of a city.
REGION_GROUP = {
    "country": "f.province_code",
    "province": "coalesce(f.city_code, f.county_code)",
    "city": "f.county_code",
    "county": "f.county_code",
}
OTHER = "other"


@dataclass(frozen=True)
class FundPicks:
    """The source level, fund type and purpose the page is narrowed to (None: all)."""

    source_level: str | None = None
    fund_type: str | None = None
    purpose: str | None = None

    def params(self) -> list[str | None]:
        """Each pick twice, for ``(? IS NULL OR column = ?)``."""
        return [value for pick in PICKS for value in (getattr(self, pick),) * 2]


ALL = FundPicks()

# The allocations of the view, one row each, from {facts}: the allocation_facts
# summary. Parameters: first year, last year, the picks (twice each), the region's.
FACTS_CTE = """
facts AS (
    SELECT af.*, c.province_code, c.city_code
    FROM {facts} af JOIN counties c ON c.code = af.county_code
    WHERE af.year BETWEEN ? AND ?
      AND (?::VARCHAR IS NULL OR af.source_level = ?)
      AND (?::VARCHAR IS NULL OR af.fund_type = ?)
      AND (?::VARCHAR IS NULL OR af.purpose = ?)
      AND {where}
)"""

# The payments of the view's allocations, from {payment_facts}. Parameters: first
# year, last year (again, so that the scan skips the other years' payments).
PAYMENTS_CTE = """,
payments AS (
    SELECT pf.* FROM {payment_facts} pf
    SEMI JOIN facts f ON f.allocation_id = pf.allocation_id
    WHERE pf.year BETWEEN ? AND ?
)"""

# Names of provinces, cities and counties, to join on a code.
REGION_NAMES = """(
    SELECT code, name_zh, name_en FROM regions
    WHERE level IN ('province', 'city', 'county')
)"""


def with_facts(*parts: str) -> str:
    """A statement over FACTS_CTE; ``parts`` add CTEs (after a comma) and the body."""
    return "WITH" + FACTS_CTE + "".join(parts)


TOTALS_BY_YEAR_SQL = with_facts(
    """
SELECT y.year::INTEGER AS year,
    count(f.allocation_id)::BIGINT AS allocations_count,
    coalesce(sum(f.allocated_yuan), 0) AS allocated_yuan,
    coalesce(sum(f.disbursed_yuan), 0) AS disbursed_yuan,
    coalesce(sum(f.spent_yuan), 0) AS spent_yuan
FROM range(?, ? + 1) y(year) LEFT JOIN facts f ON f.year = y.year
GROUP BY y.year ORDER BY y.year
"""
)

BREAKDOWN_SQL = with_facts(
    """,
rows AS (
    SELECT {key} AS key,
        count(*)::BIGINT AS allocations_count,
        sum(f.allocated_yuan) AS allocated_yuan,
        sum(f.disbursed_yuan) AS disbursed_yuan,
        sum(f.spent_yuan) AS spent_yuan
    FROM facts f
    GROUP BY 1
)
SELECT rows.*, n.name_zh, n.name_en
FROM rows LEFT JOIN {names} n ON n.code = rows.key
ORDER BY allocated_yuan DESC, key
""",
)

# Flows source level → province → county → purpose. Provinces and counties beyond
# the top N by allocated money are grouped as 'other'.
CASCADE_SQL = with_facts(
    """,
provinces AS (
    SELECT province_code, row_number() OVER (
        ORDER BY sum(allocated_yuan) DESC, province_code) AS rank
    FROM facts GROUP BY province_code
),
counties AS (
    SELECT county_code, row_number() OVER (
        ORDER BY sum(allocated_yuan) DESC, county_code) AS rank
    FROM facts GROUP BY county_code
),
flows AS (
    SELECT f.source_level,
        CASE WHEN p.rank <= ? THEN f.province_code ELSE 'other' END AS province_code,
        CASE WHEN k.rank <= ? THEN f.county_code ELSE 'other' END AS county_code,
        f.purpose,
        sum(f.allocated_yuan) AS allocated_yuan,
        sum(f.disbursed_yuan) AS disbursed_yuan
    FROM facts f
    JOIN provinces p USING (province_code)
    JOIN counties k USING (county_code)
    GROUP BY ALL
)
SELECT flows.*,
    p.name_zh AS province_name_zh, p.name_en AS province_name_en,
    k.name_zh AS county_name_zh, k.name_en AS county_name_en
FROM flows
LEFT JOIN {names} p ON p.code = flows.province_code
LEFT JOIN {names} k ON k.code = flows.county_code
ORDER BY source_level, province_code, county_code, purpose
""",
)

PUBLIC_ALLOCATIONS_SQL = with_facts(
    """,
rows AS (
    SELECT f.county_code, f.source_level, f.fund_type, f.purpose,
        count(*)::BIGINT AS allocations_count,
        sum(f.allocated_yuan) AS allocated_yuan,
        sum(f.disbursed_yuan) AS disbursed_yuan,
        sum(f.spent_yuan) AS spent_yuan
    FROM facts f
    GROUP BY ALL
)
SELECT rows.*, n.name_zh AS county_name_zh, n.name_en AS county_name_en,
    count(*) OVER () AS total_rows
FROM rows LEFT JOIN {names} n ON n.code = rows.county_code
ORDER BY county_code, source_level, fund_type, purpose
LIMIT ?
""",
)

PUBLIC_PROJECTS_SQL = with_facts(
    PAYMENTS_CTE,
    """,
funded AS (
    SELECT project_id,
        any_value(project_county_code) AS county_code,
        any_value(project_category) AS category,
        sum(paid_yuan) AS paid_yuan,
        any_value(project_budget_yuan) AS budget_yuan,
        any_value(project_spent_yuan) AS spent_yuan,
        any_value(project_beneficiary_households) AS households,
        any_value(project_poor_beneficiary_households) AS poor_households
    FROM payments
    -- Projects of the region within the scope: money of a county paid to a project
    -- elsewhere shows among the anomalies, not the other county's beneficiaries.
    WHERE project_id IS NOT NULL
      AND project_county_code IN (SELECT c.code FROM counties c WHERE {where})
    GROUP BY project_id
),
rows AS (
    SELECT county_code, category,
        count(*)::BIGINT AS projects_count,
        sum(paid_yuan) AS paid_yuan,
        sum(budget_yuan) AS budget_yuan,
        sum(spent_yuan) AS project_spent_yuan,
        sum(households)::BIGINT AS beneficiary_households_count,
        sum(poor_households)::BIGINT AS poor_beneficiary_households_count
    FROM funded
    GROUP BY ALL
)
SELECT rows.*, n.name_zh AS county_name_zh, n.name_en AS county_name_en,
    count(*) OVER () AS total_rows
FROM rows LEFT JOIN {names} n ON n.code = rows.county_code
ORDER BY county_code, category
LIMIT ?
""",
)

FACTS_TABLES_SQL = """
SELECT count(*) = 2 FROM duckdb_tables()
WHERE table_name IN ('allocation_facts', 'payment_facts')
"""
INLINE_FACTS = {
    "facts": f"({ALLOCATION_FACTS_SELECT})",
    "payment_facts": f"({PAYMENT_FACTS_SELECT})",
}
STORED_FACTS = {"facts": "allocation_facts", "payment_facts": "payment_facts"}

CODES_SQL = """
WITH seen AS (
    SELECT DISTINCT a.source_level, a.fund_type, a.purpose
    FROM fund_allocations a JOIN counties c ON c.code = a.county_code
    WHERE {where}
)
SELECT 'source_level' AS pick, source_level AS code FROM seen
UNION SELECT 'fund_type', fund_type FROM seen
UNION SELECT 'purpose', purpose FROM seen
"""

HOUSEHOLD_COUNTS = ("beneficiary_households_count", "poor_beneficiary_households_count")


def view(
    db: Database,
    scope: Scope,
    region: Region,
    years: tuple[int, int],
    picks: FundPicks,
) -> tuple[dict[str, str], list]:
    """The placeholders of the statements ({facts}, {payment_facts}, {where},
    {names}) and the parameters of FACTS_CTE, in order. Years are checked."""
    for year in years:
        check_year(year)
    where, region_params = county_filter(db, scope, region)
    parts = {**_facts_sources(db), "where": where, "names": REGION_NAMES}
    return parts, [*years, *picks.params(), *region_params]


_HAS_FACTS_TABLES: weakref.WeakKeyDictionary[Database, bool] = (
    weakref.WeakKeyDictionary()
)


def _facts_sources(db: Database) -> dict[str, str]:
    """The allocation_facts and payment_facts tables, or for a dataset built before
    they existed, the same rows computed inline (0.1–0.4 s more per query at
    national scale)."""
    if db not in _HAS_FACTS_TABLES:
        found = db.query(FACTS_TABLES_SQL, name="has_fund_facts")
        _HAS_FACTS_TABLES[db] = bool(found.iloc[0, 0])
    return STORED_FACTS if _HAS_FACTS_TABLES[db] else INLINE_FACTS


def fund_codes(db: Database, scope: Scope) -> dict[str, list[str]]:
    """The source levels, fund types and purposes of the money the scope reaches,
    for the pickers."""
    where, params = county_filter(db, scope, COUNTRY)
    found = db.query(CODES_SQL.format(where=where), params, name="fund_codes").dropna()
    out = {}
    for pick in PICKS:
        codes = sorted(found.loc[found["pick"] == pick, "code"])
        known = SOURCE_LEVELS if pick == "source_level" else ()
        out[pick] = [c for c in known if c in codes] + [
            c for c in codes if c not in known
        ]
    return out


def totals_by_year(
    db: Database, scope: Scope, region: Region, picks: FundPicks = ALL
) -> pd.DataFrame:
    """Per budget year 2014–2025: allocations, money allocated, disbursed and spent,
    and the rates (disbursed and spent as a share of allocated)."""
    parts, params = view(db, scope, region, (FIRST_YEAR, LAST_YEAR), picks)
    frame = db.query(
        TOTALS_BY_YEAR_SQL.format(**parts),
        [*params, FIRST_YEAR, LAST_YEAR],
        name="fund_totals_by_year",
    )
    return with_rates(frame)


def breakdown(
    db: Database,
    scope: Scope,
    region: Region,
    year: int,
    by: str,
    picks: FundPicks = ALL,
) -> pd.DataFrame:
    """Money allocated, disbursed and spent in one year by source level, fund type,
    purpose or region (the region's provinces, cities or counties), largest first.
    Columns: key, counts, money, rates, and name_zh / name_en for region rows."""
    if by not in BREAKDOWNS:
        raise ValueError(f"cannot break down by {by!r}; expected one of {BREAKDOWNS}")
    key = REGION_GROUP[region.level] if by == "region" else f"f.{by}"
    parts, params = view(db, scope, region, (year, year), picks)
    frame = db.query(
        BREAKDOWN_SQL.format(key=key, **parts), params, name=f"fund_by_{by}"
    )
    return with_rates(frame)


def cascade(
    db: Database, scope: Scope, region: Region, year: int, top_n: int
) -> pd.DataFrame:
    """Flows of one year's money: source level → province → county → purpose, with
    provinces and counties beyond the ``top_n`` largest grouped as ``other``.

    Columns: source_level, province_code, county_code, purpose, allocated_yuan,
    disbursed_yuan, and the province and county names (zh, en; missing for 'other').
    The cascade shows the whole year: the page's picks are highlighted in it, not
    applied to it.
    """
    if top_n < 1:
        raise ValueError(f"the cascade needs top_n >= 1, got {top_n}")
    parts, params = view(db, scope, region, (year, year), ALL)
    return db.query(
        CASCADE_SQL.format(**parts), [*params, top_n, top_n], name="fund_cascade"
    )


def public_allocations(
    db: Database,
    scope: Scope,
    region: Region,
    year: int,
    picks: FundPicks = ALL,
    limit: int | None = None,
) -> pd.DataFrame:
    """One year's allocations per county, source level, fund type and purpose: how
    many, the money allocated, disbursed and spent, and the rates. The first
    ``limit`` rows (all without one); ``total_rows`` says how many there are."""
    parts, params = view(db, scope, region, (year, year), picks)
    frame = db.query(
        PUBLIC_ALLOCATIONS_SQL.format(**parts),
        [*params, limit],
        name="fund_public_allocations",
    )
    return with_rates(frame)


def public_projects(
    db: Database,
    scope: Scope,
    region: Region,
    year: int,
    settings: Settings,
    picks: FundPicks = ALL,
    limit: int | None = None,
) -> pd.DataFrame:
    """The projects paid from one year's allocations, per county and category: how
    many, what they received from this money, their budgets and spending, and the
    households they benefit, suppressed for the public role. The first ``limit``
    rows; ``total_rows`` says how many there are."""
    parts, params = view(db, scope, region, (year, year), picks)
    _, region_params = county_filter(db, scope, region)
    frame = db.query(
        PUBLIC_PROJECTS_SQL.format(**parts),
        [*params, year, year, *region_params, limit],
        name="fund_public_projects",
    )
    threshold = suppression_threshold(scope, settings.small_cell_threshold)
    return suppress_counts(frame, HOUSEHOLD_COUNTS, threshold)


def with_rates(frame: pd.DataFrame) -> pd.DataFrame:
    """Disbursement and spending rates in percent of allocated; NaN where nothing
    was allocated."""
    out = frame.copy()
    allocated = out["allocated_yuan"].astype(float)
    allocated = allocated.where(allocated > 0)
    out["disbursement_rate_pct"] = 100.0 * out["disbursed_yuan"] / allocated
    out["spending_rate_pct"] = 100.0 * out["spent_yuan"] / allocated
    return out
