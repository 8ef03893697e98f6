"""Lines over time: trend charts with the unit in the axis title."""

from collections.abc import Iterator

import pandas as pd
import plotly.graph_objects as go

from charts.maps import EMPTY_TEXT, empty_figure, escape_text, footnote

_SERIES_COLOURS = ("#b4232a", "#2b6cb0", "#2f855a", "#b7791f", "#6b46c1", "#4a5568")
_GRID_COLOUR = "#e5e5e5"


def trend_line(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    y_title: str,
    series: str | None = None,
    source_note: str = "",
    empty_text: str = EMPTY_TEXT,
    height: int = 360,
) -> go.Figure:
    """Draw one line per series over x; the y title carries the unit."""
    _check_columns(frame, [x, y] + ([series] if series else []))
    if frame.empty:
        return empty_figure(text=empty_text, title=title, height=height)

    groups = frame.groupby(series, sort=False) if series else [(None, frame)]
    figure = go.Figure()
    for index, (name, group) in enumerate(groups):
        ordered = group.sort_values(x)
        figure.add_trace(
            go.Scatter(
                x=ordered[x],
                y=ordered[y],
                mode="lines+markers",
                name=escape_text(name) if name is not None else y_title,
                line={"color": _SERIES_COLOURS[index % len(_SERIES_COLOURS)]},
                marker={"size": 5},
                hovertext=list(_hover_lines(ordered, x, y)),
                hovertemplate="%{hovertext}<extra>%{fullData.name}</extra>",
            )
        )

    figure.update_layout(
        height=height,
        title={"text": title, "x": 0.01, "xanchor": "left"},
        margin={"l": 8, "r": 8, "t": 48, "b": 56 if source_note else 8},
        showlegend=series is not None,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        hovermode="closest",
        # Plotly's SI suffixes ("45.6M") would clash with 万 and 亿 in the unit.
        yaxis={
            "title": {"text": y_title},
            "exponentformat": "none",
            "gridcolor": _GRID_COLOUR,
            "rangemode": "tozero",
        },
        xaxis=_x_axis(frame[x]),
    )
    if source_note:
        figure.add_annotation(footnote(source_note, yshift=-28))
    return figure


def _x_axis(values: pd.Series) -> dict[str, object]:
    """Return the x axis: years as plain integers ("2016", not "2,016" or "2.016k")."""
    axis: dict[str, object] = {"gridcolor": _GRID_COLOUR}
    if pd.api.types.is_integer_dtype(values):
        axis["tickformat"] = "d"
        # One tick per year while that stays readable; plotly picks beyond that.
        if values.nunique() <= 12:
            axis["dtick"] = 1
    return axis


def _check_columns(frame: pd.DataFrame, columns: list[str]) -> None:
    """Refuse a frame that lacks a named column, naming what is missing."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(
            f"the frame has no column {missing}; it has {list(frame.columns)}"
        )


def _hover_lines(frame: pd.DataFrame, x: str, y: str) -> Iterator[str]:
    """Yield "x: formatted value" per row, from the label column when there is one."""
    values = frame["label"] if "label" in frame.columns else frame[y].map(_plain)
    for when, value in zip(frame[x], values, strict=True):
        moment = when.strftime("%Y-%m-%d") if hasattr(when, "strftime") else when
        yield f"{escape_text(moment)}: {escape_text(value)}"


def _plain(value: float) -> str:
    """Format a bare number for hover when the frame brings no label."""
    if pd.isna(value):
        return "—"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"
