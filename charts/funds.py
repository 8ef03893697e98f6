"""The Funds page's figures: headline cards, breakdowns, the cascade, timeliness and
disclosure charts. Its tables and sentences: ``charts.fund_tables``.

Each function takes the loaders' frames and the language and returns a figure a page
can show as it is. Money is scaled per chart to 万元 / 亿元 in Chinese and ¥ million /
billion in English, the unit in the title.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.i18n import code_label, t
from charts.maps import empty_figure, escape_text, footnote
from charts.metrics import metric
from charts.numbers import (
    format_count,
    format_money_yuan,
    format_pct,
    format_value,
    scale_for,
)
from charts.overview import Card
from charts.trends import trend_line

MONEY = ("allocated_yuan", "disbursed_yuan", "spent_yuan")
_COLOURS = {
    "allocated_yuan": "#2b6cb0",
    "disbursed_yuan": "#2f855a",
    "spent_yuan": "#b7791f",
}
_MILESTONE_COLOURS = {"first": "#2b6cb0", "last": "#b4232a"}
_STAGE_COLOURS = ("#2b6cb0", "#2f855a", "#6b46c1", "#b7791f")
_FADED = "#c9ced6"
_LINK = "rgba(140, 150, 165, 0.35)"
_LINK_PICKED = "rgba(180, 35, 42, 0.45)"
# Which code kind translates each column holding codes (charts.i18n.CODES).
CODE_KINDS = {
    "source_level": "source_level",
    "fund_type": "fund_type",
    "purpose": "purpose",
    "category": "project_category",
}


def region_label(frame: pd.DataFrame, prefix: str, lang: str) -> pd.Series:
    """Region names in the user's language, the code where the name is missing."""
    names = frame[f"{prefix}name_{'en' if lang == 'en' else 'zh'}"]
    code = frame[f"{prefix}code"] if f"{prefix}code" in frame else frame["key"]
    return names.where(names.notna(), code).astype(str)


# --- Totals --------------------------------------------------------------------------


def headline_cards(series: pd.DataFrame, *, year: int, lang: str) -> list[Card]:
    """Allocated, disbursed, disbursement rate, spent and spending rate for ``year``,
    each with its change on the year before and its 2014–2025 line."""
    this = series[series["year"] == year]
    last = series[series["year"] == year - 1]
    cards = []
    for key in (
        "allocated_yuan",
        "disbursed_yuan",
        "disbursement_rate_pct",
        "spent_yuan",
        "spending_rate_pct",
    ):
        spec = metric(key)
        value = float(this[key].iloc[0]) if len(this) else np.nan
        before = float(last[key].iloc[0]) if len(last) else np.nan
        delta, moved = _change(value, before, kind=spec.kind, lang=lang)
        label, shown = _card_value(spec.label(lang), value, kind=spec.kind, lang=lang)
        cards.append(
            Card(
                label,
                shown,
                delta,
                "normal" if moved else "off",
                series[key].astype(float).fillna(0).tolist(),
                spec.describe(lang),
            )
        )
    return cards


def _card_value(label: str, value: float, *, kind: str, lang: str) -> tuple[str, str]:
    """A card's label and value. A card is narrow: "¥6.14 billion" or "1,283 万元"
    does not fit, so money puts its unit in the label ("下达资金（亿元）", "Funds
    allocated (¥ billion)") and shows the number alone."""
    if kind != "yuan" or np.isnan(value):
        return label, format_value(value, kind=kind, lang=lang)
    divisor, unit = scale_for([value], kind="yuan", lang=lang)
    if lang == "en" and divisor == 1:
        return label, format_value(value, kind=kind, lang=lang)
    titled = f"{label} ({unit})" if lang == "en" else f"{label}（{unit}）"
    return titled, format_count(value / divisor, lang=lang)


def _change(
    value: float, before: float, *, kind: str, lang: str
) -> tuple[str | None, bool]:
    """The change on last year and whether it moved at the shown precision: money
    in percent of last year's amount, rates in percentage points."""
    if np.isnan(value) or np.isnan(before) or (kind != "pct" and before <= 0):
        return None, False
    if kind == "pct":
        change = round(value - before, 1) + 0.0
        unit = " pp" if lang == "en" else " 个百分点"
        return f"{'+' if change > 0 else ''}{change:.1f}{unit}", change != 0
    change = round(100.0 * (value - before) / before, 1) + 0.0
    return f"{'+' if change > 0 else ''}{format_pct(change, lang=lang)}", change != 0


def has_allocations(series: pd.DataFrame, *, year: int) -> bool:
    """Whether any money was allocated in ``year`` (per-year totals)."""
    return bool(series.loc[series["year"] == year, "allocations_count"].sum())


def by_year_chart(series: pd.DataFrame, *, lang: str, source_note: str) -> go.Figure:
    """Money allocated, disbursed and spent per budget year."""
    divisor, unit = scale_for(series["allocated_yuan"].tolist(), kind="yuan", lang=lang)
    frame = pd.concat(
        [
            pd.DataFrame(
                {
                    "year": series["year"],
                    "amount": series[key] / divisor,
                    "label": [format_money_yuan(v, lang=lang) for v in series[key]],
                    "series": metric(key).label(lang),
                }
            )
            for key in MONEY
        ],
        ignore_index=True,
    )
    if not series["allocated_yuan"].any():
        frame = frame.iloc[0:0]
    figure = trend_line(
        frame,
        x="year",
        y="amount",
        series="series",
        title=t("funds.by_year_title", lang, unit=unit),
        y_title=unit,
        source_note=source_note,
        empty_text=t("map.no_data", lang),
    )
    # Room for the legend between the title and the plot.
    figure.update_layout(margin={"t": 84}, title={"y": 0.97, "yanchor": "top"})
    return figure


def breakdown_labels(frame: pd.DataFrame, *, by: str, lang: str) -> list[str]:
    """Display labels of a breakdown's rows: region names or translated codes."""
    if by == "region":
        return region_label(frame, "", lang).tolist()
    return [code_label(CODE_KINDS[by], key, lang) for key in frame["key"]]


def breakdown_chart(
    frame: pd.DataFrame,
    *,
    by: str,
    year: int,
    lang: str,
    picked: str | None,
    source_note: str,
) -> go.Figure:
    """Horizontal bars of money allocated, disbursed and spent per row of a
    breakdown, largest on top; each bar carries its row's code for a click."""
    title = t(
        "funds.breakdown_title",
        lang,
        year=year,
        by=t(f"funds.by.{by}", lang),
        unit=scale_for(frame["allocated_yuan"].tolist(), kind="yuan", lang=lang)[1],
    )
    if frame.empty:
        return empty_figure(text=t("map.no_data", lang), title=title)
    divisor, _ = scale_for(frame["allocated_yuan"].tolist(), kind="yuan", lang=lang)
    labels = [escape_text(label) for label in breakdown_labels(frame, by=by, lang=lang)]
    figure = go.Figure()
    for key in MONEY:
        rates = (
            frame["disbursement_rate_pct"]
            if key == "disbursed_yuan"
            else frame["spending_rate_pct"]
            if key == "spent_yuan"
            else pd.Series(np.nan, index=frame.index)
        )
        hover = [
            f"{label}: {format_money_yuan(v, lang=lang)}"
            + (f" ({format_pct(r, lang=lang)})" if not pd.isna(r) else "")
            for label, v, r in zip(labels, frame[key], rates, strict=True)
        ]
        figure.add_trace(
            go.Bar(
                y=labels,
                x=frame[key] / divisor,
                orientation="h",
                name=metric(key).label(lang),
                marker={
                    "color": _COLOURS[key],
                    "opacity": [
                        1.0 if picked in (None, k) else 0.35 for k in frame["key"]
                    ],
                },
                customdata=frame["key"].astype(str).tolist(),
                # The rate beside its bar: disbursed and spent as a share of
                # allocated.
                text=["" if pd.isna(r) else format_pct(r, lang=lang) for r in rates],
                textposition="outside",
                cliponaxis=False,
                textfont={"size": 10},
                hovertext=hover,
                hovertemplate="%{hovertext}<extra>%{fullData.name}</extra>",
            )
        )
    height = 140 + 60 * len(frame)
    figure.update_layout(
        barmode="group",
        height=min(max(height, 300), 1400),
        title={"text": title, "x": 0.01, "xanchor": "left"},
        margin={"l": 8, "r": 48, "t": 64, "b": 56 if source_note else 8},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        xaxis={"exponentformat": "none", "gridcolor": "#e5e5e5", "title": None},
        yaxis={"autorange": "reversed"},
        clickmode="event+select",
    )
    if source_note:
        figure.add_annotation(footnote(source_note, yshift=-28))
    return figure


# --- Cascade ---------------------------------------------------------------------


def cascade_chart(
    frame: pd.DataFrame,
    *,
    measure: str,
    year: int,
    lang: str,
    picks: Mapping[str, str | None],
    source_note: str,
) -> go.Figure:
    """A Sankey diagram: source level → province → county → purpose, sized by
    ``measure`` (allocated_yuan or disbursed_yuan). Picked source levels and
    purposes are drawn dark, the rest faded, with the flows through them."""
    if measure not in ("allocated_yuan", "disbursed_yuan"):
        raise ValueError(
            f"the cascade shows allocated_yuan or disbursed_yuan, not {measure!r}"
        )
    unit = scale_for(frame[measure].tolist(), kind="yuan", lang=lang)[1]
    title = t(
        "funds.cascade_title",
        lang,
        measure=metric(measure).label(lang),
        year=year,
        unit=unit,
    )
    if frame.empty or not frame[measure].any():
        return empty_figure(text=t("map.no_data", lang), title=title, height=520)
    divisor = scale_for(frame[measure].tolist(), kind="yuan", lang=lang)[0]

    stages = _cascade_stages(frame, lang)
    nodes: dict[str, int] = {}
    labels, colours, stage_of = [], [], []
    for stage, (column, names) in enumerate(stages):
        for code in frame[column].drop_duplicates():
            nodes[f"{stage}:{code}"] = len(labels)
            labels.append(escape_text(names[code]))
            picked = picks.get(column)
            faded = picked is not None and code != picked
            colours.append(_FADED if faded else _STAGE_COLOURS[stage])
            stage_of.append(column)

    # A link is drawn dark when money of the picked source level and purpose flows
    # through it.
    active = {k: v for k, v in picks.items() if v is not None and k in frame}
    picked_rows = pd.Series(bool(active), index=frame.index)
    for column, code in active.items():
        picked_rows &= frame[column] == code
    rows = frame.assign(_picked=picked_rows)

    sources, targets, values, link_colours = [], [], [], []
    for stage in range(len(stages) - 1):
        left, right = stages[stage][0], stages[stage + 1][0]
        flows = rows.groupby([left, right], sort=False).agg(
            value=(measure, "sum"), picked=("_picked", "any")
        )
        for (a, b), value, picked in flows.itertuples(name=None):
            if value <= 0:
                continue
            sources.append(nodes[f"{stage}:{a}"])
            targets.append(nodes[f"{stage + 1}:{b}"])
            values.append(value / divisor)
            link_colours.append(_LINK_PICKED if picked else _LINK)

    # A node's amount: what flows into it (out of it, for the source levels).
    node_values = [0.0] * len(labels)
    for s, tgt, v in zip(sources, targets, values, strict=True):
        node_values[tgt] += v
        if stage_of[s] == stages[0][0]:
            node_values[s] += v
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            valueformat=".2f",
            valuesuffix=f" {unit}",
            node={
                "label": labels,
                "color": colours,
                "pad": 12,
                "thickness": 16,
                "line": {"width": 0},
                "customdata": [
                    format_money_yuan(v * divisor, lang=lang) for v in node_values
                ],
                "hovertemplate": "%{label}<br>%{customdata}<extra></extra>",
            },
            link={
                "source": sources,
                "target": targets,
                "value": values,
                "color": link_colours,
            },
        )
    )
    figure.update_layout(
        height=560,
        title={"text": title, "x": 0.01, "xanchor": "left"},
        margin={"l": 8, "r": 8, "t": 48, "b": 40 if source_note else 8},
        paper_bgcolor="#ffffff",
        font={"size": 12},
    )
    if source_note:
        figure.add_annotation(footnote(source_note, yshift=-12))
    return figure


def _cascade_stages(frame: pd.DataFrame, lang: str) -> list[tuple[str, dict]]:
    """(column, code → label) for the four stages of the cascade."""
    provinces = dict(
        zip(frame["province_code"], region_label(frame, "province_", lang), strict=True)
    )
    counties = dict(
        zip(frame["county_code"], region_label(frame, "county_", lang), strict=True)
    )
    provinces["other"] = t("funds.other_provinces", lang)
    counties["other"] = t("funds.other_counties", lang)
    return [
        (
            "source_level",
            {c: code_label("source_level", c, lang) for c in frame["source_level"]},
        ),
        ("province_code", provinces),
        ("county_code", counties),
        ("purpose", {c: code_label("purpose", c, lang) for c in frame["purpose"]}),
    ]


# --- Timeliness --------------------------------------------------------------------


def timeliness_chart(
    frame: pd.DataFrame,
    *,
    year: int,
    days_bin: int,
    last_bin: int,
    lang: str,
    source_note: str,
) -> go.Figure:
    """Allocations by the days they waited for their first and last payment, in
    bins of ``days_bin`` days (the last open-ended), plus those not paid yet."""
    title = t("funds.days_title", lang, year=year)
    if frame.empty:
        return empty_figure(text=t("map.no_data", lang), title=title)
    bins = [f"{b * days_bin}–{(b + 1) * days_bin - 1}" for b in range(last_bin)] + [
        f"≥{last_bin * days_bin}"
    ]
    labels = [*bins, t("funds.not_paid", lang)]
    figure = go.Figure()
    for milestone in ("first", "last"):
        rows = frame[frame["milestone"] == milestone]
        counts = [0] * len(labels)
        for b, n in zip(rows["bin"], rows["allocations_count"], strict=True):
            counts[len(labels) - 1 if pd.isna(b) else int(b)] += int(n)
        figure.add_trace(
            go.Bar(
                x=labels,
                y=counts,
                name=t(f"funds.{milestone}_payment", lang),
                marker={"color": _MILESTONE_COLOURS[milestone]},
                hovertemplate="%{x}: %{y}<extra>%{fullData.name}</extra>",
            )
        )
    _bar_layout(figure, title, source_note, bottom=110)
    figure.update_layout(
        barmode="group",
        xaxis={
            "title": {"text": t("funds.days_axis", lang)},
            "type": "category",
            "tickangle": -45,
        },
        yaxis={
            "title": {"text": t("funds.allocations_axis", lang)},
            # Counts are whole: no 0.5 ticks when there are only a few.
            "tickformat": ",d",
            "dtick": 1 if frame["allocations_count"].max() <= 5 else None,
        },
    )
    return figure


def region_days_chart(frame: pd.DataFrame, *, lang: str, source_note: str) -> go.Figure:
    """Median days to the first and the last payment per region, slowest on top."""
    title = t("funds.region_days_title", lang)
    rows = frame.dropna(subset=["first_payment_days"])
    if rows.empty:
        return empty_figure(text=t("map.no_data", lang), title=title)
    labels = [escape_text(n) for n in region_label(rows, "", lang)]
    figure = go.Figure()
    for key, milestone in (
        ("first_payment_days", "first"),
        ("last_payment_days", "last"),
    ):
        figure.add_trace(
            go.Bar(
                y=labels,
                x=rows[key],
                orientation="h",
                name=metric(key).label(lang),
                marker={"color": _MILESTONE_COLOURS[milestone]},
                hovertext=[format_value(v, kind="days", lang=lang) for v in rows[key]],
                hovertemplate="%{y}: %{hovertext}<extra>%{fullData.name}</extra>",
            )
        )
    _bar_layout(figure, title, source_note, rows=len(rows))
    figure.update_layout(barmode="group", yaxis={"autorange": "reversed"})
    return figure


def disclosure_chart(
    frame: pd.DataFrame, *, year: int, lang: str, source_note: str
) -> go.Figure:
    """Disclosure compliance rate per region, worst on top."""
    title = t("funds.disclosure_title", lang, year=year)
    rows = frame.dropna(subset=["compliance_rate_pct"])
    if rows.empty:
        return empty_figure(text=t("map.no_data", lang), title=title)
    labels = [escape_text(n) for n in region_label(rows, "", lang)]
    figure = go.Figure(
        go.Bar(
            y=labels,
            x=rows["compliance_rate_pct"],
            orientation="h",
            name=metric("compliance_rate_pct").label(lang),
            marker={"color": "#2b6cb0"},
            hovertext=[
                f"{format_pct(r, lang=lang)} ({c:,} / {n:,})"
                for r, c, n in zip(
                    rows["compliance_rate_pct"],
                    rows["compliant_count"],
                    rows["allocations_count"],
                    strict=True,
                )
            ],
            hovertemplate="%{y}: %{hovertext}<extra></extra>",
        )
    )
    _bar_layout(figure, title, source_note, rows=len(rows))
    figure.update_layout(
        showlegend=False,
        xaxis={"range": [0, 100], "ticksuffix": "%"},
        yaxis={"autorange": "reversed"},
    )
    return figure


def _bar_layout(
    figure: go.Figure,
    title: str,
    source_note: str,
    *,
    rows: int | None = None,
    bottom: int = 60,
) -> None:
    """Shared layout: title, legend above the plot, the source note at the foot; a
    chart with a bar per region grows with the regions."""
    height = 400 if rows is None else min(max(150 + 26 * rows, 300), 1200)
    figure.update_layout(
        height=height,
        title={"text": title, "x": 0.01, "xanchor": "left"},
        margin={"l": 8, "r": 8, "t": 64, "b": bottom + 24 if source_note else 8},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        xaxis={"exponentformat": "none", "gridcolor": "#e5e5e5"},
    )
    if source_note:
        figure.add_annotation(footnote(source_note, yshift=-bottom))
