"""The Households page's pieces: Alkire-Foster figures, tiers, warnings, the what-if
line and the identification audit, from the loaders' frames to figures and tables."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.i18n import code_label, t
from charts.maps import empty_figure, escape_text, footnote
from charts.numbers import format_pct, format_value, suppressed_label, suppression_of
from charts.trends import trend_line

INDICATORS = (
    "food_clothing",
    "education",
    "medical_insurance",
    "housing",
    "water",
    "income",
)
TIER_ORDER = ("in_hardship", "unstable", "marginal", "stable")
TIER_COLOURS = {
    "in_hardship": "#b4232a",
    "unstable": "#e08a2c",
    "marginal": "#e6c44a",
    "stable": "#7aa6c2",
}
TRIGGERS = ("illness_cost", "disability", "disaster", "no_labour", "below_line")
AUDIT_RULES = ("vehicle", "business", "real_estate", "deposits", "public_employee")


def _count(value, hidden: int | None, lang: str, kind: str = "households") -> str:
    return format_value(value, kind=kind, lang=lang, suppressed_below=hidden)


def af_cards(summary: pd.DataFrame, *, lang: str) -> list[tuple[str, str, str]]:
    """(label, value, help) for the region's n, q, H, A and M0."""
    total = summary[summary["code"] == "total"].iloc[0]
    hidden = suppression_of(summary)
    ratio = lambda v: format_pct(None if pd.isna(v) else 100 * v, lang=lang)  # noqa: E731
    return [
        (
            t("hh.households", lang),
            _count(total["households"], hidden, lang),
            t("hh.households_help", lang),
        ),
        (
            t("hh.poor", lang),
            _count(total["poor"], hidden, lang),
            t("hh.poor_help", lang),
        ),
        (t("hh.h", lang), ratio(total["headcount_ratio"]), t("hh.h_help", lang)),
        (t("hh.a", lang), ratio(total["intensity"]), t("hh.a_help", lang)),
        (
            t("hh.m0", lang),
            "—"
            if pd.isna(total["adjusted_headcount"])
            else f"{total['adjusted_headcount']:.4f}",
            t("hh.m0_help", lang),
        ),
    ]


def contribution_chart(
    summary: pd.DataFrame, *, lang: str, source_note: str
) -> go.Figure:
    """Each indicator's share of M0 for the whole region (a horizontal bar)."""
    total = summary[summary["code"] == "total"].iloc[0]
    title = t("hh.contribution_title", lang)
    shares = [100 * float(total[f"contribution_{key}"]) for key in INDICATORS]
    if not any(shares):
        return empty_figure(text=t("hh.none_poor", lang), title=title, height=320)
    labels = [t(f"hh.indicator.{key}", lang) for key in INDICATORS]
    figure = go.Figure(
        go.Bar(
            x=shares,
            y=labels,
            orientation="h",
            marker={"color": "#b4232a"},
            text=[format_pct(v, lang=lang) for v in shares],
            textposition="outside",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    figure.update_layout(
        height=320,
        title={"text": title, "x": 0.01, "xanchor": "left"},
        margin={"l": 8, "r": 8, "t": 48, "b": 80},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        # Room on the right for the longest bar's label.
        xaxis={
            "title": {"text": t("hh.share_axis", lang)},
            "range": [0, 1.2 * max(shares)],
        },
        yaxis={"autorange": "reversed"},
    )
    figure.add_annotation(footnote(source_note, yshift=-52))
    return figure


def decomposition_table(
    summary: pd.DataFrame, label: Callable[[str], str], *, lang: str
) -> pd.DataFrame:
    """One row per group (and the total): n, q, H, A, M0, share of M0."""
    hidden = suppression_of(summary)
    total_m0 = summary.loc[summary["code"] == "total", "adjusted_headcount"].iloc[0]
    total_n = summary.loc[summary["code"] == "total", "households"].iloc[0]
    rows = []
    for _, row in summary.iterrows():
        share = (
            row["households"] * row["adjusted_headcount"] / (total_n * total_m0)
            if pd.notna(row["households"]) and pd.notna(total_n) and total_m0
            else np.nan
        )
        rows.append(
            {
                t("col.group", lang): t("hh.total", lang)
                if row["code"] == "total"
                else label(row["code"]),
                t("hh.households", lang): _count(row["households"], hidden, lang),
                t("hh.poor", lang): _count(row["poor"], hidden, lang),
                t("hh.h", lang): _pct(row["headcount_ratio"], lang),
                t("hh.a", lang): _pct(row["intensity"], lang),
                t("hh.m0", lang): "—"
                if pd.isna(row["adjusted_headcount"])
                else f"{row['adjusted_headcount']:.4f}",
                t("hh.m0_share", lang): _pct(share, lang),
            }
        )
    return pd.DataFrame(rows)


def _pct(value, lang: str) -> str:
    return format_pct(None if pd.isna(value) else 100 * value, lang=lang)


def tier_chart(tiers: pd.DataFrame, *, lang: str, source_note: str) -> go.Figure:
    """Households per computed tier, split by the monitoring type on record."""
    title = t("hh.tier_title", lang)
    if tiers.empty:
        return empty_figure(text=t("map.no_data", lang), title=title, height=340)
    figure = go.Figure()
    hidden = suppression_of(tiers)
    types = ["none", "unstable_exited", "marginal", "sudden_hardship"]
    colours = ["#c9d3dc", "#e08a2c", "#e6c44a", "#b4232a"]
    for kind, colour in zip(types, colours, strict=True):
        part = (
            tiers[tiers["monitor_type"] == kind].set_index("tier").reindex(TIER_ORDER)
        )
        values = part["households"].astype(float)
        figure.add_trace(
            go.Bar(
                name=escape_text(_monitor_label(kind, lang)),
                x=[t(f"hh.tier.{tier}", lang) for tier in TIER_ORDER],
                y=values,
                marker={"color": colour},
                hovertext=[_count(v, hidden, lang) for v in part["households"]],
                hovertemplate="%{x} · %{fullData.name}: %{hovertext}<extra></extra>",
            )
        )
    figure.update_layout(
        barmode="stack",
        height=360,
        title={"text": title, "x": 0.01, "xanchor": "left"},
        margin={"l": 8, "r": 8, "t": 48, "b": 56},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        yaxis={
            "title": {"text": t("hh.households_axis", lang)},
            "exponentformat": "none",
        },
    )
    figure.add_annotation(footnote(source_note, yshift=-28))
    return figure


def _monitor_label(kind: str, lang: str) -> str:
    if kind == "none":
        return t("hh.not_monitored", lang)
    return code_label("monitor_type", kind, lang)


def tier_table(tiers: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Tier × recorded type as a table of households (people in brackets)."""
    hidden = suppression_of(tiers)
    return pd.DataFrame(
        {
            t("hh.tier", lang): [t(f"hh.tier.{v}", lang) for v in tiers["tier"]],
            t("hh.recorded_type", lang): [
                _monitor_label(v, lang) for v in tiers["monitor_type"]
            ],
            t("hh.households", lang): [
                _count(v, hidden, lang) for v in tiers["households"]
            ],
            t("hh.people", lang): [
                _count(v, hidden, lang, "people") for v in tiers["people"]
            ],
        }
    )


def counts_table(
    counts: pd.DataFrame,
    columns: tuple[str, ...],
    prefix: str,
    label: Callable[[str], str],
    *,
    lang: str,
) -> pd.DataFrame:
    """Households per group and category (triggers or audit rules)."""
    hidden = suppression_of(counts)
    out = {t("col.group", lang): [label(code) for code in counts["code"]]}
    for column in columns:
        out[t(f"{prefix}.{column}", lang)] = [
            suppressed_label(hidden) if pd.isna(v) else f"{int(v):,}"
            for v in counts[column]
        ]
    return pd.DataFrame(out)


def warning_table(rows: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Households to visit, masked, with their reasons in words."""
    village = rows["village_en" if lang == "en" else "village_zh"]
    reasons = [
        "；".join(t(f"hh.trigger.{k}", lang) for k in TRIGGERS if row[k])
        if lang != "en"
        else "; ".join(t(f"hh.trigger.{k}", lang) for k in TRIGGERS if row[k])
        for _, row in rows.iterrows()
    ]
    return pd.DataFrame(
        {
            t("col.household_id", lang): rows["household_id"],
            t("col.village", lang): village,
            t("col.head_name", lang): rows["head_name"],
            t("col.id_number", lang): rows["id_number"],
            t("col.size", lang): rows["size"],
            t("hh.tier", lang): [t(f"hh.tier.{v}", lang) for v in rows["tier"]],
            t("hh.recorded_type", lang): [
                _monitor_label("none" if pd.isna(v) else v, lang)
                for v in rows["monitor_type"]
            ],
            t("col.income", lang): rows["income"].round(0),
            t("hh.out_of_pocket", lang): rows["out_of_pocket"].round(0),
            t("hh.reasons", lang): reasons,
        }
    )


def what_if_curve(
    bins: pd.DataFrame,
    line: float,
    current: float,
    hidden: int | None,
    *,
    lang: str,
    source_note: str,
    bin_yuan: int,
) -> go.Figure:
    """Households that would enter monitoring for every line from 0 to 20,000 yuan,
    with the chosen and the current line marked; small totals left out in public."""
    title = t("hh.whatif_title", lang)
    if bins.empty:
        return empty_figure(text=t("map.no_data", lang), title=title, height=340)
    per_bin = bins.groupby("bin")["households"].sum()
    per_bin = per_bin.reindex(range(int(per_bin.index.max()) + 1), fill_value=0)
    cumulative = per_bin.cumsum().shift(1, fill_value=0)
    frame = pd.DataFrame(
        {"line": cumulative.index * bin_yuan, "households": cumulative.to_numpy()}
    )
    frame["households"] = frame["households"].astype(float)
    if hidden is not None:
        small = (frame["households"] > 0) & (frame["households"] < hidden)
        frame.loc[small, "households"] = np.nan
    frame["label"] = [
        format_value(v, kind="households", lang=lang, suppressed_below=hidden)
        for v in frame["households"]
    ]
    figure = trend_line(
        frame,
        x="line",
        y="households",
        title=title,
        y_title=t("hh.households_axis", lang),
        source_note=source_note,
        height=340,
    )
    figure.update_traces(mode="lines")
    # Each label points away from the other line, so close lines never overlap.
    for value, other, colour, key in (
        (line, current, "#b4232a", "hh.chosen_line"),
        (current, line, "#6b7280", "hh.current_line"),
    ):
        outward = value > other or (value == other and key == "hh.chosen_line")
        figure.add_vline(
            x=value,
            line={"color": colour, "dash": "dash", "width": 1.5},
            annotation_text=escape_text(t(key, lang, line=f"{value:,.0f}")),
            annotation_position="top right" if outward else "top left",
        )
    figure.update_xaxes(title={"text": t("hh.line_axis", lang)}, tickformat=",d")
    return figure


def entering_table(
    entering: pd.DataFrame, label: Callable[[str], str], *, lang: str
) -> pd.DataFrame:
    hidden = suppression_of(entering)
    return pd.DataFrame(
        {
            t("col.group", lang): [
                t("hh.total", lang) if c == "total" else label(c)
                for c in entering["code"]
            ],
            t("hh.households", lang): [
                _count(v, hidden, lang) for v in entering["households"]
            ],
            t("hh.people", lang): [
                _count(v, hidden, lang, "people") for v in entering["people"]
            ],
        }
    )


def audit_list_table(rows: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Contradictions, masked, with the rule and the record behind it."""
    return pd.DataFrame(
        {
            t("col.household_id", lang): rows["household_id"],
            t("col.village", lang): rows[
                "village_en" if lang == "en" else "village_zh"
            ],
            t("col.head_name", lang): rows["head_name"],
            t("col.id_number", lang): rows["id_number"],
            t("col.household_status", lang): [
                code_label("household_status", v, lang) for v in rows["status"]
            ],
            t("hh.rule", lang): [t(f"hh.audit.{v}", lang) for v in rows["rule"]],
            t("hh.record", lang): rows["detail"],
            t("hh.checked_on", lang): rows["checked_on"].astype(str),
        }
    )
