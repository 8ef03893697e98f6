"""The app frame and its pages, driven headless with Streamlit's AppTest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from known_places import EMPTY_COUNTY, ZHANGBEI
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
# AppTest runs a copy of app.py from a temporary folder: beside the real one, the
# pages/ folder would be taken for old-style pages and reruns would skip the frame.
APP_SOURCE = (ROOT / "app.py").read_text(encoding="utf-8")


@pytest.fixture
def app(tiny_db_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A fresh session of the app on the tiny dataset; call it with URL parameters."""
    monkeypatch.setenv("JINGZHUN_DB", str(tiny_db_path))

    def open_app(**params: str) -> AppTest:
        at = AppTest.from_string(APP_SOURCE, default_timeout=90)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return open_app


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def test_overview_opens_in_chinese_with_every_panel(app):
    at = app()
    assert_clean(at)
    assert at.title[0].value == "总览：全国，2025 年"
    assert len(at.metric) == 8
    assert at.metric[1].label == "已摘帽贫困县" and at.metric[1].value == "832 个"
    assert len(at.get("plotly_chart")) == 3
    assert any("演示数据" in info.value for info in at.info)
    assert not at.warning


def test_overview_opens_in_english(app):
    at = app(lang="en")
    assert_clean(at)
    assert at.title[0].value == "Overview: China, 2025"
    assert at.metric[1].label == "Poverty counties exited"
    assert any("Demo data" in info.value for info in at.info)


def test_switching_language_keeps_the_view(app):
    at = app(region=ZHANGBEI)
    at.radio(key="g_lang").set_value("en").run()
    assert_clean(at)
    assert at.title[0].value == "Overview: Zhangbei County, 2025"
    assert at.query_params["lang"] == "en"


def test_drilling_down_through_the_filters(app):
    at = app()
    at.selectbox(key="g_province").set_value("130000").run()
    assert at.title[0].value == "总览：河北省，2025 年"
    at.selectbox(key="g_city").set_value("130700").run()
    at.selectbox(key="g_county").set_value(ZHANGBEI).run()
    assert_clean(at)
    assert at.title[0].value == "总览：张北县，2025 年"
    assert at.query_params["region"] == ZHANGBEI


def test_the_breadcrumb_goes_back_up(app):
    at = app(region=ZHANGBEI)
    at.button(key="crumb_130000").click().run()
    assert_clean(at)
    assert at.title[0].value == "总览：河北省，2025 年"
    assert at.selectbox(key="g_city").value == ""


def test_a_permalink_restores_the_view(app):
    at = app(lang="en", region=ZHANGBEI, year="2018", indicator="poverty_incidence_pct")
    assert_clean(at)
    assert at.title[0].value == "Overview: Zhangbei County, 2018"
    assert at.selectbox(key="ov_indicator").value == "poverty_incidence_pct"
    assert at.selectbox(key="g_year").value == 2018


@pytest.mark.parametrize(
    ("params", "zh", "en"),
    [
        ({"region": "999999"}, "999999", "999999"),
        # Shown literally: escaped for markdown, never rendered as HTML.
        ({"region": "<script>"}, r"\<script\>", r"\<script\>"),
        ({"region": "[x](http://a.b)"}, r"\[x\]\(http://a\.b\)", r"http://a\.b"),
        ({"year": "1999"}, "1999", "1999"),
        ({"year": "next"}, "next", "next"),
    ],
)
def test_bad_url_values_get_a_bilingual_message_and_the_default_view(
    app, params, zh, en
):
    at = app(**params)
    assert_clean(at)
    assert at.title[0].value == "总览：全国，2025 年"
    message = at.warning[0].value
    assert zh in message and en in message
    assert "已显示默认" in message and "showing the default" in message


def test_an_unknown_language_falls_back_to_chinese(app):
    at = app(lang="fr")
    assert_clean(at)
    assert at.title[0].value.startswith("总览")


def test_a_county_without_villages_still_renders(app):
    at = app(region=EMPTY_COUNTY)
    assert_clean(at)
    assert at.title[0].value == "总览：东城区，2025 年"
    assert any("没有村级数据" in info.value for info in at.info)


@pytest.mark.parametrize("indicator", ["care_gap_pct", "disbursement_rate_pct"])
def test_changing_the_map_indicator(app, indicator):
    at = app(region="130000")
    at.selectbox(key="ov_indicator").set_value(indicator).run()
    assert_clean(at)
    assert at.query_params["indicator"] == indicator


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_data_page_shows_the_dataset_and_dictionary(app, lang):
    at = app(lang=lang)
    at.switch_page(str(ROOT / "pages" / "data.py")).run()
    assert_clean(at)
    assert len(at.dataframe) >= 4
    assert at.title[0].value == (
        "Data: dataset, quality and imports"
        if lang == "en"
        else "数据：数据集、质量与导入"
    )


def test_the_map_refers_to_served_shapes_instead_of_sending_them(app):
    at = app()
    spec = at.get("plotly_chart")[0].proto.spec
    figure = json.loads(spec)
    main = [
        trace
        for trace in figure["data"]
        if trace.get("subplot", "map") == "map" and trace["type"] == "choroplethmap"
    ]
    assert main and all(
        trace["geojson"].startswith("/app/static/geo/counties-100000-")
        for trace in main
    )
    # The national county geometry alone is ~2.3 MB; only values and overlays remain.
    assert len(spec) < 1_000_000


def test_a_figure_is_built_once_per_frame_and_options():
    import pandas as pd

    from charts.funds import by_year_chart
    from pages import common

    series = pd.DataFrame(
        {
            "year": [2024, 2025],
            "allocations_count": [2, 3],
            "allocated_yuan": [1e8, 2e8],
            "disbursed_yuan": [5e7, 1e8],
            "spent_yuan": [4e7, 5e7],
        }
    )
    first = common.figure(by_year_chart, series, lang="zh", source_note="")
    assert (
        common.figure(by_year_chart, series.copy(), lang="zh", source_note="") is first
    )
    # Other data or other options build another figure.
    more = series.assign(allocated_yuan=[1e8, 3e8])
    assert common.figure(by_year_chart, more, lang="zh", source_note="") is not first
    english = common.figure(by_year_chart, series, lang="en", source_note="")
    assert english is not first
    assert "¥" in english.layout.title.text and "¥" not in first.layout.title.text
