"""Cached queries of the Villages and Infrastructure pages (not a page itself), and
the Infrastructure page's charts and village list, which the report recipes draw too.

Every wrapper takes the viewer's scope, so two viewers with different scopes never
share a cached result (DESIGN.md §7). Settings are part of every key: the housing
threshold decides a gap.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import infrastructure as infra_charts
from charts.i18n import t
from charts.villages import county_layer_map
from loaders import Scope, Settings
from loaders.queries import infrastructure, villages
from loaders.queries.regions import Region, map_extent
from loaders.settings import infra_targets
from pages.common import database, map_geojson_url, map_shapes


@st.cache_data(show_spinner=False, max_entries=256)
def county_values(
    scope: Scope, extent: Region, config: Settings, which: str
) -> pd.DataFrame:
    return villages.county_values(database(), scope, extent, config, which)


@st.cache_data(show_spinner=False, max_entries=128)
def map_figure(
    scope: Scope,
    region: Region,
    config: Settings,
    which: str,
    layer: str,
    lang: str,
    note: str,
    printable: bool = False,
):
    """The county map of a view, cached whole like the Overview's: the counties of
    the region's extent coloured by the layer, the region outlined. A ``printable``
    one carries its shapes, for the exporter, which cannot reach the app."""
    extent = map_extent(region)
    return county_layer_map(
        county_values(scope, extent, config, which),
        map_shapes(extent),
        layer=layer,
        lang=lang,
        national=extent.level == "country",
        highlight=region.code if region.level == "county" else None,
        source_note=note,
        geojson_url=None if printable else map_geojson_url(extent),
    )


@st.cache_data(show_spinner=False, max_entries=128)
def points(
    scope: Scope, county: Region, config: Settings, which: str, limit: int
) -> pd.DataFrame:
    return villages.village_points(
        database(), scope, county, config, which, limit=limit
    )


@st.cache_data(show_spinner=False, max_entries=64)
def hexagons(scope: Scope, county: Region, config: Settings, which: str):
    return villages.village_hexagons(database(), scope, county, config, which)


@st.cache_data(show_spinner=False, max_entries=256)
def facts(scope: Scope, code: str, config: Settings) -> pd.Series:
    return villages.village_facts(database(), scope, code, config)


@st.cache_data(show_spinner=False, max_entries=256)
def households(scope: Scope, code: str, config: Settings, by: str) -> pd.DataFrame:
    return villages.village_households(database(), scope, code, config, by)


@st.cache_data(show_spinner=False, max_entries=256)
def care(scope: Scope, code: str) -> pd.DataFrame:
    return villages.village_care(database(), scope, code)


@st.cache_data(show_spinner=False, max_entries=256)
def projects(scope: Scope, code: str) -> pd.DataFrame:
    return villages.village_projects(database(), scope, code)


@st.cache_data(show_spinner=False, max_entries=256)
def funds(scope: Scope, code: str) -> pd.DataFrame:
    return villages.village_funds(database(), scope, code)


@st.cache_data(show_spinner=False, max_entries=256)
def gap_matrix(
    scope: Scope, region: Region, config: Settings, which: str
) -> pd.DataFrame:
    return infrastructure.gap_matrix(database(), scope, region, config, which)


@st.cache_data(show_spinner=False, max_entries=64)
def national_benchmark(scope: Scope, config: Settings, which: str) -> pd.Series:
    return infrastructure.national_benchmark(database(), scope, config, which)


@st.cache_data(show_spinner=False, max_entries=256)
def gap_villages(
    scope: Scope,
    region: Region,
    config: Settings,
    which: str,
    gap: str,
    row: str | None,
    limit: int | None,
) -> pd.DataFrame:
    return infrastructure.gap_villages(
        database(), scope, region, config, which, gap=gap, row=row, limit=limit
    )


def gaps_figure(
    scope: Scope,
    region: Region,
    config: Settings,
    which: str,
    gap: str,
    row: str,
    lang: str,
    source: str,
) -> go.Figure:
    """One row of the gap matrix ("all": the view's total) against the national
    average and the targets, ``gap`` picked."""
    matrix = gap_matrix(scope, region, config, which)
    name = infra_charts.row_names(matrix, lang=lang).get(row, region.name(lang))
    return infra_charts.gap_chart(
        infra_charts.row_shares(matrix, row),
        national_benchmark(scope, config, which),
        infra_targets(config),
        region_name=name,
        picked=gap,
        lang=lang,
        source_note=source,
    )


def regions_figure(
    scope: Scope,
    region: Region,
    config: Settings,
    which: str,
    gap: str,
    row: str,
    lang: str,
    source: str,
) -> go.Figure:
    """Every row of the gap matrix lacking ``gap``, ``row`` picked."""
    return infra_charts.region_chart(
        gap_matrix(scope, region, config, which),
        national_benchmark(scope, config, which),
        gap=gap,
        picked_row=row,
        lang=lang,
        source_note=source,
    )


def gap_list(
    scope: Scope,
    region: Region,
    config: Settings,
    which: str,
    gap: str,
    row: str,
    lang: str,
    limit: int | None,
) -> tuple[str, pd.DataFrame, int]:
    """The villages of one row ("all": the view) lacking ``gap`` as listed (the
    first ``limit``, None for all), the list's title and how many there are."""
    matrix = gap_matrix(scope, region, config, which)
    name = infra_charts.row_names(matrix, lang=lang).get(row, region.name(lang))
    only = None if row == "all" else row
    rows = gap_villages(scope, region, config, which, gap, only, limit)
    total = int(rows["total_rows"].iloc[0]) if len(rows) else 0
    gap_name = t(f"infra.gap.{gap}", lang)
    title = t("infra.list", lang, region=name, gap=gap_name, total=total)
    return title, infra_charts.villages_table(rows, gap=gap, lang=lang), total
