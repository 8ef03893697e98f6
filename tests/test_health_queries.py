"""The Health coverage queries on the tiny dataset, checked against the base tables,
and on a copy where one county meets every target."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from known_places import CONGJIANG, EMPTY_COUNTY, ZHANGBEI, ZHENGDING

from loaders import JingzhunError, Scope, Settings, open_database
from loaders.access import great_circle_km
from loaders.queries import health
from loaders.queries.regions import COUNTRY

ADMIN = Scope("admin")
PUBLIC = Scope("public")
SETTINGS = Settings()


def raw_village_care(db, county: str | None = None) -> pd.DataFrame:
    """Clinics and qualified doctors per village straight from the base tables."""
    return db.query(
        "SELECT v.code, v.county_code, "
        "(SELECT count(*) FROM facilities f WHERE f.kind = 'village_clinic' "
        " AND f.region_code = v.code) AS clinics, "
        "(SELECT count(*) FROM village_doctors d WHERE d.village_code = v.code "
        " AND d.qualification <> 'none') AS doctors "
        "FROM villages v WHERE ?::VARCHAR IS NULL OR v.county_code = ?",
        [county, county],
    )


class TestCompliance:
    @pytest.mark.parametrize("code", ["100000", ZHANGBEI, CONGJIANG, "130000"])
    def test_village_counts_match_the_base_tables(self, db, regions_by_code, code):
        county = code if code in (ZHANGBEI, CONGJIANG) else None
        raw = raw_village_care(db, county)
        if code == "130000":
            raw = raw[raw["county_code"].str.startswith("13")]
        found = health.compliance_summary(db, ADMIN, regions_by_code(code), SETTINGS)
        assert found["villages_count"] == len(raw)
        assert found["villages_with_clinic_count"] == (raw["clinics"] >= 1).sum()
        assert found["villages_with_doctor_count"] == (raw["doctors"] >= 1).sum()
        both = ((raw["clinics"] >= 1) & (raw["doctors"] >= 1)).sum()
        assert found["villages_compliant_count"] == both
        assert found["villages_compliant_pct"] == pytest.approx(100 * both / len(raw))

    def test_a_stricter_doctor_target_lowers_compliance(self, db):
        strict = dataclasses.replace(SETTINGS, health_village_doctors_min=2)
        raw = raw_village_care(db)
        found = health.compliance_summary(db, ADMIN, COUNTRY, strict)
        both = ((raw["clinics"] >= 1) & (raw["doctors"] >= 2)).sum()
        assert found["villages_compliant_count"] == both
        assert (
            both
            < health.compliance_summary(db, ADMIN, COUNTRY, SETTINGS)[
                "villages_compliant_count"
            ]
        )

    def test_townships_and_poverty_counties(self, db, regions_by_code):
        found = health.compliance_summary(
            db, ADMIN, regions_by_code(ZHANGBEI), SETTINGS
        )
        townships = db.query(
            "SELECT t.code, count(f.facility_id) FILTER (WHERE f.standardised) AS n "
            "FROM regions t LEFT JOIN facilities f ON f.region_code = t.code "
            "AND f.kind = 'township_hospital' "
            "WHERE t.level = 'township' AND t.county_code = ? GROUP BY t.code",
            [ZHANGBEI],
        )
        assert found["townships_count"] == len(townships)
        assert found["townships_compliant_count"] == (townships["n"] >= 1).sum()
        # Zhangbei is a poverty county; Zhengding is not and has no such target.
        assert found["poor_counties_count"] == 1
        other = health.compliance_summary(
            db, ADMIN, regions_by_code(ZHENGDING), SETTINGS
        )
        assert other["poor_counties_count"] == 0

    def test_an_empty_region_has_nothing_and_no_share(self, db, regions_by_code):
        found = health.compliance_summary(
            db, ADMIN, regions_by_code(EMPTY_COUNTY), SETTINGS
        )
        assert found["villages_count"] == 0
        assert np.isnan(found["villages_compliant_pct"])
        for level in health.GAP_LEVELS:
            gaps = health.gap_list(
                db, ADMIN, regions_by_code(EMPTY_COUNTY), SETTINGS, level, 10
            )
            assert gaps.empty

    def test_a_county_official_sees_only_their_county(self, db):
        official = Scope("official", ZHANGBEI)
        mine = health.compliance_summary(db, official, COUNTRY, SETTINGS)
        assert mine["villages_count"] == len(raw_village_care(db, ZHANGBEI))
        gaps = health.gap_list(db, official, COUNTRY, SETTINGS, "village", None)
        assert set(gaps["code"].str[:6]) == {ZHANGBEI}

    def test_no_scope_sees_nothing(self, db):
        assert (
            health.compliance_summary(db, None, COUNTRY, SETTINGS)["villages_count"]
            == 0
        )


class TestGapLists:
    def test_village_gaps_are_the_non_compliant_villages_largest_first(self, db):
        raw = raw_village_care(db)
        missing = raw[(raw["clinics"] < 1) | (raw["doctors"] < 1)]
        gaps = health.gap_list(db, ADMIN, COUNTRY, SETTINGS, "village", 5)
        assert len(gaps) == 5
        assert gaps["total_rows"].iloc[0] == len(missing)
        assert gaps["population_count"].is_monotonic_decreasing
        everything = health.gap_list(db, ADMIN, COUNTRY, SETTINGS, "village", None)
        assert set(everything["code"]) == set(missing["code"])
        assert (everything["lacks_clinic"] | everything["lacks_doctor"]).all()

    @pytest.mark.parametrize("level", ["township", "county"])
    def test_every_listed_unit_misses_its_target(self, db, level):
        gaps = health.gap_list(db, ADMIN, COUNTRY, SETTINGS, level, None)
        assert (gaps["standard_count"] < 1).all()

    def test_an_unknown_level_is_refused(self, db):
        with pytest.raises(ValueError, match="hamlet"):
            health.gap_list(db, ADMIN, COUNTRY, SETTINGS, "hamlet", 5)


class TestAccess:
    def test_distances_agree_with_brute_force_over_all_facilities(self, db):
        villages = db.query(
            "SELECT v.code, v.lon, v.lat, h.nearest_clinic_km, "
            "h.nearest_county_hospital_km FROM villages v "
            "JOIN village_health h ON h.village_code = v.code ORDER BY v.code"
        )
        for kind, column in (
            ("village_clinic", "nearest_clinic_km"),
            ("county_hospital", "nearest_county_hospital_km"),
        ):
            places = db.query("SELECT lon, lat FROM facilities WHERE kind = ?", [kind])
            brute = great_circle_km(
                villages["lon"].to_numpy()[:, None],
                villages["lat"].to_numpy()[:, None],
                places["lon"].to_numpy()[None],
                places["lat"].to_numpy()[None],
            ).min(axis=1)
            assert villages[column].to_numpy() == pytest.approx(brute, abs=1e-6)

    def test_shares_rise_with_the_radius_and_sum_to_the_population(self, db):
        frame = health.access_by_region(db, ADMIN, COUNTRY, SETTINGS)
        assert set(frame["radius_km"]) == {5.0, 10.0, 20.0}
        for _, group in frame.groupby(["code", "kind"]):
            assert group.sort_values("radius_km")["near_pct"].is_monotonic_increasing
        total = health.access_total(frame)
        population = db.query("SELECT sum(population) AS n FROM villages")["n"][0]
        assert (total["population_count"] == population).all()
        clinic_5 = total.query("kind == 'village_clinic' and radius_km == 5")
        near = db.query(
            "SELECT sum(population) AS n FROM village_health "
            "WHERE nearest_clinic_km <= 5"
        )["n"][0]
        assert clinic_5["near_count"].iloc[0] == near

    def test_a_county_breaks_down_by_township(self, db, regions_by_code):
        frame = health.access_by_region(db, ADMIN, regions_by_code(ZHANGBEI), SETTINGS)
        assert frame["code"].str.len().eq(9).all()
        assert frame["name_zh"].notna().all()

    def test_remote_villages_are_beyond_the_first_radius(self, db):
        frame = health.remote_villages(db, ADMIN, COUNTRY, SETTINGS, None)
        assert (frame["nearest_clinic_km"] > 5).all()
        assert frame["nearest_clinic_km"].is_monotonic_decreasing


class TestIllness:
    def test_costs_match_the_base_tables(self, db):
        frame = health.costs_by_year(db, ADMIN, COUNTRY, SETTINGS)
        raw = db.query(
            "SELECT year, count(*) AS n, sum(out_of_pocket)::DOUBLE AS oop, "
            "count(*) FILTER (WHERE out_of_pocket > 0.4 * greatest("
            "income_per_capita * size, 1)) AS catastrophic "
            "FROM medical_costs JOIN households USING (household_id) "
            "GROUP BY year ORDER BY year"
        )
        assert frame["year"].tolist() == raw["year"].tolist()
        assert frame["households_count"].tolist() == raw["n"].tolist()
        assert frame["oop_yuan"].to_numpy() == pytest.approx(raw["oop"].to_numpy())
        assert frame["catastrophic_count"].tolist() == raw["catastrophic"].tolist()
        paid = frame["insurance_yuan"] + frame["aid_yuan"] + frame["oop_yuan"]
        assert paid.to_numpy() == pytest.approx(frame["total_yuan"].to_numpy())

    @pytest.mark.parametrize("share", [0.1, 0.25, 0.4, 0.8, 1.5])
    def test_the_summary_answers_exactly_as_the_base_tables(self, db, share):
        settings = dataclasses.replace(SETTINGS, catastrophic_oop_share=share)
        fast = health.costs_by_year(db, ADMIN, COUNTRY, settings)
        where, params = "TRUE", []
        exact = db.query(
            health.COSTS_SQL.format(where=where), [share, *params], name="exact"
        )
        assert (
            fast["catastrophic_count"].tolist() == exact["catastrophic_count"].tolist()
        )
        assert fast["total_yuan"].to_numpy() == pytest.approx(
            exact["total_yuan"].to_numpy()
        )

    def test_a_share_off_the_percent_grid_reads_the_base_tables(self, db):
        settings = dataclasses.replace(SETTINGS, catastrophic_oop_share=0.4253)
        names = []
        real = db.query

        def spy(sql, params=None, *, name="query"):
            names.append(name)
            return real(sql, params, name=name)

        db.query = spy
        try:
            frame = health.costs_by_year(db, ADMIN, COUNTRY, settings)
        finally:
            del db.query
        assert names == ["medical_costs_by_year_exact"]
        loose = health.costs_by_year(db, ADMIN, COUNTRY, SETTINGS)
        assert (frame["catastrophic_count"] <= loose["catastrophic_count"]).all()

    def test_a_higher_catastrophic_threshold_counts_fewer(self, db):
        loose = dataclasses.replace(SETTINGS, catastrophic_oop_share=0.8)
        base = health.costs_by_year(db, ADMIN, COUNTRY, SETTINGS)
        fewer = health.costs_by_year(db, ADMIN, COUNTRY, loose)
        assert (fewer["catastrophic_count"] < base["catastrophic_count"]).all()

    def test_illness_by_care_splits_the_registered_households(self, db):
        frame = health.illness_by_care(db, ADMIN, COUNTRY, SETTINGS)
        assert frame["compliant"].tolist() == [False, True]
        registered = db.query(
            "SELECT count(*) AS n FROM households WHERE registered_year IS NOT NULL"
        )["n"][0]
        assert frame["registered_count"].sum() == registered

    def test_an_empty_region_still_has_both_rows(self, db, regions_by_code):
        frame = health.illness_by_care(
            db, ADMIN, regions_by_code(EMPTY_COUNTY), SETTINGS
        )
        assert frame["villages_count"].tolist() == [0, 0]
        assert frame["illness_share_pct"].isna().all()


class TestSiting:
    def test_sites_add_coverage_in_falling_order(self, db):
        picks, summary = health.siting(db, ADMIN, COUNTRY, SETTINGS, 5)
        assert 1 <= len(picks) <= 5
        assert picks["gain_count"].is_monotonic_decreasing
        assert picks["covered_after_pct"].is_monotonic_increasing
        assert summary["covered_after_pct"] >= summary["covered_before_pct"]
        near = db.query(
            "SELECT sum(population) AS n FROM village_health "
            "WHERE nearest_staffed_clinic_km <= 5"
        )["n"][0]
        assert summary["covered_before_count"] == near
        # Every pick lacks a clinic, or a qualified doctor for its clinic.
        assert set(picks["action"]) <= {"new_clinic", "doctor"}

    @pytest.mark.parametrize("n", [0, 51])
    def test_n_outside_the_range_is_refused(self, db, n):
        with pytest.raises(JingzhunError, match="1"):
            health.siting(db, ADMIN, COUNTRY, SETTINGS, n)


class TestPublicRole:
    def test_small_counts_are_hidden_from_the_public(self, db):
        frame = health.gap_list(db, PUBLIC, COUNTRY, SETTINGS, "village", None)
        assert frame.attrs["suppressed_below"] == 5
        costs = health.costs_by_year(db, PUBLIC, COUNTRY, SETTINGS)
        assert costs.attrs["suppressed_below"] == 5

    def test_a_small_cost_cell_and_its_means_are_hidden(self, db, monkeypatch):
        small = pd.DataFrame(
            {
                "year": [2025],
                "households_count": [3],
                "serious_count": [1],
                "catastrophic_count": [1],
                "total_yuan": [30000.0],
                "insurance_yuan": [20000.0],
                "aid_yuan": [3000.0],
                "oop_yuan": [7000.0],
            }
        )
        monkeypatch.setattr(db, "query", lambda *a, **k: small.copy())
        frame = health.costs_by_year(db, PUBLIC, COUNTRY, SETTINGS)
        assert frame["households_count"].isna().all()
        assert frame["oop_per_household_yuan"].isna().all()
        assert frame["catastrophic_pct"].isna().all()
        staff = health.costs_by_year(db, ADMIN, COUNTRY, SETTINGS)
        assert staff["oop_per_household_yuan"].tolist() == [7000.0 / 3]


def test_the_compliant_county_meets_every_target(compliant_db, regions_by_code):
    db = open_database(compliant_db)
    try:
        found = health.compliance_summary(
            db, ADMIN, regions_by_code(ZHENGDING), SETTINGS
        )
        assert found["villages_compliant_pct"] == 100.0
        assert found["townships_compliant_pct"] == 100.0
        for level in health.GAP_LEVELS:
            assert health.gap_list(
                db, ADMIN, regions_by_code(ZHENGDING), SETTINGS, level, None
            ).empty
    finally:
        db.close()
