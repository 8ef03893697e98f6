"""The Industrial projects page's figures: status and budget by group, the county map,
progress against elapsed time, the lifecycle, the timeline, benefit mechanisms and
the risk matrix and cover. Its tables and cards: ``charts.project_tables``.

Each function takes the loaders' frames and the language and returns a figure a page
can show as it is; every title states its unit.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.i18n import code_label, t
from charts.maps import empty_figure, escape_text, footnote, region_choropleth
from charts.metrics import metric
from charts.numbers import format_money_yuan, format_pct, format_value, scale_for
from charts.overview import MapShapes

STATUSES = (
    "preparing",
    "on_track",
    "behind_plan",
    "finished_on_time",
    "finished_late",
)
STATUS_COLOURS = {
    "preparing": "#a0aec0",
    "on_track": "#2b6cb0",
    "behind_plan": "#b4232a",
    "finished_on_time": "#2f855a",
    "finished_late": "#b7791f",
}
LEVEL_COLOURS = {"low": "#c6f6d5", "medium": "#fbd38d", "high": "#feb2b2"}
# Map measures: the metric each shows and the count it is a share of the projects of.
MAP_MEASURES = {
    "projects_count": None,
    "projects_behind_plan_pct": "behind_plan_count",
    "projects_over_budget_pct": "over_budget_count",
    "projects_high_risk_pct": "high_risk_count",
    "projects_insured_pct": "insured_count",
}
HIGH_IS_GOOD = {"projects_insured_pct"}
# Which code kind translates the keys of each breakdown (charts.i18n.CODES).
CODE_KINDS = {
    "category": "project_category",
    "stage": "project_stage",
    "status": "project_status",
    "benefit_mechanism": "benefit_mechanism",
}
_GRID = "#e5e5e5"
_LAYOUT = {"plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff"}


def row_labels(frame: pd.DataFrame, *, by: str, lang: str) -> list[str]:
    """Display labels of a breakdown's rows: region names or translated codes."""
    if by == "region":
        names = frame[f"name_{'en' if lang == 'en' else 'zh'}"]
        return names.where(names.notna(), frame["key"]).astype(str).tolist()
    return [code_label(CODE_KINDS[by], key, lang) for key in frame["key"]]


def _finish(
    figure: go.Figure,
    *,
    title: str,
    height: int,
    source_note: str,
    note_shift: int = -52,
    **layout,
) -> go.Figure:
    # The title at the top of the figure, the legend (one or two rows) between it
    # and the plot, the source note under the axis title.
    figure.update_layout(
        height=height,
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
        figure.add_annotation(footnote(source_note, yshift=note_shift))
    return figure


def status_chart(
    matrix: pd.DataFrame,
    rows: pd.DataFrame,
    *,
    by: str,
    lang: str,
    source_note: str,
) -> go.Figure:
    """Horizontal bars of projects per row of a breakdown, stacked by status, in the
    order of ``rows`` (largest first); each bar carries its row's key."""
    title = t("pr.status_title", lang, by=t(f"pr.by.{by}", lang))
    if rows.empty:
        return empty_figure(text=t("pr.none", lang), title=title)
    labels = [escape_text(x) for x in row_labels(rows, by=by, lang=lang)]
    counts = matrix.pivot_table(
        index="key", columns="status", values="projects_count", aggfunc="sum"
    ).reindex(index=rows["key"], columns=list(STATUSES), fill_value=0)
    figure = go.Figure()
    for status in STATUSES:
        values = counts[status].fillna(0).astype(int).tolist()
        name = code_label("project_status", status, lang)
        figure.add_trace(
            go.Bar(
                y=labels,
                x=values,
                orientation="h",
                name=name,
                marker={"color": STATUS_COLOURS[status]},
                customdata=rows["key"].astype(str).tolist(),
                hovertemplate=f"%{{y}} · {name}: %{{x:,}}<extra></extra>",
            )
        )
    return _finish(
        figure,
        title=title,
        height=min(max(160 + 34 * len(rows), 320), 1200),
        source_note=source_note,
        barmode="stack",
        xaxis={"title": t("pr.projects_axis", lang), "gridcolor": _GRID},
        yaxis={"autorange": "reversed"},
    )


def budget_chart(
    rows: pd.DataFrame, *, by: str, lang: str, source_note: str
) -> go.Figure:
    """Budget and spending per row of a breakdown, with spending as a share."""
    divisor, unit = scale_for(rows["budget_yuan"].tolist(), kind="yuan", lang=lang)
    title = t("pr.budget_title", lang, by=t(f"pr.by.{by}", lang), unit=unit)
    if rows.empty or not rows["budget_yuan"].any():
        return empty_figure(text=t("pr.none", lang), title=title)
    labels = [escape_text(x) for x in row_labels(rows, by=by, lang=lang)]
    share = (
        100.0 * rows["spent_yuan"] / rows["budget_yuan"].where(rows["budget_yuan"] > 0)
    )
    figure = go.Figure()
    for key, colour in (("budget_yuan", "#2b6cb0"), ("spent_yuan", "#b7791f")):
        figure.add_trace(
            go.Bar(
                y=labels,
                x=rows[key] / divisor,
                orientation="h",
                name=metric(f"project_{key}").label(lang),
                marker={"color": colour},
                text=(
                    [format_pct(v, lang=lang) for v in share]
                    if key == "spent_yuan"
                    else None
                ),
                textposition="outside",
                cliponaxis=False,
                textfont={"size": 10},
                hovertext=[format_money_yuan(v, lang=lang) for v in rows[key]],
                hovertemplate="%{y}: %{hovertext}<extra>%{fullData.name}</extra>",
            )
        )
    return _finish(
        figure,
        title=title,
        height=min(max(160 + 50 * len(rows), 320), 1400),
        source_note=source_note,
        barmode="group",
        xaxis={"title": unit, "exponentformat": "none", "gridcolor": _GRID},
        yaxis={"autorange": "reversed"},
    )


def map_values(counties: pd.DataFrame, *, measure: str) -> pd.DataFrame:
    """code, value for the map: the count of projects, or a share of them in %."""
    if measure not in MAP_MEASURES:
        raise ValueError(f"unknown map measure {measure!r}; expected {MAP_MEASURES}")
    part = MAP_MEASURES[measure]
    total = counties["projects_count"].astype(float)
    value = total if part is None else 100.0 * counties[part] / total.where(total > 0)
    return pd.DataFrame({"code": counties["key"], "value": value})


def portfolio_map(
    counties: pd.DataFrame,
    shapes: MapShapes,
    *,
    measure: str,
    lang: str,
    national: bool,
    highlight: str | None,
    source_note: str,
    geojson_url: str | None = None,
) -> go.Figure:
    """Counties coloured by the projects' count or a share of them; grey where a
    county has no projects."""
    spec = metric(measure)
    name_col = "name_en" if lang == "en" else "name_zh"
    frame = (
        shapes.names[["code", name_col]]
        .rename(columns={name_col: "name"})
        .merge(map_values(counties, measure=measure), on="code", how="left")
    )
    frame["label"] = [
        format_value(v, kind=spec.kind, lang=lang) for v in frame["value"]
    ]
    return region_choropleth(
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
        no_data_label=t("pr.map_none", lang),
        source_note=source_note,
        empty_text=t("map.no_data", lang),
        geojson_url=geojson_url,
    )


def progress_chart(
    grid: pd.DataFrame, *, ratio: float, lang: str, source_note: str
) -> go.Figure:
    """Projects under way by the share of their planned time used (x) and their
    progress (y), in tenths; below the dashed line is behind plan."""
    title = t("pr.progress_title", lang)
    if grid.empty:
        return empty_figure(text=t("pr.none_under_way", lang), title=title)
    z = np.zeros((11, 11))
    for row in grid.itertuples(index=False):
        z[int(row.progress_bin), int(row.elapsed_bin)] += row.projects_count
    ticks = [f"{10 * i}" for i in range(11)]
    figure = go.Figure(
        go.Heatmap(
            x=ticks,
            y=ticks,
            z=np.where(z > 0, z, np.nan),
            # Counts: whole numbers on the colour bar, even for a county's few.
            zmin=0,
            zmax=max(5.0, float(z.max())),
            colorscale="Blues",
            colorbar={"title": {"text": t("pr.projects_axis", lang)}},
            hovertemplate=t("pr.progress_hover", lang) + "<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=["0", "100"],
            y=["0", f"{10 * round(10 * ratio) if ratio < 1 else 100}"],
            mode="lines",
            line={"color": "#b4232a", "dash": "dash"},
            name=t("pr.on_plan_line", lang, ratio=f"{ratio:g}"),
            hoverinfo="skip",
        )
    )
    return _finish(
        figure,
        title=title,
        height=440,
        source_note=source_note,
        xaxis={"title": t("pr.elapsed_axis", lang), "type": "category"},
        yaxis={"title": t("pr.progress_axis", lang), "type": "category"},
    )


def lifecycle_chart(stages: pd.DataFrame, *, lang: str, source_note: str) -> go.Figure:
    """Projects in each stage now, the stuck ones apart, with the median days spent
    in the stage (by those still in it and by those that have left it)."""
    title = t("pr.lifecycle_title", lang)
    if not (stages["current_count"].sum() + stages["passed_count"].sum()):
        return empty_figure(text=t("pr.none", lang), title=title)
    labels = [code_label("project_stage", s, lang) for s in stages["stage"]]
    moving = stages["current_count"] - stages["stuck_count"]
    figure = go.Figure()
    for values, name, colour in (
        (moving, t("pr.in_stage", lang), "#2b6cb0"),
        (stages["stuck_count"], t("pr.stuck", lang), "#b4232a"),
    ):
        figure.add_trace(
            go.Bar(
                x=labels,
                y=values,
                name=name,
                marker={"color": colour},
                hovertemplate=f"%{{x}} · {name}: %{{y:,}}<extra></extra>",
            )
        )
    for column, name, symbol in (
        ("current_median_days", t("pr.days_current", lang), "circle"),
        ("passed_median_days", t("pr.days_passed", lang), "diamond"),
    ):
        figure.add_trace(
            go.Scatter(
                x=labels,
                y=stages[column],
                name=name,
                yaxis="y2",
                mode="markers",
                marker={"symbol": symbol, "size": 11, "color": "#4a5568"},
                hovertemplate=f"%{{x}} · {name}: %{{y:,.0f}}<extra></extra>",
            )
        )
    return _finish(
        figure,
        title=title,
        height=500,
        source_note=source_note,
        barmode="stack",
        # Four legend entries wrap in a half-width column: under the plot, not over
        # the title.
        legend={"orientation": "h", "x": 0, "y": -0.16, "yanchor": "top"},
        margin={"l": 8, "r": 32, "t": 56, "b": 170},
        note_shift=-150,
        # Counts: whole numbers on the axis, even for a county's few projects.
        yaxis={
            "title": t("pr.projects_axis", lang),
            "gridcolor": _GRID,
            "range": [0, 1.1 * max(5, int(stages["current_count"].max()))],
            "tickformat": ",d",
        },
        yaxis2={
            "title": t("pr.days_axis", lang),
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
        },
    )


def _ms(days: pd.Series) -> list[float]:
    return (days.dt.days * 86_400_000.0).tolist()


def timeline_chart(
    rows: pd.DataFrame, *, as_of: dt.date, lang: str, source_note: str
) -> go.Figure:
    """A Gantt chart: each project's planned time (pale) and its actual works (blue,
    red where they ran or run past the plan), with the approval and the handover as
    markers and the as-of date as a line."""
    title = t("pr.timeline_title", lang)
    if rows.empty:
        return empty_figure(text=t("pr.none", lang), title=title)
    frame = rows.copy()
    for column in ("approved_on", "start_on", "planned_end_on", "actual_end_on"):
        frame[column] = pd.to_datetime(frame[column])
    frame["completed_on"] = pd.to_datetime(frame["completed_on"])
    today = pd.Timestamp(as_of)
    ends = frame["actual_end_on"].fillna(today).where(frame["start_on"] <= today)
    labels = [
        escape_text(f"{pid} {code_label('project_category', c, lang)}")
        for pid, c in zip(frame["project_id"], frame["category"], strict=True)
    ]
    late = frame["delay_days"] > 0
    hover = [
        t(
            "pr.timeline_hover",
            lang,
            start=s.date(),
            planned=p.date(),
            actual=(a.date() if pd.notna(a) else t("pr.not_yet", lang)),
            delay=int(d),
            progress=format_pct(g, lang=lang),
        )
        for s, p, a, d, g in zip(
            frame["start_on"],
            frame["planned_end_on"],
            frame["actual_end_on"],
            frame["delay_days"],
            frame["progress_pct"],
            strict=True,
        )
    ]
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            y=labels,
            base=frame["start_on"],
            x=_ms(frame["planned_end_on"] - frame["start_on"]),
            orientation="h",
            name=t("pr.planned", lang),
            marker={"color": "#cbd5e0"},
            width=0.8,
            hovertext=hover,
            hovertemplate="%{y}<br>%{hovertext}<extra></extra>",
        )
    )
    figure.add_trace(
        go.Bar(
            y=labels,
            base=frame["start_on"],
            x=_ms(ends - frame["start_on"]),
            orientation="h",
            name=t("pr.actual", lang),
            marker={"color": np.where(late, "#b4232a", "#2b6cb0").tolist()},
            width=0.4,
            hovertext=hover,
            hovertemplate="%{y}<br>%{hovertext}<extra></extra>",
        )
    )
    for column, name, symbol in (
        ("approved_on", t("pr.milestone.approved", lang), "triangle-right"),
        ("completed_on", t("pr.milestone.completed", lang), "diamond"),
    ):
        figure.add_trace(
            go.Scatter(
                y=labels,
                x=frame[column],
                mode="markers",
                name=name,
                marker={"symbol": symbol, "size": 9, "color": "#2d3748"},
                hovertemplate=f"%{{y}} · {name}: %{{x|%Y-%m-%d}}<extra></extra>",
            )
        )
    figure.add_vline(
        x=today.timestamp() * 1000, line={"color": "#718096", "dash": "dot"}
    )
    return _finish(
        figure,
        title=title,
        height=min(max(180 + 22 * len(frame), 320), 4800),
        source_note=source_note,
        barmode="overlay",
        xaxis={"type": "date", "gridcolor": _GRID, "title": t("pr.date_axis", lang)},
        yaxis={"autorange": "reversed", "tickfont": {"size": 10}},
    )


def mechanism_chart(rows: pd.DataFrame, *, lang: str, source_note: str) -> go.Figure:
    """Households and poor households benefiting per benefit mechanism, with the
    households per 10,000 yuan of budget beside each bar."""
    title = t("pr.mechanism_title", lang)
    if rows.empty:
        return empty_figure(text=t("pr.none", lang), title=title)
    labels = row_labels(rows, by="benefit_mechanism", lang=lang)
    per_10k = per_10k_yuan(rows["beneficiary_households_count"], rows["budget_yuan"])
    figure = go.Figure()
    for column, key, colour in (
        ("beneficiary_households_count", "pr.col.households", "#2b6cb0"),
        ("poor_beneficiary_households_count", "pr.col.poor_households", "#b4232a"),
    ):
        values = pd.to_numeric(rows[column], errors="coerce")
        figure.add_trace(
            go.Bar(
                y=labels,
                x=values,
                orientation="h",
                name=t(key, lang),
                marker={"color": colour},
                text=(
                    [t("pr.per_10k_text", lang, value=_one(v)) for v in per_10k]
                    if column == "beneficiary_households_count"
                    else None
                ),
                textposition="outside",
                cliponaxis=False,
                textfont={"size": 10},
                hovertemplate="%{y}: %{x:,}<extra>%{fullData.name}</extra>",
            )
        )
    return _finish(
        figure,
        title=title,
        height=min(max(160 + 50 * len(rows), 320), 1000),
        source_note=source_note,
        barmode="group",
        xaxis={"title": t("pr.households_axis", lang), "gridcolor": _GRID},
        yaxis={"autorange": "reversed"},
    )


def per_10k_yuan(households: pd.Series, budget_yuan: pd.Series) -> pd.Series:
    """Households benefiting per 10,000 yuan of budget; NaN without a budget or
    where the count is suppressed."""
    budget = budget_yuan.astype(float)
    count = pd.to_numeric(households, errors="coerce").astype(float)
    return count / (budget.where(budget > 0) / 1e4)


def _one(value: float) -> str:
    return "—" if pd.isna(value) else f"{value:.2f}"


def risk_matrix_chart(
    matrix: pd.DataFrame,
    *,
    lang: str,
    picked: tuple[int, int] | None,
    source_note: str,
) -> go.Figure:
    """The 5 × 5 likelihood × impact matrix: cells coloured by risk level, each with
    its count of projects as a marker to click (customdata: likelihood, impact)."""
    title = t("pr.matrix_title", lang)
    figure = go.Figure()
    for row in matrix.itertuples(index=False):
        figure.add_shape(
            type="rect",
            x0=row.impact - 0.5,
            x1=row.impact + 0.5,
            y0=row.likelihood - 0.5,
            y1=row.likelihood + 0.5,
            fillcolor=LEVEL_COLOURS[row.risk_level],
            line={
                "color": "#1a202c"
                if picked == (row.likelihood, row.impact)
                else "#fff",
                "width": 3 if picked == (row.likelihood, row.impact) else 1,
            },
            layer="below",
        )
    levels = [code_label("risk_level", level, lang) for level in matrix["risk_level"]]
    figure.add_trace(
        go.Scatter(
            x=matrix["impact"],
            y=matrix["likelihood"],
            mode="markers+text",
            text=[f"{n:,}" for n in matrix["projects_count"]],
            textfont={"size": 14, "color": "#1a202c"},
            marker={"size": 44, "symbol": "square", "opacity": 0.01, "color": "#000"},
            customdata=matrix[["likelihood", "impact"]].to_numpy().tolist(),
            hovertext=[
                t(
                    "pr.matrix_hover",
                    lang,
                    likelihood=int(li),
                    impact=int(im),
                    level=level,
                    count=f"{n:,}",
                    covered=f"{c:,}",
                )
                for li, im, level, n, c in zip(
                    matrix["likelihood"],
                    matrix["impact"],
                    levels,
                    matrix["projects_count"],
                    matrix["covered_count"],
                    strict=True,
                )
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )
    axis = {"tickvals": [1, 2, 3, 4, 5], "range": [0.5, 5.5], "showgrid": False}
    return _finish(
        figure,
        title=title,
        height=460,
        source_note=source_note,
        xaxis={**axis, "title": t("pr.impact_axis", lang)},
        yaxis={**axis, "title": t("pr.likelihood_axis", lang)},
        clickmode="event+select",
        dragmode=False,
    )


COVER_COLUMNS_MAX = 6  # regions drawn as columns; more go down the side
COVER_ROW_PX = 26  # height per region when they go down the side


def cover_chart(
    cover: pd.DataFrame, *, target_pct: float, lang: str, source_note: str
) -> go.Figure:
    """Per region: the insured share of projects, the share of high-risk projects
    covered, and the risk fund as a share of the high-risk budget against its
    target (dotted line)."""
    title = t("pr.cover_title", lang)
    if cover.empty:
        return empty_figure(text=t("pr.none", lang), title=title)
    labels = row_labels(cover, by="region", lang=lang)
    # Past a few regions, vertical labels would run into the source note: the
    # regions go down the side instead, first at the top, and the figure grows.
    across = len(labels) > COVER_COLUMNS_MAX
    figure = go.Figure()
    for key, colour in (
        ("projects_insured_pct", "#2b6cb0"),
        ("high_risk_covered_pct", "#2f855a"),
        ("risk_fund_cover_pct", "#b7791f"),
    ):
        column = "insured_pct" if key == "projects_insured_pct" else key
        values = cover[column]
        point = "%{y}: %{x:.1f} %" if across else "%{x}: %{y:.1f} %"
        figure.add_trace(
            go.Bar(
                x=values if across else labels,
                y=labels if across else values,
                orientation="h" if across else "v",
                name=metric(key).label(lang),
                marker={"color": colour},
                hovertemplate=point + "<extra>%{fullData.name}</extra>",
            )
        )
    target = {
        "line": {"color": "#b7791f", "dash": "dot"},
        "annotation_text": t("pr.fund_target", lang, pct=f"{target_pct:g}"),
        "annotation_position": "top right",
    }
    percent = {"title": "%", "gridcolor": _GRID, "rangemode": "tozero"}
    if across:
        figure.add_vline(x=target_pct, **target)
        height = max(420, 180 + COVER_ROW_PX * len(labels))
        axes = {
            "xaxis": percent,
            "yaxis": {"autorange": "reversed", "automargin": True},
        }
    else:
        figure.add_hline(y=target_pct, **target)
        height, axes = 420, {"yaxis": percent}
    return _finish(
        figure,
        title=title,
        height=height,
        source_note=source_note,
        barmode="group",
        **axes,
    )
