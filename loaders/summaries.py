"""Per-county and per-allocation summaries computed once at build (and after every
import).

Scanning 30 M households for every map redraw would cost seconds at national scale, so
the counts that depend only on the data (not on a setting) are kept per county and year.
Anything that depends on a setting is computed at query time instead.
"""

from __future__ import annotations

import duckdb

from loaders.access import refresh_village_health

YEARS = (2014, 2025)

COUNTY_YEAR_FACTS_SQL = f"""
INSERT INTO county_year_facts
WITH years AS (SELECT range::INTEGER AS year FROM range({YEARS[0]}, {YEARS[1] + 1})),
people AS (
    SELECT h.county_code, y.year,
        count(*) FILTER (WHERE h.registered_year <= y.year AND h.exit_year > y.year)
            AS poor_households,
        coalesce(sum(h.size) FILTER (WHERE h.registered_year <= y.year
                                     AND h.exit_year > y.year), 0) AS poor_people,
        count(*) FILTER (WHERE h.monitor_since_year <= y.year
                         AND coalesce(h.monitor_end_year, 9999) > y.year)
            AS monitored_households
    FROM households h, years y
    GROUP BY ALL
),
villages AS (
    SELECT v.county_code, y.year,
        count(*) FILTER (WHERE v.poverty_village AND v.exit_year <= y.year)
            AS exited_villages
    FROM villages v, years y
    GROUP BY ALL
),
money AS (
    SELECT a.county_code, a.year, sum(a.amount) AS allocated_yuan,
           coalesce(sum(d.paid), 0) AS disbursed_yuan
    FROM fund_allocations a
    LEFT JOIN (SELECT allocation_id, sum(amount) AS paid
               FROM fund_disbursements GROUP BY ALL) d USING (allocation_id)
    GROUP BY ALL
)
SELECT c.code AS county_code, y.year,
    coalesce(p.poor_households, 0)::BIGINT AS poor_households,
    coalesce(p.poor_people, 0)::BIGINT AS poor_people,
    coalesce(p.monitored_households, 0)::BIGINT AS monitored_households,
    coalesce(v.exited_villages, 0)::BIGINT AS exited_villages,
    coalesce(m.allocated_yuan, 0)::DOUBLE AS allocated_yuan,
    coalesce(m.disbursed_yuan, 0)::DOUBLE AS disbursed_yuan
FROM counties c CROSS JOIN years y
LEFT JOIN people p ON p.county_code = c.code AND p.year = y.year
LEFT JOIN villages v ON v.county_code = c.code AND v.year = y.year
LEFT JOIN money m ON m.county_code = c.code AND m.year = y.year
WHERE c.code IN (SELECT county_code FROM villages)
"""  # noqa: S608 -- formatted from this module's constants, never user input

COUNTY_FACTS_SQL = """
INSERT INTO county_facts
WITH doctors AS (
    SELECT village_code,
           count(*) FILTER (WHERE qualification <> 'none') AS qualified
    FROM village_doctors GROUP BY ALL
),
clinics AS (
    SELECT region_code AS village_code FROM facilities WHERE kind = 'village_clinic'
),
registered AS (
    SELECT county_code, count(*) AS households,
           count(*) FILTER (WHERE main_cause = 'illness') AS illness_households
    FROM households WHERE registered_year IS NOT NULL GROUP BY ALL
)
SELECT v.county_code,
    count(*)::BIGINT AS villages,
    count(*) FILTER (WHERE v.poverty_village)::BIGINT AS poverty_villages,
    sum(v.population)::BIGINT AS rural_population,
    count(*) FILTER (WHERE c.village_code IS NOT NULL
                     AND coalesce(d.qualified, 0) > 0)::BIGINT AS villages_with_care,
    coalesce(any_value(r.households), 0)::BIGINT AS registered_households,
    coalesce(any_value(r.illness_households), 0)::BIGINT AS illness_households
FROM villages v
LEFT JOIN clinics c ON c.village_code = v.code
LEFT JOIN doctors d ON d.village_code = v.code
LEFT JOIN registered r ON r.county_code = v.county_code
GROUP BY v.county_code
"""


# The Funds page reads these two for every panel: one row per allocation (what was paid
# and spent of it, and when) and one per payment (with its allocation's year and county
# and what the page needs of its project). Computing them on the fly joins 0.7 M
# payments with 0.27 M allocations and 0.45 M projects: 0.1–0.4 s per query at
# national scale. Both are stored in budget-year order, so a year's rows sit together
# and a query for one year skips the rest. Datasets built before they existed get the
# same rows from these SELECTs inline (loaders.queries.funds).
ALLOCATION_FACTS_SELECT = """
SELECT a.allocation_id, a.year, a.source_level, a.fund_type, a.purpose, a.county_code,
    a.amount::DOUBLE AS allocated_yuan, a.allocated_on, a.disclosed_on,
    a.disclosure_complete,
    coalesce(p.disbursed_yuan, 0) AS disbursed_yuan,
    coalesce(p.spent_yuan, 0) AS spent_yuan,
    p.first_paid_on, p.last_paid_on,
    coalesce(p.payments_count, 0)::BIGINT AS payments_count
FROM fund_allocations a
LEFT JOIN (
    SELECT d.allocation_id,
        sum(d.amount::DOUBLE) AS disbursed_yuan,
        -- A payment to a project counts as spent in the share of its budget the
        -- project has spent (its progress without a budget); one to no project
        -- went to its final recipients and counts when paid.
        sum(d.amount::DOUBLE * CASE
            WHEN d.project_id IS NULL THEN 1.0
            WHEN pr.budget > 0
            THEN least(1.0, greatest(0.0, pr.spent::DOUBLE / pr.budget::DOUBLE))
            ELSE coalesce(pr.progress_pct, 0) / 100.0 END) AS spent_yuan,
        min(d.paid_on) AS first_paid_on,
        max(d.paid_on) AS last_paid_on,
        count(*) AS payments_count
    FROM fund_disbursements d
    LEFT JOIN projects pr ON pr.project_id = d.project_id
    GROUP BY d.allocation_id
) p USING (allocation_id)
"""


PAYMENT_FACTS_SELECT = """
SELECT d.disbursement_id, d.allocation_id, a.year, a.county_code, d.project_id,
    d.paid_on, d.amount::DOUBLE AS paid_yuan,
    pr.county_code AS project_county_code,
    pr.category AS project_category,
    pr.actual_end_on AS project_completed_on,
    pr.progress_pct AS project_progress_pct,
    pr.budget::DOUBLE AS project_budget_yuan,
    pr.spent::DOUBLE AS project_spent_yuan,
    pr.beneficiary_households AS project_beneficiary_households,
    pr.poor_beneficiary_households AS project_poor_beneficiary_households
FROM fund_disbursements d
JOIN fund_allocations a ON a.allocation_id = d.allocation_id
LEFT JOIN projects pr ON pr.project_id = d.project_id
"""


# Stored in budget-year order (see above).
ALLOCATION_FACTS_INSERT = f"""
INSERT INTO allocation_facts
SELECT * FROM ({ALLOCATION_FACTS_SELECT}) ORDER BY year, county_code, allocation_id
"""  # noqa: S608 -- formatted from this module's constants, never user input
PAYMENT_FACTS_INSERT = f"""
INSERT INTO payment_facts
SELECT * FROM ({PAYMENT_FACTS_SELECT}) ORDER BY year, county_code, disbursement_id
"""  # noqa: S608 -- formatted from this module's constants, never user input


def refresh_fund_facts(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the per-allocation and per-payment summaries from the base tables."""
    con.execute("DELETE FROM allocation_facts")
    con.execute(ALLOCATION_FACTS_INSERT)
    con.execute("DELETE FROM payment_facts")
    con.execute(PAYMENT_FACTS_INSERT)


# Medical costs per county, year and out-of-pocket burden band, so that the Health
# page sums a few thousand rows instead of joining 39 M cost rows with 30 M
# households (seconds at national scale). The band is ceil(100 × out of pocket /
# income): "more than s of income" for any s on a whole percentage is "band > 100 s"
# exactly (loaders.queries.health; other thresholds fall back to the base tables).
MEDICAL_COST_BAND_CAP = 1000
MEDICAL_COST_FACTS_SQL = f"""
INSERT INTO medical_cost_facts
SELECT h.county_code, m.year,
    least({MEDICAL_COST_BAND_CAP}, ceil(100.0 * m.out_of_pocket
          / greatest(h.income_per_capita * h.size, 1)))::INTEGER AS oop_share_band,
    count(*)::BIGINT, count(*) FILTER (WHERE m.serious_illness)::BIGINT,
    sum(m.total_cost)::DOUBLE, sum(m.insurance_paid)::DOUBLE,
    sum(m.medical_aid)::DOUBLE, sum(m.out_of_pocket)::DOUBLE
FROM medical_costs m JOIN households h USING (household_id)
GROUP BY ALL
ORDER BY 1, 2, 3
"""  # noqa: S608 -- formatted from this module's constants, never user input


def refresh_summaries(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the per-county, per-village and per-allocation summaries from the
    base tables."""
    refresh_village_health(con)
    con.execute("DELETE FROM medical_cost_facts")
    con.execute(MEDICAL_COST_FACTS_SQL)
    con.execute("DELETE FROM county_year_facts")
    con.execute(COUNTY_YEAR_FACTS_SQL)
    con.execute("DELETE FROM county_facts")
    con.execute(COUNTY_FACTS_SQL)
    refresh_fund_facts(con)


def refresh_after_import(
    con: duckdb.DuckDBPyConnection, table: str, keys: list[str]
) -> None:
    """Bring the summaries up to date after new rows (``keys``) were added to one
    base table, touching only what those rows can change.

    Rewriting the per-payment summaries whole costs most of an import at demo scale
    (they are re-sorted and rewritten at the commit), so the fund summaries are
    updated for the affected allocations only. A new project has no payments yet
    and changes no summary.
    """
    if table in ("households", "villages", "fund_allocations", "fund_disbursements"):
        con.execute("DELETE FROM county_year_facts")
        con.execute(COUNTY_YEAR_FACTS_SQL)
    if table in ("households", "villages", "facilities"):
        con.execute("DELETE FROM county_facts")
        con.execute(COUNTY_FACTS_SQL)
    (has_fund_facts,) = con.execute(
        "SELECT count(*) = 2 FROM duckdb_tables() "
        "WHERE table_name IN ('allocation_facts', 'payment_facts')"
    ).fetchone()
    if not has_fund_facts:
        return  # built before they existed: the Funds page computes them inline
    if table == "fund_allocations":
        _insert_allocation_facts(con, keys)
    if table == "fund_disbursements":
        allocations = [
            row[0]
            for row in con.execute(
                "SELECT DISTINCT allocation_id FROM fund_disbursements "
                "WHERE disbursement_id IN (SELECT unnest(?::VARCHAR[]))",
                [keys],
            ).fetchall()
        ]
        con.execute(
            "DELETE FROM allocation_facts "
            "WHERE allocation_id IN (SELECT unnest(?::VARCHAR[]))",
            [allocations],
        )
        _insert_allocation_facts(con, allocations)
        con.execute(
            f"INSERT INTO payment_facts SELECT * FROM ({PAYMENT_FACTS_SELECT}) "  # noqa: S608
            "WHERE disbursement_id IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY year, county_code, disbursement_id",
            [keys],
        )


def _insert_allocation_facts(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    con.execute(
        f"INSERT INTO allocation_facts SELECT * FROM ({ALLOCATION_FACTS_SELECT}) "  # noqa: S608
        "WHERE allocation_id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY year, county_code, allocation_id",
        [ids],
    )
