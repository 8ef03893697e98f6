"""The Health coverage page driven headless with Streamlit's AppTest, in both
languages: the country, a province, a county, a county without villages and a
county where everything meets its target."""

from __future__ import annotations

from pathlib import Path

import pytest
from known_places import EMPTY_COUNTY, ZHANGBEI, ZHENGDING
from streamlit.testing.v1 import AppTest

from loaders.accounts import User, UserStore

ROOT = Path(__file__).resolve().parents[1]
APP_SOURCE = (ROOT / "app.py").read_text(encoding="utf-8")
HEALTH_PAGE = str(ROOT / "pages" / "health.py")
CHARTS = 7  # compliance, map, access, costs, illness by care, coverage, sites map
TABS = ("compliance", "access", "illness", "capacity")


def open_health(db_path: Path, monkeypatch, user: User | None = None, **params):
    import streamlit as st

    monkeypatch.setenv("JINGZHUN_DB", str(db_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_string(APP_SOURCE, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    if user is not None:
        UserStore().save(user)
        at.session_state["jingzhun_user"] = user
    at.run()
    return at.switch_page(HEALTH_PAGE).run()


@pytest.fixture
def health_page(tiny_db_path: Path, monkeypatch: pytest.MonkeyPatch):
    def open_page(user: User | None = None, **params: str) -> AppTest:
        return open_health(tiny_db_path, monkeypatch, user, **params)

    return open_page


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning, [w.value for w in at.warning]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def open_tab(at: AppTest, name: str) -> AppTest:
    """The page again with tab ``name`` open, as a click on it would leave it."""
    at.session_state["state_hl_tab"] = name
    return at.run()


def every_tab(at: AppTest) -> dict[str, list]:
    """Each tab opened in turn (only the open one runs): its metrics, charts,
    tables, downloads, notes and captions, gathered."""
    seen = {"metric": {}, "chart": [], "table": [], "download": [], "info": []}
    seen["caption"] = []
    for name in TABS:
        open_tab(at, name)
        assert_clean(at)
        seen["metric"].update(metrics(at))
        seen["chart"] += list(at.get("plotly_chart"))
        seen["table"] += [frame.value for frame in at.dataframe]
        seen["download"] += [button.key for button in at.get("download_button")]
        seen["info"] += [info.value for info in at.info]
        seen["caption"] += [caption.value for caption in at.caption]
    return seen


@pytest.mark.parametrize(
    ("lang", "region", "title", "cards"),
    [
        ("zh", "100000", "健康扶贫：全国", ["有村卫生室的村", "5 公里内有村卫生室"]),
        ("en", "100000", "Health coverage: China", ["Villages meeting both"]),
        ("zh", "130000", "健康扶贫：河北省", ["灾难性医疗支出户", "新增后覆盖率"]),
        (
            "en",
            ZHANGBEI,
            "Health coverage: Zhangbei County",
            ["Reimbursed", "Covered now", "Mean km to county hospital"],
        ),
    ],
)
def test_regions_in_both_languages(health_page, lang, region, title, cards):
    at = health_page(lang=lang, region=region)
    assert_clean(at)
    assert at.title[0].value == title
    # Gaps exist in the tiny data: no "all compliant" message.
    assert not at.success
    seen = every_tab(at)
    assert all(card in seen["metric"] for card in cards), seen["metric"]
    assert len(seen["chart"]) == CHARTS
    # Every table downloads as CSV and Excel.
    assert len(seen["download"]) >= 2 * len(seen["table"])
    assert any("Demo data" in i or "演示数据" in i for i in seen["info"])


def test_only_the_open_tab_runs_and_the_url_names_it(health_page):
    at = health_page(lang="en", region=ZHANGBEI)
    assert len(at.get("plotly_chart")) == 2  # compliance chart and map
    assert at.query_params["tab"] == "compliance"
    at = health_page(lang="en", region=ZHANGBEI, tab="capacity")
    assert at.slider(key="hl_sites") and len(at.get("plotly_chart")) == 2
    # The open tab survives a change of language (its label changes).
    at.session_state["f_lang"] = "zh"
    at.run()
    assert_clean(at)
    assert at.query_params["tab"] == "capacity" and at.slider(key="hl_sites")


@pytest.mark.parametrize(
    ("lang", "message"),
    [("zh", "没有行政村"), ("en", "no villages")],
)
def test_a_county_without_villages(health_page, lang, message):
    at = health_page(lang=lang, region=EMPTY_COUNTY)
    assert_clean(at)
    assert any(message in info.value for info in at.info)
    # Every panel still renders, empty; no list, nothing to download.
    seen = every_tab(at)
    assert len(seen["chart"]) == CHARTS
    assert not seen["table"]
    assert not [key for key in seen["download"] if key.startswith(("csv_", "xlsx_"))]


@pytest.mark.parametrize(
    ("lang", "message"),
    [("zh", "均已达标"), ("en", "meets its target")],
)
def test_a_county_where_everything_is_compliant(
    compliant_db, monkeypatch, lang, message
):
    at = open_health(compliant_db, monkeypatch, lang=lang, region=ZHENGDING)
    assert_clean(at)
    assert any(message in s.value for s in at.success)
    shown = metrics(at)
    label = "卫生室和村医均达标的村" if lang == "zh" else "Villages meeting both"
    assert shown[label] == "100.0%"
    # No gap list: every level is empty.
    for level in ("village", "township", "county"):
        at.radio(key="hl_level").set_value(level).run()
        assert_clean(at)
        assert any(
            "没有符合条件" in c.value or "Nothing to list" in c.value
            for c in at.caption
        )


def test_widgets_and_the_url(health_page):
    at = health_page(
        lang="en", measure="health_near_clinic_pct", level="township", kind="x"
    )
    assert_clean(at)
    assert at.selectbox(key="hl_measure").value == "health_near_clinic_pct"
    assert at.radio(key="hl_level").value == "township"
    at.radio(key="hl_level").set_value("county").run()
    open_tab(at, "access")
    assert at.selectbox(key="hl_kind").value == "village_clinic"  # unknown: default

    at.selectbox(key="hl_kind").set_value("county_hospital").run()
    assert_clean(at)
    assert at.query_params["kind"] == "county_hospital"
    assert at.query_params["level"] == "county"  # kept while its tab is closed

    open_tab(at, "capacity")
    at.slider(key="hl_sites").set_value(3).run()
    assert_clean(at)
    assert at.query_params["sites"] == "3"
    assert int(metrics(at)["Sites proposed"]) <= 3


def test_the_page_states_the_settings_it_used(health_page, tmp_path, monkeypatch):
    settings = tmp_path / "jingzhun.toml"
    settings.write_text(
        "health_village_doctors_min = 2\nhealth_radii_km = [3, 15]\n"
        "health_siting_radius_km = 8\n"
    )
    monkeypatch.setenv("JINGZHUN_SETTINGS", str(settings))
    at = health_page(lang="en")
    assert_clean(at)
    seen = every_tab(at)
    captions = " ".join(seen["caption"])
    assert "2 village doctor(s)" in captions
    assert "within 3、15 km" in captions or "within 3, 15 km" in captions
    assert "within 8 km" in captions
    assert "Clinic within 15 km" in seen["metric"]


def test_a_county_official_sees_only_their_county(health_page):
    official = health_page(
        user=User("li.ming", "official", ZHANGBEI, password_hash="-"), lang="en"
    )
    assert_clean(official)
    admin = health_page(
        user=User("root", "admin", "100000", password_hash="-"),
        lang="en",
        region=ZHANGBEI,
    )
    gaps = official.dataframe[0].value
    assert set(gaps["county"]) == {"Zhangbei County"}
    assert every_tab(official)["metric"] == every_tab(admin)["metric"]
