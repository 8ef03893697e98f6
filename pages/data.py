"""Data (数据): the dataset and its dictionary, the data-quality report, and the
import of county files (for the roles that may write)."""

import math

import streamlit as st

from charts.export import MIME_TYPES
from charts.i18n import code_label, t
from charts.quality_tables import problems_table
from charts.tables import (
    dictionary_table,
    info_table,
    reference_table,
    row_counts_table,
    to_csv_bytes,
)
from loaders import data_dictionary
from loaders.imports import IMPORT_TABLES, ImportRejected, may_import, run_import
from loaders.imports.template import template_csv, template_xlsx
from loaders.schema import TABLES
from loaders.scope import NATIONAL
from pages import common, quality_data

ctx = common.context()
lang, scope = ctx.lang, ctx.scope
IMPORTABLE = {table.name: table for table in IMPORT_TABLES}


def import_tab() -> None:
    """Who may import what, the templates, the upload and its outcome."""
    limit_mb = ctx.settings.import_max_file_mb
    st.subheader(t("import.heading", lang))
    st.caption(t("import.caption", lang, limit_mb=limit_mb))
    region = common.resolve_region(common.ADMIN, scope.region_code).name(lang)
    rule = "import.rule_admin" if scope.role == "admin" else "import.rule_official"
    st.caption(t(rule, lang, region=region))
    name = st.selectbox(t("import.table", lang), list(IMPORTABLE), key="data_table")
    left, right = st.columns(2)
    left.download_button(
        t("import.template_xlsx", lang),
        lambda: template_xlsx(IMPORTABLE[name], lang),
        file_name=f"jingzhun-template-{name}-{lang}.xlsx",
        mime=MIME_TYPES["xlsx"],
        key="data_template_xlsx",
        on_click="ignore",
    )
    right.download_button(
        t("import.template_csv", lang),
        template_csv(IMPORTABLE[name], lang),
        file_name=f"jingzhun-template-{name}-{lang}.csv",
        mime=MIME_TYPES["csv"],
        key="data_template_csv",
        on_click="ignore",
    )
    st.caption(t("import.template_caption", lang))
    upload = st.file_uploader(
        t("import.file", lang),
        type=["csv", "txt", "xlsx", "parquet", "geojson"],
        key="data_file",
        # The browser refuses a larger file before sending it; the importer checks
        # the exact limit again.
        max_upload_size=max(1, math.ceil(limit_mb)),
    )
    if not st.button(t("import.button", lang), key="data_run", disabled=not upload):
        return
    try:
        done = run_import(
            common.database().path,
            name,
            upload.getvalue(),
            upload.name,
            username=ctx.user.username if ctx.user else "",
            scope=scope,
            settings=ctx.settings,
            audit=common.audit_log(),
        )
    except ImportRejected as rejected:
        show_problems(rejected, name)
    else:
        st.success(
            t("import.ok", lang, rows=done.rows, table=name, version=done.version)
        )
    common.database()  # notices the new version and empties this process's caches


def show_problems(rejected: ImportRejected, name: str) -> None:
    """The rejection, and every problem by row and column, downloadable."""
    st.error(t("import.rejected", lang, total=rejected.total))
    if rejected.total > len(rejected.problems):
        st.caption(t("import.shown", lang, shown=len(rejected.problems)))
    report = problems_table(rejected.problems, lang=lang)
    st.dataframe(report, hide_index=True)
    common.table_downloads(
        st.container(),
        lambda: report,
        name=f"data-import-problems-{name}",
        title=t("import.report", lang),
    )


def dataset_tab() -> None:
    """What the dataset is, its tables, the dictionary and the reference figures."""
    with common.panel(lang):
        st.subheader(t("data.info", lang))
        left, right = st.columns(2)
        info = common.dataset_info()
        info = dict(info, scale=code_label("scale", info["scale"], lang))
        left.dataframe(info_table(info, lang=lang), hide_index=True)
        right.markdown(f"**{t('data.tables', lang)}**")
        counts = common.table_row_counts(scope, ctx.settings)
        right.dataframe(row_counts_table(counts, lang=lang), hide_index=True)
        if scope.region_code != NATIONAL:
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


def quality_tab() -> None:
    """The version and as-of date, then freshness, rule checks and completeness."""
    st.subheader(t("quality.heading", lang))
    if not quality_data.for_staff(scope):
        st.info(t("quality.staff_only", lang))
        return
    info = common.dataset_info()
    st.caption(t("quality.caption", lang))
    version = common.plain(str(info["version"]))
    st.markdown(t("quality.version", lang, version=version, as_of=info["as_of"]))
    for key, (load, shape) in quality_data.sections(scope, ctx.settings).items():
        with common.panel(lang):
            st.markdown(f"**{t(f'quality.{key}', lang)}**")
            table = shape(load(), lang=lang)
            st.dataframe(table, hide_index=True)
            common.table_downloads(
                st.container(),
                lambda table=table: table,
                name=f"data-quality-{key}",
                title=t(f"quality.{key}", lang),
            )


st.title(t("data.title", lang))
names = ["data.tab_dataset", "data.tab_quality"]
names += ["data.tab_import"] if may_import(scope) else []
tabs = dict(zip(names, st.tabs([t(n, lang) for n in names]), strict=True))
# The import runs first, so that the tabs drawn after it show the new version.
if "data.tab_import" in tabs:
    with tabs["data.tab_import"]:
        import_tab()
with tabs["data.tab_dataset"]:
    dataset_tab()
with tabs["data.tab_quality"]:
    quality_tab()
