"""What the dataset is: its info row, table sizes, and the public reference figures."""

from __future__ import annotations

import pandas as pd

from loaders.db import Database
from loaders.schema import TABLES

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


def table_row_counts(db: Database) -> pd.DataFrame:
    """Rows in each table of the data model (table, rows)."""
    # Table names come from the schema, never from the user; one statement per table
    # keeps the counts exact (duckdb_tables() only estimates).
    parts = [
        f"SELECT '{t.name}' AS table, count(*) AS rows FROM {t.name}"  # noqa: S608
        for t in TABLES
    ]
    return db.query(" UNION ALL ".join(parts), name="table_row_counts")
