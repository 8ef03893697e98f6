"""Query functions on the tiny dataset: regions, scope, the Overview's numbers."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from known_places import CONGJIANG, EMPTY_COUNTY, ZHANGBEI, ZHENGDING

from loaders import InvalidYearError, Scope, ScopeError, Settings, UnknownRegionError
from loaders.queries import catalog, overview, regions
from loaders.queries.regions import COUNTRY

PUBLIC = Scope("public")
AS_OF = dt.date(2025, 12, 31)
SETTINGS = Settings()
VIEWS = ["100000", "130000", "130700", ZHANGBEI, CONGJIANG, ZHENGDING, EMPTY_COUNTY]


class TestResolveRegion:
    def test_a_county_knows_its_ancestors(self, db):
        region = regions.resolve_region(db, PUBLIC, ZHANGBEI)
        assert (region.level, region.name_zh) == ("county", "张北县")
        assert (region.province_code, region.city_code) == ("130000", "130700")

    @pytest.mark.parametrize("code", [None, "", "100000"])
    def test_no_code_means_the_whole_country(self, db, code):
        assert regions.resolve_region(db, PUBLIC, code) == COUNTRY

    @pytest.mark.parametrize("code", ["999999", "13072", "'; DROP TABLE regions; --"])
    def test_an_unknown_code_says_so_in_both_languages(self, db, code):
        with pytest.raises(UnknownRegionError) as raised:
            regions.resolve_region(db, PUBLIC, code)
        assert code in raised.value.zh and code in raised.value.en


class TestScope:
    def test_a_county_official_cannot_open_another_province(self, db):
        official = Scope("official", ZHANGBEI)
        with pytest.raises(ScopeError):
            regions.resolve_region(db, official, CONGJIANG)

    def test_a_county_official_sees_only_their_branch_of_the_tree(self, db):
        official = Scope("official", ZHANGBEI)
        provinces = regions.child_regions(db, official, COUNTRY)
        assert provinces["code"].tolist() == ["130000"]
        hebei = regions.resolve_region(db, official, "130000")
        counties = regions.counties_within(db, official, hebei)
        assert counties["code"].tolist() == [ZHANGBEI]

    def test_the_scope_limits_a_wider_map_extent(self, db):
        official = Scope("official", ZHANGBEI)
        values = overview.county_indicator(
            db, official, COUNTRY, "poverty_incidence_pct", 2016, SETTINGS
        )
        assert values["code"].tolist() == [ZHANGBEI]

    def test_an_unknown_role_is_refused(self):
        with pytest.raises(ScopeError, match="Unknown role 'root'"):
            Scope("root")


@pytest.mark.parametrize("code", VIEWS)
class TestOverviewQueries:
    def test_headline_series_covers_every_year(self, db, regions_by_code, code):
        series = overview.headline_series(db, PUBLIC, regions_by_code(code), SETTINGS)
        assert series["year"].tolist() == list(range(2014, 2026))
        assert (series["poor_people_count"] >= 0).all()
        # By 2021 every registered household had exited.
        assert series.loc[series["year"] >= 2021, "poor_people_count"].eq(0).all()

    def test_current_facts_are_consistent(self, db, regions_by_code, code):
        facts = overview.current_facts(
            db, PUBLIC, regions_by_code(code), Settings(), AS_OF
        )
        assert facts["villages_with_care_count"] <= facts["villages_count"]
        assert facts["projects_on_track_count"] <= facts["projects_count"]
        if facts["villages_count"] == 0:
            assert np.isnan(facts["care_coverage_pct"])

    @pytest.mark.parametrize("indicator", overview.MAP_INDICATORS)
    def test_every_indicator_answers(self, db, regions_by_code, code, indicator):
        values = overview.county_indicator(
            db,
            PUBLIC,
            regions.map_extent(regions_by_code(code)),
            indicator,
            2018,
            SETTINGS,
        )
        assert list(values.columns) == ["code", "value"]


def test_the_empty_county_has_no_numbers_but_no_error(db, regions_by_code):
    empty = regions_by_code(EMPTY_COUNTY)
    series = overview.headline_series(db, PUBLIC, empty, SETTINGS)
    assert series["poor_people_count"].sum() == 0
    worst = overview.worst_regions(db, PUBLIC, empty, 2018, SETTINGS)
    assert all(frame.empty for frame in worst.values())


def test_poverty_incidence_falls_to_zero_by_2020(db, regions_by_code):
    zhangbei = regions_by_code(ZHANGBEI)
    early = overview.county_indicator(
        db, PUBLIC, zhangbei, "poverty_incidence_pct", 2014, SETTINGS
    )
    late = overview.county_indicator(
        db, PUBLIC, zhangbei, "poverty_incidence_pct", 2020, SETTINGS
    )
    assert early["value"].iloc[0] > 5
    assert late["value"].iloc[0] == 0


def test_exit_year_map_shows_poverty_counties_only(db):
    values = overview.county_indicator(db, PUBLIC, COUNTRY, "exit_year", 2025, SETTINGS)
    assert len(values) == 832
    assert set(values["value"]) == {2016, 2017, 2018, 2019, 2020}


def test_regions_without_the_problem_are_not_listed_as_worst(db):
    # Monitoring began in 2021; in 2017 no household was monitored anywhere.
    assert overview.worst_regions(db, PUBLIC, COUNTRY, 2017, SETTINGS)[
        "monitored_per_10k"
    ].empty


def test_worst_regions_rank_worst_first(db):
    worst = overview.worst_regions(db, PUBLIC, COUNTRY, 2016, SETTINGS)
    incidence = worst["poverty_incidence_pct"]["value"].tolist()
    assert incidence == sorted(incidence, reverse=True)
    rate = worst["disbursement_rate_pct"]["value"].tolist()
    assert rate == sorted(rate)


@pytest.mark.parametrize("year", [2013, 2026, -1])
def test_a_year_outside_the_data_is_refused(db, year):
    with pytest.raises(InvalidYearError, match=str(year)):
        overview.county_indicator(db, PUBLIC, COUNTRY, "exit_year", year, SETTINGS)


def test_an_unknown_indicator_names_the_known_ones(db):
    with pytest.raises(ValueError, match="poverty_incidence_pct"):
        overview.county_indicator(db, PUBLIC, COUNTRY, "happiness", 2018, SETTINGS)


def test_map_shapes_cover_the_extent(db, regions_by_code):
    national = regions.county_shapes(db, COUNTRY)
    hebei = regions.county_shapes(db, regions_by_code("130000"))
    assert len(national) > 2800
    assert 150 <= len(hebei) <= 200
    assert hebei["code"].str.startswith("13").all()


def test_outlines_hold_provinces_and_the_ten_dash_line(db):
    outlines = regions.outline_shapes(db)
    assert set(outlines["level"]) == {"province", "ten_dash_line"}


def test_catalog_reports_the_dataset(db):
    info = catalog.dataset_info(db)
    assert info["as_of"] == AS_OF
    counts = catalog.table_row_counts(db, Scope("admin"), SETTINGS)
    assert (counts["rows"] > 0).all()
    reference = catalog.reference_series(db)
    assert {"stated", "derived", "synthetic"} <= set(reference["status"])


def test_a_county_official_may_navigate_through_their_province(db):
    official = Scope("official", ZHANGBEI)
    hebei = regions.resolve_region(db, official, "130000")
    # ... but every number for "Hebei" is the county's own.
    series = overview.headline_series(db, official, hebei, SETTINGS)
    own = overview.headline_series(
        db, official, regions.resolve_region(db, official, ZHANGBEI), SETTINGS
    )
    assert series.equals(own)


@pytest.mark.parametrize(
    ("scope", "level", "expected"),
    [
        (PUBLIC, "province", 34),
        (Scope("official", ZHANGBEI), "county", 1),
        (Scope("official", ZHANGBEI), "province", 1),
        (Scope("official", "130000"), "county", None),
    ],
)
def test_region_names_stay_inside_the_scope(db, scope, level, expected):
    names = regions.region_names(db, scope, level)
    if expected is not None:
        assert len(names) == expected
    if scope.region_code != "100000":
        assert names["code"].str.startswith("13").all()
