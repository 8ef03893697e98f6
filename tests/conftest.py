"""Shared fixtures: one tiny dataset per test session, opened read-only."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from known_places import EMPTY_FUNDS_YEAR

from loaders import Database, Scope, open_database
from loaders.build import build_dataset
from loaders.queries.regions import COUNTRY, Region, resolve_region

ADMIN = Scope("admin")


@pytest.fixture(autouse=True)
def private_account_files(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own users file and audit log, never the repository's."""
    monkeypatch.setenv("JINGZHUN_USERS", str(tmp_path / "users.json"))
    monkeypatch.setenv("JINGZHUN_AUDIT", str(tmp_path / "audit.sqlite"))
    # The app opens both once per process; make it open this test's files.
    from pages import common

    common.user_store.clear()
    common.audit_log.clear()


@pytest.fixture(scope="session")
def tiny_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny dataset: ``$JINGZHUN_TEST_DB`` when given (CI builds it once), else
    built into the session's temporary folder."""
    given = os.environ.get("JINGZHUN_TEST_DB")
    if given:
        return Path(given)
    path = tmp_path_factory.mktemp("data") / "tiny.duckdb"
    return build_dataset(path, scale="tiny", seed=2014, progress=lambda *_: None)


@pytest.fixture(scope="session")
def db(tiny_db_path: Path) -> Iterator[Database]:
    database = open_database(tiny_db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def regions_by_code(db: Database):
    """Resolve a region code with the admin scope (no scope limits)."""

    def resolve(code: str) -> Region:
        return COUNTRY if code == "100000" else resolve_region(db, ADMIN, code)

    return resolve


@pytest.fixture(scope="session")
def db_without_a_year(
    tiny_db_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The tiny dataset with every allocation of EMPTY_FUNDS_YEAR (and its payments)
    removed."""
    path = tmp_path_factory.mktemp("funds") / f"no-{EMPTY_FUNDS_YEAR}.duckdb"
    shutil.copy(tiny_db_path, path)
    with duckdb.connect(str(path)) as con:
        tables = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
        gone = "SELECT allocation_id FROM fund_allocations WHERE year = ?"
        for table in ("fund_disbursements", "payment_facts", "allocation_facts"):
            if table in tables:
                con.execute(
                    f"DELETE FROM {table} WHERE allocation_id IN ({gone})",
                    [EMPTY_FUNDS_YEAR],
                )
        con.execute("DELETE FROM fund_allocations WHERE year = ?", [EMPTY_FUNDS_YEAR])
    return path


@pytest.fixture(scope="session")
def compliant_db(tiny_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny dataset where ZHENGDING meets every health target: a clinic with a
    qualified doctor in every village and a standardised hospital in every
    township (it is not a poverty county, so no county-hospital target applies)."""
    from known_places import ZHENGDING

    from loaders.access import refresh_village_health

    path = tmp_path_factory.mktemp("health") / "compliant.duckdb"
    shutil.copy(tiny_db_path, path)
    with duckdb.connect(str(path)) as con:
        con.execute(
            "INSERT INTO facilities SELECT 'VX' || v.code, 'village_clinic', "
            "'村卫生室', v.code, v.county_code, v.lon, v.lat, TRUE, 2, 0 "
            "FROM villages v WHERE v.county_code = ? AND v.code NOT IN "
            "(SELECT region_code FROM facilities WHERE kind = 'village_clinic')",
            [ZHENGDING],
        )
        con.execute(
            "INSERT INTO village_doctors SELECT 'DX' || f.region_code, f.region_code, "
            "f.facility_id, 'licensed', 40 FROM facilities f "
            "WHERE f.kind = 'village_clinic' AND f.county_code = ? "
            "AND f.region_code NOT IN (SELECT village_code FROM village_doctors "
            "WHERE qualification <> 'none')",
            [ZHENGDING],
        )
        con.execute(
            "INSERT INTO facilities SELECT 'TX' || t.code, 'township_hospital', "
            "'乡镇卫生院', t.code, t.county_code, t.lon, t.lat, TRUE, 20, 5 "
            "FROM regions t WHERE t.level = 'township' AND t.county_code = ? "
            "AND t.code NOT IN (SELECT region_code FROM facilities "
            "WHERE kind = 'township_hospital')",
            [ZHENGDING],
        )
        con.execute(
            "UPDATE facilities SET standardised = TRUE "
            "WHERE kind = 'township_hospital' AND county_code = ?",
            [ZHENGDING],
        )
        refresh_village_health(con)
    return path
