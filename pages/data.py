"""Data (数据): the dataset, its table sizes, the data dictionary, and the public
figures it is calibrated to, with their sources."""

import streamlit as st

from charts.i18n import code_label, t
from charts.tables import (
    dictionary_table,
    info_table,
    reference_table,
    row_counts_table,
    to_csv_bytes,
)
from loaders import data_dictionary
from loaders.schema import TABLES
from loaders.scope import NATIONAL
from pages import common

ctx = common.context()
lang = ctx.lang

st.title(t("data.title", lang))

with common.panel(lang):
    st.subheader(t("data.info", lang))
    left, right = st.columns(2)
    info = dict(ctx.info, scale=code_label("scale", ctx.info["scale"], lang))
    left.dataframe(info_table(info, lang=lang), hide_index=True)
    right.markdown(f"**{t('data.tables', lang)}**")
    right.dataframe(
        row_counts_table(common.table_row_counts(ctx.scope, ctx.settings), lang=lang),
        hide_index=True,
    )
    if ctx.scope.region_code != NATIONAL:
        right.caption(t("data.rows_in_scope", lang))

st.subheader(t("data.dictionary", lang))
st.caption(t("data.dictionary_caption", lang))
chosen = st.multiselect(
    t("data.table_filter", lang),
    [table.name for table in TABLES],
    key="data_tables",
    placeholder=t("data.all_tables", lang),
)
shown = dictionary_table(data_dictionary(), lang=lang, only=chosen)
st.dataframe(shown, hide_index=True)
st.download_button(
    t("data.download_csv", lang),
    to_csv_bytes(shown),
    file_name=f"jingzhun-data-dictionary-{lang}.csv",
    mime="text/csv",
    key="data_dictionary_csv",
)

st.subheader(t("data.reference", lang))
with common.panel(lang):
    reference = reference_table(common.reference_series(), lang=lang)
    st.dataframe(reference, hide_index=True)
    st.download_button(
        t("data.download_csv", lang),
        to_csv_bytes(reference),
        file_name=f"jingzhun-reference-{lang}.csv",
        mime="text/csv",
        key="data_reference_csv",
    )
