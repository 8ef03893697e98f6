"""Cached queries of the Industrial projects page (not a page itself).

Every wrapper takes the viewer's scope, so two viewers with different scopes never
share a cached result (DESIGN.md §7). Settings and the as-of date are part of every
key: the status rules and the risk score come from them. Lists take a row limit: the
page shows the first rows, and a download asks for all of them (limit None) when it
is clicked.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from charts.projects import portfolio_map
from loaders import Scope, Settings
from loaders.queries import project_risks, projects
from loaders.queries.projects import ProjectPicks
from loaders.queries.regions import Region, map_extent
from pages.common import database, map_geojson_url, map_shapes


@st.cache_data(show_spinner=False, max_entries=128)
def categories(scope: Scope, region: Region) -> list[str]:
    return projects.categories(database(), scope, region)


@st.cache_data(show_spinner=False, max_entries=256)
def summary(
    scope: Scope, region: Region, config: Settings, as_of: dt.date, picks: ProjectPicks
) -> pd.Series:
    return projects.summary(database(), scope, region, config, as_of, picks)


@st.cache_data(show_spinner=False, max_entries=256)
def breakdown(
    scope: Scope,
    region: Region,
    config: Settings,
    as_of: dt.date,
    picks: ProjectPicks,
    by: str,
) -> pd.DataFrame:
    return projects.breakdown(database(), scope, region, config, as_of, by, picks)


@st.cache_data(show_spinner=False, max_entries=256)
def status_matrix(
    scope: Scope,
    region: Region,
    config: Settings,
    as_of: dt.date,
    picks: ProjectPicks,
    by: str,
) -> pd.DataFrame:
    return projects.status_matrix(database(), scope, region, config, as_of, by, picks)


@st.cache_data(show_spinner=False, max_entries=128)
def map_figure(
    scope: Scope,
    region: Region,
    config: Settings,
    as_of: dt.date,
    picks: ProjectPicks,
    measure: str,
    lang: str,
    note: str,
    printable: bool = False,
):
    """The county map of a view, cached whole like the Overview's: the counties of
    the region's extent (a county among its city's), the region outlined. A
    ``printable`` one carries its shapes, for an exporter that cannot reach the app."""
    extent = map_extent(region)
    counties = projects.county_values(database(), scope, extent, config, as_of, picks)
    return portfolio_map(
        counties,
        map_shapes(extent),
        measure=measure,
        lang=lang,
        national=extent.level == "country",
        highlight=region.code if region.level == "county" else None,
        source_note=note,
        geojson_url=None if printable else map_geojson_url(extent),
    )


@st.cache_data(show_spinner=False, max_entries=256)
def progress_grid(
    scope: Scope, region: Region, config: Settings, as_of: dt.date, picks: ProjectPicks
) -> pd.DataFrame:
    return projects.progress_grid(database(), scope, region, config, as_of, picks)


@st.cache_data(show_spinner=False, max_entries=256)
def lifecycle(
    scope: Scope, region: Region, config: Settings, as_of: dt.date, picks: ProjectPicks
) -> pd.DataFrame:
    return projects.lifecycle(database(), scope, region, config, as_of, picks)


@st.cache_data(show_spinner=False, max_entries=256)
def project_list(
    scope: Scope,
    region: Region,
    config: Settings,
    as_of: dt.date,
    picks: ProjectPicks,
    order: str,
    only: tuple[tuple[str, object], ...],
    limit: int | None,
) -> pd.DataFrame:
    return projects.project_list(
        database(),
        scope,
        region,
        config,
        as_of,
        picks,
        order=order,
        only=only,
        limit=limit,
    )


@st.cache_data(show_spinner=False, max_entries=128)
def timeline(
    scope: Scope,
    region: Region,
    config: Settings,
    as_of: dt.date,
    picks: ProjectPicks,
    limit: int | None,
) -> pd.DataFrame:
    return projects.timeline(database(), scope, region, config, as_of, picks, limit)


@st.cache_data(show_spinner=False, max_entries=256)
def risk_matrix(
    scope: Scope, region: Region, config: Settings, as_of: dt.date, picks: ProjectPicks
) -> pd.DataFrame:
    return project_risks.risk_matrix(database(), scope, region, config, as_of, picks)


@st.cache_data(show_spinner=False, max_entries=256)
def cover_by_region(
    scope: Scope, region: Region, config: Settings, as_of: dt.date, picks: ProjectPicks
) -> pd.DataFrame:
    return project_risks.cover_by_region(
        database(), scope, region, config, as_of, picks
    )
