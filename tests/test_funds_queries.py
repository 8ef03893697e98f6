"""Funds queries: sums that reconcile on the tiny dataset, and every rule on a
hand-made dataset where it must fire and one where it must stay silent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from known_places import CONGJIANG, EMPTY_COUNTY, ZHANGBEI

from loaders import Database, Scope, Settings, open_database
from loaders.queries import fund_checks, funds
from loaders.queries.funds import ALL, FundPicks
from loaders.queries.regions import COUNTRY, resolve_region
from loaders.schema import TABLES, create_table_sql
from loaders.summaries import refresh_fund_facts

ADMIN = Scope("admin")
PUBLIC = Scope("public")
AS_OF = dt.date(2025, 12, 31)
SETTINGS = Settings()
VIEWS = ("100000", "130000", ZHANGBEI, EMPTY_COUNTY)


# --- Hand-made datasets -------------------------------------------------------------

HOME, OTHER_COUNTY = "130722", "130723"
REGIONS = [
    ("130000", "province", "河北省", "Hebei", None, "130000", None, None),
    ("130700", "city", "张家口市", "Zhangjiakou", "130000", "130000", "130700", None),
    (HOME, "county", "张北县", "Zhangbei", "130700", "130000", "130700", HOME),
    (OTHER_COUNTY, "county", "康保县", "Kangbao", "130700", "130000", "130700", None),
]


def allocation(
    allocation_id: str,
    amount: float,
    allocated_on: dt.date,
    disclosed_on: dt.date | None = None,
    complete: bool = True,
    *,
    purpose: str = "industry",
) -> tuple:
    """A central development-fund allocation to HOME in its budget year."""
    return (
        allocation_id, allocated_on.year, "central", "development", purpose, HOME,
        amount, allocated_on, disclosed_on, complete and disclosed_on is not None,
    )  # fmt: skip


def project(
    project_id: str,
    progress_pct: float,
    budget: float,
    spent: float,
    *,
    county: str = HOME,
    ended_on: dt.date | None = None,
) -> tuple:
    """A project started at the start of 2020."""
    return (
        project_id, county, dt.date(2020, 1, 6), ended_on, progress_pct, budget,
        spent, 40, 30, "planting",
    )  # fmt: skip


def payment(
    payment_id: str, allocation_id: str, project_id: str | None, paid_on, amount
) -> tuple:
    return (payment_id, allocation_id, project_id, paid_on, amount)


# The clean base: one allocation paid in two parts to a project that was finished on
# 2020-11-30 with its whole budget spent, the last part on the last day of grace.
COMPLETED = dt.date(2020, 11, 30)
CLEAN_ALLOCATIONS = [
    allocation("A1", 1_000_000.0, dt.date(2020, 3, 2), dt.date(2020, 3, 10))
]
CLEAN_PROJECTS = [project("P1", 100.0, 800_000.0, 800_000.0, ended_on=COMPLETED)]
CLEAN_PAYMENTS = [
    payment("D1", "A1", "P1", dt.date(2020, 4, 1), 600_000.0),
    payment("D2", "A1", "P1", dt.date(2021, 2, 28), 300_000.0),
]


def make_db(
    path: Path,
    allocations: list[tuple] = (),
    projects: list[tuple] = (),
    payments: list[tuple] = (),
    *,
    summary: bool = True,
) -> Database:
    """A dataset file holding two counties of one city and the given rows on top
    of the clean base; without its allocation summary if ``summary`` is False, as
    datasets built before the summary existed."""
    con = duckdb.connect(str(path))
    for table in TABLES:
        con.execute(create_table_sql(table))
    con.executemany(
        "INSERT INTO regions (code, level, name_zh, name_en, parent_code, "
        "province_code, city_code, county_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        REGIONS,
    )
    con.executemany(
        "INSERT INTO counties (code, province_code, city_code, poverty_county) "
        "VALUES (?, '130000', '130700', TRUE)",
        [[HOME], [OTHER_COUNTY]],
    )
    con.executemany(
        "INSERT INTO fund_allocations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [*CLEAN_ALLOCATIONS, *allocations],
    )
    con.executemany(
        "INSERT INTO projects (project_id, county_code, start_on, actual_end_on, "
        "progress_pct, budget, spent, beneficiary_households, "
        "poor_beneficiary_households, category, stage) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'started')",
        [*CLEAN_PROJECTS, *projects],
    )
    con.executemany(
        "INSERT INTO fund_disbursements VALUES (?, ?, ?, ?, ?)",
        [*CLEAN_PAYMENTS, *payments],
    )
    con.execute("INSERT INTO dataset_info (name, synthetic) VALUES ('test', TRUE)")
    if summary:
        refresh_fund_facts(con)
    else:
        con.execute("DROP TABLE allocation_facts")
        con.execute("DROP TABLE payment_facts")
    con.close()
    return open_database(path)


@pytest.fixture(params=[True, False], ids=["summary", "no summary"])
def handmade(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator:
    """Build a hand-made dataset, with and without its allocation summary (the
    queries compute it inline for datasets built before it); closed after the
    test."""
    opened = []

    def build(**rows) -> Database:
        path = tmp_path / f"funds-{len(opened)}.duckdb"
        db = make_db(path, **rows, summary=request.param)
        opened.append(db)
        return db

    yield build
    for db in opened:
        db.close()


def flags(db: Database, settings: Settings = SETTINGS, year: int = 2020) -> dict:
    found = fund_checks.anomalies(db, ADMIN, COUNTRY, year, settings)
    return {rule: found[found["rule"] == rule] for rule in fund_checks.ANOMALY_RULES}


class TestAnomalyRules:
    def test_the_clean_case_raises_no_flag(self, handmade):
        found = flags(handmade())
        assert {rule: len(rows) for rule, rows in found.items()} == dict.fromkeys(
            fund_checks.ANOMALY_RULES, 0
        )

    @pytest.mark.parametrize(
        ("spent", "fires"),
        [(700_000.0, True), (600_000.0, False), (500_000.0, False)],
        ids=["30 points ahead", "exactly at the threshold", "behind"],
    )
    def test_spending_ahead_of_progress(self, handmade, spent, fires):
        db = handmade(
            allocations=[allocation("A2", 500_000.0, dt.date(2020, 5, 4))],
            projects=[project("P2", 40.0, 1_000_000.0, spent)],
            payments=[payment("D3", "A2", "P2", dt.date(2020, 6, 1), 400_000.0)],
        )
        found = flags(db)
        assert len(found["spending_ahead"]) == int(fires)
        if fires:
            row = found["spending_ahead"].iloc[0]
            assert row["project_id"] == "P2"
            assert row["spent_pct"] == pytest.approx(70.0)
            assert row["progress_pct"] == pytest.approx(40.0)
        others = [
            rule for rule in fund_checks.ANOMALY_RULES if rule != "spending_ahead"
        ]
        assert all(found[rule].empty for rule in others)

    @pytest.mark.parametrize(
        ("paid_on", "fires"),
        [(dt.date(2021, 6, 1), True), (dt.date(2021, 2, 28), False)],
        ids=["half a year after", "on the last day of grace"],
    )
    def test_payment_after_completion(self, handmade, paid_on, fires):
        db = handmade(payments=[payment("D3", "A1", "P1", paid_on, 50_000.0)])
        found = flags(db)
        assert len(found["after_completion"]) == int(fires)
        if fires:
            row = found["after_completion"].iloc[0]
            assert row["disbursement_id"] == "D3"
            assert row["paid_on"] == pd.Timestamp(paid_on)
            assert row["completed_on"] == pd.Timestamp(COMPLETED)
        # A longer grace silences it.
        longer = replace(SETTINGS, funds_after_completion_grace_days=400)
        assert flags(db, longer)["after_completion"].empty

    @pytest.mark.parametrize(
        ("extra", "fires"),
        [(100_500.5, True), (100_001.0, False)],
        ids=["500.5 yuan over", "exactly at the tolerance"],
    )
    def test_payments_exceeding_the_allocation(self, handmade, extra, fires):
        # A1 is 1,000,000 and already paid 900,000.
        db = handmade(payments=[payment("D3", "A1", None, dt.date(2020, 9, 1), extra)])
        found = flags(db)
        assert len(found["overpaid"]) == int(fires)
        if fires:
            row = found["overpaid"].iloc[0]
            assert row["amount_yuan"] == pytest.approx(500.5)
            assert row["disbursed_yuan"] == pytest.approx(1_000_500.5)

    def test_another_countys_project_stays_out_of_the_public_table(self, handmade):
        db = handmade(
            projects=[project("P3", 50.0, 200_000.0, 90_000.0, county=OTHER_COUNTY)],
            payments=[payment("D3", "A1", "P3", dt.date(2020, 7, 1), 80_000.0)],
        )
        home = resolve_region(db, ADMIN, HOME)
        table = funds.public_projects(db, ADMIN, home, 2020, SETTINGS)
        assert table["county_code"].tolist() == [HOME]
        everywhere = funds.public_projects(db, ADMIN, COUNTRY, 2020, SETTINGS)
        assert everywhere["county_code"].tolist() == [HOME, OTHER_COUNTY]

    def test_a_project_paid_from_another_countys_allocation(self, handmade):
        db = handmade(
            projects=[project("P3", 50.0, 200_000.0, 90_000.0, county=OTHER_COUNTY)],
            payments=[payment("D3", "A1", "P3", dt.date(2020, 7, 1), 80_000.0)],
        )
        rows = flags(db)["other_county"]
        assert len(rows) == 1
        assert rows.iloc[0]["county_code"] == HOME
        assert rows.iloc[0]["project_county_code"] == OTHER_COUNTY
        assert rows.iloc[0]["project_county_name_en"] == "Kangbao"

    def test_flags_follow_the_year_and_the_picks(self, handmade):
        db = handmade(payments=[payment("D3", "A1", "P1", dt.date(2021, 6, 1), 1.0)])
        assert flags(db, year=2021)["after_completion"].empty
        housing = fund_checks.anomalies(
            db, ADMIN, COUNTRY, 2020, SETTINGS, FundPicks(purpose="housing")
        )
        assert housing.empty


class TestWorkingDays:
    def test_the_formula_matches_numpy_for_every_start_and_length(self):
        starts = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(14)]
        pairs = [(s, s + dt.timedelta(days=n)) for s in starts for n in range(40)]
        sql = fund_checks.working_days_sql("a", "b")
        with duckdb.connect() as con:
            con.execute("CREATE TABLE p (a DATE, b DATE)")
            con.executemany("INSERT INTO p VALUES (?, ?)", pairs)
            got = [row[0] for row in con.execute(f"SELECT {sql} FROM p").fetchall()]
        # Days after the start up to and including the end, Monday to Friday.
        expected = np.busday_count(
            [a + dt.timedelta(days=1) for a, _ in pairs],
            [b + dt.timedelta(days=1) for _, b in pairs],
        )
        assert got == expected.tolist()


class TestDisclosure:
    @pytest.mark.parametrize(
        ("disclosed_on", "complete", "expected"),
        [
            # Allocated on Monday 2 March 2020: the 15th working day after it is
            # Monday 23 March.
            (dt.date(2020, 3, 23), True, None),
            (dt.date(2020, 3, 24), True, "late"),
            (dt.date(2020, 3, 5), False, "incomplete"),
            (None, False, "not_disclosed"),
        ],
        ids=["on the last day", "one working day late", "fields missing", "never"],
    )
    def test_each_failure_is_named(self, handmade, disclosed_on, complete, expected):
        db = handmade(
            allocations=[
                allocation("A2", 10_000.0, dt.date(2020, 3, 2), disclosed_on, complete)
            ]
        )
        failures = fund_checks.disclosure_failures(
            db, ADMIN, COUNTRY, 2020, SETTINGS, AS_OF
        )
        by_region = fund_checks.disclosure_by_region(
            db, ADMIN, COUNTRY, 2020, SETTINGS, AS_OF
        )
        assert by_region["allocations_count"].sum() == 2
        if expected is None:
            assert failures.empty
            assert by_region["compliance_rate_pct"].iloc[0] == 100.0
            return
        assert failures["allocation_id"].tolist() == ["A2"]
        row = failures.iloc[0]
        kinds = [kind for kind in ("not_disclosed", "late", "incomplete") if row[kind]]
        assert kinds == [expected]
        assert by_region["compliance_rate_pct"].iloc[0] == 50.0

    def test_an_allocation_within_its_deadline_is_not_judged_yet(self, handmade):
        db = handmade(allocations=[allocation("A2", 10_000.0, dt.date(2025, 12, 22))])
        judged = fund_checks.disclosure_by_region(
            db, ADMIN, COUNTRY, 2025, SETTINGS, AS_OF
        )
        assert judged.empty
        failures = fund_checks.disclosure_failures(
            db, ADMIN, COUNTRY, 2025, SETTINGS, AS_OF
        )
        assert failures.empty


class TestIdleAndTimeliness:
    def test_idle_money_is_what_stays_unpaid_after_the_set_days(self, handmade):
        # Never paid, but allocated too recently to count as idle.
        db = handmade(allocations=[allocation("A2", 50_000.0, dt.date(2025, 6, 1))])
        idle = fund_checks.idle_allocations(db, ADMIN, COUNTRY, 2020, SETTINGS, AS_OF)
        assert idle["allocation_id"].tolist() == ["A1"]
        assert idle["idle_yuan"].iloc[0] == pytest.approx(100_000.0)
        shorter = replace(SETTINGS, funds_idle_days=200)
        idle = fund_checks.idle_allocations(db, ADMIN, COUNTRY, 2025, shorter, AS_OF)
        assert idle["allocation_id"].tolist() == ["A2"]
        assert idle["days_since_allocation"].tolist() == [213]

    def test_days_to_payment_fall_into_bins(self, handmade):
        db = handmade(allocations=[allocation("A2", 50_000.0, dt.date(2020, 6, 1))])
        bins = fund_checks.timeliness(db, ADMIN, COUNTRY, 2020).set_index(
            ["milestone", "bin"]
        )["allocations_count"]
        # A1: first payment 30 days after (bin 1), last 363 days after (bin 12).
        assert bins[("first", 1)] == 1 and bins[("last", 12)] == 1
        # A2 was never paid.
        assert bins[[m for m in bins.index if pd.isna(m[1])]].tolist() == [1, 1]
        by_region = fund_checks.timeliness_by_region(db, ADMIN, COUNTRY, 2020)
        assert by_region["allocations_count"].tolist() == [2]
        assert by_region["paid_count"].tolist() == [1]
        assert by_region["first_payment_days"].tolist() == [30.0]


class TestSpending:
    def test_payments_count_as_spent_in_the_share_their_project_has_spent(
        self, handmade
    ):
        db = handmade(
            allocations=[allocation("A2", 500_000.0, dt.date(2020, 5, 4))],
            projects=[project("P2", 40.0, 1_000_000.0, 250_000.0)],
            payments=[
                payment("D3", "A2", "P2", dt.date(2020, 6, 1), 400_000.0),
                payment("D4", "A2", None, dt.date(2020, 6, 2), 50_000.0),
            ],
        )
        rows = funds.breakdown(db, ADMIN, COUNTRY, 2020, "purpose").set_index("key")
        # A1: 900,000 into a project that spent its whole budget.
        # A2: 400,000 into a project a quarter spent, 50,000 to no project.
        assert rows.loc["industry", "disbursed_yuan"] == pytest.approx(1_350_000)
        assert rows.loc["industry", "spent_yuan"] == pytest.approx(1_050_000)
        assert rows.loc["industry", "spending_rate_pct"] == pytest.approx(70.0)


# --- The tiny dataset -----------------------------------------------------------


@pytest.mark.parametrize("code", VIEWS)
@pytest.mark.parametrize("year", [2016, 2025])
def test_totals_breakdowns_cascade_and_tables_reconcile(
    db, regions_by_code, code, year
):
    region = regions_by_code(code)
    totals = funds.totals_by_year(db, ADMIN, region).set_index("year").loc[year]
    expected = {
        key: totals[key] for key in ("allocated_yuan", "disbursed_yuan", "spent_yuan")
    }
    assert totals["spent_yuan"] <= totals["disbursed_yuan"] + 0.01

    for by in funds.BREAKDOWNS:
        frame = funds.breakdown(db, ADMIN, region, year, by)
        for key, value in expected.items():
            assert frame[key].sum() == pytest.approx(value), (by, key)
    flows = funds.cascade(db, ADMIN, region, year, top_n=1)
    assert flows["allocated_yuan"].sum() == pytest.approx(expected["allocated_yuan"])
    assert flows["disbursed_yuan"].sum() == pytest.approx(expected["disbursed_yuan"])
    table = funds.public_allocations(db, ADMIN, region, year)
    for key, value in expected.items():
        assert table[key].sum() == pytest.approx(value), key
    assert table["allocations_count"].sum() == totals["allocations_count"]

    days = fund_checks.timeliness(db, ADMIN, region, year)
    for milestone in ("first", "last"):
        rows = days[days["milestone"] == milestone]
        assert rows["allocations_count"].sum() == totals["allocations_count"]
        assert rows["allocated_yuan"].sum() == pytest.approx(expected["allocated_yuan"])


def test_picks_split_the_total(db):
    year = 2020
    whole = funds.totals_by_year(db, ADMIN, COUNTRY).set_index("year").loc[year]
    levels = funds.fund_codes(db, ADMIN)["source_level"]
    assert levels == ["central", "provincial", "city", "county"]
    parts = [
        funds.totals_by_year(db, ADMIN, COUNTRY, FundPicks(source_level=level))
        .set_index("year")
        .loc[year, "allocated_yuan"]
        for level in levels
    ]
    assert sum(parts) == pytest.approx(whole["allocated_yuan"])


def test_the_cascade_names_the_largest_and_groups_the_rest(db):
    flows = funds.cascade(db, ADMIN, COUNTRY, 2020, top_n=1)
    assert flows["province_code"].nunique() == 2  # one named, 'other'
    assert set(flows["county_code"]) == {ZHANGBEI, "other"}
    named = flows[flows["county_code"] == ZHANGBEI]
    assert named["county_name_zh"].eq("张北县").all()
    assert flows.loc[flows["county_code"] == "other", "county_name_zh"].isna().all()
    with pytest.raises(ValueError, match="top_n >= 1"):
        funds.cascade(db, ADMIN, COUNTRY, 2020, top_n=0)


def test_a_county_official_sees_only_their_county(db):
    official = Scope("official", ZHANGBEI)
    theirs = db.query(
        "SELECT DISTINCT fund_type FROM fund_allocations WHERE county_code = ?",
        [ZHANGBEI],
    )
    assert funds.fund_codes(db, official)["fund_type"] == sorted(theirs["fund_type"])
    table = funds.public_allocations(db, official, COUNTRY, 2020)
    assert set(table["county_code"]) == {ZHANGBEI}
    regions = funds.breakdown(db, official, COUNTRY, 2020, "region")
    assert regions["key"].tolist() == ["130000"]
    flows = funds.cascade(db, official, COUNTRY, 2020, top_n=5)
    assert set(flows["county_code"]) == {ZHANGBEI}
    hebei = resolve_region(db, ADMIN, "130000")
    flags = fund_checks.anomalies(db, official, hebei, 2020, SETTINGS)
    assert flags["county_code"].isin([ZHANGBEI]).all()
    idle = fund_checks.idle_allocations(db, official, hebei, 2020, SETTINGS, AS_OF)
    assert set(idle["county_code"]) == {ZHANGBEI}


def test_the_public_sees_no_small_household_counts(db):
    strict = replace(SETTINGS, small_cell_threshold=100)
    public = funds.public_projects(db, PUBLIC, COUNTRY, 2020, strict)
    admin = funds.public_projects(db, ADMIN, COUNTRY, 2020, strict)
    counts = admin["beneficiary_households_count"]
    hidden = public["beneficiary_households_count"].isna()
    assert hidden.tolist() == ((counts > 0) & (counts < 100)).tolist()
    assert hidden.any() and not admin["beneficiary_households_count"].isna().any()
    assert public.attrs["suppressed_below"] == 100
    # Money is not suppressed.
    assert public["paid_yuan"].tolist() == admin["paid_yuan"].tolist()


@pytest.mark.parametrize(
    ("code", "picks"),
    [
        (EMPTY_COUNTY, ALL),
        # From 2021 every allocation is a bridging fund.
        ("100000", FundPicks(fund_type="development")),
    ],
    ids=["a county without money", "a fund type the year does not have"],
)
def test_a_view_without_allocations_answers_with_empty_frames(
    db, regions_by_code, code, picks
):
    region = regions_by_code(code)
    year = 2025
    totals = funds.totals_by_year(db, ADMIN, region, picks).set_index("year")
    assert totals.loc[year, "allocations_count"] == 0
    assert np.isnan(totals.loc[year, "disbursement_rate_pct"])
    assert funds.breakdown(db, ADMIN, region, year, "region", picks).empty
    assert fund_checks.timeliness(db, ADMIN, region, year, picks).empty
    assert fund_checks.timeliness_by_region(db, ADMIN, region, year, picks).empty
    assert fund_checks.idle_allocations(
        db, ADMIN, region, year, SETTINGS, AS_OF, picks
    ).empty
    assert fund_checks.disclosure_by_region(
        db, ADMIN, region, year, SETTINGS, AS_OF, picks
    ).empty
    assert fund_checks.anomalies(db, ADMIN, region, year, SETTINGS, picks).empty
    assert funds.public_projects(db, PUBLIC, region, year, SETTINGS, picks).empty


def test_an_unknown_breakdown_is_refused(db):
    with pytest.raises(ValueError, match="cannot break down by 'village'"):
        funds.breakdown(db, ADMIN, COUNTRY, 2020, "village")


def test_a_year_outside_the_data_is_refused(db):
    from loaders import InvalidYearError

    with pytest.raises(InvalidYearError, match="1999"):
        funds.breakdown(db, ADMIN, COUNTRY, 1999, "purpose")


def test_a_province_breaks_down_into_its_cities(db):
    hebei = resolve_region(db, ADMIN, "130000")
    rows = funds.breakdown(db, ADMIN, hebei, 2020, "region")
    assert set(rows["key"]) == {"130700", "130100"}
    assert rows["name_en"].notna().all()
    assert CONGJIANG not in set(rows["key"])


def test_lists_give_their_first_rows_and_say_how_many_there_are(db):
    everything = fund_checks.idle_allocations(db, ADMIN, COUNTRY, 2018, SETTINGS, AS_OF)
    first = fund_checks.idle_allocations(
        db, ADMIN, COUNTRY, 2018, SETTINGS, AS_OF, limit=2
    )
    assert len(everything) > 2
    assert first["allocation_id"].tolist() == everything["allocation_id"][:2].tolist()
    assert first["total_rows"].iloc[0] == len(everything)
    assert first["total_idle_yuan"].iloc[0] == pytest.approx(
        everything["idle_yuan"].sum()
    )
    for query in (funds.public_allocations,):
        assert len(query(db, ADMIN, COUNTRY, 2018, limit=3)) == 3
    projects = funds.public_projects(db, ADMIN, COUNTRY, 2018, SETTINGS, limit=3)
    assert len(projects) == 3 and projects["total_rows"].iloc[0] > 3
