"""Tables for display and download: translated headers, formatted values, CSV bytes."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from charts.i18n import code_label, t

_INFO_FIELDS = (
    "name",
    "synthetic",
    "scale",
    "seed",
    "version",
    "built_at",
    "as_of",
    "boundary_source",
)
_INFO_LABELS = {"boundary_source": "data.boundaries"}


def info_table(info: dict, *, lang: str) -> pd.DataFrame:
    """The dataset's info row as a two-column (field, value) table."""
    rows = []
    for field in _INFO_FIELDS:
        value = info.get(field)
        if isinstance(value, bool):
            value = t("data.yes" if value else "data.no", lang)
        rows.append((t(_INFO_LABELS.get(field, f"data.{field}"), lang), str(value)))
    return pd.DataFrame(rows, columns=[t("col.field", lang), t("col.value", lang)])


def dictionary_table(
    dictionary: pd.DataFrame, *, lang: str, only: Sequence[str] = ()
) -> pd.DataFrame:
    """The data dictionary with headers and meanings in the user's language; ``only``
    keeps the named tables (all when empty)."""
    suffix = "en" if lang == "en" else "zh"
    if only:
        dictionary = dictionary[dictionary["table"].isin(list(only))]
    return pd.DataFrame(
        {
            t("col.table", lang): dictionary["table"],
            t("col.column", lang): dictionary["column"],
            t("col.type", lang): dictionary["type"],
            t("col.meaning", lang): dictionary[f"meaning_{suffix}"],
            t("col.unit", lang): dictionary["unit"],
            t("col.grain", lang): dictionary[f"grain_{suffix}"],
        }
    )


def reference_table(reference: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Public reference figures with translated series names and status."""
    return pd.DataFrame(
        {
            t("col.series", lang): [
                code_label("series", s, lang) for s in reference["series"]
            ],
            t("col.year", lang): reference["year"].astype(int),
            t("col.value", lang): reference["value"],
            t("col.status", lang): [
                code_label("status", s, lang) for s in reference["status"]
            ],
            t("col.source", lang): reference["source"],
        }
    )


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so Excel opens Chinese text correctly."""
    return frame.to_csv(index=False).encode("utf-8-sig")
