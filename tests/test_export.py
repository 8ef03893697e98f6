"""Print exports: figures as PNG, SVG and PDF through kaleido, tables as Excel."""

from __future__ import annotations

import io
import os
import unicodedata
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from charts.export import (
    Provenance,
    display_width,
    figure_file,
    printable_figure,
    table_xlsx,
    wrap,
)

CHROMIUM = Path("/usr/bin/chromium")
TITLE = "下达资金（万元）"


def provenance(lang: str = "zh", **changes) -> Provenance:
    values = {
        "dataset": "jingzhun-demo",
        "version": "0.1.0",
        "synthetic": True,
        "as_of": "2025-12-31",
        "filters": "河北省, 2025",
        "lang": lang,
        "generated": "2026-12-04 05:00",
    }
    return Provenance(**{**values, **changes})


def bar_figure() -> go.Figure:
    figure = go.Figure(go.Bar(x=["中央", "省级"], y=[3, 4]))
    return figure.update_layout(title=TITLE, height=400)


@pytest.fixture(scope="module")
def kaleido_browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's chromium at /usr/bin/chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")


class TestProvenance:
    def test_synthetic_data_says_so_in_both_languages(self):
        assert "合成演示数据" in provenance().text()
        assert "synthetic demo data" in provenance("en").text()

    def test_real_data_does_not_claim_to_be_synthetic(self):
        text = provenance(synthetic=False).text()
        assert "合成" not in text and "jingzhun-demo" in text

    def test_it_names_the_version_filters_and_time(self):
        text = provenance().text()
        for part in ("0.1.0", "2025-12-31", "河北省, 2025", "2026-12-04 05:00"):
            assert part in text

    def test_the_approval_number_appears_only_when_set(self):
        assert "审图号" not in provenance().text()
        assert (
            "审图号：GS(2024)1234号"
            in provenance(approval_number="GS(2024)1234号").text()
        )


class TestWrap:
    def test_chinese_counts_two_columns_a_character(self):
        assert display_width("河北 ab") == 7

    @pytest.mark.parametrize(
        "text", ["数据截至 2025-12-31；筛选：河北省, 2025。" * 4, "word " * 40]
    )
    def test_lines_stay_within_the_width_and_lose_nothing(self, text):
        lines = wrap(text, 30)
        assert len(lines) > 1
        assert all(display_width(line) <= 30 for line in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


class TestPrintableFigure:
    def test_the_footer_sits_below_the_plot_and_the_original_is_untouched(self):
        figure = bar_figure()
        printable = printable_figure(figure, provenance=provenance())
        footer = printable.layout.annotations[-1]
        assert "合成演示数据" in footer.text and footer.y == 0
        assert printable.layout.height > 600 > figure.layout.height
        assert printable.layout.margin.b > 80
        assert not figure.layout.annotations

    def test_an_unknown_format_is_refused(self):
        with pytest.raises(ValueError, match="unknown figure format 'gif'"):
            figure_file(bar_figure(), "gif", provenance=provenance())


@pytest.mark.usefixtures("kaleido_browser")
class TestFigureFile:
    def test_png_is_print_sized(self):
        png = figure_file(bar_figure(), "png", provenance=provenance())
        assert png.startswith(b"\x89PNG")
        width = int.from_bytes(png[16:20], "big")
        assert width == 3000  # 1,200 px at scale 2.5: 300 dpi across 25 cm

    def test_svg_keeps_the_chinese_title_and_the_footer_as_text(self):
        svg = figure_file(bar_figure(), "svg", provenance=provenance()).decode()
        assert TITLE in svg and "合成演示数据" in svg and "jingzhun-demo" in svg

    def test_pdf_text_holds_the_title_and_the_footer(self):
        pdf = figure_file(bar_figure(), "pdf", provenance=provenance("en"))
        pages = PdfReader(io.BytesIO(pdf)).pages
        # NFKC: the font maps some ideographs to their Kangxi-radical twins (⾦ for 金).
        text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in pages))
        assert "Dataset: jingzhun-demo" in text.replace("\n", " ")
        assert TITLE.removesuffix("（万元）") in text


class TestTableXlsx:
    @pytest.fixture
    def book(self):
        table = pd.DataFrame(
            {
                "县代码": ["130722", "522633"],
                "身份证号": ["110101********1234", "=1+1"],
                "下达资金（万元）": [12.5, None],
            }
        )
        data = table_xlsx(table, title="资金下达 · 河北省", provenance=provenance())
        return load_workbook(io.BytesIO(data))

    def test_title_header_rows_and_footer(self, book):
        sheet = book.worksheets[0]
        assert sheet["A1"].value == "资金下达 · 河北省"
        assert [c.value for c in sheet[2]] == ["县代码", "身份证号", "下达资金（万元）"]
        assert sheet["A2"].font.bold and sheet.freeze_panes == "A3"
        assert sheet["C3"].value == 12.5 and sheet["C4"].value is None
        footer = [row[0].value for row in sheet.iter_rows(min_row=6) if row[0].value]
        assert any("合成演示数据" in line for line in footer)

    def test_codes_stay_text_and_formulas_stay_strings(self, book):
        sheet = book.worksheets[0]
        assert sheet["A3"].value == "130722" and sheet["A3"].number_format == "@"
        assert sheet["B4"].value == "=1+1" and sheet["B4"].data_type == "s"

    def test_a_second_sheet_says_where_the_numbers_come_from(self, book):
        about = book.worksheets[1]
        assert about.title == "说明"
        assert "jingzhun-demo" in " ".join(str(c.value) for c in about["A"])
