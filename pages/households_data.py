"""Cached queries of the Households page (not a page itself). Each takes the viewer's
scope, so a result is shared only by viewers who may see the same thing."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from loaders import Scope, Settings
from loaders.queries import households
from loaders.queries.regions import Region
from pages.common import database


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
