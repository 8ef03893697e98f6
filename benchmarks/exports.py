"""``python -m benchmarks.exports --db PATH``: print exports of the largest charts
and a 10-item report.

The national county map (2,875 counties with their shapes inline, as an export needs
them) and the Funds cascade of the whole country, each as PNG, SVG and PDF through
charts.export, the way a click on an export button makes them: the first export of
the process (which starts the kaleido browser) and then warm ones. Then a report of
ten national items (eight charts, the county map and the cascade among them, and
two tables) made as the Reports page makes it: every figure drawn to PNG, then the
DOCX written. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from benchmarks.pages import summarise
from charts.export import FIGURE_FORMATS, Provenance, figure_file, figure_image
from charts.funds import breakdown_chart, by_year_chart, cascade_chart
from charts.overview import (
    county_indicator_map,
    funds_trend,
    parse_map_shapes,
    worst_region_tables,
)
from charts.report import Figure, Report, Table, figure_caption, report_docx
from loaders import Scope, load_settings, open_database
from loaders.queries import funds, overview, regions
from loaders.queries.funds import ALL
from loaders.queries.regions import COUNTRY, map_extent

ADMIN = Scope("admin")
YEAR = 2025


def figures(db_path: Path) -> dict:
    """The two figures, built as the pages build them (not timed)."""
    db = open_database(db_path)
    extent = map_extent(COUNTRY)
    shapes = parse_map_shapes(
        regions.county_shapes(db, extent), regions.outline_shapes(db)
    )
    values = overview.county_indicator(
        db, ADMIN, extent, "exit_year", YEAR, load_settings()
    )
    county_map = county_indicator_map(
        values,
        shapes,
        indicator="exit_year",
        year=YEAR,
        lang="zh",
        national=True,
        highlight=None,
        source_note="",
    )
    flows = funds.cascade(db, ADMIN, COUNTRY, YEAR, 10)
    sankey = cascade_chart(
        flows, measure="allocated_yuan", year=YEAR, lang="zh", picks={}, source_note=""
    )
    return {"national county map": county_map, "funds cascade": sankey}


def report_items(db_path: Path, built: dict) -> list:
    """Ten national items for the report: the two figures above, six more charts
    and two tables, built as the pages build them (not timed)."""
    db, settings = open_database(db_path), load_settings()
    charts = list(built.values())
    for by in ("source_level", "fund_type", "purpose", "region"):
        rows = funds.breakdown(db, ADMIN, COUNTRY, YEAR, by, ALL)
        charts.append(
            breakdown_chart(
                rows, by=by, year=YEAR, lang="zh", picked=None, source_note=""
            )
        )
    totals = funds.totals_by_year(db, ADMIN, COUNTRY, ALL)
    charts.append(by_year_chart(totals, lang="zh", source_note=""))
    series = overview.headline_series(db, ADMIN, COUNTRY, settings)
    charts.append(funds_trend(series, lang="zh", source_note=""))
    worst = overview.worst_regions(db, ADMIN, COUNTRY, YEAR, settings)
    names = regions.region_names(db, ADMIN, "province")
    tables = worst_region_tables(worst, names, lang="zh")[:2]
    return charts + tables


def report_docx_seconds(items: list, provenance: Provenance) -> tuple[float, int]:
    """Seconds to draw every figure and write the DOCX, and the file's size."""
    started = time.perf_counter()
    blocks = []
    for item in items:
        if isinstance(item, tuple):
            title, table = item
            blocks.append(Table(table, title, "来源：总览"))
        else:
            blocks.append(Figure(figure_image(item), figure_caption(item), "来源"))
    report = Report("全国精准扶贫情况报告", "2026年12月4日", tuple(blocks), provenance)
    size = len(report_docx(report))
    return time.perf_counter() - started, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.exports")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    provenance = Provenance(
        "benchmark", "0", True, "2025-12-31", "全国, 2025", "zh", "now"
    )
    built = figures(args.db)
    rows = []

    started = time.perf_counter()
    figure_file(built["funds cascade"], "png", provenance=provenance)
    first_s = time.perf_counter() - started

    for name, figure in built.items():
        for fmt in FIGURE_FORMATS:
            samples, size = [], 0
            for _ in range(args.repeats):
                started = time.perf_counter()
                size = len(figure_file(figure, fmt, provenance=provenance))
                samples.append(time.perf_counter() - started)
            rows.append(
                {"chart": name, "format": fmt, "bytes": size, **summarise(samples)}
            )

    items = report_items(args.db, built)
    samples, size = [], 0
    for _ in range(max(1, args.repeats // 2)):
        seconds, size = report_docx_seconds(items, provenance)
        samples.append(seconds)
    report = {"items": len(items), "bytes": size, **summarise(samples)}

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump(
        {
            "first_export_s": first_s,
            "rows": rows,
            "report_docx": report,
            "peak_rss_mb": peak_mb,
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
