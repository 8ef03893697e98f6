"""Tables of the Data page's import and quality sections: translated headers, codes
in words, shares rounded for reading (the CSV and Excel downloads keep them)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from charts.i18n import t


def problems_table(problems: Iterable, *, lang: str) -> pd.DataFrame:
    """An import's problems (objects with ``row``, ``column`` and ``text(lang)``):
    one row each, in the order the file has them."""
    items = list(problems)
    return pd.DataFrame(
        {
            t("import.col.row", lang): pd.array([p.row for p in items], dtype="Int64"),
            t("import.col.column", lang): [p.column or "" for p in items],
            t("import.col.problem", lang): [p.text(lang) for p in items],
        }
    )


def completeness_table(frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Missing values per table and column."""
    return pd.DataFrame(
        {
            t("col.table", lang): frame["table"],
            t("col.column", lang): frame["column"],
            t("quality.col.required", lang): [
                t("data.yes" if r else "data.no", lang) for r in frame["required"]
            ],
            t("col.rows", lang): frame["rows"],
            t("quality.col.missing", lang): frame["missing"],
            t("quality.col.missing_pct", lang): frame["missing_pct"].round(2),
        }
    )


def checks_table(frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Validity and consistency checks with their failing rows."""
    return pd.DataFrame(
        {
            t("col.table", lang): frame["table"],
            t("quality.col.aspect", lang): [
                t(f"quality.aspect.{a}", lang) for a in frame["aspect"]
            ],
            t("quality.col.check", lang): [
                t(f"quality.check.{c}", lang) for c in frame["check"]
            ],
            t("col.rows", lang): frame["rows"],
            t("quality.col.failing", lang): frame["failing"],
            t("quality.col.failing_pct", lang): frame["failing_pct"].round(2),
        }
    )


def freshness_table(frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The last import per table ("never" for a table no import has touched)."""
    return pd.DataFrame(
        {
            t("col.table", lang): frame["table"],
            t("quality.col.last_import", lang): [
                t("quality.never", lang)
                if pd.isna(at)
                else pd.Timestamp(at).strftime("%Y-%m-%d %H:%M")
                for at in frame["last_import"]
            ],
            t("quality.col.imports", lang): frame["imports"],
            t("quality.col.rows_imported", lang): frame["rows_imported"],
        }
    )
