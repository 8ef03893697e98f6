"""Cached queries of the Data page's quality section (not a page itself), and the
recipes that draw its tables again from a report link (pages/recipes_data.py).

Keyed on the viewer's scope (DESIGN.md §7). An import empties these caches in the
process that notices the new version (pages.common.database).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from charts.i18n import t
from charts.quality_tables import checks_table, completeness_table, freshness_table
from loaders import JingzhunError, Scope, Settings
from loaders.queries import quality
from pages.common import database

if TYPE_CHECKING:
    from pages.recipes_data import View


@st.cache_data(show_spinner=False, max_entries=64)
def completeness(scope: Scope) -> pd.DataFrame:
    return quality.completeness(database(), scope)


@st.cache_data(show_spinner=False, max_entries=64)
def rule_checks(scope: Scope, config: Settings) -> pd.DataFrame:
    return quality.rule_checks(database(), scope, config)


@st.cache_data(show_spinner=False, max_entries=64)
def freshness(scope: Scope) -> pd.DataFrame:
    return quality.freshness(database(), scope)


def for_staff(scope: Scope | None) -> bool:
    """Whether the viewer sees the quality report (not the public)."""
    return scope is not None and scope.role != "public"


def sections(scope: Scope, config: Settings) -> dict[str, tuple[Callable, Callable]]:
    """The report's tables in page order: key → (load the frame, shape the table)."""
    return {
        "freshness": (lambda: freshness(scope), freshness_table),
        "checks": (lambda: rule_checks(scope, config), checks_table),
        "completeness": (lambda: completeness(scope), completeness_table),
    }


# Recipes (pages/recipes_data.py). The import problem report has none: it answers
# one upload, and the upload is not kept.


def _quality(view: View, key: str) -> tuple[str, pd.DataFrame]:
    tables = sections(view.scope, view.settings)
    if key not in tables:
        raise ValueError(key)
    if not for_staff(view.scope):
        staff_only = "quality.staff_only"
        raise JingzhunError(t(staff_only, "zh"), t(staff_only, "en"))
    load, shape = tables[key]
    return t(f"quality.{key}", view.lang), shape(load(), lang=view.lang)


RECIPES = {"data-quality-": _quality}
