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
from charts import infrastructure as infra_charts
from charts import overview as overview_charts
from charts import village_tables
from charts import villages as village_charts
from charts.i18n import t
from loaders import Scope, Settings
from loaders.queries.fund_checks import DAYS_BIN, LAST_BIN
from loaders.queries.funds import BREAKDOWNS, PICKS, FundPicks
from loaders.queries.overview import MAP_INDICATORS, WORSE_WHEN_HIGHER
from loaders.queries.regions import Region
from loaders.queries.villages import WHICH
from pages import common, funds_data, villages_data


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

    @property
    def map_note(self) -> str:
        """A map's footnote, as common.map_source_note writes it on the page."""
        approval = self.settings.map_approval_number or t("map.no_approval", self.lang)
        return t("map.source", self.lang, approval=approval, data=self.source)

    def pick(self, key: str, allowed, default):
        """The page option ``key`` if it is one of ``allowed``, else ``default``."""
        value = self.options.get(key)
        return value if value in allowed else default


# Keys ending in "-" take the rest of the name as an argument (the map's indicator,
# a worst-regions table's key).


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


def _picks(view: View) -> FundPicks:
    codes = funds_data.fund_codes(view.scope)
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
    measures = ("allocated_yuan", "disbursed_yuan")
    measure = view.pick("measure", measures, "allocated_yuan")
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


def _villages_map(view: View, layer: str) -> go.Figure:
    if layer not in village_charts.LAYERS:
        raise ValueError(layer)
    which = view.pick("villages", WHICH, "all")
    return villages_data.map_figure(
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
        villages_data.funds(view.scope, code), lang=view.lang, source_note=view.source
    )


def _infra_cell(view: View, gap: str | None, row: str | None) -> tuple:
    """The Infrastructure page's view: (scope, region, settings, which, gap, row,
    lang). ``gap`` and ``row`` come from the item's name when it names them (an
    unknown one raises ValueError), else from its options."""
    which = view.pick("villages", WHICH, "all")
    matrix = villages_data.gap_matrix(view.scope, view.region, view.settings, which)
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
    matrix = villages_data.gap_matrix(view.scope, view.region, view.settings, which)
    table = infra_charts.export_table(matrix, lang=view.lang)
    return t("infra.matrix", view.lang), table


def _infra_gaps(view: View, row: str) -> go.Figure:
    return villages_data.gaps_figure(*_infra_cell(view, None, row), view.source)


def _infra_regions(view: View, gap: str) -> go.Figure:
    return villages_data.regions_figure(*_infra_cell(view, gap, None), view.source)


def _infra_villages(view: View, cell: str) -> tuple[str, pd.DataFrame]:
    gap, _, row = cell.partition("-")
    title, table, _ = villages_data.gap_list(*_infra_cell(view, gap, row), None)
    return title, table


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
    "villages-map-": _villages_map,
    "villages-funds-": _village_funds,
    "infrastructure-matrix-": _infra_matrix,
    "infrastructure-gaps-": _infra_gaps,
    "infrastructure-regions-": _infra_regions,
    "infrastructure-villages-": _infra_villages,
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
