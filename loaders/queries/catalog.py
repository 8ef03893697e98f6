"""What the dataset is: its info row, table sizes, and the public reference figures."""

from __future__ import annotations

import pandas as pd

from loaders.db import Database
from loaders.privacy import SUPPRESSED_BELOW, suppression_threshold
from loaders.queries.regions import COUNTRY, county_filter
from loaders.schema import TABLES
from loaders.scope import Scope
from loaders.settings import Settings

DATASET_INFO_SQL = "SELECT * FROM dataset_info"

REFERENCE_SERIES_SQL = """
SELECT series, year, value, unit, status, source
FROM reference_series ORDER BY series, year
"""


def dataset_info(db: Database) -> dict:
    """The dataset's one info row as a dict (name, synthetic, scale, seed, …)."""
    info = db.query(DATASET_INFO_SQL, name="dataset_info").iloc[0].to_dict()
    # DuckDB hands DATE and TIMESTAMP to pandas as Timestamps; the app shows a date.
    info["as_of"] = pd.Timestamp(info["as_of"]).date()
    info["built_at"] = pd.Timestamp(info["built_at"]).to_pydatetime()
    return info


def reference_series(db: Database) -> pd.DataFrame:
    """Public national figures with their status and source."""
    return db.query(REFERENCE_SERIES_SQL, name="reference_series")


# How the rows of each table reach a county (aliased ``c``), so that counts stay
# inside the viewer's scope. Tables not listed are public geography or reference
# facts and are counted whole.
TABLE_TO_COUNTY = {
    "villages": "villages t JOIN counties c ON c.code = t.county_code",
    "households": "households t JOIN counties c ON c.code = t.county_code",
    "household_checks": "household_checks t JOIN households h USING (household_id)"
    " JOIN counties c ON c.code = h.county_code",
    "medical_costs": "medical_costs t JOIN households h USING (household_id)"
    " JOIN counties c ON c.code = h.county_code",
    "facilities": "facilities t JOIN counties c ON c.code = t.county_code",
    "village_doctors": "village_doctors t JOIN villages v ON v.code = t.village_code"
    " JOIN counties c ON c.code = v.county_code",
    "fund_allocations": "fund_allocations t JOIN counties c ON c.code = t.county_code",
    "fund_disbursements": "fund_disbursements t JOIN fund_allocations a"
    " USING (allocation_id) JOIN counties c ON c.code = a.county_code",
    "projects": "projects t JOIN counties c ON c.code = t.county_code",
    "county_year_facts": "county_year_facts t"
    " JOIN counties c ON c.code = t.county_code",
    "county_facts": "county_facts t JOIN counties c ON c.code = t.county_code",
    "village_health": "village_health t JOIN counties c ON c.code = t.county_code",
    "medical_cost_facts": "medical_cost_facts t"
    " JOIN counties c ON c.code = t.county_code",
}
# Tables whose rows are households or people: their counts are small-cell suppressed.
PERSONAL_TABLES = ("households", "household_checks", "medical_costs")


def table_row_counts(
    db: Database, scope: Scope | None, settings: Settings
) -> pd.DataFrame:
    """Rows in each table of the data model (table, rows), counting only the rows
    inside the viewer's scope for tables that belong to a county."""
    where, params = county_filter(db, scope, COUNTRY)
    # Table names and joins come from the schema and the map above, never from the
    # user; one statement per table keeps the counts exact (duckdb_tables() only
    # estimates).
    parts, bound = [], []
    for table in TABLES:
        source = TABLE_TO_COUNTY.get(table.name)
        # A national scope sees every row: count the table itself, without joins
        # (the household tables hold tens of millions of rows at national scale).
        if source is None or where == "TRUE":
            parts.append(
                f"SELECT '{table.name}' AS table, count(*) AS rows "  # noqa: S608
                f"FROM {table.name}"
            )
        else:
            parts.append(
                f"SELECT '{table.name}' AS table, count(*) AS rows "  # noqa: S608
                f"FROM {source} WHERE {where}"
            )
            bound += params
    counts = db.query(" UNION ALL ".join(parts), bound, name="table_row_counts")
    threshold = suppression_threshold(scope, settings.small_cell_threshold)
    personal = counts["table"].isin(PERSONAL_TABLES)
    small = personal & (counts["rows"] > 0) & (counts["rows"] < (threshold or 0))
    out = counts.astype({"rows": "Int64"})
    out.loc[small, "rows"] = pd.NA
    if threshold is not None:
        out.attrs[SUPPRESSED_BELOW] = threshold
    return out
