"""Projects, fund allocations and disbursements.

The central special fund per year follows the public series (data/reference), scaled by
this scale's share of the national villages; disbursement lags allocation, each
payment goes to a project of its county that is under way on the day it is paid (or to
none), and projects' delays and risks depend on their category.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd

from loaders.demo.people import weighted_case
from loaders.demo.places import NATIONAL_VILLAGES

AS_OF = dt.date(2025, 12, 31)

# Central special fund, 100 million yuan. 2015–2020 from the public series; the other
# years are synthetic estimates (marked so in reference_series): 2014 back-cast, and
# from 2021 the bridging fund (衔接资金) that replaced it.
SYNTHETIC_CENTRAL_FUND = {
    2014: 433.0,
    2021: 1561.0,
    2022: 1650.0,
    2023: 1750.0,
    2024: 1770.0,
    2025: 1770.0,
}
# Money from the other levels, as a share of the central amount (synthetic).
OTHER_LEVELS = {"provincial": 0.30, "city": 0.05, "county": 0.08}
FUND_TYPES = (
    ("development", 0.75),
    ("work_for_relief", 0.12),
    ("ethnic_minority", 0.08),
    ("state_farms_forests", 0.05),
)
PURPOSES = (
    ("industry", 0.40),
    ("infrastructure", 0.25),
    ("housing", 0.08),
    ("education", 0.07),
    ("health", 0.08),
    ("employment", 0.07),
    ("other", 0.05),
)

# category: share of projects, median budget (yuan), planned months, delay odds,
# benefit mechanism, base risk (1–5)
CATEGORIES = {
    "planting": (0.24, 300_000, 12, 0.15, "land_rent", 3),
    "livestock": (0.20, 400_000, 14, 0.20, "production_support", 3),
    "processing": (0.10, 1_000_000, 18, 0.25, "dividends", 3),
    "rural_tourism": (0.08, 1_500_000, 24, 0.35, "employment", 4),
    "ecommerce": (0.07, 250_000, 10, 0.30, "purchase", 3),
    "photovoltaic": (0.10, 1_200_000, 8, 0.08, "dividends", 1),
    "workshop": (0.09, 600_000, 12, 0.15, "employment", 2),
    "infrastructure": (0.12, 800_000, 16, 0.20, "public_welfare_jobs", 2),
}


def central_fund_by_year(reference: pd.DataFrame) -> dict[int, float]:
    """Central special fund per year in yuan: public figures first, estimates after."""
    public = reference[reference["series"] == "central_special_fund"]
    amounts = {
        int(y): v * 1e8 for y, v in zip(public["year"], public["value"], strict=True)
    }
    for year, value in SYNTHETIC_CENTRAL_FUND.items():
        amounts.setdefault(year, value * 1e8)
    return dict(sorted(amounts.items()))


def _table_case(column: int) -> str:
    # CASE over the category table: the chosen column for the row's ``category``.
    arms = " ".join(
        f"WHEN '{name}' THEN {values[column]!r}" for name, values in CATEGORIES.items()
    )
    return f"CASE category {arms} END"


CATEGORY_CASE = weighted_case(
    "rnd(seed, code, k, 82)", tuple((name, v[0]) for name, v in CATEGORIES.items())
)

PROJECTS_SQL = f"""
INSERT INTO projects
WITH p AS (SELECT ?::BIGINT AS seed, DATE '{AS_OF}' AS as_of),
slots AS (
    SELECT v.code, v.county_code, v.poverty_village, p.seed, p.as_of, r.k
    FROM villages v, p,
         range(CASE WHEN v.poverty_village
                    THEN 1 + (hash(p.seed, v.code, 80) % 4)::BIGINT
                    WHEN rnd(p.seed, v.code, 0, 81) < 0.35 THEN 1 ELSE 0 END) r(k)
),
typed AS (
    SELECT *,
        {CATEGORY_CASE} AS category,
        DATE '2015-01-01' + floor(rnd(seed, code, k, 83) * 4200)::INTEGER AS start_on
    FROM slots
),
planned AS (
    SELECT *,
        ({_table_case(2)} * (0.6 + rnd(seed, code, k, 84))) * 30.4 AS planned_days,
        rnd(seed, code, k, 85) < {_table_case(3)} AS delayed,
        {_table_case(1)} * exp(0.6 * sqrt(-2 * ln(greatest(rnd(seed, code, k, 86),
            1e-9))) * cos(2 * pi() * rnd(seed, code, k, 87))) AS budget
    FROM typed
),
timed AS (
    SELECT *,
        start_on + planned_days::INTEGER AS planned_end_on,
        planned_days * CASE WHEN delayed THEN 1.2 + rnd(seed, code, k, 88) ELSE
            0.9 + 0.15 * rnd(seed, code, k, 89) END AS actual_days
    FROM planned
),
progressed AS (
    SELECT *,
        CASE WHEN start_on > as_of THEN NULL
             WHEN start_on + actual_days::INTEGER <= as_of
             THEN start_on + actual_days::INTEGER END AS actual_end_on,
        CASE WHEN start_on > as_of THEN 0.0
             ELSE least(100.0, 100.0 * (as_of - start_on) / actual_days) END
            AS progress,
        -- Entered the library 3–13 months before the planned start (and by the as-of
        -- date: a project planned for next year is in the library already).
        least(start_on - (90 + floor(rnd(seed, code, k, 110) * 300))::INTEGER,
              as_of - floor(rnd(seed, code, k, 111) * 60)::INTEGER) AS library_on
    FROM timed
),
staged AS (
    SELECT *,
        -- Approved between entering the library and the start; a project planned to
        -- start after the as-of date is approved with odds one half.
        CASE WHEN start_on > as_of AND rnd(seed, code, k, 90) < 0.5 THEN NULL
             ELSE least(as_of, library_on + ((start_on - library_on)
                  * (0.4 + 0.5 * rnd(seed, code, k, 112)))::INTEGER) END
            AS approved_on,
        -- Handed over 1–5 months after the works passed acceptance; a few waited for
        -- it much longer (the stuck ones of the lifecycle board).
        actual_end_on + (30 + floor(rnd(seed, code, k, 113) * 120)
            + CASE WHEN rnd(seed, code, k, 114) < 0.05 THEN 400 ELSE 0 END)::INTEGER
            AS handover_on
    FROM progressed
)
SELECT
    'P' || code || k::VARCHAR,
    county_code, code,
    CASE category
        WHEN 'planting' THEN '特色种植基地' WHEN 'livestock' THEN '养殖合作社'
        WHEN 'processing' THEN '农产品加工厂' WHEN 'rural_tourism' THEN '乡村旅游示范点'
        WHEN 'ecommerce' THEN '电商服务站' WHEN 'photovoltaic' THEN '村级光伏电站'
        WHEN 'workshop' THEN '扶贫车间' ELSE '产业路' END,
    category,
    CASE WHEN approved_on IS NULL THEN 'library'
         WHEN start_on > as_of THEN 'approved'
         WHEN actual_end_on IS NULL THEN 'started'
         WHEN handover_on > as_of THEN 'accepted'
         ELSE 'completed' END,
    start_on, planned_end_on, actual_end_on,
    round(CASE WHEN actual_end_on IS NOT NULL THEN 100.0 ELSE progress END, 1),
    round(budget, 2),
    round(budget * progress / 100 * (0.85 + 0.4 * rnd(seed, code, k, 91)), 2),
    greatest(1, (budget / 10000 * (0.3 + 1.5 * rnd(seed, code, k, 92)))::INTEGER),
    greatest(1, (budget / 10000 * (0.3 + 1.5 * rnd(seed, code, k, 92))
                 * (0.3 + 0.5 * rnd(seed, code, k, 93)))::INTEGER),
    {_table_case(4)},
    rnd(seed, code, k, 94) < CASE WHEN category IN ('planting', 'livestock') THEN 0.7
                                  ELSE 0.25 END,
    least(5, greatest(1, {_table_case(5)} + floor(rnd(seed, code, k, 95) * 3)::INTEGER
                          - 1)),
    least(5, greatest(1,
        CASE WHEN category IN ('planting', 'livestock', 'rural_tourism') THEN 3
             ELSE 1 END
        + floor(rnd(seed, code, k, 96) * 3)::INTEGER)),
    1 + floor(rnd(seed, code, k, 97) * 4)::INTEGER,
    1 + floor(rnd(seed, code, k, 98) * 4)::INTEGER,
    1 + floor(rnd(seed, code, k, 99) * 3)::INTEGER,
    library_on,
    approved_on,
    CASE WHEN handover_on <= as_of THEN handover_on END,
    -- A risk guarantee fund of 2–10 % of the budget set aside for about half the
    -- projects, more often where the market or the weather is the danger.
    CASE WHEN rnd(seed, code, k, 115) < CASE WHEN category IN
             ('planting', 'livestock', 'rural_tourism', 'processing') THEN 0.6
             ELSE 0.3 END
         THEN round(budget * (0.02 + 0.08 * rnd(seed, code, k, 116)), 2)
         ELSE 0 END
FROM staged
"""  # noqa: S608 -- formatted from this module's constants, never user input


LEVEL_DELAY_DAYS = {"central": 30, "provincial": 75, "city": 100, "county": 110}


def allocations(
    county_households: pd.DataFrame,
    central: dict[int, float],
    share: float,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Allocations per county, year, level, fund type and purpose (yuan)."""
    weight = county_households["registered"].to_numpy() * np.where(
        county_households["poverty_county"], 1.0, 0.3
    )
    weight = weight / weight.sum()
    levels = ["central", *OTHER_LEVELS]
    level_share = np.array([1.0, *OTHER_LEVELS.values()])
    county, year, level = (
        a.ravel()
        for a in np.meshgrid(
            np.arange(len(weight)),
            np.array(list(central)),
            np.arange(len(levels)),
            indexing="ij",
        )
    )
    national = np.array([central[y] for y in year])
    noise = rng.lognormal(0, 0.15, len(county))
    # Counties vary around their weight, but each year's and level's money adds up to
    # the national amount exactly.
    cell = year * 10 + level
    noisy = weight[county] * noise
    sums = pd.Series(noisy).groupby(cell).transform("sum").to_numpy()
    total = national * share * level_share[level] * noisy / sums

    # Central money arrives in 2–5 pieces, the other levels' in 1–2.
    parts = np.where(
        level == 0, rng.integers(2, 6, len(total)), rng.integers(1, 3, len(total))
    )
    row = np.repeat(np.arange(len(total)), parts)
    piece = rng.gamma(1.0, size=len(row))
    piece /= np.bincount(row, weights=piece)[row]
    n = len(row)

    fund = np.array([f for f, _ in FUND_TYPES], dtype=object)[
        rng.choice(len(FUND_TYPES), n, p=[w for _, w in FUND_TYPES])
    ]
    fund = np.where(year[row] >= 2021, "bridging", fund)
    purpose = np.array([p for p, _ in PURPOSES], dtype=object)[
        rng.choice(len(PURPOSES), n, p=[w for _, w in PURPOSES])
    ]
    delay = np.array([LEVEL_DELAY_DAYS[lv] for lv in levels])[level[row]]
    allocated_on = pd.to_datetime(
        pd.Series(year[row]).astype(str) + "-01-01"
    ) + pd.to_timedelta(delay + rng.integers(0, 150, n), unit="D")
    codes = county_households["code"].to_numpy()[county[row]]
    frame = pd.DataFrame(
        {
            "allocation_id": [
                f"A{c}{y}{i:07d}"
                for i, (c, y) in enumerate(zip(codes, year[row], strict=True))
            ],
            "year": year[row],
            "source_level": np.array(levels, dtype=object)[level[row]],
            "fund_type": fund,
            "purpose": purpose,
            "county_code": codes,
            "amount": np.round(total[row] * piece, 2),
            "allocated_on": allocated_on.dt.date,
        }
    )
    return _disclosure(frame, rng)


def _disclosure(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    # 15 working days is about 21 calendar days: most allocations are announced in
    # time, some late, a few never; a few announcements leave required fields out.
    n = len(frame)
    late = rng.random(n)
    days = np.where(late < 0.82, rng.integers(2, 22, n), rng.integers(22, 90, n))
    disclosed = pd.to_datetime(frame["allocated_on"]) + pd.to_timedelta(days, unit="D")
    frame["disclosed_on"] = disclosed.dt.date.where(late < 0.97, None)
    frame["disclosure_complete"] = (rng.random(n) < 0.92) & (late < 0.97)
    return frame[
        [
            "allocation_id",
            "year",
            "source_level",
            "fund_type",
            "purpose",
            "county_code",
            "amount",
            "allocated_on",
            "disclosed_on",
            "disclosure_complete",
        ]
    ]


DISBURSEMENTS_SQL = f"""
INSERT INTO fund_disbursements
WITH p AS (SELECT ?::BIGINT AS seed, DATE '{AS_OF}' AS as_of),
plan AS (
    SELECT a.*, p.seed, p.as_of,
        1 + (hash(p.seed, a.allocation_id, 100) % 4)::BIGINT AS payments,
        -- older money is (nearly) all paid; the latest years still wait
        CASE WHEN a.year <= 2023 THEN 0.9 + 0.1 * rnd(p.seed, a.allocation_id, 0, 101)
             WHEN a.year = 2024 THEN 0.75 + 0.2 * rnd(p.seed, a.allocation_id, 0, 101)
             ELSE 0.3 + 0.5 * rnd(p.seed, a.allocation_id, 0, 101) END
        -- about 1 in 500 allocations is overpaid, for the anomaly report
        * CASE WHEN rnd(p.seed, a.allocation_id, 0, 102) < 0.002 THEN 1.3 ELSE 1 END
            AS paid_share,
        20 + floor(rnd(p.seed, a.allocation_id, 0, 103) * 180)::INTEGER AS first_lag
    FROM fund_allocations a, p
),
payments AS (
    SELECT plan.*, r.k,
        allocated_on
            + (first_lag + k * (20 + hash(seed, allocation_id, k, 104) % 60))::INTEGER
            AS paid_on,
        -- rare bookings for the anomaly report: about 1 in 1,000 payments goes to a
        -- project finished long before, 1 in 2,000 to a project of another county
        CASE WHEN rnd(seed, allocation_id, k, 106) < 0.001 THEN 'after_end'
             WHEN rnd(seed, allocation_id, k, 106) < 0.0015 THEN 'other_county'
             ELSE 'normal' END AS booking
    FROM plan, range(payments) r(k)
),
-- A payment goes to a project of its county that is under way on the day it is paid
-- (to none where no project is); the rare ones as above.
candidates AS (
    SELECT pay.seed, pay.allocation_id, pay.k, pr.project_id
    FROM payments pay
    JOIN projects pr ON pr.county_code = pay.county_code
        AND pr.stage NOT IN ('library', 'approved') AND pr.start_on <= pay.paid_on
    WHERE CASE WHEN pay.booking = 'after_end' THEN pr.actual_end_on + 180 < pay.paid_on
               ELSE coalesce(pr.actual_end_on, pay.as_of) >= pay.paid_on END
      AND pay.booking <> 'other_county'
    UNION ALL
    SELECT pay.seed, pay.allocation_id, pay.k, pr.project_id
    FROM payments pay
    JOIN counties home ON home.code = pay.county_code
    JOIN counties other ON other.province_code = home.province_code
        AND other.code <> home.code
    JOIN projects pr ON pr.county_code = other.code
        AND pr.stage NOT IN ('library', 'approved') AND pr.start_on <= pay.paid_on
        AND coalesce(pr.actual_end_on, pay.as_of) >= pay.paid_on
    WHERE pay.booking = 'other_county'
),
chosen AS (
    SELECT allocation_id, k, project_id FROM candidates
    QUALIFY row_number() OVER (
        PARTITION BY allocation_id, k
        ORDER BY hash(seed, allocation_id, k, project_id, 105), project_id) = 1
)
SELECT allocation_id || '-' || k::VARCHAR, allocation_id, chosen.project_id, paid_on,
       round(amount * paid_share / payments, 2)
FROM payments
LEFT JOIN chosen USING (allocation_id, k)
WHERE paid_on <= as_of
"""  # noqa: S608 -- formatted from this module's constants, never user input


def insert_money(
    con: duckdb.DuckDBPyConnection, seed: int, reference: pd.DataFrame
) -> None:
    """Projects, allocations and disbursements."""
    con.execute(PROJECTS_SQL, [seed])
    per_county = con.execute("""
        SELECT c.code, c.poverty_county, count(*) AS registered
        FROM households h JOIN counties c ON c.code = h.county_code
        WHERE h.registered_year IS NOT NULL
        GROUP BY ALL ORDER BY c.code
    """).df()
    if per_county.empty:
        return
    villages = con.execute("SELECT count(*) FROM villages").fetchall()[0][0]
    # A scale's share of the national money is its share of the national villages.
    share = min(1.0, villages / NATIONAL_VILLAGES)
    frame = allocations(
        per_county,
        central_fund_by_year(reference),
        share,
        np.random.default_rng([seed, 2014]),
    )
    con.register("allocation_frame", frame)
    con.execute("INSERT INTO fund_allocations SELECT * FROM allocation_frame")
    con.unregister("allocation_frame")
    con.execute(DISBURSEMENTS_SQL, [seed])
