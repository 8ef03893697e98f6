"""Every page in both languages, driven through its main controls in Chromium.

Each step must leave the page clean: no Streamlit exception, no console error, no
failed response and no request leaving 127.0.0.1. Screenshots go to
artifacts/browser/tour-<page>-<lang>-<step>.png.
"""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

import pytest
from known_places import EMPTY_FUNDS_YEAR
from openpyxl import load_workbook
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect
from tour_accounts import BROWSER_ACCOUNTS, BROWSER_PASSWORD

from charts.i18n import code_label, t
from charts.metrics import metric
from charts.tables import dictionary_table
from charts.villages import fit_view, layer_label
from loaders import Scope, Settings, data_dictionary, open_database
from loaders.queries.regions import COUNTRY, resolve_region
from loaders.queries.villages import village_points

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 120_000
LANGS = ("zh", "en")
OTHER = {"zh": "en", "en": "zh"}
RADIO_LABEL = {"zh": "中文", "en": "English"}
# A province with villages in the tiny dataset, so its map and tables are not empty.
HEBEI = {"code": "130000", "zh": "河北省", "en": "Hebei"}
YEAR = 2018
INDICATOR = "poverty_incidence_pct"
TABLE = "villages"
REFERENCE_COLUMNS = ("series", "year", "value", "status", "source")
PURPOSE = "industry"

# A rerun redraws maps and charts, which keeps a 2-core machine's browser busy for
# seconds: give every expectation more than Playwright's default 5 s.
expect.set_options(timeout=30_000)


def open_page(page, url: str) -> None:
    page.page.goto(url, timeout=TIMEOUT_MS)
    page.page.locator("h1").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_idle()


def wait_for_map(page) -> None:
    page.page.locator(".js-plotly-plot canvas.maplibregl-canvas").first.wait_for(
        timeout=TIMEOUT_MS
    )
    # MapLibre draws the polygons a moment after the canvas appears.
    page.page.wait_for_timeout(2000)


def title(page):
    return page.page.locator("h1").first


def step(page, name: str) -> None:
    """Check the page after one step, naming the step if it is not clean."""
    try:
        page.assert_clean()
    except AssertionError as error:
        raise AssertionError(f"after {name}: {error}") from error
    # Panels report their own failures as warnings instead of raising: on the tiny
    # dataset every panel has data, so a warning here is a failure too.
    warnings = page.page.locator(
        "[data-testid='stAlertContentWarning'], [data-testid='stAlertContentError']"
    ).all_inner_texts()
    assert warnings == [], f"after {name}: {warnings}"


def combobox(page, label: str):
    """The text box of the selectbox or multiselect labelled ``label``."""
    return page.page.get_by_role("combobox", name=label, exact=True)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` and wait for the rerun."""
    box = combobox(page, label)
    with page.app_run():
        page.page.locator("[data-testid='stSelectbox']").filter(has=box).click()
        page.page.get_by_role("option", name=option, exact=True).click()
    expect(box).to_have_value(option)


def switch_language(page, lang: str) -> str:
    """Switch the sidebar radio away from ``lang``; return the new language."""
    other = OTHER[lang]
    option = page.page.locator("[data-testid='stRadioOption']").filter(
        has_text=RADIO_LABEL[other]
    )
    with page.app_run():
        option.click()
    assert f"lang={other}" in page.page.url
    return other


def exercise_overview(page, lang: str, shot) -> None:
    wait_for_map(page)
    expect(title(page)).to_have_text(
        t("overview.title", lang, region=COUNTRY.name(lang), year=2025)
    )
    shot("1-opened")

    # Drill down first: the year and the indicator then redraw a province's map,
    # which costs the browser a fraction of the national one.
    choose(page, t("filter.province", lang), HEBEI[lang])
    expect(title(page)).to_have_text(
        t("overview.title", lang, region=HEBEI[lang], year=2025)
    )
    assert f"region={HEBEI['code']}" in page.page.url
    expect(combobox(page, t("filter.city", lang))).to_be_visible()
    step(page, "picking a province")

    choose(page, t("filter.year", lang), str(YEAR))
    expect(title(page)).to_have_text(
        t("overview.title", lang, region=HEBEI[lang], year=YEAR)
    )
    assert f"year={YEAR}" in page.page.url
    step(page, "changing the year")

    choose(page, t("overview.indicator", lang), metric(INDICATOR).label(lang))
    assert f"indicator={INDICATOR}" in page.page.url
    wait_for_map(page)
    shot("2-province")
    step(page, "changing the map indicator")

    crumb = page.page.get_by_role("button", name=f"› {COUNTRY.name(lang)}", exact=True)
    with page.app_run():
        crumb.click()
    expect(title(page)).to_have_text(
        t("overview.title", lang, region=COUNTRY.name(lang), year=YEAR)
    )
    expect(crumb).to_be_disabled()
    expect(combobox(page, t("filter.city", lang))).to_have_count(0)
    # The year and the indicator survive the trip down and back up.
    assert f"year={YEAR}" in page.page.url
    assert f"indicator={INDICATOR}" in page.page.url
    step(page, "going back up with the breadcrumb")

    other = switch_language(page, lang)
    expect(title(page)).to_have_text(
        t("overview.title", other, region=COUNTRY.name(other), year=YEAR)
    )
    expect(combobox(page, t("overview.indicator", other))).to_have_value(
        metric(INDICATOR).label(other)
    )
    wait_for_map(page)
    shot(f"3-switched-to-{other}")
    step(page, "switching the language")


def dictionary_grid(page):
    """The accessible table behind the data dictionary's canvas grid."""
    # The dictionary is the only frame with six columns; its rows are counted in
    # aria-rowcount, header row included.
    return page.page.locator("[data-testid='stDataFrame'] table[aria-colcount='6']")


def download(page, button, name: str, columns: list[str]) -> None:
    """Click a download button; the file is UTF-8 with a BOM and a header row."""
    # The click also reruns the app (the button's default), so wait for that too.
    with page.page.expect_download(timeout=TIMEOUT_MS) as info, page.app_run():
        button.click()
    downloaded = info.value
    assert downloaded.suggested_filename == name

    content = Path(downloaded.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf"), content[:20]
    header = content[3:].decode("utf-8").splitlines()[0]
    assert header == ",".join(columns)


def exercise_data(page, lang: str, shot) -> None:
    expect(title(page)).to_have_text(t("data.title", lang))
    dictionary = data_dictionary()
    grid = dictionary_grid(page)
    expect(grid).to_have_attribute("aria-rowcount", str(len(dictionary) + 1))
    shot("1-opened")

    choose(page, t("filter.year", lang), str(YEAR))
    assert f"year={YEAR}" in page.page.url
    step(page, "changing the year")

    with page.app_run():
        page.page.locator("[data-testid='stMultiSelect']").filter(
            has=combobox(page, t("data.table_filter", lang))
        ).click()
        page.page.get_by_role("option", name=TABLE, exact=True).click()
    # A multiselect stays open for the next pick; close it so it hides nothing.
    page.page.keyboard.press("Escape")
    kept = int((dictionary["table"] == TABLE).sum())
    expect(grid).to_have_attribute("aria-rowcount", str(kept + 1))
    assert 0 < kept < len(dictionary)
    cells = grid.locator("td[aria-colindex='1']").all_inner_texts()
    assert cells and set(cells) == {TABLE}, cells
    step(page, "filtering the dictionary")

    buttons = page.page.locator("[data-testid='stDownloadButton']").filter(
        has_text=t("data.download_csv", lang)
    )
    expect(buttons).to_have_count(2)
    download(
        page,
        buttons.nth(0),
        f"jingzhun-data-dictionary-{lang}.csv",
        list(dictionary_table(dictionary, lang=lang).columns),
    )
    download(
        page,
        buttons.nth(1),
        f"jingzhun-reference-{lang}.csv",
        [t(f"col.{key}", lang) for key in REFERENCE_COLUMNS],
    )
    step(page, "downloading the CSV files")
    shot("2-filtered")

    other = switch_language(page, lang)
    expect(title(page)).to_have_text(t("data.title", other))
    expect(combobox(page, t("filter.year", other))).to_have_value(str(YEAR))
    shot(f"3-switched-to-{other}")
    step(page, "switching the language")


FULL_ID = re.compile(r"(?<![\d*])\d{17}[\dX](?![\d*])")
NAMES = {username: name for username, _, _, name in BROWSER_ACCOUNTS}
ZHANGJIAKOU = {"zh": "张家口市", "en": "Zhangjiakou City"}
ZHANGBEI = {"zh": "张北县", "en": "Zhangbei County"}


def sign_in(page, lang: str, username: str, role: str) -> None:
    """Sign in through the Account page's form (where every signed-in tour starts)."""
    expect(title(page)).to_have_text(t("account.title", lang))
    page.page.get_by_label(t("account.username", lang), exact=True).fill(username)
    page.page.get_by_label(t("account.password", lang), exact=True).fill(
        BROWSER_PASSWORD
    )
    with page.app_run():
        page.page.get_by_role(
            "button", name=t("account.sign_in", lang), exact=True
        ).click()
    who = t(
        "banner.user", lang, name=NAMES[username], role=code_label("role", role, lang)
    )
    expect(page.page.get_by_text(who, exact=False)).to_be_visible()
    # A successful sign-in reruns the app (st.rerun), and the run that the click
    # started may end before that second run: the banner above shows the second run
    # has begun, so wait for it to end before judging the page. Until it has, the
    # first run's elements (a failed attempt's message) are still on screen.
    page.wait_idle()
    step(page, "signing in")


def go_to(page, lang: str, key: str, heading: str) -> None:
    """Follow a link of the top navigation, in the same signed-in session."""
    with page.app_run():
        page.page.get_by_role("link", name=t(key, lang), exact=True).click()
    expect(title(page)).to_have_text(heading)


def exercise_account(page, lang: str, shot) -> None:
    shot("1-sign-in-form")
    # A wrong password is refused with a message, and nothing else changes.
    page.page.get_by_label(t("account.username", lang), exact=True).fill(
        "tour.official"
    )
    page.page.get_by_label(t("account.password", lang), exact=True).fill("wrong-one")
    with page.app_run():
        page.page.get_by_role(
            "button", name=t("account.sign_in", lang), exact=True
        ).click()
    wrong = "Wrong user name or password." if lang == "en" else "用户名或密码错误。"
    expect(page.page.get_by_text(wrong)).to_be_visible()
    page.assert_clean()

    sign_in(page, lang, "tour.official", "official")
    expect(combobox(page, t("filter.county", lang))).to_have_value(ZHANGBEI[lang])
    shot("2-signed-in")
    with page.app_run():
        page.page.get_by_role(
            "button", name=t("account.sign_out", lang), exact=True
        ).click()
    expect(page.page.get_by_text(t("banner.visitor", lang))).to_be_visible()
    step(page, "signing out")


def exercise_records(page, lang: str, shot) -> None:
    sign_in(page, lang, "tour.auditor", "auditor")
    go_to(page, lang, "page.records", t("records.title", lang, region=HEBEI[lang]))
    expect(page.page.get_by_text(t("records.choose_county", lang))).to_be_visible()
    choose(page, t("filter.city", lang), ZHANGJIAKOU[lang])
    choose(page, t("filter.county", lang), ZHANGBEI[lang])
    expect(title(page)).to_have_text(t("records.title", lang, region=ZHANGBEI[lang]))
    step(page, "choosing a county")
    shot("1-masked-list")

    with page.page.expect_download(timeout=TIMEOUT_MS) as info, page.app_run():
        page.page.locator("[data-testid='stDownloadButton']").click()
    text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    assert not FULL_ID.search(text), "the downloaded list is masked"
    assert t("source.synthetic", lang) in text, "and says the data is synthetic"
    lines = text.splitlines()
    assert len(lines) - 1 > 500, "every household of the county, not the page"
    household = lines[1].split(",")[0]
    step(page, "downloading the list")

    page.page.get_by_label(t("records.household_id", lang), exact=True).fill(household)
    page.page.get_by_label(t("records.reason", lang), exact=True).fill(
        "complaint 2026-118: check the identity"
    )
    with page.app_run():
        page.page.get_by_role(
            "button", name=t("records.unmask_button", lang), exact=True
        ).click()
    expect(page.page.get_by_text(t("records.unmasked", lang))).to_be_visible()
    step(page, "unmasking one record")
    shot("2-unmasked")
    # The grids draw on a canvas; their accessible tables hold the cell text.
    grids = page.page.locator("[data-testid='stDataFrame']")
    expect(grids).to_have_count(2)
    expect(grids.nth(1).locator("table")).to_contain_text(household)
    cells = " ".join(
        page.page.locator("[data-testid='stDataFrame'] table").all_inner_texts()
    )
    assert FULL_ID.search(cells), "the unmasked record shows the whole ID number"

    other = switch_language(page, lang)
    expect(title(page)).to_have_text(t("records.title", other, region=ZHANGBEI[other]))
    cells = " ".join(
        page.page.locator("[data-testid='stDataFrame'] table").all_inner_texts()
    )
    assert not FULL_ID.search(cells), "the next click hides it again"
    step(page, "switching the language")


def exercise_audit(page, lang: str, shot) -> None:
    sign_in(page, lang, "tour.admin", "admin")
    go_to(page, lang, "page.audit", t("audit.title", lang))
    for key in ("audit.unmasks", "audit.sign_ins", "audit.user_changes"):
        expect(page.page.get_by_role("heading", name=t(key, lang))).to_be_visible()
    shot("1-logs")
    step(page, "reading the logs")


def exercise_users(page, lang: str, shot) -> None:
    sign_in(page, lang, "tour.admin", "admin")
    go_to(page, lang, "page.users", t("users.title", lang))
    username = f"tour.new.{lang}"
    form = page.page.locator("[data-testid='stForm']").first
    form.get_by_label(t("account.username", lang), exact=True).fill(username)
    form.get_by_label(t("account.name", lang), exact=True).fill("赵磊")
    form.get_by_label(t("users.region_code", lang), exact=True).fill("522633")
    form.get_by_label(t("users.initial_password", lang), exact=True).fill(
        "new-account-2026"
    )
    with page.app_run():
        form.get_by_role("button", name=t("users.add_button", lang)).click()
    expect(
        page.page.get_by_text(t("users.saved", lang, username=username))
    ).to_be_visible()
    step(page, "adding an account")
    shot("1-added")


def exercise_households(page, lang: str, shot) -> None:
    expect(title(page)).to_contain_text(t("hh.title", lang, region="").strip(": ："))
    choose(page, t("filter.province", lang), HEBEI[lang])
    choose(page, t("filter.city", lang), ZHANGJIAKOU[lang])
    choose(page, t("filter.county", lang), ZHANGBEI[lang])
    expect(title(page)).to_have_text(t("hh.title", lang, region=ZHANGBEI[lang]))
    step(page, "choosing a county")
    shot("1-af")

    # Every tab, and the public sees no household list in any of them.
    for key in ("tiers", "warning", "whatif", "audit"):
        open_tab(page, t(f"hh.tab.{key}", lang))
        assert not FULL_ID.search(page.page.locator("body").inner_text())
    expect(page.page.get_by_text(t("hh.staff_only", lang)).last).to_be_visible()

    # The what-if slider: the keyboard moves it one step (100 yuan) at a time.
    open_tab(page, t("hh.tab.whatif", lang))
    handle = page.page.get_by_role("slider")
    handle.focus()
    with page.app_run():
        for _ in range(10):
            handle.press("ArrowRight")
    expect(handle).to_have_value("7000")
    expect(page.page).to_have_url(re.compile(r"line=7000"))
    page.wait_idle()
    step(page, "moving the monitoring line")
    shot("2-what-if")

    other = switch_language(page, lang)
    expect(title(page)).to_have_text(t("hh.title", other, region=ZHANGBEI[other]))
    step(page, "switching the language")


def exercise_households_as_staff(page, lang: str, shot) -> None:
    sign_in(page, lang, "tour.official", "official")
    go_to(page, lang, "page.households", t("hh.title", lang, region=ZHANGBEI[lang]))
    open_tab(page, t("hh.tab.warning", lang))
    with page.page.expect_download(timeout=TIMEOUT_MS) as info, page.app_run():
        page.page.get_by_role("button", name=t("hh.download_visits", lang)).click()
    text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    assert len(text.splitlines()) > 500, "every household to visit, not one page"
    assert not FULL_ID.search(text), "the visit list is masked"
    step(page, "downloading the visit list")
    shot("1-visits")


def fetch(page, button) -> tuple[bytes, str]:
    """Click a download button; the file's bytes and suggested name."""
    button.scroll_into_view_if_needed()
    with page.page.expect_download(timeout=TIMEOUT_MS) as info:
        button.click()
    return Path(info.value.path()).read_bytes(), info.value.suggested_filename


def funds_title(lang: str, region: str, year: int) -> str:
    return t("funds.title", lang, region=region, year=year)


def exercise_funds(page, lang: str, shot) -> None:
    country = COUNTRY.name(lang)
    expect(title(page)).to_have_text(funds_title(lang, country, 2025))
    charts = page.page.locator("[data-testid='stPlotlyChart']")
    expect(charts).to_have_count(6)
    expect(page.page.locator(".js-plotly-plot .sankey")).to_have_count(1)
    shot("1-opened")

    choose(page, t("filter.year", lang), str(YEAR))
    expect(title(page)).to_have_text(funds_title(lang, country, YEAR))
    step(page, "changing the year")

    # A click on a bar of the breakdown narrows the page to that source level.
    # Plotly takes clicks on its drag layer, above the bars: click where one is.
    bar = page.page.locator(".js-plotly-plot").first.locator("g.point path").first
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    with page.app_run():
        page.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(combobox(page, t("funds.pick.source_level", lang))).to_have_value(
        code_label("source_level", "central", lang)
    )
    assert "source_level=central" in page.page.url
    step(page, "clicking a bar of the breakdown")

    choose(page, t("funds.pick.purpose", lang), code_label("purpose", PURPOSE, lang))
    assert f"purpose={PURPOSE}" in page.page.url
    step(page, "picking a purpose")

    choose(page, t("funds.breakdown", lang), t("funds.by.region", lang))
    assert "by=region" in page.page.url
    with page.app_run():
        page.page.locator("[data-testid='stRadioOption']").filter(
            has_text=metric("disbursed_yuan").label(lang)
        ).click()
    assert "measure=disbursed_yuan" in page.page.url
    step(page, "changing the breakdown and the cascade's amount")

    choose(page, t("filter.province", lang), HEBEI[lang])
    expect(title(page)).to_have_text(funds_title(lang, HEBEI[lang], YEAR))
    shot("2-province")
    step(page, "picking a province")

    downloads = page.page.locator("[data-testid='stDownloadButton']")
    csv = downloads.filter(has_text=t("export.csv", lang)).last
    content, name = fetch(page, csv)
    assert content.startswith(b"\xef\xbb\xbf"), content[:20]
    header = content[3:].decode("utf-8").splitlines()[0]
    assert header.startswith(t("funds.col.county", lang))
    assert header.endswith(t("col.note", lang))
    assert name.startswith("jingzhun-funds-public-projects-130000-2018-")

    xlsx = downloads.filter(has_text=t("export.xlsx", lang)).last
    content, name = fetch(page, xlsx)
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet["A2"].value == t("funds.col.county", lang)
    assert name.endswith(".xlsx")
    step(page, "downloading a table")

    # The first chart's export menu: a print-quality PNG.
    # Opening the menu does not rerun the app.
    page.page.get_by_role("button", name=t("export.button", lang)).first.click()
    png = page.page.locator(
        "[data-testid='stPopoverBody'] [data-testid='stDownloadButton']"
    )
    content, name = fetch(page, png.filter(has_text="PNG").first)
    assert content.startswith(b"\x89PNG"), content[:8]
    assert name == f"jingzhun-funds-breakdown-130000-{YEAR}-{lang}.png"
    page.page.keyboard.press("Escape")
    step(page, "downloading a table and a chart")

    other = switch_language(page, lang)
    expect(title(page)).to_have_text(funds_title(other, HEBEI[other], YEAR))
    expect(combobox(page, t("funds.pick.purpose", other))).to_have_value(
        code_label("purpose", PURPOSE, other)
    )
    shot(f"3-switched-to-{other}")
    step(page, "switching the language")


def projects_title(lang: str, region: str) -> str:
    return t("pr.title", lang, region=region)


PORTFOLIO_CHARTS = 4  # status, budget, map, progress: the first tab's
# Zhangbei (tiny dataset): its city and its own name, both languages.
ZHANGJIAKOU = {"zh": "张家口市", "en": "Zhangjiakou City"}
ZHANGBEI_NAME = {"zh": "张北县", "en": "Zhangbei County"}


def click_point(page, chart, index: int, points: str = "g.point path") -> None:
    """Click the ``index``-th point of a plotly chart (bars; ``path.point`` for
    markers): plotly takes clicks on its drag layer, above the points, so click
    where one is."""
    point = chart.locator(points).nth(index)
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    with page.app_run():
        page.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def exercise_projects(page, lang: str, shot) -> None:
    country = COUNTRY.name(lang)
    expect(title(page)).to_have_text(projects_title(lang, country))
    charts = page.page.locator("[data-testid='stPlotlyChart']")
    expect(charts).to_have_count(PORTFOLIO_CHARTS)  # only the open tab is drawn
    wait_for_map(page)
    shot("1-opened")

    # A click on a cell of the risk matrix (the risk tab's first chart) narrows the
    # register; its markers run likelihood 1–5, impact 1–5 within: index 11 is 3 × 2.
    open_tab(page, t("pr.risks", lang))
    expect(charts).to_have_count(2)
    assert "tab=risks" in page.page.url
    matrix = page.page.locator(".js-plotly-plot").first
    click_point(page, matrix, 11, "g.points path.point")
    heading = t("pr.register_cell", lang, likelihood=3, impact=2)
    expect(page.page.get_by_text(heading, exact=True)).to_be_visible()
    assert "cell=3-2" in page.page.url
    shot("2-matrix-cell")
    step(page, "clicking a cell of the risk matrix")
    with page.app_run():
        page.page.get_by_role("button", name=t("pr.all_cells", lang)).click()
    assert "cell=all" in page.page.url
    step(page, "showing every cell again")

    # A click on a bar of the status chart (by category) picks that category.
    open_tab(page, t("pr.portfolio", lang))
    expect(charts).to_have_count(PORTFOLIO_CHARTS)
    click_point(page, page.page.locator(".js-plotly-plot").first, 0)
    box = combobox(page, t("pr.pick.category", lang))
    expect(box).not_to_have_value(t("funds.pick.all", lang))
    assert "category=all" not in page.page.url
    step(page, "clicking a bar of the status chart")

    choose(page, t("pr.map_measure", lang), metric("projects_insured_pct").label(lang))
    assert "measure=projects_insured_pct" in page.page.url
    wait_for_map(page)
    page.wait_idle()
    open_tab(page, t("pr.lifecycle", lang))
    choose(page, t("pr.stage_list", lang), code_label("project_stage", "library", lang))
    assert "stage=library" in page.page.url
    # The closed tabs' picks stay in the permalink.
    assert "measure=projects_insured_pct" in page.page.url
    step(page, "changing the map measure and the stage list")

    choose(page, t("filter.province", lang), HEBEI[lang])
    expect(title(page)).to_have_text(projects_title(lang, HEBEI[lang]))
    shot("3-province")
    step(page, "picking a province")

    choose(page, t("filter.city", lang), ZHANGJIAKOU[lang])
    choose(page, t("filter.county", lang), ZHANGBEI_NAME[lang])
    expect(title(page)).to_have_text(projects_title(lang, ZHANGBEI_NAME[lang]))
    open_tab(page, t("pr.timeline", lang))
    expect(charts).to_have_count(1)
    expect(page.page.get_by_text(t("pr.timeline_pick", lang, top_n=30))).to_have_count(
        0
    )
    shot("4-county")
    step(page, "picking a county")

    open_tab(page, t("pr.risks", lang))
    csv = page.page.get_by_role("button", name=t("export.csv", lang), exact=True)
    expect(csv.last).to_be_visible()
    with page.page.expect_download(timeout=TIMEOUT_MS) as info:
        csv.last.click()
    content = Path(info.value.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf"), content[:20]
    header = content[3:].decode("utf-8").splitlines()[0]
    assert header.startswith(t("pr.col.project_id", lang))
    assert info.value.suggested_filename.startswith("jingzhun-projects-risks-130722")
    page.wait_idle()
    step(page, "downloading the register")

    other = switch_language(page, lang)
    expect(title(page)).to_have_text(projects_title(other, ZHANGBEI_NAME[other]))
    # The open tab and the closed tabs' picks survive the change of language.
    expect(
        page.page.get_by_role("tab", name=t("pr.risks", other), exact=True)
    ).to_have_attribute("aria-selected", "true")
    open_tab(page, t("pr.lifecycle", other))
    expect(combobox(page, t("pr.stage_list", other))).to_have_value(
        code_label("project_stage", "library", other)
    )
    shot(f"5-switched-to-{other}")
    step(page, "switching the language")


# Villages (贫困村) and Infrastructure (基础设施) -----------------------------------

# A point inside Zhangbei County, the tiny dataset's county in Zhangjiakou.
ZHANGBEI_LON_LAT = (114.75, 41.25)


def click_map_at(page, lon: float, lat: float) -> None:
    """Click the plotly map where ``lon, lat`` is drawn, asking MapLibre itself."""
    plot = page.page.locator(".js-plotly-plot").first
    plot.scroll_into_view_if_needed()
    x, y = plot.evaluate(
        """(gd, lngLat) => {
            const map = gd._fullLayout.map._subplot.map;
            const point = map.project(lngLat);
            const box = map.getCanvas().getBoundingClientRect();
            return [box.left + point.x, box.top + point.y];
        }""",
        [lon, lat],
    )
    with page.app_run():
        page.page.mouse.click(x, y)


def lone_village(tiny_db_path: Path) -> dict:
    """A Zhangbei village well inside the map and far from its neighbours (easy to
    hit), with its place on the screen relative to the map's centre in pixels."""
    db = open_database(tiny_db_path)
    try:
        county = resolve_region(db, Scope("admin"), "130722")
        points = village_points(db, Scope("admin"), county, Settings(), limit=1000)
    finally:
        db.close()
    lons, lats = points["lon"].round(5).tolist(), points["lat"].round(5).tolist()
    view = fit_view(lons, lats)
    mid_lon, mid_lat = sum(lons) / len(lons), sum(lats) / len(lats)

    def gap(i: int) -> float:
        inner = abs(lons[i] - mid_lon) < 0.3 and abs(lats[i] - mid_lat) < 0.15
        others = [
            math.dist((lons[i], lats[i]), (lons[j], lats[j]))
            for j in range(len(lons))
            if j != i
        ]
        return min(others) if inner else 0.0

    best = max(range(len(lons)), key=gap)

    def pixels(lon: float, lat: float) -> tuple[float, float]:
        # deck.gl's Web Mercator: the world is 512 × 2^zoom pixels wide.
        world = 512 * 2**view.zoom
        y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
        return (lon + 180) / 360 * world, (math.pi - y) / (2 * math.pi) * world

    x, y = pixels(lons[best], lats[best])
    cx, cy = pixels(view.longitude, view.latitude)
    row = points.iloc[best]
    return {
        "code": row["code"],
        "zh": row["name_zh"],
        "en": row["name_en"],
        "dx": x - cx,
        "dy": y - cy,
    }


def wait_for_deck(page):
    canvas = page.page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    canvas.wait_for(timeout=TIMEOUT_MS)
    # deck.gl draws the layers a moment after its canvas appears.
    page.page.wait_for_timeout(2000)
    return canvas


def villages_title(lang: str, region: str) -> str:
    return t("vi.title", lang, region=region)


def exercise_villages(page, lang: str, shot, tiny_db_path: Path) -> None:
    expect(title(page)).to_have_text(villages_title(lang, COUNTRY.name(lang)))
    wait_for_map(page)
    shot("1-opened")

    choose(page, t("filter.province", lang), HEBEI[lang])
    expect(title(page)).to_have_text(villages_title(lang, HEBEI[lang]))
    wait_for_map(page)
    step(page, "picking a province")

    # A click on Zhangbei on the province's map opens the county: its villages
    # are drawn as points by deck.gl on our own county polygons.
    click_map_at(page, *ZHANGBEI_LON_LAT)
    expect(title(page)).to_have_text(villages_title(lang, ZHANGBEI_NAME[lang]))
    assert "region=130722" in page.page.url
    wait_for_deck(page)
    shot("2-county")
    step(page, "clicking a county on the map")

    water = layer_label("gap_water", lang)
    choose(page, t("vi.pick.layer", lang), water)
    assert "layer=gap_water" in page.page.url
    expect(page.page.get_by_text(t("vi.legend", lang, layer=water))).to_be_visible()
    step(page, "changing the layer")

    village = lone_village(tiny_db_path)

    def click_village() -> None:
        # A fresh map picks objects only once deck.gl has drawn it: on a busy
        # machine that can take longer than the wait for its canvas, so a click
        # that started no run is tried again, as a user would.
        for _ in range(3):
            canvas = wait_for_deck(page)
            canvas.scroll_into_view_if_needed()
            box = canvas.bounding_box()
            before = page.page.evaluate("window.__jingzhunRuns")
            page.page.mouse.click(
                box["x"] + box["width"] / 2 + village["dx"],
                box["y"] + box["height"] / 2 + village["dy"],
            )
            try:
                page.page.wait_for_function(
                    "before => window.__jingzhunRuns > before", arg=before,
                    timeout=20_000,
                )  # fmt: skip
            except PlaywrightTimeoutError:
                continue
            page.wait_idle()
            return
        raise AssertionError("three clicks on the village started no app run")

    click_village()
    profile = t("vi.profile", lang, village=village[lang])
    expect(page.page.get_by_role("heading", name=profile)).to_be_visible()
    assert f"village={village['code']}" in page.page.url
    wait_for_deck(page)
    shot("3-village-profile")
    step(page, "clicking a village on the map")

    # Closed, the profile opens again from the same village.
    with page.app_run():
        page.page.get_by_role("button", name=t("vi.close", lang)).click()
    expect(page.page.get_by_role("heading", name=profile)).to_have_count(0)
    assert "village=&" in page.page.url or page.page.url.endswith("village=")
    click_village()
    expect(page.page.get_by_role("heading", name=profile)).to_be_visible()
    step(page, "closing the profile and opening it again")

    other = switch_language(page, lang)
    expect(title(page)).to_have_text(villages_title(other, ZHANGBEI_NAME[other]))
    profile = t("vi.profile", other, village=village[other])
    expect(page.page.get_by_role("heading", name=profile)).to_be_visible()
    expect(combobox(page, t("vi.pick.layer", other))).to_have_value(
        layer_label("gap_water", other)
    )
    step(page, "switching the language")

    with page.app_run():
        page.page.get_by_role("button", name=f"› {HEBEI[other]}").click()
    expect(title(page)).to_have_text(villages_title(other, HEBEI[other]))
    assert "village=" not in page.page.url
    wait_for_map(page)
    shot(f"4-back-to-the-province-{other}")
    step(page, "going back up the breadcrumb")


def infrastructure_title(lang: str, region: str) -> str:
    return t("infra.title", lang, region=region)


def exercise_infrastructure(page, lang: str, shot) -> None:
    expect(title(page)).to_have_text(infrastructure_title(lang, COUNTRY.name(lang)))
    expect(page.page.locator("[data-testid='stPlotlyChart']")).to_have_count(2)
    shot("1-opened")

    choose(page, t("filter.province", lang), HEBEI[lang])
    expect(title(page)).to_have_text(infrastructure_title(lang, HEBEI[lang]))
    step(page, "picking a province")

    # A bar of the gap chart picks its gap type: the region chart and the list
    # follow. Water is the third bar.
    click_point(page, page.page.locator(".js-plotly-plot").first, 2)
    expect(combobox(page, t("infra.pick.gap", lang))).to_have_value(
        t("infra.short.water", lang)
    )
    assert "gap=water" in page.page.url
    water = t("infra.gap.water", lang)
    expect(page.page.get_by_text(t("infra.by_region", lang, gap=water))).to_be_visible()
    step(page, "clicking a bar of the gap chart")

    # A bar of the region chart picks its region: the gap chart and the list follow.
    click_point(page, page.page.locator(".js-plotly-plot").nth(1), 0)
    expect(combobox(page, t("infra.pick.row", lang))).to_have_value(ZHANGJIAKOU[lang])
    assert "row=130700" in page.page.url
    heading = t("infra.list", lang, region=ZHANGJIAKOU[lang], gap=water, total=37)
    expect(page.page.get_by_text(heading)).to_be_visible()
    shot("2-cell")
    step(page, "clicking a bar of the region chart")

    buttons = page.page.locator("[data-testid='stDownloadButton']")
    with page.page.expect_download(timeout=TIMEOUT_MS) as info:
        buttons.filter(has_text=t("export.csv", lang)).last.click()
    content = Path(info.value.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf"), content[:20]
    lines = content[3:].decode("utf-8").splitlines()
    assert lines[0].startswith(t("infra.col.village", lang))
    assert len(lines) == 1 + 37
    assert info.value.suggested_filename.startswith(
        "jingzhun-infrastructure-villages-water-130700-130000"
    )
    page.wait_idle()
    step(page, "downloading the villages behind the cell")

    other = switch_language(page, lang)
    expect(title(page)).to_have_text(infrastructure_title(other, HEBEI[other]))
    expect(combobox(page, t("infra.pick.gap", other))).to_have_value(
        t("infra.short.water", other)
    )
    shot(f"3-switched-to-{other}")


def health_title(lang: str, region: str) -> str:
    return t("hl.title", lang, region=region)


def wait_for_visible_map(page) -> None:
    """The map of the open tab (only the open tab is drawn)."""
    page.page.locator(
        ".js-plotly-plot canvas.maplibregl-canvas >> visible=true"
    ).first.wait_for(timeout=TIMEOUT_MS)
    page.page.wait_for_timeout(2000)


def open_tab(page, name: str) -> None:
    """A click on a tab: the app runs again and draws that tab only."""
    tab = page.page.get_by_role("tab", name=name, exact=True)
    with page.app_run():
        tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")


def exercise_health(page, lang: str, shot) -> None:
    expect(title(page)).to_have_text(health_title(lang, COUNTRY.name(lang)))
    wait_for_map(page)
    shot("1-opened")

    choose(
        page, t("hl.map_measure", lang), metric("health_near_clinic_pct").label(lang)
    )
    assert "measure=health_near_clinic_pct" in page.page.url
    wait_for_map(page)
    with page.app_run():
        page.page.get_by_text(t("hl.gap_level.township", lang), exact=True).click()
    assert "level=township" in page.page.url
    step(page, "changing the map and the gap list")

    # The township gap list downloads as CSV with its header and provenance.
    csv = page.page.get_by_role("button", name=t("export.csv", lang), exact=True)
    with page.page.expect_download(timeout=TIMEOUT_MS) as info:
        csv.first.click()
    content = Path(info.value.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf"), content[:20]
    header = content[3:].decode("utf-8").splitlines()[0]
    assert header.startswith(t("hl.col.code", lang))
    assert info.value.suggested_filename.startswith(
        "jingzhun-health-gaps-township-100000"
    )
    page.wait_idle()
    step(page, "downloading the township gaps")

    open_tab(page, t("hl.tab.access", lang))
    kind = code_label("facility_kind", "county_hospital", lang)
    choose(page, t("hl.kind", lang), kind)
    assert "kind=county_hospital" in page.page.url
    shot("2-distance")
    step(page, "distance to the county hospital")

    open_tab(page, t("hl.tab.illness", lang))
    expect(
        page.page.get_by_text(t("hl.card.catastrophic", lang), exact=True)
    ).to_be_visible()
    shot("3-illness")

    open_tab(page, t("hl.tab.capacity", lang))
    slider = page.page.get_by_role("slider")
    slider.focus()
    with page.app_run():
        slider.press("Home")
    assert "sites=1" in page.page.url
    expect(
        page.page.get_by_text(t("hl.card.covered_after", lang), exact=True)
    ).to_be_visible()
    wait_for_visible_map(page)
    shot("4-one-site")
    step(page, "asking for one new site")

    choose(page, t("filter.province", lang), HEBEI[lang])
    expect(title(page)).to_have_text(health_title(lang, HEBEI[lang]))
    wait_for_visible_map(page)
    step(page, "picking a province")

    other = switch_language(page, lang)
    expect(title(page)).to_have_text(health_title(other, HEBEI[other]))
    # The open tab survives the change of language; the map pick in another too.
    expect(page.page.get_by_role("slider")).to_be_visible()
    open_tab(page, t("hl.tab.compliance", other))
    expect(combobox(page, t("hl.map_measure", other))).to_have_value(
        metric("health_near_clinic_pct").label(other)
    )
    shot(f"5-switched-to-{other}")


def exercise_reports(page, lang: str, shot) -> None:
    from docx import Document

    expect(title(page)).to_have_text(t("report.title", lang))
    expect(page.page.get_by_text(t("report.empty", lang))).to_be_visible()
    shot("1-empty")

    # Fill the basket on another page, come back through the navigation.
    funds_title = t("funds.title", lang, region=COUNTRY.name(lang), year=2025)
    go_to(page, lang, "page.funds", funds_title)
    add = page.page.get_by_role("button", name=t("report.add", lang), exact=True)
    # The Funds charts draw for seconds after the run ends on a busy machine; a
    # click while they lay out can land before the button settles.
    page.page.locator(".js-plotly-plot").first.wait_for(timeout=TIMEOUT_MS)
    add.first.scroll_into_view_if_needed()
    page.page.wait_for_timeout(1500)
    with page.app_run():
        add.first.click()
    expect(
        page.page.get_by_role("button", name=t("report.added", lang), exact=True)
    ).to_have_count(1)
    step(page, "adding a chart on the Funds page")
    go_to(page, lang, "page.reports", t("report.title", lang))
    items = page.page.locator("[data-testid='stMarkdown']").filter(has_text="1.")
    expect(items.first).to_contain_text(t("page.funds", lang))
    assert "basket=funds" in page.page.url
    shot("2-basket")
    step(page, "coming back to Reports")

    with page.app_run():
        page.page.get_by_role("button", name=t("report.prepare", lang)).click()
    button = page.page.get_by_role(
        "button", name=t("report.download", lang, fmt="DOCX")
    )
    expect(button).to_be_visible(timeout=120_000)
    shot("3-made")
    step(page, "making the report")
    with page.page.expect_download(timeout=TIMEOUT_MS) as info:
        button.click()
    document = Document(info.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert t("report.default_title", lang, region=COUNTRY.name(lang)) in text
    assert len(document.inline_shapes) == 1

    with page.app_run():
        page.page.get_by_role("button", name=t("pack.make", lang)).click()
    button = page.page.get_by_role("button", name=t("pack.download", lang))
    expect(button).to_be_visible(timeout=120_000)
    with page.page.expect_download(timeout=TIMEOUT_MS) as info:
        button.click()
    text = "\n".join(p.text for p in Document(info.value.path()).paragraphs)
    assert t("pack.reason", lang) in text and t("pack.suggestions", lang) in text
    shot("4-pack")
    step(page, "making the evidence pack")

    other = switch_language(page, lang)
    expect(title(page)).to_have_text(t("report.title", other))
    expect(items.first).to_contain_text(t("page.funds", other))
    step(page, "switching the language")


# A households file with two faults: the tour uploads it and reads the report. It
# is rejected, so the shared test dataset is never written.
BAD_HOUSEHOLDS = (
    "household_id,village_code,size,status\n"
    "TOUR1,130722001001,four,exited\n"
    "TOUR2,130722999999,3,exited\n"
)


def exercise_data_as_admin(page, lang: str, shot) -> None:
    sign_in(page, lang, "tour.admin", "admin")
    go_to(page, lang, "page.data", t("data.title", lang))
    # Tabs switch in the browser, without an app run.
    page.page.get_by_role("tab", name=t("data.tab_quality", lang)).click()
    grid = page.page.locator("[data-testid='stDataFrame']").filter(
        has_text=t("quality.col.failing", lang)
    )
    expect(grid.first).to_be_visible()
    shot("1-quality")
    step(page, "opening the quality report")

    page.page.get_by_role("tab", name=t("data.tab_import", lang)).click()
    expect(
        page.page.get_by_role("button", name=t("import.template_xlsx", lang))
    ).to_be_visible()
    with page.app_run():
        page.page.locator(
            "[data-testid='stFileUploaderDropzoneInput']"
        ).set_input_files(
            files=[
                {
                    "name": "households.csv",
                    "mimeType": "text/csv",
                    "buffer": BAD_HOUSEHOLDS.encode(),
                }
            ]
        )
    with page.app_run():
        page.page.get_by_role("button", name=t("import.button", lang)).click()
    expect(page.page.get_by_text(t("import.rejected", lang, total=2))).to_be_visible()
    report = page.page.locator("[data-testid='stDataFrame']").filter(
        has_text=t("import.col.problem", lang)
    )
    expect(report.first).to_be_visible()
    shot("2-rejected-upload")
    # The rejection is the one message on the page; nothing else went wrong.
    page.assert_clean()


# Page file → (URL path, the tour through its controls).
PAGES = {
    "overview": ("", exercise_overview),
    "villages": ("villages", exercise_villages),
    "infrastructure": ("infrastructure", exercise_infrastructure),
    "funds": ("funds", exercise_funds),
    "projects": ("projects", exercise_projects),
    "health": ("health", exercise_health),
    "data": ("data", exercise_data),
    "reports": ("reports", exercise_reports),
    "data_staff": ("account", exercise_data_as_admin),
    "households": ("households", exercise_households),
    "households_staff": ("account", exercise_households_as_staff),
    "account": ("account", exercise_account),
    "records": ("account", exercise_records),
    "audit": ("account", exercise_audit),
    "users": ("account", exercise_users),
}


def test_the_tour_covers_every_page():
    files = {path.stem for path in (ROOT / "pages").glob("*.py")}
    files -= {path.stem for path in (ROOT / "pages").glob("*_data.py")}
    assert {name.removesuffix("_staff") for name in PAGES} == files - {
        "__init__",
        "common",
    }


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_every_page_in_both_languages(server, page, name, lang, tiny_db_path):
    path, exercise = PAGES[name]
    query = "?lang=en" if lang == "en" else ""
    open_page(page, f"{server}/{path}{query}")
    step(page, "opening the page")

    def shot(label: str) -> None:
        page.screenshot(f"tour-{name}-{lang}-{label}")

    if exercise is exercise_villages:
        exercise(page, lang, shot, tiny_db_path)
    else:
        exercise(page, lang, shot)
    page.assert_clean()


def test_the_checks_catch_what_they_look_for(server, page):
    # A year outside the data makes the app show a warning.
    open_page(page, f"{server}/data?lang=en&year=1999")
    with pytest.raises(AssertionError, match="after opening: .*1999"):
        step(page, "opening")

    # A request off the machine and an error in the console.
    page.page.evaluate(
        "() => { fetch('http://jingzhun.invalid/probe').catch(() => {});"
        " console.error('probe'); }"
    )
    page.page.wait_for_timeout(500)
    with pytest.raises(AssertionError, match="jingzhun.invalid"):
        page.assert_clean()
    assert page.console_errors == ["probe"]


@pytest.mark.parametrize("lang", LANGS)
def test_funds_in_a_year_without_allocations(server_without_a_year, page, lang):
    query = f"?year={EMPTY_FUNDS_YEAR}" + ("&lang=en" if lang == "en" else "")
    open_page(page, f"{server_without_a_year}/funds{query}")
    expect(title(page)).to_have_text(
        funds_title(lang, COUNTRY.name(lang), EMPTY_FUNDS_YEAR)
    )
    expect(
        page.page.get_by_text(t("funds.empty", lang, year=EMPTY_FUNDS_YEAR))
    ).to_be_visible()
    # Every panel still draws, empty, and no list or download is offered.
    expect(page.page.locator("[data-testid='stPlotlyChart']")).to_have_count(6)
    expect(page.page.locator("[data-testid='stDataFrame']")).to_have_count(0)
    expect(page.page.locator("[data-testid='stDownloadButton']")).to_have_count(0)
    page.screenshot(f"funds-empty-year-{lang}")
    step(page, "opening a year without allocations")

    # Moving on to a year with money fills the page again.
    choose(page, t("filter.year", lang), str(YEAR))
    expect(page.page.locator("[data-testid='stDataFrame']").first).to_be_visible()
    step(page, "changing to a year with allocations")


@pytest.mark.parametrize("lang", LANGS)
def test_projects_in_a_county_without_projects(server, page, lang):
    query = "?region=110101" + ("&lang=en" if lang == "en" else "")
    open_page(page, f"{server}/projects{query}")
    name = {"zh": "东城区", "en": "Dongcheng District"}[lang]
    expect(title(page)).to_have_text(projects_title(lang, name))
    expect(page.page.get_by_text(t("pr.empty", lang))).to_be_visible()
    # Every panel of the open tab still draws, empty.
    expect(page.page.locator("[data-testid='stPlotlyChart']")).to_have_count(
        PORTFOLIO_CHARTS
    )
    # Nothing to download; the map shows the city's counties, all without projects.
    expect(page.page.locator("[data-testid='stDownloadButton']")).to_have_count(0)
    wait_for_map(page)
    page.screenshot(f"projects-empty-county-{lang}")
    step(page, "opening a county without projects")


@pytest.mark.parametrize("lang", LANGS)
def test_villages_of_a_county_without_villages(server, page, lang):
    query = "?region=110101" + ("&lang=en" if lang == "en" else "")
    name = {"zh": "东城区", "en": "Dongcheng District"}[lang]
    for path, heading in (("villages", "vi.title"), ("infrastructure", "infra.title")):
        open_page(page, f"{server}/{path}{query}")
        expect(title(page)).to_have_text(t(heading, lang, region=name))
        message = "vi.empty_region" if path == "villages" else "infra.empty"
        expect(page.page.get_by_text(t(message, lang, region=name))).to_be_visible()
        if path == "villages":
            wait_for_deck(page)  # the city's districts, with no village on them
        page.screenshot(f"{path}-empty-county-{lang}")
        step(page, f"opening {path} for a county without villages")


@pytest.mark.parametrize("lang", LANGS)
def test_health_in_a_county_without_villages(server, page, lang):
    query = "?region=110101" + ("&lang=en" if lang == "en" else "")
    open_page(page, f"{server}/health{query}")
    name = {"zh": "东城区", "en": "Dongcheng District"}[lang]
    expect(title(page)).to_have_text(health_title(lang, name))
    expect(page.page.get_by_text(t("hl.empty", lang)).first).to_be_visible()
    # No list and nothing to download; the maps show the city's counties, grey.
    expect(page.page.locator("[data-testid='stDataFrame']")).to_have_count(0)
    wait_for_map(page)
    page.screenshot(f"health-empty-county-{lang}")
    step(page, "opening a county without villages")
