"""Reports (报告): the basket of charts and tables from every page as one DOCX, PPTX
or PDF, and the CPPCC proposal evidence pack."""

import time

import streamlit as st

from charts.i18n import t
from charts.report import REPORT_FORMATS, REPORT_MIME
from loaders.queries.evidence import TOPICS
from pages import common
from pages import reports_data as data

ctx = common.context()
lang, region = ctx.lang, ctx.region
FILE_KEY = "rp_file"  # the last report made: (what it was made from, bytes, notes)
PACK_KEY = "rp_pack_file"  # the last evidence pack: (what it was made from, bytes)

st.title(t("report.title", lang))
items = data.basket()  # restored from the link on a session's first use
for problem in st.session_state.pop(data.PROBLEMS_KEY, []):
    common.show_error(problem, lang)

st.subheader(t("report.basket", lang))
st.caption(t("report.basket_caption", lang))
default_title = t("report.default_title", lang, region=region.name(lang))
if "state_rp_title" not in st.session_state:
    wanted = st.session_state.get(common.INITIAL_URL_KEY, {}).get("rtitle", "")
    st.session_state["state_rp_title"] = wanted[:120] or default_title
title = st.text_input(
    t("report.doc_title", lang),
    max_chars=120,
    **common.bound_widget("rp_title", "state_rp_title"),
)
st.query_params["rtitle"] = title
st.query_params[data.URL_PARAM] = data.encode(items)

if not items:
    st.info(t("report.empty", lang))
for index, item in enumerate(items):
    row = st.container(horizontal=True, vertical_alignment="center")
    row.markdown(
        common.plain(
            t(
                "report.item_line",
                lang,
                n=index + 1,
                label=data.item_label(item, lang),
                page=data.page_label(item.page, lang),
                filters=data.item_filters(item, data.region_label(item), lang),
            )
        ),
        width="stretch",
    )
    for label, step, disabled in (
        ("report.up", -1, index == 0),
        ("report.down", 1, index == len(items) - 1),
    ):
        row.button(
            t(label, lang),
            key=f"rp_move_{index}_{step}",
            on_click=data.move,
            args=(index, step),
            disabled=disabled,
            type="tertiary",
        )
    row.button(
        t("report.remove", lang),
        key=f"rp_remove_{index}",
        on_click=data.remove,
        args=(index,),
        type="tertiary",
    )

if items:
    st.button(t("report.clear", lang), key="rp_clear", on_click=data.clear)
    fmt = st.radio(
        t("report.format", lang),
        REPORT_FORMATS,
        format_func=str.upper,
        horizontal=True,
        key="rp_format",
    )
    made_from = (data.encode(items), title, fmt, lang, ctx.scope)
    if st.button(t("report.prepare", lang), key="rp_prepare", type="primary"):
        started = time.perf_counter()
        with st.status(t("report.preparing", lang), expanded=True) as status:
            bar = st.progress(0.0)

            def progress(n: int, total: int, label: str) -> None:
                text = t("report.item_progress", lang, n=n, total=total, label=label)
                bar.progress((n - 1) / total, text=common.plain(text))

            with common.panel(lang):
                made, problems = data.make_report(
                    items, ctx=ctx, title=title, fmt=fmt, progress=progress
                )
                st.session_state[FILE_KEY] = (made_from, made, problems)
            seconds = f"{time.perf_counter() - started:.1f}"
            bar.progress(1.0)
            status.update(
                label=t("report.done", lang, seconds=seconds), state="complete"
            )
    if st.session_state.get(FILE_KEY, (None,))[0] == made_from:
        _, made, problems = st.session_state[FILE_KEY]
        for problem in problems:
            st.warning(common.plain(problem))
        st.download_button(
            t("report.download", lang, fmt=fmt.upper()),
            made,
            file_name=common.export_file_name(ctx, "report", fmt),
            mime=REPORT_MIME[fmt],
            key="rp_download",
            on_click="ignore",
        )

st.subheader(t("pack.title", lang))
st.caption(t("pack.caption", lang))
topic = st.selectbox(
    t("pack.topic", lang),
    TOPICS,
    format_func=lambda key: t(f"pack.topic.{key}", lang),
    **common.url_widget("rp_topic", "topic", TOPICS, TOPICS[0]),
)
st.caption(common.plain(common.view_filters(ctx)))
pack_from = (topic, region, ctx.year, lang, ctx.scope)
if st.button(t("pack.make", lang), key="rp_pack"):
    with st.status(t("report.preparing", lang)) as status, common.panel(lang):
        st.session_state[PACK_KEY] = (pack_from, data.make_pack(ctx, topic))
        status.update(state="complete")
if st.session_state.get(PACK_KEY, (None,))[0] == pack_from:
    st.download_button(
        t("pack.download", lang),
        st.session_state[PACK_KEY][1],
        file_name=common.export_file_name(ctx, f"cppcc-{topic}", "docx"),
        mime=REPORT_MIME["docx"],
        key="rp_pack_download",
        on_click="ignore",
    )
