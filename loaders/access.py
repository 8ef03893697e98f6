"""Distance to care: for every village, the great-circle distance to the nearest
village clinic, township hospital and county hospital, computed once per dataset.

Points become unit vectors on the sphere and a KD-tree (scipy's ``cKDTree``) finds
the nearest facility by straight-line (chord) distance, which orders points exactly
as the great-circle distance does; the chord is then turned into kilometres on the
arc. Nearest means nearest anywhere: a clinic across a county or province border
counts as much as one at home. At national scale (490 k villages, 480 k facilities)
this takes a few seconds (README, "Distance to care"); a spatial SQL extension would
tie DuckDB to an old version (STACK.md).

The result is the ``village_health`` table: one row per village with its clinics,
doctors, registered and illness households, and the distances. Pages read that
table only, never the facilities' coordinates.
"""

from __future__ import annotations

import logging
import time

import duckdb
import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

log = logging.getLogger(__name__)

# Mean Earth radius (IUGG), km: great-circle distances on a sphere of this radius
# are within 0.5 % of the ellipsoid's anywhere in China.
EARTH_RADIUS_KM = 6371.0088
KINDS = ("village_clinic", "township_hospital", "county_hospital")
# Distances are the village's column name per kind (plus the staffed clinic).
DISTANCE_COLUMNS = {
    "village_clinic": "nearest_clinic_km",
    "staffed_clinic": "nearest_staffed_clinic_km",
    "township_hospital": "nearest_township_hospital_km",
    "county_hospital": "nearest_county_hospital_km",
}


def unit_vectors(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """(n, 3) points on the unit sphere for longitudes and latitudes in degrees."""
    lon_r = np.radians(np.asarray(lon, dtype=float))
    lat_r = np.radians(np.asarray(lat, dtype=float))
    cos_lat = np.cos(lat_r)
    return np.column_stack(
        (cos_lat * np.cos(lon_r), cos_lat * np.sin(lon_r), np.sin(lat_r))
    )


def chord_to_km(chord: np.ndarray) -> np.ndarray:
    """Great-circle kilometres for straight-line distances between unit vectors."""
    half = np.clip(np.asarray(chord, dtype=float) / 2, 0.0, 1.0)
    return 2 * EARTH_RADIUS_KM * np.arcsin(half)


def km_to_chord(km: float) -> float:
    """The straight-line distance between unit vectors ``km`` apart on the arc."""
    return float(2 * np.sin(min(km / EARTH_RADIUS_KM, np.pi) / 2))


def great_circle_km(
    lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray
) -> np.ndarray:
    """Haversine distance in km, element by element (the reference the tree is
    checked against)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def nearest(
    points: np.ndarray, targets: np.ndarray, *, workers: int = -1
) -> tuple[np.ndarray, np.ndarray]:
    """For each point (unit vectors), the index of the nearest target and its
    great-circle distance in km; index -1 and NaN when there are no targets."""
    if len(targets) == 0 or len(points) == 0:
        return np.full(len(points), -1), np.full(len(points), np.nan)
    chord, index = cKDTree(targets).query(points, k=1, workers=workers)
    return index.astype(np.int64), chord_to_km(chord)


VILLAGES_SQL = """
SELECT v.code AS village_code, v.county_code, v.township_code, v.population,
    v.lon, v.lat
FROM villages v ORDER BY v.code
"""

FACILITIES_SQL = """
SELECT f.facility_id, f.kind, f.lon, f.lat,
    f.kind = 'village_clinic' AND coalesce(d.qualified, 0) > 0 AS staffed
FROM facilities f
LEFT JOIN (SELECT facility_id, count(*) FILTER (WHERE qualification <> 'none')
               AS qualified
           FROM village_doctors GROUP BY ALL) d USING (facility_id)
WHERE f.lon IS NOT NULL AND f.lat IS NOT NULL
"""

# Counts per village that the Health page reads with the distances.
COUNTS_SQL = """
SELECT v.code AS village_code,
    coalesce(f.clinics, 0)::INTEGER AS clinics_count,
    coalesce(d.doctors, 0)::INTEGER AS doctors_count,
    coalesce(d.qualified, 0)::INTEGER AS qualified_doctors_count,
    coalesce(h.registered, 0)::INTEGER AS registered_households,
    coalesce(h.illness, 0)::INTEGER AS illness_households
FROM villages v
LEFT JOIN (SELECT region_code AS code, count(*) AS clinics FROM facilities
           WHERE kind = 'village_clinic' GROUP BY ALL) f USING (code)
LEFT JOIN (SELECT village_code AS code, count(*) AS doctors,
                  count(*) FILTER (WHERE qualification <> 'none') AS qualified
           FROM village_doctors GROUP BY ALL) d USING (code)
LEFT JOIN (SELECT village_code AS code, count(*) AS registered,
                  count(*) FILTER (WHERE main_cause = 'illness') AS illness
           FROM households WHERE registered_year IS NOT NULL GROUP BY ALL) h
    USING (code)
"""


def village_distances(villages: pd.DataFrame, facilities: pd.DataFrame) -> pd.DataFrame:
    """Nearest clinic (any, and one with a qualified doctor), township hospital and
    county hospital of each village: distance in km and the facility's id."""
    points = unit_vectors(villages["lon"].to_numpy(), villages["lat"].to_numpy())
    out = pd.DataFrame({"village_code": villages["village_code"].to_numpy()})
    kinds = {
        "village_clinic": facilities["kind"] == "village_clinic",
        "staffed_clinic": facilities["staffed"].fillna(False).astype(bool),
        "township_hospital": facilities["kind"] == "township_hospital",
        "county_hospital": facilities["kind"] == "county_hospital",
    }
    for kind, chosen in kinds.items():
        targets = facilities[chosen]
        index, km = nearest(
            points, unit_vectors(targets["lon"].to_numpy(), targets["lat"].to_numpy())
        )
        column = DISTANCE_COLUMNS[kind]
        out[column] = km
        if kind != "staffed_clinic":
            ids = targets["facility_id"].to_numpy(dtype=object)
            picked = np.full(len(points), None, dtype=object)
            found = index >= 0
            picked[found] = ids[index[found]]
            out[column.replace("_km", "_id")] = picked
    return out


def refresh_village_health(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute ``village_health`` from villages, facilities, doctors, households."""
    started = time.perf_counter()
    villages = con.execute(VILLAGES_SQL).df()
    facilities = con.execute(FACILITIES_SQL).df()
    distances = village_distances(villages, facilities)
    log.debug(
        "nearest facilities of %d villages among %d facilities: %.2f s",
        len(villages),
        len(facilities),
        time.perf_counter() - started,
    )
    frame = villages.merge(distances, on="village_code")
    con.register("access_frame", frame)
    con.execute("DELETE FROM village_health")
    con.execute(VILLAGE_HEALTH_INSERT)
    con.unregister("access_frame")


VILLAGE_HEALTH_INSERT = f"""
INSERT INTO village_health
SELECT a.village_code, a.county_code, a.township_code, a.population::INTEGER,
    c.clinics_count, c.doctors_count, c.qualified_doctors_count,
    c.registered_households, c.illness_households,
    a.nearest_clinic_km, a.nearest_clinic_id,
    a.nearest_staffed_clinic_km,
    a.nearest_township_hospital_km, a.nearest_township_hospital_id,
    a.nearest_county_hospital_km, a.nearest_county_hospital_id,
    a.lon, a.lat
FROM access_frame a JOIN ({COUNTS_SQL}) c USING (village_code)
ORDER BY a.county_code, a.village_code
"""  # noqa: S608 -- formatted from this module's constants, never user input
