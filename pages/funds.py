"""Funds (资金使用): allocated → disbursed → spent, the cascade, timeliness,
disclosure, anomalies and the public disclosure tables."""

import streamlit as st

from charts import fund_tables as tables
from charts import funds as charts
from charts.i18n import code_label, t
from charts.metrics import metric
from loaders import JingzhunError
from loaders.queries.fund_checks import ANOMALY_RULES, DAYS_BIN, LAST_BIN
from loaders.queries.funds import BREAKDOWNS, PICKS, FundPicks
from pages import common
from pages import funds_data as data

LIST_ROWS = 200  # rows of a list shown on the page; its download holds them all

ctx = common.context()
lang, scope, region, year = ctx.lang, ctx.scope, ctx.region, ctx.year
config, as_of = ctx.settings, ctx.as_of
source = t("source.synthetic", lang) if ctx.info["synthetic"] else ""


def pick_from_bar() -> None:
    """A click on a breakdown bar narrows the page to that bar's row (a region bar
    drills into the region)."""
    points = st.session_state["fu_breakdown_chart"]["selection"]["points"]
    code = points[0].get("customdata") if points else None
    code = code[0] if isinstance(code, list) else code
    if code is None:
        return
    by = st.session_state["state_fu_by"]
    if by == "region":
        try:
            common.set_region_filters(common.resolve_region(scope, str(code)))
        except JingzhunError:
            return  # a region the viewer may not open: stay where we are
    else:
        st.session_state[f"state_fu_{by}"] = str(code)


def show_list(first, to_table, name: str, title: str, everything) -> None:
    """The first rows of a list, and all of them as CSV and Excel files built when
    a button is clicked."""
    if first.empty:
        st.caption(t("funds.none", lang))
        return
    st.dataframe(to_table(first), hide_index=True)
    total = int(first["total_rows"].iloc[0]) if "total_rows" in first else len(first)
    if total > len(first):
        shown, total = f"{len(first):,}", f"{total:,}"
        st.caption(t("funds.rows_shown", lang, shown=shown, total=total))
    common.table_downloads(
        st,
        lambda: to_table(everything()),
        name=f"funds-{name}",
        title=f"{title} · {region.name(lang)} · {year}",
        filters=filters,
    )


st.title(t("funds.title", lang, region=region.name(lang), year=year))
common.breadcrumb(region, lang)

codes = data.fund_codes(scope)
chosen = {}
for column, pick in zip(st.columns(3), PICKS, strict=True):
    options = ["all", *codes[pick]]
    chosen[pick] = column.selectbox(
        t(f"funds.pick.{pick}", lang),
        options,
        format_func=lambda code, pick=pick: (
            t("funds.pick.all", lang) if code == "all" else code_label(pick, code, lang)
        ),
        **common.url_widget(f"fu_{pick}", pick, options, "all"),
    )
st.caption(t("funds.picks_caption", lang))
picks = FundPicks(**{k: None if v == "all" else v for k, v in chosen.items()})
checks = (scope, region, year, config, as_of, picks)  # what the checks depend on
filters = tables.filters_text(region.name(lang), year, chosen, lang=lang)

st.subheader(t("funds.totals", lang))
with common.panel(lang):
    series = data.totals_by_year(scope, region, picks)
    st.caption(
        f"{t('funds.totals_caption', lang, year=year, as_of=as_of)} "
        f"{t('funds.spent_note', lang)}"
    )
    if not charts.has_allocations(series, year=year):
        st.info(t("funds.empty", lang, year=year))
    cards = charts.headline_cards(series, year=year, lang=lang)
    for column, card in zip(st.columns(len(cards)), cards, strict=True):
        column.metric(
            card.label,
            card.value,
            card.delta,
            border=True,
            delta_color=card.delta_color,
            delta_arrow="off" if card.delta_color == "off" else "auto",
            delta_description=t("funds.delta_year", lang) if card.delta else None,
            chart_data=card.trend,
            help=card.help,
        )
    left, right = st.columns(2)
    by = left.selectbox(
        t("funds.breakdown", lang),
        BREAKDOWNS,
        format_func=lambda key: t(f"funds.by.{key}", lang),
        **common.url_widget("fu_by", "by", BREAKDOWNS, "source_level"),
    )
    common.chart(
        left,
        common.figure(
            charts.breakdown_chart,
            data.breakdown(scope, region, year, by, picks),
            by=by,
            year=year,
            lang=lang,
            picked=getattr(picks, by, None),
            source_note=source,
        ),
        key="fu_breakdown_chart",
        on_select=pick_from_bar,
        selection_mode="points",
        name="funds-breakdown",
        filters=filters,
    )
    common.chart(
        right,
        common.figure(charts.by_year_chart, series, lang=lang, source_note=source),
        name="funds-by-year",
        filters=filters,
    )

st.subheader(t("funds.cascade", lang))
with common.panel(lang):
    top_n = config.funds_cascade_top_n
    st.caption(t("funds.cascade_caption", lang, year=year, top_n=top_n))
    measures = ("allocated_yuan", "disbursed_yuan")
    measure = st.radio(
        t("funds.cascade_measure", lang),
        measures,
        format_func=lambda key: metric(key).label(lang),
        horizontal=True,
        **common.url_widget("fu_measure", "measure", measures, "allocated_yuan"),
    )
    common.chart(
        st,
        common.figure(
            charts.cascade_chart,
            data.cascade(scope, region, year, top_n),
            measure=measure,
            year=year,
            lang=lang,
            picks=vars(picks),
            source_note=source,
        ),
        name="funds-cascade",
        filters=filters,
    )

st.subheader(t("funds.timeliness", lang))
with common.panel(lang):
    st.caption(t("funds.timeliness_caption", lang, as_of=as_of))
    left, right = st.columns(2)
    common.chart(
        left,
        common.figure(
            charts.timeliness_chart,
            data.timeliness(scope, region, year, picks),
            year=year,
            days_bin=DAYS_BIN,
            last_bin=LAST_BIN,
            lang=lang,
            source_note=source,
        ),
        name="funds-days",
        filters=filters,
    )
    common.chart(
        right,
        common.figure(
            charts.region_days_chart,
            data.timeliness_by_region(scope, region, year, picks),
            lang=lang,
            source_note=source,
        ),
        name="funds-days-by-region",
        filters=filters,
    )

st.markdown(f"**{t('funds.idle', lang)}**")
with common.panel(lang):
    st.caption(t("funds.idle_caption", lang, days=config.funds_idle_days, as_of=as_of))
    idle = data.idle_allocations(*checks, LIST_ROWS)
    series = data.totals_by_year(scope, region, picks)
    summary = tables.idle_summary(idle, series, year=year, lang=lang)
    for column, (label, value) in zip(st.columns(3), summary, strict=True):
        column.metric(label, value, border=True)
    show_list(
        idle,
        lambda frame: tables.idle_table(frame, lang=lang),
        "idle",
        t("funds.idle", lang),
        lambda: data.idle_allocations(*checks, None),
    )

st.subheader(t("funds.disclosure", lang))
with common.panel(lang):
    st.caption(
        t("funds.disclosure_caption", lang, days=config.funds_disclosure_working_days)
    )
    by_region = data.disclosure_by_region(*checks)
    summary = tables.compliance_summary(by_region, lang=lang)
    for column, (label, value) in zip(st.columns(4), summary, strict=True):
        column.metric(label, value, border=True)
    common.chart(
        st,
        common.figure(
            charts.disclosure_chart,
            by_region,
            year=year,
            lang=lang,
            source_note=source,
        ),
        name="funds-disclosure",
        filters=filters,
    )
    st.markdown(f"**{t('funds.disclosure_failures', lang)}**")
    show_list(
        data.disclosure_failures(*checks, LIST_ROWS),
        lambda frame: tables.disclosure_table(frame, lang=lang),
        "disclosure",
        t("funds.disclosure_failures", lang),
        lambda: data.disclosure_failures(*checks, None),
    )

st.subheader(t("funds.anomalies", lang))
with common.panel(lang):
    pp, grace = config.funds_spending_ahead_pp, config.funds_after_completion_grace_days
    tolerance = config.funds_overpayment_tolerance_yuan
    st.caption(
        t(
            "funds.anomalies_caption",
            lang,
            pp=f"{pp:g}",
            grace=grace,
            tolerance=f"{tolerance:g}",
        )
    )
    flags = data.anomalies(scope, region, year, config, picks)
    counts = tables.rule_counts(flags, ANOMALY_RULES)
    for column, rule in zip(st.columns(len(counts)), counts, strict=True):
        column.metric(t(f"funds.rule.{rule}", lang), f"{counts[rule]:,}", border=True)
    show_list(
        flags.head(LIST_ROWS).assign(total_rows=len(flags)),
        lambda frame: tables.anomaly_table(
            frame, lang=lang, threshold_pp=pp, grace_days=grace
        ),
        "anomalies",
        t("funds.anomalies", lang),
        lambda: flags,
    )

st.subheader(t("funds.public", lang))
with common.panel(lang):
    st.caption(t("funds.public_caption", lang, below=config.small_cell_threshold - 1))
    st.markdown(f"**{t('funds.public_allocations', lang)}**")
    show_list(
        data.public_allocations(scope, region, year, picks, LIST_ROWS),
        lambda frame: tables.public_allocations_table(frame, lang=lang),
        "public-allocations",
        t("funds.public_allocations", lang),
        lambda: data.public_allocations(scope, region, year, picks, None),
    )
    st.markdown(f"**{t('funds.public_projects', lang)}**")
    show_list(
        data.public_projects(scope, region, year, config, picks, LIST_ROWS),
        lambda frame: tables.public_projects_table(frame, lang=lang),
        "public-projects",
        t("funds.public_projects", lang),
        lambda: data.public_projects(scope, region, year, config, picks, None),
    )
