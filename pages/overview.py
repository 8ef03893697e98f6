"""Overview (总览): headline figures, county map with drill-down, where to look next."""

import streamlit as st

from charts import overview as charts
from charts.i18n import t
from charts.metrics import metric
from loaders.queries.overview import MAP_INDICATORS
from pages import common

ctx = common.context()
lang, scope, region, year = ctx.lang, ctx.scope, ctx.region, ctx.year
source = t("source.synthetic", lang) if ctx.info["synthetic"] else ""

st.title(t("overview.title", lang, region=region.name(lang), year=year))
common.breadcrumb(region, lang)

with common.panel(lang):
    series = common.headline_series(scope, region, ctx.settings)
    facts = common.current_facts(scope, region, ctx.settings, ctx.as_of)
    st.subheader(t("overview.headlines", lang))
    ratio = ctx.settings.on_track_progress_ratio
    st.caption(
        f"{t('overview.trend_caption', lang)} "
        f"{t('overview.now_caption', lang, as_of=ctx.as_of)} "
        f"{t('overview.settings_used', lang, ratio=ratio)}"
    )
    if facts["villages_count"] == 0:
        st.info(t("empty.region", lang))
    cards = charts.headline_cards(series, facts, year=year, lang=lang)
    for row in (cards[:4], cards[4:]):
        for column, card in zip(st.columns(4), row, strict=False):
            column.metric(
                card.label,
                card.value,
                card.delta,
                border=True,
                delta_color=card.delta_color,
                delta_arrow="off" if card.delta_color == "off" else "auto",
                delta_description=t("overview.delta_year", lang)
                if card.delta
                else None,
                chart_data=card.trend,
                help=card.help,
            )

st.subheader(t("overview.map", lang))
indicator = st.selectbox(
    t("overview.indicator", lang),
    MAP_INDICATORS,
    **common.url_widget("ov_indicator", "indicator", MAP_INDICATORS, "exit_year"),
    format_func=lambda key: metric(key).label(lang),
)
st.caption(f"{metric(indicator).describe(lang)} {t('overview.map_help', lang)}")
with common.panel(lang):
    view = (scope, region, indicator, year, lang)
    note = common.map_source_note(lang, source)
    common.chart(
        st,
        lambda: common.county_map_figure(*view, note, ctx.settings, printable=True),
        shown=common.county_map_figure(*view, note, ctx.settings),
        name=f"overview-map-{indicator}",
        key="ov_map",
        on_select=lambda: common.drill_down_from_map("ov_map"),
        selection_mode="points",
    )

st.subheader(t("overview.worst", lang))
with common.panel(lang):
    level = "province" if region.level == "country" else "county"
    worst = common.worst_regions(scope, region, year, ctx.settings)
    st.caption(
        t("overview.worst_caption", lang, year=year, level=t(f"level.{level}", lang))
    )
    tables = charts.worst_region_tables(
        worst, common.region_names(scope, level), lang=lang
    )
    columns = st.columns(len(tables))
    for column, key, (title, table) in zip(columns, worst, tables, strict=True):
        column.markdown(f"**{title}**")
        if table.empty:
            column.caption(t("overview.worst_none", lang))
            continue
        column.dataframe(table, hide_index=True)
        common.table_downloads(
            column,
            lambda table=table: table,
            name=f"overview-worst-{key}",
            title=f"{title} · {region.name(lang)} · {year}",
        )

st.subheader(t("overview.trends", lang))
with common.panel(lang):
    left, right = st.columns(2)
    common.chart(
        left,
        common.figure(
            charts.poor_population_trend,
            series,
            reference=common.reference_series(),
            lang=lang,
        ),
        name="overview-poor-population",
    )
    common.chart(
        right,
        common.figure(charts.funds_trend, series, lang=lang, source_note=source),
        name="overview-funds",
    )
