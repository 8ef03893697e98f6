"""Distance to care and the siting method, on hand-computed cases.

Reference distances are worked out by hand on a sphere of radius R = 6371.0088 km:
one degree of arc is R·π/180 = 111.1951 km, a quarter circle R·π/2 = 10,007.56 km.
"""

from __future__ import annotations

import itertools
import math

import duckdb
import numpy as np
import pandas as pd
import pytest

from loaders.access import (
    EARTH_RADIUS_KM,
    chord_to_km,
    great_circle_km,
    km_to_chord,
    nearest,
    refresh_village_health,
    unit_vectors,
    village_distances,
)
from loaders.schema import TABLES, create_table_sql
from loaders.siting import greedy_coverage

ONE_DEGREE_KM = EARTH_RADIUS_KM * math.pi / 180  # 111.1951 km


class TestGreatCircle:
    @pytest.mark.parametrize(
        ("a", "b", "km"),
        [
            ((116.0, 40.0), (116.0, 40.0), 0.0),
            ((0.0, 0.0), (0.0, 1.0), ONE_DEGREE_KM),
            ((0.0, 0.0), (1.0, 0.0), ONE_DEGREE_KM),
            ((0.0, 0.0), (90.0, 0.0), EARTH_RADIUS_KM * math.pi / 2),
            ((0.0, 0.0), (180.0, 0.0), EARTH_RADIUS_KM * math.pi),
            # Along a parallel at 60° N the arc is shorter than cos(60°) × Δλ
            # (the parallel is not a great circle): 2R·asin(cos 60° · sin 0.5°).
            (
                (100.0, 60.0),
                (101.0, 60.0),
                2 * EARTH_RADIUS_KM * math.asin(0.5 * math.sin(math.radians(0.5))),
            ),
        ],
    )
    def test_the_tree_metric_matches_the_hand_computed_arc(self, a, b, km):
        chord = np.linalg.norm(
            unit_vectors([a[0]], [a[1]]) - unit_vectors([b[0]], [b[1]])
        )
        assert chord_to_km(chord) == pytest.approx(km, abs=1e-6)
        assert great_circle_km(a[0], a[1], b[0], b[1]) == pytest.approx(km, abs=1e-6)

    @pytest.mark.parametrize("km", [0.0, 0.5, 5.0, 20.0, 1000.0])
    def test_a_radius_round_trips_through_the_chord(self, km):
        assert chord_to_km(km_to_chord(km)) == pytest.approx(km, abs=1e-9)


class TestNearest:
    def test_a_village_exactly_at_a_clinic_is_zero_km_from_it(self):
        points = unit_vectors([108.5], [25.7])
        targets = unit_vectors([108.4, 108.5, 108.6], [25.7, 25.7, 25.7])
        index, km = nearest(points, targets)
        assert index.tolist() == [1]
        assert km[0] == pytest.approx(0.0, abs=1e-6)

    def test_without_facilities_there_is_no_distance(self):
        index, km = nearest(unit_vectors([1.0], [1.0]), np.empty((0, 3)))
        assert index.tolist() == [-1]
        assert np.isnan(km[0])

    def test_random_points_agree_with_brute_force_haversine(self):
        rng = np.random.default_rng(7)
        lon, lat = rng.uniform(73, 135, 300), rng.uniform(18, 53, 300)
        flon, flat = rng.uniform(73, 135, 500), rng.uniform(18, 53, 500)
        index, km = nearest(unit_vectors(lon, lat), unit_vectors(flon, flat))
        brute = great_circle_km(lon[:, None], lat[:, None], flon[None], flat[None])
        assert km == pytest.approx(brute.min(axis=1), abs=1e-6)
        assert (index == brute.argmin(axis=1)).all()


def facilities_frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["facility_id", "kind", "lon", "lat", "staffed"])


class TestVillageDistances:
    def test_the_nearest_clinic_may_lie_across_the_county_border(self):
        # Village V in county A at (110.00, 30.00). Its own county's clinic is
        # 0.1° north (11.12 km); county B's clinic is 0.02° east, across the border:
        # 2R·asin(cos 30° · sin 0.01°) = 1.9260 km.
        villages = pd.DataFrame(
            {"village_code": ["A-V"], "lon": [110.0], "lat": [30.0]}
        )
        facilities = facilities_frame(
            [
                ("A-clinic", "village_clinic", 110.0, 30.1, True),
                ("B-clinic", "village_clinic", 110.02, 30.0, False),
                ("A-township", "township_hospital", 110.0, 30.2, False),
                ("A-county", "county_hospital", 110.0, 31.0, False),
            ]
        )
        out = village_distances(villages, facilities).iloc[0]
        across = (
            2
            * EARTH_RADIUS_KM
            * math.asin(math.cos(math.radians(30)) * math.sin(math.radians(0.01)))
        )
        assert out["nearest_clinic_id"] == "B-clinic"
        assert out["nearest_clinic_km"] == pytest.approx(across, abs=1e-6)
        assert out["nearest_clinic_km"] == pytest.approx(1.9260, abs=1e-4)
        # B's clinic has no qualified doctor: the nearest staffed one is A's.
        assert out["nearest_staffed_clinic_km"] == pytest.approx(
            0.1 * ONE_DEGREE_KM, abs=1e-6
        )
        assert out["nearest_township_hospital_km"] == pytest.approx(
            0.2 * ONE_DEGREE_KM, abs=1e-6
        )
        assert out["nearest_county_hospital_id"] == "A-county"
        assert out["nearest_county_hospital_km"] == pytest.approx(
            ONE_DEGREE_KM, abs=1e-6
        )


@pytest.fixture
def hand_made_db(tmp_path):
    """A dataset of three villages in two counties, built by hand."""
    con = duckdb.connect(str(tmp_path / "hand.duckdb"))
    for table in TABLES:
        con.execute(create_table_sql(table))
    con.execute(
        "INSERT INTO villages (code, county_code, township_code, population, lon, lat) "
        "VALUES ('A1', 'A', 'At', 1000, 110.0, 30.0), "
        "('A2', 'A', 'At', 500, 110.0, 30.5), ('B1', 'B', 'Bt', 800, 110.02, 30.0)"
    )
    con.execute(
        "INSERT INTO facilities (facility_id, kind, region_code, county_code, lon, "
        "lat, standardised) VALUES "
        "('VA1', 'village_clinic', 'A1', 'A', 110.0, 30.0, TRUE), "
        "('VB1', 'village_clinic', 'B1', 'B', 110.02, 30.0, TRUE), "
        "('TA', 'township_hospital', 'At', 'A', 110.0, 30.1, TRUE), "
        "('HA', 'county_hospital', 'A', 'A', 110.0, 31.0, TRUE)"
    )
    con.execute(
        "INSERT INTO village_doctors (doctor_id, village_code, facility_id, "
        "qualification) VALUES ('D1', 'B1', 'VB1', 'rural_certificate'), "
        "('D2', 'A1', 'VA1', 'none')"
    )
    con.execute(
        "INSERT INTO households (household_id, village_code, county_code, "
        "registered_year, main_cause) VALUES ('h1', 'A1', 'A', 2014, 'illness'), "
        "('h2', 'A1', 'A', 2014, 'disability'), ('h3', 'A2', 'A', NULL, 'illness')"
    )
    yield con
    con.close()


def test_the_build_step_stores_distances_and_counts_per_village(hand_made_db):
    refresh_village_health(hand_made_db)
    rows = hand_made_db.execute(
        "SELECT village_code, clinics_count, doctors_count, qualified_doctors_count, "
        "registered_households, illness_households, nearest_clinic_km, "
        "nearest_clinic_id, nearest_staffed_clinic_km, nearest_township_hospital_km "
        "FROM village_health ORDER BY village_code"
    ).df()
    a1, a2, b1 = (rows.iloc[i] for i in range(3))
    # A1 holds its clinic: 0 km; its only doctor is unqualified, so the nearest
    # staffed clinic is B1's, across the county border.
    assert a1["nearest_clinic_id"] == "VA1"
    assert a1["nearest_clinic_km"] == pytest.approx(0.0, abs=1e-6)
    assert a1["nearest_staffed_clinic_km"] == pytest.approx(1.9260, abs=1e-4)
    assert (
        a1["clinics_count"],
        a1["doctors_count"],
        a1["qualified_doctors_count"],
    ) == (
        1,
        1,
        0,
    )
    assert (a1["registered_households"], a1["illness_households"]) == (2, 1)
    # A2 has no clinic: A1's is 0.5° south; the township hospital 0.4° south.
    assert a2["nearest_clinic_id"] == "VA1"
    assert a2["nearest_clinic_km"] == pytest.approx(0.5 * ONE_DEGREE_KM, abs=1e-6)
    assert a2["nearest_township_hospital_km"] == pytest.approx(
        0.4 * ONE_DEGREE_KM, abs=1e-6
    )
    assert (a2["clinics_count"], a2["registered_households"]) == (0, 0)
    assert b1["qualified_doctors_count"] == 1
    assert b1["nearest_staffed_clinic_km"] == pytest.approx(0.0, abs=1e-6)


def test_refreshing_twice_replaces_the_rows(hand_made_db):
    refresh_village_health(hand_made_db)
    refresh_village_health(hand_made_db)
    assert hand_made_db.execute("SELECT count(*) FROM village_health").fetchone() == (
        3,
    )


# Siting ------------------------------------------------------------------------

# Three clusters of villages on the equator, far apart (1° = 111 km), and a 5 km
# radius: X at 0° (30 + 20 people), Y at 1° (40), Z at 2° (25 + 20). Candidate sites:
# one in each cluster, and "XY" halfway that reaches nothing. The best two sites are
# X and Z (95 people); the best one is X (50).
DEMAND_LON = np.array([0.0, 0.01, 1.0, 2.0, 2.01])
DEMAND_LAT = np.zeros(5)
PEOPLE = np.array([30.0, 20.0, 40.0, 25.0, 20.0])
CANDIDATE_LON = np.array([1.0, 0.005, 0.5, 2.005])
CANDIDATE_LAT = np.zeros(4)


NOBODY = np.zeros(5, dtype=bool)


def covered_by(chosen, covered=NOBODY) -> float:
    reach = great_circle_km(
        DEMAND_LON[:, None], DEMAND_LAT[:, None], CANDIDATE_LON[chosen], 0.0
    )
    return PEOPLE[(reach <= 5).any(axis=1) & ~covered].sum()


class TestGreedyCoverage:
    def run(self, n, covered=NOBODY):
        return greedy_coverage(
            DEMAND_LON,
            DEMAND_LAT,
            PEOPLE,
            covered,
            CANDIDATE_LON,
            CANDIDATE_LAT,
            radius_km=5.0,
            n=n,
        )

    def test_one_site_goes_where_the_most_people_are(self):
        found = self.run(1)
        assert found.chosen.tolist() == [1]
        assert found.gains.tolist() == [50.0]

    def test_two_sites_reach_the_known_optimum(self):
        found = self.run(2)
        best = max(covered_by(list(c)) for c in itertools.combinations(range(4), 2))
        assert best == 95.0
        assert found.chosen.tolist() == [1, 3]
        assert found.gains.sum() == best
        assert (found.covered_before, found.total) == (0.0, 135.0)

    def test_covered_villages_add_nothing(self):
        covered = np.array([True, True, False, False, False])
        found = self.run(2, covered)
        assert found.chosen.tolist() == [3, 0]
        assert found.gains.tolist() == [45.0, 40.0]
        assert found.covered_before == 50.0

    def test_it_stops_once_everyone_is_covered(self):
        found = self.run(10)
        assert sorted(found.chosen.tolist()) == [0, 1, 3]
        assert found.gains.sum() == found.total

    def test_greedy_keeps_its_guarantee_on_random_cases(self):
        rng = np.random.default_rng(3)
        for _ in range(20):
            lon, lat = rng.uniform(0, 0.3, 12), rng.uniform(0, 0.3, 12)
            people = rng.integers(1, 100, 12).astype(float)
            clon, clat = rng.uniform(0, 0.3, 6), rng.uniform(0, 0.3, 6)
            found = greedy_coverage(
                lon, lat, people, np.zeros(12, bool), clon, clat, radius_km=8.0, n=2
            )
            reach = great_circle_km(lon[:, None], lat[:, None], clon, clat) <= 8.0
            best = max(
                people[reach[:, list(pair)].any(axis=1)].sum()
                for pair in itertools.combinations(range(6), 2)
            )
            one = max(people[reach[:, i]].sum() for i in range(6))
            assert found.gains[:1].sum() == one  # exact for N = 1
            assert found.gains.sum() >= (1 - 1 / math.e) * best
