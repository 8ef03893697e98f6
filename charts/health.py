"""The Health coverage page's figures: compliance per level, the county map (with
the proposed sites), distance to care by region, medical costs by who paid them,
illness where care is and is not in place, and coverage as sites are added. Its
cards and tables: ``charts.health_tables``.

Each function takes the loaders' frames and the language and returns a figure a page
can show as it is; every title states its unit.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.i18n import code_label, t
from charts.maps import empty_figure, escape_text, footnote, region_choropleth
from charts.metrics import metric
from charts.numbers import format_count, format_pct, format_value, scale_for
from charts.overview import MapShapes

MAP_MEASURES = (
    "health_village_compliant_pct",
    "health_township_compliant_pct",
    "health_near_clinic_pct",
    "health_illness_share_pct",
)
HIGH_IS_GOOD = {
    "health_village_compliant_pct",
    "health_township_compliant_pct",
    "health_near_clinic_pct",
}
LEVELS = ("villages_with_clinic", "villages_with_doctor", "villages_compliant")
PAYERS = (
    ("insurance_yuan", "#2b6cb0"),
    ("aid_yuan", "#2f855a"),
    ("oop_yuan", "#b4232a"),
)
RADIUS_COLOURS = ("#08519c", "#4292c6", "#9ecae1", "#c6dbef", "#deebf7")
_GRID = "#e5e5e5"
_LAYOUT = {"plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff"}
_SITE_COLOUR = "#6b46c1"


def _finish(
    figure: go.Figure, *, title: str, height: int, source_note: str, **layout
) -> go.Figure:
    figure.update_layout(
        height=height,
        # The title at the top, the legend between it and the plot.
        title={
            "text": title,
            "x": 0.01,
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 12},
        },
        margin={"l": 8, "r": 32, "t": 104, "b": 84 if source_note else 8},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        **_LAYOUT,
    )
    figure.update_layout(**layout)
    if source_note:
        figure.add_annotation(footnote(source_note, yshift=-52))
    return figure


def compliance_chart(summary: pd.Series, *, lang: str, source_note: str) -> go.Figure:
    """One bar per target (villages with a clinic, with a doctor, with both;
    townships; poverty counties): the share that meets it, with the counts."""
    title = t("hl.compliance_title", lang)
    rows = [
        ("villages_with_clinic", "villages_count"),
        ("villages_with_doctor", "villages_count"),
        ("villages_compliant", "villages_count"),
        ("townships_compliant", "townships_count"),
        ("poor_counties_compliant", "poor_counties_count"),
    ]
    rows = [(k, w) for k, w in rows if summary[w]]
    if not rows:
        return empty_figure(text=t("hl.empty", lang), title=title)
    labels = [t(f"hl.level.{k}", lang) for k, _ in rows]
    shares = [float(summary[f"{k}_pct"]) for k, _ in rows]
    counts = [
        f"{format_count(summary[f'{k}_count'], lang=lang)} / "
        f"{format_count(summary[w], lang=lang)}"
        for k, w in rows
    ]
    figure = go.Figure(
        go.Bar(
            y=labels,
            x=shares,
            orientation="h",
            marker={"color": ["#2f855a" if s >= 100 else "#b7791f" for s in shares]},
            text=[
                f"{format_pct(s, lang=lang)} · {c}"
                for s, c in zip(shares, counts, strict=True)
            ],
            textposition="auto",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    return _finish(
        figure,
        title=title,
        height=360,
        source_note=source_note,
        xaxis={"title": "%", "range": [0, 100], "gridcolor": _GRID},
        yaxis={"autorange": "reversed"},
    )


def health_map(
    counties: pd.DataFrame,
    shapes: MapShapes,
    *,
    measure: str,
    lang: str,
    national: bool,
    highlight: str | None,
    source_note: str,
    geojson_url: str | None = None,
    sites: pd.DataFrame | None = None,
) -> go.Figure:
    """Counties coloured by a share (MAP_MEASURES); grey where a county has no
    villages. ``sites`` (lon, lat, names, rank) are drawn as numbered points."""
    if measure not in MAP_MEASURES:
        raise ValueError(f"unknown map measure {measure!r}; expected {MAP_MEASURES}")
    spec = metric(measure)
    name_col = "name_en" if lang == "en" else "name_zh"
    values = counties[["code", measure]].rename(columns={measure: "value"})
    frame = (
        shapes.names[["code", name_col]]
        .rename(columns={name_col: "name"})
        .merge(values, on="code", how="left")
    )
    frame["label"] = [format_value(v, kind="pct", lang=lang) for v in frame["value"]]
    figure = region_choropleth(
        frame,
        shapes=shapes.counties,
        title=spec.label(lang),
        colorbar_title=spec.title(lang),
        outlines=shapes.borders,
        ten_dash_line=shapes.ten_dash_line if national else None,
        scs_inset=national,
        inset_label=t("map.inset", lang),
        highlight=highlight,
        colorscale="YlOrRd",
        reverse=measure in HIGH_IS_GOOD,
        no_data_label=t("hl.map_none", lang),
        source_note=source_note,
        empty_text=t("map.no_data", lang),
        geojson_url=geojson_url,
    )
    if sites is not None and not sites.empty:
        names = [escape_text(n) for n in sites[name_col]]
        figure.add_trace(
            go.Scattermap(
                lon=sites["lon"],
                lat=sites["lat"],
                # Markers only: text on a MapLibre map fetches its glyphs from a
                # font server, which an offline deployment cannot reach.
                mode="markers",
                marker={"size": 11, "color": _SITE_COLOUR},
                text=[str(r) for r in sites["rank"]],
                hovertext=names,
                hovertemplate="%{text}. %{hovertext}<extra></extra>",
                name=t("hl.sites", lang),
                subplot="map",
            )
        )
    return figure


def access_chart(
    access: pd.DataFrame,
    *,
    kind: str,
    lang: str,
    source_note: str,
) -> go.Figure:
    """Per region, the share of the rural population within each radius of the
    nearest facility of ``kind``: one bar per radius, regions largest first."""
    kind_label = code_label("facility_kind", kind, lang)
    title = t("hl.access_title", lang, kind=kind_label)
    rows = access[access["kind"] == kind]
    if rows.empty:
        return empty_figure(text=t("hl.empty", lang), title=title)
    name_col = "name_en" if lang == "en" else "name_zh"
    lookup = dict(zip(rows["code"], rows[name_col].fillna(rows["code"]), strict=True))
    order = (
        rows.groupby("code")["population_count"].max().sort_values(ascending=False)
    ).index.tolist()
    labels = [escape_text(lookup.get(code, code)) for code in order]
    figure = go.Figure()
    radii = sorted(rows["radius_km"].unique())
    for radius, colour in zip(radii, RADIUS_COLOURS, strict=False):
        chosen = rows[rows["radius_km"] == radius].set_index("code").reindex(order)
        name = t("hl.within", lang, km=f"{radius:g}")
        figure.add_trace(
            go.Bar(
                y=labels,
                x=chosen["near_pct"],
                orientation="h",
                name=name,
                marker={"color": colour},
                customdata=order,
                hovertemplate=f"%{{y}} · {name}: %{{x:.1f}}%<extra></extra>",
            )
        )
    return _finish(
        figure,
        title=title,
        height=min(max(180 + 22 * len(order) * len(radii), 340), 1600),
        source_note=source_note,
        barmode="group",
        xaxis={"title": "%", "range": [0, 100], "gridcolor": _GRID},
        yaxis={"autorange": "reversed"},
    )


def costs_chart(costs: pd.DataFrame, *, lang: str, source_note: str) -> go.Figure:
    """Medical costs per year stacked by who paid: insurance, medical aid and the
    household itself."""
    divisor, unit = scale_for(costs["total_yuan"].tolist(), kind="yuan", lang=lang)
    title = t("hl.costs_title", lang, unit=unit)
    if costs.empty or not costs["total_yuan"].any():
        return empty_figure(text=t("hl.no_costs", lang), title=title)
    years = [str(y) for y in costs["year"]]
    figure = go.Figure()
    for column, colour in PAYERS:
        figure.add_trace(
            go.Bar(
                x=years,
                y=costs[column] / divisor,
                name=t(f"hl.payer.{column}", lang),
                marker={"color": colour},
                hovertemplate="%{x}: %{y:,.2f}" + f" {unit}<extra>%{{fullData.name}}"
                "</extra>",
            )
        )
    return _finish(
        figure,
        title=title,
        height=380,
        source_note=source_note,
        barmode="stack",
        yaxis={"title": unit, "gridcolor": _GRID, "exponentformat": "none"},
        xaxis={"type": "category"},
    )


def illness_by_care_chart(
    frame: pd.DataFrame, *, lang: str, source_note: str
) -> go.Figure:
    """The share of registered households poor mainly through illness, in villages
    that miss the clinic-and-doctor target and in those that meet it."""
    title = t("hl.illness_care_title", lang)
    if frame.empty or not frame["villages_count"].any():
        return empty_figure(text=t("hl.empty", lang), title=title)
    labels = [t(f"hl.care.{bool(c)}", lang) for c in frame["compliant"]]
    shares = frame["illness_share_pct"].astype(float)
    figure = go.Figure(
        go.Bar(
            x=labels,
            y=shares,
            marker={"color": ["#b4232a", "#2b6cb0"]},
            text=[format_pct(s, lang=lang) for s in shares],
            textposition="auto",
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    return _finish(
        figure,
        title=title,
        height=380,
        source_note=source_note,
        yaxis={"title": "%", "gridcolor": _GRID, "rangemode": "tozero"},
    )


def coverage_chart(
    picks: pd.DataFrame, *, summary: pd.Series, lang: str, source_note: str
) -> go.Figure:
    """Coverage of the rural population before any new site and after each pick."""
    title = t("hl.coverage_title", lang, km=f"{summary['radius_km']:g}")
    if not summary["population_count"]:
        return empty_figure(text=t("hl.empty", lang), title=title)
    x = list(range(len(picks) + 1))
    y = [float(summary["covered_before_pct"]), *picks["covered_after_pct"]]
    figure = go.Figure(
        go.Scatter(
            x=x,
            y=y,
            mode="lines+markers",
            line={"color": _SITE_COLOUR},
            hovertemplate="%{x}: %{y:.2f}%<extra></extra>",
        )
    )
    return _finish(
        figure,
        title=title,
        height=360,
        source_note=source_note,
        xaxis={"title": t("hl.sites_axis", lang), "dtick": max(1, len(x) // 10)},
        yaxis={"title": "%", "gridcolor": _GRID},
    )
