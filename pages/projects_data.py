"""Cached queries of the Industrial projects page (not a page itself), and the
recipes that draw its items again from a report link (pages/recipes_data.py).

Every wrapper takes the viewer's scope, so two viewers with different scopes never
share a cached result (DESIGN.md §7). Settings and the as-of date are part of every
key: the status rules and the risk score come from them. Lists take a row limit: the
page shows the first rows, and a download asks for all of them (limit None) when it
is clicked.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import project_tables as tables
from charts import projects as charts
from charts.i18n import code_label, t
from loaders import Scope, Settings
from loaders.queries import project_risks, projects
from loaders.queries.projects import BREAKDOWNS, STAGES, ProjectPicks
from loaders.queries.regions import Region, map_extent
from pages.common import database, map_geojson_url, map_shapes

if TYPE_CHECKING:
    from pages.recipes_data import View

LIST_ROWS = 200  # rows of a list shown on the page; its download holds them all
WHICH = ("all", "year")  # every project, or those started in the year
RISK_CELLS = tuple(f"{li}-{im}" for li in range(1, 6) for im in range(1, 6))


def project_picks(category: str, which: str, year: int) -> ProjectPicks:
    """What the category and "which" picks narrow the page to."""
    return ProjectPicks(
        None if category == "all" else category, year if which == "year" else None
    )


def risk_cell(cell: str) -> tuple[int, int] | None:
    """The (likelihood, impact) of a picked cell of the risk matrix; None: all."""
    if cell == "all":
        return None
    likelihood, impact = cell.split("-")
    return int(likelihood), int(impact)


def project_listing(
    name: str, config: Settings, lang: str
) -> tuple[str, str, tuple[tuple[str, object], ...]]:
    """A project list by its name (``stage-<stage>``, ``stuck``, ``risks``,
    ``risks-<likelihood>-<impact>``): its title, its order and what it keeps.
    ValueError for any other name."""
    stage = name.removeprefix("stage-")
    if name.startswith("stage-") and stage in STAGES:
        label = code_label("project_stage", stage, lang)
        return f"{t('pr.stage_list', lang)}: {label}", "stuck", (("stage", stage),)
    if name == "stuck":
        title = t("pr.stuck_list", lang, days=config.projects_stuck_days)
        return title, "stuck", (("flag", "stuck"),)
    if name == "risks":
        return t("pr.register", lang), "risk", ()
    cell = name.removeprefix("risks-")
    if name.startswith("risks-") and cell in RISK_CELLS:
        likelihood, impact = risk_cell(cell)
        title = t("pr.register_cell", lang, likelihood=likelihood, impact=impact)
        return title, "risk", (("likelihood", likelihood), ("impact", impact))
    raise ValueError(name)


@st.cache_data(show_spinner=False, max_entries=128)
def categories(scope: Scope, region: Region) -> list[str]:
    return projects.categories(database(), scope, region)


@st.cache_data(show_spinner=False, max_entries=256)
def summary(
    scope: Scope, region: Region, config: Settings, as_of: dt.date, picks: ProjectPicks
) -> pd.Series:
    return projects.summary(database(), scope, region, config, as_of, picks)


@st.cache_data(show_spinner=False, max_entries=256)
def breakdown(
    scope: Scope,
    region: Region,
    config: Settings,
    as_of: dt.date,
    picks: ProjectPicks,
    by: str,
) -> pd.DataFrame:
    return projects.breakdown(database(), scope, region, config, as_of, by, picks)


@st.cache_data(show_spinner=False, max_entries=256)
def status_matrix(
    scope: Scope,
    region: Region,
    config: Settings,
    as_of: dt.date,
    picks: ProjectPicks,
    by: str,
) -> pd.DataFrame:
    return projects.status_matrix(database(), scope, region, config, as_of, by, picks)


@st.cache_data(show_spinner=False, max_entries=128)
def map_figure(
    scope: Scope,
    region: Region,
    config: Settings,
    as_of: dt.date,
    picks: ProjectPicks,
    measure: str,
    lang: str,
    note: str,
    printable: bool = False,
):
    """The county map of a view, cached whole like the Overview's: the counties of
    the region's extent (a county among its city's), the region outlined. A
    ``printable`` one carries its shapes, for an exporter that cannot reach the app."""
    extent = map_extent(region)
    counties = projects.county_values(database(), scope, extent, config, as_of, picks)
    return charts.portfolio_map(
        counties,
        map_shapes(extent),
        measure=measure,
        lang=lang,
        national=extent.level == "country",
        highlight=region.code if region.level == "county" else None,
        source_note=note,
        geojson_url=None if printable else map_geojson_url(extent),
    )


@st.cache_data(show_spinner=False, max_entries=256)
def progress_grid(
    scope: Scope, region: Region, config: Settings, as_of: dt.date, picks: ProjectPicks
) -> pd.DataFrame:
    return projects.progress_grid(database(), scope, region, config, as_of, picks)


@st.cache_data(show_spinner=False, max_entries=256)
def lifecycle(
    scope: Scope, region: Region, config: Settings, as_of: dt.date, picks: ProjectPicks
) -> pd.DataFrame:
    return projects.lifecycle(database(), scope, region, config, as_of, picks)


@st.cache_data(show_spinner=False, max_entries=256)
def project_list(
    scope: Scope,
    region: Region,
    config: Settings,
    as_of: dt.date,
    picks: ProjectPicks,
    order: str,
    only: tuple[tuple[str, object], ...],
    limit: int | None,
) -> pd.DataFrame:
    return projects.project_list(
        database(),
        scope,
        region,
        config,
        as_of,
        picks,
        order=order,
        only=only,
        limit=limit,
    )


@st.cache_data(show_spinner=False, max_entries=128)
def timeline(
    scope: Scope,
    region: Region,
    config: Settings,
    as_of: dt.date,
    picks: ProjectPicks,
    limit: int | None,
) -> pd.DataFrame:
    return projects.timeline(database(), scope, region, config, as_of, picks, limit)


@st.cache_data(show_spinner=False, max_entries=256)
def risk_matrix(
    scope: Scope, region: Region, config: Settings, as_of: dt.date, picks: ProjectPicks
) -> pd.DataFrame:
    return project_risks.risk_matrix(database(), scope, region, config, as_of, picks)


@st.cache_data(show_spinner=False, max_entries=256)
def cover_by_region(
    scope: Scope, region: Region, config: Settings, as_of: dt.date, picks: ProjectPicks
) -> pd.DataFrame:
    return project_risks.cover_by_region(
        database(), scope, region, config, as_of, picks
    )


# Recipes (pages/recipes_data.py): the items as the page draws them.


def _view(view: View) -> tuple:
    """(scope, region, settings, as-of date, picks) of the item's options."""
    category = view.pick("category", categories(view.scope, view.region), "all")
    which = view.pick("which", WHICH, "all")
    picks = project_picks(category, which, view.year)
    return (view.scope, view.region, view.settings, view.info["as_of"], picks)


def _titled(view: View, title: str) -> str:
    """A table's title as the page's downloads write it."""
    return f"{title} · {view.region.name(view.lang)}"


def _status(view: View, _: str) -> go.Figure:
    by, shown = view.pick("by", BREAKDOWNS, "category"), _view(view)
    return charts.status_chart(
        status_matrix(*shown, by),
        breakdown(*shown, by),
        by=by,
        lang=view.lang,
        source_note=view.source,
    )


def _budget(view: View, _: str) -> go.Figure:
    by = view.pick("by", BREAKDOWNS, "category")
    rows = breakdown(*_view(view), by)
    return charts.budget_chart(rows, by=by, lang=view.lang, source_note=view.source)


def _map(view: View, _: str) -> go.Figure:
    measure = view.pick("measure", tuple(charts.MAP_MEASURES), "projects_count")
    shown = (measure, view.lang, view.map_note)
    return map_figure(*_view(view), *shown, printable=True)


def _progress(view: View, _: str) -> go.Figure:
    return charts.progress_chart(
        progress_grid(*_view(view)),
        ratio=view.settings.on_track_progress_ratio,
        lang=view.lang,
        source_note=view.source,
    )


def _lifecycle(view: View, _: str) -> go.Figure:
    stages = lifecycle(*_view(view))
    return charts.lifecycle_chart(stages, lang=view.lang, source_note=view.source)


def _timeline(view: View, _: str) -> go.Figure | tuple[str, pd.DataFrame]:
    rows = timeline(*_view(view), LIST_ROWS)
    if view.kind == "table":
        table = tables.project_table(rows, lang=view.lang)
        return _titled(view, t("pr.timeline_title", view.lang)), table
    return charts.timeline_chart(
        rows, as_of=view.info["as_of"], lang=view.lang, source_note=view.source
    )


def _mechanisms(view: View, _: str) -> go.Figure | tuple[str, pd.DataFrame]:
    rows = breakdown(*_view(view), "benefit_mechanism")
    if view.kind == "table":
        table = tables.breakdown_table(rows, by="benefit_mechanism", lang=view.lang)
        return _titled(view, t("pr.mechanism_title", view.lang)), table
    return charts.mechanism_chart(rows, lang=view.lang, source_note=view.source)


def _risk_matrix(view: View, _: str) -> go.Figure:
    return charts.risk_matrix_chart(
        risk_matrix(*_view(view)),
        lang=view.lang,
        picked=risk_cell(view.pick("cell", RISK_CELLS, "all")),
        source_note=view.source,
    )


def _cover(view: View, _: str) -> go.Figure | tuple[str, pd.DataFrame]:
    cover = cover_by_region(*_view(view))
    if view.kind == "table":
        table = tables.cover_table(cover, lang=view.lang)
        return _titled(view, t("pr.cover_title", view.lang)), table
    return charts.cover_chart(
        cover,
        target_pct=view.settings.projects_risk_fund_target_pct,
        lang=view.lang,
        source_note=view.source,
    )


def _by(view: View, by: str) -> tuple[str, pd.DataFrame]:
    if by not in BREAKDOWNS:
        raise ValueError(by)
    table = tables.breakdown_table(breakdown(*_view(view), by), by=by, lang=view.lang)
    title = f"{t('pr.portfolio', view.lang)} · {t(f'pr.by.{by}', view.lang)}"
    return _titled(view, title), table


def _stages(view: View, _: str) -> tuple[str, pd.DataFrame]:
    shown = _view(view)
    board = tables.lifecycle_table(lifecycle(*shown), lang=view.lang)
    if not summary(*shown)["projects_count"]:
        board = board.iloc[0:0]
    return _titled(view, t("pr.lifecycle_title", view.lang)), board


def _list(view: View, name: str) -> tuple[str, pd.DataFrame]:
    title, order, only = project_listing(name, view.settings, view.lang)
    rows = project_list(*_view(view), order, only, None)
    return _titled(view, title), tables.project_table(rows, lang=view.lang)


def _stage_list(view: View, stage: str) -> tuple[str, pd.DataFrame]:
    return _list(view, f"stage-{stage}")


def _stuck(view: View, _: str) -> tuple[str, pd.DataFrame]:
    return _list(view, "stuck")


def _risks(view: View, cell: str) -> tuple[str, pd.DataFrame]:
    return _list(view, f"risks-{cell}" if cell else "risks")


RECIPES = {
    "projects-status": _status,
    "projects-budget": _budget,
    "projects-by-": _by,
    "projects-map": _map,
    "projects-progress": _progress,
    "projects-lifecycle": _lifecycle,
    "projects-stages": _stages,
    "projects-stage-": _stage_list,
    "projects-stuck": _stuck,
    "projects-timeline": _timeline,
    "projects-mechanisms": _mechanisms,
    "projects-risk-matrix": _risk_matrix,
    "projects-cover": _cover,
    "projects-risks": _risks,
    "projects-risks-": _risks,
}
