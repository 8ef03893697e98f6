"""Cached queries of the Data page's quality section (not a page itself).

Keyed on the viewer's scope (DESIGN.md §7). An import empties these caches in the
process that notices the new version (pages.common.database).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from loaders import Scope, Settings
from loaders.queries import quality
from pages.common import database


@st.cache_data(show_spinner=False, max_entries=64)
def completeness(scope: Scope) -> pd.DataFrame:
    return quality.completeness(database(), scope)


@st.cache_data(show_spinner=False, max_entries=64)
def rule_checks(scope: Scope, config: Settings) -> pd.DataFrame:
    return quality.rule_checks(database(), scope, config)


@st.cache_data(show_spinner=False, max_entries=64)
def freshness(scope: Scope) -> pd.DataFrame:
    return quality.freshness(database(), scope)
