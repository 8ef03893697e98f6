"""The Reports page driven headless with Streamlit's AppTest: the basket filled from
other pages, kept across pages and restored from its link, reports in three formats,
the CPPCC evidence pack, and what a link shows to a viewer of another county."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import pytest
from docx import Document
from known_places import CONGJIANG, ZHANGBEI
from plotly.graph_objects import Figure
from pptx import Presentation
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from loaders.accounts import User, UserStore, hash_password
from pages.recipes_data import RECIPES, find_recipe
from pages.reports_data import BasketItem, decode

ROOT = Path(__file__).resolve().parents[1]
APP_SOURCE = (ROOT / "app.py").read_text(encoding="utf-8")
PAGES = ROOT / "pages"
REPORTS_PAGE = str(ROOT / "pages" / "reports.py")
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def password_hash() -> str:
    return hash_password("zhangbei-2026")


@pytest.fixture
def officials(password_hash) -> dict[str, User]:
    users = {
        "a": User("official.zb", "official", ZHANGBEI, "李明", password_hash),
        "b": User("official.cj", "official", CONGJIANG, "王芳", password_hash),
    }
    for user in users.values():
        UserStore().save(user)
    return users


@pytest.fixture
def app(tiny_db_path, monkeypatch):
    """A fresh session on ``page`` with URL parameters, signed in as ``user``."""
    if not CHROMIUM.exists():
        pytest.skip("reports draw their figures in Debian's chromium")
    monkeypatch.setenv("JINGZHUN_DB", str(tiny_db_path))

    def open_page(page: str, user: User | None = None, **params: str) -> AppTest:
        at = AppTest.from_string(APP_SOURCE, default_timeout=120)
        for key, value in params.items():
            at.query_params[key] = value
        if user is not None:
            at.session_state["jingzhun_user"] = user
        at.run()
        return go(at, page)

    return open_page


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(str(PAGES / f"{page}.py")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def add(at: AppTest, kind: str, name: str) -> AppTest:
    at.button(key=f"report_add_{kind}_{name}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def basket_lines(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value[:1].isdigit()]


def make(at: AppTest, fmt: str) -> bytes:
    at.radio(key="rp_format").set_value(fmt).run()
    at.button(key="rp_prepare").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at.session_state["rp_file"][1]


def docx_text(data: bytes) -> tuple[str, Document]:
    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    return text, document


@pytest.mark.parametrize(
    ("lang", "title", "empty"),
    [("zh", "报告", "报告篮是空的"), ("en", "Reports", "The basket is empty")],
)
def test_an_empty_basket_in_both_languages(app, lang, title, empty):
    at = app("reports", lang=lang)
    assert at.title[0].value == title
    assert empty in at.info[-1].value
    assert not at.warning
    assert at.selectbox(key="rp_topic").value == "health"
    assert at.query_params["basket"] == ""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_basket_survives_page_changes_and_exports_three_formats(app, lang):
    at = app("funds", lang=lang, region=ZHANGBEI)
    add(at, "chart", "funds-breakdown")
    add(at, "table", "funds-public-allocations")
    go(at, "overview")
    add(at, "chart", "overview-poor-population")
    assert at.button(key="report_add_chart_overview-poor-population").disabled
    go(at, "reports")
    lines = basket_lines(at)
    assert len(lines) == 3
    assert lines[0].startswith("1\\.")
    assert "资金" in lines[0] or "funds" in lines[0].lower()

    data = make(at, "docx")
    text, document = docx_text(data)
    assert at.text_input(key="rp_title").value in text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == (
        ["一、资金使用", "二、总览"] if lang == "zh" else ["1. Funds", "2. Overview"]
    )
    assert len(document.inline_shapes) == 2 and len(document.tables) == 1
    footer = document.sections[0].footer.paragraphs[0].text
    assert ("合成演示数据" if lang == "zh" else "synthetic demo data") in footer
    assert ("张北县" if lang == "zh" else "Zhangbei") in footer
    assert ("语言：中文" if lang == "zh" else "Language: English") in footer
    unit = "万元" if lang == "zh" else "¥"
    assert unit in text  # the chart captions state their units

    deck = Presentation(io.BytesIO(make(at, "pptx")))
    assert len(deck.slides) >= 4
    pdf = PdfReader(io.BytesIO(make(at, "pdf")))
    pdf_text = "".join(p.extract_text() for p in pdf.pages).replace("\x00", "")
    assert at.text_input(key="rp_title").value in pdf_text
    assert at.download_button(key="rp_download") is not None


def test_reordering_and_removing(app):
    at = app("overview", region=ZHANGBEI)
    add(at, "chart", "overview-poor-population")
    add(at, "chart", "overview-funds")
    go(at, "reports")
    first = basket_lines(at)
    at.button(key="rp_move_0_1").click().run()
    assert basket_lines(at)[0].split(" ", 1)[1] == first[1].split(" ", 1)[1]
    assert at.query_params["basket"].startswith("overview:chart:overview-funds:130722")
    at.button(key="rp_remove_0").click().run()
    assert len(basket_lines(at)) == 1
    at.button(key="rp_clear").click().run()
    assert not basket_lines(at)
    assert at.session_state["jingzhun_report_built"] == {}


def test_a_permalink_restores_the_basket_and_draws_the_same_figures(app):
    at = app("funds", region=ZHANGBEI, by="region")
    add(at, "chart", "funds-breakdown")
    go(at, "overview")
    add(at, "chart", "overview-map-exit_year")
    add(at, "table", "overview-worst-care_gap_pct")
    go(at, "reports")
    link = at.query_params["basket"]
    assert "by=region" in link and "130722" in link
    made_here = make(at, "docx")

    other = app("reports", region=ZHANGBEI, basket=link)
    assert len(basket_lines(other)) == 3
    made_there = make(other, "docx")
    assert not other.warning
    here, there = Document(io.BytesIO(made_here)), Document(io.BytesIO(made_there))
    images = [
        [p.blob for p in document.part.package.image_parts]
        for document in (here, there)
    ]
    assert images[0] == images[1] and len(images[0]) == 2
    assert [c.text for c in here.tables[0]._cells] == [
        c.text for c in there.tables[0]._cells
    ]


def test_a_link_from_county_a_shows_nothing_of_a_to_county_b(app, officials, db):
    at = app("funds", officials["a"])
    add(at, "chart", "funds-breakdown")
    add(at, "table", "funds-public-allocations")
    go(at, "reports")
    link = at.query_params["basket"]
    assert ZHANGBEI in link

    other = app("reports", officials["b"], basket=link, region=ZHANGBEI)
    data = make(other, "docx")
    text, document = docx_text(data)
    assert len(document.inline_shapes) == 0 and not document.tables
    warnings = " ".join(w.value for w in other.warning)
    assert "不在您的权限范围内" in warnings
    # Nothing of county A's figures: no allocation of Zhangbei appears anywhere.
    allocations = db.query(
        "SELECT allocation_id FROM fund_allocations WHERE county_code = ?", [ZHANGBEI]
    )["allocation_id"].tolist()
    assert not [a for a in allocations if a in text]
    assert "从江县" in document.sections[0].footer.paragraphs[0].text


def test_a_link_made_by_hand_is_refused_item_by_item(app, tiny_db_path):
    items = "overview:chart:overview-funds:130722:2025:zh;<script>:x;funds:chart:nope"
    at = app("reports", basket=items)
    assert len(basket_lines(at)) == 1
    assert sum("无法识别" in w.value for w in at.warning) == 2
    # Opened on the Reports page itself, the first run already says so.
    direct = AppTest.from_string(APP_SOURCE, default_timeout=120)
    direct.query_params["basket"] = items
    direct.switch_page(REPORTS_PAGE).run()
    assert direct.title[0].value == "报告"
    assert sum("无法识别" in w.value for w in direct.warning) == 2


def test_an_item_without_a_recipe_says_to_add_it_again(app):
    at = app("reports", basket="projects:chart:projects-nothing:130722:2025:zh")
    make(at, "docx")
    assert any("无法从链接重建" in w.value for w in at.warning)


@pytest.mark.parametrize(
    ("lang", "topic", "region", "words"),
    [
        (
            "zh",
            "health",
            "130000",
            ["一、案由", "二、现状与问题", "三、建议", "缺医少药村占比"],
        ),
        ("en", "infrastructure", "130000", ["1. Reason", "3. Suggestions", "paved"]),
        ("zh", "funds", ZHANGBEI, ["资金支付率", "万元", "没有可比较的同级地区"]),
        ("en", "monitoring", "100000", ["per 10,000", "Definitions"]),
        ("zh", "projects", "130000", ["按计划推进"]),
    ],
)
def test_the_evidence_pack(app, lang, topic, region, words):
    at = app("reports", lang=lang, region=region, topic=topic)
    assert at.selectbox(key="rp_topic").value == topic
    at.button(key="rp_pack").click().run()
    assert not at.exception and not at.warning
    text, document = docx_text(at.session_state["rp_pack_file"][1])
    for word in words:
        assert word in text, word
    synthetic = "合成演示数据" if lang == "zh" else "synthetic demo data"
    assert synthetic in text
    assert synthetic in document.sections[0].footer.paragraphs[0].text
    if region == "130000":
        assert len(document.tables) == 2  # ranked gaps, peers
        assert len(document.inline_shapes) == 1  # the peer chart


class TestBasketItem:
    def test_round_trip(self):
        item = BasketItem(
            "funds",
            "chart",
            "funds-breakdown",
            ZHANGBEI,
            2024,
            "en",
            (("by", "region"),),
        )
        assert BasketItem.parse(item.token()) == item

    @pytest.mark.parametrize(
        "token",
        [
            "funds:chart:x:130722:2025:fr",
            "funds:picture:x:130722:2025:zh",
            "funds:chart:x:130722:year:zh",
            "funds:chart:x:130722:2025:zh:by=<b>",
            "funds:chart:x' OR 1=1:130722:2025:zh",
            quote("funds:chart:x:130722:2025:zh"),
        ],
    )
    def test_what_is_not_an_item(self, token):
        with pytest.raises(ValueError):
            BasketItem.parse(token)

    def test_decode_keeps_order_drops_duplicates_and_caps(self):
        token = "overview:chart:overview-funds:130722:{}:zh"
        raw = ";".join(token.format(2014 + n % 40) for n in range(45))
        items, problems = decode(raw)
        assert len(items) == 30 and [i.year for i in items[:2]] == [2014, 2015]
        assert len(problems) == 1


def test_every_recipe_names_an_item_a_page_draws():
    sources = "".join(path.read_text() for path in PAGES.glob("*.py"))
    for name in RECIPES:
        stem = name.rstrip("-")
        assert f'"{stem}' in sources or f'f"{stem}' in sources, name
    assert find_recipe("overview-map-exit_year")[1] == "exit_year"
    assert find_recipe("projects-nothing") == (None, "")


def test_a_figure_the_exporter_cannot_draw_is_named_not_fatal(app, monkeypatch):
    from pages import reports_data

    def broken(figure):
        raise RuntimeError("Chromium is missing")

    monkeypatch.setattr(reports_data, "figure_image", broken)
    at = app("overview", region=ZHANGBEI)
    add(at, "chart", "overview-funds")
    add(at, "table", "overview-worst-care_gap_pct")
    go(at, "reports")
    text, document = docx_text(make(at, "docx"))
    assert any("Chromium is missing" in w.value for w in at.warning)
    assert "Chromium is missing" in text and len(document.tables) == 1


def test_chinese_section_numbers():
    from pages.reports_data import CHINESE_NUMERALS

    assert CHINESE_NUMERALS[:3] == ("一", "二", "三")
    assert CHINESE_NUMERALS[9:12] == ("十", "十一", "十二")
    assert (
        CHINESE_NUMERALS[19:21] == ("二十", "二十一") and CHINESE_NUMERALS[-1] == "三十"
    )


def test_projects_charts_go_into_a_report_with_their_map(app):
    at = app("projects", region=ZHANGBEI)
    add(at, "chart", "projects-status")
    add(at, "chart", "projects-map")
    go(at, "reports")
    text, document = docx_text(make(at, "docx"))
    assert len(document.inline_shapes) == 2
    assert "产业扶贫" in text
    # A link draws them again from their recipes.
    link = at.query_params["basket"]
    other = app("reports", basket=link)
    _, there = docx_text(make(other, "docx"))
    assert not other.warning
    assert len(there.inline_shapes) == 2


# Each page's items, added in one session: the (charts, tables) a report of them
# holds. Options are picked through the URL, so recipes are tried off their defaults.


def add_all(at: AppTest) -> tuple[int, int]:
    """Add every item the page shows; how many charts and tables that is."""
    keys = [b.key for b in at.button if (b.key or "").startswith("report_add_")]
    for key in keys:
        at.button(key=key).click().run()
        assert not at.exception, [e.value for e in at.exception]
    kinds = [key.split("_")[2] for key in keys]
    return kinds.count("chart"), kinds.count("table")


def funds_items(app, db) -> AppTest:
    at = app(
        "funds", region="130000", year="2020", by="fund_type",
        measure="disbursed_yuan",
    )  # fmt: skip
    assert add_all(at) == (6, 4)  # the anomaly list is empty in the tiny dataset
    return at


def villages_items(app, db) -> AppTest:
    village = db.query(
        "SELECT min(code) AS code FROM villages WHERE county_code = ?", [ZHANGBEI]
    )["code"].iloc[0]
    at = app(
        "villages", region=ZHANGBEI, village=village, layer="gap_water",
        villages="poverty",
    )  # fmt: skip
    assert add_all(at) == (1, 0)  # the village's funds
    at.button(key="crumb_130700").click().run()  # up to the city: the county map
    assert add_all(at) == (1, 0)
    return at


def infrastructure_items(app, db) -> AppTest:
    at = app(
        "infrastructure", region="130000", gap="water", row="130700",
        villages="poverty",
    )  # fmt: skip
    assert add_all(at) == (2, 2)
    return at


def add_every_tab(at: AppTest, key: str) -> tuple[int, int]:
    """Open each tab of the page in turn (only the open one runs) and add every
    item it shows; how many charts and tables that is."""
    charts = tables = 0
    for name in at.session_state["jingzhun_tabs"][key]:
        at.session_state[f"state_{key}"] = name
        at.run()
        added = add_all(at)
        charts, tables = charts + added[0], tables + added[1]
    return charts, tables


def health_items(app, db) -> AppTest:
    at = app(
        "health", region=ZHANGBEI, measure="health_illness_share_pct",
        level="township", kind="township_hospital", sites="5",
    )  # fmt: skip
    assert add_every_tab(at, "hl_tab") == (7, 6)
    return at


def projects_items(app, db) -> AppTest:
    at = app(
        "projects", region=ZHANGBEI, category="planting", by="status",
        measure="projects_over_budget_pct", stage="started", cell="3-3",
    )  # fmt: skip
    assert add_every_tab(at, "pr_tab") == (9, 7)
    return at


def households_items(app, db) -> AppTest:
    """As an official of the county: the audit list is for staff."""
    at = app("households", region=ZHANGBEI, line="5000")
    assert add_every_tab(at, "hh_tab") == (3, 4)
    return at


def data_items(app, db) -> AppTest:
    """As an official: the quality report is for staff. (An import's problem
    report answers one upload and has no recipe.)"""
    at = app("data")
    assert add_all(at) == (0, 3)
    return at


PAGE_ITEMS = {
    "funds": funds_items,
    "villages": villages_items,
    "infrastructure": infrastructure_items,
    "health": health_items,
    "projects": projects_items,
    "households": households_items,
    "data": data_items,
}
USERS = {"households": "a", "data": "a"}  # pages whose items are opened as an official


def as_user(app, officials, page: str):
    """``app`` signed in as the page's user (see USERS), if it has one."""
    user = officials[USERS[page]] if page in USERS else None
    return lambda name, **params: app(name, user, **params)


@pytest.mark.parametrize("page", PAGE_ITEMS)
def test_every_item_of_a_page_is_rebuilt_from_a_link(app, officials, db, page):
    app = as_user(app, officials, page)
    at = PAGE_ITEMS[page](app, db)
    items = at.session_state["jingzhun_report_basket"]
    figures = sum(item.kind == "chart" for item in items)
    tables = len(items) - figures
    go(at, "reports")
    link = at.query_params["basket"]
    assert len(basket_lines(at)) == len(items)

    other = app("reports", basket=link)
    _, document = docx_text(make(other, "docx"))
    assert not [w.value for w in other.warning]
    assert len(document.inline_shapes) == figures
    assert len(document.tables) == tables


@pytest.mark.parametrize("page", PAGE_ITEMS)
def test_a_recipe_draws_what_its_page_drew(app, officials, db, page):
    """Every item a page added, drawn again by its recipe, equals the page's own:
    the same figure (its whole JSON), the same table and title."""
    from pages import common
    from pages.recipes_data import View

    at = PAGE_ITEMS[page](as_user(app, officials, page), db)
    ctx = at.session_state["jingzhun_context"]
    built = at.session_state["jingzhun_report_built"]
    for item in at.session_state["jingzhun_report_basket"]:
        recipe, rest = find_recipe(item.item)
        assert recipe is not None, item.item
        region = common.resolve_region(ctx.scope, item.region)
        options, settings = dict(item.options), ctx.settings
        view = View(
            ctx.scope,
            region,
            item.year,
            item.lang,
            settings,
            ctx.info,
            options,
            item.kind,
        )
        made = recipe(view, rest)
        title, made = made if isinstance(made, tuple) else ("", made)
        page_built = built[item.token()]
        drawn = page_built.build()
        if isinstance(drawn, Figure):
            assert made.to_json() == drawn.to_json(), item.item
        else:
            pd.testing.assert_frame_equal(made, drawn)
            assert title == page_built.title, item.item


def test_a_hand_made_link_draws_only_what_its_pages_offer(app, db):
    """Names a page never draws are refused item by item; options it does not offer
    give way to its defaults."""
    other_village = db.query(
        "SELECT min(code) AS code FROM villages WHERE county_code = ?", [CONGJIANG]
    )["code"].iloc[0]
    items = [
        f"villages:chart:villages-funds-{other_village}:{ZHANGBEI}:2025:zh",
        "villages:chart:villages-map-nope:130000:2025:zh",
        "infrastructure:table:infrastructure-villages-nope-all:130000:2025:zh",
        "infrastructure:chart:infrastructure-gaps-999999:130000:2025:zh",
        f"health:chart:health-map-health_near_clinic_pct-99-sites:{ZHANGBEI}:2025:zh",
        f"health:table:health-gaps-nation:{ZHANGBEI}:2025:zh",
        "infrastructure:chart:infrastructure-regions-water:130000:2025:zh:"
        "row=999999,villages=nope",
        f"health:chart:health-coverage:{ZHANGBEI}:2025:zh:sites=0",
        "funds:table:funds-anomalies:130000:2020:zh:purpose=nope",
    ]
    at = app("reports", basket=";".join(items))
    _, document = docx_text(make(at, "docx"))
    refused = [w.value for w in at.warning if "无法从链接重建" in w.value]
    assert len(refused) == 6 and len(at.warning) == 6
    assert len(document.inline_shapes) == 2 and len(document.tables) == 1


def test_a_households_link_keeps_its_audit_list_masked_and_to_staff(app, officials):
    at = app("households", officials["a"], region=ZHANGBEI, tab="audit")
    add(at, "table", "households-audit")
    go(at, "reports")
    link = at.query_params["basket"]

    staff = app("reports", officials["a"], basket=link)
    _, document = docx_text(make(staff, "docx"))
    cells = [cell.text for cell in document.tables[0]._cells]
    assert len(cells) > 8 and not staff.warning
    assert not [c for c in cells if re.fullmatch(r"\d{17}[\dX]", c)]  # ID numbers

    public = app("reports", basket=link)
    _, document = docx_text(make(public, "docx"))
    assert not document.tables
    assert any("不在您的权限范围内" in w.value for w in public.warning)
