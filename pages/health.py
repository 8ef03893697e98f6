"""Health coverage (健康扶贫): compliance with the clinic, doctor and hospital targets,
distance to care, illness and its costs, and where to add capacity."""

import streamlit as st

from charts import health as charts
from charts import health_tables as tables
from charts.i18n import code_label, t
from charts.metrics import metric
from charts.numbers import suppression_of
from loaders.queries.health import FACILITY_KINDS, GAP_LEVELS, MAX_SITES, access_total
from pages import common
from pages import health_data as data

LIST_ROWS = 200  # rows of a list shown on the page; its download holds them all

ctx = common.context()
lang, scope, region, year = ctx.lang, ctx.scope, ctx.region, ctx.year
config = ctx.settings
source = t("source.synthetic", lang) if ctx.info["synthetic"] else ""
note = common.map_source_note(lang, source)


def cards(items, per_row: int = 5) -> None:
    """Metric cards; a third item is a detail line under the value (no arrow)."""
    for column, (label, value, *detail) in zip(
        st.columns(per_row), items, strict=False
    ):
        column.metric(
            label,
            value,
            detail[0] if detail else None,
            border=True,
            delta_color="off",
            delta_arrow="off",
        )


def show_list(first, to_table, name: str, title_key: str, everything) -> None:
    """The first rows of a list, and all of them as CSV and Excel when clicked."""
    if first.empty:
        st.caption(t("hl.none", lang))
        return
    st.dataframe(to_table(first), hide_index=True)
    total = int(first["total_rows"].iloc[0]) if "total_rows" in first else len(first)
    if total > len(first):
        st.caption(
            t("funds.rows_shown", lang, shown=f"{len(first):,}", total=f"{total:,}")
        )
    common.table_downloads(
        st,
        lambda: to_table(everything()),
        name=f"health-{name}",
        title=f"{t(title_key, lang)} · {region.name(lang)}",
    )


def show_map(measure: str, sites: int, key: str) -> None:
    view = (scope, region, config, measure, lang, note, sites)
    common.chart(
        st,
        lambda: data.map_figure(*view, printable=True),
        shown=data.map_figure(*view),
        name=f"health-map-{measure}" + (f"-{sites}-sites" if sites else ""),
        key=key,
        on_select=lambda: common.drill_down_from_map(key),
        selection_mode="points",
    )


st.title(t("hl.title", lang, region=region.name(lang)))
common.breadcrumb(region, lang)
st.caption(t("hl.caption", lang))
targets = {
    "clinics": config.health_village_clinics_min,
    "doctors": config.health_village_doctors_min,
    "townships": config.health_township_hospitals_min,
    "counties": config.health_county_hospitals_min,
}
tabs = common.page_tabs(
    "hl_tab",
    {
        k: t(f"hl.tab.{k}", lang)
        for k in ("compliance", "access", "illness", "capacity")
    },
)

if tabs["compliance"].open:
    with tabs["compliance"], common.panel(lang):
        st.caption(t("hl.targets", lang, **targets))
        summary = data.compliance(scope, region, config)
        if not summary["villages_count"]:
            st.info(t("hl.empty", lang))
        elif tables.everything_compliant(summary):
            st.success(t("hl.all_compliant", lang))
        cards(tables.compliance_cards(summary, lang=lang), per_row=6)
        left, right = st.columns(2)
        common.chart(
            left,
            common.figure(
                charts.compliance_chart, summary, lang=lang, source_note=source
            ),
            name="health-compliance",
        )
        with right:
            measure = st.selectbox(
                t("hl.map_measure", lang),
                charts.MAP_MEASURES,
                format_func=lambda key: metric(key).label(lang),
                **common.url_widget(
                    "hl_measure", "measure", charts.MAP_MEASURES, charts.MAP_MEASURES[0]
                ),
            )
            st.caption(f"{metric(measure).describe(lang)} {t('hl.map_help', lang)}")
        show_map(measure, 0, "hl_map")
        level = st.radio(
            t("hl.gap_level", lang),
            GAP_LEVELS,
            format_func=lambda key: t(f"hl.gap_level.{key}", lang),
            horizontal=True,
            **common.url_widget("hl_level", "level", GAP_LEVELS, "village"),
        )
        show_list(
            data.gap_list(scope, region, config, level, LIST_ROWS),
            lambda frame: tables.gap_table(frame, level=level, lang=lang),
            f"gaps-{level}",
            f"hl.gap_level.{level}",
            lambda: data.gap_list(scope, region, config, level, None),
        )

if tabs["access"].open:
    with tabs["access"], common.panel(lang):
        radii = ("、" if lang == "zh" else ", ").join(
            f"{r:g}" for r in config.health_radii_km
        )
        st.caption(t("hl.access_caption", lang, radii=radii))
        access = data.access(scope, region, config)
        cards(tables.access_cards(access_total(access), lang=lang), per_row=6)
        kind = st.selectbox(
            t("hl.kind", lang),
            FACILITY_KINDS,
            format_func=lambda k: code_label("facility_kind", k, lang),
            **common.url_widget("hl_kind", "kind", FACILITY_KINDS, "village_clinic"),
        )
        common.chart(
            st,
            common.figure(
                charts.access_chart, access, kind=kind, lang=lang, source_note=source
            ),
            name=f"health-access-{kind}",
        )
        show_list(
            access,
            lambda frame: tables.access_table(frame, lang=lang),
            "access",
            "hl.access_table",
            lambda: access,
        )
        st.markdown(f"**{t('hl.remote', lang, km=f'{config.health_radii_km[0]:g}')}**")
        show_list(
            data.remote_villages(scope, region, config, LIST_ROWS),
            lambda frame: tables.remote_table(frame, lang=lang),
            "remote",
            "hl.remote_title",
            lambda: data.remote_villages(scope, region, config, None),
        )

if tabs["illness"].open:
    with tabs["illness"], common.panel(lang):
        share = f"{100 * config.catastrophic_oop_share:g}"
        st.caption(t("hl.illness_caption", lang, share=share))
        costs = data.costs(scope, region, config)
        shown = costs[costs["year"] == year]
        if costs.empty:
            st.info(t("hl.no_costs", lang))
        else:
            if shown.empty:
                shown = costs.tail(1)
                st.caption(t("hl.costs_year", lang, year=int(shown["year"].iloc[0])))
            cards(
                tables.cost_cards(shown.iloc[0], below=suppression_of(costs), lang=lang)
            )
        left, right = st.columns(2)
        common.chart(
            left,
            common.figure(charts.costs_chart, costs, lang=lang, source_note=source),
            name="health-costs",
        )
        by_care = data.illness_by_care(scope, region, config)
        common.chart(
            right,
            common.figure(
                charts.illness_by_care_chart, by_care, lang=lang, source_note=source
            ),
            name="health-illness-by-care",
        )
        if not costs.empty:
            show_list(
                costs,
                lambda frame: tables.costs_table(frame, lang=lang),
                "costs",
                "hl.costs_table",
                lambda: costs,
            )
        show_list(
            by_care if by_care["villages_count"].sum() else by_care.iloc[0:0],
            lambda frame: tables.illness_table(frame, lang=lang),
            "illness-by-care",
            "hl.illness_care_title",
            lambda: by_care,
        )

if tabs["capacity"].open:
    with tabs["capacity"], common.panel(lang):
        st.caption(
            t("hl.siting_method", lang, km=f"{config.health_siting_radius_km:g}")
        )
        n = st.slider(
            t("hl.sites_n", lang),
            1,
            MAX_SITES,
            **common.url_number("hl_sites", "sites", range(1, MAX_SITES + 1), 10),
        )
        picks, outcome = data.siting(scope, region, config, n)
        cards(tables.siting_cards(outcome, lang=lang), per_row=4)
        if outcome["population_count"] and outcome["sites_count"] < n:
            st.caption(t("hl.all_covered", lang, n=int(outcome["sites_count"])))
        left, right = st.columns(2)
        common.chart(
            left,
            common.figure(
                charts.coverage_chart,
                picks,
                summary=outcome,
                lang=lang,
                source_note=source,
            ),
            name="health-coverage",
        )
        with right:
            show_list(
                picks,
                lambda frame: tables.siting_table(frame, lang=lang),
                "sites",
                "hl.sites_title",
                lambda: picks,
            )
        show_map("health_near_clinic_pct", n, "hl_sites_map")
