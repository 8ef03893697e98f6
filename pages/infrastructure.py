"""Infrastructure (基础设施): villages lacking roads, water, power, broadband, housing,
schools, clinics and doctors, by region, against benchmarks; the villages to visit."""

import streamlit as st

from charts import infrastructure as charts
from charts.i18n import t
from charts.villages import GAPS
from loaders.queries.villages import WHICH
from loaders.settings import infra_targets
from pages import common
from pages import villages_data as data

LIST_ROWS = 200  # villages listed on the page; the downloads hold them all

ctx = common.context()
lang, scope, region, config = ctx.lang, ctx.scope, ctx.region, ctx.settings
source = t("source.synthetic", lang) if ctx.info["synthetic"] else ""
labels = {charts.gap_short(gap, lang): gap for gap in GAPS}


def pick_cell() -> None:
    """A cell of the matrix picks its region and gap type."""
    cells = st.session_state["in_matrix"]["selection"]["cells"]
    if not cells:
        return
    index, column = cells[0]
    if column in labels:
        st.session_state["state_in_gap"] = labels[column]
    if 0 <= index < len(keys):
        st.session_state["state_in_row"] = keys[index]


def picked(key: str) -> str | None:
    """The customdata of the bar clicked in a chart (Streamlit may wrap it)."""
    points = st.session_state[key]["selection"]["points"]
    value = points[0].get("customdata") if points else None
    return value[0] if isinstance(value, list) and value else value


def pick_gap() -> None:
    """A bar of the gap chart (or a benchmark marker on it) picks its gap type."""
    gap = picked("in_gaps")
    if gap not in GAPS:
        # Streamlit (1.67) reports no customdata for the marker traces: their x
        # label names the gap just as well.
        points = st.session_state["in_gaps"]["selection"]["points"]
        gap = labels.get(points[0].get("x")) if points else None
    if gap in GAPS:
        st.session_state["state_in_gap"] = gap


def pick_row() -> None:
    """A bar of the region chart picks its region (again: all of them)."""
    key = picked("in_regions")
    if key in rows:
        now = st.session_state.get("state_in_row")
        st.session_state["state_in_row"] = "all" if key == now else key


st.title(t("infra.title", lang, region=region.name(lang)))
common.breadcrumb(region, lang)
st.caption(t("infra.caption", lang))
housing = f"{config.infra_safe_housing_min_pct:g}%"
st.caption(t("infra.rules", lang, housing=housing))
left, right = st.columns(2)
which = left.radio(
    t("vi.pick.which", lang),
    WHICH,
    format_func=lambda key: t(f"vi.which.{key}", lang),
    horizontal=True,
    **common.url_widget("in_which", "villages", WHICH, "all"),
)
measure = right.radio(
    t("infra.pick.measure", lang),
    charts.MEASURES,
    format_func=lambda key: t(f"infra.measure.{key}", lang),
    horizontal=True,
    **common.url_widget("in_measure", "measure", charts.MEASURES, "pct"),
)

with common.panel(lang):
    matrix = data.gap_matrix(scope, region, config, which)
    benchmark = data.national_benchmark(scope, config, which)
    targets = infra_targets(config)
    if matrix.empty:
        st.info(t("infra.empty", lang, region=region.name(lang)))
    names = charts.row_names(matrix, lang=lang)
    rows = ["all", *names]
    left, right = st.columns(2)
    gap = left.selectbox(
        t("infra.pick.gap", lang),
        GAPS,
        format_func=lambda key: charts.gap_short(key, lang),
        **common.url_widget("in_gap", "gap", GAPS, "road"),
    )
    if st.session_state.get("state_in_row", "all") not in rows:
        st.session_state["state_in_row"] = "all"  # a region of another view
    row = right.selectbox(
        t("infra.pick.row", lang),
        rows,
        format_func=lambda key: names.get(
            key, t("infra.all_rows", lang, region=region.name(lang))
        ),
        **common.url_widget("in_row", "row", rows, "all"),
    )

    st.subheader(t("infra.matrix", lang))
    st.caption(t("infra.matrix_help", lang))
    table, keys = charts.matrix_table(matrix, measure=measure, lang=lang)
    st.dataframe(
        charts.matrix_styler(
            table, matrix, benchmark, lang=lang, measure=measure, picked_gap=gap
        ),
        hide_index=True,
        key="in_matrix",
        on_select=pick_cell,
        selection_mode="single-cell",
    )
    st.dataframe(
        charts.benchmark_table(matrix, benchmark, targets, measure=measure, lang=lang),
        hide_index=True,
    )
    if not matrix.empty:
        common.table_downloads(
            st,
            lambda: charts.export_table(matrix, lang=lang),
            name=f"infrastructure-matrix-{which}",
            title=t("infra.matrix", lang),
        )

    cell = (scope, region, config, which, gap, row, lang)
    left, right = st.columns(2)
    with left:
        common.chart(
            st,
            data.gaps_figure(*cell, source),
            name=f"infrastructure-gaps-{row}",
            key="in_gaps",
            on_select=pick_gap,
            selection_mode="points",
        )
    with right:
        common.chart(
            st,
            data.regions_figure(*cell, source),
            name=f"infrastructure-regions-{gap}",
            key="in_regions",
            on_select=pick_row,
            selection_mode="points",
        )

    title, first, total = data.gap_list(*cell, LIST_ROWS)
    st.markdown(f"**{title}**")
    if first.empty:
        st.caption(t("infra.none", lang, gap=t(f"infra.gap.{gap}", lang)))
    else:
        st.dataframe(first, hide_index=True)
        if total > len(first):
            shown, total_text = f"{len(first):,}", f"{total:,}"
            st.caption(t("funds.rows_shown", lang, shown=shown, total=total_text))
        common.table_downloads(
            st,
            lambda: data.gap_list(*cell, None)[1],
            name=f"infrastructure-villages-{gap}-{row}",
            title=title,
        )
