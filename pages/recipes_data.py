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

from charts import funds as fund_charts
from charts import overview as overview_charts
from charts.i18n import t
from loaders import Scope, Settings
from loaders.queries.fund_checks import DAYS_BIN, LAST_BIN
from loaders.queries.funds import BREAKDOWNS, PICKS, FundPicks
from loaders.queries.overview import MAP_INDICATORS, WORSE_WHEN_HIGHER
from loaders.queries.regions import Region
from pages import common, funds_data


@dataclass(frozen=True)
class View:
    """What a recipe draws for: the viewer's scope, the item's region, year,
    language and options."""

    scope: Scope | None
    region: Region
    year: int
    lang: str
    settings: Settings
    info: dict
    options: dict = field(default_factory=dict)

    @property
    def source(self) -> str:
        return t("source.synthetic", self.lang) if self.info["synthetic"] else ""


# Keys ending in "-" take the rest of the name as an argument (the map's indicator,
# a worst-regions table's key).


def _map(view: View, indicator: str) -> go.Figure:
    if indicator not in MAP_INDICATORS:
        raise ValueError(indicator)
    note = t("map.source", view.lang, approval=_approval(view), data=view.source)
    return common.county_map_figure(
        view.scope,
        view.region,
        indicator,
        view.year,
        view.lang,
        note,
        view.settings,
        printable=True,
    )


def _approval(view: View) -> str:
    return view.settings.map_approval_number or t("map.no_approval", view.lang)


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


def _picks(view: View) -> FundPicks:
    codes = funds_data.fund_codes(view.scope)
    chosen = {
        pick: view.options.get(pick)
        for pick in PICKS
        if view.options.get(pick) in codes.get(pick, ())
    }
    return FundPicks(**chosen)


def _funds_breakdown(view: View, _: str) -> go.Figure:
    by = view.options.get("by")
    by = by if by in BREAKDOWNS else "source_level"
    picks = _picks(view)
    return fund_charts.breakdown_chart(
        funds_data.breakdown(view.scope, view.region, view.year, by, picks),
        by=by,
        year=view.year,
        lang=view.lang,
        picked=getattr(picks, by, None),
        source_note=view.source,
    )


def _funds_by_year(view: View, _: str) -> go.Figure:
    series = funds_data.totals_by_year(view.scope, view.region, _picks(view))
    return fund_charts.by_year_chart(series, lang=view.lang, source_note=view.source)


def _funds_cascade(view: View, _: str) -> go.Figure:
    measure = view.options.get("measure")
    measure = (
        measure
        if measure in ("allocated_yuan", "disbursed_yuan")
        else ("allocated_yuan")
    )
    top_n = view.settings.funds_cascade_top_n
    return fund_charts.cascade_chart(
        funds_data.cascade(view.scope, view.region, view.year, top_n),
        measure=measure,
        year=view.year,
        lang=view.lang,
        picks=vars(_picks(view)),
        source_note=view.source,
    )


def _funds_days(view: View, _: str) -> go.Figure:
    return fund_charts.timeliness_chart(
        funds_data.timeliness(view.scope, view.region, view.year, _picks(view)),
        year=view.year,
        days_bin=DAYS_BIN,
        last_bin=LAST_BIN,
        lang=view.lang,
        source_note=view.source,
    )


def _funds_days_by_region(view: View, _: str) -> go.Figure:
    return fund_charts.region_days_chart(
        funds_data.timeliness_by_region(
            view.scope, view.region, view.year, _picks(view)
        ),
        lang=view.lang,
        source_note=view.source,
    )


def _funds_disclosure(view: View, _: str) -> go.Figure:
    as_of = view.info["as_of"]
    by_region = funds_data.disclosure_by_region(
        view.scope, view.region, view.year, view.settings, as_of, _picks(view)
    )
    return fund_charts.disclosure_chart(
        by_region, year=view.year, lang=view.lang, source_note=view.source
    )


RECIPES: dict[str, Callable[[View, str], go.Figure | tuple[str, pd.DataFrame]]] = {
    "overview-map-": _map,
    "overview-poor-population": _poor_population,
    "overview-funds": _overview_funds,
    "overview-worst-": _worst,
    "funds-breakdown": _funds_breakdown,
    "funds-by-year": _funds_by_year,
    "funds-cascade": _funds_cascade,
    "funds-days": _funds_days,
    "funds-days-by-region": _funds_days_by_region,
    "funds-disclosure": _funds_disclosure,
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
