"""Region choropleths on an offline MapLibre map, with the South China Sea inset."""

import json
import math
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely
from plotly.colors import get_colorscale, sample_colorscale
from shapely.geometry import shape

EMPTY_TEXT = "无数据 / No data"
REQUIRED_COLUMNS = ("code", "name", "value", "label")

Box = tuple[float, float, float, float]  # west, south, east, north in degrees
Geometry = Mapping[str, Any]

# "white-bg" is the one MapLibre style that needs no tiles, glyphs or sprites, so
# nothing is fetched from the internet. Text drawn *inside* the map would need glyphs
# from a font server: every label on a map is therefore a paper annotation.
_MAP_STYLE = "white-bg"

_NO_DATA_COLOUR = "#d9d9d9"
_BORDER_COLOUR = "#ffffff"
# In the inset the islands are smaller than a pixel: a white edge would erase them,
# a grey one keeps each island visible as a dot.
_INSET_BORDER_COLOUR = "#8c8c8c"
_OUTLINE_COLOUR = "#4d4d4d"
_TEN_DASH_COLOUR = "#4d4d4d"
_HIGHLIGHT_COLOUR = "#08306b"
_NOTE_COLOUR = "#666666"

# The South China Sea box of the inset, wide enough for all ten dashes.
_SCS_BOX: Box = (105.0, 2.5, 125.0, 24.8)
# With the inset, the main frame stops just south of Hainan (its tip is at 18.2°N).
_MAIN_SOUTH_WITH_INSET = 17.0
# Inset placement as fractions of the plot area: lower right, 18 % wide, 30 % high.
_INSET_X: tuple[float, float] = (0.815, 0.995)
_INSET_Y: tuple[float, float] = (0.005, 0.305)

# Zoom depends on the map's width in pixels, which only the browser knows (the height
# is ours). Fit to a plot this wide: the app's wide layout gives at least that, and
# China then fills the height. A narrower column crops east and west a little; the
# pan limits leave room to zoom out one step there.
_ASSUMED_WIDTH_PX = 800
# Pan limits must hold the initial view even on a very wide plot (a 1920-pixel screen
# less the sidebar), or MapLibre zooms in to satisfy them and crops the map. The cost:
# on a narrower plot the user can pan east-west by half the difference.
_WIDEST_PX = 1600
_TILE_PX = 512  # MapLibre's world is 512 px wide at zoom 0
_FIT_SHARE = 0.92  # leave a little white around the fitted box
_MAX_ZOOM = 11.0


def region_choropleth(
    frame: pd.DataFrame,
    *,
    shapes: Mapping[str, Geometry],
    title: str,
    colorbar_title: str,
    outlines: Sequence[Geometry] = (),
    ten_dash_line: Geometry | None = None,
    scs_inset: bool = False,
    inset_label: str = "南海诸岛",
    highlight: str | None = None,
    categorical: bool = False,
    colorscale: str = "YlOrRd",
    reverse: bool = False,
    no_data_label: str = "无数据",
    source_note: str = "",
    empty_text: str = EMPTY_TEXT,
    height: int = 620,
    geojson_url: str | None = None,
) -> go.Figure:
    """Colour regions by value on an offline map; regions without data are grey.

    With ``geojson_url`` (a FeatureCollection of ``shapes`` with ``id`` = code, served
    by the app itself) the main map refers to the geometry instead of carrying it, so
    a redraw sends the values only and the browser keeps the shapes in its cache.
    """
    _check_columns(frame)
    if frame.empty or not shapes:
        return empty_figure(text=empty_text, title=title, height=height)

    layer = _layer(
        frame,
        shapes,
        categorical=categorical,
        colorscale=colorscale,
        reverse=reverse,
        colorbar_title=colorbar_title,
        no_data_label=no_data_label,
    )
    layer = replace(layer, url=geojson_url)
    margin = {"l": 8, "r": 8, "t": 48 if title else 8, "b": 36 if source_note else 8}
    map_height = height - margin["t"] - margin["b"]
    extent, view = _main_view(layer.boxes.values(), map_height, scs_inset=scs_inset)

    figure = go.Figure(list(layer.traces("map")))
    limits = _limits(view)
    figure.add_traces(
        list(_overlays(layer.shapes, outlines, ten_dash_line, highlight, limits))
    )
    figure.update_layout(
        map=_map_layout(view, domain=((0.0, 1.0), (0.0, 1.0)), revision=extent),
        height=height,
        margin=margin,
        title=_title(title),
        showlegend=False,
        paper_bgcolor="#ffffff",
    )
    if scs_inset:
        _add_inset(
            figure, layer, ten_dash_line, map_height=map_height, label=inset_label
        )
    if source_note:
        figure.add_annotation(footnote(source_note))
    return figure


def empty_figure(
    *, text: str = EMPTY_TEXT, title: str = "", height: int = 300
) -> go.Figure:
    """Return a blank figure that says there is no data, instead of an empty frame."""
    figure = go.Figure()
    figure.update_layout(
        height=height,
        title=_title(title),
        xaxis={"visible": False},
        yaxis={"visible": False},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
    )
    figure.add_annotation(
        text=escape_text(text),
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": 14, "color": _NOTE_COLOUR},
    )
    return figure


def escape_text(text: object) -> str:
    """Escape data text for plotly, which renders <b>, <a> and friends in labels."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def footnote(text: str, *, yshift: int = -6) -> dict[str, Any]:
    """Return the note under a chart: unit, source, synthetic-data notice."""
    return {
        "text": text,
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "xanchor": "left",
        "yanchor": "top",
        "yshift": yshift,
        "showarrow": False,
        "align": "left",
        "font": {"size": 11, "color": _NOTE_COLOUR},
    }


class _SharedGeoJSON(dict):
    """A GeoJSON mapping that plotly shares instead of deep-copying."""

    # Plotly deep-copies every trace property when a figure is built and again in
    # to_dict(), which Streamlit calls. For ~2,900 counties that is about a second of
    # walking coordinate lists each time; the geometry is never changed, so share it.
    def __deepcopy__(self, memo: dict[int, Any]) -> "_SharedGeoJSON":
        return self


def _colour_scale(
    regions: pd.DataFrame,
    *,
    categorical: bool,
    colorscale: str,
    reverse: bool,
    colorbar_title: str,
) -> tuple[dict[str, float], dict[str, Any]]:
    """Return z per region code and the colour options every value trace shares."""
    coloured = regions[regions["has_value"]]
    colorbar: dict[str, Any] = {
        "title": {"text": colorbar_title},
        "thickness": 12,
        "len": 0.55,
        "x": 1.0,
        "xanchor": "left",
        "y": 1.0,
        "yanchor": "top",
        "outlinewidth": 0,
        # Plotly's default SI suffixes ("45.6M") mean nothing next to 万 and 亿.
        "exponentformat": "none",
    }
    options: dict[str, Any] = {"reversescale": reverse, "colorbar": colorbar}
    pairs = zip(coloured["code"], coloured["value"], strict=True)

    if coloured.empty:  # every region is grey; no value trace will use the options
        return {}, options
    if not categorical:
        low, high = coloured["value"].min(), coloured["value"].max()
        if low == high:  # one value: give it the middle colour, not an end
            low, high = low - 1, high + 1
        options |= {"colorscale": colorscale, "zmin": low, "zmax": high}
        return {code: value for code, value in pairs}, options

    categories = sorted(coloured["value"].unique())
    position = {value: index for index, value in enumerate(categories)}
    # The first label of each value names that category in the colour bar.
    names = coloured.drop_duplicates("value").set_index("value")["label"]
    colorbar |= {
        "tickvals": list(range(len(categories))),
        "ticktext": [escape_text(names[value]) for value in categories],
    }
    options |= {
        "colorscale": _stepped(colorscale, len(categories)),
        "zmin": -0.5,
        "zmax": len(categories) - 0.5,
    }
    return {code: position[value] for code, value in pairs}, options


def _check_columns(frame: pd.DataFrame) -> None:
    """Refuse a frame without the columns the map needs, naming the missing ones."""
    missing = [column for column in REQUIRED_COLUMNS if column not in frame.columns]
    if missing:
        raise ValueError(
            f"region_choropleth needs columns {list(REQUIRED_COLUMNS)}; "
            f"missing {missing} (got {list(frame.columns)})"
        )


def _regions(frame: pd.DataFrame, shapes: Mapping[str, Geometry]) -> pd.DataFrame:
    """Return one row per shape: its name, value and hover text, value or not."""
    codes = frame["code"].astype(str)
    repeated = codes[codes.duplicated()].unique().tolist()
    if repeated:
        raise ValueError(
            f"frame has more than one row for codes {repeated[:5]}; "
            "aggregate to one row per region before drawing the map"
        )

    # Every shape is drawn, so the map has no holes; rows without a shape cannot be.
    rows = pd.DataFrame(
        {
            "code": codes.to_numpy(),
            "name": frame["name"].fillna("").astype(str).to_numpy(),
            "value": pd.to_numeric(frame["value"]).to_numpy(
                dtype=float, na_value=np.nan
            ),
            "label": frame["label"].fillna("").astype(str).to_numpy(),
        }
    ).set_index("code")
    regions = rows.reindex([str(code) for code in shapes]).rename_axis("code")
    regions["name"] = regions["name"].fillna("")
    regions["label"] = regions["label"].fillna("")
    regions["has_value"] = regions["value"].notna()
    return regions.reset_index()


@dataclass(frozen=True)
class _Layer:
    """The regions of one map: a row each, their geometry and how values colour."""

    regions: pd.DataFrame  # code, name, value, label, has_value, z
    shapes: Mapping[str, Geometry]
    boxes: Mapping[str, Box]
    colours: Mapping[str, Any]  # colour scale, range and bar shared by value traces
    no_data_label: str
    url: str | None = None  # where the browser fetches these shapes, if it does
    # Geometry work shared by every figure drawn from the same shapes (see _prepare).
    prepared: "_Prepared | None" = None

    def traces(self, subplot: str) -> Iterator[go.Choroplethmap]:
        """Yield the coloured trace and the grey no-data trace for one map subplot."""
        is_main = subplot == "map"
        coloured = self.regions[self.regions["has_value"]]
        if len(coloured):
            yield _choropleth(
                coloured,
                self.shapes,
                hover=map(_hover, coloured["name"], coloured["label"]),
                name="values" if is_main else "values (inset)",
                subplot=subplot,
                url=self.url,
                **self.colours,
                showscale=is_main,
            )

        missing = self.regions[~self.regions["has_value"]]
        if len(missing):
            yield _choropleth(
                missing.assign(z=0.0),
                self.shapes,
                hover=(_hover(name, self.no_data_label) for name in missing["name"]),
                name="no data" if is_main else "no data (inset)",
                subplot=subplot,
                url=self.url,
                colorscale=[[0, _NO_DATA_COLOUR], [1, _NO_DATA_COLOUR]],
                showscale=False,
            )

    def within(self, box: Box, pixel: float) -> "_Layer":
        """Return the regions reaching into the box, clipped to it and coarsened."""
        key = (box, pixel)
        shapes = self.prepared.clipped.get(key) if self.prepared else None
        if shapes is None:
            codes = [code for code, own in self.boxes.items() if _overlaps(own, box)]
            coarse = _coarse([self.shapes[code] for code in codes], box, pixel)
            shapes = {
                code: geometry
                for code, geometry in zip(codes, coarse, strict=True)
                if geometry is not None
            }
            if self.prepared:
                self.prepared.clipped[key] = shapes
        regions = self.regions[self.regions["code"].isin(shapes)]
        boxes = {code: self.boxes[code] for code in shapes}
        # The clipped shapes are new geometry: they travel inline, not by URL.
        return replace(self, regions=regions, shapes=shapes, boxes=boxes, url=None)


def _layer(
    frame: pd.DataFrame,
    shapes: Mapping[str, Geometry],
    *,
    categorical: bool,
    colorscale: str,
    reverse: bool,
    colorbar_title: str,
    no_data_label: str,
) -> _Layer:
    """Join the rows to the shapes and work out every region's colour."""
    prepared = _prepare(shapes)
    shapes, boxes = prepared.geojson, prepared.boxes
    regions = _regions(frame, shapes)
    z, colours = _colour_scale(
        regions,
        categorical=categorical,
        colorscale=colorscale,
        reverse=reverse,
        colorbar_title=colorbar_title,
    )
    regions["z"] = regions["code"].map(z)
    return _Layer(regions, shapes, boxes, colours, no_data_label, prepared=prepared)


@dataclass
class _Prepared:
    """What a figure needs from its shapes alone: GeoJSON, boxes, inset clippings."""

    source: Mapping[str, Geometry]  # held so its id() is not reused while cached
    geojson: dict[str, Geometry]
    boxes: dict[str, Box]
    clipped: dict[tuple[Box, float], dict[str, Geometry]] = field(default_factory=dict)


# A map redraw with new values but the same shapes (a filter change) used to redo the
# boxes and the inset clipping: ~0.25 s for the national counties. Callers pass the
# same, never-mutated mapping for the same extent, so the work is kept per mapping.
_PREPARED: OrderedDict[int, _Prepared] = OrderedDict()
_PREPARED_MAX = 16


def _prepare(shapes: Mapping[str, Geometry]) -> _Prepared:
    """The geometry work for these shapes, computed once per mapping object."""
    hit = _PREPARED.get(id(shapes))
    if hit is not None and hit.source is shapes:
        _PREPARED.move_to_end(id(shapes))
        return hit
    geojson = {str(code): _as_geojson(geometry) for code, geometry in shapes.items()}
    boxes = {code: _box(geometry) for code, geometry in geojson.items()}
    prepared = _Prepared(shapes, geojson, boxes)
    _PREPARED[id(shapes)] = prepared
    while len(_PREPARED) > _PREPARED_MAX:
        _PREPARED.popitem(last=False)
    return prepared


def _choropleth(
    rows: pd.DataFrame,
    shapes: Mapping[str, Geometry],
    *,
    hover: Iterable[str],
    name: str,
    subplot: str,
    url: str | None = None,
    **options: Any,
) -> go.Choroplethmap:
    """Build one choropleth trace whose geometry holds only its own regions (or
    refers to the served file of all of them)."""
    codes = rows["code"].to_numpy(dtype=object)
    if url is None:
        features = [
            {"type": "Feature", "id": code, "properties": {}, "geometry": shapes[code]}
            for code in codes
        ]
        geojson = _SharedGeoJSON(type="FeatureCollection", features=features)
    return go.Choroplethmap(
        geojson=url if url is not None else geojson,
        featureidkey="id",
        locations=codes,
        z=rows["z"].to_numpy(dtype=float),
        # The code rides along so a Streamlit selection can say which region was hit.
        customdata=codes.reshape(-1, 1),
        hovertext=np.array(list(hover), dtype=object),
        hovertemplate="%{hovertext}<extra></extra>",
        marker={"line": _border(subplot)},
        # A click selects a region; plotly would then fade all the others. The page
        # marks the selection with the highlight outline instead, so keep full colour.
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": 1}},
        name=name,
        subplot=subplot,
        **options,
    )


def _border(subplot: str) -> dict[str, Any]:
    """Return the region edge style for the main map or the inset."""
    if subplot == "map2":
        return {"color": _INSET_BORDER_COLOUR, "width": 0.5}
    return {"color": _BORDER_COLOUR, "width": 0.3}


def _hover(name: str, label: str) -> str:
    """Return the hover text for a region: its name in bold, then its value."""
    if not name:
        return escape_text(label)
    return f"<b>{escape_text(name)}</b><br>{escape_text(label)}"


def _stepped(colorscale: str, count: int) -> list[list[float | str]]:
    """Return a colour scale with one flat band per category."""
    # Skip the palest end: it is too close to the no-data grey and to white.
    positions = np.linspace(0.15, 1.0, count) if count > 1 else [0.6]
    colours = sample_colorscale(get_colorscale(colorscale), list(positions))
    steps: list[list[float | str]] = []
    for position, colour in enumerate(colours):
        steps += [[position / count, colour], [(position + 1) / count, colour]]
    return steps


def _line_trace(
    geometries: Sequence[Geometry], name: str, colour: str, width: float, subplot: str
) -> go.Scattermap:
    """Draw the rings and lines of the geometries as one thin, hover-free trace."""
    # NaN rows break the line between rings. Float32 arrays travel to the browser
    # as compact binary (about a metre of precision, far below what a map shows).
    gap = np.full((1, 2), np.nan)
    parts = [
        part
        for geometry in geometries
        for line in _lines(geometry)
        for part in (np.asarray(line, dtype=float)[:, :2], gap)
    ]
    points = np.concatenate(parts).astype(np.float32) if parts else np.empty((0, 2))
    return go.Scattermap(
        lon=points[:, 0],
        lat=points[:, 1],
        mode="lines",
        line={"color": colour, "width": width},
        hoverinfo="skip",
        showlegend=False,
        name=name,
        subplot=subplot,
    )


def _lines(geometry: Geometry) -> Iterator[Sequence[Sequence[float]]]:
    """Yield every ring or line string of a GeoJSON geometry or feature."""
    geometry = _as_geojson(geometry)
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Feature":
        yield from _lines(geometry["geometry"])
    elif kind == "GeometryCollection":
        for part in geometry["geometries"]:
            yield from _lines(part)
    elif kind == "LineString":
        yield coordinates
    elif kind in ("Polygon", "MultiLineString"):
        yield from coordinates
    elif kind == "MultiPolygon":
        for polygon in coordinates:
            yield from polygon
    else:
        raise ValueError(
            f"cannot draw a GeoJSON {kind!r}; pass Polygon, MultiPolygon, "
            "LineString or MultiLineString geometries (or features of them)"
        )


def _as_geojson(geometry: Any) -> Geometry:
    """Accept GeoJSON mappings and objects with __geo_interface__ (shapely)."""
    if hasattr(geometry, "__geo_interface__"):
        return geometry.__geo_interface__
    return geometry


def _box(geometry: Geometry) -> Box:
    """Return the bounding box of a geometry."""
    points = np.concatenate(
        [np.asarray(line, dtype=float)[:, :2] for line in _lines(geometry)]
    )
    west, south = points.min(axis=0)
    east, north = points.max(axis=0)
    return float(west), float(south), float(east), float(north)


def _union(boxes: Iterable[Box]) -> Box:
    """Return the box around all boxes."""
    wests, souths, easts, norths = zip(*boxes, strict=True)
    return min(wests), min(souths), max(easts), max(norths)


def _overlaps(one: Box, other: Box) -> bool:
    """Tell whether two boxes share any area."""
    return (
        one[0] < other[2]
        and other[0] < one[2]
        and one[1] < other[3]
        and other[1] < one[3]
    )


def _main_view(
    boxes: Iterable[Box], map_height: float, *, scs_inset: bool
) -> tuple[Box, dict[str, Any]]:
    """Return the extent the main map shows and its view of it."""
    extent = _union(boxes)
    if scs_inset:
        extent = (extent[0], max(extent[1], _MAIN_SOUTH_WITH_INSET), *extent[2:])
    view = _view(
        extent,
        (_ASSUMED_WIDTH_PX, map_height),
        widest_px=_WIDEST_PX,
        keep_south=scs_inset,
        slack=True,
    )
    return extent, view


def _view(
    box: Box,
    size_px: tuple[float, float],
    *,
    widest_px: float,
    keep_south: bool,
    slack: bool,
) -> dict[str, Any]:
    """Return the center and zoom that show the whole box, and the pan limits."""
    width_px, height_px = size_px
    lon, lat, zoom = _fit(box, width_px * _FIT_SHARE, height_px * _FIT_SHARE)
    west, south, east, north = box
    if keep_south:
        # Rest the box's south edge on the frame's bottom; spare room goes north.
        lat = _latitude(_mercator_y(south) - _height_share(height_px, zoom) / 2)

    # East-west, hold the initial view of the widest screen: MapLibre zooms in rather
    # than break its limits, which would crop the map. With slack, north-south leaves
    # room to zoom out one step, and panning goes a quarter of the box past its edges.
    half_lon = widest_px / (_TILE_PX * 2**zoom) * 180
    tall = _height_share(height_px, zoom - 1 if slack else zoom)
    if keep_south:
        low, high = south, _latitude(_mercator_y(south) - tall)
    else:
        middle = _mercator_y(lat)
        low, high = _latitude(middle + tall / 2), _latitude(middle - tall / 2)
    pad_x, pad_y = ((east - west) / 4, (north - south) / 4) if slack else (0.0, 0.0)
    bounds = {
        "west": max(-180.0, min(west - pad_x, lon - half_lon)),
        "east": min(180.0, max(east + pad_x, lon + half_lon)),
        "south": low if keep_south else max(-85.0, min(south - pad_y, low)),
        "north": min(85.0, max(north + pad_y, high)),
    }
    return {"center": {"lon": lon, "lat": lat}, "zoom": zoom, "bounds": bounds}


def _limits(view: Mapping[str, Any]) -> Box:
    """Return a view's pan limits as a box."""
    bounds = view["bounds"]
    return bounds["west"], bounds["south"], bounds["east"], bounds["north"]


def _fit(box: Box, width_px: float, height_px: float) -> tuple[float, float, float]:
    """Return the center (lon, lat) and zoom at which the box fills the pixels."""
    west, south, east, north = box
    top, bottom = _mercator_y(north), _mercator_y(south)
    span_x = max((east - west) / 360, 1e-9)
    span_y = max(bottom - top, 1e-9)
    zoom = math.log2(min(width_px / span_x, height_px / span_y) / _TILE_PX)
    center_lat = _latitude((top + bottom) / 2)
    return (west + east) / 2, center_lat, min(max(zoom, 0.0), _MAX_ZOOM)


def _height_share(height_px: float, zoom: float) -> float:
    """Return the share of the world's Mercator height that fits in the pixels."""
    return height_px / (_TILE_PX * 2**zoom)


def _mercator_y(lat: float) -> float:
    """Return web-Mercator y as a share of the world's height (0 north, 1 south)."""
    lat = min(max(lat, -85.0), 85.0)
    return (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2


def _latitude(y: float) -> float:
    """Return the latitude of a web-Mercator y (the inverse of _mercator_y)."""
    return math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * y))) - math.pi / 2)


def _map_layout(
    view: Mapping[str, Any],
    *,
    domain: tuple[tuple[float, float], tuple[float, float]],
    revision: Box,
) -> dict[str, Any]:
    """Return one map subplot's layout: offline style, view, place on the paper."""
    return {
        **view,
        "style": _MAP_STYLE,
        "domain": {"x": list(domain[0]), "y": list(domain[1])},
        # Same regions on a rerun (a click, a filter): keep the user's pan and zoom.
        # Other regions (a drill-down): show the new view.
        "uirevision": ",".join(f"{edge:.3f}" for edge in revision),
    }


def _overlays(
    shapes: Mapping[str, Geometry],
    outlines: Sequence[Geometry],
    ten_dash_line: Geometry | None,
    highlight: str | None,
    limits: Box,
) -> Iterator[go.Scattermap]:
    """Yield the lines drawn over the main map: borders, ten-dash line, selection."""
    if outlines:
        yield _line_trace(outlines, "outlines", _OUTLINE_COLOUR, 0.8, "map")
    if ten_dash_line is not None and _overlaps(_box(ten_dash_line), limits):
        yield _line_trace(
            [ten_dash_line], "ten-dash line", _TEN_DASH_COLOUR, 1.5, "map"
        )
    if highlight is not None and str(highlight) in shapes:
        selected = [shapes[str(highlight)]]
        yield _line_trace(selected, "highlight", _HIGHLIGHT_COLOUR, 3, "map")


def _inset_view(map_height: float) -> dict[str, Any]:
    """Return the inset's view of the South China Sea box."""
    width_share = _INSET_X[1] - _INSET_X[0]
    height_px = map_height * (_INSET_Y[1] - _INSET_Y[0])
    return _view(
        _SCS_BOX,
        (_ASSUMED_WIDTH_PX * width_share, height_px),
        widest_px=_WIDEST_PX * width_share,
        keep_south=False,
        # The inset's height is fixed, so its limits are exactly what it can show:
        # that is also all of the land that has to be sent for it.
        slack=False,
    )


def _add_inset(
    figure: go.Figure,
    layer: _Layer,
    ten_dash_line: Geometry | None,
    *,
    map_height: float,
    label: str,
) -> None:
    """Add the inset in the lower right corner: the sea's regions and line, framed."""
    view = _inset_view(map_height)
    inside = layer.within(_limits(view), _pixel_degrees(view["zoom"]))
    figure.add_traces(list(inside.traces("map2")))
    if ten_dash_line is not None:
        name = "ten-dash line (inset)"
        figure.add_trace(
            _line_trace([ten_dash_line], name, _TEN_DASH_COLOUR, 1.2, "map2")
        )

    domain = (_INSET_X, _INSET_Y)
    figure.update_layout(map2=_map_layout(view, domain=domain, revision=_SCS_BOX))
    figure.add_shape(
        type="rect",
        xref="paper",
        yref="paper",
        x0=_INSET_X[0],
        x1=_INSET_X[1],
        y0=_INSET_Y[0],
        y1=_INSET_Y[1],
        line={"color": _OUTLINE_COLOUR, "width": 1},
        layer="above",
    )
    figure.add_annotation(_inset_label(label))


def _coarse(
    geometries: Sequence[Geometry], box: Box, pixel: float
) -> list[Geometry | None]:
    """Clip polygons to the box and drop detail finer than half a pixel."""
    # Only what the small inset can show travels to the browser. Gaps this simplifying
    # opens between neighbours are under half a pixel wide: invisible. (Coverage
    # simplification would close them, but it fails on slightly invalid input.)
    clipped = shapely.clip_by_rect([shape(geometry) for geometry in geometries], *box)
    simple = shapely.simplify(clipped, pixel / 2, preserve_topology=True)
    texts = shapely.to_geojson(simple)
    return [
        None if empty else json.loads(text)
        for empty, text in zip(shapely.is_empty(simple), texts, strict=True)
    ]


def _pixel_degrees(zoom: float) -> float:
    """Return how many degrees of longitude one pixel spans at a zoom level."""
    return 360 / (_TILE_PX * 2**zoom)


def _inset_label(text: str) -> dict[str, Any]:
    """Return the annotation naming the inset, in its lower right corner."""
    return {
        "text": text,
        "xref": "paper",
        "yref": "paper",
        "x": _INSET_X[1] - 0.006,
        "y": _INSET_Y[0] + 0.01,
        "xanchor": "right",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 11, "color": _OUTLINE_COLOUR},
    }


def _title(text: str) -> dict[str, Any] | None:
    """Return a left-aligned figure title, or None for no title."""
    return {"text": text, "x": 0.01, "xanchor": "left"} if text else None


def feature_collection_json(shapes: Mapping[str, Geometry]) -> str:
    """The GeoJSON text a ``geojson_url`` should serve: one feature per code."""
    features = [
        {
            "type": "Feature",
            "id": str(code),
            "properties": {},
            "geometry": _as_geojson(geometry),
        }
        for code, geometry in shapes.items()
    ]
    return json.dumps(
        {"type": "FeatureCollection", "features": features}, separators=(",", ":")
    )
