"""Cached queries of the Health coverage page (not a page itself).

Every wrapper takes the viewer's scope, so two viewers with different scopes never
share a cached result (DESIGN.md §7); the settings are part of every key (the
targets, radii and thresholds come from them). Lists take a row limit: the page shows
the first rows, and a download asks for all of them (limit None) when clicked.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.health import health_map
from loaders import Scope, Settings
from loaders.queries import health
from loaders.queries.regions import Region, map_extent
from pages.common import database, map_geojson_url, map_shapes


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
    return health_map(
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
