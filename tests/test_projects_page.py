"""The Industrial projects page driven headless with Streamlit's AppTest, in both
languages, for the country, a province, a county and a county without projects."""

from __future__ import annotations

from pathlib import Path

import pytest
from known_places import EMPTY_COUNTY, ZHANGBEI
from streamlit.testing.v1 import AppTest

from loaders.accounts import User, UserStore

ROOT = Path(__file__).resolve().parents[1]
APP_SOURCE = (ROOT / "app.py").read_text(encoding="utf-8")
PROJECTS_PAGE = str(ROOT / "pages" / "projects.py")
CHARTS = 9  # status, budget, map, progress, lifecycle, timeline, mechanisms, matrix,
# cover
TABS = ("portfolio", "lifecycle", "timeline", "beneficiaries", "risks")


@pytest.fixture
def projects_page(tiny_db_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Open the Projects page in a fresh session with URL parameters."""

    def open_page(user: User | None = None, **params: str) -> AppTest:
        monkeypatch.setenv("JINGZHUN_DB", str(tiny_db_path))
        at = AppTest.from_string(APP_SOURCE, default_timeout=90)
        for key, value in params.items():
            at.query_params[key] = value
        if user is not None:
            UserStore().save(user)
            at.session_state["jingzhun_user"] = user
        at.run()
        return at.switch_page(PROJECTS_PAGE).run()

    return open_page


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning, [w.value for w in at.warning]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def open_tab(at: AppTest, name: str) -> AppTest:
    """The page again with tab ``name`` open, as a click on it would leave it."""
    at.session_state["state_pr_tab"] = name
    return at.run()


def every_tab(at: AppTest) -> dict:
    """Each tab opened in turn (only the open one runs): what each showed."""
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
        ("zh", "100000", "产业扶贫项目：全国", ["项目数", "落后于计划", "停滞"]),
        ("en", "100000", "Industrial projects: China", ["Projects", "Over budget"]),
        ("zh", "130000", "产业扶贫项目：河北省", ["延期", "每万元带动户数"]),
        ("en", ZHANGBEI, "Industrial projects: Zhangbei County", ["Stuck"]),
    ],
)
def test_regions_in_both_languages(projects_page, lang, region, title, cards):
    at = projects_page(lang=lang, region=region)
    assert_clean(at)
    assert at.title[0].value == title
    seen = every_tab(at)
    shown = seen["metric"]
    assert all(card in shown for card in cards)
    assert int(shown["项目数" if lang == "zh" else "Projects"].replace(",", "")) > 0
    assert len(seen["chart"]) == CHARTS
    # Every table downloads as CSV and Excel: breakdown, lifecycle (beside its
    # chart), stage list, stuck list, mechanisms, cover, register.
    tables = [key for key in seen["download"] if key.startswith(("csv_", "xlsx_"))]
    assert len(tables) >= 2 * len(seen["table"])
    assert any("Demo data" in i or "演示数据" in i for i in seen["info"])


def test_only_the_open_tab_runs_and_the_url_names_it(projects_page):
    at = projects_page(lang="en", region=ZHANGBEI)
    assert at.query_params["tab"] == "portfolio"
    assert len(at.get("plotly_chart")) == 4  # status, budget, map, progress
    at = projects_page(lang="en", region=ZHANGBEI, tab="risks")
    assert len(at.get("plotly_chart")) == 2 and at.query_params["tab"] == "risks"
    assert metrics(at) == {}


@pytest.mark.parametrize(
    ("lang", "message"), [("zh", "没有符合"), ("en", "No projects")]
)
def test_a_county_without_projects(projects_page, lang, message):
    at = projects_page(lang=lang, region=EMPTY_COUNTY)
    assert_clean(at)
    assert any(message in info.value for info in at.info)
    assert metrics(at)["项目数" if lang == "zh" else "Projects"] == "0"
    # Every panel still renders, with nothing in it, and no table to download (the
    # charts keep their export menus: an empty chart prints as one).
    seen = every_tab(at)
    assert len(seen["chart"]) == CHARTS
    downloads = seen["download"]
    assert [key for key in downloads if not key.startswith("export_")] == []
    assert len(downloads) == CHARTS * 3


def test_the_timeline_of_a_wide_region_asks_for_a_county(projects_page):
    at = projects_page(lang="en", tab="timeline")
    assert any("Pick a county" in info.value for info in at.info)
    county = projects_page(lang="en", region=ZHANGBEI, tab="timeline")
    assert not any("Pick a county" in info.value for info in county.info)


def test_picks_from_the_url_and_the_boxes(projects_page):
    at = projects_page(lang="en", category="photovoltaic", by="stage")
    assert_clean(at)
    assert at.selectbox(key="pr_category").value == "photovoltaic"
    assert at.selectbox(key="pr_by").value == "stage"
    photovoltaic = metrics(at)["Projects"]

    at.selectbox(key="pr_category").set_value("all").run()
    assert_clean(at)
    assert metrics(at)["Projects"] != photovoltaic
    assert at.query_params["category"] == "all"

    at.radio(key="pr_which").set_value("year").run()
    assert_clean(at)
    assert at.query_params["which"] == "year"
    at.selectbox(key="pr_measure").set_value("projects_high_risk_pct").run()
    open_tab(at, "lifecycle")
    at.selectbox(key="pr_stage").set_value("library").run()
    assert_clean(at)
    assert at.query_params["measure"] == "projects_high_risk_pct"
    assert at.query_params["stage"] == "library"


def test_a_cell_of_the_risk_matrix_from_the_url_narrows_the_register(projects_page):
    at = projects_page(lang="en", cell="3-2", tab="risks")
    assert_clean(at)
    assert any("likelihood 3 × impact 2" in m.value for m in at.markdown)
    register = at.dataframe[-1].value
    assert set(register["likelihood"]) == {3} and set(register["impact"]) == {2}

    at.button(key="pr_all_cells").click().run()
    assert_clean(at)
    assert at.query_params["cell"] == "all"
    assert len(set(at.dataframe[-1].value["likelihood"])) > 1


@pytest.mark.parametrize("wrong", ["<script>", "9-9", "3"])
def test_unknown_picks_in_the_url_show_everything(projects_page, wrong):
    at = projects_page(category=wrong, cell=wrong, by=wrong, tab=wrong)
    assert_clean(at)
    assert at.selectbox(key="pr_category").value == "all"
    assert at.selectbox(key="pr_by").value == "category"
    assert at.query_params["tab"] == "portfolio"
    assert open_tab(at, "risks").query_params["cell"] == "all"


def test_switching_language_keeps_the_picks(projects_page):
    at = projects_page(category="livestock", stage="completed", tab="lifecycle")
    at.radio(key="g_lang").set_value("en").run()
    assert_clean(at)
    assert at.title[0].value == "Industrial projects: China"
    assert at.selectbox(key="pr_category").value == "livestock"
    assert at.selectbox(key="pr_stage").value == "completed"


def test_the_page_states_the_settings_it_used(projects_page):
    captions = " ".join(every_tab(projects_page(lang="en"))["caption"])
    assert "0.8 × the share" in captions and "365 days" in captions
    assert "0.3 × market" in captions and "from 12 high" in captions


def test_a_county_official_sees_only_their_county(projects_page):
    official = projects_page(
        user=User("li.ming", "official", ZHANGBEI, password_hash="-"), lang="en"
    )
    assert_clean(official)
    admin = projects_page(
        user=User("root", "admin", "100000", password_hash="-"),
        lang="en",
        region=ZHANGBEI,
    )
    assert every_tab(official)["metric"] == every_tab(admin)["metric"]
    counties = set(official.dataframe[-1].value["county"])  # the risk register
    assert counties == {"Zhangbei County"}
