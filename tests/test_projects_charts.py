"""Projects charts and tables on small hand-made frames: traces, titles, units,
labels in both languages, empty frames and suppressed counts."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from charts import project_tables as tables
from charts import projects as charts
from loaders import Settings
from loaders.settings import risk_weights

SETTINGS = Settings()


def rows(**columns) -> pd.DataFrame:
    """Two breakdown rows (planting, livestock) with every sum the loaders give."""
    base = {
        "key": ["planting", "livestock"],
        "name_zh": [None, None],
        "name_en": [None, None],
        "projects_count": [10, 4],
        "under_way_count": [5, 2],
        "behind_plan_count": [2, 0],
        "delayed_count": [3, 1],
        "over_budget_count": [1, 1],
        "stuck_count": [1, 0],
        "high_risk_count": [2, 1],
        "budget_yuan": [3_000_000.0, 1_000_000.0],
        "spent_yuan": [1_500_000.0, 1_100_000.0],
        "beneficiary_households_count": [300, 50],
        "poor_beneficiary_households_count": [120, 20],
    }
    return pd.DataFrame({**base, **columns})


def matrix_of(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": ["planting", "planting", "livestock"],
            "status": ["on_track", "behind_plan", "finished_late"],
            "projects_count": [8, 2, 4],
        }
    )


class TestStatusChart:
    @pytest.mark.parametrize(
        ("lang", "title", "legend"),
        [
            ("zh", "按项目类别的项目状态（个）", "落后于计划"),
            ("en", "Projects by category and status (count)", "behind plan"),
        ],
    )
    def test_one_trace_per_status_in_both_languages(self, lang, title, legend):
        frame = rows()
        figure = charts.status_chart(
            matrix_of(frame), frame, by="category", lang=lang, source_note="demo"
        )
        assert figure.layout.title.text == title
        assert len(figure.data) == len(charts.STATUSES)
        behind = next(tr for tr in figure.data if tr.name == legend)
        assert list(behind.x) == [2, 0]
        assert list(behind.customdata) == ["planting", "livestock"]

    def test_an_empty_breakdown_says_so(self):
        empty = rows().iloc[0:0]
        figure = charts.status_chart(
            matrix_of(empty).iloc[0:0], empty, by="stage", lang="en", source_note=""
        )
        assert figure.layout.annotations[0].text == "No projects."


class TestBudgetChart:
    @pytest.mark.parametrize(
        ("lang", "unit"), [("zh", "万元"), ("en", "¥ million")], ids=["zh", "en"]
    )
    def test_money_is_scaled_and_the_unit_in_the_title(self, lang, unit):
        figure = charts.budget_chart(rows(), by="category", lang=lang, source_note="")
        assert unit in figure.layout.title.text
        divisor = 1e4 if lang == "zh" else 1e6
        assert list(figure.data[0].x) == pytest.approx([3e6 / divisor, 1e6 / divisor])
        assert list(figure.data[1].text) == ["50.0%", "110.0%"]

    def test_no_budget_is_an_empty_figure(self):
        frame = rows(budget_yuan=[0.0, 0.0])
        figure = charts.budget_chart(frame, by="category", lang="zh", source_note="")
        assert not figure.data


class TestMapValues:
    def test_shares_of_the_projects_and_the_count(self):
        counties = rows(key=["130722", "110101"], projects_count=[10, 0])
        counties["insured_count"] = [4, 0]
        shares = charts.map_values(counties, measure="projects_insured_pct")
        assert shares["value"].iloc[0] == pytest.approx(40.0)
        assert np.isnan(shares["value"].iloc[1])  # no projects: no share
        counts = charts.map_values(counties, measure="projects_count")
        assert counts["value"].tolist() == [10.0, 0.0]

    def test_an_unknown_measure_is_refused(self):
        with pytest.raises(ValueError, match="projects_behind_plan_pct"):
            charts.map_values(rows(), measure="wellbeing")


def test_progress_grid_puts_counts_in_their_tenths():
    grid = pd.DataFrame(
        {
            "elapsed_bin": [5, 10],
            "progress_bin": [2, 10],
            "projects_count": [3, 1],
            "behind_plan_count": [3, 0],
        }
    )
    figure = charts.progress_chart(grid, ratio=0.8, lang="en", source_note="")
    z = np.asarray(figure.data[0].z, dtype=float)
    assert z[2, 5] == 3 and z[10, 10] == 1 and np.isnan(z[0, 0])
    assert figure.data[1].name == "on-plan line (0.8 ×)"
    assert list(figure.data[1].y) == ["0", "80"]
    empty = charts.progress_chart(grid.iloc[0:0], ratio=0.8, lang="zh", source_note="")
    assert empty.layout.annotations[0].text == "没有在建项目。"


def stages() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": ["library", "approved", "started", "accepted", "completed"],
            "current_count": [3, 2, 10, 1, 0],
            "current_median_days": [120.0, 40.0, 300.0, 500.0, np.nan],
            "stuck_count": [1, 0, 2, 1, 0],
            "passed_count": [20, 18, 8, 7, 0],
            "passed_median_days": [130.0, 60.0, 420.0, 90.0, np.nan],
        }
    )


def test_the_lifecycle_separates_the_stuck_projects():
    figure = charts.lifecycle_chart(stages(), lang="zh", source_note="")
    moving, stuck = figure.data[0], figure.data[1]
    assert list(moving.x)[0] == "入库"
    assert list(moving.y) == [2, 2, 8, 0, 0] and list(stuck.y) == [1, 0, 2, 1, 0]
    assert figure.data[2].yaxis == "y2"
    table = tables.lifecycle_table(stages(), lang="en")
    assert list(table.columns)[:3] == ["stage", "projects in it", "median days so far"]


def timeline_rows() -> pd.DataFrame:
    day = dt.date
    return pd.DataFrame(
        {
            "project_id": ["P1", "P2"],
            "category": ["planting", "workshop"],
            "approved_on": [day(2023, 1, 1), day(2024, 1, 1)],
            "start_on": [day(2023, 3, 1), day(2024, 3, 1)],
            "planned_end_on": [day(2023, 12, 1), day(2025, 3, 1)],
            "actual_end_on": [day(2023, 11, 1), None],
            "completed_on": [day(2024, 1, 10), None],
            "delay_days": [0, 305],
            "progress_pct": [100.0, 70.0],
        }
    )


def test_the_timeline_marks_delays_red():
    figure = charts.timeline_chart(
        timeline_rows(), as_of=dt.date(2025, 12, 31), lang="en", source_note="demo"
    )
    planned, actual = figure.data[0], figure.data[1]
    assert list(planned.y) == ["P1 planting", "P2 workshop"]
    assert list(actual.marker.color) == ["#2b6cb0", "#b4232a"]
    # The works still under way run to the as-of date.
    assert actual.x[1] == pytest.approx(
        (dt.date(2025, 12, 31) - dt.date(2024, 3, 1)).days * 86_400_000
    )
    assert "305 days late" in actual.hovertext[1]
    assert [tr.name for tr in figure.data[2:]] == ["approved", "handed over"]


def test_beneficiaries_per_10000_yuan():
    per = charts.per_10k_yuan(pd.Series([300, pd.NA, 5]), pd.Series([3e6, 1e6, 0.0]))
    assert per.iloc[0] == pytest.approx(1.0)
    assert np.isnan(per.iloc[1]) and np.isnan(per.iloc[2])
    frame = rows(key=["dividends", "employment"])
    figure = charts.mechanism_chart(frame, lang="zh", source_note="")
    assert list(figure.data[0].y) == ["资产收益分红", "务工就业"]
    assert figure.data[0].text[0] == "每万元 1.00 户"


def matrix() -> pd.DataFrame:
    grid = pd.MultiIndex.from_product(
        [range(1, 6), range(1, 6)], names=["likelihood", "impact"]
    ).to_frame(index=False)
    grid["projects_count"] = 1
    grid["covered_count"] = 0
    product = grid["likelihood"] * grid["impact"]
    grid["risk_level"] = np.select(
        [product >= 12, product >= 6], ["high", "medium"], "low"
    )
    return grid


def test_the_risk_matrix_has_a_clickable_marker_per_cell():
    figure = charts.risk_matrix_chart(
        matrix(), lang="en", picked=(3, 4), source_note=""
    )
    markers = figure.data[0]
    assert len(markers.x) == 25
    assert list(markers.customdata[0]) == [1, 1]
    assert len(figure.layout.shapes) == 25
    picked = [s for s in figure.layout.shapes if s.line.width == 3]
    assert len(picked) == 1 and (picked[0].x0, picked[0].y0) == (3.5, 2.5)
    assert picked[0].fillcolor == charts.LEVEL_COLOURS["high"]
    assert "likelihood 3 × impact 4: high" in markers.hovertext[13]
    assert figure.layout.yaxis.title.text == "Likelihood (1–5)"


def cover() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": ["130000"],
            "name_zh": ["河北省"],
            "name_en": ["Hebei"],
            "projects_count": [10],
            "insured_count": [4],
            "insured_pct": [40.0],
            "high_risk_count": [2],
            "high_risk_covered_pct": [50.0],
            "risk_fund_yuan": [120_000.0],
            "high_risk_budget_yuan": [2_000_000.0],
            "risk_fund_cover_pct": [3.0],
            "mean_risk_score": [2.64],
        }
    )


def test_cover_by_region_against_the_fund_target():
    figure = charts.cover_chart(cover(), target_pct=5.0, lang="zh", source_note="")
    assert [tr.name for tr in figure.data] == [
        "投保项目占比",
        "高风险项目保障率",
        "风险保障金覆盖率",
    ]
    assert figure.layout.shapes[0].y0 == 5.0
    table = tables.cover_table(cover(), lang="en")
    assert table["projects insured (%)"].tolist() == [40.0]
    assert table["risk fund (¥)"].tolist() == [120_000.0]
    assert table["high-risk budget (¥ million)"].tolist() == [2.0]


def test_household_counts_the_loaders_suppressed_read_below_5():
    frame = rows(beneficiary_households_count=[300, pd.NA])
    frame.attrs["suppressed_below"] = 5
    table = tables.breakdown_table(frame, by="category", lang="en")
    assert table["households benefiting"].tolist() == ["300", "<5"]
    assert table["category"].tolist() == ["planting", "livestock"]
    summary = pd.Series(
        {
            "beneficiary_households_count": pd.NA,
            "poor_beneficiary_households_count": pd.NA,
            "budget_yuan": 1e6,
        }
    )
    summary.attrs["suppressed_below"] = 5
    cards = dict(tables.beneficiary_cards(summary, lang="zh"))
    assert cards["受益户"] == "<5" and cards["每万元带动户数"] == "—"


def test_portfolio_cards_give_counts_with_their_shares():
    summary = rows().drop(columns=["key", "name_zh", "name_en"]).sum()
    cards = {
        label: value for label, value, _ in tables.portfolio_cards(summary, lang="en")
    }
    assert cards["Projects"] == "14"
    assert cards["Behind plan"] == "2 · 28.6%"  # of the 7 projects under way
    assert cards["Share of budget spent"] == "65.0%"
    assert cards["Budget"] == "¥4 million"


def test_the_risk_sentence_names_every_weight_and_line():
    zh = tables.risk_sentence(risk_weights(SETTINGS), SETTINGS, lang="zh")
    assert "0.3 × 市场" in zh and "0.25 × 自然灾害" in zh and "达到 12 为高风险" in zh
    en = tables.risk_sentence(risk_weights(SETTINGS), SETTINGS, lang="en")
    assert "under 10, 25, 50, 100 and more" in en and "5% of its budget" in en


def test_cover_of_many_regions_goes_down_the_side():
    """Past six regions the bars lie down, the first region at the top, the fund
    target a vertical line, and the figure grows with the regions."""
    many = pd.concat([cover()] * 20, ignore_index=True)
    many["code"] = [f"{11 + i}0000" for i in range(20)]
    many["name_en"] = [f"Region {i}" for i in range(20)]
    figure = charts.cover_chart(many, target_pct=5.0, lang="en", source_note="x")
    assert {tr.orientation for tr in figure.data} == {"h"}
    assert list(figure.data[0].y)[0] == "Region 0"
    assert figure.layout.yaxis.autorange == "reversed"
    assert figure.layout.shapes[0].x0 == 5.0
    assert figure.layout.height == 180 + 26 * 20
    few = charts.cover_chart(many.head(6), target_pct=5.0, lang="en", source_note="x")
    assert {tr.orientation for tr in few.data} == {"v"}
