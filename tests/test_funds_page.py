"""The Funds page driven headless with Streamlit's AppTest, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from known_places import EMPTY_COUNTY, EMPTY_FUNDS_YEAR, ZHANGBEI
from streamlit.testing.v1 import AppTest

from loaders.accounts import User, UserStore

ROOT = Path(__file__).resolve().parents[1]
APP_SOURCE = (ROOT / "app.py").read_text(encoding="utf-8")
FUNDS_PAGE = str(ROOT / "pages" / "funds.py")


def forget_the_dataset() -> None:
    """The connection and query results are cached per process, not per dataset."""
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def funds_page(tiny_db_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Open the Funds page in a fresh session; call it with URL parameters (and
    another dataset than the tiny one)."""
    other_dataset = False

    def open_page(
        db: Path = tiny_db_path, user: User | None = None, **params: str
    ) -> AppTest:
        nonlocal other_dataset
        if db != tiny_db_path:
            other_dataset = True
            forget_the_dataset()
        monkeypatch.setenv("JINGZHUN_DB", str(db))
        at = AppTest.from_string(APP_SOURCE, default_timeout=90)
        for key, value in params.items():
            at.query_params[key] = value
        if user is not None:
            UserStore().save(user)
            at.session_state["jingzhun_user"] = user
        at.run()
        return at.switch_page(FUNDS_PAGE).run()

    yield open_page
    if other_dataset:
        forget_the_dataset()


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning, [w.value for w in at.warning]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def allocated(at: AppTest) -> str:
    """The money allocated, as the first card shows it (in English its label
    carries the unit: "Funds allocated (¥ million)")."""
    return at.metric[0].value


@pytest.mark.parametrize(
    ("lang", "title", "allocated", "cards"),
    [
        (
            "zh",
            "资金使用：全国，2025 年",
            "下达资金（亿元）",
            ["支出超前于进度", "跨县使用"],
        ),
        (
            "en",
            "Funds: China, 2025",
            "Funds allocated (¥ million)",
            ["Paid after completion"],
        ),
    ],
)
def test_the_country_in_both_languages(funds_page, lang, title, allocated, cards):
    at = funds_page(lang=lang)
    assert_clean(at)
    assert at.title[0].value == title
    shown = metrics(at)
    assert allocated in shown and all(card in shown for card in cards)
    # Breakdown, trend, cascade, two timeliness charts, disclosure by region.
    assert len(at.get("plotly_chart")) == 6
    assert len(at.dataframe) >= 3
    # Each table downloads as CSV and Excel, each chart exports as PNG, SVG and PDF.
    keys = [button.key for button in at.get("download_button")]
    tables = [key for key in keys if key.startswith(("csv_", "xlsx_"))]
    figures = [key for key in keys if key.startswith("export_")]
    assert len(tables) == 2 * len(at.dataframe)
    assert len(figures) == 3 * len(at.get("plotly_chart"))
    assert any("Demo data" in i.value or "演示数据" in i.value for i in at.info)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_county(funds_page, lang):
    at = funds_page(lang=lang, region=ZHANGBEI, year="2020")
    assert_clean(at)
    assert at.title[0].value == (
        "Funds: Zhangbei County, 2020" if lang == "en" else "资金使用：张北县，2020 年"
    )
    assert at.selectbox(key="g_county").value == ZHANGBEI


@pytest.mark.parametrize(
    ("lang", "message"),
    [("zh", "2019 年本地区没有符合条件的下达资金"), ("en", "No money matching")],
)
def test_a_year_with_no_allocations(funds_page, db_without_a_year, lang, message):
    at = funds_page(db_without_a_year, lang=lang, year=str(EMPTY_FUNDS_YEAR))
    assert_clean(at)
    assert any(message in info.value for info in at.info)
    assert allocated(at) in ("¥0", "0")
    # Every panel still renders, with nothing in it.
    assert len(at.get("plotly_chart")) == 6
    assert not at.dataframe


def test_a_county_without_villages_or_money(funds_page):
    at = funds_page(region=EMPTY_COUNTY)
    assert_clean(at)
    assert at.title[0].value == "资金使用：东城区，2025 年"
    assert any("没有符合条件的下达资金" in info.value for info in at.info)


def test_picks_from_the_url_and_the_boxes(funds_page):
    at = funds_page(lang="en", year="2020", purpose="housing")
    assert_clean(at)
    assert at.selectbox(key="fu_purpose").value == "housing"
    housing = allocated(at)

    at.selectbox(key="fu_purpose").set_value("all").run()
    assert_clean(at)
    assert allocated(at) != housing
    assert at.query_params["purpose"] == "all"

    at.selectbox(key="fu_source_level").set_value("central").run()
    assert_clean(at)
    assert at.query_params["source_level"] == "central"


def test_an_unknown_pick_in_the_url_shows_everything(funds_page):
    at = funds_page(purpose="<script>")
    assert_clean(at)
    assert at.selectbox(key="fu_purpose").value == "all"


def test_breakdown_and_cascade_controls(funds_page):
    at = funds_page(lang="en")
    at.selectbox(key="fu_by").set_value("region").run()
    assert_clean(at)
    assert at.query_params["by"] == "region"
    at.radio(key="fu_measure").set_value("disbursed_yuan").run()
    assert_clean(at)
    assert at.query_params["measure"] == "disbursed_yuan"


def test_switching_language_keeps_the_picks(funds_page):
    at = funds_page(year="2020", purpose="industry")
    at.radio(key="g_lang").set_value("en").run()
    assert_clean(at)
    assert at.title[0].value == "Funds: China, 2020"
    assert at.selectbox(key="fu_purpose").value == "industry"


def test_a_county_official_sees_only_their_county(funds_page):
    official = funds_page(
        user=User("li.ming", "official", ZHANGBEI, password_hash="-"),
        lang="en",
        year="2020",
    )
    assert_clean(official)
    admin = funds_page(
        user=User("root", "admin", "100000", password_hash="-"),
        lang="en",
        year="2020",
        region=ZHANGBEI,
    )
    assert allocated(official) == allocated(admin)
