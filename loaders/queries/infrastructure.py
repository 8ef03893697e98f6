"""Queries behind the Infrastructure page (基础设施): the gap matrix of regions × gap
types, its benchmarks, and the villages behind any cell.

The villages and their gaps come from the Villages page's view
(``villages.village_view``), so both pages count a gap the same way. Rows are the
regions one level below the view: provinces of the country, cities of a province (a
county directly under its province stands for itself), counties of a city, townships
of a county.
"""

from __future__ import annotations

import pandas as pd

from loaders.db import Database
from loaders.privacy import suppress_counts, suppression_threshold
from loaders.queries.regions import COUNTRY, Region
from loaders.queries.villages import GAP_COLUMNS, village_view
from loaders.scope import Scope
from loaders.settings import INFRA_GAPS, Settings

ROW_GROUP = {
    "country": "v.province_code",
    "province": "v.city_key",
    "city": "v.county_code",
    "county": "v.township_code",
}

MATRIX_SQL = """
SELECT {group} AS key, count(*) AS villages_count, {counts}
FROM v GROUP BY 1
"""

NAMES_SQL = "SELECT code AS key, name_zh, name_en FROM regions WHERE code IN ({marks})"


def _matrix(
    db: Database,
    scope: Scope | None,
    region: Region,
    settings: Settings,
    which: str,
    group: str,
) -> pd.DataFrame:
    cte, params = village_view(db, scope, region, settings, which)
    counts = ", ".join(
        f"count(*) FILTER (WHERE v.{c}) AS {c}_count" for c in GAP_COLUMNS
    )
    rows = db.query(
        cte + MATRIX_SQL.format(group=group, counts=counts), params, name="gap_matrix"
    )
    return _with_pct(rows)


def _with_pct(rows: pd.DataFrame) -> pd.DataFrame:
    total = rows["villages_count"].astype(float)
    for column in GAP_COLUMNS:
        rows[f"{column}_pct"] = 100.0 * rows[f"{column}_count"] / total.where(total > 0)
    return rows


def gap_matrix(
    db: Database,
    scope: Scope | None,
    region: Region,
    settings: Settings,
    which: str = "all",
) -> pd.DataFrame:
    """Regions one level down × gap types: villages, villages lacking each thing
    (``gap_<gap>_count``) and their share (``gap_<gap>_pct``), most villages first,
    with the region's own total as the last row (key ``total``)."""
    group = ROW_GROUP[region.level]
    rows = _matrix(db, scope, region, settings, which, group)
    rows = rows.sort_values(["villages_count", "key"], ascending=[False, True])
    names = _names(db, rows["key"].dropna().tolist())
    rows = rows.merge(names, on="key", how="left")
    if rows.empty:
        return rows.reset_index(drop=True)
    # Counts add up: the total is the sum of the rows, not a second query.
    counts = ["villages_count", *(f"{c}_count" for c in GAP_COLUMNS)]
    total = rows[counts].sum().to_frame().T.astype("int64")
    total["key"], total["name_zh"], total["name_en"] = "total", "合计", "Total"
    return pd.concat([rows, _with_pct(total)], ignore_index=True)


def _names(db: Database, codes: list[str]) -> pd.DataFrame:
    if not codes:
        return pd.DataFrame(columns=["key", "name_zh", "name_en"])
    marks = ", ".join("?" * len(codes))
    return db.query(NAMES_SQL.format(marks=marks), codes, name="gap_matrix_names")


def national_benchmark(
    db: Database, scope: Scope | None, settings: Settings, which: str = "all"
) -> pd.Series:
    """The share of the dataset's villages lacking each thing, nationally.

    A benchmark every viewer may compare against: it counts villages (public facts
    about places, never households), so an official scoped to one county sees the
    national shares but no other county's figures. Without a scope, nothing.
    """
    if scope is None:
        return pd.Series({f"{c}_pct": float("nan") for c in GAP_COLUMNS})
    national = _matrix(db, Scope("admin"), COUNTRY, settings, which, "'national'")
    if national.empty:
        return pd.Series({f"{c}_pct": float("nan") for c in GAP_COLUMNS})
    return national.iloc[0][[f"{c}_pct" for c in GAP_COLUMNS]].astype(float)


GAP_VILLAGES_SQL = """
SELECT v.code, n.name_zh, n.name_en, t.name_zh AS township_zh,
    t.name_en AS township_en, k.name_zh AS county_zh, k.name_en AS county_en,
    v.poverty_village, v.exit_year, v.households AS households_count,
    v.population AS people_count, v.remoteness_km, {gaps},
    count(*) OVER () AS total_rows
FROM v JOIN regions n ON n.code = v.code
LEFT JOIN regions t ON t.code = v.township_code
LEFT JOIN regions k ON k.code = v.county_code
WHERE {picked} AND (?::VARCHAR IS NULL OR {group} = ?)
ORDER BY v.remoteness_km DESC NULLS LAST, v.code
LIMIT ?
"""


def gap_villages(
    db: Database,
    scope: Scope | None,
    region: Region,
    settings: Settings,
    which: str = "all",
    *,
    gap: str | None = None,
    row: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """The villages behind a cell of the matrix: those of ``row`` (a region one level
    down; None: the whole view) lacking ``gap`` (None: lacking anything), the most
    remote first, with the number of such villages in ``total_rows``. A village's
    households and people from 1 to the threshold are hidden for the public."""
    if gap is not None and gap not in INFRA_GAPS:
        raise ValueError(f"unknown gap {gap!r}; expected one of {INFRA_GAPS}")
    cte, params = village_view(db, scope, region, settings, which)
    picked = (
        f"v.gap_{gap}"
        if gap
        else "(" + " OR ".join(f"v.{c}" for c in GAP_COLUMNS) + ")"
    )
    sql = cte + GAP_VILLAGES_SQL.format(
        gaps=", ".join(f"v.{c}" for c in GAP_COLUMNS),
        picked=picked,
        group=ROW_GROUP[region.level],
    )
    limit_rows = limit if limit is not None else 2**62
    rows = db.query(sql, [*params, row, row, limit_rows], name="gap_villages")
    threshold = suppression_threshold(scope, settings.small_cell_threshold)
    return suppress_counts(rows, ["households_count", "people_count"], threshold)
