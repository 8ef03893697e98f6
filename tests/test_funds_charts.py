"""Funds charts and tables: traces, units in titles, labels in both languages, the
anomaly sentences, empty frames and escaped names."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from charts import fund_tables as tables
from charts import funds as charts
from charts.tables import to_csv_bytes
from loaders.privacy import suppress_counts


def series(years=range(2014, 2026), allocated=1e9, disbursed=9e8, spent=8e8):
    frame = pd.DataFrame(
        {
            "year": list(years),
            "allocations_count": 10,
            "allocated_yuan": allocated,
            "disbursed_yuan": disbursed,
            "spent_yuan": spent,
        }
    )
    frame.loc[frame["year"] == 2025, ["allocated_yuan", "disbursed_yuan"]] = [
        1.1e9,
        5.5e8,
    ]
    allocated = frame["allocated_yuan"].where(frame["allocated_yuan"] > 0)
    frame["disbursement_rate_pct"] = 100 * frame["disbursed_yuan"] / allocated
    frame["spending_rate_pct"] = 100 * frame["spent_yuan"] / allocated
    return frame


def breakdown(keys=("central", "provincial")):
    frame = pd.DataFrame(
        {
            "key": list(keys),
            "allocations_count": [3, 1],
            "allocated_yuan": [3e8, 1e8],
            "disbursed_yuan": [2.4e8, 1e8],
            "spent_yuan": [1.2e8, 0.5e8],
            "name_zh": [None, None],
            "name_en": [None, None],
        }
    )
    frame["disbursement_rate_pct"] = [80.0, 100.0]
    frame["spending_rate_pct"] = [40.0, 50.0]
    return frame


def cascade_frame():
    return pd.DataFrame(
        {
            "source_level": ["central", "central", "provincial"],
            "province_code": ["130000", "other", "130000"],
            "county_code": ["130722", "other", "130722"],
            "purpose": ["industry", "housing", "industry"],
            "allocated_yuan": [6e8, 3e8, 1e8],
            "disbursed_yuan": [5e8, 2e8, 1e8],
            "province_name_zh": ["河北省", None, "河北省"],
            "province_name_en": ["<b>Hebei</b>", None, "<b>Hebei</b>"],
            "county_name_zh": ["张北县", None, "张北县"],
            "county_name_en": ["Zhangbei", None, "Zhangbei"],
        }
    )


class TestHeadlineCards:
    def test_values_and_changes_in_chinese(self):
        cards = charts.headline_cards(series(), year=2025, lang="zh")
        # Money cards carry their unit in the label: "11 亿元" would not fit.
        assert [c.label for c in cards] == [
            "下达资金（亿元）",
            "已支付资金（亿元）",
            "资金支付率",
            "已支出资金（亿元）",
            "资金支出率",
        ]
        assert cards[0].value == "11"
        assert cards[0].delta == "+10.0%"
        assert cards[2].value == "50.0%"
        assert cards[2].delta == "-40.0 个百分点"
        # Spending did not move: no colour.
        assert cards[3].delta == "0.0%" and cards[3].delta_color == "off"
        assert len(cards[0].trend) == 12

    def test_english_money_and_points(self):
        cards = charts.headline_cards(series(), year=2025, lang="en")
        # "¥1.1 billion" does not fit a card: the unit goes to the label.
        assert (cards[0].label, cards[0].value) == (
            "Funds allocated (¥ billion)",
            "1.1",
        )
        assert cards[2].delta == "-40.0 pp"

    def test_the_first_year_has_no_change(self):
        cards = charts.headline_cards(series(), year=2014, lang="zh")
        assert all(card.delta is None for card in cards)

    def test_a_year_without_money(self):
        empty = series(allocated=0.0, disbursed=0.0, spent=0.0)
        empty["allocated_yuan"] = 0.0
        empty["disbursed_yuan"] = 0.0
        empty["disbursement_rate_pct"] = np.nan
        empty["spending_rate_pct"] = np.nan
        cards = charts.headline_cards(empty, year=2020, lang="en")
        assert cards[0].value == "¥0"
        assert cards[2].value == "—"
        assert cards[0].delta is None
        assert not charts.has_allocations(empty.assign(allocations_count=0), year=2020)


class TestBreakdownChart:
    def test_three_money_traces_with_the_unit_in_the_title(self):
        figure = charts.breakdown_chart(
            breakdown(), by="source_level", year=2020, lang="zh", picked=None,
            source_note="数据：合成演示数据。",
        )  # fmt: skip
        assert [trace.name for trace in figure.data] == [
            "下达资金",
            "已支付资金",
            "已支出资金",
        ]
        assert figure.layout.title.text == "2020 年资金（按资金来源，亿元）"
        assert list(figure.data[0].y) == ["中央", "省级"]
        assert list(figure.data[0].x) == [3.0, 1.0]
        assert list(figure.data[0].customdata) == ["central", "provincial"]
        assert "80.0%" in figure.data[1].hovertext[0]
        # Disbursement and spending rates stand beside their bars.
        assert list(figure.data[1].text) == ["80.0%", "100.0%"]
        assert list(figure.data[0].text) == ["", ""]

    def test_a_pick_fades_the_other_bars(self):
        figure = charts.breakdown_chart(
            breakdown(), by="source_level", year=2020, lang="en",
            picked="provincial", source_note="",
        )  # fmt: skip
        assert list(figure.data[0].marker.opacity) == [0.35, 1.0]
        assert figure.layout.title.text == "Funds of 2020 by source level (¥ million)"

    def test_region_rows_show_escaped_names(self):
        frame = breakdown(keys=("130000", "520000"))
        frame["name_zh"] = ["河北省", "贵州省"]
        frame["name_en"] = ["<i>Hebei</i>", "Guizhou"]
        figure = charts.breakdown_chart(
            frame, by="region", year=2020, lang="en", picked=None, source_note=""
        )
        assert list(figure.data[0].y) == ["&lt;i&gt;Hebei&lt;/i&gt;", "Guizhou"]

    def test_an_empty_breakdown_says_so(self):
        figure = charts.breakdown_chart(
            breakdown().iloc[0:0], by="purpose", year=2020, lang="en", picked=None,
            source_note="",
        )  # fmt: skip
        assert figure.layout.annotations[0].text == "No data"


class TestCascade:
    def test_nodes_links_and_totals(self):
        figure = charts.cascade_chart(
            cascade_frame(), measure="allocated_yuan", year=2020, lang="en",
            picks={"source_level": None, "purpose": None}, source_note="",
        )  # fmt: skip
        sankey = figure.data[0]
        labels = list(sankey.node.label)
        assert labels == [
            "central",
            "provincial",
            "&lt;b&gt;Hebei&lt;/b&gt;",
            "Other provinces",
            "Zhangbei",
            "Other counties",
            "industry",
            "housing",
        ]
        # Every stage carries the whole ¥1,000 million.
        values = pd.DataFrame(
            {"s": sankey.link.source, "t": sankey.link.target, "v": sankey.link.value}
        )
        for stage_nodes in ([2, 3], [4, 5], [6, 7]):
            assert values[values["t"].isin(stage_nodes)]["v"].sum() == pytest.approx(
                1000.0
            )
        assert figure.layout.title.text == "Funds allocated · 2020 (¥ million)"

    def test_picks_are_dark_and_the_rest_faded(self):
        figure = charts.cascade_chart(
            cascade_frame(), measure="disbursed_yuan", year=2020, lang="zh",
            picks={"source_level": "provincial", "purpose": None}, source_note="",
        )  # fmt: skip
        colours = list(figure.data[0].node.color)
        assert colours[0] == "#c9ced6" and colours[1] != "#c9ced6"
        assert "已支付资金" in figure.layout.title.text
        assert "rgba(180, 35, 42, 0.45)" in list(figure.data[0].link.color)

    def test_only_allocated_or_disbursed_money_flows(self):
        with pytest.raises(ValueError, match="allocated_yuan or disbursed_yuan"):
            charts.cascade_chart(
                cascade_frame(), measure="spent_yuan", year=2020, lang="zh",
                picks={}, source_note="",
            )  # fmt: skip

    def test_no_money_no_diagram(self):
        figure = charts.cascade_chart(
            cascade_frame().iloc[0:0], measure="allocated_yuan", year=2020,
            lang="zh", picks={}, source_note="",
        )  # fmt: skip
        assert figure.layout.annotations[0].text == "无数据"


class TestTimeliness:
    def test_bins_and_allocations_not_paid(self):
        frame = pd.DataFrame(
            {
                "milestone": ["first", "first", "last", "last"],
                "bin": [0, np.nan, 12, np.nan],
                "allocations_count": [4, 1, 4, 1],
                "allocated_yuan": [1.0, 1.0, 1.0, 1.0],
            }
        )
        figure = charts.timeliness_chart(
            frame, year=2020, days_bin=30, last_bin=12, lang="en", source_note=""
        )
        first, last = figure.data
        assert first.x[0] == "0–29" and first.x[12] == "≥360"
        assert first.x[-1] == "Not paid yet"
        assert first.y[0] == 4 and first.y[-1] == 1
        assert last.y[12] == 4
        assert figure.layout.yaxis.title.text == "Allocations (count)"
        assert figure.layout.xaxis.title.text == "Days after allocation (days)"

    def test_median_days_by_region(self):
        frame = pd.DataFrame(
            {
                "key": ["130000", "520000"],
                "first_payment_days": [100.0, np.nan],
                "last_payment_days": [200.0, np.nan],
                "name_zh": ["河北省", "贵州省"],
                "name_en": ["Hebei", "Guizhou"],
            }
        )
        figure = charts.region_days_chart(frame, lang="zh", source_note="")
        assert list(figure.data[0].y) == ["河北省"]
        assert figure.data[0].hovertext[0] == "100 天"
        assert "（天）" in figure.layout.title.text


class TestTables:
    def idle(self):
        return pd.DataFrame(
            {
                "allocation_id": ["A1"],
                "county_code": ["130722"],
                "source_level": ["central"],
                "fund_type": ["development"],
                "purpose": ["housing"],
                "allocated_on": [pd.Timestamp(2020, 3, 2)],
                "allocated_yuan": [1_000_000.0],
                "disbursed_yuan": [900_000.0],
                "idle_yuan": [100_000.0],
                "days_since_allocation": [2130],
                "county_name_zh": ["张北县"],
                "county_name_en": ["Zhangbei County"],
                "total_rows": [1],
                "total_idle_yuan": [100_000.0],
            }
        )

    def test_idle_table_headers_carry_units(self):
        table = tables.idle_table(self.idle(), lang="zh")
        assert list(table.columns) == [
            "下达编号",
            "县",
            "资金来源",
            "资金类型",
            "用途",
            "下达日期",
            "下达资金（万元）",
            "已支付资金（万元）",
            "未支付（万元）",
            "已下达天数（天）",
        ]
        assert table.iloc[0].tolist()[1:6] == [
            "张北县",
            "中央",
            "发展资金",
            "住房安全",
            dt.date(2020, 3, 2),
        ]
        assert table["未支付（万元）"].iloc[0] == 10.0

    def test_idle_summary(self):
        summary = tables.idle_summary(self.idle(), series(), year=2020, lang="en")
        assert summary == [
            ("Idle money", "¥100,000"),
            ("Allocations concerned", "1"),
            ("Share of the money allocated", "0.0%"),
        ]

    def test_a_csv_download_carries_the_note_and_a_bom(self):
        table = tables.idle_table(self.idle(), lang="en")
        note = tables.export_note(
            {"name": "demo", "version": "1", "as_of": dt.date(2025, 12, 31)},
            lang="en",
            filters="China; 2020",
            generated="2026-01-01 10:00",
            data_note="Data: synthetic demo data.",
        )
        data = to_csv_bytes(tables.with_note(table, note, lang="en"))
        assert data.startswith(b"\xef\xbb\xbf")
        text = data.decode("utf-8-sig")
        assert text.splitlines()[0].endswith(",note")
        assert "synthetic demo data" in text and "China; 2020" in text

    def test_the_filters_in_words(self):
        chosen = {"source_level": "central", "purpose": "all"}
        assert tables.filters_text("张北县", 2020, chosen, lang="zh") == (
            "张北县; 2020; 资金来源: 中央; 用途: 全部"
        )

    def test_disclosure_reasons_in_words(self):
        frame = pd.DataFrame(
            {
                "allocation_id": ["A1", "A2"],
                "county_code": ["130722"] * 2,
                "source_level": ["central"] * 2,
                "fund_type": ["development"] * 2,
                "purpose": ["housing"] * 2,
                "allocated_yuan": [1.0, 2.0],
                "allocated_on": [pd.Timestamp(2020, 3, 2)] * 2,
                "disclosed_on": [pd.Timestamp(2020, 4, 2), pd.NaT],
                "working_days": [23, np.nan],
                "not_disclosed": [False, True],
                "late": [True, False],
                "incomplete": [True, False],
                "county_name_zh": ["张北县"] * 2,
                "county_name_en": ["Zhangbei County"] * 2,
            }
        )
        zh = tables.disclosure_table(frame, lang="zh")
        assert zh["原因"].tolist() == [
            "超期公告（23 个工作日）；公告要素不全",
            "未公告",
        ]
        en = tables.disclosure_table(frame, lang="en")
        assert en["reason"].tolist() == [
            "announced late (23 working days); required fields missing",
            "not announced",
        ]

    def test_public_projects_show_suppressed_counts_as_below_the_threshold(self):
        frame = pd.DataFrame(
            {
                "county_code": ["130722", "522633"],
                "category": ["planting", "workshop"],
                "projects_count": [2, 1],
                "paid_yuan": [1e6, 2e5],
                "budget_yuan": [1e6, 3e5],
                "project_spent_yuan": [9e5, 1e5],
                "beneficiary_households_count": [40, 3],
                "poor_beneficiary_households_count": [20, 2],
                "county_name_zh": ["张北县", "从江县"],
                "county_name_en": ["Zhangbei County", "Congjiang County"],
            }
        )
        hidden = suppress_counts(
            frame,
            ["beneficiary_households_count", "poor_beneficiary_households_count"],
            5,
        )
        table = tables.public_projects_table(hidden, lang="en")
        assert table["households benefiting"].tolist() == ["40", "<5"]
        assert table["project category"].tolist() == ["planting", "workshop"]
        exact = tables.public_projects_table(frame, lang="en")
        assert exact["households benefiting"].tolist() == [40, 3]


def flag(rule: str, **values) -> dict:
    row = {
        "rule": rule,
        "county_code": "130722",
        "county_name_zh": "张北县",
        "county_name_en": "Zhangbei County",
        "allocation_id": "A1",
        "project_id": "P1",
        "amount_yuan": 12_300.0,
        "spent_pct": np.nan,
        "progress_pct": np.nan,
        "paid_on": pd.NaT,
        "completed_on": pd.NaT,
        "allocated_yuan": np.nan,
        "disbursed_yuan": np.nan,
        "project_county_code": None,
        "project_county_name_zh": None,
        "project_county_name_en": None,
    }
    return {**row, **values}


@pytest.mark.parametrize(
    ("row", "zh", "en"),
    [
        (
            flag("spending_ahead", spent_pct=70.0, progress_pct=40.0),
            "项目已支出预算的 70.0%，进度仅 40.0%，超前 30.0 个百分点（阈值 20）。",
            "The project has spent 70.0% of its budget at 40.0% progress, 30.0 "
            "points ahead (threshold 20).",
        ),
        (
            flag(
                "after_completion",
                paid_on=pd.Timestamp(2021, 6, 1),
                completed_on=pd.Timestamp(2020, 11, 30),
            ),
            "项目已于 2020-11-30 完工，此笔 1.23 万元 于 2021-06-01 支付，完工后 183 天"
            "（宽限 90 天）。",
            "¥12,300 was paid on 2021-06-01, 183 days after the project was "
            "completed on 2020-11-30 (grace 90 days).",
        ),
        (
            flag(
                "overpaid",
                amount_yuan=500.5,
                allocated_yuan=1e6,
                disbursed_yuan=1_000_500.5,
            ),
            "支付合计 100 万元，超过下达金额 100 万元，超出 501 元。",
            "Payments of ¥1 million exceed the allocation of ¥1 million by ¥501.",
        ),
        (
            flag(
                "other_county",
                project_county_code="130723",
                project_county_name_zh="康保县",
                project_county_name_en="Kangbao County",
            ),
            "张北县的下达资金中有 1.23 万元 支付给了康保县的项目。",
            "¥12,300 of an allocation to Zhangbei County was paid to a project in "
            "Kangbao County.",
        ),
    ],
    ids=["spending_ahead", "after_completion", "overpaid", "other_county"],
)
def test_every_flag_says_why_in_one_sentence(row, zh, en):
    kwargs = {"threshold_pp": 20.0, "grace_days": 90}
    assert tables.anomaly_sentence(row, lang="zh", **kwargs) == zh
    assert tables.anomaly_sentence(row, lang="en", **kwargs) == en


def test_an_unknown_rule_has_no_sentence():
    with pytest.raises(ValueError, match="'late_moon'"):
        tables.anomaly_sentence(
            flag("late_moon"), lang="en", threshold_pp=20, grace_days=90
        )


def test_rule_counts_include_silent_rules():
    frame = pd.DataFrame({"rule": ["overpaid", "overpaid"]})
    assert tables.rule_counts(frame, ("overpaid", "other_county")) == {
        "overpaid": 2,
        "other_county": 0,
    }
