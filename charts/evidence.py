"""The CPPCC proposal evidence pack: one topic's figures for a region laid out as the
skeleton of a proposal (案由 / 现状与问题 / 建议), with a ranked gap table, a peer
comparison, a chart and the definition of every number.

Sentences are templates filled with numbers from the query; none says anything the
numbers do not. Every figure printed names its indicator, whose definition and the
filters used are listed in the last section.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.export import Provenance
from charts.i18n import t
from charts.metrics import Metric, metric
from charts.numbers import format_value, suppression_of
from charts.report import Figure, Heading, Paragraph, Report, Table

# Indicators the pack prints that the shared registry does not hold.
_PACK_METRICS = {
    m.key: m
    for m in (
        Metric(
            "villages_count",
            "行政村数",
            "Administrative villages",
            "villages",
            "个",
            "villages",
            "数据集中该地区的行政村个数。",
            "Administrative villages of the region in the dataset.",
        ),
        Metric(
            "villages_with_care_count",
            "有卫生室且有合格村医的村",
            "Villages with a clinic and a qualified doctor",
            "villages",
            "个",
            "villages",
            "有村卫生室且至少有一名合格村医的行政村个数。",
            "Villages with a clinic and at least one qualified village doctor.",
        ),
        Metric(
            "villages_without_care_count",
            "缺医少药村",
            "Villages lacking care",
            "villages",
            "个",
            "villages",
            "没有村卫生室或没有合格村医的行政村个数。",
            "Villages without a clinic or without a qualified doctor.",
        ),
        Metric(
            "illness_households_count",
            "因病致贫户",
            "Households poor through illness",
            "households",
            "户",
            "households",
            "以因病为主要致贫原因的建档立卡户数。",
            "Registered households whose main cause of poverty is illness.",
        ),
        Metric(
            "allocated_yuan",
            "下达资金",
            "Funds allocated",
            "yuan",
            "元",
            "yuan",
            "当年（预算年度）下达到该地区各县的扶贫资金之和。",
            "Poverty-alleviation money allocated to the region's counties in the "
            "budget year.",
        ),
        Metric(
            "disbursed_yuan",
            "已支付资金",
            "Funds disbursed",
            "yuan",
            "元",
            "yuan",
            "当年下达的资金中截至数据日期已支付的部分。",
            "Of the year's allocations, what was paid by the as-of date.",
        ),
        Metric(
            "undisbursed_yuan",
            "尚未支付资金",
            "Funds not yet paid",
            "yuan",
            "元",
            "yuan",
            "当年下达资金减去截至数据日期已支付的部分。",
            "The year's allocations less what was paid by the as-of date.",
        ),
        Metric(
            "projects_on_track_count",
            "按计划推进的项目",
            "Projects on track",
            "count",
            "个",
            "projects",
            "已开工项目中已验收、已完工或进度不低于时间进度乘以设定比例的项目数。",
            "Started projects accepted, completed, or with progress at least the "
            "set ratio of their elapsed time.",
        ),
        Metric(
            "rural_population_count",
            "农村人口",
            "Rural population",
            "people",
            "人",
            "people",
            "数据集中该地区各行政村人口之和。",
            "Sum of the population of the region's villages in the dataset.",
        ),
        Metric(
            "no_paved_road_pct",
            "未通硬化路的村",
            "Villages without a paved road",
            "pct",
            "%",
            "%",
            "未通硬化路的行政村占全部行政村的比例。",
            "Share of villages without a paved road.",
        ),
        Metric(
            "no_safe_water_pct",
            "未实现安全饮水的村",
            "Villages without safe drinking water",
            "pct",
            "%",
            "%",
            "未实现安全饮水的行政村占比。",
            "Share of villages without safe drinking water.",
        ),
        Metric(
            "no_grid_power_pct",
            "未通动力电的村",
            "Villages without grid power",
            "pct",
            "%",
            "%",
            "未接入电网的行政村占比。",
            "Share of villages not connected to the grid.",
        ),
        Metric(
            "no_broadband_pct",
            "未通宽带的村",
            "Villages without broadband",
            "pct",
            "%",
            "%",
            "未通宽带的行政村占比。",
            "Share of villages without broadband.",
        ),
        Metric(
            "villages_with_infra_gap_count",
            "基础设施有缺口的村",
            "Villages with an infrastructure gap",
            "villages",
            "个",
            "villages",
            "硬化路、安全饮水、动力电、宽带四项中至少缺一项的行政村个数。",
            "Villages lacking at least one of paved road, safe water, grid power "
            "and broadband.",
        ),
        Metric(
            "infra_gap_pct",
            "基础设施有缺口的村占比",
            "Villages with an infrastructure gap",
            "pct",
            "%",
            "%",
            "硬化路、安全饮水、动力电、宽带四项中至少缺一项的行政村占比。",
            "Share of villages lacking at least one of paved road, safe water, grid "
            "power and broadband.",
        ),
    )
}

# What each topic prints, in order; the first is what ranks the gaps.
TOPIC_INDICATORS = {
    "health": (
        "care_gap_pct",
        "villages_count",
        "villages_without_care_count",
        "illness_share_pct",
        "illness_households_count",
    ),
    "funds": (
        "disbursement_rate_pct",
        "allocated_yuan",
        "disbursed_yuan",
        "undisbursed_yuan",
    ),
    "projects": (
        "projects_on_track_pct",
        "projects_count",
        "projects_on_track_count",
    ),
    "monitoring": (
        "monitored_per_10k",
        "monitored_households_count",
        "rural_population_count",
    ),
    "infrastructure": (
        "infra_gap_pct",
        "villages_with_infra_gap_count",
        "no_paved_road_pct",
        "no_safe_water_pct",
        "no_grid_power_pct",
        "no_broadband_pct",
    ),
}
SUGGESTED_REGIONS = 3  # regions named in the suggestion: the worst of the gap table


def indicator(key: str) -> Metric:
    return _PACK_METRICS.get(key) or metric(key)


def _value(frame, key: str, value, lang: str) -> str:
    return format_value(
        value,
        kind=indicator(key).kind,
        lang=lang,
        suppressed_below=suppression_of(frame),
    )


def _table(
    frame: pd.DataFrame, keys, names: dict[str, str], lang: str, *, rank: bool
) -> pd.DataFrame:
    """The rows with region names and formatted values; headers carry units."""
    columns = {}
    if rank:
        columns[t("pack.col.rank", lang)] = frame["rank"].tolist()
    columns[t("pack.col.region", lang)] = [names.get(c, c) for c in frame["code"]]
    for key in keys:
        if key in frame.columns:
            columns[indicator(key).title(lang)] = [
                _value(frame, key, v, lang) for v in frame[key]
            ]
    return pd.DataFrame(columns)


def peer_chart(
    peers: pd.DataFrame, key: str, names: dict[str, str], *, region: str, lang: str
) -> go.Figure:
    """The ranking indicator of each peer, the chosen region darker."""
    spec = indicator(key)
    shown = peers.dropna(subset=[key])
    figure = go.Figure(
        go.Bar(
            x=[names.get(c, c) for c in shown["code"]],
            y=shown[key],
            marker_color=[
                "#1f4e79" if c == region else "#9db4cc" for c in shown["code"]
            ],
            text=[_value(peers, key, v, lang) for v in shown[key]],
            textposition="outside",
        )
    )
    title = t("pack.chart", lang, indicator=spec.title(lang), region=names[region])
    return figure.update_layout(
        title=title,
        yaxis_title=spec.title(lang),
        template="plotly_white",
        showlegend=False,
        height=480,
    )


def evidence_pack(
    evidence,
    names: dict[str, str],
    *,
    lang: str,
    as_of: str,
    scope_text: str,
    provenance: Provenance,
    date: str,
    chart_image=None,
) -> Report:
    """The pack as a report. ``evidence`` is a ``loaders.queries.evidence.Evidence``;
    ``names`` maps region codes to names; ``chart_image`` turns a figure into PNG
    bytes (None leaves the chart out)."""
    topic, region = evidence.topic, evidence.region
    keys = TOPIC_INDICATORS[topic]
    rank_by = evidence.rank_by
    topic_name = t(f"pack.topic.{topic}", lang)
    region_name = names.get(region.code, region.name(lang))
    totals = evidence.totals
    blocks = [
        Heading(t("pack.reason", lang)),
        Paragraph(
            t(
                "pack.reason_text",
                lang,
                region=region_name,
                year=evidence.year,
                topic=topic_name,
                as_of=as_of,
            )
        ),
        Heading(t("pack.situation", lang)),
    ]
    totals_frame = totals.to_frame().T if len(totals) else pd.DataFrame()
    for key in keys:
        if key in totals.index:
            value = _value(totals_frame, key, totals[key], lang)
            blocks.append(
                Paragraph(
                    t("pack.fact", lang, label=indicator(key).label(lang), value=value)
                )
            )
    spec = indicator(rank_by)
    gaps = evidence.gaps
    if len(gaps):
        blocks.append(Paragraph(t("pack.gap_intro", lang, indicator=spec.label(lang))))
        level = t(f"level.{evidence.gap_level}", lang)
        blocks.append(
            Table(
                _table(gaps, keys, names, lang, rank=True),
                t("pack.gap_table", lang, indicator=spec.label(lang), level=level),
            )
        )
    else:
        blocks.append(Paragraph(t("pack.no_gap_rows", lang, region=region_name)))
    peers = evidence.peers
    if len(peers) > 1:
        median = peers[rank_by].median()
        own = peers.loc[peers["code"] == region.code, rank_by]
        blocks.append(
            Paragraph(
                t(
                    "pack.peer_intro",
                    lang,
                    region=region_name,
                    indicator=spec.label(lang),
                    value=_value(
                        peers, rank_by, own.iloc[0] if len(own) else None, lang
                    ),
                    count=len(peers),
                    median=_value(peers, rank_by, median, lang),
                )
            )
        )
        blocks.append(
            Table(
                _table(peers, keys, names, lang, rank=True), t("pack.peer_table", lang)
            )
        )
        if chart_image is not None:
            figure = peer_chart(peers, rank_by, names, region=region.code, lang=lang)
            caption = t(
                "pack.chart", lang, indicator=spec.title(lang), region=region_name
            )
            blocks.append(Figure(chart_image(figure), caption))
    else:
        blocks.append(Paragraph(t("pack.no_peers", lang)))
    blocks.append(Heading(t("pack.suggestions", lang)))
    worst = gaps.dropna(subset=[rank_by]).head(SUGGESTED_REGIONS) if len(gaps) else gaps
    if len(worst):
        listed = "、" if lang == "zh" else ", "
        regions = listed.join(names.get(c, c) for c in worst["code"])
        blocks.append(
            Paragraph(
                t("pack.suggestion", lang, indicator=spec.label(lang), regions=regions)
            )
        )
    else:
        blocks.append(Paragraph(t("pack.suggestion_none", lang)))
    blocks.append(Paragraph(t("pack.suggestion_check", lang)))
    blocks.append(Heading(t("pack.definitions", lang)))
    for key in keys:
        spec_k = indicator(key)
        blocks.append(
            Paragraph(
                t(
                    "pack.definition",
                    lang,
                    label=spec_k.label(lang),
                    unit=spec_k.unit(lang) or "—",
                    definition=spec_k.describe(lang) or "—",
                )
            )
        )
    blocks.append(
        Paragraph(
            t(
                "pack.filters_used",
                lang,
                region=region_name,
                year=evidence.year,
                scope=scope_text,
            )
        )
    )
    title = t("pack.doc_title", lang, region=region_name, topic=topic_name)
    return Report(title, date, tuple(blocks), provenance)
