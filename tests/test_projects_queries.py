"""Projects queries: the status rules and the risk score on hand-made projects at
their boundaries, and sums that reconcile on the tiny dataset."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from known_places import EMPTY_COUNTY, ZHANGBEI

from loaders import Database, JingzhunError, Scope, Settings, open_database
from loaders.queries import project_risks, projects
from loaders.queries.projects import ProjectPicks
from loaders.queries.regions import COUNTRY
from loaders.schema import TABLES, create_table_sql
from loaders.settings import RISK_FACTORS, check_settings

ADMIN = Scope("admin")
PUBLIC = Scope("public")
AS_OF = dt.date(2025, 12, 31)
SETTINGS = Settings()
HOME, OTHER_COUNTY = "130722", "130723"
REGIONS = [
    ("130000", "province", "河北省", "Hebei", None, "130000", None, None),
    ("130700", "city", "张家口市", "Zhangjiakou", "130000", "130000", "130700", None),
    (HOME, "county", "张北县", "Zhangbei", "130700", "130000", "130700", HOME),
    (OTHER_COUNTY, "county", "康保县", "Kangbao", "130700", "130000", "130700", None),
]
COLUMNS = (
    "project_id", "county_code", "category", "stage", "library_on", "approved_on",
    "start_on", "planned_end_on", "actual_end_on", "completed_on", "progress_pct",
    "budget", "spent", "beneficiary_households", "poor_beneficiary_households",
    "benefit_mechanism", "insured", "risk_fund", "risk_market", "risk_natural",
    "risk_technical", "risk_management", "risk_policy",
)  # fmt: skip


def days_ago(days: int) -> dt.date:
    return AS_OF - dt.timedelta(days=days)


def project(project_id: str, **values) -> dict:
    """A project under way since 100 days before the as-of date, halfway through its
    planned 200 days and on plan; ``values`` change what a test is about."""
    row = {
        "project_id": project_id,
        "county_code": HOME,
        "category": "planting",
        "stage": "started",
        "library_on": days_ago(400),
        "approved_on": days_ago(200),
        "start_on": days_ago(100),
        "planned_end_on": days_ago(-100),
        "actual_end_on": None,
        "completed_on": None,
        "progress_pct": 50.0,
        "budget": 1_000_000.0,
        "spent": 500_000.0,
        "beneficiary_households": 40,
        "poor_beneficiary_households": 30,
        "benefit_mechanism": "dividends",
        "insured": False,
        "risk_fund": 0.0,
        **{f"risk_{f}": 1 for f in RISK_FACTORS},
    }
    unknown = set(values) - set(row)
    assert not unknown, unknown
    return {**row, **values}


def make_db(path: Path, rows: list[dict]) -> Database:
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
    marks = ", ".join("?" * len(COLUMNS))
    con.executemany(
        f"INSERT INTO projects ({', '.join(COLUMNS)}) VALUES ({marks})",
        [[row[c] for c in COLUMNS] for row in rows],
    )
    con.execute("INSERT INTO dataset_info (name, synthetic) VALUES ('test', TRUE)")
    con.close()
    return open_database(path)


@pytest.fixture
def handmade(tmp_path: Path) -> Iterator:
    """Build a dataset of the given projects; closed after the test."""
    opened = []

    def build(*rows: dict) -> Database:
        db = make_db(tmp_path / f"projects-{len(opened)}.duckdb", list(rows))
        opened.append(db)
        return db

    yield build
    for db in opened:
        db.close()


def one(db: Database, settings: Settings = SETTINGS, scope: Scope = ADMIN) -> dict:
    """The single project of a hand-made dataset as the list returns it."""
    found = projects.project_list(db, scope, COUNTRY, settings, AS_OF)
    assert len(found) == 1
    return found.iloc[0].to_dict()


class TestBehindPlan:
    # Halfway through its planned time: 0.8 × 50 % = 40 % is the least on plan.
    @pytest.mark.parametrize(
        ("progress", "behind"),
        [(39.9, True), (40.0, False), (75.0, False)],
        ids=["just below", "exactly at the line", "ahead"],
    )
    def test_progress_against_elapsed_time(self, handmade, progress, behind):
        row = one(handmade(project("P1", progress_pct=progress)))
        assert row["elapsed_pct"] == pytest.approx(50.0)
        assert row["behind_plan"] is behind
        assert row["status"] == ("behind_plan" if behind else "on_track")

    def test_a_project_past_its_planned_end_needs_80_percent(self, handmade):
        late = project("P1", start_on=days_ago(300), planned_end_on=days_ago(100))
        row = one(handmade({**late, "progress_pct": 79.9}))
        assert row["elapsed_pct"] == pytest.approx(100.0)
        assert row["behind_plan"] and row["delay_days"] == 100

    def test_the_ratio_is_a_setting(self, handmade):
        db = handmade(project("P1", progress_pct=45.0))
        assert not one(db)["behind_plan"]
        assert one(db, replace(SETTINGS, on_track_progress_ratio=1.0))["behind_plan"]

    @pytest.mark.parametrize("stage", ["library", "approved", "accepted", "completed"])
    def test_only_projects_under_way_can_be_behind(self, handmade, stage):
        ended = {"actual_end_on": days_ago(5), "completed_on": days_ago(1)}
        values = ended if stage in ("accepted", "completed") else {}
        if stage == "accepted":
            values = {"actual_end_on": days_ago(5)}
        row = one(handmade(project("P1", stage=stage, progress_pct=0.0, **values)))
        assert not row["behind_plan"]


class TestOverBudget:
    @pytest.mark.parametrize(
        ("spent", "over"),
        [(1_050_000.0, False), (1_050_000.01, True), (900_000.0, False)],
        ids=["exactly 5 % over", "a fen more", "under"],
    )
    def test_spending_against_the_budget(self, handmade, spent, over):
        assert one(handmade(project("P1", spent=spent)))["over_budget"] is over

    def test_without_a_budget_nothing_is_over(self, handmade):
        row = one(handmade(project("P1", budget=0.0, spent=10.0)))
        assert not row["over_budget"]

    def test_the_tolerance_is_a_setting(self, handmade):
        db = handmade(project("P1", spent=1_020_000.0))
        assert not one(db)["over_budget"]
        assert one(db, replace(SETTINGS, projects_over_budget_pct=1.0))["over_budget"]


class TestStuck:
    @pytest.mark.parametrize(
        ("stage", "dates"),
        [
            ("library", {"approved_on": None, "start_on": days_ago(-30)}),
            ("approved", {"start_on": days_ago(-30)}),
            ("accepted", {}),
        ],
    )
    @pytest.mark.parametrize(
        ("waited", "stuck"), [(365, False), (366, True)], ids=["a year", "a day more"]
    )
    def test_waiting_in_a_stage(self, handmade, stage, dates, waited, stuck):
        since = {
            "library": "library_on",
            "approved": "approved_on",
            "accepted": "actual_end_on",
        }[stage]
        values = {**dates, since: days_ago(waited)}
        if stage == "library":
            values["library_on"] = days_ago(waited)
        row = one(handmade(project("P1", stage=stage, **values)))
        assert row["days_in_stage"] == waited
        assert row["stuck"] is stuck

    @pytest.mark.parametrize(("past_end", "stuck"), [(365, False), (366, True)])
    def test_works_long_past_their_planned_end(self, handmade, past_end, stuck):
        row = one(
            handmade(
                project(
                    "P1",
                    start_on=days_ago(past_end + 200),
                    planned_end_on=days_ago(past_end),
                    progress_pct=95.0,
                )
            )
        )
        assert row["stuck"] is stuck and row["delay_days"] == past_end

    def test_a_completed_project_is_never_stuck(self, handmade):
        done = project(
            "P1",
            stage="completed",
            actual_end_on=days_ago(900),
            completed_on=days_ago(800),
            progress_pct=100.0,
        )
        assert not one(handmade(done))["stuck"]


class TestDelays:
    @pytest.mark.parametrize(
        ("ended_after_plan", "status"),
        [(0, "finished_on_time"), (1, "finished_late"), (-20, "finished_on_time")],
    )
    def test_finished_projects(self, handmade, ended_after_plan, status):
        planned = days_ago(200)
        done = project(
            "P1",
            stage="completed",
            start_on=days_ago(500),
            planned_end_on=planned,
            actual_end_on=planned + dt.timedelta(days=ended_after_plan),
            completed_on=days_ago(10),
            progress_pct=100.0,
        )
        row = one(handmade(done))
        assert row["status"] == status
        assert row["delay_days"] == max(0, ended_after_plan)

    def test_projects_not_started_have_no_delay(self, handmade):
        row = one(handmade(project("P1", stage="approved", start_on=days_ago(-10))))
        assert row["status"] == "preparing" and row["delay_days"] == 0


def factors(market, natural, technical, management, policy) -> dict:
    values = (market, natural, technical, management, policy)
    return {f"risk_{f}": v for f, v in zip(RISK_FACTORS, values, strict=True)}


class TestRiskScore:
    @pytest.mark.parametrize(
        ("rated", "score", "likelihood"),
        [
            ((3, 3, 3, 3, 3), 3.0, 3),
            # 0.3·2 + 0.25·3 + 0.15·3 + 0.2·2 + 0.1·3 = 2.5: rounds half up.
            ((2, 3, 3, 2, 3), 2.5, 3),
            ((2, 2, 3, 3, 3), 2.45, 2),
            ((5, 5, 5, 5, 5), 5.0, 5),
            ((1, 1, 1, 1, 1), 1.0, 1),
        ],
    )
    def test_weighted_factors(self, handmade, rated, score, likelihood):
        row = one(handmade(project("P1", **factors(*rated))))
        assert row["risk_score"] == pytest.approx(score)
        assert row["likelihood"] == likelihood

    def test_the_weights_are_settings(self, handmade):
        db = handmade(project("P1", **factors(5, 1, 1, 1, 1)))
        assert one(db)["risk_score"] == pytest.approx(2.2)
        market_only = replace(
            SETTINGS,
            projects_risk_weight_market=1.0,
            projects_risk_weight_natural=0.0,
            projects_risk_weight_technical=0.0,
            projects_risk_weight_management=0.0,
            projects_risk_weight_policy=0.0,
        )
        assert one(db, market_only)["risk_score"] == pytest.approx(5.0)

    @pytest.mark.parametrize(
        ("poor", "impact"),
        [(0, 1), (9, 1), (10, 2), (24, 2), (25, 3), (99, 4), (100, 5)],
    )
    def test_impact_bands_of_poor_households(self, handmade, poor, impact):
        row = one(handmade(project("P1", poor_beneficiary_households=poor)))
        assert row["impact"] == impact

    @pytest.mark.parametrize(
        ("likelihood", "poor", "level"),
        [(3, 50, "high"), (2, 100, "medium"), (2, 25, "medium"), (1, 100, "low")],
        ids=["3 x 4 = 12", "2 x 5 = 10", "2 x 3 = 6", "1 x 5 = 5"],
    )
    def test_risk_levels_at_their_lines(self, handmade, likelihood, poor, level):
        rated = factors(*(likelihood,) * 5)
        row = one(handmade(project("P1", poor_beneficiary_households=poor, **rated)))
        assert row["exposure"] == likelihood * row["impact"]
        assert row["risk_level"] == level

    @pytest.mark.parametrize(
        ("insured", "fund", "covered"),
        [(True, 0.0, True), (False, 50_000.0, True), (False, 49_999.99, False)],
        ids=["insured", "fund at 5 %", "fund a fen short"],
    )
    def test_cover_of_a_high_risk_project(self, handmade, insured, fund, covered):
        risky = project(
            "P1",
            poor_beneficiary_households=100,
            insured=insured,
            risk_fund=fund,
            **factors(4, 4, 4, 4, 4),
        )
        db = handmade(risky)
        row = one(db)
        assert row["risk_level"] == "high" and row["risk_covered"] is covered
        cover = project_risks.cover_by_region(db, ADMIN, COUNTRY, SETTINGS, AS_OF)
        assert cover["high_risk_covered_count"].tolist() == [int(covered)]
        assert cover["risk_fund_cover_pct"].iloc[0] == pytest.approx(fund / 1e4)

    def test_the_matrix_has_every_cell_and_counts_each_project_once(self, handmade):
        db = handmade(
            project("P1", poor_beneficiary_households=100, **factors(4, 4, 4, 4, 4)),
            project("P2", **factors(4, 4, 4, 4, 4)),
            project("P3"),
        )
        matrix = project_risks.risk_matrix(db, ADMIN, COUNTRY, SETTINGS, AS_OF)
        assert len(matrix) == 25 and matrix["projects_count"].sum() == 3
        cell = matrix.set_index(["likelihood", "impact"])
        assert cell.loc[(4, 5), "projects_count"] == 1
        assert cell.loc[(4, 5), "risk_level"] == "high"
        assert cell.loc[(4, 3), "projects_count"] == 1
        assert cell.loc[(1, 1), "risk_level"] == "low"
        listed = projects.project_list(
            db,
            ADMIN,
            COUNTRY,
            SETTINGS,
            AS_OF,
            only=(("likelihood", 4), ("impact", 5)),
        )
        assert listed["project_id"].tolist() == ["P1"]


class TestSettingsChecks:
    @pytest.mark.parametrize(
        ("change", "match"),
        [
            ({"projects_risk_weight_market": 0.5}, "projects_risk_weight"),
            ({"projects_impact_households": (10, 5, 50, 100)}, "impact_households"),
            ({"projects_impact_households": (10, 25, 50)}, "impact_households"),
            ({"projects_medium_risk_from": 12}, "medium_risk_from"),
        ],
    )
    def test_contradictions_are_refused(self, change, match):
        with pytest.raises(JingzhunError, match=match):
            check_settings(replace(SETTINGS, **change))

    def test_the_defaults_pass(self):
        check_settings(SETTINGS)


class TestScopeAndPrivacy:
    def test_another_countys_official_sees_nothing(self, handmade):
        db = handmade(project("P1"))
        other = Scope("official", OTHER_COUNTY)
        assert projects.project_list(db, other, COUNTRY, SETTINGS, AS_OF).empty
        assert projects.summary(db, other, COUNTRY, SETTINGS, AS_OF)[
            "projects_count"
        ] == (0)
        assert project_risks.cover_by_region(db, other, COUNTRY, SETTINGS, AS_OF).empty

    def test_no_scope_sees_nothing(self, handmade):
        db = handmade(project("P1"))
        assert projects.project_list(db, None, COUNTRY, SETTINGS, AS_OF).empty

    def test_the_public_sees_no_small_household_count(self, handmade):
        db = handmade(
            project("P1", beneficiary_households=4, poor_beneficiary_households=3)
        )
        row = one(db, scope=PUBLIC)
        assert pd.isna(row["beneficiary_households_count"])
        assert pd.isna(row["poor_beneficiary_households_count"])
        assert one(db)["beneficiary_households_count"] == 4


# --- The tiny dataset -------------------------------------------------------------

VIEWS = ("100000", "130000", ZHANGBEI, EMPTY_COUNTY)


@pytest.mark.parametrize("code", VIEWS)
@pytest.mark.parametrize("by", projects.BREAKDOWNS)
def test_breakdowns_add_up_to_the_summary(db, regions_by_code, code, by):
    region = regions_by_code(code)
    total = projects.summary(db, ADMIN, region, SETTINGS, AS_OF)
    rows = projects.breakdown(db, ADMIN, region, SETTINGS, AS_OF, by)
    for column in ("projects_count", "behind_plan_count", "stuck_count"):
        assert rows[column].sum() == total[column]
    assert rows["budget_yuan"].sum() == pytest.approx(total["budget_yuan"])


@pytest.mark.parametrize("code", VIEWS)
def test_every_view_reconciles(db, regions_by_code, code):
    region = regions_by_code(code)
    total = projects.summary(db, ADMIN, region, SETTINGS, AS_OF)
    count = int(total["projects_count"])
    stages = projects.lifecycle(db, ADMIN, region, SETTINGS, AS_OF)
    assert stages["stage"].tolist() == list(projects.STAGES)
    assert stages["current_count"].sum() == count
    by_stage = projects.breakdown(db, ADMIN, region, SETTINGS, AS_OF, "stage")
    assert dict(zip(by_stage["key"], by_stage["projects_count"], strict=True)) == {
        stage: n
        for stage, n in zip(stages["stage"], stages["current_count"], strict=True)
        if n
    }
    assert stages["stuck_count"].sum() == total["stuck_count"]
    grid = projects.progress_grid(db, ADMIN, region, SETTINGS, AS_OF)
    assert grid["projects_count"].sum() == total["under_way_count"]
    assert grid["behind_plan_count"].sum() == total["behind_plan_count"]
    matrix = project_risks.risk_matrix(db, ADMIN, region, SETTINGS, AS_OF)
    assert matrix["projects_count"].sum() == count
    listed = projects.project_list(db, ADMIN, region, SETTINGS, AS_OF, limit=5)
    assert len(listed) == min(5, count)
    if count:
        assert listed["total_rows"].iloc[0] == count


def test_the_empty_county_has_no_projects(db, regions_by_code):
    region = regions_by_code(EMPTY_COUNTY)
    assert projects.summary(db, ADMIN, region, SETTINGS, AS_OF)["projects_count"] == 0
    assert projects.timeline(db, ADMIN, region, SETTINGS, AS_OF).empty
    cover = project_risks.cover_by_region(db, ADMIN, region, SETTINGS, AS_OF)
    assert cover.empty


def test_the_timeline_of_a_wide_region_is_its_most_delayed(db):
    few = replace(SETTINGS, projects_timeline_top_n=5)
    rows = projects.timeline(db, ADMIN, COUNTRY, few, AS_OF)
    assert len(rows) == 5 and (rows["delay_days"] > 0).all()
    assert rows["delay_days"].is_monotonic_decreasing


def test_a_countys_timeline_is_all_its_projects_by_start(db, regions_by_code):
    county = regions_by_code(ZHANGBEI)
    rows = projects.timeline(db, ADMIN, county, SETTINGS, AS_OF)
    total = projects.summary(db, ADMIN, county, SETTINGS, AS_OF)["projects_count"]
    assert len(rows) == total > 0
    assert rows["start_on"].is_monotonic_increasing


def test_picks_narrow_every_query(db):
    picks = ProjectPicks(category="photovoltaic", start_year=2018)
    rows = projects.project_list(db, ADMIN, COUNTRY, SETTINGS, AS_OF, picks)
    assert len(rows) > 0
    assert set(rows["category"]) == {"photovoltaic"}
    assert {d.year for d in rows["start_on"]} == {2018}
    total = projects.summary(db, ADMIN, COUNTRY, SETTINGS, AS_OF, picks)
    assert total["projects_count"] == len(rows)


def test_an_official_sees_their_county_only(db):
    official = Scope("official", ZHANGBEI)
    rows = projects.project_list(db, official, COUNTRY, SETTINGS, AS_OF)
    assert set(rows["county_code"]) == {ZHANGBEI}


def test_unknown_orders_flags_and_breakdowns_are_refused(db):
    with pytest.raises(ValueError, match="order"):
        projects.project_list(db, ADMIN, COUNTRY, SETTINGS, AS_OF, order="1; DROP")
    with pytest.raises(ValueError, match="flag"):
        projects.project_list(
            db, ADMIN, COUNTRY, SETTINGS, AS_OF, only=(("flag", "x"),)
        )
    with pytest.raises(ValueError, match="narrow"):
        projects.project_list(
            db, ADMIN, COUNTRY, SETTINGS, AS_OF, only=(("name_zh", "x"),)
        )
    with pytest.raises(ValueError, match="break down"):
        projects.breakdown(db, ADMIN, COUNTRY, SETTINGS, AS_OF, "village")


def test_a_start_year_outside_the_data_is_refused(db):
    with pytest.raises(JingzhunError, match="2031"):
        projects.summary(
            db, ADMIN, COUNTRY, SETTINGS, AS_OF, ProjectPicks(start_year=2031)
        )


def test_categories_of_the_scope(db, regions_by_code):
    assert "photovoltaic" in projects.categories(db, ADMIN, COUNTRY)
    assert projects.categories(db, ADMIN, regions_by_code(EMPTY_COUNTY)) == []
    official = projects.categories(db, Scope("official", ZHANGBEI), COUNTRY)
    assert set(official) <= set(projects.categories(db, ADMIN, COUNTRY))
