"""Recipes: how a report item restored from a link is drawn (not a page itself).

A recipe draws an item the way its page draws it, for the item's region, year,
language and page options, within the scope of whoever opens the link (a test
compares each with the page's own figure). It reads options only from the item's
URL parameters and checks each against the values the page offers, falling back to
the page's default; a name the recipe does not know raises ValueError.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from charts import overview as overview_charts
from charts.i18n import t
from loaders import Scope, Settings
from loaders.queries.overview import MAP_INDICATORS, WORSE_WHEN_HIGHER
from loaders.queries.regions import Region
from pages import (
    common,
    funds_data,
    health_data,
    households_data,
    projects_data,
    quality_data,
    villages_data,
)


@dataclass(frozen=True)
class View:
    """What a recipe draws for: the viewer's scope, the item's region, year,
    language and options, and whether it is a chart or a table (a page may name
    both the same)."""

    scope: Scope | None
    region: Region
    year: int
    lang: str
    settings: Settings
    info: dict
    options: dict = field(default_factory=dict)
    kind: str = "chart"

    @property
    def source(self) -> str:
        return t("source.synthetic", self.lang) if self.info["synthetic"] else ""

    @property
    def map_note(self) -> str:
        """A map's footnote, as common.map_source_note writes it on the page."""
        approval = self.settings.map_approval_number or t("map.no_approval", self.lang)
        return t("map.source", self.lang, approval=approval, data=self.source)

    def pick(self, key: str, allowed, default):
        """The page option ``key`` if it is one of ``allowed``, else ``default``."""
        value = self.options.get(key)
        return value if value in allowed else default

    def number(self, key: str, allowed: range, default: int) -> int:
        """A numeric page option (a slider's), as common.url_number reads it."""
        value = self.options.get(key, "")
        number = int(value) if value.isdigit() else None
        return number if number in allowed else default

    def titled(self, key: str) -> str:
        """A list's title as its page writes it: the label and the region."""
        return f"{t(key, self.lang)} · {self.region.name(self.lang)}"


# A recipe takes the view and the rest of the item's name after its key: keys ending
# in "-" match every name they begin (the map's indicator, a worst-regions table's
# key). It returns a figure, or a table with its title.
Recipe = Callable[["View", str], go.Figure | tuple[str, pd.DataFrame]]


# The Overview's items (the page draws them with pages.common).


def _map(view: View, indicator: str) -> go.Figure:
    if indicator not in MAP_INDICATORS:
        raise ValueError(indicator)
    return common.county_map_figure(
        view.scope,
        view.region,
        indicator,
        view.year,
        view.lang,
        view.map_note,
        view.settings,
        printable=True,
    )


def _poor_population(view: View, _: str) -> go.Figure:
    series = common.headline_series(view.scope, view.region, view.settings)
    return overview_charts.poor_population_trend(
        series, common.reference_series(), lang=view.lang
    )


def _overview_funds(view: View, _: str) -> go.Figure:
    series = common.headline_series(view.scope, view.region, view.settings)
    return overview_charts.funds_trend(series, lang=view.lang, source_note=view.source)


def _worst(view: View, key: str) -> tuple[str, pd.DataFrame]:
    if key not in WORSE_WHEN_HIGHER:
        raise ValueError(key)
    region, lang = view.region, view.lang
    level = "province" if region.level == "country" else "county"
    worst = common.worst_regions(view.scope, region, view.year, view.settings)
    tables = overview_charts.worst_region_tables(
        worst, common.region_names(view.scope, level), lang=lang
    )
    title, table = dict(zip(worst, tables, strict=True))[key]
    return f"{title} · {region.name(lang)} · {view.year}", table


RECIPES: dict[str, Recipe] = {
    "overview-map-": _map,
    "overview-poor-population": _poor_population,
    "overview-funds": _overview_funds,
    "overview-worst-": _worst,
    **funds_data.RECIPES,
    **villages_data.RECIPES,
    **health_data.RECIPES,
    **projects_data.RECIPES,
    **households_data.RECIPES,
    **quality_data.RECIPES,
}


def find_recipe(name: str):
    """The recipe for an item name and the argument it takes (the rest of a name
    matched by a prefix key), or (None, "")."""
    if name in RECIPES:
        return RECIPES[name], ""
    for key, recipe in RECIPES.items():
        if key.endswith("-") and name.startswith(key):
            return recipe, name.removeprefix(key)
    return None, ""
