"""The village map at every zoom: a county choropleth above a county, the county's
villages as points inside one (H3 hexagons when a county is over the point cap), and
what one mark stands for.

Points and hexagons are drawn with pydeck on our own county polygons, with no base
map (``map_provider=None``): nothing is fetched. Whatever the zoom, the map sends at
most ``max_points`` marks, and a test holds a deck of that many under 5 MB.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import h3
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
from plotly.colors import sample_colorscale

from charts.i18n import t
from charts.maps import region_choropleth
from charts.numbers import format_value
from charts.overview import MapShapes

# The things a village may lack (loaders.settings.INFRA_GAPS; a test keeps them equal).
GAPS = (
    "road",
    "bus",
    "water",
    "power",
    "broadband",
    "housing",
    "school",
    "clinic",
    "doctor",
)
LAYERS = ("status", "exit_year", *(f"gap_{gap}" for gap in GAPS), "care", "projects")
# The most a rerun may send (DESIGN.md §6 and §4).
MAX_BYTES = 5_000_000
MAX_FEATURES = 50_000
EXIT_YEARS = (2016, 2017, 2018, 2019, 2020)

# Colours of the point categories, colour-blind safe pairs (blue against orange/red).
_BLUE, _ORANGE, _RED = "#3182bd", "#fd8d3c", "#d7301f"
_GREY, _PALE = "#bdbdbd", "#9ecae1"
_YEAR_COLOURS = dict(
    zip(
        EXIT_YEARS,
        sample_colorscale("Viridis", [0.0, 0.25, 0.5, 0.75, 1.0]),
        strict=True,
    )
)
CATEGORIES: dict[str, tuple[tuple[str, str], ...]] = {
    "status": (
        ("poverty_open", _RED),
        ("poverty_exited", _ORANGE),
        ("not_poverty", _PALE),
    ),
    "care": (
        ("care_full", _BLUE),
        ("care_no_doctor", _ORANGE),
        ("care_no_clinic", _RED),
    ),
    "projects": (
        ("projects_open", _ORANGE),
        ("projects_done", _BLUE),
        ("projects_none", _GREY),
    ),
    "gap": (("lacks", _RED), ("has", _PALE)),
}
_HEX_STEPS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
_COUNTY_FILL = [245, 245, 245, 255]
_COUNTY_LINE = [150, 150, 150, 255]
_HIGHLIGHT_LINE = [8, 48, 107, 255]


def check_layer(layer: str) -> None:
    if layer not in LAYERS:
        raise ValueError(f"unknown map layer {layer!r}; expected one of {LAYERS}")


def map_kind(level: str, villages: int, *, max_points: int) -> str:
    """How the map draws a view: ``counties`` (a choropleth) above a county, inside
    one ``points``, or ``hexagons`` when the county has more villages than the cap."""
    if level in ("country", "province", "city"):
        return "counties"
    if level != "county":
        raise ValueError(f"no village map for a {level}")
    if not 0 < max_points <= MAX_FEATURES:
        raise ValueError(f"max_points must lie in 1..{MAX_FEATURES}, not {max_points}")
    return "points" if villages <= max_points else "hexagons"


def layer_label(layer: str, lang: str) -> str:
    """The layer's name: 'Lacks a paved road', 'Exit year' …"""
    check_layer(layer)
    if layer.startswith("gap_"):
        return t("vi.layer.gap", lang, gap=t(f"infra.gap.{layer[4:]}", lang))
    return t(f"vi.layer.{layer}", lang)


# The county choropleth ---------------------------------------------------------------


def county_layer_values(counties: pd.DataFrame, *, layer: str) -> pd.DataFrame:
    """code, value, kind of one layer per county: a count of villages or projects,
    the last exit year, or the share of villages (%) lacking something or cared for."""
    check_layer(layer)
    total = (
        counties["villages_count"].astype(float).where(counties["villages_count"] > 0)
    )
    if layer == "status":
        value, kind = counties["poverty_villages_count"].astype(float), "villages"
    elif layer == "exit_year":
        value, kind = counties["last_exit_year"].astype("Float64"), "year"
    elif layer == "care":
        value, kind = 100.0 * counties["villages_with_care_count"] / total, "pct"
    elif layer == "projects":
        value, kind = counties["projects_count"].astype(float), "count"
    else:
        value, kind = 100.0 * counties[f"{layer}_count"] / total, "pct"
    return pd.DataFrame({"code": counties["code"], "value": value, "kind": kind})


def county_layer_map(
    counties: pd.DataFrame,
    shapes: MapShapes,
    *,
    layer: str,
    lang: str,
    national: bool,
    highlight: str | None,
    source_note: str,
    geojson_url: str | None = None,
) -> go.Figure:
    """Counties coloured by one layer; grey where a county has no villages in the
    dataset (or, for the exit year, no poverty village)."""
    values = county_layer_values(counties, layer=layer)
    kind = values["kind"].iloc[0] if len(values) else "count"
    name_col = "name_en" if lang == "en" else "name_zh"
    frame = (
        shapes.names[["code", name_col]]
        .rename(columns={name_col: "name"})
        .merge(values[["code", "value"]], on="code", how="left")
    )
    frame["value"] = frame["value"].astype(float)
    frame["label"] = [format_value(v, kind=kind, lang=lang) for v in frame["value"]]
    unit_key = {"status": "villages", "exit_year": "year", "projects": "projects"}
    unit = t(f"vi.unit.{unit_key.get(layer, 'pct')}", lang)
    return region_choropleth(
        frame,
        shapes=shapes.counties,
        title=layer_label(layer, lang),
        colorbar_title=unit,
        outlines=shapes.borders,
        ten_dash_line=shapes.ten_dash_line if national else None,
        scs_inset=national,
        inset_label=t("map.inset", lang),
        highlight=highlight,
        categorical=layer == "exit_year",
        colorscale="Viridis" if layer == "exit_year" else "YlOrRd",
        reverse=layer == "care",
        no_data_label=t("vi.no_villages", lang),
        source_note=source_note,
        empty_text=t("vi.no_villages", lang),
        geojson_url=geojson_url,
    )


# Points and hexagons ----------------------------------------------------------------


def point_categories(points: pd.DataFrame, *, layer: str) -> pd.Series:
    """The legend category of every village for one layer."""
    check_layer(layer)
    if layer in ("status", "exit_year"):
        poverty = points["poverty_village"].fillna(False).astype(bool)
        if layer == "exit_year":
            return pd.Series(
                [
                    "not_poverty"
                    if not p
                    else (f"y{int(y)}" if pd.notna(y) else "poverty_open")
                    for p, y in zip(poverty, points["exit_year"], strict=True)
                ],
                index=points.index,
            )
        exited = points["exit_year"].notna()
        return pd.Series(
            [
                "not_poverty" if not p else ("poverty_exited" if e else "poverty_open")
                for p, e in zip(poverty, exited, strict=True)
            ],
            index=points.index,
        )
    if layer == "care":
        clinic = points["clinics_count"] > 0
        doctor = points["qualified_doctors_count"] > 0
        return (
            pd.Series("care_full", index=points.index)
            .mask(~doctor, "care_no_doctor")
            .mask(~clinic, "care_no_clinic")
        )
    if layer == "projects":
        return (
            pd.Series("projects_none", index=points.index)
            .mask(points["projects_count"] > 0, "projects_done")
            .mask(points["open_projects_count"] > 0, "projects_open")
        )
    lacks = points[layer].fillna(False).astype(bool)
    return pd.Series("has", index=points.index).mask(lacks, "lacks")


def category_colours(layer: str) -> dict[str, str]:
    """Category → colour (hex) of a layer, in legend order."""
    check_layer(layer)
    if layer == "exit_year":
        return {f"y{year}": colour for year, colour in _YEAR_COLOURS.items()} | {
            "poverty_open": _RED,
            "not_poverty": _PALE,
        }
    return dict(CATEGORIES["gap" if layer.startswith("gap_") else layer])


def category_label(category: str, lang: str) -> str:
    if category.startswith("y") and category[1:].isdigit():
        return t("vi.cat.exited_in", lang, year=category[1:])
    return t(f"vi.cat.{category}", lang)


def legend(points: pd.DataFrame, *, layer: str, lang: str) -> pd.DataFrame:
    """colour, label and number of villages of each category shown on the map."""
    counts = point_categories(points, layer=layer).value_counts()
    rows = [
        {
            "colour": colour,
            "label": category_label(category, lang),
            "villages": int(counts.get(category, 0)),
        }
        for category, colour in category_colours(layer).items()
        if counts.get(category, 0) or not category.startswith("y")
    ]
    return pd.DataFrame(rows, columns=["colour", "label", "villages"])


def hexagon_legend(hexagons: pd.DataFrame, *, layer: str, lang: str) -> pd.DataFrame:
    """colour, range of the layer's share and the villages in hexagons of each of
    the five steps."""
    steps = _hexagon_steps(hexagon_value(hexagons, layer=layer))
    villages = hexagons["villages_count"].groupby(steps).sum()
    return pd.DataFrame(
        {
            "colour": _HEX_STEPS,
            "label": [f"{20 * i}–{20 * (i + 1)}%" for i in range(5)],
            "villages": [int(villages.get(i, 0)) for i in range(5)],
        }
    )


def _hexagon_steps(values: pd.Series) -> pd.Series:
    """The colour step (0–4) of each share: 0–20 %, …, 80–100 %; none counts as 0."""
    return (values.fillna(0.0) // 20).clip(upper=4).astype(int)


def legend_styler(table: pd.DataFrame, *, lang: str):
    """The legend as a table: a swatch cell in each category's colour."""
    shown = pd.DataFrame(
        {
            t("vi.legend.colour", lang): [""] * len(table),
            t("vi.legend.category", lang): table["label"],
            t("vi.legend.villages", lang): table["villages"],
        }
    )
    colours = list(table["colour"])
    swatch = t("vi.legend.colour", lang)
    return shown.style.apply(
        lambda column: (
            [f"background-color: {c}" for c in colours]
            if column.name == swatch
            else [""] * len(column)
        ),
        axis=0,
    )


def _rgb(colour: str) -> list[int]:
    if colour.startswith("rgb"):
        return [int(float(x)) for x in colour[colour.index("(") + 1 : -1].split(",")]
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


def _base_layer(shapes: MapShapes, *, lang: str, highlight: str | None) -> pdk.Layer:
    """Our own county polygons: the map's only background."""
    names = shapes.names.set_index("code")["name_en" if lang == "en" else "name_zh"]
    features = [
        {
            "type": "Feature",
            "geometry": geometry,
            "properties": {
                "code": code,
                "n": str(names.get(code, code)),
                "t": "",
                "line": _HIGHLIGHT_LINE if code == highlight else _COUNTY_LINE,
                "width": 600 if code == highlight else 1,
            },
        }
        for code, geometry in shapes.counties.items()
    ]
    return pdk.Layer(
        "GeoJsonLayer",
        id="counties",
        data={"type": "FeatureCollection", "features": features},
        pickable=True,
        stroked=True,
        filled=True,
        get_fill_color=_COUNTY_FILL,
        get_line_color="properties.line",
        get_line_width="properties.width",
        # Widths in pixels; a string option would reach deck.gl as an expression.
        line_width_scale=1,
        line_width_min_pixels=1,
        line_width_max_pixels=3,
    )


def fit_view(lons: list[float], lats: list[float]) -> pdk.ViewState:
    """The view that fits these positions on a map of about 800 × 560 px, with a
    margin so that no dot sits on the map's edge (a county of the demo dataset may
    have only a few villages, far apart)."""
    west, east = min(lons), max(lons)
    south, north = min(lats), max(lats)
    span_x = max(east - west, 0.05) * 1.5
    span_y = max(north - south, 0.05) * 1.5
    zoom_x = math.log2(800 / 512 * 360 / span_x)
    mid = math.radians((north + south) / 2)
    zoom_y = math.log2(560 / 512 * 360 * math.cos(mid) / span_y)
    return pdk.ViewState(
        longitude=(west + east) / 2,
        latitude=(south + north) / 2,
        zoom=round(min(zoom_x, zoom_y, 12.0), 2),
    )


def village_deck(
    points: pd.DataFrame,
    shapes: MapShapes,
    *,
    layer: str,
    lang: str,
    highlight: str | None,
    selected: str | None = None,
    max_points: int = 12_000,
) -> pdk.Deck:
    """A county's villages as dots coloured by the layer, over the county polygons;
    the selected village ringed. Refuses more points than ``max_points``."""
    if len(points) > max_points:
        raise ValueError(
            f"{len(points)} villages are more than the {max_points} a map may send; "
            "draw hexagons instead"
        )
    categories = point_categories(points, layer=layer)
    colours = {k: _rgb(v) for k, v in category_colours(layer).items()}
    name_col = "name_en" if lang == "en" else "name_zh"
    town_col = "township_en" if lang == "en" else "township_zh"
    records = [
        {
            "code": code,
            "n": str(name),
            "t": f"{town} · {category_label(category, lang)}",
            "p": [round(float(lon), 5), round(float(lat), 5)],
            "f": colours.get(category, [128, 128, 128]),
        }
        for code, name, town, lon, lat, category in zip(
            points["code"],
            points[name_col],
            points[town_col].fillna(""),
            points["lon"],
            points["lat"],
            categories,
            strict=True,
        )
    ]
    layers = [_base_layer(shapes, lang=lang, highlight=highlight)]
    layers.append(
        pdk.Layer(
            "ScatterplotLayer",
            id="villages",
            data=records,
            pickable=True,
            get_position="p",
            get_fill_color="f",
            get_line_color=[60, 60, 60],
            stroked=True,
            line_width_min_pixels=0.5,
            get_radius=250,
            radius_min_pixels=4,
            radius_max_pixels=14,
        )
    )
    chosen = [r for r in records if r["code"] == selected]
    if chosen:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id="selected",
                data=chosen,
                get_position="p",
                filled=False,
                stroked=True,
                get_line_color=_HIGHLIGHT_LINE,
                line_width_min_pixels=3,
                get_radius=600,
                radius_min_pixels=10,
            )
        )
    if records:
        view = fit_view([r["p"][0] for r in records], [r["p"][1] for r in records])
    else:
        view = _shapes_view(shapes, highlight)
    return pdk.Deck(
        layers=layers,
        initial_view_state=view,
        map_provider=None,
        tooltip={"text": "{n}\n{t}"},
    )


def _shapes_view(shapes: MapShapes, highlight: str | None) -> pdk.ViewState:
    geometry = shapes.counties.get(highlight) or next(iter(shapes.counties.values()))
    lons, lats = [], []
    for ring in _rings(geometry):
        lons += [x for x, _ in ring]
        lats += [y for _, y in ring]
    return fit_view(lons, lats)


def _rings(geometry: Mapping[str, Any]):
    coordinates = geometry["coordinates"]
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    for polygon in polygons:
        yield from polygon


def hexagon_value(hexagons: pd.DataFrame, *, layer: str) -> pd.Series:
    """The share of a hexagon's villages (%) the layer is about."""
    check_layer(layer)
    total = (
        hexagons["villages_count"].astype(float).where(hexagons["villages_count"] > 0)
    )
    column = {
        "status": "poverty_villages_count",
        "exit_year": "poverty_villages_count",
        "care": "villages_with_care_count",
        "projects": "open_projects_count",
    }.get(layer, f"{layer}_count")
    return (100.0 * hexagons[column] / total).clip(upper=100.0)


def hexagon_deck(
    hexagons: pd.DataFrame,
    shapes: MapShapes,
    *,
    layer: str,
    lang: str,
    highlight: str | None,
) -> pdk.Deck:
    """Villages counted per H3 cell, coloured by the layer's share in five steps.
    The hexagons' outlines are computed here, so the browser needs no H3 code."""
    values = hexagon_value(hexagons, layer=layer)
    records = []
    for cell, count, value, step in zip(
        hexagons["hexagon"],
        hexagons["villages_count"],
        values,
        _hexagon_steps(values),
        strict=True,
    ):
        ring = [
            [round(lon, 5), round(lat, 5)] for lat, lon in h3.cell_to_boundary(cell)
        ]
        records.append(
            {
                "code": cell,
                "n": t("vi.hex_tooltip", lang, villages=int(count)),
                "t": format_value(value, kind="pct", lang=lang),
                "g": ring,
                "f": _rgb(_HEX_STEPS[step]),
            }
        )
    layers = [
        _base_layer(shapes, lang=lang, highlight=highlight),
        pdk.Layer(
            "PolygonLayer",
            id="hexagons",
            data=records,
            pickable=True,
            get_polygon="g",
            get_fill_color="f",
            opacity=0.8,
            stroked=False,
        ),
    ]
    if records:
        view = fit_view(
            [p[0] for r in records for p in r["g"]],
            [p[1] for r in records for p in r["g"]],
        )
    else:
        view = _shapes_view(shapes, highlight)
    return pdk.Deck(
        layers=layers,
        initial_view_state=view,
        map_provider=None,
        tooltip={"text": "{n}\n{t}"},
    )


def deck_bytes(deck: pdk.Deck) -> int:
    """What the deck costs a rerun: the size of the JSON Streamlit sends."""
    return len(deck.to_json().encode("utf-8"))


def hexagon_resolution(hexagons: pd.DataFrame) -> int | None:
    """The H3 resolution the query chose for these hexagons (None without any)."""
    if hexagons.empty:
        return None
    return h3.get_resolution(hexagons["hexagon"].iloc[0])


def mark_caption(
    kind: str, layer: str, *, lang: str, count: int, resolution: int | None = None
) -> str:
    """What one mark on the map stands for at this zoom (for hexagons, of which H3
    resolution), and how many are drawn."""
    if kind == "counties":
        what = layer_label(layer, lang)
        return t("vi.mark.counties", lang, what=what, count=f"{count:,}")
    if kind == "hexagons" and resolution is not None:
        return t(
            "vi.mark.hexagons", lang, count=f"{count:,}", resolution=resolution,
            area=f"{h3.average_hexagon_area(resolution, unit='km^2'):.3g}",
        )  # fmt: skip
    return t(
        "vi.mark.points" if kind == "points" else "vi.mark.none",
        lang,
        count=f"{count:,}",
    )
