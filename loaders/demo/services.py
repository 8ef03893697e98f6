"""Health facilities and village doctors: gaps where villages are remote and rugged.

Made in SQL from the place tables with the same hash-based ``rnd`` as the households.
"""

from __future__ import annotations

import duckdb

FACILITIES_SQL = """
INSERT INTO facilities
WITH p AS (SELECT ?::BIGINT AS seed),
county_h AS (
    SELECT c.code, r.lon, r.lat, c.poverty_county, k.k, p.seed
    FROM counties c JOIN regions r USING (code), p, range(2) k(k)
    WHERE c.code IN (SELECT DISTINCT county_code FROM regions WHERE level = 'township')
      -- every county has one public hospital (poverty counties: 99.8 %, census
      -- bulletin No. 4); about half of them have a second
      AND (k.k = 0 AND rnd(p.seed, c.code, 0, 50)
                       >= CASE WHEN c.poverty_county THEN 0.002 ELSE 0 END
           OR k.k = 1 AND rnd(p.seed, c.code, 1, 50) < 0.5)
),
township_h AS (
    SELECT t.code, t.county_code, t.lon, t.lat, p.seed
    FROM regions t, p
    WHERE t.level = 'township' AND rnd(p.seed, t.code, 0, 51) >= 0.03
),
clinic AS (
    SELECT v.code, v.county_code, v.lon, v.lat, v.terrain, v.remoteness_km, p.seed
    FROM villages v, p
    WHERE rnd(p.seed, v.code, 0, 52) >= least(0.5, 0.035
          * CASE WHEN v.terrain IN ('mountain', 'plateau') THEN 2.5
                 WHEN v.terrain = 'hill' THEN 1.2 ELSE 0.5 END
          * (1 + v.remoteness_km / 30))
)
SELECT 'H' || code || k::VARCHAR, 'county_hospital',
       CASE WHEN k = 0 THEN '县人民医院' ELSE '县中医医院' END,
       code, code, lon + (rnd(seed, code, k, 53) - 0.5) * 0.02,
       lat + (rnd(seed, code, k, 54) - 0.5) * 0.02,
       rnd(seed, code, k, 55) < CASE WHEN poverty_county THEN 0.98 ELSE 0.995 END,
       (80 + rnd(seed, code, k, 56) * 520)::INTEGER,
       (30 + rnd(seed, code, k, 57) * 220)::INTEGER
FROM county_h
UNION ALL
SELECT 'T' || code, 'township_hospital', '乡镇卫生院', code, county_code,
       lon + (rnd(seed, code, 0, 58) - 0.5) * 0.01,
       lat + (rnd(seed, code, 0, 59) - 0.5) * 0.01,
       rnd(seed, code, 0, 60) < 0.86, (5 + rnd(seed, code, 0, 61) * 60)::INTEGER,
       (2 + rnd(seed, code, 0, 62) * 18)::INTEGER
FROM township_h
UNION ALL
SELECT 'V' || code, 'village_clinic', '村卫生室', code, county_code,
       lon + (rnd(seed, code, 0, 63) - 0.5) * 0.004,
       lat + (rnd(seed, code, 0, 64) - 0.5) * 0.004,
       rnd(seed, code, 0, 65) < CASE WHEN terrain IN ('mountain', 'plateau') THEN 0.82
                                     ELSE 0.93 END,
       (rnd(seed, code, 0, 66) * 4)::INTEGER, 0
FROM clinic
"""

DOCTORS_SQL = """
INSERT INTO village_doctors
WITH p AS (SELECT ?::BIGINT AS seed),
staffed AS (
    SELECT f.facility_id, f.region_code AS village_code, p.seed,
        CASE WHEN rnd(p.seed, f.facility_id, 0, 70) < 0.07 THEN 0
             WHEN rnd(p.seed, f.facility_id, 0, 71) < 0.58 THEN 1
             WHEN rnd(p.seed, f.facility_id, 0, 72) < 0.85 THEN 2 ELSE 3 END AS n
    FROM facilities f, p
    WHERE f.kind = 'village_clinic'
)
SELECT 'D' || village_code || k::VARCHAR, village_code, facility_id,
    CASE WHEN rnd(seed, facility_id, k, 73) < 0.08 THEN 'licensed'
         WHEN rnd(seed, facility_id, k, 74) < 0.25 THEN 'assistant'
         WHEN rnd(seed, facility_id, k, 75) < 0.94 THEN 'rural_certificate'
         ELSE 'none' END,
    (24 + rnd(seed, facility_id, k, 76) * 46)::INTEGER
FROM staffed, range(n) r(k)
"""

DOCTOR_COUNTS_SQL = """
UPDATE facilities SET doctors = d.n
FROM (SELECT facility_id, count(*) AS n FROM village_doctors GROUP BY facility_id) d
WHERE facilities.facility_id = d.facility_id
"""


def insert_services(con: duckdb.DuckDBPyConnection, seed: int) -> None:
    """County hospitals, township hospitals, village clinics and their doctors."""
    con.execute(FACILITIES_SQL, [seed])
    con.execute(DOCTORS_SQL, [seed])
    con.execute(DOCTOR_COUNTS_SQL)
