"""Every page in both languages, driven through its main controls in Chromium.

Each step must leave the page clean: no Streamlit exception, no console error, no
failed response and no request leaving 127.0.0.1. Screenshots go to
artifacts/browser/tour-<page>-<lang>-<step>.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from charts.i18n import t
from charts.metrics import metric
from charts.tables import dictionary_table
from loaders import data_dictionary
from loaders.queries.regions import COUNTRY

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


# Page file → (URL path, the tour through its controls).
PAGES = {
    "overview": ("", exercise_overview),
    "data": ("data", exercise_data),
}


def test_the_tour_covers_every_page():
    files = {path.stem for path in (ROOT / "pages").glob("*.py")}
    assert set(PAGES) == files - {"__init__", "common"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_every_page_in_both_languages(server, page, name, lang):
    path, exercise = PAGES[name]
    query = "?lang=en" if lang == "en" else ""
    open_page(page, f"{server}/{path}{query}")
    step(page, "opening the page")

    def shot(label: str) -> None:
        page.screenshot(f"tour-{name}-{lang}-{label}")

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
