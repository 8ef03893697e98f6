"""Write an import as a new version of the dataset and swap it in atomically.

DuckDB allows one writer or many readers per file, and the app's readers keep the file
open. So an import never writes into the file they read: it copies the file beside
it, applies the rows in one transaction, refreshes the summaries, checkpoints, checks
the copy, and only then renames it over the dataset (``os.replace``, atomic on one file
system). Readers that hold the old file keep reading it, undisturbed, until they open
the dataset again. A process killed at any step leaves the dataset as it was, plus at
worst a stale ``.importing`` file that the next import removes.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from loaders.imports.problems import ImportRejected, problem
from loaders.imports.spec import ImportTable
from loaders.schema import TABLE_BY_NAME
from loaders.summaries import refresh_after_import

log = logging.getLogger(__name__)

IMPORT_LOG_DDL = """
CREATE TABLE IF NOT EXISTS import_log (
    import_id INTEGER PRIMARY KEY,
    imported_at TIMESTAMP NOT NULL,
    username VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    scope_code VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    file_sha256 VARCHAR NOT NULL,
    rows BIGINT NOT NULL,
    result VARCHAR NOT NULL,
    version VARCHAR NOT NULL
)
"""

# A new village is also a region (its name lives there) and adds to its county's
# rural population, which the build computed from the villages.
VILLAGE_REGIONS_SQL = """
INSERT INTO regions (code, level, name_zh, name_en, parent_code, province_code,
                     city_code, county_code, lon, lat, area_km2)
SELECT code, 'village', name_zh, coalesce(name_en, name_zh), township_code,
       province_code, city_code, county_code,
       TRY_CAST(lon AS DOUBLE), TRY_CAST(lat AS DOUBLE), NULL
FROM incoming
"""
RURAL_POPULATION_SQL = """
UPDATE counties SET rural_population = v.population
FROM (SELECT county_code, sum(population) AS population
      FROM villages GROUP BY county_code) v
WHERE counties.code = v.county_code
"""


@dataclass(frozen=True)
class LogEntry:
    """Who imported what (the row the import adds to ``import_log``)."""

    username: str
    role: str
    scope_code: str
    file_name: str
    file_sha256: str


def temp_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.importing")


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.import.lock")


@contextmanager
def import_lock(db_path: Path) -> Iterator[None]:
    """One import at a time per dataset (across processes); a second one is told
    to wait rather than queued, so a user is never left with a frozen page. The
    lock is released by the kernel when a process dies, even killed."""
    handle = lock_path(db_path).open("a")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ImportRejected([problem("busy")]) from None
        yield
    finally:
        handle.close()


def write_version(
    db_path: Path, table: ImportTable, columns: dict, entry: LogEntry
) -> str:
    """Append the rows as a new version of the dataset; return the new version.

    The caller holds :func:`import_lock`. Raises ImportRejected ("write_failed")
    when any step fails; the dataset is then untouched.
    """
    temp = temp_path(db_path)
    _remove(temp)  # a leftover of an import that was killed
    try:
        shutil.copyfile(db_path, temp)
        with duckdb.connect(str(temp)) as con:
            con.execute("SET enable_progress_bar = false")
            version, before = _apply(con, table, columns, entry)
        _verify(temp, table.name, before + len(columns[table.key]), version)
        _fsync(temp)
        os.replace(temp, db_path)
        _fsync(db_path.parent)
    except (duckdb.Error, OSError) as error:
        log.warning("import into %s failed: %s", db_path, error)
        raise ImportRejected(
            [problem("write_failed", detail=str(error)[:300])]
        ) from error
    finally:
        _remove(temp)
    return version


def _apply(con, table: ImportTable, columns: dict, entry: LogEntry) -> tuple[str, int]:
    schema = TABLE_BY_NAME[table.name]
    incoming = pa.table(
        {
            name: pa.array(_texts(values), pa.string())
            for name, values in columns.items()
        }
    )
    (before,) = con.execute(f"SELECT count(*) FROM {table.name}").fetchone()  # noqa: S608
    con.execute("BEGIN")
    con.register("incoming", incoming)
    # Names come from the data model; values are cast from the checked text.
    targets = [c for c in schema.columns if c.name in columns]
    casts = ", ".join(f"CAST({c.name} AS {c.sql_type})" for c in targets)
    names = ", ".join(c.name for c in targets)
    con.execute(
        f"INSERT INTO {table.name} ({names}) SELECT {casts} FROM incoming"  # noqa: S608
    )
    if table.name == "villages":
        con.execute(VILLAGE_REGIONS_SQL)
        con.execute(RURAL_POPULATION_SQL)
    con.unregister("incoming")
    refresh_after_import(con, table.name, list(columns[table.key]))
    version = _log(con, table, len(incoming), entry)
    con.execute("COMMIT")
    con.execute("CHECKPOINT")
    return version, before


def _texts(values: list) -> list[str | None]:
    """Checked values as text; a missing value looked up from the dataset (a county
    without a city has no city code) may arrive as NaN."""
    return [None if v is None or v != v else str(v) for v in values]


def _log(con, table: ImportTable, rows: int, entry: LogEntry) -> str:
    con.execute(IMPORT_LOG_DDL)
    (count,) = con.execute("SELECT count(*) FROM import_log").fetchone()
    (base,) = con.execute("SELECT version FROM dataset_info").fetchone()
    version = f"{str(base).split('+')[0]}+import.{count + 1}"
    con.execute("UPDATE dataset_info SET version = ?", [version])
    con.execute(
        "INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            count + 1,
            dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
            entry.username,
            entry.role,
            entry.scope_code,
            table.name,
            entry.file_name,
            entry.file_sha256,
            rows,
            "imported",
            version,
        ],
    )
    return version


def _verify(path: Path, table: str, expected_rows: int, version: str) -> None:
    """Open the new version as a reader would and check what was written."""
    with duckdb.connect(str(path), read_only=True) as con:
        (rows,) = con.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
        (found,) = con.execute("SELECT version FROM dataset_info").fetchone()
    if rows != expected_rows or found != version:
        raise duckdb.Error(
            f"the new version holds {rows} rows of {table} (expected "
            f"{expected_rows}) and version {found} (expected {version})"
        )


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    Path(f"{path}.wal").unlink(missing_ok=True)
