"""The built tiny dataset: every table, the calibration to the public record, and the
build's promises (deterministic, atomic)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from loaders import Database, open_database
from loaders.__main__ import main as cli_main
from loaders.build import build_dataset
from loaders.calibration_check import calibration_report
from loaders.demo.calibration import EXIT_COHORTS
from loaders.schema import TABLES, data_dictionary


def scalar(db: Database, sql: str, params=()) -> object:
    return db.query(sql, list(params)).iloc[0, 0]


@pytest.mark.parametrize("table", [t.name for t in TABLES])
def test_every_table_of_the_data_model_is_built_and_filled(db: Database, table: str):
    assert scalar(db, f"SELECT count(*) FROM {table}") > 0


@pytest.mark.parametrize("table", [t for t in TABLES])
def test_every_table_has_its_primary_key(db: Database, table):
    keys = db.query(
        "SELECT constraint_column_names FROM duckdb_constraints() "
        "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'",
        [table.name],
    )
    assert list(keys.iloc[0, 0]) == list(table.primary_key)


def test_the_built_columns_match_the_data_dictionary(db: Database):
    built = db.query(
        "SELECT table_name AS table, column_name AS column FROM duckdb_columns() "
        "WHERE NOT internal ORDER BY table_name, column_index"
    )
    documented = data_dictionary()[["table", "column"]]
    assert sorted(map(tuple, built.to_numpy())) == sorted(
        map(tuple, documented.to_numpy())
    )


def test_the_dictionary_gives_every_column_a_meaning_in_both_languages():
    dictionary = data_dictionary()
    assert (dictionary["meaning_zh"].str.len() > 0).all()
    assert (dictionary["meaning_en"].str.len() > 0).all()


def test_832_poverty_counties_with_the_exact_exit_cohorts(db: Database):
    cohorts = db.query(
        "SELECT exit_year, count(*) AS n FROM counties WHERE poverty_county "
        "GROUP BY exit_year ORDER BY exit_year"
    )
    assert dict(zip(cohorts["exit_year"], cohorts["n"], strict=True)) == EXIT_COHORTS


def test_the_public_record_counties_keep_their_facts(db: Database):
    # 井冈山 and 兰考 were the first two counties to exit, in the 2016 cohort.
    rows = db.query(
        "SELECT code, exit_year, source FROM counties "
        "WHERE code IN (?, ?) ORDER BY code",
        ["360881", "410225"],
    )
    assert rows["exit_year"].tolist() == [2016, 2016]
    assert set(rows["source"]) == {"public record"}


def test_synthetic_counties_are_labelled_so(db: Database):
    sources = db.query(
        "SELECT source, count(*) AS n FROM counties WHERE poverty_county GROUP BY 1"
    )
    counts = dict(zip(sources["source"], sources["n"], strict=True))
    assert counts == {"public record": 380, "synthetic": 452}


def test_illness_is_the_main_cause_for_about_42_percent(db: Database):
    share = scalar(
        db,
        "SELECT avg(CASE WHEN main_cause = 'illness' THEN 1 ELSE 0 END) "
        "FROM households WHERE registered_year IS NOT NULL",
    )
    assert 0.42 * 0.95 <= share <= 0.42 * 1.05


def test_households_per_village_keep_the_national_ratio(db: Database):
    # 2,948万 households over ~49万 villages: about 60 registered households a village.
    ratio = scalar(
        db,
        "SELECT count(*) / (SELECT count(*) FROM villages) FROM households "
        "WHERE registered_year IS NOT NULL",
    )
    assert 40 <= ratio <= 90


def test_every_household_exits_no_earlier_than_it_was_registered(db: Database):
    assert (
        scalar(db, "SELECT count(*) FROM households WHERE exit_year < registered_year")
        == 0
    )


def test_rugged_villages_lack_more_than_others(db: Database):
    gaps = db.query(
        "SELECT terrain IN ('mountain', 'plateau') AS rugged, "
        "avg(1 - safe_water::INT) AS lacks_water "
        "FROM villages GROUP BY ALL ORDER BY rugged"
    )
    assert gaps["lacks_water"].iloc[1] > gaps["lacks_water"].iloc[0]


def test_disbursement_lags_allocation(db: Database):
    assert (
        scalar(
            db,
            "SELECT count(*) FROM fund_disbursements d JOIN fund_allocations a "
            "USING (allocation_id) WHERE d.paid_on < a.allocated_on",
        )
        == 0
    )


def test_payments_go_to_projects_under_way(db: Database):
    booked = db.query(
        "SELECT count(*) FILTER (WHERE d.paid_on < p.start_on) AS before_start, "
        "count(*) FILTER (WHERE d.paid_on > p.actual_end_on) AS after_end, "
        "count(*) AS payments "
        "FROM fund_disbursements d JOIN projects p USING (project_id)"
    ).iloc[0]
    assert booked["before_start"] == 0
    # Only the rare bookings made for the anomaly report come after the end.
    assert booked["after_end"] <= 0.01 * booked["payments"]


def test_project_stage_dates_follow_the_lifecycle(db: Database):
    """Each stage's date is there exactly when the project has reached the stage, and
    the dates run in lifecycle order up to the as-of date."""
    wrong = db.query(
        "SELECT stage, count(*) AS projects FROM projects "
        "WHERE library_on IS NULL OR library_on > DATE '2025-12-31' "
        "OR (approved_on IS NULL) <> (stage = 'library') "
        "OR approved_on < library_on OR approved_on > DATE '2025-12-31' "
        "OR (stage IN ('started', 'accepted', 'completed') AND start_on < approved_on) "
        "OR (actual_end_on IS NULL) <> (stage IN ('library', 'approved', 'started')) "
        "OR (completed_on IS NULL) <> (stage <> 'completed') "
        "OR completed_on <= actual_end_on OR completed_on > DATE '2025-12-31' "
        "GROUP BY stage"
    )
    assert wrong.empty, wrong.to_dict("records")


def test_risk_funds_are_a_small_share_of_some_budgets(db: Database):
    funds = db.query(
        "SELECT count(*) FILTER (WHERE risk_fund > 0) / count(*) AS share, "
        "max(risk_fund / budget) AS most, min(risk_fund) AS least FROM projects"
    ).iloc[0]
    assert 0.3 < funds["share"] < 0.7
    assert funds["least"] >= 0 and funds["most"] <= 0.1 + 1e-9


def test_the_dataset_says_it_is_synthetic(db: Database):
    info = db.query("SELECT name, synthetic, scale FROM dataset_info")
    assert info["synthetic"].tolist() == [True]
    assert info["scale"].tolist() == ["tiny"]


def test_the_same_seed_builds_the_same_data(tmp_path: Path, tiny_db_path: Path):
    again = build_dataset(
        tmp_path / "again.duckdb", scale="tiny", seed=2014, progress=lambda *_: None
    )
    checksum = (
        "SELECT sum(hash(household_id, size, main_cause, id_number)) FROM households"
    )
    with (
        duckdb.connect(str(tiny_db_path), read_only=True) as one,
        duckdb.connect(str(again), read_only=True) as two,
    ):
        assert one.execute(checksum).fetchall() == two.execute(checksum).fetchall()


def test_another_seed_builds_other_data(tmp_path: Path, tiny_db_path: Path):
    other = build_dataset(
        tmp_path / "other.duckdb", scale="tiny", seed=7, progress=lambda *_: None
    )
    checksum = "SELECT sum(hash(household_id, size, main_cause)) FROM households"
    with (
        duckdb.connect(str(tiny_db_path), read_only=True) as one,
        duckdb.connect(str(other), read_only=True) as two,
    ):
        assert one.execute(checksum).fetchall() != two.execute(checksum).fetchall()


def test_a_failed_build_leaves_the_old_dataset_untouched(tmp_path: Path):
    target = tmp_path / "kept.duckdb"
    target.write_bytes(b"the previous dataset")

    def explode(step: str, seconds: float) -> None:
        if step == "households":
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        build_dataset(target, scale="tiny", progress=explode)
    assert target.read_bytes() == b"the previous dataset"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.duckdb"]


def test_an_unknown_scale_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="unknown scale 'huge'"):
        build_dataset(tmp_path / "x.duckdb", scale="huge")


def test_the_calibration_report_passes_on_the_built_dataset(db: Database):
    report = calibration_report(db)
    assert report["passed"].all(), report[~report["passed"]]
    assert "exit cohort 2019" in set(report["check"])


def test_the_calibration_report_catches_a_broken_cohort(tmp_path: Path, tiny_db_path):
    broken = tmp_path / "broken.duckdb"
    shutil.copy(tiny_db_path, broken)
    with duckdb.connect(str(broken)) as con:
        con.execute("UPDATE counties SET exit_year = 2016 WHERE code = '522633'")
    db = open_database(broken)
    report = calibration_report(db).set_index("check")
    db.close()
    assert not report.loc["exit cohort 2016", "passed"]
    assert not report.loc["exit cohort 2020", "passed"]


def test_the_check_command_exits_non_zero_on_failure(tmp_path: Path, tiny_db_path):
    broken = tmp_path / "broken.duckdb"
    shutil.copy(tiny_db_path, broken)
    with duckdb.connect(str(broken)) as con:
        con.execute("UPDATE counties SET poverty_county = FALSE WHERE code = '522633'")
    assert cli_main(["check", "--db", str(broken)]) == 1
    assert cli_main(["check", "--db", str(tiny_db_path)]) == 0
