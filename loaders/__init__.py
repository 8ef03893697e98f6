"""Jingzhun's data layer: builds the DuckDB dataset and answers queries with DataFrames.

Nothing here imports streamlit, charts or pages (DESIGN.md §5).
"""

from loaders.db import Database, default_db_path, open_database
from loaders.errors import (
    DatasetMissingError,
    InvalidYearError,
    JingzhunError,
    QueryError,
    ScopeError,
    UnknownRegionError,
)
from loaders.schema import data_dictionary
from loaders.scope import PUBLIC, Scope
from loaders.settings import Settings, load_settings

__all__ = [
    "Database",
    "DatasetMissingError",
    "InvalidYearError",
    "JingzhunError",
    "PUBLIC",
    "QueryError",
    "Scope",
    "ScopeError",
    "Settings",
    "UnknownRegionError",
    "data_dictionary",
    "default_db_path",
    "load_settings",
    "open_database",
]
