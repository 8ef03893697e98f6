"""The Overview in a real browser: the map draws offline and a click drills down."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

TIMEOUT_MS = 120_000


def wait_for_map(page) -> None:
    page.locator(".js-plotly-plot canvas.maplibregl-canvas").first.wait_for(
        timeout=TIMEOUT_MS
    )
    # MapLibre draws the polygons a moment after the canvas appears.
    page.wait_for_timeout(3000)


def title(page) -> str:
    return page.locator("h1").first.inner_text(timeout=TIMEOUT_MS)


def test_the_overview_draws_the_national_map_and_drills_into_a_province(server, page):
    page.page.goto(server, timeout=TIMEOUT_MS)
    wait_for_map(page.page)
    assert title(page.page) == "总览：全国，2025 年"
    page.screenshot("overview-national-zh")

    # Central China lies a little right of and below the middle of the main map.
    chart = page.page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    page.page.mouse.click(
        box["x"] + box["width"] * 0.52, box["y"] + box["height"] * 0.55
    )
    page.page.wait_for_function(
        "() => !document.querySelector('h1').innerText.includes('全国')",
        timeout=TIMEOUT_MS,
    )
    assert re.fullmatch(r"总览：\S+，2025 年", title(page.page))
    assert "region=" in page.page.url and "region=100000" not in page.page.url
    wait_for_map(page.page)
    page.screenshot("overview-province-zh")
    page.assert_clean()


def test_english_deep_links_survive_a_reload(server, page):
    page.page.goto(f"{server}/?lang=en&region=130722&year=2018", timeout=TIMEOUT_MS)
    wait_for_map(page.page)
    assert title(page.page) == "Overview: Zhangbei County, 2018"
    page.screenshot("overview-county-en")

    page.page.goto(f"{server}/data?lang=en", timeout=TIMEOUT_MS)
    page.page.get_by_text("Data dictionary").first.wait_for(timeout=TIMEOUT_MS)
    page.page.reload()
    assert title(page.page) == "Data: dataset, quality and imports"
    page.screenshot("data-en")
    # Only the navigation menu: no legacy list of files from pages/.
    assert page.page.locator("[data-testid='stSidebarNav']").count() == 0
    page.assert_clean()


FIRST_REQUESTS = {
    "data?lang=en": "Data: dataset, quality and imports",
    "overview?region=130722": "总览：张北县，2025 年",
    "funds?region=110101": "资金使用：东城区，2025 年",
}


@pytest.mark.parametrize("path", FIRST_REQUESTS)
def test_a_deep_link_works_as_the_first_request_a_server_sees(fresh_server, page, path):
    page.page.goto(f"{fresh_server}/{path}", timeout=TIMEOUT_MS)
    expected = FIRST_REQUESTS[path]
    page.page.wait_for_function(
        f"() => [...document.querySelectorAll('h1')].some(h => h.innerText === "
        f"{expected!r})",
        timeout=TIMEOUT_MS,
    )
    page.assert_clean()
