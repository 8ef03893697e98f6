"""The Funds page's tables, sentences and summaries: translated headers with units,
money scaled per column (万元 / 亿元, ¥ million / billion), one sentence per anomaly,
and the note every download carries.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from charts.funds import CODE_KINDS, MONEY, region_label
from charts.i18n import code_label, t
from charts.metrics import metric
from charts.numbers import format_money_yuan, format_pct, scale_for


def _scaled(values: pd.Series, lang: str) -> tuple[pd.Series, str]:
    """Money scaled to one unit for a whole column, and that unit."""
    divisor, unit = scale_for(values.tolist(), kind="yuan", lang=lang)
    return (values.astype(float) / divisor).round(2), unit


def _dates(values: pd.Series) -> pd.Series:
    """Dates without a time of day ("2020-05-05", not "2020-05-05 00:00:00")."""
    return pd.to_datetime(values).dt.date


def _codes(values: pd.Series, column: str, lang: str) -> list[str]:
    return [code_label(CODE_KINDS[column], v, lang) for v in values]


def _money_columns(
    frame: pd.DataFrame, columns: Mapping[str, str], lang: str
) -> dict[str, pd.Series]:
    """Money columns scaled each to its own unit, keyed by a header with the unit.
    ``columns`` maps a frame column to the metric or label key naming it."""
    out = {}
    for column, label_key in columns.items():
        values, unit = _scaled(frame[column], lang)
        label = (
            metric(label_key).label(lang)
            if label_key.endswith("_yuan")
            else t(label_key, lang)
        )
        out[t("funds.col.money", lang, label=label, unit=unit)] = values
    return out


def idle_table(frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The idle allocations: where, what kind, when, how much and how much unpaid."""
    return pd.DataFrame(
        {
            t("funds.col.allocation_id", lang): frame["allocation_id"],
            t("funds.col.county", lang): region_label(frame, "county_", lang),
            t("funds.col.source_level", lang): _codes(
                frame["source_level"], "source_level", lang
            ),
            t("funds.col.fund_type", lang): _codes(
                frame["fund_type"], "fund_type", lang
            ),
            t("funds.col.purpose", lang): _codes(frame["purpose"], "purpose", lang),
            t("funds.col.allocated_on", lang): _dates(frame["allocated_on"]),
            **_money_columns(
                frame,
                {
                    "allocated_yuan": "allocated_yuan",
                    "disbursed_yuan": "disbursed_yuan",
                    "idle_yuan": "funds.col.idle",
                },
                lang,
            ),
            t("funds.col.days_since", lang): frame["days_since_allocation"],
        }
    )


def disclosure_table(frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The non-compliant allocations, each with its reasons in words."""
    joiner = "; " if lang == "en" else "；"
    reasons = [
        joiner.join(_reasons(row, lang)) for row in frame.itertuples(index=False)
    ]
    return pd.DataFrame(
        {
            t("funds.col.allocation_id", lang): frame["allocation_id"],
            t("funds.col.county", lang): region_label(frame, "county_", lang),
            t("funds.col.source_level", lang): _codes(
                frame["source_level"], "source_level", lang
            ),
            t("funds.col.purpose", lang): _codes(frame["purpose"], "purpose", lang),
            **_money_columns(frame, {"allocated_yuan": "allocated_yuan"}, lang),
            t("funds.col.allocated_on", lang): _dates(frame["allocated_on"]),
            t("funds.col.disclosed_on", lang): _dates(frame["disclosed_on"]),
            t("funds.col.working_days", lang): frame["working_days"].astype("Int64"),
            t("funds.col.reason", lang): reasons,
        }
    )


def _reasons(row, lang: str) -> list[str]:
    out = []
    if row.not_disclosed:
        out.append(t("funds.reason.not_disclosed", lang))
    if row.late:
        out.append(t("funds.reason.late", lang, days=int(row.working_days)))
    if row.incomplete:
        out.append(t("funds.reason.incomplete", lang))
    return out


def anomaly_sentence(
    row: Mapping, *, lang: str, threshold_pp: float, grace_days: int
) -> str:
    """One sentence saying why a flag was raised, with its numbers."""
    rule = row["rule"]
    money = lambda v: format_money_yuan(v, lang=lang)  # noqa: E731
    if rule == "spending_ahead":
        return t(
            "funds.why.spending_ahead",
            lang,
            spent=format_pct(row["spent_pct"], lang=lang),
            progress=format_pct(row["progress_pct"], lang=lang),
            gap=f"{row['spent_pct'] - row['progress_pct']:.1f}",
            threshold=f"{threshold_pp:g}",
        )
    if rule == "after_completion":
        return t(
            "funds.why.after_completion",
            lang,
            amount=money(row["amount_yuan"]),
            paid=pd.Timestamp(row["paid_on"]).date(),
            completed=pd.Timestamp(row["completed_on"]).date(),
            days=(
                pd.Timestamp(row["paid_on"]) - pd.Timestamp(row["completed_on"])
            ).days,
            grace=grace_days,
        )
    if rule == "overpaid":
        return t(
            "funds.why.overpaid",
            lang,
            paid=money(row["disbursed_yuan"]),
            allocated=money(row["allocated_yuan"]),
            excess=money(row["amount_yuan"]),
        )
    if rule == "other_county":
        county = row[f"county_name_{'en' if lang == 'en' else 'zh'}"]
        other = row[f"project_county_name_{'en' if lang == 'en' else 'zh'}"]
        return t(
            "funds.why.other_county",
            lang,
            amount=money(row["amount_yuan"]),
            county=county if isinstance(county, str) else row["county_code"],
            other=other if isinstance(other, str) else row["project_county_code"],
        )
    raise ValueError(f"no sentence for the anomaly rule {rule!r}")


def anomaly_table(
    frame: pd.DataFrame, *, lang: str, threshold_pp: float, grace_days: int
) -> pd.DataFrame:
    """Every flag with its rule, where, which records, the money and why."""
    why = [
        anomaly_sentence(
            row, lang=lang, threshold_pp=threshold_pp, grace_days=grace_days
        )
        for row in frame.to_dict("records")
    ]
    return pd.DataFrame(
        {
            t("funds.col.rule", lang): [
                t(f"funds.rule.{rule}", lang) for rule in frame["rule"]
            ],
            t("funds.col.why", lang): why,
            t("funds.col.county", lang): region_label(frame, "county_", lang),
            t("funds.col.allocation_id", lang): frame["allocation_id"],
            t("funds.col.project_id", lang): frame["project_id"],
            **_money_columns(frame, {"amount_yuan": "funds.col.amount"}, lang),
        }
    )


def idle_summary(
    idle: pd.DataFrame, series: pd.DataFrame, *, year: int, lang: str
) -> list[tuple[str, str]]:
    """(label, value) for the idle money, how many allocations hold it, and its
    share of the year's money (from the per-year totals)."""
    allocated_yuan = series.loc[series["year"] == year, "allocated_yuan"].sum()
    total = float(idle["total_idle_yuan"].iloc[0]) if len(idle) else 0.0
    count = int(idle["total_rows"].iloc[0]) if len(idle) else 0
    share = 100.0 * total / allocated_yuan if allocated_yuan > 0 else None
    return [
        (metric("idle_yuan").label(lang), format_money_yuan(total, lang=lang)),
        (t("funds.idle_count", lang), f"{count:,}"),
        (t("funds.idle_share", lang), format_pct(share, lang=lang)),
    ]


def compliance_summary(by_region: pd.DataFrame, *, lang: str) -> list[tuple[str, str]]:
    """(label, value) for the compliance rate over all regions and the allocations
    failing each requirement."""
    judged = by_region["allocations_count"].sum()
    rate = 100.0 * by_region["compliant_count"].sum() / judged if judged else None
    out = [(metric("compliance_rate_pct").label(lang), format_pct(rate, lang=lang))]
    for kind in ("not_disclosed", "late", "incomplete"):
        count = int(by_region[f"{kind}_count"].sum())
        label = t(f"funds.count.{kind}", lang)
        out.append((label, f"{count:,}"))
    return out


def rule_counts(frame: pd.DataFrame, rules: tuple[str, ...]) -> dict[str, int]:
    """How many flags each rule raised (zero for silent rules)."""
    counts = frame["rule"].value_counts()
    return {rule: int(counts.get(rule, 0)) for rule in rules}


def public_allocations_table(frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Allocations per county, source, type and purpose, with money and rates."""
    return pd.DataFrame(
        {
            t("funds.col.county", lang): region_label(frame, "county_", lang),
            t("funds.col.source_level", lang): _codes(
                frame["source_level"], "source_level", lang
            ),
            t("funds.col.fund_type", lang): _codes(
                frame["fund_type"], "fund_type", lang
            ),
            t("funds.col.purpose", lang): _codes(frame["purpose"], "purpose", lang),
            t("funds.col.allocations", lang): frame["allocations_count"],
            **_money_columns(frame, {key: key for key in MONEY}, lang),
            metric("disbursement_rate_pct").title(lang): frame[
                "disbursement_rate_pct"
            ].round(1),
            metric("spending_rate_pct").title(lang): frame["spending_rate_pct"].round(
                1
            ),
        }
    )


def _households(frame: pd.DataFrame, column: str) -> pd.Series:
    """A household count column; where the loaders suppressed a count, "<5"."""
    below = frame.attrs.get("suppressed_below")
    if below is None:
        return frame[column]
    return pd.Series(
        [f"<{below}" if pd.isna(v) else str(int(v)) for v in frame[column]],
        index=frame.index,
        dtype=object,
    )


def public_projects_table(frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Projects paid from the money, per county and category. Counts the loaders
    suppressed read "<5" (the threshold)."""
    return pd.DataFrame(
        {
            t("funds.col.county", lang): region_label(frame, "county_", lang),
            t("funds.col.category", lang): _codes(frame["category"], "category", lang),
            t("funds.col.projects", lang): frame["projects_count"],
            **_money_columns(
                frame,
                {
                    "paid_yuan": "funds.col.received",
                    "budget_yuan": "funds.col.budget",
                    "project_spent_yuan": "funds.col.project_spent",
                },
                lang,
            ),
            t("funds.col.beneficiaries", lang): _households(
                frame, "beneficiary_households_count"
            ),
            t("funds.col.poor_beneficiaries", lang): _households(
                frame, "poor_beneficiary_households_count"
            ),
        }
    )


def filters_text(
    region_name: str, year: int, chosen: Mapping[str, str], *, lang: str
) -> str:
    """The view in words for a download's note: region, year and each pick."""
    picks = [
        f"{t(f'funds.pick.{pick}', lang)}: "
        + (t("funds.pick.all", lang) if code == "all" else code_label(pick, code, lang))
        for pick, code in chosen.items()
    ]
    return "; ".join([region_name, str(year), *picks])


def export_note(
    info: Mapping, *, lang: str, filters: str, generated: str, data_note: str
) -> str:
    """The line every download carries: dataset, version, as-of date, whether the
    data is synthetic, the filters and when the file was made."""
    return t(
        "funds.export_note",
        lang,
        data=data_note,
        name=info.get("name", ""),
        version=info.get("version", ""),
        as_of=info.get("as_of", ""),
        filters=filters,
        generated=generated,
    )


def with_note(table: pd.DataFrame, note: str, *, lang: str) -> pd.DataFrame:
    """The table with the export note in a last column, for a CSV download."""
    return table.assign(**{t("funds.col.note", lang): note})
