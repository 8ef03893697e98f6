"""Cached queries of the Households page (not a page itself), what the page and the
report recipes both draw, and the recipes (pages/recipes_data.py). Each query takes
the viewer's scope, so a result is shared only by viewers who may see the same thing;
household lists come masked from the query layer and are for staff only."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import households as charts
from loaders import Scope, Settings
from loaders.privacy import suppression_threshold
from loaders.queries import households
from loaders.queries.households import (
    BIN_YUAN,
    MAX_LINE_YUAN,
    entering_monitoring,
    group_column,
)
from loaders.queries.regions import Region
from pages.common import database, region_names, village_names

if TYPE_CHECKING:
    from pages.recipes_data import View

LINES = range(0, MAX_LINE_YUAN + 1, BIN_YUAN)  # the what-if slider's monitoring lines


@st.cache_data(show_spinner=False, max_entries=128)
def af_summary(scope: Scope, region: Region, config: Settings, by: str) -> pd.DataFrame:
    return households.af_summary(database(), scope, region, config, by)


@st.cache_data(show_spinner=False, max_entries=128)
def tier_counts(scope: Scope, region: Region, config: Settings) -> pd.DataFrame:
    return households.tier_counts(database(), scope, region, config)


@st.cache_data(show_spinner=False, max_entries=128)
def trigger_counts(scope: Scope, region: Region, config: Settings) -> pd.DataFrame:
    return households.trigger_counts(database(), scope, region, config)


@st.cache_data(show_spinner=False, max_entries=64)
def warning_list(
    scope: Scope, region: Region, config: Settings, limit: int | None
) -> pd.DataFrame:
    return households.warning_list(database(), scope, region, config, limit)


@st.cache_data(show_spinner=False, max_entries=128)
def income_bins(scope: Scope, region: Region, config: Settings) -> pd.DataFrame:
    return households.income_bins(database(), scope, region, config)


@st.cache_data(show_spinner=False, max_entries=128)
def audit_counts(scope: Scope, region: Region, config: Settings) -> pd.DataFrame:
    return households.audit_counts(database(), scope, region, config)


@st.cache_data(show_spinner=False, max_entries=64)
def audit_list(scope: Scope, region: Region, config: Settings) -> pd.DataFrame:
    return households.audit_list(database(), scope, region, config)


def row_names(scope: Scope, region: Region, lang: str) -> dict[str, str]:
    """Names of the rows the page's tables group by: the villages of a county, else
    the provinces or the counties."""
    if region.level == "county":
        names = village_names(scope, region)
    else:
        level = "province" if group_column(region) == "province_code" else "county"
        names = region_names(scope, level)
    name_col = "name_en" if lang == "en" else "name_zh"
    return dict(zip(names["code"], names[name_col], strict=True))


def entering(scope: Scope, region: Region, config: Settings, line: int) -> pd.DataFrame:
    """Households and people a monitoring line of ``line`` yuan would bring in, by
    row and in total."""
    return entering_monitoring(income_bins(scope, region, config), line, scope, config)


def what_if_figure(
    scope: Scope, region: Region, config: Settings, line: int, lang: str, source: str
) -> go.Figure:
    """Households under each monitoring line, ``line`` and the current one marked."""
    return charts.what_if_curve(
        income_bins(scope, region, config),
        line,
        config.monitoring_line_yuan,
        suppression_threshold(scope, config.small_cell_threshold),
        lang=lang,
        source_note=source,
        bin_yuan=BIN_YUAN,
    )


# Recipes (pages/recipes_data.py): the items as the page draws them.


def _label(view: View):
    names = row_names(view.scope, view.region, view.lang)
    return lambda code: names.get(code, code)


def _contributions(view: View, _: str) -> go.Figure:
    summary = af_summary(view.scope, view.region, view.settings, "region")
    return charts.contribution_chart(summary, lang=view.lang, source_note=view.source)


def _af_by_region(view: View, _: str) -> tuple[str, pd.DataFrame]:
    summary = af_summary(view.scope, view.region, view.settings, "region")
    table = charts.decomposition_table(summary, _label(view), lang=view.lang)
    return view.titled("hh.by_region"), table


def _tiers(view: View, _: str) -> go.Figure | tuple[str, pd.DataFrame]:
    counts = tier_counts(view.scope, view.region, view.settings)
    if view.kind == "table":
        return view.titled("hh.tab.tiers"), charts.tier_table(counts, lang=view.lang)
    return charts.tier_chart(counts, lang=view.lang, source_note=view.source)


def _what_if(view: View, _: str) -> go.Figure | tuple[str, pd.DataFrame]:
    line = view.number("line", LINES, view.settings.monitoring_line_yuan)
    shown = (view.scope, view.region, view.settings, line)
    if view.kind == "table":
        table = charts.entering_table(entering(*shown), _label(view), lang=view.lang)
        return view.titled("hh.tab.whatif"), table
    return what_if_figure(*shown, view.lang, view.source)


def _audit(view: View, _: str) -> tuple[str, pd.DataFrame]:
    """The identification audit's list: masked, and only for staff (the query
    refuses anyone else), of a region below the nation as on the page."""
    if view.region.level == "country":
        raise ValueError("country")
    rows = audit_list(view.scope, view.region, view.settings)
    return view.titled("hh.audit_list"), charts.audit_list_table(rows, lang=view.lang)


RECIPES = {
    "households-contributions": _contributions,
    "households-af-by-region": _af_by_region,
    "households-tiers": _tiers,
    "households-what-if": _what_if,
    "households-audit": _audit,
}
