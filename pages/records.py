"""Household records (户档案): a county's registered households, masked; an auditor
may unmask one record at a time after giving a reason, which is logged."""

import streamlit as st

from charts.i18n import t
from charts.tables import records_table, to_csv_bytes
from loaders import ScopeError
from loaders.queries import records
from pages import common

ctx = common.context()
lang, scope, region = ctx.lang, ctx.scope, ctx.region
source = t("source.synthetic", lang) if ctx.info["synthetic"] else ""

st.title(t("records.title", lang, region=region.name(lang)))
common.breadcrumb(region, lang)
st.caption(t("records.caption", lang))

if scope is None or not scope.sees_records:
    st.warning(t("records.denied", lang))
    st.stop()
if region.level != "county":
    st.info(t("records.choose_county", lang))
    st.stop()

db = common.database()
with common.panel(lang):
    villages = records.record_villages(db, scope, region)
    name_col = "name_en" if lang == "en" else "name_zh"
    names = dict(zip(villages["code"], villages[name_col], strict=True))
    if st.session_state.get("state_records_village") not in names:
        st.session_state["state_records_village"] = ""  # a village of another county
    village = st.selectbox(
        t("records.village", lang),
        ["", *names],
        format_func=lambda code: names.get(code, t("records.all_villages", lang)),
        **common.bound_widget("records_village", "state_records_village"),
    )
    found = records.household_records(db, scope, region, village or None)
    table = records_table(found.rows, lang=lang)
    st.caption(t("records.count", lang, shown=len(table), total=found.total))
    if table.empty:
        st.info(t("records.none", lang))
    st.dataframe(table, hide_index=True)

    def whole_list() -> bytes:
        """Every household of the selection, masked: built when clicked."""
        every = records.household_records(db, scope, region, village or None, None)
        return to_csv_bytes(
            records_table(every.rows, lang=lang), note=source, lang=lang
        )

    st.download_button(
        t("records.download_csv", lang, total=found.total),
        whole_list,
        file_name=f"jingzhun-households-{region.code}-{lang}.csv",
        mime="text/csv",
        key="records_csv",
        disabled=table.empty,
    )

if scope.may_unmask:
    st.subheader(t("records.unmask", lang))
    st.caption(
        t("records.unmask_caption", lang, chars=ctx.settings.unmask_reason_min_chars)
    )
    with st.form("unmask", clear_on_submit=True):
        household = st.text_input(t("records.household_id", lang))
        reason = st.text_area(t("records.reason", lang), max_chars=500)
        asked = st.form_submit_button(t("records.unmask_button", lang))
    if asked:
        try:
            record = records.unmask_household(
                db,
                common.audit_log(),
                scope,
                ctx.user.username,
                household,
                reason,
                ctx.settings,
            )
        except ScopeError as error:
            common.show_error(error, lang)
        else:
            # Shown in this run only: the next click drops it, and it never enters
            # a cache or the session state.
            st.success(t("records.unmasked", lang))
            st.dataframe(
                # One column of mixed values: as text, so that Arrow takes it.
                records_table(record.to_frame().T, lang=lang)
                .T.astype("string")
                .rename(columns={0: t("col.value", lang)}),
            )
