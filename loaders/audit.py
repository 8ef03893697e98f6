"""The audit log: sign-ins, unmasked records and changes to users.

It lives in its own SQLite file (``$JINGZHUN_AUDIT`` or ``data/audit.sqlite``), not in
the dataset: the dataset is opened read-only by every reader and replaced whole by
builds and imports, while the log must be appended to by any app process and must
outlive every rebuild. SQLite in WAL mode lets several processes append safely.

Only ``auditor`` and ``admin`` may read it (:func:`read_unmasks` and friends check).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders.db import PROJECT_ROOT
from loaders.errors import ScopeError
from loaders.scope import NATIONAL, Scope

SCHEMA = """
CREATE TABLE IF NOT EXISTS sign_ins (
    at TEXT NOT NULL, username TEXT NOT NULL, client TEXT NOT NULL,
    success INTEGER NOT NULL, detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sign_ins_by_user ON sign_ins (username, at);
CREATE INDEX IF NOT EXISTS sign_ins_by_client ON sign_ins (client, at);
CREATE TABLE IF NOT EXISTS unmasks (
    at TEXT NOT NULL, username TEXT NOT NULL, role TEXT NOT NULL,
    household_id TEXT NOT NULL, county_code TEXT NOT NULL, city_code TEXT,
    province_code TEXT NOT NULL, reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS imports (
    at TEXT NOT NULL, username TEXT NOT NULL, role TEXT NOT NULL,
    scope_code TEXT NOT NULL, table_name TEXT NOT NULL, file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL, rows INTEGER NOT NULL, result TEXT NOT NULL,
    problems INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS user_changes (
    at TEXT NOT NULL, actor TEXT NOT NULL, username TEXT NOT NULL,
    action TEXT NOT NULL, detail TEXT NOT NULL
);
"""

FAILURES_BY_USER_SQL = (
    "SELECT count(*) FROM sign_ins WHERE username = ? AND success = 0 AND at >= ?"
)
FAILURES_BY_CLIENT_SQL = (
    "SELECT count(*) FROM sign_ins WHERE client = ? AND success = 0 AND at >= ?"
)


def default_audit_path() -> Path:
    """``$JINGZHUN_AUDIT`` or ``data/audit.sqlite``."""
    configured = os.environ.get("JINGZHUN_AUDIT")
    return Path(configured) if configured else PROJECT_ROOT / "data" / "audit.sqlite"


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Unmask:
    """One record an auditor asked to see unmasked, and why."""

    username: str
    role: str
    household_id: str
    county_code: str
    city_code: str | None
    province_code: str
    reason: str


@dataclass(frozen=True)
class ImportAttempt:
    """One import, accepted or rejected: who, which table and file, the outcome."""

    username: str
    role: str
    scope_code: str
    table_name: str
    file_name: str
    file_sha256: str
    rows: int
    result: str  # "imported" or "rejected"
    problems: int


class AuditLog:
    """Append-only log; every write commits before the caller goes on."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_audit_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            yield con
        finally:
            con.close()

    def record_sign_in(
        self, username: str, client: str, success: bool, detail: str, at=None
    ) -> None:
        with self._connect() as con:
            con.execute(
                "INSERT INTO sign_ins VALUES (?, ?, ?, ?, ?)",
                [_stamp(at), username, client, int(success), detail],
            )

    def failures_since(self, since: dt.datetime, *, username=None, client=None) -> int:
        """Failed sign-ins since ``since`` for one account or from one client."""
        if (username is None) == (client is None):
            raise ValueError("count failures by username or by client, not both")
        sql = FAILURES_BY_USER_SQL if username is not None else FAILURES_BY_CLIENT_SQL
        with self._connect() as con:
            (count,) = con.execute(
                sql, [username if username is not None else client, _stamp(since)]
            ).fetchone()
        return count

    def last_success(self, username: str) -> dt.datetime | None:
        with self._connect() as con:
            (at,) = con.execute(
                "SELECT max(at) FROM sign_ins WHERE username = ? AND success = 1",
                [username],
            ).fetchone()
        return dt.datetime.fromisoformat(at) if at else None

    def record_unmask(self, unmask: Unmask, at=None) -> None:
        with self._connect() as con:
            con.execute(
                "INSERT INTO unmasks VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    _stamp(at),
                    unmask.username,
                    unmask.role,
                    unmask.household_id,
                    unmask.county_code,
                    unmask.city_code,
                    unmask.province_code,
                    unmask.reason,
                ],
            )

    def record_user_change(
        self, actor: str, username: str, action: str, detail: str, at=None
    ) -> None:
        with self._connect() as con:
            con.execute(
                "INSERT INTO user_changes VALUES (?, ?, ?, ?, ?)",
                [_stamp(at), actor, username, action, detail],
            )

    def record_import(self, attempt: ImportAttempt, at=None) -> None:
        """Every import attempt, accepted or rejected (accepted ones are also
        logged inside the dataset they changed)."""
        with self._connect() as con:
            con.execute(
                "INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_stamp(at), *dataclasses.astuple(attempt)],
            )

    def _frame(self, sql: str, params: list) -> pd.DataFrame:
        with self._connect() as con:
            cursor = con.execute(sql, params)
            columns = [d[0] for d in cursor.description]
            return pd.DataFrame(cursor.fetchall(), columns=columns)


UNMASKS_SQL = """
SELECT at, username, role, household_id, county_code, reason FROM unmasks
WHERE ? = '100000' OR province_code = ? OR city_code = ? OR county_code = ?
ORDER BY at DESC LIMIT ?
"""


def read_unmasks(log: AuditLog, scope: Scope, limit: int = 1000) -> pd.DataFrame:
    """Unmasked records, newest first, of households inside the reader's scope."""
    _require_reader(scope, ("auditor", "admin"))
    code = scope.region_code
    return log._frame(UNMASKS_SQL, [code, code, code, code, limit])


def read_sign_ins(log: AuditLog, scope: Scope, limit: int = 1000) -> pd.DataFrame:
    """Sign-in attempts, newest first (admins with national scope only: an attempt
    names an account, not a region)."""
    _require_reader(scope, ("admin",), national=True)
    return log._frame(
        "SELECT at, username, client, success, detail FROM sign_ins "
        "ORDER BY at DESC LIMIT ?",
        [limit],
    )


def read_imports(log: AuditLog, scope: Scope, limit: int = 1000) -> pd.DataFrame:
    """Import attempts, newest first (admins only: rejected files may name any
    region)."""
    _require_reader(scope, ("admin",))
    return log._frame(
        "SELECT at, username, role, scope_code, table_name, file_name, file_sha256,"
        " rows, result, problems FROM imports ORDER BY at DESC, rowid DESC"
        " LIMIT ?",
        [limit],
    )


def read_user_changes(log: AuditLog, scope: Scope, limit: int = 1000) -> pd.DataFrame:
    """Changes to accounts, newest first (admins only)."""
    _require_reader(scope, ("admin",))
    return log._frame(
        "SELECT at, actor, username, action, detail FROM user_changes "
        "ORDER BY at DESC LIMIT ?",
        [limit],
    )


def _require_reader(scope: Scope, roles: tuple[str, ...], national=False) -> None:
    if (
        scope is None
        or scope.role not in roles
        or (national and scope.region_code != NATIONAL)
    ):
        raise ScopeError(
            "您的角色无权查看此审计记录。", "Your role may not read this log."
        )


def _stamp(at: dt.datetime | None) -> str:
    return (at or now_utc()).astimezone(dt.UTC).isoformat(timespec="seconds")
