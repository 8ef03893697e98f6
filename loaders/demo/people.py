"""Households, their medical costs and cross-system checks, generated inside DuckDB.

At national scale these are ~30 M and ~37 M rows (medical costs are kept for the
households poor through illness, for the last three years: 2023–2025), so they are
made by SQL from the village table with hash-based random numbers: deterministic for a
seed, parallel, and never held in Python memory. ``rnd(seed, key, i, k)`` is a uniform
number in [0, 1) for row ``i`` of ``key`` and the ``k``-th random quantity of that row.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from loaders.demo.names import GIVEN, SURNAMES

# Main causes of poverty (DESIGN §3) and their shares among registered households:
# illness ~42 % as registered in 2013–2015; the rest follows the registration pattern.
MAIN_CAUSES = (
    ("illness", 0.42),
    ("lack_funds", 0.14),
    ("lack_skills", 0.10),
    ("lack_labour", 0.08),
    ("disability", 0.06),
    ("lack_motivation", 0.055),
    ("schooling", 0.04),
    ("disaster", 0.03),
    ("lack_land", 0.03),
    ("poor_transport", 0.03),
    ("lack_water", 0.015),
)
# 8,962万 people in 2,948万 registered households: 3.04 members on average.
HOUSEHOLD_SIZES = (
    ("1", 15),
    ("2", 25),
    ("3", 24),
    ("4", 20),
    ("5", 10),
    ("6", 4),
    ("7", 2),
)
# Never-registered households enter monitoring mostly through sudden hardship.
MONITORED_CAUSES = (
    ("illness", 0.45),
    ("disability", 0.15),
    ("disaster", 0.15),
    ("lack_labour", 0.25),
)
REGISTERED_SHARE = {
    True: 0.268,
    False: 0.110,
}  # of a village's households, by poor village
MARGINAL_SHARE = 0.008  # never-registered households monitored from 2021 (边缘易致贫户)

RND_MACRO = """
CREATE OR REPLACE TEMP MACRO rnd(seed, key, i, k) AS
    (hash(seed, key, i, k) % 1000000007) / 1000000007.0
"""


def weighted_case(u: str, choices: tuple[tuple[str, float], ...]) -> str:
    """A SQL CASE that picks a label with the given probabilities from uniform ``u``.

    Only the module's own constant tables reach this function, never user text.
    """
    total = sum(weight for _, weight in choices)
    arms, cumulative = [], 0.0
    for label, weight in choices[:-1]:
        cumulative += weight / total
        arms.append(f"WHEN {u} < {cumulative:.6f} THEN '{label}'")
    return f"CASE {' '.join(arms)} ELSE '{choices[-1][0]}' END"


def registered_counts(villages: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """How many registered and monitored-only households each village gets."""
    share = np.where(
        villages["poverty_village"], REGISTERED_SHARE[True], REGISTERED_SHARE[False]
    )
    share = share * np.where(villages["poverty_county"], 1.3, 0.85)
    noise = rng.lognormal(0, 0.35, len(villages))
    registered = np.minimum(
        villages["households"] * share * noise, villages["households"] * 0.9
    )
    return pd.DataFrame(
        {
            "code": villages["code"],
            "n_registered": np.rint(registered).astype(int),
            "n_marginal": rng.binomial(villages["households"], MARGINAL_SHARE),
        }
    )


N_GIVEN = len(GIVEN)
CHECK_CHARS = "10X98765432"

HOUSEHOLDS_SQL = f"""
INSERT INTO households
WITH p AS (SELECT ?::BIGINT AS seed),
rows AS (
    SELECT v.*, r.i, p.seed,
           r.i < v.n_registered AS registered,
           rnd(p.seed, v.code, r.i, 1) AS u1, rnd(p.seed, v.code, r.i, 2) AS u2,
           rnd(p.seed, v.code, r.i, 3) AS u3, rnd(p.seed, v.code, r.i, 4) AS u4,
           rnd(p.seed, v.code, r.i, 5) AS u5, rnd(p.seed, v.code, r.i, 6) AS u6,
           rnd(p.seed, v.code, r.i, 7) AS u7, rnd(p.seed, v.code, r.i, 8) AS u8
    FROM village_gen v, p, range(v.n_registered + v.n_marginal) r(i)
),
shaped AS (
    SELECT *,
        {weighted_case("u1", HOUSEHOLD_SIZES)}::INTEGER AS size,
        CASE WHEN NOT registered THEN NULL
             WHEN u2 < 0.88 THEN 2014 WHEN u2 < 0.94 THEN 2015
             WHEN u2 < 0.98 THEN 2016 ELSE 2017 END AS registered_year,
        CASE WHEN registered THEN {weighted_case("u3", MAIN_CAUSES)}
             ELSE {weighted_case("u3", MONITORED_CAUSES)}
             END AS main_cause,
        1940 + floor(u6 * 56)::INTEGER AS birth_year,
        1 + floor(u7 * 12)::INTEGER AS birth_month,
        1 + floor(u8 * 28)::INTEGER AS birth_day,
        (hash(seed, code, i, 9) % 999 + 1)::INTEGER AS id_seq
    FROM rows
),
timed AS (
    SELECT *,
        -- A household exits by its county's exit year (a few later, up to 2020).
        CASE WHEN NOT registered THEN NULL
             WHEN u4 < 0.04 THEN least(2020, exit_hint + 1)
             ELSE registered_year
                  + floor(u4 * (greatest(exit_hint, registered_year)
                                - registered_year + 1))::INTEGER
             END AS exit_year,
        CASE WHEN NOT registered AND u5 < 0.25 THEN 'sudden_hardship'
             WHEN NOT registered THEN 'marginal'
             WHEN u5 < CASE WHEN main_cause IN ('illness', 'disability') THEN 0.06
                            ELSE 0.025 END THEN 'unstable_exited'
             END AS monitor_type
    FROM shaped
),
ided AS (
    SELECT *,
        county_code || lpad(birth_year::VARCHAR, 4, '0')
            || lpad(birth_month::VARCHAR, 2, '0') || lpad(birth_day::VARCHAR, 2, '0')
            || lpad(id_seq::VARCHAR, 3, '0') AS id17,
        county_weight
            + (birth_year // 1000) * 2 + (birth_year // 100 % 10) * 1
            + (birth_year // 10 % 10) * 6 + (birth_year % 10) * 3
            + (birth_month // 10) * 7 + (birth_month % 10) * 9
            + (birth_day // 10) * 10 + (birth_day % 10) * 5
            + (id_seq // 100) * 8 + (id_seq // 10 % 10) * 4 + (id_seq % 10) * 2
            -- about 1 in 5,000 ID numbers carry a wrong check digit (quality report)
            + CASE WHEN rnd(seed, code, i, 10) < 0.0002 THEN 1 ELSE 0 END AS id_sum
    FROM timed
)
SELECT
    code || lpad(i::VARCHAR, 4, '0') AS household_id,
    code AS village_code,
    county_code,
    size,
    -- about 1 in 10,000 records count more workers than members (a data error)
    CASE WHEN rnd(seed, code, i, 11) < 0.0001 THEN size + 1
         ELSE least(size, floor(rnd(seed, code, i, 12) * (size + 1))::INTEGER) END,
    registered_year,
    exit_year,
    CASE WHEN registered THEN 'exited' ELSE 'monitored_only' END,
    main_cause,
    round(CASE WHEN monitor_type IS NOT NULL THEN 5200 ELSE 9000 END
          * exp(0.45 * sqrt(-2 * ln(greatest(rnd(seed, code, i, 13), 1e-9)))
                * cos(2 * pi() * rnd(seed, code, i, 14))), 2),
    rnd(seed, code, i, 15) >= 0.004,
    rnd(seed, code, i, 16) >= 0.008,
    rnd(seed, code, i, 17) >= 0.003,
    rnd(seed, code, i, 18) >= CASE WHEN terrain IN ('mountain', 'plateau')
                                   THEN 0.02 ELSE 0.008 END,
    rnd(seed, code, i, 19) >= CASE WHEN safe_water THEN 0.005 ELSE 0.06 END,
    main_cause = 'disability' OR rnd(seed, code, i, 20) < 0.05,
    monitor_type,
    CASE WHEN monitor_type IS NOT NULL
         THEN 2021 + floor(rnd(seed, code, i, 21) * 5)::INTEGER END,
    NULL::INTEGER,
    substr('{SURNAMES}', 1 + (hash(seed, code, i, 22) % {len(SURNAMES)})::INTEGER, 1)
        || substr('{GIVEN}', 1 + (hash(seed, code, i, 23) % {len(GIVEN)})::INTEGER, 1)
        || CASE WHEN rnd(seed, code, i, 24) < 0.6
           THEN substr('{GIVEN}', 1 + (hash(seed, code, i, 25) % {N_GIVEN})::INTEGER, 1)
           ELSE '' END,
    id17 || substr('{CHECK_CHARS}', 1 + (id_sum % 11)::INTEGER, 1)
FROM ided
"""  # noqa: S608 -- formatted from this module's constants, never user input

MONITOR_END_SQL = """
UPDATE households
SET monitor_end_year = monitor_since_year + 1 + (hash(?, household_id, 30) % 3)::INTEGER
WHERE monitor_type IS NOT NULL
  AND (hash(?, household_id, 31) % 100) < 55
  AND monitor_since_year <= 2023
"""

MEDICAL_COSTS_SQL = """
INSERT INTO medical_costs
WITH p AS (SELECT ?::BIGINT AS seed),
base AS (
    SELECT h.household_id, y.year, p.seed,
           rnd(p.seed, h.household_id, y.year, 1) < 0.18 AS serious,
           rnd(p.seed, h.household_id, y.year, 2) AS u_cost,
           rnd(p.seed, h.household_id, y.year, 3) AS u_cost2,
           rnd(p.seed, h.household_id, y.year, 4) AS u_ins,
           h.status = 'exited' AS registered
    FROM households h, p, range(2023, 2026) y(year)
    WHERE h.main_cause = 'illness'
),
costs AS (
    SELECT *,
        round((CASE WHEN serious THEN 42000 ELSE 5200 END)
              * exp(0.8 * sqrt(-2 * ln(greatest(u_cost, 1e-9)))
                    * cos(2 * pi() * u_cost2)), 2) AS total
    FROM base
),
paid AS (
    SELECT *,
        round(total * (0.55 + 0.2 * u_ins), 2) AS insurance,
        round(total * CASE WHEN registered THEN 0.12 ELSE 0.05 END, 2) AS aid
    FROM costs
)
SELECT household_id, year::INTEGER, total, insurance, aid,
       total - insurance - aid, serious
FROM paid
"""

CHECKS_SQL = """
INSERT INTO household_checks
WITH p AS (SELECT ?::BIGINT AS seed),
flagged AS (
    SELECT h.household_id, p.seed,
        CASE (hash(p.seed, h.household_id, 41) % 5)
            WHEN 0 THEN 'vehicle' WHEN 1 THEN 'business' WHEN 2 THEN 'real_estate'
            WHEN 3 THEN 'deposits' ELSE 'public_employee' END AS source
    FROM households h, p
    WHERE h.status = 'exited' AND rnd(p.seed, h.household_id, 0, 40) < 0.012
)
SELECT household_id, source,
    CASE source
        WHEN 'vehicle' THEN '登记小型汽车 1 辆'
        WHEN 'business' THEN '登记个体工商户，注册资本 '
             || (5 + hash(seed, household_id, 42) % 95)::VARCHAR || ' 万元'
        WHEN 'real_estate' THEN '城镇商品房 '
             || (60 + hash(seed, household_id, 43) % 90)::VARCHAR || ' 平方米'
        WHEN 'deposits' THEN '存款余额 '
             || (5 + hash(seed, household_id, 44) % 40)::VARCHAR || ' 万元'
        ELSE '家庭成员为财政供养人员' END,
    DATE '2023-01-01' + (hash(seed, household_id, 45) % 1000)::INTEGER
FROM flagged
"""


def county_id_weight(county_code: str) -> int:
    """The county part of the ID check-digit sum (weights 7, 9, 10, 5, 8, 4)."""
    return sum(
        int(d) * w for d, w in zip(county_code, (7, 9, 10, 5, 8, 4), strict=True)
    )


def insert_people(con: duckdb.DuckDBPyConnection, seed: int) -> None:
    """Households, their monitoring, medical costs and cross-system checks."""
    con.execute(RND_MACRO)
    con.execute(HOUSEHOLDS_SQL, [seed])
    con.execute(MONITOR_END_SQL, [seed, seed])
    con.execute(MEDICAL_COSTS_SQL, [seed])
    con.execute(CHECKS_SQL, [seed])
