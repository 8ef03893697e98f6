"""Households (精准识别与监测): Alkire-Foster scores, tiers, early warning, the what-if
monitoring line and the identification audit, for the region in the filters."""

import streamlit as st

from charts import households as charts
from charts.i18n import code_label, t
from charts.numbers import format_value, suppression_of
from charts.tables import to_csv_bytes
from loaders.queries.households import BIN_YUAN, MAX_LINE_YUAN
from loaders.settings import af_weights
from pages import common
from pages import households_data as data

ctx = common.context()
lang, scope, region, config = ctx.lang, ctx.scope, ctx.region, ctx.settings
source = t("source.synthetic", lang) if ctx.info["synthetic"] else ""
note = source

st.title(t("hh.title", lang, region=region.name(lang)))
common.breadcrumb(region, lang)
st.caption(t("hh.caption", lang))
if not scope.sees_records:
    st.caption(t("hh.public_note", lang))

lookup = data.row_names(scope, region, lang)


def region_label(code: str) -> str:
    return lookup.get(code, code)


def type_label(code: str) -> str:
    return code_label("household_status", code, lang)


def table_download(table, name: str, title_key: str) -> None:
    """CSV and Excel downloads of a table shown on the page."""
    common.table_downloads(
        st,
        lambda: table,
        name=f"households-{name}",
        title=f"{t(title_key, lang)} · {region.name(lang)}",
    )


tabs = common.page_tabs(
    "hh_tab",
    {k: t(f"hh.tab.{k}", lang) for k in ("af", "tiers", "warning", "whatif", "audit")},
)

if tabs["af"].open:
    with tabs["af"], common.panel(lang):
        weights = af_weights(config)
        shown = "、" if lang != "en" else ", "
        st.caption(
            t(
                "hh.method",
                lang,
                weights=shown.join(
                    f"{t(f'hh.indicator.{k}', lang)} {w:.3g}"
                    for k, w in weights.items()
                ),
                k=f"{config.af_cutoff_k:.3g}",
                line=f"{config.monitoring_line_yuan:,}",
            )
        )
        summary = data.af_summary(scope, region, config, "region")
        for column, (label, value, help_text) in zip(
            st.columns(5), charts.af_cards(summary, lang=lang), strict=True
        ):
            column.metric(label, value, help=help_text, border=True)
        left, right = st.columns([2, 3])
        common.chart(
            left,
            common.figure(
                charts.contribution_chart, summary, lang=lang, source_note=note
            ),
            name="households-contributions",
        )
        with right:
            st.markdown(f"**{t('hh.by_region', lang)}**")
            by_region = charts.decomposition_table(summary, region_label, lang=lang)
            st.dataframe(by_region, hide_index=True)
            st.markdown(f"**{t('hh.by_type', lang)}**")
            by_type = charts.decomposition_table(
                data.af_summary(scope, region, config, "type"), type_label, lang=lang
            )
            st.dataframe(by_type, hide_index=True)
            table_download(by_region, "af-by-region", "hh.by_region")

if tabs["tiers"].open:
    with tabs["tiers"], common.panel(lang):
        st.caption(
            t(
                "hh.tier_caption",
                lang,
                share=f"{100 * config.catastrophic_oop_share:.0f}",
                margin=f"{config.near_line_margin_pct:.0f}",
            )
        )
        counts = data.tier_counts(scope, region, config)
        common.chart(
            st,
            common.figure(charts.tier_chart, counts, lang=lang, source_note=note),
            name="households-tiers",
        )
        table = charts.tier_table(counts, lang=lang)
        st.dataframe(table, hide_index=True)
        table_download(table, "tiers", "hh.tab.tiers")

if tabs["warning"].open:
    with tabs["warning"], common.panel(lang):
        st.caption(
            t(
                "hh.warning_caption",
                lang,
                share=f"{100 * config.catastrophic_oop_share:.0f}",
            )
        )
        st.markdown(f"**{t('hh.triggers_by_region', lang)}**")
        table = charts.counts_table(
            data.trigger_counts(scope, region, config),
            charts.TRIGGERS,
            "hh.trigger",
            region_label,
            lang=lang,
        )
        st.dataframe(table, hide_index=True)
        st.markdown(f"**{t('hh.visit_list', lang)}**")
        if not scope.sees_records:
            st.info(t("hh.staff_only", lang))
        elif region.level == "country":
            st.info(t("records.choose_county", lang))
        else:
            visits = data.warning_list(scope, region, config, 500)
            total = int(visits["total"].iloc[0]) if len(visits) else 0
            st.caption(t("hh.visit_caption", lang, shown=len(visits), total=total))
            st.dataframe(charts.warning_table(visits, lang=lang), hide_index=True)

            def every_visit() -> bytes:
                rows = data.warning_list(scope, region, config, None)
                return to_csv_bytes(
                    charts.warning_table(rows, lang=lang), note=source, lang=lang
                )

            st.download_button(
                t("hh.download_visits", lang),
                every_visit,
                file_name=f"jingzhun-visits-{region.code}-{lang}.csv",
                mime="text/csv",
                key="hh_visits_csv",
                disabled=not total,
            )

if tabs["whatif"].open:
    with tabs["whatif"]:

        @st.fragment
        def what_if() -> None:
            """Only this part reruns while the slider moves."""
            with common.panel(lang):
                current = config.monitoring_line_yuan
                st.caption(t("hh.whatif_caption", lang, line=f"{current:,}"))
                line = st.slider(
                    t("hh.line", lang),
                    min_value=0,
                    max_value=MAX_LINE_YUAN,
                    step=BIN_YUAN,
                    **common.url_number("hh_line", "line", data.LINES, current),
                )
                entering = data.entering(scope, region, config, line)
                total = entering[entering["code"] == "total"].iloc[0]
                hidden = suppression_of(entering)
                left, right = st.columns(2)
                left.metric(
                    t("hh.entering", lang),
                    format_value(
                        total["households"],
                        kind="households",
                        lang=lang,
                        suppressed_below=hidden,
                    ),
                    border=True,
                )
                right.metric(
                    t("hh.entering_people", lang),
                    format_value(
                        total["people"],
                        kind="people",
                        lang=lang,
                        suppressed_below=hidden,
                    ),
                    border=True,
                )
                common.chart(
                    st,
                    data.what_if_figure(scope, region, config, line, lang, note),
                    name="households-what-if",
                )
                table = charts.entering_table(entering, region_label, lang=lang)
                st.dataframe(table, hide_index=True)
                table_download(table, "what-if", "hh.tab.whatif")

        what_if()

if tabs["audit"].open:
    with tabs["audit"], common.panel(lang):
        st.caption(
            t("hh.audit_caption", lang, deposit=f"{config.audit_deposit_yuan:,}")
        )
        st.markdown(f"**{t('hh.audit_by_region', lang)}**")
        table = charts.counts_table(
            data.audit_counts(scope, region, config),
            charts.AUDIT_RULES,
            "hh.audit",
            region_label,
            lang=lang,
        )
        st.dataframe(table, hide_index=True)
        st.markdown(f"**{t('hh.audit_list', lang)}**")
        if not scope.sees_records:
            st.info(t("hh.staff_only", lang))
        elif region.level == "country":
            st.info(t("records.choose_county", lang))
        else:
            rows = charts.audit_list_table(
                data.audit_list(scope, region, config), lang=lang
            )
            st.dataframe(rows, hide_index=True)
            table_download(rows, "audit", "hh.audit_list")
