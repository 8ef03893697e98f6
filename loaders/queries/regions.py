"""Regions: resolving a code within the viewer's scope, filter options, shapes."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from loaders.db import Database
from loaders.errors import ScopeError, UnknownRegionError
from loaders.scope import LEVELS, NATIONAL, Scope, level_column


@dataclass(frozen=True)
class Region:
    """One region with its ancestors; ``country`` for the whole nation."""

    code: str
    level: str
    name_zh: str
    name_en: str
    province_code: str | None = None
    city_code: str | None = None
    county_code: str | None = None

    def name(self, lang: str) -> str:
        """The name in the user's language."""
        return self.name_en if lang == "en" else self.name_zh

    def ancestor(self, level: str) -> str | None:
        """Code of the ancestor (or self) at ``level``; None above the country."""
        if level == "country":
            return NATIONAL
        return (
            self.code if level == self.level else getattr(self, f"{level}_code", None)
        )


COUNTRY = Region(NATIONAL, "country", "全国", "China")

REGION_SQL = """
SELECT code, level, name_zh, name_en, province_code, city_code, county_code
FROM regions WHERE code = ?
"""

CHILD_REGIONS_SQL = """
SELECT code, name_zh, name_en
FROM regions
WHERE level = ? AND parent_code = ?
ORDER BY code
"""

COUNTIES_WITHIN_SQL = """
SELECT code, name_zh, name_en
FROM regions
WHERE level = 'county' AND {column} = ?
ORDER BY code
"""

PROVINCES_SQL = """
SELECT code, name_zh, name_en FROM regions WHERE level = 'province' ORDER BY code
"""


def resolve_region(db: Database, scope: Scope, code: str | None) -> Region:
    """The region for ``code``, checked to exist and to be visible to the scope."""
    if not code or code == NATIONAL:
        region = COUNTRY
    else:
        found = db.query(REGION_SQL, [code], name="region")
        if found.empty:
            raise UnknownRegionError(
                f"没有代码为“{code}”的行政区划，已显示默认视图。",
                f"There is no region with code '{code}'; showing the default view.",
            )
        row = found.iloc[0].where(found.iloc[0].notna(), None)
        region = Region(**row.to_dict())
    if not within_scope(db, scope, region):
        raise ScopeError(
            f"您的权限范围不包括“{region.name_zh}”。",
            f"Your access does not include {region.name_en}.",
        )
    return region


def within_scope(db: Database, scope: Scope, region: Region) -> bool:
    """Whether the region lies inside the scope, or on the path down to it.

    The path (e.g. a county official's province) is there to navigate by: every query
    still intersects the view with the scope, so it shows no more than the scope.
    """
    if scope is None:
        return False
    if scope.region_code == NATIONAL:
        return True
    scope_region = resolve_region(db, Scope("admin"), scope.region_code)
    inside = region.ancestor(scope_region.level) == scope_region.code
    return inside or region.code in _path_to(scope_region)


def _path_to(region: Region) -> set[str]:
    return {NATIONAL, region.province_code, region.city_code} - {None}


def child_regions(db: Database, scope: Scope, parent: Region) -> pd.DataFrame:
    """Provinces of the country or cities of a province that the scope may see."""
    if parent.level == "country":
        children = db.query(PROVINCES_SQL, name="provinces")
    elif parent.level == "province":
        children = db.query(CHILD_REGIONS_SQL, ["city", parent.code], name="cities")
    else:
        return pd.DataFrame(columns=["code", "name_zh", "name_en"])
    return _inside_scope(db, scope, parent, children)


def counties_within(db: Database, scope: Scope, region: Region) -> pd.DataFrame:
    """Counties of a province or city (including those directly under a province)."""
    if region.level not in ("province", "city"):
        return pd.DataFrame(columns=["code", "name_zh", "name_en"])
    column = level_column(region.level)
    sql = COUNTIES_WITHIN_SQL.format(column=column)
    children = db.query(sql, [region.code], name="counties_within")
    return _inside_scope(db, scope, region, children)


def _inside_scope(
    db: Database, scope: Scope, parent: Region, children: pd.DataFrame
) -> pd.DataFrame:
    if scope.region_code == NATIONAL:
        return children
    scope_region = resolve_region(db, Scope("admin"), scope.region_code)
    if parent.ancestor(scope_region.level) == scope_region.code:
        return children
    # The parent lies above the scope: only the branch that leads down to it remains.
    branch = _path_to(scope_region) | {scope_region.code}
    return children[children["code"].isin(branch)].reset_index(drop=True)


def county_filter(
    db: Database, scope: Scope | None, region: Region
) -> tuple[str, list[str]]:
    """A SQL predicate on a county table aliased ``c`` (with province_code and
    city_code) that keeps the counties of ``region`` inside the viewer's scope.

    Deny by default: without a scope the predicate is FALSE. Columns come from a
    whitelist; codes are bound parameters.
    """
    if scope is None:
        return "FALSE", []
    clauses, params = [], []
    scope_region = resolve_region(db, Scope("admin"), scope.region_code)
    for limit in (scope_region, region):
        if limit.level == "country":
            continue
        if limit.level not in ("province", "city", "county"):
            raise ScopeError(
                "此页面以县为最小单位。", "This page goes down to counties, not below."
            )
        column = "code" if limit.level == "county" else level_column(limit.level)
        clauses.append(f"c.{column} = ?")
        params.append(limit.code)
    return " AND ".join(clauses) or "TRUE", params


COUNTY_SHAPES_SQL = """
SELECT s.code, r.name_zh, r.name_en, s.{column} AS geojson
FROM region_shapes s JOIN regions r USING (code)
JOIN counties c USING (code)
WHERE s.level = 'county' AND {where}
"""

OUTLINE_SHAPES_SQL = """
SELECT code, level, geojson_coarse AS geojson
FROM region_shapes WHERE level IN ('province', 'ten_dash_line')
"""

REGION_NAMES_SQL = """
SELECT c.code, c.name_zh, c.name_en FROM regions c WHERE c.level = ? AND {where}
"""


def map_extent(region: Region) -> Region:
    """The region a map shows for a selection: a county is shown among its city's."""
    if region.level != "county":
        return region
    if region.city_code:
        return Region(
            region.city_code, "city", "", "", region.province_code, region.city_code
        )
    return Region(region.province_code or "", "province", "", "", region.province_code)


def county_shapes(db: Database, extent: Region) -> pd.DataFrame:
    """County polygons (code, names, GeoJSON geometry text) inside ``extent``.

    The national view uses the coarse geometry, which keeps the map a few MB.
    """
    column = "geojson_coarse" if extent.level == "country" else "geojson"
    if extent.level == "country":
        where, params = "TRUE", []
    else:
        level = "code" if extent.level == "county" else level_column(extent.level)
        where, params = f"c.{level} = ?", [extent.code]
    sql = COUNTY_SHAPES_SQL.format(column=column, where=where)
    return db.query(sql, params, name="county_shapes")


def outline_shapes(db: Database) -> pd.DataFrame:
    """Province borders and the South China Sea ten-dash line (code, level, GeoJSON)."""
    return db.query(OUTLINE_SHAPES_SQL, name="outline_shapes")


def region_names(db: Database, scope: Scope, level: str) -> pd.DataFrame:
    """Codes and names of the regions of one level (province, city or county) that
    the scope reaches: for a county official, their county and its ancestors only."""
    if level not in ("province", "city", "county"):
        raise ValueError(
            f"no names for level {level!r}; expected province, city, county"
        )
    if scope is None:
        return db.query(REGION_NAMES_SQL.format(where="FALSE"), [level], name="names")
    scope_region = resolve_region(db, Scope("admin"), scope.region_code)
    if LEVELS.index(scope_region.level) > LEVELS.index(level):
        # The scope lies below this level: only its own ancestor there is visible.
        where, params = "c.code = ?", [scope_region.ancestor(level)]
    else:
        where, params = county_filter(db, scope, COUNTRY)
    sql = REGION_NAMES_SQL.format(where=where)
    return db.query(sql, [level, *params], name="region_names")


def region_inside_scope(db: Database, scope: Scope | None, code: str) -> Region:
    """The region for ``code`` if it lies inside the scope itself, not merely on the
    path down to it: what an administrator may hand to an account."""
    region = resolve_region(db, Scope("admin"), code)
    scope_region = (
        resolve_region(db, Scope("admin"), scope.region_code) if scope else None
    )
    if scope_region is None or region.ancestor(scope_region.level) != scope_region.code:
        raise ScopeError(
            f"“{region.name_zh}”不在您的管理范围内。",
            f"{region.name_en} is outside the region you manage.",
        )
    return region


VILLAGE_NAMES_SQL = """
SELECT v.code, v.name_zh, v.name_en
FROM regions v JOIN counties c ON c.code = v.county_code
WHERE v.level = 'village' AND {where}
ORDER BY v.code
"""


def village_names(db: Database, scope: Scope | None, county: Region) -> pd.DataFrame:
    """Codes and names of a county's villages, if the scope reaches the county."""
    if county.level != "county":
        return pd.DataFrame(columns=["code", "name_zh", "name_en"])
    where, params = county_filter(db, scope, county)
    return db.query(VILLAGE_NAMES_SQL.format(where=where), params, name="villages")
