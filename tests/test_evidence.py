"""Queries behind the CPPCC evidence pack, on the tiny dataset and by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from known_places import CONGJIANG, ZHANGBEI, ZHENGDING

from loaders import PUBLIC, Scope, load_settings
from loaders.queries import overview
from loaders.queries.evidence import TOPICS, evidence, topic_values
from loaders.queries.regions import COUNTRY

AS_OF = dt.date(2025, 12, 31)
SETTINGS = load_settings()


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_for_a_province(db, regions_by_code, topic):
    hebei = regions_by_code("130000")
    found = evidence(db, PUBLIC, hebei, topic, 2025, SETTINGS, AS_OF)
    assert found.totals["code"] == "130000"
    assert set(found.gaps["code"]) == {ZHANGBEI, ZHENGDING} or topic in (
        "funds",
        "projects",
    )
    assert found.peers["code"].str.len().eq(6).all()
    assert "130000" in set(found.peers["code"])
    assert found.gaps["rank"].tolist() == list(range(1, len(found.gaps) + 1))


def test_the_pack_counts_care_as_the_overview_does(db, regions_by_code):
    hebei = regions_by_code("130000")
    facts = overview.current_facts(db, PUBLIC, hebei, SETTINGS, AS_OF)
    totals = evidence(db, PUBLIC, hebei, "health", 2025, SETTINGS, AS_OF).totals
    assert totals["villages_count"] == facts["villages_count"]
    assert totals["care_gap_pct"] == pytest.approx(100 - facts["care_coverage_pct"])
    series = overview.headline_series(db, PUBLIC, hebei, SETTINGS)
    money = evidence(db, PUBLIC, hebei, "funds", 2025, SETTINGS, AS_OF).totals
    row = series[series["year"] == 2025].iloc[0]
    assert money["disbursement_rate_pct"] == pytest.approx(row["disbursement_rate_pct"])
    projects = evidence(db, PUBLIC, hebei, "projects", 2025, SETTINGS, AS_OF).totals
    assert projects["projects_on_track_pct"] == pytest.approx(
        facts["projects_on_track_pct"]
    )


def test_gaps_are_ranked_worst_first(db, regions_by_code):
    hebei = regions_by_code("130000")
    gaps = evidence(db, PUBLIC, hebei, "health", 2025, SETTINGS, AS_OF).gaps
    assert gaps["care_gap_pct"].is_monotonic_decreasing
    funds = evidence(db, PUBLIC, hebei, "funds", 2025, SETTINGS, AS_OF).gaps
    assert funds["disbursement_rate_pct"].dropna().is_monotonic_increasing


def test_infrastructure_counts_the_village_flags(db, regions_by_code):
    county = regions_by_code(ZHANGBEI)
    row = topic_values(
        db, PUBLIC, county, "infrastructure", 2025, SETTINGS, AS_OF, None
    ).iloc[0]
    flags = db.query(
        "SELECT count(*) AS n, count(*) FILTER (WHERE NOT paved_road) AS road, "
        "count(*) FILTER (WHERE NOT (paved_road AND safe_water AND grid_power "
        "AND broadband)) AS gap FROM villages WHERE county_code = ?",
        [ZHANGBEI],
    ).iloc[0]
    assert row["villages_count"] == flags["n"]
    assert row["no_paved_road_pct"] == pytest.approx(100 * flags["road"] / flags["n"])
    assert row["villages_with_infra_gap_count"] == flags["gap"]


def test_a_county_official_has_no_peers_and_no_other_county(db, regions_by_code):
    official = Scope("official", ZHANGBEI)
    county = regions_by_code(ZHANGBEI)
    found = evidence(db, official, county, "health", 2025, SETTINGS, AS_OF)
    assert found.peers["code"].tolist() == [ZHANGBEI]
    assert found.gaps.empty
    nation = evidence(db, official, COUNTRY, "monitoring", 2025, SETTINGS, AS_OF)
    assert nation.gaps["code"].tolist() == ["130000"]
    assert CONGJIANG not in set(nation.peers["code"])


def test_no_scope_sees_nothing(db):
    frame = topic_values(db, None, COUNTRY, "funds", 2025, SETTINGS, AS_OF, "province")
    assert frame.empty


def test_an_unknown_topic_names_the_known_ones(db):
    with pytest.raises(ValueError, match="infrastructure"):
        topic_values(db, PUBLIC, COUNTRY, "weather", 2025, SETTINGS, AS_OF, None)


@pytest.fixture(scope="module")
def small_counts_db(tiny_db_path, tmp_path_factory):
    """The tiny dataset with a county whose illness figure names four households."""
    import shutil

    import duckdb

    from loaders import open_database

    path = tmp_path_factory.mktemp("pack") / "small.duckdb"
    shutil.copy(tiny_db_path, path)
    con = duckdb.connect(str(path))
    con.execute(
        "UPDATE county_facts SET illness_households = 4 WHERE county_code = ?",
        [ZHENGDING],
    )
    con.close()
    database = open_database(path)
    yield database
    database.close()


def test_public_packs_hide_small_counts_and_their_rates(
    small_counts_db, regions_by_code
):
    hebei = regions_by_code("130000")
    args = ("health", 2025, SETTINGS, AS_OF, "county")
    public = topic_values(small_counts_db, PUBLIC, hebei, *args).set_index("code")
    assert pd.isna(public.loc[ZHENGDING, "illness_households_count"])
    assert pd.isna(public.loc[ZHENGDING, "illness_share_pct"])
    assert public.loc[ZHANGBEI, "illness_households_count"] > 5
    staff = Scope("official", "130000")
    exact = topic_values(small_counts_db, staff, hebei, *args).set_index("code")
    assert exact.loc[ZHENGDING, "illness_households_count"] == 4
