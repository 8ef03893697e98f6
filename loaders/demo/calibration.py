"""Which counties are poverty counties, when they exited, and in which contiguous area.

The 380 counties of the public record keep their facts; the rest of the 832 are drawn
synthetically inside each province, so that every province reaches its known total and
the exit cohorts are exactly 28 / 125 / 283 / 344 / 52.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"

# Poverty counties per province (adcode prefix). Yunnan, Guizhou, Tibet, Gansu,
# Xinjiang, Hebei and Ningxia are official; Shaanxi, Qinghai, Inner Mongolia,
# Heilongjiang, Chongqing, Jilin and Hainan are less certain (data/reference/README.md);
# the rest are the widely reported 2014 list totals. Together they make 832.
PROVINCE_QUOTAS = {
    "13": 45,
    "14": 36,
    "15": 31,
    "22": 8,
    "23": 20,
    "34": 20,
    "36": 24,
    "41": 38,
    "42": 28,
    "43": 40,
    "45": 33,
    "46": 5,
    "50": 14,
    "51": 66,
    "52": 66,
    "53": 88,
    "54": 74,
    "61": 56,
    "62": 58,
    "63": 42,
    "64": 8,
    "65": 32,
}
EXIT_COHORTS = {2016: 28, 2017: 125, 2018: 283, 2019: 344, 2020: 52}
PUBLIC_RECORD = "public record"
SYNTHETIC = "synthetic"

# Contiguous destitute areas a synthetic county of each province may belong to.
PROVINCE_AREAS = {
    "13": ["燕山-太行山区"],
    "14": ["吕梁山区", "燕山-太行山区"],
    "15": ["大兴安岭南麓山区", "燕山-太行山区"],
    "22": ["大兴安岭南麓山区"],
    "23": ["大兴安岭南麓山区"],
    "34": ["大别山区"],
    "36": ["罗霄山区"],
    "41": ["大别山区", "秦巴山区"],
    "42": ["秦巴山区", "武陵山区", "大别山区"],
    "43": ["武陵山区", "罗霄山区"],
    "45": ["滇桂黔石漠化区"],
    "46": [],
    "50": ["秦巴山区", "武陵山区"],
    "51": ["秦巴山区", "乌蒙山区", "四省藏区"],
    "52": ["乌蒙山区", "武陵山区", "滇桂黔石漠化区"],
    "53": ["乌蒙山区", "滇桂黔石漠化区", "滇西边境山区", "四省藏区"],
    "54": ["西藏区"],
    "61": ["秦巴山区", "六盘山区", "吕梁山区"],
    "62": ["六盘山区", "秦巴山区", "四省藏区"],
    "63": ["六盘山区", "四省藏区"],
    "64": ["六盘山区"],
    "65": ["新疆南疆三地州"],
}

# How likely an administrative type is to be rural and poor (urban districts rarely
# were).
_SUFFIX_WEIGHT = (
    ("自治县", 1.6),
    ("自治旗", 1.4),
    ("县", 1.0),
    ("旗", 1.0),
    ("市", 0.3),
    ("区", 0.05),
)


# The reference list uses 2023 codes; the boundaries (Amap, 2021) still carry the old
# codes of the two Tibetan counties that became county-level cities in between.
CODE_ALIASES = {"540481": "540422", "540581": "540530"}  # 米林, 错那


def read_known_counties() -> pd.DataFrame:
    """The 380 poverty counties of the public record, under the boundaries' codes."""
    frame = pd.read_csv(
        REFERENCE_DIR / "poverty_counties_known.csv", dtype={"adcode": str}
    )
    frame["adcode"] = frame["adcode"].replace(CODE_ALIASES)
    frame["exit_year"] = pd.to_numeric(frame["exit_year"], errors="coerce").astype(
        "Int64"
    )
    return frame.rename(columns={"adcode": "code", "source": "source_key"})


def rurality_weight(names: pd.Series) -> np.ndarray:
    """A weight per county name: rural county types first, urban districts last."""
    weights = np.full(len(names), 0.2)
    for suffix, weight in reversed(_SUFFIX_WEIGHT):
        weights[names.str.endswith(suffix).to_numpy()] = weight
    return weights


def remoteness(counties: pd.DataFrame) -> np.ndarray:
    """Distance from each county to its province's mean position, 0..1 per province."""
    centre = counties.groupby("province_code")[["lon", "lat"]].transform("mean")
    distance = np.hypot(
        counties["lon"] - centre["lon"], counties["lat"] - centre["lat"]
    )
    top = distance.groupby(counties["province_code"]).transform("max").replace(0, 1)
    return (distance / top).to_numpy()


def choose_poverty_counties(counties: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Mark the 832 poverty counties with their exit year, area and source."""
    rng = np.random.default_rng([seed, 832])
    known = read_known_counties().set_index("code")
    missing = known.index.difference(counties["code"])
    if len(missing):
        log.warning(
            "%d known poverty counties have no boundary: %s",
            len(missing),
            ", ".join(missing),
        )
    known = known.drop(index=missing)

    out = counties.copy()
    out["poverty_county"] = out["code"].isin(known.index)
    out["exit_year"] = out["code"].map(known["exit_year"]).astype("Int64")
    out["contiguous_area"] = out["code"].map(known["contiguous_area"])
    out["last_batch"] = out["code"].map(known["last_batch"]).fillna(0).astype(bool)
    out["source_key"] = out["code"].map(known["source_key"])
    out["source"] = np.where(out["poverty_county"], PUBLIC_RECORD, SYNTHETIC)

    weight = rurality_weight(out["name_zh"]) * (0.5 + remoteness(out))
    for province, quota in PROVINCE_QUOTAS.items():
        in_province = (out["province_code"] == province + "0000").to_numpy()
        needed = quota - int(out.loc[in_province, "poverty_county"].sum())
        candidates = np.flatnonzero(in_province & ~out["poverty_county"].to_numpy())
        if needed <= 0:
            continue
        if needed > len(candidates):
            raise ValueError(
                f"province {province}: {needed} counties needed, "
                f"{len(candidates)} available"
            )
        p = weight[candidates] / weight[candidates].sum()
        picked = rng.choice(candidates, size=needed, replace=False, p=p)
        out.iloc[picked, out.columns.get_loc("poverty_county")] = True

    _assign_missing_exit_years(out, weight, rng)
    _assign_missing_areas(out, rng)
    return out


def _assign_missing_exit_years(
    out: pd.DataFrame, weight: np.ndarray, rng: np.random.Generator
) -> None:
    # The 2016, 2017 and 2020 cohorts are complete in the public record, so the counties
    # still without a year are split between 2018 and 2019; the more rural and remote a
    # county, the likelier it exited later.
    poor = out["poverty_county"].to_numpy()
    unknown = np.flatnonzero(poor & out["exit_year"].isna().to_numpy())
    taken = out.loc[poor, "exit_year"].value_counts()
    open_slots = {year: n - int(taken.get(year, 0)) for year, n in EXIT_COHORTS.items()}
    if sum(open_slots.values()) != len(unknown) or min(open_slots.values()) < 0:
        raise ValueError(
            f"cannot meet the exit cohorts: {open_slots}, {len(unknown)} open"
        )

    order = unknown[np.argsort(weight[unknown] * rng.uniform(0.5, 1.5, len(unknown)))]
    years = np.concatenate([np.full(n, year) for year, n in sorted(open_slots.items())])
    out.iloc[order, out.columns.get_loc("exit_year")] = years


def _assign_missing_areas(out: pd.DataFrame, rng: np.random.Generator) -> None:
    # Most poverty counties lay in one of the 14 areas (680 of 832 counties were
    # contiguous-area counties), so a synthetic one joins its province's area 80 % of
    # the time; the known 'none' rows stay outside any area.
    for index in np.flatnonzero(
        out["poverty_county"].to_numpy() & out["contiguous_area"].isna().to_numpy()
    ):
        areas = PROVINCE_AREAS.get(out["province_code"].iat[index][:2], [])
        inside = areas and rng.random() < 0.8
        out.iat[index, out.columns.get_loc("contiguous_area")] = (
            areas[rng.integers(len(areas))] if inside else "none"
        )
