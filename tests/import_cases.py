"""Hand-made import files and a fingerprint of a dataset, shared by the import tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from loaders.imports.check import id_check_digit

ZHANGBEI_VILLAGE = "130722001001"
ZHENGDING_VILLAGE = "130123001001"
ZHANGBEI_TOWNSHIP = "130722001"
ZHANGBEI_ALLOCATION = "A13072220140000096"
ZHANGBEI_PROJECT = "P1307220010020"

HOUSEHOLD_COLUMNS = (
    "household_id",
    "village_code",
    "size",
    "labour_count",
    "registered_year",
    "exit_year",
    "status",
    "main_cause",
    "income_per_capita",
    "id_number",
)


def id_number(serial: int = 1, county: str = "130722", born: str = "19800101") -> str:
    """A valid 18-character resident ID number (GB 11643 check digit)."""
    first17 = f"{county}{born}{serial % 1000:03d}"
    return first17 + id_check_digit(first17)


def household(n: int = 1, **changes: str) -> dict[str, str]:
    """One valid household row of Zhangbei (as text), with ``changes`` applied."""
    row = {
        "household_id": f"IMP{n:08d}",
        "village_code": ZHANGBEI_VILLAGE,
        "size": "4",
        "labour_count": "2",
        "registered_year": "2014",
        "exit_year": "2019",
        "status": "exited",
        "main_cause": "illness",
        "income_per_capita": "8650.50",
        "id_number": id_number(n),
    }
    row.update(changes)
    return row


def csv_text(rows: list[dict[str, str]], columns=None) -> str:
    """Rows as CSV text (no quoting needed by the hand-made values)."""
    columns = list(columns or rows[0])
    lines = [",".join(columns)]
    lines += [",".join(row.get(c, "") for c in columns) for row in rows]
    return "\n".join(lines) + "\n"


def fingerprint(path: Path) -> dict:
    """The file's hash, and per table its row count and a checksum of its rows."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [r[0] for r in con.execute("SHOW TABLES").fetchall()]
        contents = {
            table: con.execute(
                f"SELECT count(*), coalesce(sum(hash(t)), 0) FROM {table} t"  # noqa: S608
            ).fetchone()
            for table in tables
        }
    return {"sha256": digest, "tables": contents}
