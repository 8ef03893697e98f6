"""The offline region choropleth: traces, view, inset, escaping, no remote URLs."""

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
import shapely

from charts.maps import EMPTY_TEXT, empty_figure, escape_text, region_choropleth


def square(west: float, south: float, size: float = 1.0) -> dict:
    """Return a GeoJSON square polygon with its lower left corner at (west, south)."""
    east, north = west + size, south + size
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


# A: coloured, B: no value, C: coloured and inside the South China Sea box,
# D: a shape without a row. The frame's X has no shape and cannot be drawn.
SHAPES = {
    "A": square(100, 30),
    "B": square(110, 35),
    "C": square(112, 10),
    "D": square(120, 40),
}
TEN_DASH = {
    "type": "MultiLineString",
    "coordinates": [[[110, 5], [111, 6]], [[121, 23], [121.5, 24]]],
}
PROVINCE = square(99, 29, 25)


@pytest.fixture
def frame() -> pd.DataFrame:
    """Return the rows for the tiny map."""
    return pd.DataFrame(
        {
            "code": ["A", "B", "C", "X"],
            "name": ["<b>x</b>", "乙县", "三沙", "nowhere"],
            "value": [1.0, np.nan, 3.0, 4.0],
            "label": ["1 人", "—", "3 人", "4 人"],
        }
    )


def draw(frame: pd.DataFrame, **options: object) -> go.Figure:
    """Draw the tiny map with everything switched on unless overridden."""
    settings: dict[str, object] = {
        "shapes": SHAPES,
        "title": "贫困发生率",
        "colorbar_title": "贫困发生率 (%)",
        "outlines": [PROVINCE],
        "ten_dash_line": TEN_DASH,
        "scs_inset": True,
        "highlight": "A",
        "source_note": "合成演示数据",
    }
    return region_choropleth(frame, **(settings | options))


def trace(figure: go.Figure, name: str) -> go.Choroplethmap | go.Scattermap:
    """Return the one trace with this name."""
    (found,) = [item for item in figure.data if item.name == name]
    return found


def test_traces_are_the_map_layers_in_drawing_order(frame: pd.DataFrame) -> None:
    figure = draw(frame)

    assert [(item.type, item.name, item.subplot) for item in figure.data] == [
        ("choroplethmap", "values", "map"),
        ("choroplethmap", "no data", "map"),
        ("scattermap", "outlines", "map"),
        ("scattermap", "ten-dash line", "map"),
        ("scattermap", "highlight", "map"),
        ("choroplethmap", "values (inset)", "map2"),
        ("scattermap", "ten-dash line (inset)", "map2"),
    ]


def test_coloured_regions_carry_code_value_and_geometry(frame: pd.DataFrame) -> None:
    values = trace(draw(frame), "values")

    assert list(values.locations) == ["A", "C"]
    assert list(values.z) == [1.0, 3.0]
    assert [list(row) for row in values.customdata] == [["A"], ["C"]]
    assert values.featureidkey == "id"
    assert [feature["id"] for feature in values.geojson["features"]] == ["A", "C"]
    assert values.geojson["features"][0]["geometry"] == SHAPES["A"]
    assert values.showscale is True
    assert values.colorbar.title.text == "贫困发生率 (%)"
    assert (values.zmin, values.zmax) == (1.0, 3.0)


def test_regions_without_value_or_row_are_grey(frame: pd.DataFrame) -> None:
    missing = trace(draw(frame, no_data_label="无数据"), "no data")

    assert list(missing.locations) == ["B", "D"]
    assert [list(row) for row in missing.customdata] == [["B"], ["D"]]
    assert {colour for _, colour in missing.colorscale} == {"#d9d9d9"}
    assert missing.showscale is False
    # A shape without a row has no name to show, only the no-data text.
    assert list(missing.hovertext) == ["<b>乙县</b><br>无数据", "无数据"]


def test_hover_shows_name_and_label_escaped(frame: pd.DataFrame) -> None:
    values = trace(draw(frame), "values")

    assert values.hovertext[0] == "<b>&lt;b&gt;x&lt;/b&gt;</b><br>1 人"
    assert values.hovertemplate == "%{hovertext}<extra></extra>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("A & B", "A &amp; B"),
        ("&lt;", "&amp;lt;"),
        ("<a href='javascript:x'>", "&lt;a href='javascript:x'&gt;"),
        ("城关区", "城关区"),
        (2019, "2019"),
    ],
)
def test_escape_text(text: object, expected: str) -> None:
    assert escape_text(text) == expected


def test_figure_refers_to_no_remote_url(frame: pd.DataFrame) -> None:
    text = draw(frame).to_json()

    # Not even plotly's own template carries a URL; any "http" would be ours.
    assert "http" not in text
    assert all(
        item.type in ("choroplethmap", "scattermap") for item in draw(frame).data
    )


def test_map_is_offline_and_fits_the_shapes(frame: pd.DataFrame) -> None:
    layout = draw(frame, scs_inset=False).layout.map

    assert layout.style == "white-bg"
    assert 100 <= layout.center.lon <= 121
    assert 10 <= layout.center.lat <= 41
    # The limits hold every shape, yet panning stays near them (shapes span 21° of
    # longitude and 31° of latitude; east-west allows for a 1,600-pixel-wide plot).
    bounds = layout.bounds
    assert 100 - 21 * 3 < bounds.west < 100 < 121 < bounds.east <= 180
    assert 10 - 31 < bounds.south < 10 < 41 < bounds.north < 41 + 31


def test_inset_cuts_the_main_frame_at_17_degrees(frame: pd.DataFrame) -> None:
    layout = draw(frame).layout

    assert layout.map.bounds.south == pytest.approx(17.0)
    assert layout.map2.style == "white-bg"
    assert list(layout.map2.domain.x) == [0.815, 0.995]
    assert list(layout.map2.domain.y) == [0.005, 0.305]
    assert layout.map2.bounds.west < 105 and layout.map2.bounds.east > 125
    assert layout.map2.bounds.south < 3 and layout.map2.bounds.north > 24


def test_inset_holds_only_regions_in_the_sea_box(frame: pd.DataFrame) -> None:
    figure = draw(frame, inset_label="South China Sea Islands")

    inset = trace(figure, "values (inset)")
    assert list(inset.locations) == ["C"]
    assert inset.showscale is False
    assert inset.zmin == trace(figure, "values").zmin
    assert "South China Sea Islands" in [
        note.text for note in figure.layout.annotations
    ]
    (frame_box,) = figure.layout.shapes
    assert (frame_box.x0, frame_box.y1) == (0.815, 0.305)


def test_without_inset_there_is_no_second_map(frame: pd.DataFrame) -> None:
    figure = draw(frame, scs_inset=False)

    assert "map2" not in figure.to_dict()["layout"]
    assert {item.subplot for item in figure.data} == {"map"}
    assert figure.layout.shapes == ()


def test_ten_dash_line_is_left_out_of_a_view_far_from_it(frame: pd.DataFrame) -> None:
    northern = {"A": square(100, 45), "B": square(102, 47)}
    figure = draw(frame, shapes=northern, scs_inset=False)

    assert "ten-dash line" not in [item.name for item in figure.data]


def test_lines_break_between_rings(frame: pd.DataFrame) -> None:
    lines = trace(draw(frame), "ten-dash line")

    assert len(lines.lon) == 6
    assert [math.isnan(value) for value in lines.lat] == [False, False, True] * 2
    assert lines.hoverinfo == "skip"


def test_highlight_outlines_the_selected_region(frame: pd.DataFrame) -> None:
    highlight = trace(draw(frame, highlight="C"), "highlight")

    assert list(highlight.lon[:5]) == [112, 113, 113, 112, 112]
    assert highlight.line.width == 3


def test_unknown_highlight_is_ignored(frame: pd.DataFrame) -> None:
    names = [item.name for item in draw(frame, highlight="ZZ").data]

    assert "highlight" not in names


def test_categorical_values_get_one_colour_each(frame: pd.DataFrame) -> None:
    years = frame.assign(value=[2016.0, np.nan, 2020.0, 2019.0])
    years["label"] = ["2016年", "", "2020年", "2019年"]
    values = trace(draw(years, categorical=True), "values")

    assert list(values.z) == [0, 1]
    assert (values.zmin, values.zmax) == (-0.5, 1.5)
    assert list(values.colorbar.tickvals) == [0, 1]
    assert list(values.colorbar.ticktext) == ["2016年", "2020年"]
    colours = [colour for _, colour in values.colorscale]
    assert colours[0] == colours[1] != colours[2] == colours[3]


@pytest.mark.parametrize("reverse", [True, False])
def test_reverse_flips_the_colour_scale(frame: pd.DataFrame, reverse: bool) -> None:
    assert trace(draw(frame, reverse=reverse), "values").reversescale is reverse


def test_a_single_value_gets_a_middle_colour(frame: pd.DataFrame) -> None:
    values = trace(draw(frame.assign(value=[5.0, np.nan, 5.0, 5.0])), "values")

    assert values.zmin < 5.0 < values.zmax


@pytest.mark.parametrize("categorical", [False, True])
def test_a_map_without_any_value_is_all_grey(
    frame: pd.DataFrame, categorical: bool
) -> None:
    figure = draw(frame.assign(value=np.nan), categorical=categorical)

    names = [item.name for item in figure.data]
    assert "values" not in names
    assert list(trace(figure, "no data").locations) == ["A", "B", "C", "D"]


def test_selection_keeps_every_region_in_full_colour(frame: pd.DataFrame) -> None:
    values = trace(draw(frame), "values")

    assert values.unselected.marker.opacity == 1
    assert values.selected.marker.opacity == 1


def test_title_and_source_note(frame: pd.DataFrame) -> None:
    figure = draw(frame, scs_inset=False)

    assert figure.layout.title.text == "贫困发生率"
    assert [note.text for note in figure.layout.annotations] == ["合成演示数据"]


def test_shapely_geometries_are_accepted(frame: pd.DataFrame) -> None:
    shapes = {
        code: shapely.geometry.shape(geometry) for code, geometry in SHAPES.items()
    }
    values = trace(draw(frame, shapes=shapes), "values")

    assert values.geojson["features"][1]["geometry"]["type"] == "Polygon"


def test_figure_converts_to_a_dict_for_streamlit(frame: pd.DataFrame) -> None:
    # Streamlit calls to_dict(); geometry is shared rather than copied, not lost.
    data = draw(frame).to_dict()["data"]

    assert data[0]["geojson"]["features"][0]["geometry"] == SHAPES["A"]


@pytest.mark.parametrize(
    "empty",
    [
        pd.DataFrame({"code": [], "name": [], "value": [], "label": []}),
        None,
    ],
)
def test_empty_input_says_so(frame: pd.DataFrame, empty: pd.DataFrame | None) -> None:
    figure = (
        draw(empty, empty_text="无数据 / No data")
        if empty is not None
        else draw(frame, shapes={}, empty_text="No data")
    )

    assert figure.data == ()
    assert [note.text for note in figure.layout.annotations] == [
        "无数据 / No data" if empty is not None else "No data"
    ]


def test_empty_figure_defaults() -> None:
    figure = empty_figure()

    assert figure.layout.annotations[0].text == EMPTY_TEXT
    assert figure.layout.xaxis.visible is False


def test_missing_columns_are_named(frame: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"missing \['label'\]"):
        draw(frame.drop(columns="label"))


def test_repeated_codes_are_refused(frame: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"more than one row for codes \['A'\]"):
        draw(pd.concat([frame, frame.head(1)]))


def test_points_are_not_drawable(frame: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"cannot draw a GeoJSON 'Point'"):
        draw(frame, outlines=[{"type": "Point", "coordinates": [100, 30]}])
