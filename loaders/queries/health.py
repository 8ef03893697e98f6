"""Queries behind the Health coverage page (健康扶贫): compliance with the targets,
distance to care, illness and its costs, and where to add capacity.

The targets come from the settings (``health_*_min``): a village complies with at
least that many clinics and qualified doctors, a township with that many township
hospitals meeting the building standard, a poverty county with that many county
public hospitals meeting it. Only counties with villages in the dataset are judged.
Distances come from ``village_health`` (computed once per dataset, loaders.access).
Every query keeps the region inside the viewer's scope (``county_filter``); counts
of households and people are suppressed for the public role.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders.db import Database
from loaders.errors import JingzhunError
from loaders.privacy import (
    suppress_counts,
    suppress_rates,
    suppress_series,
    suppression_threshold,
)
from loaders.queries.regions import Region, county_filter
from loaders.scope import Scope
from loaders.settings import Settings
from loaders.siting import greedy_coverage
from loaders.summaries import MEDICAL_COST_BAND_CAP

# Rows of a breakdown by region: provinces of the country, cities of a province (a
# county directly under its province stands for itself), counties of a city,
# townships of a county.
REGION_GROUP = {
    "country": "v.province_code",
    "province": "coalesce(v.city_code, v.county_code)",
    "city": "v.county_code",
    "county": "v.township_code",
}
FACILITY_KINDS = ("village_clinic", "township_hospital", "county_hospital")
DISTANCE_COLUMN = {
    "village_clinic": "nearest_clinic_km",
    "township_hospital": "nearest_township_hospital_km",
    "county_hospital": "nearest_county_hospital_km",
}
GAP_LEVELS = ("village", "township", "county")
MAP_MEASURES = (
    "health_village_compliant_pct",
    "health_township_compliant_pct",
    "health_near_clinic_pct",
    "health_illness_share_pct",
)

# The villages of the view (alias v) with the counties they belong to (alias c).
VILLAGES = """
SELECT v.*, c.province_code, c.city_code
FROM village_health v JOIN counties c ON c.code = v.county_code
WHERE {where}
"""

TOWNSHIPS = """
SELECT t.code, t.county_code, t.name_zh, t.name_en,
    count(f.facility_id)::BIGINT AS hospitals_count,
    count(f.facility_id) FILTER (WHERE f.standardised)::BIGINT AS standard_count
FROM regions t JOIN counties c ON c.code = t.county_code
LEFT JOIN facilities f ON f.kind = 'township_hospital' AND f.region_code = t.code
WHERE t.level = 'township' AND {where}
GROUP BY ALL
"""

POOR_COUNTIES = """
SELECT c.code, count(f.facility_id)::BIGINT AS hospitals_count,
    count(f.facility_id) FILTER (WHERE f.standardised)::BIGINT AS standard_count
FROM counties c
LEFT JOIN facilities f ON f.kind = 'county_hospital' AND f.region_code = c.code
WHERE c.poverty_county AND c.code IN (SELECT county_code FROM village_health)
  AND {where}
GROUP BY ALL
"""

COMPLIANCE_SQL = f"""
WITH v AS ({VILLAGES}), t AS ({TOWNSHIPS}), k AS ({POOR_COUNTIES})
SELECT
    (SELECT count(*) FROM v)::BIGINT AS villages_count,
    (SELECT coalesce(sum(population), 0) FROM v)::BIGINT AS population_count,
    (SELECT count(*) FILTER (WHERE clinics_count >= ?) FROM v)::BIGINT
        AS villages_with_clinic_count,
    (SELECT count(*) FILTER (WHERE qualified_doctors_count >= ?) FROM v)::BIGINT
        AS villages_with_doctor_count,
    (SELECT count(*) FILTER (WHERE clinics_count >= ? AND qualified_doctors_count >= ?)
     FROM v)::BIGINT AS villages_compliant_count,
    (SELECT count(*) FILTER (WHERE clinics_count > 0 AND qualified_doctors_count = 0)
     FROM v)::BIGINT AS clinics_without_doctor_count,
    (SELECT count(*) FROM t)::BIGINT AS townships_count,
    (SELECT count(*) FILTER (WHERE standard_count >= ?) FROM t)::BIGINT
        AS townships_compliant_count,
    (SELECT count(*) FROM k)::BIGINT AS poor_counties_count,
    (SELECT count(*) FILTER (WHERE standard_count >= ?) FROM k)::BIGINT
        AS poor_counties_compliant_count
"""  # noqa: S608 -- formatted from this module's constants, never user input


def _targets(settings: Settings) -> list[int]:
    return [
        settings.health_village_clinics_min,
        settings.health_village_doctors_min,
        settings.health_village_clinics_min,
        settings.health_village_doctors_min,
        settings.health_township_hospitals_min,
        settings.health_county_hospitals_min,
    ]


def _pct(part, whole) -> float:
    return float(100.0 * part / whole) if whole else np.nan


def _threshold(scope: Scope | None, settings: Settings) -> int | None:
    return suppression_threshold(scope, settings.small_cell_threshold)


def compliance_summary(
    db: Database, scope: Scope | None, region: Region, settings: Settings
) -> pd.Series:
    """Villages, townships and poverty counties of the region against the targets:
    how many there are, how many comply, and the shares."""
    where, params = county_filter(db, scope, region)
    sql = COMPLIANCE_SQL.format(where=where)
    row = db.query(
        sql, [*params, *params, *params, *_targets(settings)], name="health_compliance"
    ).iloc[0]
    out = row.to_dict()
    for key, whole in (
        ("villages_compliant", "villages_count"),
        ("villages_with_clinic", "villages_count"),
        ("villages_with_doctor", "villages_count"),
        ("townships_compliant", "townships_count"),
        ("poor_counties_compliant", "poor_counties_count"),
    ):
        out[f"{key}_pct"] = _pct(out[f"{key}_count"], out[whole])
    return suppress_series(
        pd.Series(out), ["population_count"], _threshold(scope, settings)
    )


COUNTY_VALUES_SQL = f"""
WITH v AS ({VILLAGES}), t AS ({TOWNSHIPS}), k AS ({POOR_COUNTIES}),
by_village AS (
    SELECT county_code AS code, count(*) AS villages,
        count(*) FILTER (WHERE clinics_count >= ? AND qualified_doctors_count >= ?)
            AS villages_compliant,
        sum(population) AS population,
        coalesce(sum(population) FILTER (WHERE nearest_clinic_km <= ?), 0)
            AS population_near,
        sum(registered_households) AS registered,
        sum(illness_households) AS illness
    FROM v GROUP BY ALL
),
by_township AS (
    SELECT county_code AS code, count(*) AS townships,
        count(*) FILTER (WHERE standard_count >= ?) AS townships_compliant
    FROM t GROUP BY ALL
)
SELECT b.code,
    100.0 * b.villages_compliant / b.villages AS health_village_compliant_pct,
    100.0 * w.townships_compliant / nullif(w.townships, 0)
        AS health_township_compliant_pct,
    100.0 * b.population_near / nullif(b.population, 0) AS health_near_clinic_pct,
    100.0 * b.illness / nullif(b.registered, 0) AS health_illness_share_pct,
    b.illness::BIGINT AS illness_households_count,
    k.standard_count >= ? AS county_hospital_ok
FROM by_village b
LEFT JOIN by_township w USING (code)
LEFT JOIN k USING (code)
"""  # noqa: S608 -- formatted from this module's constants, never user input


def county_values(
    db: Database, scope: Scope | None, extent: Region, settings: Settings
) -> pd.DataFrame:
    """Per county of ``extent``: the shares the map can show (MAP_MEASURES) and
    whether a poverty county meets the county-hospital target (None otherwise)."""
    where, params = county_filter(db, scope, extent)
    frame = db.query(
        COUNTY_VALUES_SQL.format(where=where),
        [
            *params,
            *params,
            *params,
            settings.health_village_clinics_min,
            settings.health_village_doctors_min,
            settings.health_radii_km[0],
            settings.health_township_hospitals_min,
            settings.health_county_hospitals_min,
        ],
        name="health_by_county",
    )
    return suppress_rates(
        frame,
        {"health_illness_share_pct": "illness_households_count"},
        _threshold(scope, settings),
    )


# The first rows are picked before their names are joined, and counted apart: a
# window count over every gap would sort them all (a quarter of a second at national
# scale, against a tenth for this).
VILLAGE_GAPS_SQL = f"""
WITH v AS ({VILLAGES}),
gaps AS (
    SELECT *, clinics_count < ? AS lacks_clinic,
        qualified_doctors_count < ? AS lacks_doctor
    FROM v WHERE clinics_count < ? OR qualified_doctors_count < ?
),
top AS (SELECT * FROM gaps ORDER BY population DESC, village_code LIMIT ?)
SELECT v.village_code AS code, r.name_zh, r.name_en,
    t.name_zh AS township_zh, t.name_en AS township_en,
    k.name_zh AS county_zh, k.name_en AS county_en,
    v.population AS population_count, v.clinics_count, v.qualified_doctors_count,
    v.nearest_clinic_km, v.nearest_staffed_clinic_km, v.lacks_clinic, v.lacks_doctor,
    (SELECT count(*) FROM gaps) AS total_rows
FROM top v
JOIN regions r ON r.code = v.village_code
LEFT JOIN regions t ON t.code = v.township_code
JOIN regions k ON k.code = v.county_code
ORDER BY v.population DESC, v.village_code
"""  # noqa: S608 -- formatted from this module's constants, never user input

TOWNSHIP_GAPS_SQL = f"""
WITH t AS ({TOWNSHIPS}),
people AS (SELECT township_code AS code, count(*) AS villages_count,
                  sum(population) AS population_count
           FROM village_health GROUP BY ALL)
SELECT t.code, t.name_zh, t.name_en, k.name_zh AS county_zh, k.name_en AS county_en,
    t.hospitals_count, t.standard_count,
    coalesce(p.villages_count, 0)::BIGINT AS villages_count,
    coalesce(p.population_count, 0)::BIGINT AS population_count,
    count(*) OVER () AS total_rows
FROM t JOIN regions k ON k.code = t.county_code
LEFT JOIN people p ON p.code = t.code
WHERE t.standard_count < ?
ORDER BY population_count DESC, t.code
LIMIT ?
"""  # noqa: S608 -- formatted from this module's constants, never user input

COUNTY_GAPS_SQL = f"""
WITH k AS ({POOR_COUNTIES}),
people AS (SELECT county_code AS code, count(*) AS villages_count,
                  sum(population) AS population_count
           FROM village_health GROUP BY ALL)
SELECT k.code, r.name_zh, r.name_en, p.name_zh AS province_zh,
    p.name_en AS province_en, k.hospitals_count, k.standard_count,
    coalesce(pp.villages_count, 0)::BIGINT AS villages_count,
    coalesce(pp.population_count, 0)::BIGINT AS population_count,
    count(*) OVER () AS total_rows
FROM k JOIN regions r ON r.code = k.code
JOIN counties c ON c.code = k.code
JOIN regions p ON p.code = c.province_code
LEFT JOIN people pp ON pp.code = k.code
WHERE k.standard_count < ?
ORDER BY population_count DESC, k.code
LIMIT ?
"""  # noqa: S608 -- formatted from this module's constants, never user input


def gap_list(
    db: Database,
    scope: Scope | None,
    region: Region,
    settings: Settings,
    level: str,
    limit: int | None,
) -> pd.DataFrame:
    """The units of one level (village, township, county) that miss their target,
    most populous first, with ``total_rows`` (all of them, whatever the limit)."""
    if level not in GAP_LEVELS:
        raise ValueError(f"no gap list for level {level!r}; expected {GAP_LEVELS}")
    where, params = county_filter(db, scope, region)
    rows = limit if limit is not None else 2**62
    if level == "village":
        clinics, doctors = (
            settings.health_village_clinics_min,
            settings.health_village_doctors_min,
        )
        sql, bound = VILLAGE_GAPS_SQL, [*params, clinics, doctors, clinics, doctors]
    elif level == "township":
        target = settings.health_township_hospitals_min
        sql, bound = TOWNSHIP_GAPS_SQL, [*params, target]
    else:
        target = settings.health_county_hospitals_min
        sql, bound = COUNTY_GAPS_SQL, [*params, target]
    frame = db.query(sql.format(where=where), [*bound, rows], name=f"gaps_{level}")
    return suppress_counts(frame, ["population_count"], _threshold(scope, settings))


# One pass over the villages: for each facility kind, the population within each
# radius and the population-weighted mean distance ({columns}, see access_by_region).
# Unpivoting villages × kinds × radii in SQL instead would group nine times the rows.
ACCESS_SQL = f"""
WITH v AS ({VILLAGES}),
g AS (
    SELECT {{group}} AS code, sum(v.population)::BIGINT AS population_count, {{columns}}
    FROM v GROUP BY 1
)
SELECT g.*, n.name_zh, n.name_en FROM g LEFT JOIN regions n ON n.code = g.code
"""  # noqa: S608 -- formatted from this module's constants, never user input


def access_by_region(
    db: Database, scope: Scope | None, region: Region, settings: Settings
) -> pd.DataFrame:
    """Per child region (``REGION_GROUP``), facility kind and radius: the rural
    population within that great-circle distance of the nearest facility of the
    kind, the population, the share and the population-weighted mean distance."""
    where, params = county_filter(db, scope, region)
    radii = [float(r) for r in settings.health_radii_km]
    columns = []
    for kind in FACILITY_KINDS:
        km = f"v.{DISTANCE_COLUMN[kind]}"
        columns += [
            f"sum(v.population) FILTER (WHERE {km} <= ?)::BIGINT AS near_{kind}_{i}"
            for i in range(len(radii))
        ]
        columns.append(
            f"sum(v.population * {km}) / nullif(sum(v.population), 0) AS mean_{kind}"
        )
    sql = ACCESS_SQL.format(
        where=where, group=REGION_GROUP[region.level], columns=", ".join(columns)
    )
    wide = db.query(sql, [*params, *radii * len(FACILITY_KINDS)], name="health_access")
    keys = ["code", "name_zh", "name_en"]
    frame = pd.concat(
        [
            wide[keys].assign(
                kind=kind,
                radius_km=radius,
                near_count=wide[f"near_{kind}_{i}"],
                population_count=wide["population_count"],
                mean_km=wide[f"mean_{kind}"],
            )
            for kind in FACILITY_KINDS
            for i, radius in enumerate(radii)
        ],
        ignore_index=True,
    )
    frame = frame.sort_values(["code", "kind", "radius_km"], ignore_index=True)
    frame["near_count"] = frame["near_count"].fillna(0).astype("int64")
    frame["near_pct"] = 100.0 * frame["near_count"] / frame["population_count"]
    return frame


def access_total(frame: pd.DataFrame) -> pd.DataFrame:
    """The region's own line from ``access_by_region``: summed over its children."""
    if frame.empty:
        return frame.assign(near_pct=pd.Series(dtype=float))
    total = frame.assign(weighted=frame["mean_km"] * frame["population_count"])
    total = total.groupby(["kind", "radius_km"], as_index=False)[
        ["near_count", "population_count", "weighted"]
    ].sum()
    total["near_pct"] = 100.0 * total["near_count"] / total["population_count"]
    total["mean_km"] = total["weighted"] / total["population_count"]
    return total.drop(columns="weighted")


REMOTE_SQL = f"""
WITH v AS ({VILLAGES}),
far AS (SELECT * FROM v WHERE nearest_clinic_km > ?),
top AS (SELECT * FROM far ORDER BY nearest_clinic_km DESC, village_code LIMIT ?)
SELECT v.village_code AS code, r.name_zh, r.name_en,
    k.name_zh AS county_zh, k.name_en AS county_en,
    v.population AS population_count, v.clinics_count,
    v.nearest_clinic_km, v.nearest_township_hospital_km, v.nearest_county_hospital_km,
    (SELECT count(*) FROM far) AS total_rows
FROM top v JOIN regions r ON r.code = v.village_code
JOIN regions k ON k.code = v.county_code
ORDER BY v.nearest_clinic_km DESC, v.village_code
"""  # noqa: S608 -- formatted from this module's constants, never user input


def remote_villages(
    db: Database,
    scope: Scope | None,
    region: Region,
    settings: Settings,
    limit: int | None,
) -> pd.DataFrame:
    """Villages farther than the first radius from the nearest clinic, farthest
    first."""
    where, params = county_filter(db, scope, region)
    rows = limit if limit is not None else 2**62
    frame = db.query(
        REMOTE_SQL.format(where=where),
        [*params, float(settings.health_radii_km[0]), rows],
        name="remote_villages",
    )
    return suppress_counts(frame, ["population_count"], _threshold(scope, settings))


COSTS_SQL = """
SELECT m.year,
    count(*)::BIGINT AS households_count,
    count(*) FILTER (WHERE m.serious_illness)::BIGINT AS serious_count,
    count(*) FILTER (WHERE m.out_of_pocket > ? * greatest(h.income_per_capita
                     * h.size, 1))::BIGINT AS catastrophic_count,
    sum(m.total_cost)::DOUBLE AS total_yuan,
    sum(m.insurance_paid)::DOUBLE AS insurance_yuan,
    sum(m.medical_aid)::DOUBLE AS aid_yuan,
    sum(m.out_of_pocket)::DOUBLE AS oop_yuan
FROM medical_costs m
JOIN households h USING (household_id)
JOIN counties c ON c.code = h.county_code
WHERE {where}
GROUP BY m.year ORDER BY m.year
"""

# The same from the per-county summary (loaders.summaries): catastrophic means a
# band above the threshold in whole percent.
COSTS_FROM_FACTS_SQL = """
SELECT m.year,
    sum(m.households_count)::BIGINT AS households_count,
    sum(m.serious_count)::BIGINT AS serious_count,
    coalesce(sum(m.households_count) FILTER (WHERE m.oop_share_band > ?), 0)::BIGINT
        AS catastrophic_count,
    sum(m.total_yuan) AS total_yuan,
    sum(m.insurance_yuan) AS insurance_yuan,
    sum(m.aid_yuan) AS aid_yuan,
    sum(m.oop_yuan) AS oop_yuan
FROM medical_cost_facts m
JOIN counties c ON c.code = m.county_code
WHERE {where}
GROUP BY m.year ORDER BY m.year
"""

COST_COUNTS = ["households_count", "serious_count", "catastrophic_count"]


def _band_threshold(share: float) -> int | None:
    """The burden band above which costs are catastrophic, when the share is a
    whole percentage the summary can answer exactly; None otherwise."""
    percent = 100.0 * share
    whole = round(percent)
    if abs(percent - whole) > 1e-9 or not 0 <= whole < MEDICAL_COST_BAND_CAP:
        return None
    return whole


def costs_by_year(
    db: Database, scope: Scope | None, region: Region, settings: Settings
) -> pd.DataFrame:
    """Medical costs of the region's households per year: households with costs,
    serious illnesses, catastrophic out-of-pocket households (above
    ``catastrophic_oop_share`` of household income), and the money by who paid it.
    Per-household means are hidden with the count they divide by."""
    where, params = county_filter(db, scope, region)
    band = _band_threshold(settings.catastrophic_oop_share)
    if band is not None:
        frame = db.query(
            COSTS_FROM_FACTS_SQL.format(where=where),
            [band, *params],
            name="medical_costs_by_year",
        )
    else:
        frame = db.query(
            COSTS_SQL.format(where=where),
            [settings.catastrophic_oop_share, *params],
            name="medical_costs_by_year_exact",
        )
    households = frame["households_count"].replace(0, np.nan)
    for money in ("total", "oop"):
        frame[f"{money}_per_household_yuan"] = frame[f"{money}_yuan"] / households
    frame["oop_share_pct"] = 100.0 * frame["oop_yuan"] / frame["total_yuan"]
    frame["catastrophic_pct"] = 100.0 * frame["catastrophic_count"] / households
    threshold = _threshold(scope, settings)
    if threshold is not None:
        small = (frame["households_count"] > 0) & (
            frame["households_count"] < threshold
        )
        for column in ("total_per_household_yuan", "oop_per_household_yuan"):
            frame[column] = frame[column].mask(small)
        frame["catastrophic_pct"] = frame["catastrophic_pct"].mask(
            small
            | (frame["catastrophic_count"] > 0)
            & (frame["catastrophic_count"] < threshold)
        )
    return suppress_counts(frame, COST_COUNTS, threshold)


ILLNESS_BY_CLINIC_SQL = f"""
WITH v AS ({VILLAGES})
SELECT clinics_count >= ? AND qualified_doctors_count >= ? AS compliant,
    count(*)::BIGINT AS villages_count,
    sum(registered_households)::BIGINT AS registered_count,
    sum(illness_households)::BIGINT AS illness_count
FROM v GROUP BY ALL ORDER BY compliant
"""  # noqa: S608 -- formatted from this module's constants, never user input


def illness_by_care(
    db: Database, scope: Scope | None, region: Region, settings: Settings
) -> pd.DataFrame:
    """Registered households and those poor mainly through illness in villages that
    meet the clinic-and-doctor target and in those that do not (two rows, False
    first, always both), with the illness share."""
    where, params = county_filter(db, scope, region)
    found = db.query(
        ILLNESS_BY_CLINIC_SQL.format(where=where),
        [
            *params,
            settings.health_village_clinics_min,
            settings.health_village_doctors_min,
        ],
        name="illness_by_care",
    )
    frame = pd.DataFrame({"compliant": [False, True]}).merge(
        found, on="compliant", how="left"
    )
    counts = ["villages_count", "registered_count", "illness_count"]
    frame[counts] = frame[counts].fillna(0).astype("int64")
    frame["illness_share_pct"] = (
        100.0 * frame["illness_count"] / frame["registered_count"].replace(0, np.nan)
    )
    threshold = _threshold(scope, settings)
    frame = suppress_rates(
        frame, {"illness_share_pct": "illness_count"}, threshold, drop_counts=False
    )
    return suppress_counts(frame, ["registered_count", "illness_count"], threshold)


# Positions and needs only: at national scale the names of 490 k villages would
# cost more than the search; the picks get theirs afterwards (SITE_NAMES_SQL).
SITING_SQL = f"""
WITH v AS ({VILLAGES})
SELECT v.village_code AS code, v.lon, v.lat, v.population, v.clinics_count,
    v.qualified_doctors_count, v.nearest_staffed_clinic_km
FROM v ORDER BY v.village_code
"""  # noqa: S608 -- formatted from this module's constants, never user input

SITE_NAMES_SQL = """
SELECT r.code, r.name_zh, r.name_en, k.name_zh AS county_zh, k.name_en AS county_en
FROM regions r JOIN regions k ON k.code = r.county_code
WHERE r.code IN (SELECT unnest(?::VARCHAR[]))
"""

MAX_SITES = 50


def siting(
    db: Database, scope: Scope | None, region: Region, settings: Settings, n: int
) -> tuple[pd.DataFrame, pd.Series]:
    """Where N new clinics (or doctors for clinics without one) would cover the most
    uncovered rural population within ``health_siting_radius_km``: the picks in order
    with what each adds, and the coverage before and after.

    A village is covered when a clinic with a qualified doctor lies within the
    radius (anywhere, across borders too); candidates are the region's villages
    without such a clinic of their own; only the region's villages count as demand.
    """
    if not 1 <= n <= MAX_SITES:
        raise JingzhunError(
            f"新增数量须在 1 到 {MAX_SITES} 之间（现为 {n}）。",
            f"The number of new sites must lie between 1 and {MAX_SITES} (it is {n}).",
        )
    where, params = county_filter(db, scope, region)
    villages = db.query(SITING_SQL.format(where=where), params, name="siting_villages")
    radius = settings.health_siting_radius_km
    covered = (villages["nearest_staffed_clinic_km"] <= radius).to_numpy()
    candidates = villages[
        (villages["qualified_doctors_count"] == 0) | (villages["clinics_count"] == 0)
    ]
    found = greedy_coverage(
        villages["lon"].to_numpy(),
        villages["lat"].to_numpy(),
        villages["population"].fillna(0).to_numpy(),
        covered,
        candidates["lon"].to_numpy(),
        candidates["lat"].to_numpy(),
        radius_km=radius,
        n=n,
    )
    picks = candidates.iloc[found.chosen].reset_index(drop=True)
    names = db.query(
        SITE_NAMES_SQL, [picks["code"].tolist()], name="siting_names"
    ).set_index("code")
    for column in ("name_zh", "name_en", "county_zh", "county_en"):
        picks[column] = picks["code"].map(names[column])
    picks.insert(0, "rank", np.arange(1, len(picks) + 1))
    picks["action"] = np.where(picks["clinics_count"] == 0, "new_clinic", "doctor")
    picks["gain_count"] = found.gains.round().astype("int64")
    picks["covered_after_pct"] = (
        100.0 * (found.covered_before + np.cumsum(found.gains)) / found.total
        if found.total
        else np.nan
    )
    summary = pd.Series(
        {
            "population_count": found.total,
            "covered_before_count": found.covered_before,
            "covered_after_count": found.covered_before + found.gains.sum(),
            "covered_before_pct": _pct(found.covered_before, found.total),
            "covered_after_pct": _pct(
                found.covered_before + found.gains.sum(), found.total
            ),
            "sites_count": len(picks),
            "radius_km": radius,
        }
    )
    threshold = _threshold(scope, settings)
    picks = suppress_counts(
        picks.drop(columns=["nearest_staffed_clinic_km"]),
        ["population", "gain_count"],
        threshold,
    )
    return picks, summary
