"""Cached queries of the Funds page (not a page itself), and the recipes that draw
its charts again from a report link (pages/recipes_data.py).

Every wrapper takes the viewer's scope, so two viewers with different scopes never
share a cached result (DESIGN.md §7). Settings are hashable and part of the key of the
queries whose thresholds come from them. Lists take a row limit: the page shows the
first rows, and a download asks for all of them (limit None) when it is clicked.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import fund_tables
from charts import funds as fund_charts
from charts.i18n import t
from loaders import Scope, Settings
from loaders.queries import fund_checks, funds
from loaders.queries.fund_checks import DAYS_BIN, LAST_BIN
from loaders.queries.funds import BREAKDOWNS, PICKS, FundPicks
from loaders.queries.regions import Region
from pages.common import database

if TYPE_CHECKING:
    from pages.recipes_data import View


@st.cache_data(show_spinner=False, max_entries=64)
def fund_codes(scope: Scope) -> dict[str, list[str]]:
    return funds.fund_codes(database(), scope)


@st.cache_data(show_spinner=False, max_entries=256)
def totals_by_year(scope: Scope, region: Region, picks: FundPicks) -> pd.DataFrame:
    return funds.totals_by_year(database(), scope, region, picks)


@st.cache_data(show_spinner=False, max_entries=256)
def breakdown(
    scope: Scope, region: Region, year: int, by: str, picks: FundPicks
) -> pd.DataFrame:
    return funds.breakdown(database(), scope, region, year, by, picks)


@st.cache_data(show_spinner=False, max_entries=128)
def cascade(scope: Scope, region: Region, year: int, top_n: int) -> pd.DataFrame:
    return funds.cascade(database(), scope, region, year, top_n)


@st.cache_data(show_spinner=False, max_entries=256)
def timeliness(
    scope: Scope, region: Region, year: int, picks: FundPicks
) -> pd.DataFrame:
    return fund_checks.timeliness(database(), scope, region, year, picks)


@st.cache_data(show_spinner=False, max_entries=256)
def timeliness_by_region(
    scope: Scope, region: Region, year: int, picks: FundPicks
) -> pd.DataFrame:
    return fund_checks.timeliness_by_region(database(), scope, region, year, picks)


@st.cache_data(show_spinner=False, max_entries=128)
def idle_allocations(
    scope: Scope,
    region: Region,
    year: int,
    config: Settings,
    as_of: dt.date,
    picks: FundPicks,
    limit: int | None,
) -> pd.DataFrame:
    return fund_checks.idle_allocations(
        database(), scope, region, year, config, as_of, picks, limit
    )


@st.cache_data(show_spinner=False, max_entries=256)
def disclosure_by_region(
    scope: Scope,
    region: Region,
    year: int,
    config: Settings,
    as_of: dt.date,
    picks: FundPicks,
) -> pd.DataFrame:
    return fund_checks.disclosure_by_region(
        database(), scope, region, year, config, as_of, picks
    )


@st.cache_data(show_spinner=False, max_entries=128)
def disclosure_failures(
    scope: Scope,
    region: Region,
    year: int,
    config: Settings,
    as_of: dt.date,
    picks: FundPicks,
    limit: int | None,
) -> pd.DataFrame:
    return fund_checks.disclosure_failures(
        database(), scope, region, year, config, as_of, picks, limit
    )


@st.cache_data(show_spinner=False, max_entries=128)
def anomalies(
    scope: Scope, region: Region, year: int, config: Settings, picks: FundPicks
) -> pd.DataFrame:
    return fund_checks.anomalies(database(), scope, region, year, config, picks)


@st.cache_data(show_spinner=False, max_entries=128)
def public_allocations(
    scope: Scope, region: Region, year: int, picks: FundPicks, limit: int | None
) -> pd.DataFrame:
    return funds.public_allocations(database(), scope, region, year, picks, limit)


@st.cache_data(show_spinner=False, max_entries=128)
def public_projects(
    scope: Scope,
    region: Region,
    year: int,
    config: Settings,
    picks: FundPicks,
    limit: int | None,
) -> pd.DataFrame:
    return funds.public_projects(database(), scope, region, year, config, picks, limit)


# Recipes (pages/recipes_data.py): the items as the page draws them; lists whole,
# as their downloads are.


def _picks(view: View) -> FundPicks:
    codes = fund_codes(view.scope)
    chosen = {
        pick: view.options.get(pick)
        for pick in PICKS
        if view.options.get(pick) in codes.get(pick, ())
    }
    return FundPicks(**chosen)


def _funds_breakdown(view: View, _: str) -> go.Figure:
    by = view.pick("by", BREAKDOWNS, "source_level")
    picks = _picks(view)
    return fund_charts.breakdown_chart(
        breakdown(view.scope, view.region, view.year, by, picks),
        by=by,
        year=view.year,
        lang=view.lang,
        picked=getattr(picks, by, None),
        source_note=view.source,
    )


def _funds_by_year(view: View, _: str) -> go.Figure:
    series = totals_by_year(view.scope, view.region, _picks(view))
    return fund_charts.by_year_chart(series, lang=view.lang, source_note=view.source)


def _funds_cascade(view: View, _: str) -> go.Figure:
    measures = ("allocated_yuan", "disbursed_yuan")
    measure = view.pick("measure", measures, "allocated_yuan")
    top_n = view.settings.funds_cascade_top_n
    return fund_charts.cascade_chart(
        cascade(view.scope, view.region, view.year, top_n),
        measure=measure,
        year=view.year,
        lang=view.lang,
        picks=vars(_picks(view)),
        source_note=view.source,
    )


def _funds_days(view: View, _: str) -> go.Figure:
    return fund_charts.timeliness_chart(
        timeliness(view.scope, view.region, view.year, _picks(view)),
        year=view.year,
        days_bin=DAYS_BIN,
        last_bin=LAST_BIN,
        lang=view.lang,
        source_note=view.source,
    )


def _funds_days_by_region(view: View, _: str) -> go.Figure:
    return fund_charts.region_days_chart(
        timeliness_by_region(view.scope, view.region, view.year, _picks(view)),
        lang=view.lang,
        source_note=view.source,
    )


def _checks(view: View) -> tuple:
    """(scope, region, year, settings, as-of date, picks): what the checks take."""
    as_of = view.info["as_of"]
    return (view.scope, view.region, view.year, view.settings, as_of, _picks(view))


def _titled(view: View, key: str) -> str:
    """A list's title as the page's downloads write it."""
    return f"{t(key, view.lang)} · {view.region.name(view.lang)} · {view.year}"


def _funds_disclosure(view: View, _: str) -> go.Figure | tuple[str, pd.DataFrame]:
    if view.kind == "table":  # the failures listed under the chart
        rows = disclosure_failures(*_checks(view), None)
        table = fund_tables.disclosure_table(rows, lang=view.lang)
        return _titled(view, "funds.disclosure_failures"), table
    return fund_charts.disclosure_chart(
        disclosure_by_region(*_checks(view)),
        year=view.year,
        lang=view.lang,
        source_note=view.source,
    )


def _funds_idle(view: View, _: str) -> tuple[str, pd.DataFrame]:
    rows = idle_allocations(*_checks(view), None)
    return _titled(view, "funds.idle"), fund_tables.idle_table(rows, lang=view.lang)


def _funds_anomalies(view: View, _: str) -> tuple[str, pd.DataFrame]:
    config = view.settings
    flags = anomalies(view.scope, view.region, view.year, config, _picks(view))
    table = fund_tables.anomaly_table(
        flags,
        lang=view.lang,
        threshold_pp=config.funds_spending_ahead_pp,
        grace_days=config.funds_after_completion_grace_days,
    )
    return _titled(view, "funds.anomalies"), table


def _funds_public_allocations(view: View, _: str) -> tuple[str, pd.DataFrame]:
    rows = public_allocations(view.scope, view.region, view.year, _picks(view), None)
    table = fund_tables.public_allocations_table(rows, lang=view.lang)
    return _titled(view, "funds.public_allocations"), table


def _funds_public_projects(view: View, _: str) -> tuple[str, pd.DataFrame]:
    picks, config = _picks(view), view.settings
    rows = public_projects(view.scope, view.region, view.year, config, picks, None)
    table = fund_tables.public_projects_table(rows, lang=view.lang)
    return _titled(view, "funds.public_projects"), table


RECIPES = {
    "funds-breakdown": _funds_breakdown,
    "funds-by-year": _funds_by_year,
    "funds-cascade": _funds_cascade,
    "funds-days": _funds_days,
    "funds-days-by-region": _funds_days_by_region,
    "funds-disclosure": _funds_disclosure,
    "funds-idle": _funds_idle,
    "funds-anomalies": _funds_anomalies,
    "funds-public-allocations": _funds_public_allocations,
    "funds-public-projects": _funds_public_projects,
}
