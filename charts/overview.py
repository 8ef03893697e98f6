"""The Overview's pieces: headline cards, the county map, worst-region lists, trends.

Each function takes the loaders' frames and the language and returns something a page
can show without further shaping.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.i18n import t
from charts.maps import region_choropleth
from charts.metrics import metric
from charts.numbers import format_value, scale_for, suppression_of
from charts.trends import trend_line

# Indicators for which a high value is good: their map colours run the other way.
HIGH_IS_GOOD = {"disbursement_rate_pct", "care_coverage_pct", "projects_on_track_pct"}


@dataclass(frozen=True)
class Card:
    """One headline figure for ``st.metric``."""

    label: str
    value: str
    delta: str | None
    # "normal": up is green; "inverse": up is red; "off": no change, grey.
    delta_color: str
    trend: list[float] | None
    help: str


def headline_cards(
    series: pd.DataFrame, facts: pd.Series, *, year: int, lang: str
) -> list[Card]:
    """Headline figures for ``year`` with their 2014–2025 lines and yearly change."""
    this = series[series["year"] == year]
    last = series[series["year"] == year - 1]
    hidden = suppression_of(series)
    cards = []
    for key, good_when_up in (
        ("poor_people_count", False),
        ("exited_counties_count", True),
        ("exited_villages_count", True),
        ("monitored_households_count", False),
        ("disbursement_rate_pct", True),
    ):
        spec = metric(key)
        kind = _card_kind(spec.kind, lang)
        value = this[key].iloc[0] if len(this) else np.nan
        before = last[key].iloc[0] if len(last) else np.nan
        delta, colour = None, "off"
        if pd.notna(value) and pd.notna(before):
            change = value - before
            if kind == "pct":
                # A rate that moved less than the shown precision did not move.
                change = round(change, 1) + 0.0
            delta = _change(change, kind=kind, lang=lang)
            if change:
                colour = "normal" if good_when_up else "inverse"
        cards.append(
            Card(
                spec.label(lang),
                format_value(value, kind=kind, lang=lang, suppressed_below=hidden),
                delta,
                colour,
                series[key].astype(float).tolist(),
                spec.describe(lang),
            )
        )
    for key in ("care_coverage_pct", "projects_on_track_pct", "illness_share_pct"):
        spec = metric(key)
        cards.append(
            Card(
                spec.label(lang),
                format_value(
                    facts[key],
                    kind=spec.kind,
                    lang=lang,
                    suppressed_below=suppression_of(facts) if "count" in key else None,
                ),
                None,
                "off",
                None,
                spec.describe(lang),
            )
        )
    return cards


@dataclass(frozen=True)
class MapShapes:
    """Parsed geometry for one map extent: county polygons, names and the overlays."""

    names: pd.DataFrame  # code, name_zh, name_en
    counties: dict[str, dict]
    borders: list[dict]
    ten_dash_line: dict | None


def parse_map_shapes(counties: pd.DataFrame, outlines: pd.DataFrame) -> MapShapes:
    """Parse the GeoJSON text of the loaders once per extent (it is the slow part)."""
    geometry = {
        code: json.loads(text)
        for code, text in zip(counties["code"], counties["geojson"], strict=True)
    }
    borders = [
        json.loads(text)
        for text in outlines.loc[outlines["level"] == "province", "geojson"]
    ]
    dash = outlines.loc[outlines["level"] == "ten_dash_line", "geojson"]
    return MapShapes(
        counties[["code", "name_zh", "name_en"]],
        geometry,
        borders,
        json.loads(dash.iloc[0]) if len(dash) else None,
    )


def _card_kind(kind: str, lang: str) -> str:
    # A card is narrow: in English the label already names the unit ("Households
    # under monitoring"), so "93,154" reads better than a cut-off "93,154 hou…".
    nouns = {"people", "households", "villages", "counties"}
    return "count" if lang == "en" and kind in nouns else kind


def _change(change: float, *, kind: str, lang: str) -> str:
    """A year-on-year change with its sign; rates change by percentage points."""
    sign = "+" if change > 0 else ""
    if kind == "pct":
        unit = " pp" if lang == "en" else " 个百分点"
        return f"{sign}{change:.1f}{unit}"
    return f"{sign}{format_value(change, kind=kind, lang=lang)}"


def county_indicator_map(
    values: pd.DataFrame,
    shapes: MapShapes,
    *,
    indicator: str,
    year: int,
    lang: str,
    national: bool,
    highlight: str | None,
    source_note: str,
    geojson_url: str | None = None,
) -> go.Figure:
    """Counties coloured by one indicator; grey where the dataset has no value."""
    spec = metric(indicator)
    name_col = "name_en" if lang == "en" else "name_zh"
    frame = (
        shapes.names[["code", name_col]]
        .rename(columns={name_col: "name"})
        .merge(values, on="code", how="left")
    )
    frame["label"] = [
        format_value(v, kind=spec.kind, lang=lang) for v in frame["value"]
    ]
    categorical = indicator == "exit_year"
    no_data = "map.not_poverty_county" if categorical else "map.no_data"
    return region_choropleth(
        frame,
        shapes=shapes.counties,
        title=f"{spec.label(lang)} · {year}",
        colorbar_title=spec.title(lang),
        outlines=shapes.borders,
        ten_dash_line=shapes.ten_dash_line if national else None,
        scs_inset=national,
        inset_label=t("map.inset", lang),
        highlight=highlight,
        categorical=categorical,
        colorscale="Viridis" if categorical else "YlOrRd",
        reverse=indicator in HIGH_IS_GOOD,
        no_data_label=t(no_data, lang),
        source_note=source_note,
        empty_text=t("map.no_data", lang),
        geojson_url=geojson_url,
    )


def worst_region_tables(
    worst: dict[str, pd.DataFrame], names: pd.DataFrame, *, lang: str
) -> list[tuple[str, pd.DataFrame]]:
    """Per indicator, its title and a two-column table (region, formatted value)."""
    name_col = "name_en" if lang == "en" else "name_zh"
    lookup = dict(zip(names["code"], names[name_col], strict=True))
    tables = []
    for key, frame in worst.items():
        spec = metric(key)
        table = pd.DataFrame(
            {
                t("col.region", lang): [
                    lookup.get(code, code) for code in frame["code"]
                ],
                spec.unit(lang) or t("col.value", lang): [
                    format_value(v, kind=spec.kind, lang=lang) for v in frame["value"]
                ],
            }
        )
        tables.append((spec.label(lang), table))
    return tables


def poor_population_trend(
    series: pd.DataFrame, reference: pd.DataFrame, *, lang: str
) -> go.Figure:
    """The dataset's poor population beside the public national series, 2014 = 100."""
    ours = series[series["year"] <= 2020][["year", "poor_people_count"]].astype(float)
    base = ours.loc[ours["year"] == 2014, "poor_people_count"]
    public = reference[
        (reference["series"] == "rural_poor_population")
        & reference["year"].between(2014, 2020)
    ]
    frames = (
        [
            pd.DataFrame(
                {
                    "year": public["year"],
                    "index": 100 * public["value"] / public["value"].iloc[0],
                    "series": t("overview.series_real", lang),
                }
            )
        ]
        if len(public)
        else []
    )
    if len(base) and base.iloc[0] > 0:  # NaN (suppressed) compares False
        frames.append(
            pd.DataFrame(
                {
                    "year": ours["year"],
                    "index": 100 * ours["poor_people_count"] / base.iloc[0],
                    "series": t("overview.series_dataset", lang),
                }
            )
        )
    frame = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["year", "index", "series"])
    )
    unit = "2014 = 100"
    return trend_line(
        frame,
        x="year",
        y="index",
        series="series",
        title=t("overview.poor_trend", lang),
        y_title=f"{metric('poor_people_count').label(lang)}（{unit}）"
        if lang != "en"
        else f"Poor population ({unit})",
        source_note=t("overview.reference_note", lang),
        empty_text=t("map.no_data", lang),
    )


def funds_trend(series: pd.DataFrame, *, lang: str, source_note: str) -> go.Figure:
    """Money allocated and disbursed per year, in 亿元 / ¥ billion as fits."""
    divisor, unit = scale_for(series["allocated_yuan"].tolist(), kind="yuan", lang=lang)
    rows = []
    for key in ("allocated_yuan", "disbursed_yuan"):
        rows.append(
            pd.DataFrame(
                {
                    "year": series["year"],
                    "amount": series[key] / divisor,
                    "series": metric(key).label(lang),
                }
            )
        )
    frame = pd.concat(rows, ignore_index=True)
    if not series["allocated_yuan"].any():
        frame = frame.iloc[0:0]
    return trend_line(
        frame,
        x="year",
        y="amount",
        series="series",
        title=t("overview.fund_trend", lang),
        y_title=f"{t('col.value', lang)}（{unit}）"
        if lang != "en"
        else f"Amount ({unit})",
        source_note=source_note,
        empty_text=t("map.no_data", lang),
    )
