"""Time every page and its main interactions through Streamlit's AppTest.

Run in its own process (``python -m benchmarks.pages``) so that the peak memory it
reports is the app's: the dataset connection, the caches and the page code.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP_SOURCE = (ROOT / "app.py").read_text(encoding="utf-8")
DATA_PAGE = str(ROOT / "pages" / "data.py")
HOUSEHOLDS_PAGE = str(ROOT / "pages" / "households.py")
FUNDS_PAGE = str(ROOT / "pages" / "funds.py")
PROJECTS_PAGE = str(ROOT / "pages" / "projects.py")
VILLAGES_PAGE = str(ROOT / "pages" / "villages.py")
INFRASTRUCTURE_PAGE = str(ROOT / "pages" / "infrastructure.py")
HEALTH_PAGE = str(ROOT / "pages" / "health.py")
REPORTS_PAGE = str(ROOT / "pages" / "reports.py")
# A report link of three items: what the Reports page lists before drawing any.
REPORT_LINK = (
    "overview:chart:overview-map-exit_year:100000:2025:zh;"
    "funds:chart:funds-cascade:100000:2025:zh:measure=allocated_yuan;"
    "overview:table:overview-worst-care_gap_pct:100000:2025:zh"
)
# Sichuan: the province with the most counties of the 832 (183 county-level units).
BIG_PROVINCE = "510000"
YEARS = (2016, 2018)
# An interaction: what it does to a session, alone or with the URL parameters of
# the view it starts from.
Step = (
    Callable[[AppTest], AppTest] | tuple[dict[str, str], Callable[[AppTest], AppTest]]
)


def tree_bytes(node) -> int:
    """Serialized size of every element the run produced: what a browser receives."""
    proto = getattr(node, "proto", None)
    size = proto.ByteSize() if proto is not None else 0
    for child in getattr(node, "children", {}).values():
        size += tree_bytes(child)
    return size


def new_session() -> AppTest:
    return AppTest.from_string(APP_SOURCE, default_timeout=600)


def clear_caches() -> None:
    """Forget every query result. Process resources (the connection, parsed map
    shapes) stay: a running server keeps them; only its first session pays for them,
    which the "first render after start" row measures."""
    st.cache_data.clear()


def timed(action: Callable[[], AppTest]) -> tuple[float, AppTest]:
    started = time.perf_counter()
    at = action()
    seconds = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"the app raised: {[e.value for e in at.exception]}")
    return seconds, at


def overview_steps() -> dict[str, Callable[[AppTest], AppTest]]:
    """Interactions on the Overview, each from the national view."""
    return {
        "year change": lambda at: at.selectbox(key="g_year").set_value(YEARS[0]).run(),
        "indicator change": lambda at: (
            at.selectbox(key="ov_indicator").set_value("poverty_incidence_pct").run()
        ),
        "drill-down to the biggest province": lambda at: (
            at.selectbox(key="g_province").set_value(BIG_PROVINCE).run()
        ),
        "language switch": lambda at: at.radio(key="g_lang").set_value("en").run(),
    }


def funds_steps() -> dict[str, Callable[[AppTest], AppTest]]:
    """Interactions on the Funds page, each from the national view of 2025."""
    return {
        "year change": lambda at: at.selectbox(key="g_year").set_value(YEARS[0]).run(),
        "purpose pick": lambda at: (
            at.selectbox(key="fu_purpose").set_value("industry").run()
        ),
        "breakdown by region": lambda at: (
            at.selectbox(key="fu_by").set_value("region").run()
        ),
        "drill-down to the biggest province": lambda at: (
            at.selectbox(key="g_province").set_value(BIG_PROVINCE).run()
        ),
        "language switch": lambda at: at.radio(key="g_lang").set_value("en").run(),
    }


def data_steps() -> dict[str, Callable[[AppTest], AppTest]]:
    return {
        "dictionary table filter": lambda at: (
            at.multiselect(key="data_tables").set_value(["households"]).run()
        ),
    }


def open_tab(key: str, name: str) -> Callable[[AppTest], AppTest]:
    """A click on tab ``name`` of the page's tabs ``key``: a rerun with it open."""

    def click(at: AppTest) -> AppTest:
        at.session_state[f"state_{key}"] = name
        return at.run()

    return click


def projects_steps() -> dict[str, Step]:
    """Interactions on the Projects page, each from the national view of 2025 (the
    portfolio tab open, unless a step names its tab)."""
    return {
        "year change": lambda at: at.selectbox(key="g_year").set_value(YEARS[0]).run(),
        "category pick": lambda at: (
            at.selectbox(key="pr_category").set_value("planting").run()
        ),
        "breakdown by region": lambda at: (
            at.selectbox(key="pr_by").set_value("region").run()
        ),
        "drill-down to the biggest province": lambda at: (
            at.selectbox(key="g_province").set_value(BIG_PROVINCE).run()
        ),
        "language switch": lambda at: at.radio(key="g_lang").set_value("en").run(),
        **{
            f"{tab} tab opened": open_tab("pr_tab", tab)
            for tab in ("lifecycle", "timeline", "beneficiaries", "risks")
        },
        "stage pick (lifecycle tab)": (
            {"tab": "lifecycle"},
            lambda at: at.selectbox(key="pr_stage").set_value("accepted").run(),
        ),
        "risk-matrix cell shown in full (risks tab)": (
            {"tab": "risks", "cell": "3-3"},
            lambda at: at.button(key="pr_all_cells").click().run(),
        ),
    }


def health_steps() -> dict[str, Step]:
    """Interactions on the Health coverage page, each from the national view (the
    compliance tab open, unless a step names its tab)."""
    return {
        "map measure change": lambda at: (
            at.selectbox(key="hl_measure").set_value("health_near_clinic_pct").run()
        ),
        "gap list of townships": lambda at: (
            at.radio(key="hl_level").set_value("township").run()
        ),
        "drill-down to the biggest province": lambda at: (
            at.selectbox(key="g_province").set_value(BIG_PROVINCE).run()
        ),
        "language switch": lambda at: at.radio(key="g_lang").set_value("en").run(),
        **{
            f"{tab} tab opened": open_tab("hl_tab", tab)
            for tab in ("access", "illness", "capacity")
        },
        "facility kind change (access tab)": (
            {"tab": "access"},
            lambda at: at.selectbox(key="hl_kind").set_value("county_hospital").run(),
        ),
        "new sites N changed (capacity tab)": (
            {"tab": "capacity"},
            lambda at: at.slider(key="hl_sites").set_value(20).run(),
        ),
    }


def households_steps() -> dict[str, Step]:
    """Opening each tab of the Households page from the national view (the scores
    tab open); the what-if slider is measured on its own below."""
    return {
        f"{tab} tab opened": open_tab("hh_tab", tab)
        for tab in ("tiers", "warning", "whatif", "audit")
    }


def measure_page(
    record: Callable,
    name: str,
    path: str | None,
    steps: dict[str, Step],
    repeats: int,
    *,
    params: dict[str, str] | None = None,
    render_action: str = "first render",
) -> None:
    """A page's first render and its interactions from its own first view, cold and
    warm. ``path`` None is the default page (the Overview), opened by the app's own
    first run; any other page is reached from it. ``params`` are the URL's; a step
    given as ``(params, action)`` starts from a view opened with those too (another
    tab, say)."""

    def opened(extra: dict[str, str] | None = None) -> AppTest:
        at = new_session()
        for key, value in {**(params or {}), **(extra or {})}.items():
            at.query_params[key] = value
        return at if path is None else at.run()

    def first_render(at: AppTest) -> AppTest:
        return at.run() if path is None else at.switch_page(path).run()

    def session(extra: dict[str, str] | None = None) -> AppTest:
        return first_render(opened(extra))

    for cache in ("cold", "warm"):
        samples, size = [], 0
        for _ in range(repeats):
            at = opened()
            if cache == "cold":
                clear_caches()
            else:
                session()  # its results are now cached
            seconds, at = timed(lambda at=at: first_render(at))
            samples.append(seconds)
            size = max(size, tree_bytes(at._tree))
        record(name, render_action, cache, samples, size)

    for action, step in steps.items():
        extra, step = step if isinstance(step, tuple) else ({}, step)
        for cache in ("cold", "warm"):
            samples, size = [], 0
            for _ in range(repeats):
                at = session(extra)
                if cache == "warm":
                    step(at)  # the same change once, so its results are cached
                    at = session(extra)
                else:
                    clear_caches()
                seconds, at = timed(lambda at=at, step=step: step(at))
                samples.append(seconds)
                size = max(size, tree_bytes(at._tree))
            record(name, action, cache, samples, size)


def biggest_county(db_path: Path) -> tuple[str, str, int]:
    """The county with the most villages, one of its villages, and how many."""
    from loaders import open_database

    db = open_database(db_path)
    try:
        row = db.query(
            "SELECT county_code, min(code) AS village, count(*) AS villages "
            "FROM villages GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 1",
            name="biggest_county",
        ).iloc[0]
    finally:
        db.close()
    return str(row["county_code"]), str(row["village"]), int(row["villages"])


def measure_villages(record: Callable, repeats: int, db_path: Path) -> None:
    """The Villages page from the nation, then inside the county with the most
    villages (the largest point map), and the Infrastructure page."""
    lang = lambda at: at.radio(key="g_lang").set_value("en").run()  # noqa: E731
    measure_page(
        record,
        "villages",
        VILLAGES_PAGE,
        {
            "layer change": lambda at: (
                at.selectbox(key="vi_layer").set_value("gap_water").run()
            ),
            "drill-down to the biggest province": lambda at: (
                at.selectbox(key="g_province").set_value(BIG_PROVINCE).run()
            ),
            "language switch": lang,
        },
        repeats,
    )
    county, village, count = biggest_county(db_path)
    measure_page(
        record,
        "villages",
        VILLAGES_PAGE,
        {
            "village profile in the biggest county": lambda at: (
                at.selectbox(key="vi_village").set_value(village).run()
            ),
            "layer change in the biggest county": lambda at: (
                at.selectbox(key="vi_layer").set_value("care").run()
            ),
        },
        repeats,
        params={"region": county},
        render_action=f"first render of the biggest county ({count:,} villages)",
    )
    measure_page(
        record,
        "infrastructure",
        INFRASTRUCTURE_PAGE,
        {
            "gap type pick": lambda at: (
                at.selectbox(key="in_gap").set_value("water").run()
            ),
            "region pick": lambda at: (
                at.selectbox(key="in_row").set_value(BIG_PROVINCE).run()
            ),
            "drill-down to the biggest province": lambda at: (
                at.selectbox(key="g_province").set_value(BIG_PROVINCE).run()
            ),
            "language switch": lang,
        },
        repeats,
    )


def measure_reports(record: Callable, repeats: int) -> None:
    """The Reports page opened from a three-item link, and the evidence pack of the
    biggest province (its queries, the peer chart's PNG and the Word file)."""

    def reports_session() -> AppTest:
        at = new_session()
        at.query_params["basket"] = REPORT_LINK
        return at.run()

    for cache in ("cold", "warm"):
        samples, size = [], 0
        for _ in range(repeats):
            at = reports_session()
            if cache == "cold":
                clear_caches()
            seconds, at = timed(lambda at=at: at.switch_page(REPORTS_PAGE).run())
            samples.append(seconds)
            size = max(size, tree_bytes(at._tree))
        record("reports", "first render (3-item link)", cache, samples, size)

    for cache in ("cold", "warm"):
        samples, size = [], 0
        for _ in range(repeats):
            at = new_session()
            at.query_params["region"] = BIG_PROVINCE
            at = at.run().switch_page(REPORTS_PAGE).run()
            if cache == "cold":
                clear_caches()
            seconds, at = timed(lambda at=at: at.button(key="rp_pack").click().run())
            samples.append(seconds)
            size = max(size, tree_bytes(at._tree))
        record(
            "reports", "evidence pack (health, biggest province)", cache, samples, size
        )


def measure(
    repeats: int, db_path: Path | None = None, only: str | None = None
) -> list[dict]:
    """Rows of (page, action, cache, seconds list, bytes); ``only`` one page's
    (after the first render after start, which every run measures)."""
    rows = []

    def record(page, action, cache, samples, size):
        if only and page != only and action != "first render after start":
            return
        rows.append(
            {
                "page": page,
                "action": action,
                "cache": cache,
                "seconds": samples,
                "bytes": size,
            }
        )

    seconds, at = timed(lambda: new_session().run())
    record(
        "overview", "first render after start", "none", [seconds], tree_bytes(at._tree)
    )

    if only in (None, "overview"):
        measure_page(record, "overview", None, overview_steps(), repeats)
    if only in (None, "funds"):
        measure_page(record, "funds", FUNDS_PAGE, funds_steps(), repeats)
    if only in (None, "projects"):
        measure_page(record, "projects", PROJECTS_PAGE, projects_steps(), repeats)
    if only in (None, "health"):
        measure_page(record, "health", HEALTH_PAGE, health_steps(), repeats)
    if only is not None and only != "households":
        return rows
    if only is None:
        if db_path is not None:
            measure_villages(record, repeats, db_path)
        measure_reports(record, repeats)
        measure_page(record, "data", DATA_PAGE, data_steps(), repeats)

    # Households: the national first render scores every household; the what-if
    # slider then only sums cached income bins (warm is what a drag feels like: a
    # new line each time over the cached bins).
    measure_page(record, "households", HOUSEHOLDS_PAGE, households_steps(), repeats)
    for cache in ("cold", "warm"):
        samples, size = [], 0
        for repeat in range(repeats):
            at = new_session()
            at.query_params["tab"] = "whatif"
            at = at.run().switch_page(HOUSEHOLDS_PAGE).run()
            if cache == "cold":
                clear_caches()
            line = 6000 + 100 * (repeat + 1)
            seconds, at = timed(
                lambda at=at, line=line: at.slider(key="hh_line").set_value(line).run()
            )
            samples.append(seconds)
            size = max(size, tree_bytes(at._tree))
        record("households", "what-if line moved", cache, samples, size)
    return rows


def summarise(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": 1e3 * statistics.median(ordered),
        "p95_ms": 1e3 * p95,
        "n": len(ordered),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pages")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--only",
        choices=["overview", "funds", "projects", "health", "households"],
        default=None,
        help="time this page only",
    )
    args = parser.parse_args(argv)
    os.environ["JINGZHUN_DB"] = str(args.db)

    rows = measure(args.repeats, args.db, args.only)
    for row in rows:
        row.update(summarise(row.pop("seconds")))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump({"rows": rows, "peak_rss_mb": peak_mb}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
