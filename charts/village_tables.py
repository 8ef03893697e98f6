"""The village profile: cards, tables and the chart of money reaching the village.

Counts the loaders suppressed for the public (missing values in a frame that carries
``suppressed_below``) read "<5"; nothing here ever holds a name or an ID number.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.i18n import code_label, t
from charts.maps import empty_figure, escape_text, footnote
from charts.numbers import (
    format_count,
    format_money_yuan,
    format_pct,
    format_value,
    scale_for,
    suppressed_label,
    suppression_of,
)
from charts.villages import GAPS

CAUSE_KINDS = {"status": "household_status", "cause": "cause"}


def _count(value, below: int | None, lang: str) -> str:
    if pd.isna(value):
        return suppressed_label(below) if below else "—"
    return format_count(float(value), lang=lang)


def village_status(facts: pd.Series, *, lang: str) -> str:
    """'no', 'yes, exited in 2018' or 'yes, not exited'."""
    if not facts["poverty_village"]:
        return t("vi.no", lang)
    if pd.notna(facts["exit_year"]):
        return t("vi.status.exited", lang, year=int(facts["exit_year"]))
    return t("vi.status.open", lang)


def profile_cards(
    facts: pd.Series, paid_yuan: float, *, lang: str
) -> list[tuple[str, str]]:
    """(label, value): households, people, poverty status, terrain, distance to the
    county seat, money paid to the village's projects."""
    below = suppression_of(facts)
    remote = facts["remoteness_km"]
    return [
        (t("vi.card.households", lang), _count(facts["households_count"], below, lang)),
        (t("vi.card.people", lang), _count(facts["people_count"], below, lang)),
        (t("vi.card.status", lang), village_status(facts, lang=lang)),
        (
            t("vi.card.terrain", lang),
            code_label("terrain", str(facts["terrain"]), lang)
            if pd.notna(facts["terrain"])
            else "—",
        ),
        (
            t("vi.card.remoteness", lang),
            format_value(remote, kind="km", lang=lang) if pd.notna(remote) else "—",
        ),
        (t("vi.card.paid", lang), format_money_yuan(paid_yuan, lang=lang)),
    ]


def infrastructure_table(
    facts: pd.Series, *, housing_min_pct: float, lang: str
) -> pd.DataFrame:
    """One row per kind of infrastructure: whether the village has it."""
    rows = []
    for gap in GAPS:
        label = t(f"infra.short.{gap}", lang)
        has = t("vi.no", lang) if facts[f"gap_{gap}"] else t("vi.yes", lang)
        if gap == "housing" and pd.notna(facts["safe_housing_pct"]):
            has += " · " + t(
                "vi.housing_pct",
                lang,
                pct=format_pct(facts["safe_housing_pct"], lang=lang),
                min=format_pct(housing_min_pct, lang=lang, digits=0),
            )
        rows.append({t("vi.col.item", lang): label, t("vi.col.has", lang): has})
    return pd.DataFrame(rows)


def households_table(rows: pd.DataFrame, *, by: str, lang: str) -> pd.DataFrame:
    """Households and people by status or main cause, the total last."""
    below = suppression_of(rows)
    kind = CAUSE_KINDS[by]
    return pd.DataFrame(
        {
            t("vi.col.group", lang): [
                t("vi.total", lang) if key == "total" else code_label(kind, key, lang)
                for key in rows["key"]
            ],
            t("vi.col.households", lang): [
                _count(v, below, lang) for v in rows["households_count"]
            ],
            t("vi.col.people", lang): [
                _count(v, below, lang) for v in rows["people_count"]
            ],
        }
    )


def clinics_table(care: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The clinics serving the village: name, standard, beds, doctors."""
    clinics = care[care["kind"] == "clinic"]
    yes, no = t("vi.yes", lang), t("vi.no", lang)
    return pd.DataFrame(
        {
            t("vi.col.clinic", lang): clinics["name_zh"].fillna("—").tolist(),
            t("vi.col.standardised", lang): [
                yes if s else no for s in clinics["standardised"].fillna(False)
            ],
            t("vi.col.beds", lang): clinics["beds_count"].astype("Int64").tolist(),
            t("vi.col.doctors", lang): clinics["doctors_count"]
            .astype("Int64")
            .tolist(),
        }
    )


def doctor_counts(care: pd.DataFrame) -> tuple[int, int]:
    """Village doctors in all and those with a qualification."""
    doctors = care[care["kind"] == "doctor"]
    total = int(doctors["doctors_count"].sum())
    qualified = int(
        doctors.loc[doctors["qualification"] != "none", "doctors_count"].sum()
    )
    return total, qualified


def projects_table(projects: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The village's projects: stage, progress, planned end, budget and money paid."""
    money = pd.concat([projects["budget_yuan"], projects["paid_yuan"]])
    divisor, unit = scale_for(money, kind="yuan", lang=lang)
    return pd.DataFrame(
        {
            t("vi.col.project", lang): projects["name_zh"].fillna(
                projects["project_id"]
            ),
            t("vi.col.category", lang): [
                code_label("project_category", c, lang) for c in projects["category"]
            ],
            t("vi.col.stage", lang): [
                code_label("project_stage", s, lang) for s in projects["stage"]
            ],
            t("vi.col.progress", lang): projects["progress_pct"].round(0),
            t("vi.col.planned_end", lang): projects["planned_end_on"],
            t("vi.col.budget", lang, unit=unit): (
                projects["budget_yuan"] / divisor
            ).round(2),
            t("vi.col.paid", lang, unit=unit): (projects["paid_yuan"] / divisor).round(
                2
            ),
        }
    )


def funds_chart(funds: pd.DataFrame, *, lang: str, source_note: str) -> go.Figure:
    """Money paid to the village's projects by year."""
    title = t("vi.funds_chart", lang)
    if funds.empty:
        return empty_figure(text=t("vi.no_funds", lang), title=title, height=260)
    divisor, unit = scale_for(funds["paid_yuan"], kind="yuan", lang=lang)
    figure = go.Figure(
        go.Bar(
            x=funds["year"].astype(int),
            y=funds["paid_yuan"] / divisor,
            marker_color="#3182bd",
            text=[format_money_yuan(v, lang=lang) for v in funds["paid_yuan"]],
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    figure.update_layout(
        title={"text": escape_text(title)},
        height=300,
        margin={"l": 8, "r": 8, "t": 48, "b": 48},
        xaxis={"dtick": 1, "title": t("vi.col.year", lang)},
        yaxis={"title": unit, "exponentformat": "none", "gridcolor": "#e5e5e5"},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
    )
    if source_note:
        figure.add_annotation(footnote(source_note, yshift=-30))
    return figure
