"""Per-county summaries computed once at build (and after every import).

Scanning 30 M households for every map redraw would cost seconds at national scale, so
the counts that depend only on the data (not on a setting) are kept per county and year.
Anything that depends on a setting is computed at query time instead.
"""

from __future__ import annotations

import duckdb

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


def refresh_summaries(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the per-county summaries from the base tables."""
    con.execute("DELETE FROM county_year_facts")
    con.execute(COUNTY_YEAR_FACTS_SQL)
    con.execute("DELETE FROM county_facts")
    con.execute(COUNTY_FACTS_SQL)
