"""Villages and Infrastructure queries on the tiny dataset: every aggregation level,
an empty county, a county with one village, a village without households, the gap
rules, the scope and the small cells."""

from __future__ import annotations

import shutil
from dataclasses import replace

import duckdb
import h3
import pandas as pd
import pytest
from known_places import CONGJIANG, EMPTY_COUNTY, ZHANGBEI, ZHENGDING

from loaders import JingzhunError, Scope, Settings, open_database
from loaders.queries import infrastructure, villages
from loaders.queries.regions import COUNTRY
from loaders.settings import INFRA_GAPS

ADMIN, PUBLIC = Scope("admin"), Scope("public")
ZHANGBEI_OFFICIAL = Scope("official", ZHANGBEI)
SETTINGS = Settings()
GAP_COUNTS = [f"gap_{gap}_count" for gap in INFRA_GAPS]


def raw(db, sql: str, params=()) -> pd.DataFrame:
    return db.query(sql, list(params), name="test")


@pytest.fixture(scope="module")
def edited(tiny_db_path, tmp_path_factory):
    """The tiny dataset with Congjiang cut to one village and one Zhangbei village
    emptied of households. Yields (db, the lone village, the empty village)."""
    path = tmp_path_factory.mktemp("villages") / "edited.duckdb"
    shutil.copy(tiny_db_path, path)
    with duckdb.connect(str(path)) as con:
        lone = con.execute(
            "SELECT min(code) FROM villages WHERE county_code = ?", [CONGJIANG]
        ).fetchall()[0][0]
        con.execute(
            "DELETE FROM villages WHERE county_code = ? AND code <> ?",
            [CONGJIANG, lone],
        )
        empty = con.execute(
            "SELECT min(code) FROM villages WHERE county_code = ?", [ZHANGBEI]
        ).fetchall()[0][0]
        con.execute("DELETE FROM households WHERE village_code = ?", [empty])
    db = open_database(path)
    yield db, lone, empty
    db.close()


class TestAggregationLevels:
    @pytest.mark.parametrize(
        ("code", "row_level"),
        [
            ("100000", "province"),
            ("130000", "city"),
            ("130700", "county"),
            (ZHANGBEI, "township"),
        ],
    )
    def test_rows_are_one_level_down_and_add_up(
        self, db, regions_by_code, code, row_level
    ):
        region = regions_by_code(code)
        matrix = infrastructure.gap_matrix(db, ADMIN, region, SETTINGS)
        body, total = matrix.iloc[:-1], matrix.iloc[-1]
        assert total["key"] == "total"
        levels = raw(
            db,
            f"SELECT DISTINCT level FROM regions WHERE code IN "
            f"({', '.join('?' * len(body))})",
            body["key"],
        )["level"]
        assert set(levels) == {row_level}
        for column in ["villages_count", *GAP_COUNTS]:
            assert body[column].sum() == total[column], column
        expected = raw(
            db,
            "SELECT count(*) AS n FROM villages v WHERE ? IN "
            "(v.province_code, v.city_code, v.county_code) OR ? = '100000'",
            [code, code],
        )["n"].iloc[0]
        assert total["villages_count"] == expected

    def test_the_county_map_counts_every_village_once(self, db):
        counties = villages.county_values(db, ADMIN, COUNTRY, SETTINGS)
        assert set(counties["code"]) == {ZHANGBEI, CONGJIANG, ZHENGDING}
        assert (
            counties["villages_count"].sum()
            == raw(db, "SELECT count(*) AS n FROM villages")["n"].iloc[0]
        )
        poverty = villages.county_values(db, ADMIN, COUNTRY, SETTINGS, "poverty")
        assert (poverty["villages_count"] == poverty["poverty_villages_count"]).all()
        assert (
            poverty["villages_count"].sum()
            == raw(db, "SELECT count(*) AS n FROM villages WHERE poverty_village")[
                "n"
            ].iloc[0]
        )

    def test_hexagons_hold_every_village_of_a_county(self, db, regions_by_code):
        cells = villages.village_hexagons(
            db, ADMIN, regions_by_code(ZHANGBEI), SETTINGS
        )
        assert cells["villages_count"].sum() == 92
        assert cells["hexagon"].is_unique
        counties = villages.county_values(
            db, ADMIN, regions_by_code(ZHANGBEI), SETTINGS
        )
        for column in GAP_COUNTS:
            assert cells[column].sum() == counties[column].iloc[0]

    @pytest.mark.parametrize("max_cells", [1, 5, 40])
    def test_hexagons_coarsen_to_stay_within_their_cap(
        self, db, regions_by_code, max_cells
    ):
        county = regions_by_code(ZHANGBEI)
        cells = villages.village_hexagons(
            db, ADMIN, county, SETTINGS, max_cells=max_cells
        )
        assert cells["villages_count"].sum() == 92
        resolution = h3.get_resolution(cells["hexagon"].iloc[0])
        # The finest resolution within the cap, else the coarsest (a county spans
        # a few of its cells).
        assert len(cells) <= max_cells or resolution == villages.HEX_RESOLUTIONS[-1]
        if resolution != villages.HEX_RESOLUTIONS[0]:
            finer = {
                h3.latlng_to_cell(lat, lon, resolution + 1)
                for lat, lon in db.query(
                    "SELECT lat, lon FROM villages WHERE county_code = ?", [ZHANGBEI]
                ).itertuples(index=False)
            }
            assert len(finer) > max_cells

    def test_points_stop_one_past_the_limit(self, db, regions_by_code):
        county = regions_by_code(ZHANGBEI)
        assert len(villages.village_points(db, ADMIN, county, SETTINGS, limit=10)) == 11
        assert (
            len(villages.village_points(db, ADMIN, county, SETTINGS, limit=500)) == 92
        )
        with pytest.raises(ValueError, match="inside a county"):
            villages.village_points(db, ADMIN, COUNTRY, SETTINGS, limit=10)


class TestGapRules:
    @pytest.mark.parametrize(
        ("gap", "condition"),
        [
            ("road", "paved_road = FALSE"),
            ("bus", "bus_service = FALSE"),
            ("water", "safe_water = FALSE"),
            ("power", "grid_power = FALSE"),
            ("broadband", "broadband = FALSE"),
            ("school", "primary_school = FALSE"),
            ("housing", "safe_housing_pct < 90"),
            (
                "clinic",
                "code NOT IN (SELECT region_code FROM facilities "
                "WHERE kind = 'village_clinic')",
            ),
            (
                "doctor",
                "code NOT IN (SELECT village_code FROM village_doctors "
                "WHERE qualification <> 'none')",
            ),
        ],
    )
    def test_each_gap_counts_what_it_says(self, db, gap, condition):
        total = infrastructure.gap_matrix(db, ADMIN, COUNTRY, SETTINGS).iloc[-1]
        expected = raw(db, f"SELECT count(*) AS n FROM villages WHERE {condition}")
        assert total[f"gap_{gap}_count"] == expected["n"].iloc[0]

    def test_the_housing_threshold_is_a_setting(self, db):
        low = replace(SETTINGS, infra_safe_housing_min_pct=80.0)
        high = replace(SETTINGS, infra_safe_housing_min_pct=99.0)
        counts = [
            infrastructure.gap_matrix(db, ADMIN, COUNTRY, s).iloc[-1][
                "gap_housing_count"
            ]
            for s in (low, SETTINGS, high)
        ]
        assert counts == sorted(counts) and counts[0] < counts[-1]

    def test_shares_are_counts_over_villages(self, db):
        matrix = infrastructure.gap_matrix(db, ADMIN, COUNTRY, SETTINGS)
        share = 100 * matrix["gap_water_count"] / matrix["villages_count"]
        assert (matrix["gap_water_pct"] - share).abs().max() < 1e-9

    def test_the_national_benchmark_is_the_countrys_total(self, db):
        total = infrastructure.gap_matrix(db, ADMIN, COUNTRY, SETTINGS).iloc[-1]
        for scope in (ADMIN, PUBLIC, ZHANGBEI_OFFICIAL):
            benchmark = infrastructure.national_benchmark(db, scope, SETTINGS)
            assert benchmark["gap_water_pct"] == pytest.approx(total["gap_water_pct"])
        assert infrastructure.national_benchmark(db, None, SETTINGS).isna().all()


class TestTheVillagesBehindACell:
    def test_a_cell_lists_as_many_villages_as_it_counts(self, db, regions_by_code):
        hebei = regions_by_code("130000")
        matrix = infrastructure.gap_matrix(db, ADMIN, hebei, SETTINGS)
        for row in matrix.to_dict("records"):
            key = None if row["key"] == "total" else row["key"]
            listed = infrastructure.gap_villages(
                db, ADMIN, hebei, SETTINGS, gap="water", row=key
            )
            assert len(listed) == row["gap_water_count"]
            assert listed["gap_water"].all()

    def test_the_list_is_cut_with_the_total_kept(self, db):
        first = infrastructure.gap_villages(
            db, ADMIN, COUNTRY, SETTINGS, gap="school", limit=5
        )
        assert len(first) == 5 and first["total_rows"].iloc[0] > 5
        assert first["remoteness_km"].is_monotonic_decreasing

    def test_the_public_sees_no_small_village_count(self, db, tiny_db_path, tmp_path):
        path = tmp_path / "small.duckdb"
        shutil.copy(tiny_db_path, path)
        with duckdb.connect(str(path)) as con:
            con.execute(
                "UPDATE villages SET households = 3, population = 4, "
                "paved_road = FALSE WHERE code = (SELECT min(code) FROM villages)"
            )
        small = open_database(path)
        try:
            public = infrastructure.gap_villages(
                small, PUBLIC, COUNTRY, SETTINGS, gap="road"
            )
            staff = infrastructure.gap_villages(
                small, ADMIN, COUNTRY, SETTINGS, gap="road"
            )
        finally:
            small.close()
        assert 3 in set(staff["households_count"])
        assert 3 not in set(public["households_count"].dropna())
        assert public["households_count"].isna().sum() == 1

    def test_an_unknown_gap_is_refused(self, db):
        with pytest.raises(ValueError, match="unknown gap"):
            infrastructure.gap_villages(db, ADMIN, COUNTRY, SETTINGS, gap="moat")
        with pytest.raises(ValueError, match="unknown village set"):
            villages.county_values(db, ADMIN, COUNTRY, SETTINGS, "some")


class TestEdgeCases:
    def test_an_empty_county_has_nothing_anywhere(self, db, regions_by_code):
        county = regions_by_code(EMPTY_COUNTY)
        assert villages.county_values(db, ADMIN, county, SETTINGS).empty
        assert villages.village_points(db, ADMIN, county, SETTINGS, limit=9).empty
        assert villages.village_hexagons(db, ADMIN, county, SETTINGS).empty
        assert infrastructure.gap_matrix(db, ADMIN, county, SETTINGS).empty
        assert infrastructure.gap_villages(db, ADMIN, county, SETTINGS).empty

    def test_a_county_with_one_village(self, edited, regions_by_code):
        db, lone, _ = edited
        county = regions_by_code(CONGJIANG)
        points = villages.village_points(db, ADMIN, county, SETTINGS, limit=9)
        assert points["code"].tolist() == [lone]
        matrix = infrastructure.gap_matrix(db, ADMIN, county, SETTINGS)
        assert matrix["key"].tolist() == [lone[:9], "total"]
        assert matrix["villages_count"].tolist() == [1, 1]
        cells = villages.village_hexagons(db, ADMIN, county, SETTINGS)
        assert cells["villages_count"].tolist() == [1]

    def test_a_village_without_households(self, edited):
        db, _, empty = edited
        facts = villages.village_facts(db, PUBLIC, empty, SETTINGS)
        assert facts["code"] == empty
        for by in ("status", "cause"):
            assert villages.village_households(db, PUBLIC, empty, SETTINGS, by).empty


class TestProfile:
    def test_facts_gather_the_village(self, db):
        code = raw(
            db,
            "SELECT v.code FROM villages v JOIN projects p ON p.village_code = v.code "
            "WHERE v.county_code = ? ORDER BY 1 LIMIT 1",
            [ZHANGBEI],
        )["code"].iloc[0]
        facts = villages.village_facts(db, ADMIN, code, SETTINGS)
        assert facts["county_code"] == ZHANGBEI and facts["name_zh"]
        projects = villages.village_projects(db, ADMIN, code)
        assert len(projects) == facts["projects_count"] > 0
        funds = villages.village_funds(db, ADMIN, code)
        paid = raw(
            db,
            "SELECT coalesce(sum(d.amount), 0)::DOUBLE AS paid "
            "FROM fund_disbursements d JOIN projects p USING (project_id) "
            "WHERE p.village_code = ?",
            [code],
        )["paid"].iloc[0]
        assert funds["paid_yuan"].sum() == pytest.approx(paid)
        assert projects["paid_yuan"].sum() == pytest.approx(paid)

    def test_households_add_up_and_small_cells_hide_for_the_public(self, db):
        code = raw(
            db,
            "SELECT min(code) AS code FROM villages WHERE county_code = ?",
            [ZHANGBEI],
        )["code"].iloc[0]
        staff = villages.village_households(db, ADMIN, code, SETTINGS, "status")
        expected = raw(
            db, "SELECT count(*) AS n FROM households WHERE village_code = ?", [code]
        )["n"].iloc[0]
        assert staff.iloc[-1]["key"] == "total"
        assert staff.iloc[-1]["households_count"] == expected
        assert staff.iloc[:-1]["households_count"].sum() == expected
        public = villages.village_households(db, PUBLIC, code, SETTINGS, "cause")
        shown = public["households_count"].dropna()
        assert not ((shown > 0) & (shown < 5)).any()
        assert public["people_count"][public["households_count"].isna()].isna().all()

    def test_doctors_are_counted_never_listed(self, db):
        code = raw(db, "SELECT min(village_code) AS code FROM village_doctors", [])[
            "code"
        ].iloc[0]
        care = villages.village_care(db, ADMIN, code)
        doctors = care[care["kind"] == "doctor"]
        assert doctors["id"].isna().all() and doctors["doctors_count"].sum() > 0
        assert "age" not in care.columns

    def test_a_village_outside_the_scope_is_refused(self, db):
        code = raw(
            db,
            "SELECT min(code) AS code FROM villages WHERE county_code = ?",
            [CONGJIANG],
        )["code"].iloc[0]
        with pytest.raises(JingzhunError, match="within your access"):
            villages.village_facts(db, ZHANGBEI_OFFICIAL, code, SETTINGS)
        assert villages.village_projects(db, ZHANGBEI_OFFICIAL, code).empty
        assert villages.village_funds(db, ZHANGBEI_OFFICIAL, code).empty
        assert villages.village_care(db, ZHANGBEI_OFFICIAL, code).empty
        assert villages.village_households(
            db, ZHANGBEI_OFFICIAL, code, SETTINGS, "status"
        ).empty
        with pytest.raises(JingzhunError):
            villages.village_facts(db, None, code, SETTINGS)

    def test_an_official_sees_their_county_only(self, db):
        counties = villages.county_values(db, ZHANGBEI_OFFICIAL, COUNTRY, SETTINGS)
        assert counties["code"].tolist() == [ZHANGBEI]
        matrix = infrastructure.gap_matrix(db, ZHANGBEI_OFFICIAL, COUNTRY, SETTINGS)
        assert matrix["key"].tolist() == ["130000", "total"]
        assert villages.county_values(db, None, COUNTRY, SETTINGS).empty
