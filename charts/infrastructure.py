"""The Infrastructure page: the gap matrix (regions × gap types) with its benchmark
rows, the two charts that filter each other, and the list of villages behind a cell.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from charts.i18n import t
from charts.maps import empty_figure, escape_text, footnote
from charts.numbers import format_count, format_pct, suppressed_label, suppression_of
from charts.villages import GAPS

MEASURES = ("pct", "count")
TOTAL = "total"
_BAR, _PICKED, _NATIONAL, _TARGET = "#9ecae1", "#d7301f", "#08306b", "#31a354"
_ABOVE = "background-color: #fde0dd"
_LAYOUT = {"plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff"}


def gap_short(gap: str, lang: str) -> str:
    return t(f"infra.short.{gap}", lang)


def row_name(row: Mapping, lang: str) -> str:
    name = row.get("name_en" if lang == "en" else "name_zh")
    return str(name) if pd.notna(name) else str(row["key"])


def row_names(matrix: pd.DataFrame, *, lang: str) -> dict[str, str]:
    """The name of each region row of the matrix by its key (the total left out)."""
    return {
        r["key"]: row_name(r, lang)
        for r in matrix.to_dict("records")
        if r["key"] != TOTAL
    }


def row_shares(matrix: pd.DataFrame, row: str) -> dict[str, float]:
    """The share (%) of villages lacking each thing in one row of the matrix ("all":
    the view's total); empty when the matrix has no such row."""
    focus = matrix[matrix["key"] == (TOTAL if row == "all" else row)]
    if focus.empty:
        return {}
    return {gap: float(focus.iloc[0][f"gap_{gap}_pct"]) for gap in GAPS}


def target_gap_pct(targets: Mapping[str, float]) -> dict[str, float | None]:
    """The most villages (%) that may lack each thing: 100 − the target; None where
    the target is 0 (no target set)."""
    return {gap: (100.0 - pct if pct > 0 else None) for gap, pct in targets.items()}


def matrix_table(
    matrix: pd.DataFrame, *, measure: str, lang: str
) -> tuple[pd.DataFrame, list[str]]:
    """The matrix as shown: a row per region one level down (the view's total is
    in the benchmark table, so sorting never moves it), a column per gap type
    holding the share (%) or the number of villages lacking it. Returns the table
    and each row's region key."""
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; expected one of {MEASURES}")
    suffix = "pct" if measure == "pct" else "count"
    regions = matrix[matrix["key"] != TOTAL]
    table = pd.DataFrame(
        {
            t("infra.col.region", lang): [
                row_name(r, lang) for r in regions.to_dict("records")
            ],
            t("infra.col.villages", lang): regions["villages_count"].astype(int),
            **{
                gap_short(g, lang): regions[f"gap_{g}_{suffix}"].round(1)
                if measure == "pct"
                else regions[f"gap_{g}_count"].astype(int)
                for g in GAPS
            },
        }
    ).reset_index(drop=True)
    return table, regions["key"].astype(str).tolist()


def benchmark_table(
    matrix: pd.DataFrame,
    benchmark: pd.Series,
    targets: Mapping[str, float],
    *,
    measure: str,
    lang: str,
) -> pd.DataFrame:
    """The view's total beside the benchmarks, as text: the national average and
    the most villages the target allows to lack each thing (shares only; a gap
    without a target reads "—")."""
    total = matrix[matrix["key"] == TOTAL]
    region_col = t("infra.col.region", lang)
    villages_col = t("infra.col.villages", lang)
    rows = []
    for r in total.to_dict("records"):
        rows.append(
            {
                region_col: t("vi.total", lang),
                villages_col: format_count(r["villages_count"], lang=lang),
                **{
                    gap_short(g, lang): _text(r[f"gap_{g}_pct"])
                    if measure == "pct"
                    else format_count(r[f"gap_{g}_count"], lang=lang)
                    for g in GAPS
                },
            }
        )
    if measure == "pct":
        limits = target_gap_pct(targets)
        national = {g: benchmark[f"gap_{g}_pct"] for g in GAPS}
        for key, values in (("national", national), ("target", limits)):
            rows.append(
                {
                    region_col: t(f"infra.row.{key}", lang),
                    villages_col: "—",
                    **{gap_short(g, lang): _text(values[g]) for g in GAPS},
                }
            )
    columns = [region_col, villages_col] + [gap_short(g, lang) for g in GAPS]
    return pd.DataFrame(rows, columns=columns)


def _text(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{float(value):.1f}"


def matrix_styler(
    table: pd.DataFrame,
    matrix: pd.DataFrame,
    benchmark: pd.Series,
    *,
    lang: str,
    measure: str = "pct",
    picked_gap: str | None = None,
):
    """Tint the cells of regions whose share lacking a thing is above the national
    average; bold the picked gap's column."""
    above = {
        gap_short(g, lang): [
            bool(pd.notna(v) and pd.notna(benchmark[f"gap_{g}_pct"])
                 and v > benchmark[f"gap_{g}_pct"] + 1e-9)
            for v in matrix.loc[matrix["key"] != TOTAL, f"gap_{g}_pct"]
        ]
        for g in GAPS
    }  # fmt: skip
    picked = gap_short(picked_gap, lang) if picked_gap else None

    def style(column: pd.Series) -> list[str]:
        tints = above.get(column.name, [False] * len(column))
        bold = "font-weight: bold" if column.name == picked else ""
        return [";".join(filter(None, [_ABOVE if a else "", bold])) for a in tints]

    counts = [table.columns[1]] + ([] if measure == "pct" else list(table.columns[2:]))
    return (
        table.style.apply(style, axis=0)
        .format(precision=1)
        .format(subset=counts, precision=0, thousands=",")
    )


def export_table(matrix: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The whole matrix for download: counts and shares of every gap type."""
    out = pd.DataFrame(
        {
            t("infra.col.region", lang): [
                t("vi.total", lang) if r["key"] == TOTAL else row_name(r, lang)
                for r in matrix.to_dict("records")
            ],
            t("infra.col.region_code", lang): matrix["key"].astype(str),
            t("infra.col.villages", lang): matrix["villages_count"].astype(int),
        }
    )
    for gap in GAPS:
        label = gap_short(gap, lang)
        out[t("infra.col.gap_count", lang, gap=label)] = matrix[
            f"gap_{gap}_count"
        ].astype(int)
        out[t("infra.col.gap_pct", lang, gap=label)] = matrix[f"gap_{gap}_pct"].round(1)
    return out


def gap_chart(
    shares: Mapping[str, float],
    benchmark: pd.Series,
    targets: Mapping[str, float],
    *,
    region_name: str,
    picked: str | None,
    lang: str,
    source_note: str,
) -> go.Figure:
    """Villages lacking each thing (%) in one region, against the national average
    and the most the target allows; the picked gap drawn darker. Click a bar (or
    a marker on it) to pick its gap type."""
    title = t("infra.by_gap", lang, region=region_name)
    if not shares:
        return empty_figure(text=t("map.no_data", lang), title=title)
    labels = [gap_short(g, lang) for g in GAPS]
    limits = target_gap_pct(targets)
    figure = go.Figure(
        [
            go.Bar(
                x=labels,
                y=[shares[g] for g in GAPS],
                customdata=list(GAPS),
                marker_color=[_PICKED if g == picked else _BAR for g in GAPS],
                name=t("infra.legend.view", lang),
                hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
            ),
            go.Scatter(
                x=labels,
                y=[benchmark[f"gap_{g}_pct"] for g in GAPS],
                mode="markers",
                marker={"symbol": "diamond", "size": 10, "color": _NATIONAL},
                name=t("infra.legend.national", lang),
                hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
            ),
            go.Scatter(
                x=labels,
                y=[limits[g] for g in GAPS],
                mode="markers",
                marker={"symbol": "line-ew-open", "size": 22, "color": _TARGET,
                        "line": {"width": 3}},
                name=t("infra.legend.target", lang),
                hovertemplate="%{x}: ≤ %{y:.1f}%<extra></extra>",
            ),
        ]
    )  # fmt: skip
    return _finish(figure, title, t("infra.axis_pct", lang), source_note)


def region_chart(
    matrix: pd.DataFrame,
    benchmark: pd.Series,
    *,
    gap: str,
    picked_row: str | None,
    lang: str,
    source_note: str,
) -> go.Figure:
    """Villages lacking one thing (%) in each region of the matrix, the national
    average as a line; the picked region darker. Click a bar to pick its region."""
    title = t("infra.by_region", lang, gap=t(f"infra.gap.{gap}", lang))
    rows = matrix[matrix["key"] != TOTAL]
    if rows.empty:
        return empty_figure(text=t("map.no_data", lang), title=title)
    rows = rows.sort_values(f"gap_{gap}_pct", ascending=False)
    names = [escape_text(row_name(r, lang)) for r in rows.to_dict("records")]
    figure = go.Figure(
        go.Bar(
            x=names,
            y=rows[f"gap_{gap}_pct"],
            customdata=rows["key"].astype(str),
            marker_color=[_PICKED if k == picked_row else _BAR for k in rows["key"]],
            text=[
                f"{int(c)}/{int(n)}"
                for c, n in zip(
                    rows[f"gap_{gap}_count"], rows["villages_count"], strict=True
                )
            ],
            hovertemplate="%{x}: %{y:.1f}% (%{text})<extra></extra>",
            name=t("infra.legend.view", lang),
        )
    )
    national = benchmark[f"gap_{gap}_pct"]
    if pd.notna(national):
        figure.add_hline(
            y=national,
            line={"color": _NATIONAL, "dash": "dash"},
            annotation_text=escape_text(
                f"{t('infra.legend.national', lang)} {format_pct(national, lang=lang)}"
            ),
        )
    return _finish(figure, title, t("infra.axis_pct", lang), source_note)


def _finish(figure: go.Figure, title: str, axis: str, note: str) -> go.Figure:
    figure.update_layout(
        title={"text": escape_text(title)},
        height=380,
        margin={"l": 8, "r": 8, "t": 56, "b": 90},
        yaxis={"title": axis, "rangemode": "tozero", "gridcolor": "#e5e5e5"},
        legend={"orientation": "h", "y": -0.22},
        **_LAYOUT,
    )
    if note:
        figure.add_annotation(footnote(note, yshift=-70))
    return figure


def villages_table(rows: pd.DataFrame, *, gap: str, lang: str) -> pd.DataFrame:
    """The villages behind a cell: names, where, poverty status, size, distance to
    the county seat and what else they lack. Counts hidden for the public read
    "<5"."""
    below = suppression_of(rows)
    en = lang == "en"
    out = pd.DataFrame(
        {
            t("infra.col.village", lang): rows["name_en" if en else "name_zh"],
            t("infra.col.code", lang): rows["code"],
            t("infra.col.township", lang): rows["township_en" if en else "township_zh"],
            t("infra.col.county", lang): rows["county_en" if en else "county_zh"],
            t("infra.col.poverty", lang): [
                t("vi.yes", lang) if p else t("vi.no", lang)
                for p in rows["poverty_village"].fillna(False)
            ],
        }
    )
    for column, key in (("households_count", "households"), ("people_count", "people")):
        out[t(f"infra.col.{key}", lang)] = [
            (suppressed_label(below) if below else "—")
            if pd.isna(v)
            else format_count(float(v), lang=lang)
            for v in rows[column]
        ]
    out[t("infra.col.remoteness", lang)] = rows["remoteness_km"].round(1)
    out[t("infra.col.lacks", lang)] = [
        "、".join(gap_short(g, lang) for g in GAPS if g != gap and r[f"gap_{g}"])
        if not en
        else ", ".join(gap_short(g, lang) for g in GAPS if g != gap and r[f"gap_{g}"])
        for r in rows.to_dict("records")
    ]
    return out
