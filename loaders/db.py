"""The one door to DuckDB: a read-only connection, a cursor per thread, bound params.

Every query in the app goes through :meth:`Database.query`, which binds parameters,
times the call, logs it at DEBUG and turns DuckDB failures into :class:`QueryError`.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from loaders.errors import DatasetMissingError, QueryError

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = PROJECT_ROOT / "data" / "jingzhun.duckdb"


def default_db_path() -> Path:
    """The dataset file: ``$JINGZHUN_DB`` or ``data/jingzhun.duckdb``."""
    configured = os.environ.get("JINGZHUN_DB")
    return Path(configured) if configured else DEFAULT_DB


class Database:
    """A read-only DuckDB file shared by every thread of the app process."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise DatasetMissingError(
                f"找不到数据集 {path}。请先运行：python -m loaders build",
                f"No dataset at {path}. Build it first: python -m loaders build",
            )
        self.path = path
        # Which version of the file this is: an import swaps in a new file under the
        # same name. Taken before connecting, so that a swap in between makes this
        # connection look stale (and be reopened), never current when it is not.
        self.file_id = _file_id(path)
        # A read-only connection lets many app processes share one file safely.
        # The file is attached to a private in-memory database rather than opened
        # directly: DuckDB hands every connect() to an already open path the same
        # database, so after an import the process would go on reading the old
        # version for as long as any thread still held it.
        self._connection = duckdb.connect(":memory:")
        quoted = str(path).replace("'", "''")  # the configured path, not user input
        self._connection.execute(f"ATTACH '{quoted}' AS dataset (READ_ONLY)")
        self._connection.execute("USE dataset")
        self._local = threading.local()
        self._check_is_dataset()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        # A DuckDB connection is not thread-safe; each Streamlit thread gets a cursor.
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._connection.cursor()
            cursor.execute("USE dataset")  # a cursor starts in the default catalog
            self._local.cursor = cursor
        return cursor

    def query(
        self, sql: str, params: Sequence[Any] | None = None, *, name: str = "query"
    ) -> pd.DataFrame:
        """Run one statement with bound parameters and return a DataFrame."""
        started = time.perf_counter()
        try:
            frame = self._cursor().execute(sql, list(params or ())).df()
        except duckdb.Error as error:
            log.warning("query %s failed: %s", name, error)
            raise QueryError(
                f"数据查询“{name}”失败：{error}", f"Query '{name}' failed: {error}"
            ) from error
        log.debug(
            "%s: %d rows in %.1f ms",
            name,
            len(frame),
            (time.perf_counter() - started) * 1e3,
        )
        return frame

    def _check_is_dataset(self) -> None:
        tables = set(
            self.query("SELECT table_name FROM duckdb_tables()", name="tables")[
                "table_name"
            ]
        )
        if "dataset_info" not in tables:
            raise DatasetMissingError(
                f"{self.path} 不是精准数据集（缺少 dataset_info 表）",
                f"{self.path} is not a Jingzhun dataset (no dataset_info table)",
            )

    def is_current(self) -> bool:
        """Whether the file at the path is still the version this connection reads
        (an import replaces it; readers of the old version keep working)."""
        try:
            return _file_id(self.path) == self.file_id
        except FileNotFoundError:
            return True  # nothing newer to switch to

    def close(self) -> None:
        """Close the shared connection (tests and the CLI; the app keeps it open)."""
        self._connection.close()


def _file_id(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def open_database(path: Path | None = None) -> Database:
    """Open the dataset read-only."""
    return Database(path or default_db_path())
