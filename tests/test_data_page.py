"""The Data page driven headless with AppTest: the upload flow in both languages, the
quality report, and who sees what. Imports write into a private copy of the tiny
dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from import_cases import ZHENGDING_VILLAGE, csv_text, household
from known_places import ZHANGBEI
from streamlit.testing.v1 import AppTest

from charts.i18n import t
from loaders.accounts import User, UserStore

ROOT = Path(__file__).resolve().parents[1]
APP_SOURCE = (ROOT / "app.py").read_text(encoding="utf-8")
DATA_PAGE = str(ROOT / "pages" / "data.py")
ADMIN_USER = User("root", "admin", "100000")
ZHANGBEI_OFFICIAL = User("li.ming", "official", ZHANGBEI)


@pytest.fixture
def dataset(tiny_db_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "tiny.duckdb"
    shutil.copy(tiny_db_path, path)
    return path


def forget_the_open_dataset() -> None:
    """The app opens the dataset once per process: make it open this test's copy
    (and, after the test, the shared one again)."""
    import streamlit as st

    from pages import common

    common._database.clear()
    st.cache_data.clear()


@pytest.fixture
def data_page(dataset: Path, monkeypatch: pytest.MonkeyPatch):
    forget_the_open_dataset()

    def open_page(user: User | None = None, lang: str = "zh") -> AppTest:
        monkeypatch.setenv("JINGZHUN_DB", str(dataset))
        at = AppTest.from_string(APP_SOURCE, default_timeout=90)
        at.query_params["lang"] = lang
        if user is not None:
            UserStore().save(user)
            at.session_state["jingzhun_user"] = user
        at.run()
        at.switch_page(DATA_PAGE).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    yield open_page
    forget_the_open_dataset()


def table(at: AppTest, first_column: str):
    """The shown table whose first column has this header."""
    for frame in at.dataframe:
        if frame.value.columns[0] == first_column:
            return frame.value
    raise AssertionError(f"no table starting with {first_column!r}")


def table_with(at: AppTest, column: str):
    """The shown table that has a column with this header."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with column {column!r}")


def upload(at: AppTest, text: str, name: str = "households.csv") -> AppTest:
    at.file_uploader(key="data_file").set_value((name, text.encode(), "text/csv"))
    at.run()
    at.button(key="data_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def households_in(dataset: Path) -> int:
    with duckdb.connect(str(dataset), read_only=True) as con:
        return con.execute("SELECT count(*) FROM households").fetchone()[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bad_file_lists_every_problem_and_changes_nothing(data_page, dataset, lang):
    at = data_page(ADMIN_USER, lang)
    assert [tab.label for tab in at.tabs] == [
        t("data.tab_dataset", lang),
        t("data.tab_quality", lang),
        t("data.tab_import", lang),
    ]
    before = households_in(dataset)
    upload(at, csv_text([household(1, size="four"), household(1)]))
    assert at.error[0].value == t("import.rejected", lang, total=2)
    report = table(at, t("import.col.row", lang))
    assert report.columns.tolist() == [
        t("import.col.row", lang),
        t("import.col.column", lang),
        t("import.col.problem", lang),
    ]
    assert report.iloc[0].tolist() == [
        2,
        "size",
        "“four”不是整数。" if lang == "zh" else "'four' is not a whole number.",
    ]
    assert report.iloc[1, 0] == 3  # the duplicate ID
    assert households_in(dataset) == before


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_good_file_goes_in_and_the_page_shows_the_new_version(
    data_page, dataset, lang
):
    at = data_page(ADMIN_USER, lang)
    before = households_in(dataset)
    upload(at, csv_text([household(n) for n in range(1, 4)]))
    assert at.success[0].value == t(
        "import.ok", lang, rows=3, table="households", version="1.0.0+import.1"
    )
    assert households_in(dataset) == before + 3
    freshness = table_with(at, t("quality.col.last_import", lang))
    assert freshness.iloc[0, 0] == "households"
    assert freshness.iloc[0, 2] == 1 and freshness.iloc[1, 1] == t(
        "quality.never", lang
    )
    versions = [m.value for m in at.markdown if "1\\.0\\.0\\+import\\.1" in m.value]
    assert versions, "the quality tab shows the new dataset version"


def test_an_official_may_import_only_inside_their_county(data_page, dataset):
    at = data_page(ZHANGBEI_OFFICIAL, "en")
    assert any("own region (Zhangbei County)" in c.value for c in at.caption)
    upload(at, csv_text([household(1, village_code=ZHENGDING_VILLAGE)]))
    report = table(at, t("import.col.row", "en"))
    assert "lies outside your region (130722)" in report.iloc[0, 2]
    upload(at, csv_text([household(2)]))
    assert at.success


@pytest.mark.parametrize("user", [None, User("audit", "auditor", "100000")])
def test_public_and_auditors_see_no_upload(data_page, user):
    at = data_page(user, "en")
    assert t("data.tab_import", "en") not in [tab.label for tab in at.tabs]
    assert not at.get("file_uploader")
    if user is None:
        assert at.info[-1].value == t("quality.staff_only", "en")
    else:
        checks = table_with(at, t("quality.col.failing", "en"))
        assert checks.shape[0] > 10


def test_the_quality_report_of_an_official_counts_their_county(data_page):
    at = data_page(ZHANGBEI_OFFICIAL, "zh")
    missing = t("quality.col.missing", "zh")
    completeness = table_with(at, missing)
    national = table_with(data_page(ADMIN_USER, "zh"), missing)
    rows = t("col.rows", "zh")
    assert 0 < completeness[rows].iloc[0] < national[rows].iloc[0]
