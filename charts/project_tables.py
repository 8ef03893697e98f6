"""The Industrial projects page's cards and tables: translated headers with units,
money scaled per column (万元 / 亿元, ¥ million / billion), household counts the
loaders suppressed shown as "<5", and the sentence that explains the risk score.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from charts.i18n import code_label, t
from charts.metrics import metric
from charts.numbers import (
    format_count,
    format_money_yuan,
    format_pct,
    format_value,
    scale_for,
    suppressed_label,
)
from charts.projects import CODE_KINDS, per_10k_yuan, row_labels

FACTORS = ("market", "natural", "technical", "management", "policy")


def _share(part: float, whole: float, lang: str) -> str:
    return format_pct(100.0 * part / whole if whole else None, lang=lang)


def _count(value, lang: str, below: int | None) -> str:
    if pd.isna(value):
        return suppressed_label(below) if below else "—"
    # A card is narrow: in English its label names the unit ("Households
    # benefiting"), so "1,267" reads better than a cut-off "1,267 hous…".
    if lang == "en":
        return format_count(float(value), lang=lang)
    return format_value(float(value), kind="households", lang=lang)


def portfolio_cards(summary: pd.Series, *, lang: str) -> list[tuple[str, str, str]]:
    """(label, value, help) for the view's projects: how many, under way, behind
    plan, delayed, over budget, stuck, budget and the share of it spent."""
    total = float(summary["projects_count"])
    under_way = float(summary["under_way_count"])
    cards = [
        ("pr.card.projects", format_count(total, lang=lang), ""),
        ("pr.card.under_way", format_count(under_way, lang=lang), ""),
    ]
    for key, whole in (
        ("behind_plan", under_way),
        ("delayed", total),
        ("over_budget", total),
        ("stuck", total),
    ):
        count = float(summary[f"{key}_count"])
        value = f"{format_count(count, lang=lang)} · {_share(count, whole, lang)}"
        cards.append((f"pr.card.{key}", value, f"pr.card.{key}_help"))
    budget, spent = float(summary["budget_yuan"]), float(summary["spent_yuan"])
    cards.append(("pr.card.budget", format_money_yuan(budget, lang=lang), ""))
    cards.append(("pr.card.spent", _share(spent, budget, lang), "pr.card.spent_help"))
    return [
        (t(label, lang), value, t(h, lang) if h else "") for label, value, h in cards
    ]


def beneficiary_cards(summary: pd.Series, *, lang: str) -> list[tuple[str, str]]:
    """(label, value): households benefiting, poor ones among them and their share,
    and households per 10,000 yuan of budget."""
    below = summary.attrs.get("suppressed_below")
    households = summary["beneficiary_households_count"]
    poor = summary["poor_beneficiary_households_count"]
    per_10k = per_10k_yuan(pd.Series([households]), pd.Series([summary["budget_yuan"]]))
    known = not (pd.isna(households) or pd.isna(poor))
    share = _share(float(poor), float(households), lang) if known else "—"
    return [
        (t("pr.card.households", lang), _count(households, lang, below)),
        (t("pr.card.poor_households", lang), _count(poor, lang, below)),
        (t("pr.card.poor_share", lang), share),
        (
            t("pr.card.per_10k", lang),
            "—" if pd.isna(per_10k.iloc[0]) else f"{per_10k.iloc[0]:.2f}",
        ),
    ]


def _money(frame: pd.DataFrame, columns: Mapping[str, str], lang: str) -> dict:
    """Money columns each scaled to its own unit, keyed by a header with the unit."""
    out = {}
    for column, key in columns.items():
        divisor, unit = scale_for(frame[column].tolist(), kind="yuan", lang=lang)
        header = t("pr.col.money", lang, label=t(key, lang), unit=unit)
        out[header] = (frame[column].astype(float) / divisor).round(2)
    return out


def _households(frame: pd.DataFrame, column: str) -> pd.Series:
    """A household count column; where the loaders suppressed a count, "<5"."""
    below = frame.attrs.get("suppressed_below")
    if below is None:
        return frame[column]
    return pd.Series(
        [suppressed_label(below) if pd.isna(v) else str(int(v)) for v in frame[column]],
        index=frame.index,
        dtype=object,
    )


def breakdown_table(rows: pd.DataFrame, *, by: str, lang: str) -> pd.DataFrame:
    """One row per category, stage, status, mechanism or region with its counts,
    money and households."""
    counts = {
        t(f"pr.col.{key}", lang): rows[f"{key}_count"]
        for key in ("projects", "under_way", "behind_plan", "delayed", "over_budget")
    }
    per_10k = per_10k_yuan(rows["beneficiary_households_count"], rows["budget_yuan"])
    return pd.DataFrame(
        {
            t(f"pr.by.{by}", lang): row_labels(rows, by=by, lang=lang),
            **counts,
            t("pr.col.stuck", lang): rows["stuck_count"],
            t("pr.col.high_risk", lang): rows["high_risk_count"],
            **_money(
                rows,
                {"budget_yuan": "pr.col.budget", "spent_yuan": "pr.col.spent"},
                lang,
            ),
            t("pr.col.households", lang): _households(
                rows, "beneficiary_households_count"
            ),
            t("pr.col.poor_households", lang): _households(
                rows, "poor_beneficiary_households_count"
            ),
            t("pr.col.per_10k", lang): per_10k.round(2),
        }
    )


def lifecycle_table(stages: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Per stage: projects in it, their median days so far, the stuck ones, and the
    median days spent in it by the projects that have left it."""
    return pd.DataFrame(
        {
            t("pr.col.stage", lang): [
                code_label("project_stage", s, lang) for s in stages["stage"]
            ],
            t("pr.col.in_stage", lang): stages["current_count"],
            t("pr.days_current", lang): stages["current_median_days"].round(0),
            t("pr.col.stuck", lang): stages["stuck_count"],
            t("pr.col.passed", lang): stages["passed_count"],
            t("pr.days_passed", lang): stages["passed_median_days"].round(0),
        }
    )


def _dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.date


def _codes(frame: pd.DataFrame, column: str, lang: str) -> list[str]:
    kind = CODE_KINDS.get(column, column)
    return [
        code_label(kind, v, lang) if isinstance(v, str) else "" for v in frame[column]
    ]


def _flags(row, lang: str) -> str:
    joiner = "; " if lang == "en" else "；"
    found = [
        t(f"pr.flag.{flag}", lang)
        for flag in ("behind_plan", "over_budget", "stuck")
        if row[flag]
    ]
    if row["delay_days"] > 0:
        found.append(t("pr.flag.delayed", lang, days=int(row["delay_days"])))
    return joiner.join(found)


def project_table(frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Projects one row each: where, what, stage and status with its flags, dates,
    progress, money, beneficiaries and risk."""
    county = frame[f"county_name_{'en' if lang == 'en' else 'zh'}"]
    flags = [_flags(row, lang) for row in frame.to_dict("records")]
    return pd.DataFrame(
        {
            t("pr.col.project_id", lang): frame["project_id"],
            t("pr.col.county", lang): county.where(
                county.notna(), frame["county_code"]
            ),
            t("pr.col.name", lang): frame["name_zh"],
            t("pr.col.category", lang): _codes(frame, "category", lang),
            t("pr.col.stage", lang): _codes(frame, "stage", lang),
            t("pr.col.status", lang): _codes(frame, "status", lang),
            t("pr.col.flags", lang): flags,
            t("pr.col.days_in_stage", lang): frame["days_in_stage"].astype("Int64"),
            t("pr.col.start_on", lang): _dates(frame["start_on"]),
            t("pr.col.planned_end_on", lang): _dates(frame["planned_end_on"]),
            t("pr.col.actual_end_on", lang): _dates(frame["actual_end_on"]),
            t("pr.col.progress", lang): frame["progress_pct"].round(1),
            t("pr.col.elapsed", lang): frame["elapsed_pct"].round(1),
            **_money(
                frame,
                {
                    "budget_yuan": "pr.col.budget",
                    "spent_yuan": "pr.col.spent",
                    "risk_fund_yuan": "pr.col.risk_fund",
                },
                lang,
            ),
            t("pr.col.households", lang): _households(
                frame, "beneficiary_households_count"
            ),
            t("pr.col.poor_households", lang): _households(
                frame, "poor_beneficiary_households_count"
            ),
            t("pr.col.mechanism", lang): _codes(frame, "benefit_mechanism", lang),
            t("pr.col.risk_score", lang): frame["risk_score"].round(2),
            t("pr.col.likelihood", lang): frame["likelihood"],
            t("pr.col.impact", lang): frame["impact"],
            t("pr.col.risk_level", lang): _codes(frame, "risk_level", lang),
            t("pr.col.insured", lang): [
                t("pr.yes", lang) if v else t("pr.no", lang) for v in frame["insured"]
            ],
            t("pr.col.covered", lang): [
                t("pr.yes", lang) if v else t("pr.no", lang)
                for v in frame["risk_covered"]
            ],
        }
    )


def cover_table(cover: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Per region: projects, insured, high-risk, covered, risk fund and its share of
    the high-risk budget, mean risk score."""
    covered = cover["high_risk_covered_pct"].round(1)
    return pd.DataFrame(
        {
            t("pr.by.region", lang): row_labels(cover, by="region", lang=lang),
            t("pr.col.projects", lang): cover["projects_count"],
            _head("projects_insured_pct", lang): cover["insured_pct"].round(1),
            t("pr.col.high_risk", lang): cover["high_risk_count"],
            _head("high_risk_covered_pct", lang): covered,
            **_money(
                cover,
                {
                    "risk_fund_yuan": "pr.col.risk_fund",
                    "high_risk_budget_yuan": "pr.col.high_risk_budget",
                },
                lang,
            ),
            _head("risk_fund_cover_pct", lang): cover["risk_fund_cover_pct"].round(1),
            _head("risk_score", lang): cover["mean_risk_score"].round(2),
        }
    )


def _head(name: str, lang: str) -> str:
    """A metric's title as a column head: lower case in English, like the others."""
    title = metric(name).title(lang)
    return title[:1].lower() + title[1:] if lang == "en" else title


def risk_sentence(weights: Mapping[str, float], settings, *, lang: str) -> str:
    """The one sentence the page explains the risk score with, from the settings."""
    joiner = " + " if lang == "en" else " + "
    terms = joiner.join(
        f"{weights[f]:g} × {t(f'pr.factor.{f}', lang)}" for f in FACTORS
    )
    b1, b2, b3, b4 = settings.projects_impact_households
    return t(
        "pr.risk_sentence",
        lang,
        terms=terms,
        b1=b1,
        b2=b2,
        b3=b3,
        b4=b4,
        medium=settings.projects_medium_risk_from,
        high=settings.projects_high_risk_from,
        target=f"{settings.projects_risk_fund_target_pct:g}",
    )


def filters_text(
    region_name: str, picks: Mapping[str, str], *, lang: str, as_of: object
) -> str:
    """The view in words for a download's note: region, picks and as-of date."""
    parts = [region_name, *(f"{t(k, lang)}: {v}" for k, v in picks.items())]
    return "; ".join([*parts, t("pr.as_of", lang, as_of=as_of)])
