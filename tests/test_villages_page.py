"""The Villages and Infrastructure pages driven headless with Streamlit's AppTest:
the drill-down from the nation to a village profile in both languages, the
permalink, the breadcrumb back up, empty regions and a village without households."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from known_places import CONGJIANG, EMPTY_COUNTY, ZHANGBEI
from streamlit.testing.v1 import AppTest

from charts.villages import MAX_BYTES
from loaders.accounts import User, UserStore

ROOT = Path(__file__).resolve().parents[1]
APP_SOURCE = (ROOT / "app.py").read_text(encoding="utf-8")
VILLAGES = str(ROOT / "pages" / "villages.py")
INFRASTRUCTURE = str(ROOT / "pages" / "infrastructure.py")
TITLES = {
    "zh": ["贫困村：全国", "贫困村：河北省", "贫困村：张家口市", "贫困村：张北县"],
    "en": [
        "Villages: China",
        "Villages: Hebei",
        "Villages: Zhangjiakou City",
        "Villages: Zhangbei County",
    ],
}


@pytest.fixture
def open_page(tiny_db_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Open a page in a fresh session with URL parameters (and a dataset)."""

    def open_it(
        page: str, user: User | None = None, db: Path = tiny_db_path, **params: str
    ) -> AppTest:
        monkeypatch.setenv("JINGZHUN_DB", str(db))
        at = AppTest.from_string(APP_SOURCE, default_timeout=90)
        for key, value in params.items():
            at.query_params[key] = value
        if user is not None:
            UserStore().save(user)
            at.session_state["jingzhun_user"] = user
        at.run()
        return at.switch_page(page).run()

    return open_it


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning, [w.value for w in at.warning]


def first_village(db, county: str) -> dict:
    return (
        db.query(
            "SELECT code, name_zh, name_en FROM regions WHERE level = 'village' "
            "AND county_code = ? ORDER BY code LIMIT 1",
            [county],
        )
        .iloc[0]
        .to_dict()
    )


def table_downloads(at: AppTest) -> list[str]:
    """Keys of the table downloads (CSV and Excel), not the charts' export menus."""
    keys = [b.key for b in at.get("download_button")]
    return [k for k in keys if k.startswith(("csv_", "xlsx_"))]


def decks(at: AppTest) -> list[dict]:
    return [json.loads(d.proto.json) for d in at.get("deck_gl_json_chart")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_drill_down_from_the_nation_to_a_village(open_page, db, lang):
    at = open_page(VILLAGES, lang=lang)
    assert_clean(at)
    assert at.title[0].value == TITLES[lang][0]
    assert len(at.get("plotly_chart")) == 1 and not decks(at)

    for key, code, title in zip(
        ("g_province", "g_city", "g_county"),
        ("130000", "130700", ZHANGBEI),
        TITLES[lang][1:],
        strict=True,
    ):
        at.selectbox(key=key).set_value(code).run()
        assert_clean(at)
        assert at.title[0].value == title
        assert at.query_params["region"] == code

    # Inside the county: the villages as points over the county polygons, no
    # choropleth, and a legend that counts every village.
    (deck,) = decks(at)
    assert not at.get("plotly_chart")
    assert [layer["id"] for layer in deck["layers"]] == ["counties", "villages"]
    assert len(deck["layers"][1]["data"]) == 92
    assert at.dataframe[0].value.iloc[:, 2].sum() == 92
    assert len(at.get("deck_gl_json_chart")[0].proto.json) < MAX_BYTES

    village = first_village(db, ZHANGBEI)
    at.selectbox(key="vi_village").set_value(village["code"]).run()
    assert_clean(at)
    name = village["name_en" if lang == "en" else "name_zh"]
    profile = "Village profile: " if lang == "en" else "村档案："
    assert at.subheader[0].value == profile + name
    assert at.query_params["village"] == village["code"]
    assert len(at.metric) == 6
    assert decks(at)[0]["layers"][-1]["id"] == "selected"
    # The funds chart has its export menu; households never list a person.
    assert len(at.get("plotly_chart")) == 1

    at.button(key="vi_close").click().run()
    assert not at.subheader and at.query_params["village"] == ""
    at.button(key="crumb_130000").click().run()
    assert_clean(at)
    assert at.title[0].value == TITLES[lang][1]
    assert "village" not in at.query_params


def test_the_permalink_restores_region_layer_and_village(open_page, db):
    village = first_village(db, ZHANGBEI)
    at = open_page(
        VILLAGES, lang="en", region=ZHANGBEI, layer="gap_water",
        village=village["code"], villages="poverty",
    )  # fmt: skip
    assert_clean(at)
    assert at.selectbox(key="vi_layer").value == "gap_water"
    assert at.radio(key="vi_which").value == "poverty"
    assert at.subheader[0].value == f"Village profile: {village['name_en']}"
    assert "Legend: Lacks safe piped water" in [m.value.strip("*") for m in at.markdown]
    # Poverty villages only: Zhangbei has 37.
    assert len(decks(at)[0]["layers"][1]["data"]) == 37


@pytest.mark.parametrize("wrong", ["<script>", "gap_moat"])
def test_unknown_picks_in_the_url_fall_back(open_page, db, wrong):
    other = first_village(db, CONGJIANG)["code"]
    at = open_page(VILLAGES, region=ZHANGBEI, layer=wrong, village=other)
    assert_clean(at)
    assert at.selectbox(key="vi_layer").value == "status"
    assert at.selectbox(key="vi_village").value == ""
    assert not at.subheader


@pytest.mark.parametrize(("lang", "message"), [("zh", "没有村"), ("en", "no villages")])
def test_a_region_without_villages(open_page, lang, message):
    for page in (VILLAGES, INFRASTRUCTURE):
        at = open_page(page, lang=lang, region=EMPTY_COUNTY)
        assert_clean(at)
        assert any(message in info.value for info in at.info), page
        assert not table_downloads(at)


@pytest.fixture(scope="module")
def householdless(tiny_db_path, tmp_path_factory) -> tuple[Path, str]:
    """The tiny dataset with one Zhangbei village's households removed."""
    path = tmp_path_factory.mktemp("villages") / "householdless.duckdb"
    shutil.copy(tiny_db_path, path)
    with duckdb.connect(str(path)) as con:
        code = con.execute(
            "SELECT min(code) FROM villages WHERE county_code = ?", [ZHANGBEI]
        ).fetchall()[0][0]
        con.execute("DELETE FROM households WHERE village_code = ?", [code])
    return path, code


@pytest.mark.parametrize(
    ("lang", "message"), [("zh", "没有建档立卡户"), ("en", "no registered")]
)
def test_a_village_without_households(open_page, householdless, lang, message):
    import streamlit as st

    path, code = householdless
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = open_page(VILLAGES, db=path, lang=lang, region=ZHANGBEI, village=code)
        assert_clean(at)
        assert any(message in info.value for info in at.info)
        assert at.subheader  # the rest of the profile is there
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


def test_a_county_official_sees_their_villages_only(open_page, db):
    official = User("li.ming", "official", ZHANGBEI, password_hash="-")
    at = open_page(VILLAGES, user=official, lang="en")
    assert_clean(at)
    assert at.title[0].value == "Villages: Zhangbei County"
    other = first_village(db, CONGJIANG)["code"]
    assert other not in at.selectbox(key="vi_village").options
    at = open_page(INFRASTRUCTURE, user=official, lang="en")
    regions = set(at.dataframe[-1].value["County"])
    assert regions == {"Zhangbei County"}


@pytest.mark.parametrize(
    ("lang", "title", "total"),
    [("zh", "基础设施：全国", "合计"), ("en", "Infrastructure: China", "Total")],
)
def test_the_gap_matrix_in_both_languages(open_page, lang, title, total):
    at = open_page(INFRASTRUCTURE, lang=lang)
    assert_clean(at)
    assert at.title[0].value == title
    assert len(at.dataframe[0].value) == 2  # two provinces have villages
    benchmarks = at.dataframe[1].value
    assert len(benchmarks) == 3 and benchmarks.iloc[0, 0] == total
    assert len(at.get("plotly_chart")) == 2
    # The matrix and the list each download as CSV and Excel.
    assert len(table_downloads(at)) == 4


def test_picking_a_gap_and_a_region_filters_the_rest(open_page):
    at = open_page(INFRASTRUCTURE, lang="en", region="130000")
    assert_clean(at)
    at.selectbox(key="in_gap").set_value("water").run()
    assert_clean(at)
    assert at.query_params["gap"] == "water"
    heading = [m.value for m in at.markdown if "lacking" in m.value][0]
    assert heading.startswith("**Villages of Hebei lacking safe piped water (71")
    charts = at.get("plotly_chart")
    assert "safe piped water" in charts[1].proto.spec

    at.selectbox(key="in_row").set_value("130700").run()
    assert_clean(at)
    assert at.query_params["row"] == "130700"
    heading = [m.value for m in at.markdown if "lacking" in m.value][0]
    assert "Zhangjiakou City lacking safe piped water (37" in heading
    assert set(at.dataframe[-1].value["County"]) == {"Zhangbei County"}
    assert (
        "Zhangjiakou City: villages lacking each"
        in at.get("plotly_chart")[0].proto.spec
    )

    at.radio(key="in_measure").set_value("count").run()
    assert_clean(at)
    assert len(at.dataframe[0].value) == 2  # the two cities
    assert len(at.dataframe[1].value) == 1  # the total: no benchmarks of counts


def test_the_infrastructure_permalink(open_page):
    at = open_page(
        INFRASTRUCTURE, region=ZHANGBEI, gap="school", row="130722012",
        measure="count", villages="poverty",
    )  # fmt: skip
    assert_clean(at)
    assert at.selectbox(key="in_gap").value == "school"
    assert at.selectbox(key="in_row").value == "130722012"
    assert at.radio(key="in_which").value == "poverty"
    rule = at.caption
    assert any("90%" in c.value for c in rule)


# The national dataset's largest county has about twenty times the demo's largest
# (58 villages): give Zhangbei 1,500 more villages than it has.
EXTRA_VILLAGES = 1500


@pytest.fixture(scope="module")
def crowded(tiny_db_path, tmp_path_factory) -> Path:
    """The tiny dataset with 1,500 more villages in Zhangbei, spread over it."""
    path = tmp_path_factory.mktemp("villages") / "crowded.duckdb"
    shutil.copy(tiny_db_path, path)
    with duckdb.connect(str(path)) as con:
        con.execute(
            """
            INSERT INTO villages
            SELECT '130722' || lpad((900000 + i)::VARCHAR, 6, '0'), v.county_code,
                v.township_code, v.province_code, v.city_code, i % 4 = 0, NULL,
                v.terrain, v.remoteness_km, v.households, v.population,
                i % 3 <> 0, v.bus_service, i % 2 = 0, v.grid_power, v.broadband,
                v.safe_housing_pct, v.primary_school,
                114.3 + (i % 50) * 0.02, 41.0 + (i // 50) * 0.018
            FROM range(?) t(i), (SELECT * FROM villages WHERE county_code = ?
                                 ORDER BY code LIMIT 1) v
            """,
            [EXTRA_VILLAGES, ZHANGBEI],
        )
        con.execute(
            """
            INSERT INTO regions (code, level, name_zh, name_en, parent_code,
                province_code, city_code, county_code, lon, lat)
            SELECT v.code, 'village', '新村' || v.code[-4:],
                'New Village ' || v.code[-4:], v.township_code, v.province_code,
                v.city_code, v.county_code, v.lon, v.lat
            FROM villages v WHERE v.code[7:] >= '900000' AND v.county_code = ?
            """,
            [ZHANGBEI],
        )
    return path


@pytest.fixture
def fresh_app():
    """Forget the app's cached connection, results and settings around a test."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def test_the_largest_county_draws_every_village(open_page, crowded, fresh_app):
    at = open_page(VILLAGES, db=crowded, lang="en", region=ZHANGBEI)
    assert_clean(at)
    (deck,) = decks(at)
    assert len(deck["layers"][1]["data"]) == 92 + EXTRA_VILLAGES
    assert len(at.get("deck_gl_json_chart")[0].proto.json) < MAX_BYTES / 5
    assert any(f"{92 + EXTRA_VILLAGES:,} villages" in c.value for c in at.caption)


def test_a_county_over_the_cap_is_drawn_as_hexagons(
    open_page, crowded, fresh_app, tmp_path, monkeypatch
):
    settings = tmp_path / "jingzhun.toml"
    settings.write_text("villages_map_max_points = 1000\n")
    monkeypatch.setenv("JINGZHUN_SETTINGS", str(settings))
    at = open_page(VILLAGES, db=crowded, lang="en", region=ZHANGBEI)
    assert_clean(at)
    (deck,) = decks(at)
    assert [layer["id"] for layer in deck["layers"]] == ["counties", "hexagons"]
    cells = deck["layers"][1]["data"]
    assert 0 < len(cells) < 1000
    assert any("H3 cell" in c.value for c in at.caption)
    # The village picker still opens any village's profile.
    at.selectbox(key="vi_village").set_value("130722900001").run()
    assert_clean(at)
    assert at.subheader[0].value == "Village profile: New Village 0001"
