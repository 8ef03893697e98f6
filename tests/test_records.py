"""Household records: masked for every role, scoped, one logged unmask for auditors."""

from __future__ import annotations

import re

import pytest
from known_places import CONGJIANG, ZHANGBEI

from loaders.audit import AuditLog, read_unmasks
from loaders.errors import ScopeError
from loaders.queries.records import (
    household_records,
    record_villages,
    unmask_household,
)
from loaders.scope import Scope
from loaders.settings import Settings

FULL_ID = re.compile(r"^\d{17}[\dX]$")
SETTINGS = Settings()


@pytest.fixture
def log(tmp_path):
    return AuditLog(tmp_path / "audit.sqlite")


def test_every_role_gets_masked_lists(db, regions_by_code):
    zhangbei = regions_by_code(ZHANGBEI)
    for role in ("official", "auditor", "admin"):
        records = household_records(db, Scope(role, ZHANGBEI), zhangbei, limit=50)
        assert len(records.rows) == 50 and records.total > 50
        assert not records.rows["id_number"].str.match(FULL_ID).any()
        assert records.rows["head_name"].str.fullmatch(r".\*+").all()


def test_the_public_gets_no_records_at_all(db, regions_by_code):
    zhangbei = regions_by_code(ZHANGBEI)
    for scope in (Scope("public"), None):
        with pytest.raises(ScopeError):
            household_records(db, scope, zhangbei)
        with pytest.raises(ScopeError):
            record_villages(db, scope, zhangbei)


def test_records_of_another_county_are_empty(db, regions_by_code):
    records = household_records(
        db, Scope("official", ZHANGBEI), regions_by_code(CONGJIANG)
    )
    assert records.total == 0 and records.rows.empty
    villages = record_villages(
        db, Scope("official", ZHANGBEI), regions_by_code(CONGJIANG)
    )
    assert villages.empty


def test_a_village_narrows_the_list(db, regions_by_code):
    zhangbei = regions_by_code(ZHANGBEI)
    scope = Scope("official", ZHANGBEI)
    village = record_villages(db, scope, zhangbei)["code"].iloc[0]
    records = household_records(db, scope, zhangbei, village)
    assert records.total == len(records.rows) > 0
    assert set(records.rows["village_code"]) == {village}


def test_records_are_listed_by_county_only(db, regions_by_code):
    with pytest.raises(ScopeError, match="county"):
        household_records(db, Scope("admin"), regions_by_code("130000"))


def first_household(db, county: str) -> str:
    return db.query(
        "SELECT min(household_id) AS id FROM households WHERE county_code = ?",
        [county],
    )["id"].iloc[0]


def test_an_auditor_unmasks_one_record_and_it_is_logged(db, log):
    household = first_household(db, ZHANGBEI)
    scope = Scope("auditor", "130000")
    record = unmask_household(
        db, log, scope, "wang.fang", household, "  complaint   no. 2026-17 ", SETTINGS
    )
    assert FULL_ID.match(record["id_number"])
    entry = read_unmasks(log, scope).iloc[0]
    assert entry["household_id"] == household
    assert entry["username"] == "wang.fang" and entry["county_code"] == ZHANGBEI
    assert entry["reason"] == "complaint no. 2026-17"
    # Another province's auditor does not see the entry.
    assert read_unmasks(log, Scope("auditor", "520000")).empty


@pytest.mark.parametrize("role", ["public", "official", "admin"])
def test_only_auditors_unmask(db, log, role):
    with pytest.raises(ScopeError, match="Only auditors"):
        unmask_household(
            db, log, Scope(role), "x", first_household(db, ZHANGBEI), "a" * 20, SETTINGS
        )


def test_unmasking_needs_a_reason_and_a_household_in_scope(db, log):
    scope = Scope("auditor", ZHANGBEI)
    with pytest.raises(ScopeError, match="reason"):
        unmask_household(
            db, log, scope, "x", first_household(db, ZHANGBEI), "why", SETTINGS
        )
    with pytest.raises(ScopeError, match="within your access"):
        unmask_household(
            db, log, scope, "x", first_household(db, CONGJIANG), "a" * 20, SETTINGS
        )
    assert read_unmasks(log, Scope("admin")).empty, "refusals unmask nothing"
