"""Audit log (审计日志): who unmasked which household record and why; for admins also
sign-in attempts and changes to accounts."""

import streamlit as st

from charts.i18n import t
from charts.tables import audit_table, to_csv_bytes
from loaders import ScopeError
from loaders.audit import read_sign_ins, read_unmasks, read_user_changes
from pages import common

ctx = common.context()
lang, scope = ctx.lang, ctx.scope

st.title(t("audit.title", lang))
st.caption(t("audit.caption", lang))

LOGS = (
    ("unmasks", read_unmasks),
    ("sign_ins", read_sign_ins),
    ("user_changes", read_user_changes),
)
shown = 0
for name, read in LOGS:
    try:
        # Read fresh on every run: a log is only useful up to the minute.
        entries = read(common.audit_log(), scope)
    except ScopeError:
        continue
    shown += 1
    st.subheader(t(f"audit.{name}", lang))
    table = audit_table(entries, lang=lang)
    if table.empty:
        st.caption(t("audit.empty", lang))
        continue
    st.dataframe(table, hide_index=True)
    st.download_button(
        t("data.download_csv", lang),
        to_csv_bytes(table),
        file_name=f"jingzhun-audit-{name}.csv",
        mime="text/csv",
        key=f"audit_{name}_csv",
    )
if not shown:
    st.warning(t("audit.denied", lang))
