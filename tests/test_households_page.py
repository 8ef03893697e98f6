"""The Households page in AppTest: every tab, both languages, roles and permalinks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from known_places import EMPTY_COUNTY, ZHANGBEI
from streamlit.testing.v1 import AppTest

from loaders.accounts import User, UserStore

ROOT = Path(__file__).resolve().parents[1]
APP_SOURCE = (ROOT / "app.py").read_text(encoding="utf-8")
PAGE = ROOT / "pages" / "households.py"
FULL_ID = re.compile(r"(?<![\d*])\d{17}[\dX](?![\d*])")
TABS = ("af", "tiers", "warning", "whatif", "audit")
OFFICIAL = User("li.ming", "official", ZHANGBEI, "李明", password_hash="-")


@pytest.fixture
def households(tiny_db_path, monkeypatch):
    monkeypatch.setenv("JINGZHUN_DB", str(tiny_db_path))

    def open_page(user: User | None = None, **params: str) -> AppTest:
        if user is not None:
            UserStore().save(user)
        at = AppTest.from_string(APP_SOURCE, default_timeout=120)
        for key, value in params.items():
            at.query_params[key] = value
        if user is not None:
            at.session_state["jingzhun_user"] = user
        at.run()
        at.switch_page(str(PAGE)).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def open_tab(at: AppTest, name: str) -> AppTest:
    """The page again with tab ``name`` open, as a click on it would leave it."""
    at.session_state["state_hh_tab"] = name
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def every_tab(at: AppTest) -> dict[str, list]:
    """Each tab opened in turn (only the open one runs): what each showed."""
    seen = {"metric": [], "chart": [], "table": [], "info": []}
    for name in TABS:
        open_tab(at, name)
        assert not at.warning, [w.value for w in at.warning]
        seen["metric"] += list(at.metric)
        seen["chart"] += list(at.get("plotly_chart"))
        seen["table"] += [frame.value for frame in at.dataframe]
        seen["info"] += [info.value for info in at.info]
    return seen


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("region", ["100000", "130000", ZHANGBEI])
def test_every_tab_renders(households, lang, region):
    at = households(lang=lang, region=region)
    assert not at.warning, [w.value for w in at.warning]
    assert len(at.tabs) == 5
    title = "Identification and monitoring" if lang == "en" else "精准识别与监测"
    assert at.title[0].value.startswith(title)
    seen = every_tab(at)
    assert len(seen["metric"]) == 7  # five Alkire-Foster figures, two what-if counts
    assert len(seen["chart"]) == 3


def test_only_the_open_tab_runs_and_the_url_names_it(households):
    at = households(region=ZHANGBEI)
    assert at.query_params["tab"] == "af" and len(at.metric) == 5
    at = households(region=ZHANGBEI, tab="whatif", line="9000")
    assert at.slider(key="hh_line").value == 9000 and len(at.metric) == 2


def test_the_county_breaks_down_by_village(households, db):
    at = households(region=ZHANGBEI)
    by_region = at.dataframe[0].value
    villages = db.query(
        "SELECT name_zh FROM regions WHERE level = 'village' AND county_code = ?",
        [ZHANGBEI],
    )["name_zh"]
    assert set(by_region.iloc[:-1, 0]) <= set(villages)
    assert by_region.iloc[-1, 0] == "合计"


def test_the_empty_county_shows_zeros_not_errors(households):
    at = households(region=EMPTY_COUNTY)
    assert not at.warning
    assert metrics(at)["户数"] == "0 户"


def test_the_what_if_line_moves_and_lives_in_the_url(households):
    at = households(region=ZHANGBEI, tab="whatif")
    before = metrics(at)["将新纳入监测"]
    at.slider(key="hh_line").set_value(9000).run()
    after = metrics(at)["将新纳入监测"]
    assert at.query_params["line"] == ["9000"] or at.query_params["line"] == "9000"
    assert int(after.split()[0].replace(",", "")) > int(
        before.split()[0].replace(",", "")
    )
    # The permalink restores the line.
    again = households(region=ZHANGBEI, tab="whatif", line="9000")
    assert metrics(again)["将新纳入监测"] == after
    # A line that is not on the slider's steps gives way to the setting.
    odd = households(region=ZHANGBEI, tab="whatif", line="12345")
    assert metrics(odd)["将新纳入监测"] == before


def test_the_public_sees_no_household_list(households):
    seen = every_tab(households(region=ZHANGBEI))
    assert any("工作人员" in info for info in seen["info"])
    text = "\n".join(frame.to_csv() for frame in seen["table"])
    assert not FULL_ID.search(text)
    assert "户主" not in text


def test_staff_lists_are_masked(households):
    tables = every_tab(households(OFFICIAL, region=ZHANGBEI))["table"]
    headers = [list(frame.columns) for frame in tables]
    lists = [frame for frame in tables if "身份证号" in frame.columns]
    assert len(lists) == 2, headers  # the visit list and the audit list
    for frame in lists:
        assert len(frame) > 0
        assert not FULL_ID.search(frame.to_csv())
        assert frame["户主"].str.fullmatch(r".\*+").all()
