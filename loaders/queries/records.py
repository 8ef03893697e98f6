"""Household records: masked lists for signed-in roles, one logged unmask for auditors.

Nothing here is cached by the app: lists are cheap (one county's households) and an
unmasked record must never sit in a cache another session could reach.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from loaders.audit import AuditLog, Unmask
from loaders.db import Database
from loaders.errors import ScopeError
from loaders.privacy import mask_personal
from loaders.queries.regions import COUNTRY, Region, county_filter
from loaders.scope import Scope
from loaders.settings import Settings

RECORD_COLUMNS = """
h.household_id, h.village_code, v.name_zh AS village_zh, v.name_en AS village_en,
h.head_name, h.id_number, h.size, h.status, h.main_cause, h.monitor_type,
h.income_per_capita
"""

VILLAGES_SQL = """
SELECT v.code, v.name_zh, v.name_en
FROM regions v JOIN counties c ON c.code = v.county_code
WHERE v.level = 'village' AND {where}
ORDER BY v.code
"""

HOUSEHOLDS_SQL = """
SELECT {columns}
FROM households h JOIN counties c ON c.code = h.county_code
JOIN regions v ON v.code = h.village_code
WHERE {where} AND (? IS NULL OR h.village_code = ?)
ORDER BY h.household_id
LIMIT ?
"""

HOUSEHOLD_COUNT_SQL = """
SELECT count(*) AS households
FROM households h JOIN counties c ON c.code = h.county_code
WHERE {where} AND (? IS NULL OR h.village_code = ?)
"""

ONE_HOUSEHOLD_SQL = """
SELECT {columns}, c.code AS county_code, c.city_code, c.province_code
FROM households h JOIN counties c ON c.code = h.county_code
JOIN regions v ON v.code = h.village_code
WHERE h.household_id = ? AND {where}
"""


@dataclass(frozen=True)
class Records:
    """A page of masked household records and how many there are in all."""

    rows: pd.DataFrame
    total: int


def require_records(scope: Scope | None) -> None:
    """Household records are for signed-in roles only."""
    if scope is None or not scope.sees_records:
        raise ScopeError(
            "户档案仅对已登录的工作人员开放。",
            "Household records are open to signed-in staff only.",
        )


def _county_only(region: Region) -> None:
    if region.level != "county":
        raise ScopeError(
            "请先在左侧选择一个县，户档案按县查看。",
            "Choose a county on the left: household records are listed by county.",
        )


def record_villages(db: Database, scope: Scope | None, county: Region) -> pd.DataFrame:
    """The villages of a county inside the scope (code, name_zh, name_en)."""
    require_records(scope)
    _county_only(county)
    where, params = county_filter(db, scope, county)
    return db.query(VILLAGES_SQL.format(where=where), params, name="record_villages")


def household_records(
    db: Database,
    scope: Scope | None,
    county: Region,
    village_code: str | None = None,
    limit: int | None = 500,
) -> Records:
    """The households of a county (or one of its villages), masked, in ID order;
    ``limit=None`` returns them all."""
    require_records(scope)
    _county_only(county)
    where, params = county_filter(db, scope, county)
    rows = db.query(
        HOUSEHOLDS_SQL.format(columns=RECORD_COLUMNS, where=where),
        [*params, village_code, village_code, limit],
        name="household_records",
    )
    (total,) = db.query(
        HOUSEHOLD_COUNT_SQL.format(where=where),
        [*params, village_code, village_code],
        name="household_record_count",
    ).iloc[0]
    return Records(mask_personal(rows), int(total))


def unmask_household(
    db: Database,
    log: AuditLog,
    scope: Scope | None,
    username: str,
    household_id: str,
    reason: str,
    settings: Settings,
) -> pd.Series:
    """One household's record with name and ID number, for an auditor with a reason.

    The unmask is logged before the record is returned: if the log cannot be
    written, nothing is shown. A household outside the auditor's scope is reported
    as not found, which says nothing about whether it exists elsewhere.
    """
    if scope is None or not scope.may_unmask:
        raise ScopeError(
            "只有审计员可以查看未脱敏的记录。", "Only auditors may unmask a record."
        )
    reason = " ".join(reason.split())
    if len(reason) < settings.unmask_reason_min_chars:
        raise ScopeError(
            f"请说明查看原因（至少 {settings.unmask_reason_min_chars} 个字）。",
            "Give a reason for unmasking "
            f"(at least {settings.unmask_reason_min_chars} characters).",
        )
    where, params = county_filter(db, scope, COUNTRY)
    found = db.query(
        ONE_HOUSEHOLD_SQL.format(columns=RECORD_COLUMNS, where=where),
        [household_id.strip(), *params],
        name="unmask_household",
    )
    if found.empty:
        raise ScopeError(
            f"在您的权限范围内没有户编号为“{household_id}”的家庭。",
            f"No household '{household_id}' within your access.",
        )
    record = found.iloc[0]
    log.record_unmask(
        Unmask(
            username=username,
            role=scope.role,
            household_id=record["household_id"],
            county_code=record["county_code"],
            city_code=record["city_code"],
            province_code=record["province_code"],
            reason=reason,
        )
    )
    return record.drop(["county_code", "city_code", "province_code"])
