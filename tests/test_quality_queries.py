"""The data-quality report: each check counts the rows it should, inside the scope,
and only staff may read it."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from known_places import ZHANGBEI

from loaders import Scope, ScopeError, open_database
from loaders.queries import quality
from loaders.settings import Settings

ADMIN = Scope("admin")


def failing(frame, check: str) -> int:
    return int(frame.loc[frame["check"] == check, "failing"].iloc[0])


@pytest.fixture(scope="module")
def broken(tiny_db_path: Path, tmp_path_factory) -> Path:
    """The tiny dataset with one known fault of each kind, all in Zhangbei."""
    path = tmp_path_factory.mktemp("quality") / "broken.duckdb"
    shutil.copy(tiny_db_path, path)
    with duckdb.connect(str(path)) as con:
        (household,) = con.execute(
            "SELECT household_id FROM households WHERE county_code = ? "
            "AND labour_count < size AND id_number IS NOT NULL "
            "ORDER BY household_id LIMIT 1",
            [ZHANGBEI],
        ).fetchone()
        con.execute(
            "UPDATE households SET labour_count = size + 1, main_cause = NULL, "
            "id_number = substr(id_number, 1, 17) || "
            "CASE WHEN substr(id_number, 18, 1) = '0' THEN '1' ELSE '0' END "
            "WHERE household_id = ?",
            [household],
        )
        (village,) = con.execute(
            "SELECT village_code FROM households WHERE household_id = ?", [household]
        ).fetchone()
        con.execute("UPDATE villages SET households = 0 WHERE code = ?", [village])
        (allocation, amount) = con.execute(
            "SELECT allocation_id, amount FROM fund_allocations "
            "WHERE county_code = ? ORDER BY allocation_id LIMIT 1",
            [ZHANGBEI],
        ).fetchone()
        con.execute(
            "INSERT INTO fund_disbursements "
            "VALUES ('QX1', ?, NULL, DATE '2013-01-01', ?)",
            [allocation, amount + 1000],
        )
    return path


@pytest.fixture(scope="module")
def checks(tiny_db_path: Path, broken: Path):
    """(check table of the clean dataset, of the broken one), national."""
    out = []
    for path in (tiny_db_path, broken):
        db = open_database(path)
        out.append(
            (
                quality.rule_checks(db, ADMIN, Settings()),
                quality.completeness(db, ADMIN),
            )
        )
        db.close()
    return out


@pytest.mark.parametrize(
    "check",
    [
        "id_number",
        "labour_over_size",
        "registered_over_households",
        "disbursed_over_allocated",
        "paid_before_allocated",
    ],
)
def test_each_planted_fault_is_counted_once(checks, check):
    (clean, _), (dirty, _) = checks
    assert failing(dirty, check) == failing(clean, check) + 1


def test_completeness_counts_missing_values(checks):
    (_, clean), (_, dirty) = checks
    row = (dirty["table"] == "households") & (dirty["column"] == "main_cause")
    assert dirty.loc[row, "missing"].iloc[0] == clean.loc[row, "missing"].iloc[0] + 1
    assert dirty.loc[row, "missing_pct"].iloc[0] > 0
    assert set(dirty["table"]) == {
        "households",
        "villages",
        "facilities",
        "fund_allocations",
        "fund_disbursements",
        "projects",
    }


def test_the_sql_check_digit_agrees_with_the_importer(db):
    from loaders.imports.check import Bad, parse_id_number

    numbers = db.query("SELECT id_number FROM households WHERE id_number IS NOT NULL")
    bad = 0
    for number in numbers["id_number"]:
        try:
            parse_id_number(number, __import__("datetime").date(2026, 12, 31))
        except Bad:
            bad += 1
    checks = quality.rule_checks(db, ADMIN, Settings())
    assert failing(checks, "id_number") == bad


def test_an_official_sees_their_county_only(broken):
    db = open_database(broken)
    national = quality.rule_checks(db, ADMIN, Settings())
    county = quality.rule_checks(db, Scope("official", ZHANGBEI), Settings())
    db.close()
    assert (county["rows"] <= national["rows"]).all()
    assert (county["rows"] < national["rows"]).any()
    assert failing(county, "labour_over_size") >= 1


def test_the_public_may_not_read_it(db):
    for read in (quality.completeness, quality.freshness):
        with pytest.raises(ScopeError):
            read(db, Scope("public"))
    with pytest.raises(ScopeError):
        quality.rule_checks(db, None, Settings())


def test_freshness_without_any_import(db):
    fresh = quality.freshness(db, ADMIN)
    assert fresh["imports"].sum() == 0 and fresh["last_import"].isna().all()


def test_every_check_has_a_label_in_both_languages():
    from charts.i18n import TEXT

    codes = {c for _, c, _ in quality.VALIDITY} | {
        c for _, c, _, _ in quality.CONSISTENCY
    }
    for code in codes:
        zh, en = TEXT[f"quality.check.{code}"]
        assert zh and en
