"""Tests for loaders.boundaries: units, codes, names, shapes and the parquet cache."""

from __future__ import annotations

import json
import logging
import time

import numpy as np
import pandas as pd
import pytest
import shapely

from loaders import boundaries
from loaders._names import name_en
from loaders.boundaries import Boundaries, load_boundaries

# Yongxing Island (Paracels) and Yongshu Reef (Spratlys), in Amap's coordinates.
SCS_POINTS = [(112.335, 16.834), (112.89, 9.55)]
GEOJSON_COLUMNS = ["geojson", "geojson_coarse"]


@pytest.fixture(scope="session")
def loaded() -> Boundaries:
    """Load once per session, from the default cache (built on the first run)."""
    return load_boundaries()


@pytest.fixture(scope="session")
def regions(loaded: Boundaries) -> pd.DataFrame:
    return loaded.regions


@pytest.fixture(scope="session")
def shapes(loaded: Boundaries) -> pd.DataFrame:
    return loaded.shapes


def geometries(shapes: pd.DataFrame, level: str, column: str) -> np.ndarray:
    """Parse one level's GeoJSON column into shapely geometries."""
    return shapely.from_geojson(shapes.loc[shapes["level"] == level, column].to_numpy())


# --- regions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "low", "high"),
    [("province", 34, 34), ("city", 360, 380), ("county", 2850, 3000)],
)
def test_level_counts(regions: pd.DataFrame, level: str, low: int, high: int) -> None:
    assert low <= (regions["level"] == level).sum() <= high


def test_columns_and_dtypes(regions: pd.DataFrame, shapes: pd.DataFrame) -> None:
    assert regions.dtypes.astype(str).to_dict() == {
        "code": "str",
        "level": "str",
        "name_zh": "str",
        "name_en": "str",
        "parent_code": "str",
        "lon": "float64",
        "lat": "float64",
        "area_km2": "float64",
    }
    assert list(shapes.columns) == ["code", "level", "geojson", "geojson_coarse", "wkb"]
    assert isinstance(shapes["wkb"].iloc[0], bytes)


def test_codes_are_unique_six_digit_strings(regions: pd.DataFrame) -> None:
    assert regions["code"].is_unique
    assert regions["code"].str.fullmatch(r"\d{6}").all()


def test_special_administrative_regions_are_provinces(regions: pd.DataFrame) -> None:
    provinces = set(regions.loc[regions["level"] == "province", "code"])
    assert {"710000", "810000", "820000"} <= provinces


@pytest.mark.parametrize(
    ("level", "parent_level"), [("city", "province"), ("county", "city")]
)
def test_parents_exist_one_level_up(
    regions: pd.DataFrame, level: str, parent_level: str
) -> None:
    levels = regions.set_index("code")["level"]
    parents = regions.loc[regions["level"] == level, "parent_code"]
    assert (parents.map(levels) == parent_level).all()


def test_provinces_have_no_parent(regions: pd.DataFrame) -> None:
    assert regions.loc[regions["level"] == "province", "parent_code"].isna().all()


@pytest.mark.parametrize(
    ("code", "level", "name_zh", "parent_code"),
    [
        ("130722", "county", "张北县", "130700"),
        ("540102", "county", "城关区", "540100"),
        ("460300", "city", "三沙市", "460000"),
        ("460301", "county", "西沙区", "460300"),
        ("110100", "city", "北京市", "110000"),
        # directly administered county under a synthetic city of its own
        ("419001", "county", "济源市", "419901"),
        ("419901", "city", "济源市", "410000"),
        # city without counties, repeated at county level
        ("441900", "city", "东莞市", "440000"),
        ("441999", "county", "东莞市", "441900"),
        # Chongqing's city level, which cnmaps files under the province code
        ("509900", "city", "重庆市", "500000"),
        ("500101", "county", "万州区", "509900"),
        ("719999", "county", "台湾省", "719900"),
        ("810001", "county", "中西区", "819900"),
    ],
)
def test_known_units(
    regions: pd.DataFrame, code: str, level: str, name_zh: str, parent_code: str
) -> None:
    row = regions.set_index("code").loc[code]
    assert (row["level"], row["name_zh"], row["parent_code"]) == (
        level,
        name_zh,
        parent_code,
    )


def test_repeated_county_names_keep_distinct_codes(regions: pd.DataFrame) -> None:
    counties = regions[regions["level"] == "county"]
    assert counties["name_zh"].duplicated().sum() >= 30
    assert counties["code"].is_unique


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("610000", "Shaanxi"),
        ("140000", "Shanxi"),
        ("150000", "Inner Mongolia"),
        ("540000", "Tibet"),
        ("820000", "Macao"),
        ("509900", "Chongqing"),  # a city named like its province takes its name
        ("130722", "Zhangbei County"),
        ("460300", "Sansha City"),
    ],
)
def test_region_name_en(regions: pd.DataFrame, code: str, expected: str) -> None:
    assert regions.set_index("code").loc[code, "name_en"] == expected


@pytest.mark.parametrize(
    ("name_zh", "expected"),
    [
        ("张北县", "Zhangbei County"),
        ("城关区", "Chengguan District"),
        ("围场满族蒙古族自治县", "Weichang Autonomous County"),
        ("积石山保安族东乡族撒拉族自治县", "Jishishan Autonomous County"),
        ("东乡族自治县", "Dongxiang Autonomous County"),
        ("伊犁哈萨克自治州", "Yili Autonomous Prefecture"),
        ("鄂温克族自治旗", "Ewenke Autonomous Banner"),
        ("锡林郭勒盟", "Xilinguole League"),
        ("阿里地区", "Ali Prefecture"),
        ("神农架林区", "Shennongjia Forestry District"),
        ("碑林区", "Beilin District"),
        ("六枝特区", "Liuzhi Special District"),
        ("西安区", "Xi'an District"),
        ("长治市", "Changzhi City"),
        ("吕梁市", "Lüliang City"),
    ],
)
def test_name_en(name_zh: str, expected: str) -> None:
    assert name_en(name_zh) == expected


def test_english_names_are_plain_words(regions: pd.DataFrame) -> None:
    pattern = r"[A-Z][a-zü']+( [A-Z][a-z]+)*( \(directly administered\))?"
    assert regions["name_en"].str.fullmatch(pattern).all()


def test_label_points_lie_inside_their_shapes(
    regions: pd.DataFrame, shapes: pd.DataFrame
) -> None:
    wkb = shapes.set_index("code").loc[regions["code"], "wkb"]
    polygons = shapely.from_wkb(wkb.to_numpy())
    points = shapely.points(regions["lon"], regions["lat"])
    assert shapely.covers(polygons, points).all()


@pytest.mark.parametrize(
    ("code", "low", "high"),
    [("110000", 16_000, 16_900), ("500000", 80_000, 84_000), ("130722", 3_800, 4_600)],
)
def test_area_of_known_regions(
    regions: pd.DataFrame, code: str, low: float, high: float
) -> None:
    assert low <= regions.set_index("code").loc[code, "area_km2"] <= high


def test_provinces_add_up_to_china(regions: pd.DataFrame) -> None:
    total_km2 = regions.loc[regions["level"] == "province", "area_km2"].sum()
    assert 9.3e6 < total_km2 < 9.8e6


def test_sinusoidal_fallback_agrees_with_geodesic(shapes: pd.DataFrame) -> None:
    provinces = shapely.from_wkb(shapes.loc[shapes["level"] == "province", "wkb"])
    geodesic = boundaries._area_km2(provinces)
    sinusoidal = boundaries._sinusoidal_area_km2(provinces)
    np.testing.assert_allclose(sinusoidal, geodesic, rtol=0.01)


# --- shapes ------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["province", "city", "county"])
def test_every_region_has_exactly_one_shape(
    regions: pd.DataFrame, shapes: pd.DataFrame, level: str
) -> None:
    region_codes = regions.loc[regions["level"] == level, "code"]
    shape_codes = shapes.loc[shapes["level"] == level, "code"]
    assert shape_codes.is_unique
    assert set(shape_codes) == set(region_codes)


def test_national_extras(shapes: pd.DataFrame) -> None:
    extras = shapes[shapes["level"].isin(["country", "ten_dash_line"])]
    assert extras["code"].tolist() == ["100000", "100000-ten-dash"]
    ten_dash = shapely.from_geojson(extras["geojson"].iloc[1])
    assert ten_dash.geom_type == "MultiLineString"


@pytest.mark.parametrize("column", GEOJSON_COLUMNS)
def test_geojson_is_a_rounded_polygonal_geometry(
    shapes: pd.DataFrame, column: str
) -> None:
    polygons = shapes[~shapes["level"].isin(["ten_dash_line"])]
    types = {json.loads(text)["type"] for text in polygons[column]}
    assert types <= {"Polygon", "MultiPolygon"}
    assert not polygons[column].str.contains(r"\.\d{4}").any()


@pytest.mark.parametrize("column", GEOJSON_COLUMNS)
def test_exterior_rings_are_counter_clockwise(
    shapes: pd.DataFrame, column: str
) -> None:
    parts = shapely.get_parts(geometries(shapes, "county", column))
    assert shapely.is_ccw(shapely.get_exterior_ring(parts)).all()


@pytest.mark.parametrize("column", GEOJSON_COLUMNS)
def test_counties_cover_the_country_without_overlaps(
    shapes: pd.DataFrame, column: str
) -> None:
    counties = geometries(shapes, "county", column)
    country = geometries(shapes, "country", column)[0]
    union = shapely.coverage_union_all(counties)

    covered = shapely.area(shapely.intersection(union, country)) / country.area
    assert covered >= 0.99
    assert shapely.area(counties).sum() == pytest.approx(union.area, rel=1e-6)


@pytest.mark.parametrize("column", GEOJSON_COLUMNS)
@pytest.mark.parametrize("level", ["province", "city", "county", "country"])
@pytest.mark.parametrize(("lon", "lat"), SCS_POINTS)
def test_south_china_sea_islands_are_drawn(
    shapes: pd.DataFrame, column: str, level: str, lon: float, lat: float
) -> None:
    polygons = geometries(shapes, level, column)
    assert shapely.covers(polygons, shapely.Point(lon, lat)).any()


def test_coarse_keeps_every_south_china_sea_island(shapes: pd.DataFrame) -> None:
    sansha = shapes[shapes["code"].isin(["460301", "460302"])]
    fine = shapely.get_num_geometries(shapely.from_geojson(sansha["geojson"]))
    coarse = shapely.get_num_geometries(shapely.from_geojson(sansha["geojson_coarse"]))
    np.testing.assert_array_equal(coarse, fine)


def test_county_layer_sizes(shapes: pd.DataFrame) -> None:
    counties = shapes[shapes["level"] == "county"]
    coarse_bytes = counties["geojson_coarse"].str.len().sum()
    fine_bytes = counties["geojson"].str.len().sum()
    assert 2e6 <= coarse_bytes <= 3e6
    assert 2 <= fine_bytes / coarse_bytes <= 4


# --- cache -------------------------------------------------------------------------


def test_cache_round_trip(loaded: Boundaries, tmp_path) -> None:
    paths = boundaries._cache_paths(tmp_path, loaded.source_version)
    boundaries._write_cache(loaded, paths)
    again = boundaries._read_cache(paths, loaded.source_version)

    assert again is not None
    pd.testing.assert_frame_equal(again.regions, loaded.regions)
    pd.testing.assert_frame_equal(again.shapes, loaded.shapes)
    assert again.source_version == loaded.source_version


def test_cache_file_names_carry_both_versions(loaded: Boundaries, tmp_path) -> None:
    for path in boundaries._cache_paths(tmp_path, loaded.source_version):
        assert f"v{boundaries.BOUNDARY_VERSION}" in path.name
        assert loaded.source_version in path.name


def test_unreadable_cache_means_rebuild(tmp_path, caplog) -> None:
    paths = boundaries._cache_paths(tmp_path, "0.0")
    for path in paths:
        path.write_bytes(b"not parquet")

    with caplog.at_level(logging.WARNING, logger="loaders.boundaries"):
        assert boundaries._read_cache(paths, "0.0") is None
    assert "unreadable" in caplog.text


def test_cached_load_is_fast(loaded: Boundaries) -> None:
    start = time.perf_counter()
    load_boundaries()
    assert time.perf_counter() - start < 1.0
