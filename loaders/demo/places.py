"""Townships and villages: how many per county, where, which were poor, what they lack.

Numbers are generated per county from the county's own random stream, so a county's
villages do not change when another county is added or removed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from loaders.demo.names import TOWNSHIP_SUFFIXES, place_names
from loaders.demo.scales import Scale

NATIONAL_VILLAGES = 490_000
NATIONAL_POVERTY_VILLAGES = 128_000
VILLAGES_PER_TOWNSHIP = 13

# Share of a province's villages that lie in mountains (plateau for Tibet and Qinghai).
MOUNTAIN_SHARE = {
    "52": 0.85,
    "54": 0.2,
    "63": 0.3,
    "50": 0.7,
    "53": 0.8,
    "51": 0.55,
    "62": 0.55,
    "61": 0.5,
    "45": 0.55,
    "43": 0.45,
    "42": 0.4,
    "36": 0.45,
    "35": 0.55,
    "33": 0.35,
    "14": 0.5,
    "64": 0.4,
    "65": 0.2,
    "46": 0.3,
    "44": 0.3,
    "13": 0.25,
    "15": 0.15,
    "21": 0.2,
    "22": 0.2,
    "23": 0.15,
    "34": 0.2,
    "41": 0.15,
    "37": 0.1,
    "11": 0.3,
}
PLATEAU_PROVINCES = {"54", "63"}


def county_village_counts(counties: pd.DataFrame, seed: int) -> np.ndarray:
    """Villages per county at national scale, summing to about 490 k."""
    rng = np.random.default_rng([seed, 4900])
    name = counties["name_zh"]
    base = np.where(name.str.endswith("区"), 45.0, 190.0)
    base = np.where(name.str.endswith("市"), 160.0, base)
    base = np.where(counties["poverty_county"], base * 1.25, base)
    raw = base * rng.lognormal(0.0, 0.45, len(counties))
    raw[~counties["has_villages"].to_numpy()] = 0
    return np.maximum(np.rint(raw * NATIONAL_VILLAGES / raw.sum()), 0).astype(int)


def random_points_in(
    geometry: shapely.Geometry, count: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Uniform points inside a polygon by rejection from its bounding box."""
    west, south, east, north = geometry.bounds
    xs, ys = np.empty(0), np.empty(0)
    shapely.prepare(geometry)
    for _ in range(50):
        if len(xs) >= count:
            break
        x = rng.uniform(west, east, count * 3 + 8)
        y = rng.uniform(south, north, count * 3 + 8)
        inside = shapely.contains_xy(geometry, x, y)
        xs, ys = np.concatenate([xs, x[inside]]), np.concatenate([ys, y[inside]])
    if len(xs) < count:  # a sliver of a county: fall back to its label point
        point = geometry.representative_point()
        xs = np.concatenate([xs, np.full(count, point.x)])
        ys = np.concatenate([ys, np.full(count, point.y)])
    return xs[:count], ys[:count]


def build_places(
    counties: pd.DataFrame,
    geometries: dict[str, shapely.Geometry],
    scale: Scale,
    seed: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Townships and villages for every county the scale covers."""
    national = county_village_counts(counties, seed)
    poverty_rate = _poverty_rate(counties, national)
    townships, villages = [], []
    for row, n_national in zip(counties.itertuples(index=False), national, strict=True):
        if n_national == 0 or not scale.covers(row.code):
            continue
        rng = np.random.default_rng([seed, int(row.code)])
        n_villages = scale.villages_for(row.code, n_national, rng)
        n_townships = max(1, round(n_national / VILLAGES_PER_TOWNSHIP))
        geometry = geometries[row.code]
        town = _townships(row, n_townships, geometry, rng)
        townships.append(town)
        if n_villages:
            villages.append(_villages(row, n_villages, town, geometry, rng))
    rng = np.random.default_rng([seed, 128])
    return _frame(townships), village_attributes(_frame(villages), poverty_rate, rng)


def _frame(parts: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    # Columns are gathered per county as arrays and framed once: building a DataFrame
    # per county cost more than generating the data.
    return pd.DataFrame(
        {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}
    )


# Relative odds of having been a poverty village, by terrain and by county.
TERRAIN_ODDS = {"mountain": 1.35, "plateau": 1.35, "hill": 1.0, "plain": 0.6}
NON_POVERTY_COUNTY_ODDS = 0.22
HILL_SHARE = 0.3


def _poverty_rate(counties: pd.DataFrame, national: np.ndarray) -> float:
    # Calibrated on the national village counts, which every scale computes, so a
    # thinned scale keeps the national share of poverty villages.
    mountain = counties["province_code"].str[:2].map(MOUNTAIN_SHARE).fillna(0.25)
    flat = HILL_SHARE * TERRAIN_ODDS["hill"] + (1 - HILL_SHARE) * TERRAIN_ODDS["plain"]
    expected_odds = mountain * TERRAIN_ODDS["mountain"] + (1 - mountain) * flat
    county_odds = np.where(counties["poverty_county"], 1.0, NON_POVERTY_COUNTY_ODDS)
    return NATIONAL_POVERTY_VILLAGES / float(
        (national * county_odds * expected_odds).sum()
    )


def village_attributes(
    villages: pd.DataFrame, poverty_rate: float, rng: np.random.Generator
) -> pd.DataFrame:
    """Terrain, poverty status and exit, size and infrastructure of each village."""
    n = len(villages)
    out = villages.copy()
    u = rng.random(n)
    mountain = out["mountain_share"].to_numpy()
    out["terrain"] = np.where(
        u < mountain,
        np.where(out["plateau"], "plateau", "mountain"),
        np.where(u < mountain + (1 - mountain) * HILL_SHARE, "hill", "plain"),
    )
    odds = out["terrain"].map(TERRAIN_ODDS).to_numpy()
    odds = odds * np.where(out["poverty_county"], 1.0, NON_POVERTY_COUNTY_ODDS)
    out["poverty_village"] = rng.random(n) < np.minimum(odds * poverty_rate, 0.95)
    out["exit_year"] = _village_exit_years(out, rng)
    out["remoteness_km"] = _haversine_km(
        out["lon"], out["lat"], out["county_lon"], out["county_lat"]
    ) + rng.uniform(0, 5, n)
    rugged = (
        out["terrain"]
        .map({"mountain": 2.5, "plateau": 2.5, "hill": 1.3, "plain": 0.6})
        .to_numpy()
    )
    hardship = rugged * (1 + out["remoteness_km"].to_numpy() / 40)
    hardship *= np.where(out["poverty_village"], 1.2, 1.0)
    out["households"] = np.maximum(
        20, rng.lognormal(np.log(330), 0.5, n) / np.sqrt(rugged)
    ).astype(int)
    out["population"] = (out["households"] * rng.uniform(3.0, 3.6, n)).astype(int)
    for flag, base in LACK_BASE_RATE.items():
        out[flag] = rng.random(n) >= np.minimum(base * hardship, 0.9)
    out["safe_housing_pct"] = np.clip(100 - rng.exponential(1.5 * hardship), 70, 100)
    return out.round({"safe_housing_pct": 1, "remoteness_km": 1})


# Share of villages still lacking each service in 2025, before terrain and remoteness:
# small residual gaps after the 2020 census shares (policy_facts.md, bulletin No. 4).
LACK_BASE_RATE = {
    "paved_road": 0.004,
    "bus_service": 0.06,
    "safe_water": 0.16,
    "grid_power": 0.004,
    "broadband": 0.006,
    "primary_school": 0.35,
}


def _village_exit_years(out: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    # A poverty county exits only once its poverty villages are out, so a village exits
    # in the county's exit year or up to three years before; villages in other counties
    # exited between 2016 and 2019.
    n = len(out)
    county_exit = out["county_exit_year"].to_numpy()
    latest = np.where(county_exit > 0, county_exit, 2019)
    years = latest - rng.choice([0, 0, 1, 1, 2, 3], size=n)
    years = np.maximum(years, 2015)
    return np.where(out["poverty_village"], years, 0)


def _haversine_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    lon1, lat1, lon2, lat2 = (
        np.radians(np.asarray(v, dtype=float)) for v in (lon1, lat1, lon2, lat2)
    )
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * np.arcsin(np.sqrt(a))


def _townships(row, count: int, geometry, rng: np.random.Generator) -> dict:
    lon, lat = random_points_in(geometry, count, rng)
    kind = rng.integers(len(TOWNSHIP_SUFFIXES), size=count)
    zh, en = np.empty(count, dtype=object), np.empty(count, dtype=object)
    for k, (suffix_zh, suffix_en) in enumerate(TOWNSHIP_SUFFIXES):
        names = place_names(rng, count, suffix_zh, suffix_en)
        zh[kind == k], en[kind == k] = names[0][kind == k], names[1][kind == k]
    return {
        "code": np.array(
            [f"{row.code}{i + 1:03d}" for i in range(count)], dtype=object
        ),
        "county_code": np.full(count, row.code, dtype=object),
        "name_zh": zh,
        "name_en": en,
        "lon": lon,
        "lat": lat,
    }


def _villages(row, count: int, town: dict, geometry, rng) -> dict:
    lon, lat = random_points_in(geometry, count, rng)
    # Each village belongs to the nearest township seat.
    d2 = (lon[:, None] - town["lon"]) ** 2 + (lat[:, None] - town["lat"]) ** 2
    township = town["code"][d2.argmin(axis=1)]
    order = np.lexsort((lon, township))
    township, lon, lat = township[order], lon[order], lat[order]
    seq = pd.Series(township).groupby(township).cumcount().to_numpy() + 1
    zh, en = place_names(rng, count, "村", "Village")

    def same(value, dtype=object):
        return np.full(count, value, dtype=dtype)

    exit_year = row.exit_year if row.poverty_county else 0
    return {
        "code": np.array(
            [f"{t}{s:03d}" for t, s in zip(township, seq, strict=True)], dtype=object
        ),
        "county_code": same(row.code),
        "township_code": township,
        "province_code": same(row.province_code),
        "city_code": same(row.city_code),
        "name_zh": zh,
        "name_en": en,
        "lon": lon,
        "lat": lat,
        "county_lon": same(row.lon, float),
        "county_lat": same(row.lat, float),
        "poverty_county": same(bool(row.poverty_county), bool),
        "county_exit_year": same(int(exit_year), int),
        "mountain_share": same(MOUNTAIN_SHARE.get(row.province_code[:2], 0.25), float),
        "plateau": same(row.province_code[:2] in PLATEAU_PROVINCES, bool),
    }
