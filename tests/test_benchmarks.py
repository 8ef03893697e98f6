"""The benchmark's arithmetic: percentiles and the verdict against each budget."""

from __future__ import annotations

import pytest

from benchmarks.pages import summarise
from benchmarks.report import budget_rows, report_markdown


@pytest.mark.parametrize(
    ("samples", "p50", "p95"),
    [
        ([0.1], 100, 100),
        ([0.1, 0.3], 200, 300),
        ([0.2] * 19 + [1.0], 200, 200),
        ([0.1, 0.2, 0.3, 0.4, 0.5], 300, 500),
    ],
)
def test_summarise_reports_milliseconds(samples, p50, p95):
    summary = summarise(samples)
    assert summary["p50_ms"] == pytest.approx(p50)
    assert summary["p95_ms"] == pytest.approx(p95)
    assert summary["n"] == len(samples)


def results(change_ms: float, render_ms: float, size: int, rss: float) -> dict:
    def row(action, cache, ms):
        return {
            "page": "overview",
            "action": action,
            "cache": cache,
            "p50_ms": ms,
            "p95_ms": ms,
            "bytes": size,
            "n": 5,
        }

    return {
        "scale": "demo",
        "benchmark_s": 60,
        "pages": {
            "peak_rss_mb": rss,
            "rows": [
                row("first render", "cold", render_ms),
                row("year change", "cold", change_ms),
                row("year change", "warm", change_ms / 2),
            ],
        },
        "naive": {"load_s": 10, "compute_s": 2.0, "peak_rss_mb": 5000},
        "jingzhun": {"load_s": 0.1, "warm_compute_s": 0.1, "peak_rss_mb": 500},
        "concurrency": {
            "sessions": 2,
            "rounds": 1,
            "wall_s": 3,
            "errors": [],
            "peak_rss_mb": 600,
            "rows": [],
        },
    }


@pytest.mark.parametrize(
    ("change_ms", "render_ms", "size", "rss", "verdicts"),
    [
        (300, 2000, 5_000_000, 1536, ["pass"] * 5),
        (301, 2001, 5_000_001, 1537, ["FAIL", "pass", "FAIL", "FAIL", "FAIL"]),
    ],
)
def test_each_budget_passes_up_to_its_limit(change_ms, render_ms, size, rss, verdicts):
    rows = budget_rows(results(change_ms, render_ms, size, rss))
    assert [verdict for *_, verdict in rows[:5]] == verdicts


def test_making_a_document_is_not_judged_as_a_filter_change():
    measured = results(100, 1000, 1_000, 500)
    pack = dict(measured["pages"]["rows"][1], action="evidence pack (health)")
    measured["pages"]["rows"].append(dict(pack, p95_ms=2500))
    measured["pages"]["rows"].append(dict(pack, cache="warm", p95_ms=900))
    cold, warm = budget_rows(measured)[:2]
    assert (cold[-1], warm[-1]) == ("pass", "pass")


def test_the_report_states_the_ratio_against_the_naive_baseline():
    text = report_markdown(results(100, 1000, 1_000_000, 400))
    assert "20× faster" in text and "10.0× less" in text


@pytest.mark.parametrize(
    ("first_s", "png_ms", "verdict"),
    [(3.0, 3000, "pass (PNG)"), (3.1, 400, "FAIL (PNG)"), (1.0, 3001, "FAIL (PNG)")],
)
def test_the_export_budget_holds_for_the_first_and_the_slowest_png(
    first_s, png_ms, verdict
):
    measured = results(100, 1000, 1_000_000, 400)
    measured["exports"] = {
        "first_export_s": first_s,
        "peak_rss_mb": 300,
        "rows": [
            {
                "chart": "map",
                "format": "png",
                "bytes": 10,
                "p50_ms": 1,
                "p95_ms": png_ms,
            }
            | {"n": 5},
            {"chart": "map", "format": "pdf", "bytes": 10, "p50_ms": 1, "p95_ms": 9e9}
            | {"n": 5},
        ],
    }
    assert budget_rows(measured)[-1][-1] == verdict
    assert "| map | PNG |" in report_markdown(measured)


@pytest.mark.parametrize(("docx_ms", "verdict"), [(15000, "pass"), (15001, "FAIL")])
def test_the_report_budget_holds_for_a_ten_item_docx(docx_ms, verdict):
    measured = results(100, 1000, 1_000_000, 400)
    png = {"chart": "map", "format": "png", "bytes": 10, "p50_ms": 1, "p95_ms": 900}
    measured["exports"] = {
        "first_export_s": 2.0,
        "peak_rss_mb": 300,
        "rows": [png | {"n": 5}],
        "report_docx": {"items": 10, "bytes": 1, "p50_ms": 1, "p95_ms": docx_ms},
    }
    row = budget_rows(measured)[-1]
    assert row[-1] == f"pass (PNG), {verdict} (DOCX)"
    assert f"10-item DOCX {docx_ms:,} ms" in row[2]


def test_without_export_figures_the_budget_says_not_measured():
    assert budget_rows(results(100, 1000, 1_000_000, 400))[-1][2] == "not measured"


def test_the_import_rows_judge_each_format_against_the_target():
    from benchmarks.report import import_lines

    imports = {"rows": 100_000, "target_s": 60.0}
    for fmt, total in (("csv", 12.0), ("xlsx", 61.0)):
        imports |= {
            f"{fmt}_mb": 10.0,
            f"{fmt}_read_s": 1.0,
            f"{fmt}_check_s": 2.0,
            f"{fmt}_write_s": 3.0,
            f"import_{fmt}_s": total,
        }
    lines = import_lines(imports)
    assert lines[1].startswith("| import of 100,000 households")
    assert lines[3].endswith("| 12.0 s | < 60 s (pass) |")
    assert lines[4].endswith("| 61.0 s | < 60 s (FAIL) |")
    assert import_lines(None) == []
