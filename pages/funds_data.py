"""Cached queries of the Funds page (not a page itself).

Every wrapper takes the viewer's scope, so two viewers with different scopes never
share a cached result (DESIGN.md §7). Settings are hashable and part of the key of the
queries whose thresholds come from them. Lists take a row limit: the page shows the
first rows, and a download asks for all of them (limit None) when it is clicked.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from loaders import Scope, Settings
from loaders.queries import fund_checks, funds
from loaders.queries.funds import FundPicks
from loaders.queries.regions import Region
from pages.common import database


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
