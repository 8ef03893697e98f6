"""Cached queries of the Health coverage page (not a page itself), and the recipes
that draw its items again from a report link (pages/recipes_data.py).

Every wrapper takes the viewer's scope, so two viewers with different scopes never
share a cached result (DESIGN.md §7); the settings are part of every key (the
targets, radii and thresholds come from them). Lists take a row limit: the page shows
the first rows, and a download asks for all of them (limit None) when clicked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import health as charts
from charts import health_tables as tables
from loaders import Scope, Settings
from loaders.queries import health
from loaders.queries.health import FACILITY_KINDS, GAP_LEVELS, MAX_SITES
from loaders.queries.regions import Region, map_extent
from pages.common import database, map_geojson_url, map_shapes

if TYPE_CHECKING:
    from pages.recipes_data import View

SITES = range(1, MAX_SITES + 1)  # the page's slider
SITES_DEFAULT = 10


@st.cache_data(show_spinner=False, max_entries=256)
def compliance(scope: Scope, region: Region, config: Settings) -> pd.Series:
    return health.compliance_summary(database(), scope, region, config)


@st.cache_data(show_spinner=False, max_entries=256)
def gap_list(
    scope: Scope, region: Region, config: Settings, level: str, limit: int | None
) -> pd.DataFrame:
    return health.gap_list(database(), scope, region, config, level, limit)


@st.cache_data(show_spinner=False, max_entries=256)
def access(scope: Scope, region: Region, config: Settings) -> pd.DataFrame:
    return health.access_by_region(database(), scope, region, config)


@st.cache_data(show_spinner=False, max_entries=256)
def remote_villages(
    scope: Scope, region: Region, config: Settings, limit: int | None
) -> pd.DataFrame:
    return health.remote_villages(database(), scope, region, config, limit)


@st.cache_data(show_spinner=False, max_entries=256)
def costs(scope: Scope, region: Region, config: Settings) -> pd.DataFrame:
    return health.costs_by_year(database(), scope, region, config)


@st.cache_data(show_spinner=False, max_entries=256)
def illness_by_care(scope: Scope, region: Region, config: Settings) -> pd.DataFrame:
    return health.illness_by_care(database(), scope, region, config)


@st.cache_data(show_spinner=False, max_entries=128)
def siting(
    scope: Scope, region: Region, config: Settings, n: int
) -> tuple[pd.DataFrame, pd.Series]:
    return health.siting(database(), scope, region, config, n)


@st.cache_data(show_spinner=False, max_entries=128)
def county_values(scope: Scope, extent: Region, config: Settings) -> pd.DataFrame:
    return health.county_values(database(), scope, extent, config)


@st.cache_data(show_spinner=False, max_entries=128)
def map_figure(
    scope: Scope,
    region: Region,
    config: Settings,
    measure: str,
    lang: str,
    note: str,
    sites: int = 0,
    printable: bool = False,
):
    """The county map of a view, cached whole like the Overview's: the counties of
    the region's extent (a county among its city's), the region outlined, and with
    ``sites`` > 0 the first that many proposed sites. A ``printable`` map carries its
    shapes, for an exporter that cannot reach the app."""
    extent = map_extent(region)
    picks = siting(scope, region, config, sites)[0] if sites else None
    return charts.health_map(
        county_values(scope, extent, config),
        map_shapes(extent),
        measure=measure,
        lang=lang,
        national=extent.level == "country",
        highlight=region.code if region.level == "county" else None,
        source_note=note,
        geojson_url=None if printable else map_geojson_url(extent),
        sites=picks,
    )


# Recipes (pages/recipes_data.py): the items as the page draws them. Lists are
# drawn whole, as their downloads are.


def _map(view: View, rest: str) -> go.Figure:
    """``<measure>``, or ``<measure>-<n>-sites`` for the map with the proposed
    sites."""
    measure, sites = rest, 0
    if rest.endswith("-sites"):
        measure, _, n = rest.removesuffix("-sites").rpartition("-")
        sites = int(n) if n.isdigit() else 0
        if sites not in SITES:
            raise ValueError(rest)
    if measure not in charts.MAP_MEASURES:
        raise ValueError(rest)
    view_args = (view.scope, view.region, view.settings, measure, view.lang)
    return map_figure(*view_args, view.map_note, sites, printable=True)


def _compliance(view: View, _: str) -> go.Figure:
    summary = compliance(view.scope, view.region, view.settings)
    return charts.compliance_chart(summary, lang=view.lang, source_note=view.source)


def _gaps(view: View, level: str) -> tuple[str, pd.DataFrame]:
    if level not in GAP_LEVELS:
        raise ValueError(level)
    rows = gap_list(view.scope, view.region, view.settings, level, None)
    table = tables.gap_table(rows, level=level, lang=view.lang)
    return view.titled(f"hl.gap_level.{level}"), table


def _access_chart(view: View, kind: str) -> go.Figure:
    if kind not in FACILITY_KINDS:
        raise ValueError(kind)
    return charts.access_chart(
        access(view.scope, view.region, view.settings),
        kind=kind,
        lang=view.lang,
        source_note=view.source,
    )


def _access_table(view: View, _: str) -> tuple[str, pd.DataFrame]:
    table = tables.access_table(
        access(view.scope, view.region, view.settings), lang=view.lang
    )
    return view.titled("hl.access_table"), table


def _remote(view: View, _: str) -> tuple[str, pd.DataFrame]:
    rows = remote_villages(view.scope, view.region, view.settings, None)
    return view.titled("hl.remote_title"), tables.remote_table(rows, lang=view.lang)


def _costs(view: View, _: str) -> go.Figure | tuple[str, pd.DataFrame]:
    frame = costs(view.scope, view.region, view.settings)
    if view.kind == "table":
        return view.titled("hl.costs_table"), tables.costs_table(frame, lang=view.lang)
    return charts.costs_chart(frame, lang=view.lang, source_note=view.source)


def _illness_by_care(view: View, _: str) -> go.Figure | tuple[str, pd.DataFrame]:
    frame = illness_by_care(view.scope, view.region, view.settings)
    if view.kind == "table":
        table = tables.illness_table(frame, lang=view.lang)
        return view.titled("hl.illness_care_title"), table
    return charts.illness_by_care_chart(frame, lang=view.lang, source_note=view.source)


def _siting(view: View) -> tuple[pd.DataFrame, pd.Series]:
    n = view.number("sites", SITES, SITES_DEFAULT)
    return siting(view.scope, view.region, view.settings, n)


def _coverage(view: View, _: str) -> go.Figure:
    picks, outcome = _siting(view)
    return charts.coverage_chart(
        picks, summary=outcome, lang=view.lang, source_note=view.source
    )


def _sites(view: View, _: str) -> tuple[str, pd.DataFrame]:
    picks, _ = _siting(view)
    return view.titled("hl.sites_title"), tables.siting_table(picks, lang=view.lang)


RECIPES = {
    "health-map-": _map,
    "health-compliance": _compliance,
    "health-gaps-": _gaps,
    "health-access": _access_table,
    "health-access-": _access_chart,
    "health-remote": _remote,
    "health-costs": _costs,
    "health-illness-by-care": _illness_by_care,
    "health-coverage": _coverage,
    "health-sites": _sites,
}
