"""Cached queries of the Villages and Infrastructure pages (not a page itself); the
Infrastructure page's charts and village list; the recipes that draw both pages'
items again from a report link (pages/recipes_data.py).

Every wrapper takes the viewer's scope, so two viewers with different scopes never
share a cached result (DESIGN.md §7). Settings are part of every key: the housing
threshold decides a gap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import infrastructure as infra_charts
from charts import village_tables
from charts import villages as village_charts
from charts.i18n import t
from loaders import Scope, Settings
from loaders.queries import infrastructure, villages
from loaders.queries.regions import Region, map_extent
from loaders.queries.villages import WHICH
from loaders.settings import infra_targets
from pages import common
from pages.common import database, map_geojson_url, map_shapes

if TYPE_CHECKING:
    from pages.recipes_data import View


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
    return village_charts.county_layer_map(
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


# Recipes (pages/recipes_data.py): the items as the pages draw them.


def _villages_map(view: View, layer: str) -> go.Figure:
    if layer not in village_charts.LAYERS:
        raise ValueError(layer)
    which = view.pick("villages", WHICH, "all")
    return map_figure(
        view.scope,
        view.region,
        view.settings,
        which,
        layer,
        view.lang,
        view.map_note,
        printable=True,
    )


def _village_funds(view: View, code: str) -> go.Figure:
    """The funds chart of a village profile: a village of the item's county."""
    if view.region.level != "county":
        raise ValueError(code)
    if code not in set(common.village_names(view.scope, view.region)["code"]):
        raise ValueError(code)
    return village_tables.funds_chart(
        funds(view.scope, code), lang=view.lang, source_note=view.source
    )


def _infra_cell(view: View, gap: str | None, row: str | None) -> tuple:
    """The Infrastructure page's view: (scope, region, settings, which, gap, row,
    lang). ``gap`` and ``row`` come from the item's name when it names them (an
    unknown one raises ValueError), else from its options."""
    which = view.pick("villages", WHICH, "all")
    matrix = gap_matrix(view.scope, view.region, view.settings, which)
    rows = ("all", *infra_charts.row_names(matrix, lang=view.lang))
    if gap is None:
        gap = view.pick("gap", village_charts.GAPS, "road")
    if row is None:
        row = view.pick("row", rows, "all")
    if gap not in village_charts.GAPS or row not in rows:
        raise ValueError(f"{gap}-{row}")
    return (view.scope, view.region, view.settings, which, gap, row, view.lang)


def _infra_matrix(view: View, which: str) -> tuple[str, pd.DataFrame]:
    if which not in WHICH:
        raise ValueError(which)
    matrix = gap_matrix(view.scope, view.region, view.settings, which)
    table = infra_charts.export_table(matrix, lang=view.lang)
    return t("infra.matrix", view.lang), table


def _infra_gaps(view: View, row: str) -> go.Figure:
    return gaps_figure(*_infra_cell(view, None, row), view.source)


def _infra_regions(view: View, gap: str) -> go.Figure:
    return regions_figure(*_infra_cell(view, gap, None), view.source)


def _infra_villages(view: View, cell: str) -> tuple[str, pd.DataFrame]:
    gap, _, row = cell.partition("-")
    title, table, _ = gap_list(*_infra_cell(view, gap, row), None)
    return title, table


RECIPES = {
    "villages-map-": _villages_map,
    "villages-funds-": _village_funds,
    "infrastructure-matrix-": _infra_matrix,
    "infrastructure-gaps-": _infra_gaps,
    "infrastructure-regions-": _infra_regions,
    "infrastructure-villages-": _infra_villages,
}
