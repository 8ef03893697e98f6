"""Industrial projects (产业扶贫): the portfolio, the lifecycle, the timeline, the
beneficiaries and the risk register."""

import streamlit as st

from charts import project_tables as tables
from charts import projects as charts
from charts.i18n import code_label, t
from charts.metrics import metric
from loaders import JingzhunError
from loaders.queries.projects import BREAKDOWNS, STAGES
from loaders.settings import risk_weights
from pages import common
from pages import projects_data as data

LIST_ROWS = data.LIST_ROWS
SECTIONS = ("portfolio", "lifecycle", "timeline", "beneficiaries", "risks")

ctx = common.context()
lang, scope, region, year = ctx.lang, ctx.scope, ctx.region, ctx.year
config, as_of = ctx.settings, ctx.as_of
source = t("source.synthetic", lang) if ctx.info["synthetic"] else ""


def pick_from_bar() -> None:
    """A click on a status bar narrows the page to that bar's category (a region bar
    drills into the region)."""
    points = st.session_state["pr_status_chart"]["selection"]["points"]
    code = points[0].get("customdata") if points else None
    code = code[0] if isinstance(code, list) else code
    by = st.session_state["state_pr_by"]
    if code is None or by not in ("region", "category"):
        return
    if by == "category":
        st.session_state["state_pr_category"] = str(code)
        return
    try:
        common.set_region_filters(common.resolve_region(scope, str(code)))
    except JingzhunError:
        return  # a region the viewer may not open: stay where we are


def pick_cell() -> None:
    """A click on a cell of the risk matrix narrows the register to it."""
    points = st.session_state["pr_matrix"]["selection"]["points"]
    cell = points[0].get("customdata") if points else None
    if isinstance(cell, list) and len(cell) == 2:
        st.session_state["state_pr_cell"] = f"{int(cell[0])}-{int(cell[1])}"


def show_list(name: str) -> None:
    """The first rows of a project list (see data.project_listing); all of them as
    CSV and Excel built when clicked."""
    title, order, only = data.project_listing(name, config, lang)
    first = data.project_list(*view, order, only, LIST_ROWS)
    if first.empty:
        st.caption(t("pr.none", lang))
        return
    st.dataframe(tables.project_table(first, lang=lang), hide_index=True)
    total = int(first["total_rows"].iloc[0])
    if total > len(first):
        shown, total = f"{len(first):,}", f"{total:,}"
        st.caption(t("funds.rows_shown", lang, shown=shown, total=total))

    def everything():
        return tables.project_table(
            data.project_list(*view, order, only, None), lang=lang
        )

    download(name, title, everything)


def show_table(table, name: str, title: str) -> None:
    """A summary table and its downloads; a caption instead when it has no rows."""
    if table.empty:
        st.caption(t("pr.none", lang))
        return
    st.dataframe(table, hide_index=True)
    download(name, title, lambda: table)


def download(name: str, title: str, build_table) -> None:
    common.table_downloads(
        st,
        build_table,
        name=f"projects-{name}",
        title=f"{title} · {region.name(lang)}",
        filters=filters,
    )


st.title(t("pr.title", lang, region=region.name(lang)))
common.breadcrumb(region, lang)
st.caption(t("pr.caption", lang, as_of=as_of))

left, right = st.columns(2)
options = ["all", *data.categories(scope, region)]
category = left.selectbox(
    t("pr.pick.category", lang),
    options,
    format_func=lambda c: (
        t("funds.pick.all", lang)
        if c == "all"
        else code_label("project_category", c, lang)
    ),
    **common.url_widget("pr_category", "category", options, "all"),
)
which = right.radio(
    t("pr.pick.which", lang),
    data.WHICH,
    format_func=lambda w: t(f"pr.which.{w}", lang, year=year),
    horizontal=True,
    **common.url_widget("pr_which", "which", data.WHICH, "all"),
)
picks = data.project_picks(category, which, year)
view = (scope, region, config, as_of, picks)
filters = tables.filters_text(
    region.name(lang),
    {
        "pr.pick.category": t("funds.pick.all", lang)
        if category == "all"
        else code_label("project_category", category, lang),
        "pr.pick.which": t(f"pr.which.{which}", lang, year=year),
    },
    lang=lang,
    as_of=as_of,
)

tabs = common.page_tabs(
    "pr_tab",
    {name: t(f"pr.{name}", lang) for name in SECTIONS},
)
if tabs["portfolio"].open:
    with tabs["portfolio"], common.panel(lang):
        summary = data.summary(*view)
        st.caption(
            t(
                "pr.rules",
                lang,
                ratio=f"{config.on_track_progress_ratio:g}",
                over=f"{config.projects_over_budget_pct:g}",
                stuck=config.projects_stuck_days,
            )
        )
        if not summary["projects_count"]:
            st.info(t("pr.empty", lang))
        cards = tables.portfolio_cards(summary, lang=lang)
        for row in (cards[:4], cards[4:]):
            for column, (label, value, help_text) in zip(
                st.columns(4), row, strict=False
            ):
                column.metric(label, value, border=True, help=help_text or None)
        by = st.selectbox(
            t("pr.breakdown", lang),
            BREAKDOWNS,
            format_func=lambda key: t(f"pr.by.{key}", lang),
            **common.url_widget("pr_by", "by", BREAKDOWNS, "category"),
        )
        rows = data.breakdown(*view, by)
        left, right = st.columns(2)
        common.chart(
            left,
            common.figure(
                charts.status_chart,
                data.status_matrix(*view, by),
                rows=rows,
                by=by,
                lang=lang,
                source_note=source,
            ),
            key="pr_status_chart",
            on_select=pick_from_bar,
            selection_mode="points",
            name="projects-status",
        )
        common.chart(
            right,
            common.figure(
                charts.budget_chart, rows, by=by, lang=lang, source_note=source
            ),
            name="projects-budget",
        )
        show_table(
            tables.breakdown_table(rows, by=by, lang=lang),
            f"by-{by}",
            f"{t('pr.portfolio', lang)} · {t(f'pr.by.{by}', lang)}",
        )
        left, right = st.columns(2)
        measures = tuple(charts.MAP_MEASURES)
        measure = left.selectbox(
            t("pr.map_measure", lang),
            measures,
            format_func=lambda key: metric(key).label(lang),
            **common.url_widget("pr_measure", "measure", measures, "projects_count"),
        )
        left.caption(t("pr.map_help", lang))
        note = common.map_source_note(lang, source)
        common.chart(
            left,
            lambda: data.map_figure(*view, measure, lang, note, printable=True),
            shown=data.map_figure(*view, measure, lang, note),
            key="pr_map",
            on_select=lambda: common.drill_down_from_map("pr_map"),
            selection_mode="points",
            name="projects-map",
        )
        common.chart(
            right,
            common.figure(
                charts.progress_chart,
                data.progress_grid(*view),
                ratio=config.on_track_progress_ratio,
                lang=lang,
                source_note=source,
            ),
            name="projects-progress",
        )

if tabs["lifecycle"].open:
    with tabs["lifecycle"], common.panel(lang):
        st.caption(t("pr.lifecycle_caption", lang, stuck=config.projects_stuck_days))
        stages = data.lifecycle(*view)
        left, right = st.columns(2)
        common.chart(
            left,
            common.figure(
                charts.lifecycle_chart, stages, lang=lang, source_note=source
            ),
            name="projects-lifecycle",
        )
        with right:
            board = tables.lifecycle_table(stages, lang=lang)
            any_projects = data.summary(*view)["projects_count"] > 0
            show_table(
                board if any_projects else board.iloc[0:0],
                "stages",
                t("pr.lifecycle_title", lang),
            )
        stage = st.selectbox(
            t("pr.stage_list", lang),
            STAGES,
            format_func=lambda s: code_label("project_stage", s, lang),
            **common.url_widget("pr_stage", "stage", STAGES, "started"),
        )
        show_list(f"stage-{stage}")
        st.markdown(f"**{data.project_listing('stuck', config, lang)[0]}**")
        show_list("stuck")

if tabs["timeline"].open:
    with tabs["timeline"], common.panel(lang):
        if region.level == "county":
            st.caption(t("pr.timeline_county", lang, rows=LIST_ROWS))
        else:
            top_n = config.projects_timeline_top_n
            st.info(t("pr.timeline_pick", lang, top_n=top_n))
        rows = data.timeline(*view, LIST_ROWS)
        common.chart(
            st,
            common.figure(
                charts.timeline_chart,
                rows,
                as_of=as_of,
                lang=lang,
                source_note=source,
            ),
            name="projects-timeline",
        )
        if not rows.empty:
            download(
                "timeline",
                t("pr.timeline_title", lang),
                lambda: tables.project_table(rows, lang=lang),
            )

if tabs["beneficiaries"].open:
    with tabs["beneficiaries"], common.panel(lang):
        st.caption(
            t("pr.beneficiaries_caption", lang, below=config.small_cell_threshold)
        )
        for column, (label, value) in zip(
            st.columns(4),
            tables.beneficiary_cards(data.summary(*view), lang=lang),
            strict=True,
        ):
            column.metric(label, value, border=True)
        mechanisms = data.breakdown(*view, "benefit_mechanism")
        common.chart(
            st,
            common.figure(
                charts.mechanism_chart, mechanisms, lang=lang, source_note=source
            ),
            name="projects-mechanisms",
        )
        table = tables.breakdown_table(mechanisms, by="benefit_mechanism", lang=lang)
        show_table(table, "mechanisms", t("pr.mechanism_title", lang))

if tabs["risks"].open:
    with tabs["risks"], common.panel(lang):
        st.caption(tables.risk_sentence(risk_weights(config), config, lang=lang))
        common.url_widget("pr_cell", "cell", ["all", *data.RISK_CELLS], "all")
        cell = st.session_state["state_pr_cell"]
        picked = data.risk_cell(cell)
        left, right = st.columns(2)
        common.chart(
            left,
            common.figure(
                charts.risk_matrix_chart,
                data.risk_matrix(*view),
                lang=lang,
                picked=picked,
                source_note=source,
            ),
            key="pr_matrix",
            on_select=pick_cell,
            selection_mode="points",
            name="projects-risk-matrix",
        )
        cover = data.cover_by_region(*view)
        target = config.projects_risk_fund_target_pct
        common.chart(
            right,
            common.figure(
                charts.cover_chart,
                cover,
                target_pct=target,
                lang=lang,
                source_note=source,
            ),
            name="projects-cover",
        )
        show_table(
            tables.cover_table(cover, lang=lang), "cover", t("pr.cover_title", lang)
        )
        register = "risks" if not picked else f"risks-{cell}"
        st.markdown(f"**{data.project_listing(register, config, lang)[0]}**")
        if picked:
            st.button(
                t("pr.all_cells", lang),
                key="pr_all_cells",
                on_click=lambda: st.session_state.update(state_pr_cell="all"),
            )
        show_list(register)
