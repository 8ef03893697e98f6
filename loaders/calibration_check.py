"""Does a built dataset reproduce the public facts it is calibrated to?

Proportions are checked at every scale; absolute counts only at national scale, where
they are the targets themselves. ``python -m loaders check`` prints the report.
"""

from __future__ import annotations

import pandas as pd

from loaders.db import Database
from loaders.demo.calibration import EXIT_COHORTS
from loaders.demo.places import NATIONAL_POVERTY_VILLAGES, NATIONAL_VILLAGES

NATIONAL_REGISTERED_HOUSEHOLDS = 29_480_000  # 2,948万 registered in 2014
ILLNESS_SHARE = 0.42
TOLERANCE = 0.05  # ±5 % of the target

FACTS_SQL = """
SELECT
    (SELECT scale FROM dataset_info) AS scale,
    (SELECT count(*) FROM counties WHERE poverty_county) AS poverty_counties,
    (SELECT count(*) FROM villages) AS villages,
    (SELECT count(*) FROM villages WHERE poverty_village) AS poverty_villages,
    (SELECT count(*) FROM households WHERE registered_year IS NOT NULL)
        AS registered_households,
    (SELECT avg(CASE WHEN main_cause = 'illness' THEN 1.0 ELSE 0.0 END)
     FROM households WHERE registered_year IS NOT NULL) AS illness_share
"""

COHORTS_SQL = """
SELECT exit_year, count(*) AS counties FROM counties
WHERE poverty_county GROUP BY exit_year
"""

CENTRAL_FUND_SQL = """
SELECT r.year, r.value * 1e8 AS reference_yuan, coalesce(a.allocated, 0) AS allocated
FROM reference_series r
LEFT JOIN (SELECT year, sum(amount)::DOUBLE AS allocated FROM fund_allocations
           WHERE source_level = 'central' GROUP BY year) a USING (year)
WHERE r.series = 'central_special_fund' AND r.status <> 'synthetic'
ORDER BY r.year
"""


def calibration_report(db: Database) -> pd.DataFrame:
    """One row per check: what, target, actual, allowed deviation, passed."""
    facts = db.query(FACTS_SQL, name="calibration_facts").iloc[0]
    rows = [_row("poverty counties", 832, facts["poverty_counties"], 0)]
    cohorts = db.query(COHORTS_SQL, name="calibration_cohorts")
    found = dict(zip(cohorts["exit_year"], cohorts["counties"], strict=True))
    rows += [
        _row(f"exit cohort {year}", n, found.get(year, 0), 0)
        for year, n in EXIT_COHORTS.items()
    ]
    rows.append(
        _row(
            "illness as main cause (share)",
            ILLNESS_SHARE,
            facts["illness_share"],
            TOLERANCE,
        )
    )

    share = facts["villages"] / NATIONAL_VILLAGES
    if facts["scale"] != "tiny":
        # The tiny scale holds three hand-picked counties: its village mix is not the
        # nation's, so only the all-province scales are held to these proportions.
        rows.append(
            _row(
                "poverty villages (share of villages)",
                NATIONAL_POVERTY_VILLAGES / NATIONAL_VILLAGES,
                facts["poverty_villages"] / facts["villages"],
                TOLERANCE,
            )
        )
        rows.append(
            _row(
                "registered households per village",
                NATIONAL_REGISTERED_HOUSEHOLDS / NATIONAL_VILLAGES,
                facts["registered_households"] / facts["villages"],
                TOLERANCE,
            )
        )
    if facts["scale"] == "national":
        rows += [
            _row("villages", NATIONAL_VILLAGES, facts["villages"], TOLERANCE),
            _row(
                "poverty villages",
                NATIONAL_POVERTY_VILLAGES,
                facts["poverty_villages"],
                TOLERANCE,
            ),
            _row(
                "registered households",
                NATIONAL_REGISTERED_HOUSEHOLDS,
                facts["registered_households"],
                TOLERANCE,
            ),
        ]
    fund = db.query(CENTRAL_FUND_SQL, name="calibration_fund")
    rows += [
        _row(
            f"central special fund {int(year)} (yuan, scaled)",
            reference * min(1.0, share),
            allocated,
            0.005,
        )
        for year, reference, allocated in fund.itertuples(index=False)
    ]
    return pd.DataFrame(rows)


def _row(check: str, target: float, actual: float, tolerance: float) -> dict:
    deviation = abs(actual - target) / target if target else abs(actual)
    return {
        "check": check,
        "target": float(target),
        "actual": float(actual),
        "tolerance": tolerance,
        "passed": bool(deviation <= tolerance + 1e-12),
    }
