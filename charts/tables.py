"""Tables for display and download: translated headers, formatted values, CSV bytes."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from charts.i18n import code_label, t
from charts.numbers import suppressed_label, suppression_of

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


def row_counts_table(counts: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Rows per table, with thousands separators and "<5" where a count of
    households or people was suppressed."""
    hidden = suppression_of(counts)
    return pd.DataFrame(
        {
            t("col.table", lang): counts["table"],
            t("col.rows", lang): [
                suppressed_label(hidden) if pd.isna(n) else f"{int(n):,}"
                for n in counts["rows"]
            ],
        }
    )


def records_table(rows: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Household records with translated headers and code values."""
    village = rows["village_en" if lang == "en" else "village_zh"]
    return pd.DataFrame(
        {
            t("col.household_id", lang): rows["household_id"],
            t("col.village", lang): village,
            t("col.head_name", lang): rows["head_name"],
            t("col.id_number", lang): rows["id_number"],
            t("col.size", lang): rows["size"],
            t("col.household_status", lang): [
                code_label("household_status", v, lang) for v in rows["status"]
            ],
            t("col.main_cause", lang): [
                code_label("cause", v, lang) for v in rows["main_cause"]
            ],
            t("col.monitor_type", lang): [
                "" if pd.isna(v) else code_label("monitor_type", v, lang)
                for v in rows["monitor_type"]
            ],
            t("col.income", lang): rows["income_per_capita"].round(0),
        }
    )


def audit_table(entries: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """An audit log with translated headers; roles and outcomes in words."""
    out = entries.copy()
    if "role" in out:
        out["role"] = [code_label("role", r, lang) for r in out["role"]]
    if "success" in out:
        out["success"] = [
            t("data.yes" if ok else "data.no", lang) for ok in out["success"]
        ]
    return out.rename(columns={c: t(f"col.audit_{c}", lang) for c in out.columns})


def users_table(users, region_label, *, lang: str) -> pd.DataFrame:
    """Accounts for the Users page (never their password hashes)."""
    return pd.DataFrame(
        {
            t("account.username", lang): [u.username for u in users],
            t("account.name", lang): [u.display_name for u in users],
            t("account.role", lang): [code_label("role", u.role, lang) for u in users],
            t("account.scope", lang): [
                f"{region_label(u.region_code)} ({u.region_code})" for u in users
            ],
            t("account.method", lang): [
                t(
                    "account.method_password" if u.password_hash else "account.oidc",
                    lang,
                )
                for u in users
            ],
            t("users.oidc_email", lang): [u.oidc_email for u in users],
            t("users.disabled", lang): [
                t("data.yes" if u.disabled else "data.no", lang) for u in users
            ],
        }
    )


def to_csv_bytes(frame: pd.DataFrame, *, note: str = "", lang: str = "zh") -> bytes:
    """CSV in UTF-8 with a byte-order mark, so Excel opens Chinese text correctly.

    ``note`` (the synthetic-data label, where it applies) goes in a last column on
    every row, so it survives sorting and filtering in a spreadsheet.
    """
    if note:
        frame = frame.assign(**{t("col.note", lang): note})
    return frame.to_csv(index=False).encode("utf-8-sig")
