"""Imports: a county's file in, checked, and written all-or-nothing.

:func:`run_import` is the one entry (the Data page and ``python -m loaders import``
both call it): it checks who may import, reads the file, checks every value, and
either writes every row as a new version of the dataset or writes nothing and raises
:class:`ImportRejected` with every problem, each naming its file row and column.

Who may import: ``admin`` (any region) and ``official`` (only rows that lie inside
their own region: every row's county must be their region or inside it). ``auditor``
and ``public`` may not.
"""

from __future__ import annotations

import hashlib
import logging
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from loaders.audit import AuditLog, ImportAttempt
from loaders.db import Database
from loaders.imports.check import check
from loaders.imports.problems import ImportRejected, Problem, problem
from loaders.imports.read import read_file
from loaders.imports.spec import IMPORT_TABLE_BY_NAME, IMPORT_TABLES
from loaders.imports.write import LogEntry, import_lock, write_version
from loaders.scope import Scope
from loaders.settings import Settings

log = logging.getLogger(__name__)

WRITER_ROLES = ("admin", "official")

__all__ = [
    "IMPORT_TABLES",
    "ImportRejected",
    "ImportResult",
    "Problem",
    "may_import",
    "run_import",
]


@dataclass(frozen=True)
class ImportResult:
    """What an accepted import did."""

    table: str
    rows: int
    version: str
    file_sha256: str
    seconds: float
    phases: dict[str, float]  # read, check, write (seconds)


def may_import(scope: Scope | None) -> bool:
    """Whether this viewer may import at all (rows are checked against the scope)."""
    return scope is not None and scope.role in WRITER_ROLES


def run_import(
    db_path: Path,
    table_name: str,
    data: bytes,
    file_name: str,
    *,
    username: str,
    scope: Scope,
    settings: Settings,
    audit: AuditLog | None = None,
) -> ImportResult:
    """Import ``data`` (the bytes of ``file_name``) into ``table_name`` of the
    dataset at ``db_path``; raise :class:`ImportRejected` and change nothing when
    anything is wrong."""
    started = time.perf_counter()
    sha256 = hashlib.sha256(data).hexdigest()
    attempt = dict(
        username=username,
        role=scope.role if scope else "none",
        scope_code=scope.region_code if scope else "",
        table_name=table_name,
        file_name=file_name[:200],
        file_sha256=sha256,
    )
    try:
        rows, version, phases = _import(
            db_path, table_name, data, file_name, scope, settings, username, sha256
        )
    except ImportRejected as rejected:
        if audit is not None:
            audit.record_import(
                ImportAttempt(
                    **attempt, rows=0, result="rejected", problems=rejected.total
                )
            )
        raise
    if audit is not None:
        audit.record_import(
            ImportAttempt(**attempt, rows=rows, result="imported", problems=0)
        )
    seconds = time.perf_counter() - started
    log.info("imported %d rows into %s in %.1f s", rows, table_name, seconds)
    return ImportResult(table_name, rows, version, sha256, seconds, phases)


def _import(db_path, table_name, data, file_name, scope, settings, username, sha256):
    if not may_import(scope):
        role = scope.role if scope else "public"
        raise ImportRejected([problem("not_allowed", role=role)])
    table = IMPORT_TABLE_BY_NAME.get(table_name)
    if table is None:
        names = ", ".join(t.name for t in IMPORT_TABLES)
        raise ImportRejected(
            [problem("unknown_table", value=table_name[:80], choices=names)]
        )
    clock = time.perf_counter()
    phases = {}
    raw = read_file(data, file_name, max_mb=settings.import_max_file_mb)
    phases["read"], clock = time.perf_counter() - clock, time.perf_counter()
    with import_lock(db_path):
        # A fresh reader of the current version: the checks against the dataset
        # must see the version the rows will be added to.
        db = Database(db_path)
        try:
            checked = check(raw, table, db, scope)
        finally:
            db.close()
        if checked.problems:
            problems = sorted(checked.problems, key=_order)
            limit = settings.import_max_problems
            raise ImportRejected(problems[:limit], total=len(problems))
        phases["check"], clock = time.perf_counter() - clock, time.perf_counter()
        entry = LogEntry(username, scope.role, scope.region_code, file_name, sha256)
        version = write_version(db_path, table, checked.columns, entry)
        phases["write"], clock = time.perf_counter() - clock, time.perf_counter()
        precompute_households(db_path)
        phases["households"] = time.perf_counter() - clock
    return len(raw.rows), version, phases


def precompute_households(db_path: Path) -> None:
    """Score every household of the new version for the current settings, as the
    build does, so that the first visitor of the Households page does not. It runs
    in its own process: at national scale scoring 30 M households takes minutes and
    gigabytes that the app's process must not hold. A failure here loses nothing
    (the page computes what is missing itself), so it is logged, not raised."""
    command = [sys.executable, "-m", "loaders", "precompute", "--db", str(db_path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        log.warning("household precompute after import failed: %s", done.stderr[-500:])


def _order(item: Problem) -> tuple:
    return (item.row if item.row is not None else 0, item.column or "")
