"""``python -m benchmarks.exports --db PATH``: print exports of the largest charts.

The national county map (2,875 counties with their shapes inline, as an export needs
them) and the Funds cascade of the whole country, each as PNG, SVG and PDF through
charts.export, the way a click on an export button makes them: the first export of
the process (which starts the kaleido browser) and then warm ones. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from benchmarks.pages import summarise
from charts.export import FIGURE_FORMATS, Provenance, figure_file
from charts.funds import cascade_chart
from charts.overview import county_indicator_map, parse_map_shapes
from loaders import Scope, load_settings, open_database
from loaders.queries import funds, overview, regions
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

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump(
        {"first_export_s": first_s, "rows": rows, "peak_rss_mb": peak_mb}, sys.stdout
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
