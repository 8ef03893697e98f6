"""Queries behind the Villages page (贫困村): the village map at every zoom and the
village profile.

Every query starts from one view of the villages (``VILLAGE_CTES``): the villages of
the region inside the viewer's scope (``county_filter``), optionally the poverty
villages only, each with its infrastructure gaps worked out once:

- road, bus, water, power, broadband, school: the village's flag is FALSE (an
  unknown flag, NULL, is not counted as a gap);
- housing: fewer than ``infra_safe_housing_min_pct`` of its households live in safe
  housing;
- clinic: no village clinic serves it; doctor: no village doctor with a qualification.

Villages, clinics, projects and money are facts about places and programmes and are
not suppressed. Counts of households and people are, for the public role.
"""

from __future__ import annotations

import h3
import pandas as pd

from loaders.db import Database
from loaders.errors import JingzhunError, UnknownRegionError
from loaders.privacy import suppress_counts, suppression_threshold
from loaders.queries.regions import COUNTRY, Region, county_filter
from loaders.scope import Scope
from loaders.settings import INFRA_GAPS, Settings

WHICH = ("all", "poverty")
GAP_SQL = {
    "road": "v.paved_road = FALSE",
    "bus": "v.bus_service = FALSE",
    "water": "v.safe_water = FALSE",
    "power": "v.grid_power = FALSE",
    "broadband": "v.broadband = FALSE",
    "housing": "v.safe_housing_pct < r.housing_min",
    "school": "v.primary_school = FALSE",
    "clinic": "coalesce(cl.clinics, 0) = 0",
    "doctor": "coalesce(dr.qualified_doctors, 0) = 0",
}
assert tuple(GAP_SQL) == INFRA_GAPS
GAP_COLUMNS = tuple(f"gap_{gap}" for gap in INFRA_GAPS)
# H3 resolutions the hexagons of a county over the point cap may have, finest first
# (resolution 8: about 0.7 km²; 4: about 1,770 km²), and the most cells a map gets:
# the finest resolution that stays within it is used, else the coarsest.
HEX_RESOLUTIONS = (8, 7, 6, 5, 4)
MAX_HEXAGONS = 1_000

# The villages of the view with their gaps. Parameters: the housing threshold, the
# region's (county_filter), whether poverty villages only, one village's code twice
# (NULL: every village of the view). Clinics, doctors and projects are grouped over
# whole tables: restricting them to the view's villages first (IN the villages)
# measured three times slower on the demo dataset, where the tables are small.
VILLAGE_CTES = """
WITH r AS (SELECT ?::DOUBLE AS housing_min),
clinics AS (
    SELECT region_code AS village_code, count(*) AS clinics
    FROM facilities WHERE kind = 'village_clinic' GROUP BY 1
),
doctors AS (
    SELECT village_code, count(*) AS doctors,
        count(*) FILTER (WHERE qualification <> 'none') AS qualified_doctors
    FROM village_doctors GROUP BY 1
),
works AS (
    SELECT village_code, count(*) AS projects,
        count(*) FILTER (WHERE stage <> 'completed') AS projects_open
    FROM projects WHERE village_code IS NOT NULL GROUP BY 1
),
v AS (
    SELECT v.code, v.county_code, v.township_code, c.province_code,
        coalesce(c.city_code, v.county_code) AS city_key,
        v.poverty_village, v.exit_year, v.terrain, v.remoteness_km,
        v.households, v.population, v.lon, v.lat, v.safe_housing_pct,
        coalesce(cl.clinics, 0) AS clinics_count,
        coalesce(dr.doctors, 0) AS doctors_count,
        coalesce(dr.qualified_doctors, 0) AS qualified_doctors_count,
        coalesce(w.projects, 0) AS projects_count,
        coalesce(w.projects_open, 0) AS open_projects_count,
        {gaps}
    FROM villages v JOIN counties c ON c.code = v.county_code
    CROSS JOIN r
    LEFT JOIN clinics cl ON cl.village_code = v.code
    LEFT JOIN doctors dr ON dr.village_code = v.code
    LEFT JOIN works w ON w.village_code = v.code
    WHERE {where} AND (NOT ?::BOOLEAN OR v.poverty_village)
      AND (?::VARCHAR IS NULL OR v.code = ?)
)
"""


def village_view(
    db: Database,
    scope: Scope | None,
    region: Region,
    settings: Settings,
    which: str,
    code: str | None = None,
) -> tuple[str, list]:
    """The WITH clause of the view's villages (alias ``v``; one village with
    ``code``) and its parameters."""
    if which not in WHICH:
        raise ValueError(f"unknown village set {which!r}; expected one of {WHICH}")
    where, params = county_filter(db, scope, region)
    gaps = ",\n        ".join(
        f"coalesce({sql}, FALSE) AS gap_{gap}" for gap, sql in GAP_SQL.items()
    )
    sql = VILLAGE_CTES.format(gaps=gaps, where=where)
    housing = settings.infra_safe_housing_min_pct
    return sql, [housing, *params, which == "poverty", code, code]


COUNTY_VALUES_SQL = """
SELECT v.county_code AS code, count(*) AS villages_count,
    count(*) FILTER (WHERE v.poverty_village) AS poverty_villages_count,
    max(v.exit_year) AS last_exit_year,
    count(*) FILTER (WHERE v.clinics_count > 0 AND v.qualified_doctors_count > 0)
        AS villages_with_care_count,
    sum(v.projects_count) AS projects_count,
    sum(v.open_projects_count) AS open_projects_count,
    {gap_counts}
FROM v GROUP BY 1 ORDER BY 1
"""


def county_values(
    db: Database,
    scope: Scope | None,
    extent: Region,
    settings: Settings,
    which: str = "all",
) -> pd.DataFrame:
    """One row per county of the extent that has villages: counts of villages, poverty
    villages, villages lacking each thing (``gap_<gap>_count``), with care, projects.
    Every layer of the aggregated map reads this one frame."""
    cte, params = village_view(db, scope, extent, settings, which)
    gap_counts = ",\n    ".join(
        f"count(*) FILTER (WHERE v.{c}) AS {c}_count" for c in GAP_COLUMNS
    )
    sql = cte + COUNTY_VALUES_SQL.format(gap_counts=gap_counts)
    return db.query(sql, params, name="village_county_values")


POINTS_SQL = """
SELECT v.code, n.name_zh, n.name_en, t.name_zh AS township_zh,
    t.name_en AS township_en, v.lon, v.lat, v.poverty_village, v.exit_year,
    v.clinics_count, v.qualified_doctors_count, v.projects_count,
    v.open_projects_count, {gaps}
FROM v JOIN regions n ON n.code = v.code
LEFT JOIN regions t ON t.code = v.township_code
WHERE v.lon IS NOT NULL AND v.lat IS NOT NULL
ORDER BY v.code
LIMIT ?
"""


def village_points(
    db: Database,
    scope: Scope | None,
    county: Region,
    settings: Settings,
    which: str = "all",
    *,
    limit: int,
) -> pd.DataFrame:
    """A county's villages as points (at most ``limit + 1`` rows: one more than the
    map may draw tells the caller the county is over the cap)."""
    if county.level != "county":
        raise ValueError(f"points are drawn inside a county, not a {county.level}")
    cte, params = village_view(db, scope, county, settings, which)
    sql = cte + POINTS_SQL.format(gaps=", ".join(f"v.{c}" for c in GAP_COLUMNS))
    return db.query(sql, [*params, limit + 1], name="village_points")


HEX_SQL = """
SELECT v.lon, v.lat, v.poverty_village, v.exit_year, v.clinics_count,
    v.qualified_doctors_count, v.projects_count, v.open_projects_count,
    {gaps}
FROM v WHERE v.lon IS NOT NULL AND v.lat IS NOT NULL
"""


def village_hexagons(
    db: Database,
    scope: Scope | None,
    region: Region,
    settings: Settings,
    which: str = "all",
    *,
    max_cells: int = MAX_HEXAGONS,
) -> pd.DataFrame:
    """The region's villages counted per H3 cell: hexagon id, villages, poverty
    villages, villages lacking each thing, with care, projects. The cells are the
    finest of ``HEX_RESOLUTIONS`` that give at most ``max_cells`` hexagons."""
    cte, params = village_view(db, scope, region, settings, which)
    sql = cte + HEX_SQL.format(gaps=", ".join(f"v.{c}" for c in GAP_COLUMNS))
    rows = db.query(sql, params, name="village_hexagons")
    columns = ["hexagon", "villages_count", "poverty_villages_count"]
    columns += ["villages_with_care_count", "projects_count", "open_projects_count"]
    columns += [f"{c}_count" for c in GAP_COLUMNS] + ["last_exit_year"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    for resolution in HEX_RESOLUTIONS:
        rows["hexagon"] = [
            h3.latlng_to_cell(lat, lon, resolution)
            for lat, lon in zip(rows["lat"], rows["lon"], strict=True)
        ]
        if rows["hexagon"].nunique() <= max_cells:
            break
    rows["with_care"] = (rows["clinics_count"] > 0) & (
        rows["qualified_doctors_count"] > 0
    )
    grouped = rows.groupby("hexagon", sort=True)
    out = pd.DataFrame(
        {
            "villages_count": grouped.size(),
            "poverty_villages_count": grouped["poverty_village"].sum(),
            "villages_with_care_count": grouped["with_care"].sum(),
            "projects_count": grouped["projects_count"].sum(),
            "open_projects_count": grouped["open_projects_count"].sum(),
            **{f"{c}_count": grouped[c].sum() for c in GAP_COLUMNS},
            "last_exit_year": grouped["exit_year"].max(),
        }
    ).reset_index()
    return out[columns].astype({c: "int64" for c in columns[1:-1]})


# The profile -----------------------------------------------------------------------

FACTS_SQL = """
SELECT v.code, n.name_zh, n.name_en, t.name_zh AS township_zh,
    t.name_en AS township_en, k.name_zh AS county_zh, k.name_en AS county_en,
    v.county_code, v.poverty_village, v.exit_year, v.terrain, v.remoteness_km,
    v.households AS households_count, v.population AS people_count,
    v.safe_housing_pct, v.clinics_count, v.doctors_count,
    v.qualified_doctors_count, v.projects_count, v.open_projects_count,
    {gaps}
FROM v JOIN regions n ON n.code = v.code
LEFT JOIN regions t ON t.code = v.township_code
LEFT JOIN regions k ON k.code = v.county_code
WHERE v.code = ?
"""


def village_facts(
    db: Database, scope: Scope | None, code: str, settings: Settings
) -> pd.Series:
    """One village's facts and gaps; an error when it is unknown or outside the
    scope. The registered households and people are suppressed for the public."""
    cte, params = village_view(db, scope, COUNTRY, settings, "all", code)
    sql = cte + FACTS_SQL.format(gaps=", ".join(f"v.{c}" for c in GAP_COLUMNS))
    found = db.query(sql, [*params, code], name="village_facts")
    if found.empty:
        raise UnknownRegionError(
            f"没有代码为“{code}”的村，或它不在您的权限范围内。",
            f"There is no village '{code}' within your access.",
        )
    facts = found.iloc[0]
    threshold = suppression_threshold(scope, settings.small_cell_threshold)
    if threshold is not None:
        facts = facts.astype(object)
        for column in ("households_count", "people_count"):
            value = facts[column]
            if pd.notna(value) and 0 < value < threshold:
                facts[column] = pd.NA
        facts.attrs["suppressed_below"] = threshold
    return facts


# The village's scope check for the tables below: its county must pass the filter.
IN_SCOPE = """
EXISTS (SELECT 1 FROM villages vv JOIN counties c ON c.code = vv.county_code
        WHERE vv.code = ? AND {where})
"""


def _in_scope(db: Database, scope: Scope | None) -> tuple[str, list]:
    where, params = county_filter(db, scope, COUNTRY)
    return IN_SCOPE.format(where=where), params


HOUSEHOLDS_SQL = """
SELECT {key} AS key, count(*) AS households_count, sum(h.size) AS people_count
FROM households h
WHERE h.village_code = ? AND {extra} AND {in_scope}
GROUP BY 1 ORDER BY households_count DESC, key
"""
HOUSEHOLD_BREAKDOWNS = {
    "status": ("h.status", "TRUE"),
    "cause": ("coalesce(h.main_cause, 'unknown')", "h.registered_year IS NOT NULL"),
}


def village_households(
    db: Database, scope: Scope | None, code: str, settings: Settings, by: str
) -> pd.DataFrame:
    """A village's households by status or by main cause (registered households),
    with a total row; small cells hidden for the public (with the cell that would
    give a hidden one back by subtraction)."""
    if by not in HOUSEHOLD_BREAKDOWNS:
        raise ValueError(f"unknown breakdown {by!r}; expected {HOUSEHOLD_BREAKDOWNS}")
    key, extra = HOUSEHOLD_BREAKDOWNS[by]
    in_scope, params = _in_scope(db, scope)
    sql = HOUSEHOLDS_SQL.format(key=key, extra=extra, in_scope=in_scope)
    rows = db.query(sql, [code, code, *params], name=f"village_households_{by}")
    if rows.empty:
        return rows.astype({"households_count": "int64", "people_count": "int64"})
    total = pd.DataFrame(
        {
            "key": ["total"],
            "households_count": [rows["households_count"].sum()],
            "people_count": [rows["people_count"].sum()],
        }
    )
    table = pd.concat([rows, total], ignore_index=True)
    threshold = suppression_threshold(scope, settings.small_cell_threshold)
    out = suppress_counts(table, ["households_count"], threshold, total_row=True)
    if threshold is not None:
        # A household has at least one member: people are few only where households
        # are, so the people of a hidden cell go with it.
        people = out["people_count"].astype("Int64")
        out["people_count"] = people.mask(out["households_count"].isna())
    return out


CARE_SQL = """
SELECT 'clinic' AS kind, f.facility_id AS id, f.name_zh, f.standardised,
    f.beds AS beds_count, f.doctors AS doctors_count, NULL AS qualification
FROM facilities f
WHERE f.kind = 'village_clinic' AND f.region_code = ? AND {in_scope}
UNION ALL
SELECT 'doctor', NULL, NULL, NULL, NULL, count(*), d.qualification
FROM village_doctors d
WHERE d.village_code = ? AND {in_scope}
GROUP BY d.qualification
ORDER BY 1, 2, 7
"""


def village_care(db: Database, scope: Scope | None, code: str) -> pd.DataFrame:
    """A village's clinics (one row each) and its doctors counted by qualification.
    Doctors are counted, never listed: their ages and ids are not shown."""
    in_scope, params = _in_scope(db, scope)
    sql = CARE_SQL.format(in_scope=in_scope)
    return db.query(
        sql, [code, code, *params, code, code, *params], name="village_care"
    )


PROJECTS_SQL = """
SELECT p.project_id, p.name_zh, p.category, p.stage, p.start_on, p.planned_end_on,
    p.actual_end_on, p.progress_pct, p.budget::DOUBLE AS budget_yuan,
    p.spent::DOUBLE AS spent_yuan,
    coalesce(sum(d.amount), 0)::DOUBLE AS paid_yuan
FROM projects p LEFT JOIN fund_disbursements d ON d.project_id = p.project_id
WHERE p.village_code = ? AND {in_scope}
GROUP BY ALL
ORDER BY p.start_on DESC NULLS LAST, p.project_id
"""


def village_projects(db: Database, scope: Scope | None, code: str) -> pd.DataFrame:
    """A village's projects with their progress and the money paid to each."""
    in_scope, params = _in_scope(db, scope)
    sql = PROJECTS_SQL.format(in_scope=in_scope)
    return db.query(sql, [code, code, *params], name="village_projects")


FUNDS_SQL = """
SELECT year(d.paid_on) AS year, count(*) AS payments_count,
    sum(d.amount)::DOUBLE AS paid_yuan
FROM fund_disbursements d JOIN projects p ON p.project_id = d.project_id
WHERE p.village_code = ? AND {in_scope}
GROUP BY 1 ORDER BY 1
"""


def village_funds(db: Database, scope: Scope | None, code: str) -> pd.DataFrame:
    """Money reaching the village by year: payments to projects located in it.
    Transfers to households (paid to no project) are not located by village."""
    in_scope, params = _in_scope(db, scope)
    sql = FUNDS_SQL.format(in_scope=in_scope)
    return db.query(sql, [code, code, *params], name="village_funds")


def require_village(facts: pd.Series, county: Region) -> None:
    """Refuse a village that does not lie in the county the view is on."""
    if facts["county_code"] != county.code:
        raise JingzhunError(
            f"村“{facts['name_zh']}”不在{county.name_zh}。",
            f"{facts['name_en']} is not in {county.name_en}.",
        )
