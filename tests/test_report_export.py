"""Reports as DOCX, PPTX and PDF, each opened again with its own library."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from charts.export import Provenance, figure_file, figure_image
from charts.report import (
    Figure,
    Heading,
    Paragraph,
    Report,
    Table,
    cell_text,
    figure_caption,
    report_file,
)

CHROMIUM = Path("/usr/bin/chromium")
TITLE = "张北县脱贫攻坚情况报告"
CHART_TITLE = "下达资金与贫困人口（万元）"


def provenance(lang: str = "zh", **changes) -> Provenance:
    values = {
        "dataset": "jingzhun-demo",
        "version": "0.1.0",
        "synthetic": True,
        "as_of": "2025-12-31",
        "filters": "张北县, 2025",
        "lang": lang,
        "generated": "2026-12-04 05:00",
        "approval_number": "GS(2024)1234号",
    }
    return Provenance(**{**values, **changes})


def bar_figure() -> go.Figure:
    figure = go.Figure(go.Bar(x=["中央", "省级", "县级"], y=[3, 4, 2]))
    return figure.update_layout(title=CHART_TITLE, height=400)


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's chromium at /usr/bin/chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def report(chromium) -> Report:
    figure = bar_figure()
    table = pd.DataFrame(
        {
            "县": ["张北县", "从江县"],
            "下达资金（万元）": [1234.5, 987.0],
            "户数（户）": [1200, None],
        }
    )
    return Report(
        title=TITLE,
        date="2026年12月4日",
        blocks=(
            Heading("一、资金"),
            Paragraph("下表列出各县的下达资金。"),
            Figure(figure_image(figure), figure_caption(figure), "来源：资金使用页"),
            Table(table, "各县下达资金", "来源：资金使用页"),
        ),
        provenance=provenance(),
    )


def test_docx_has_title_east_asian_font_figure_table_units_and_footer(report):
    document = Document(io.BytesIO(report_file(report, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert TITLE in text and "合成演示数据" in text
    assert f"图 1  {CHART_TITLE}" in text  # caption with its unit
    assert "表 1  各县下达资金" in text
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0
    assert round(section.page_height.cm, 1) == 29.7
    assert len(document.inline_shapes) == 1
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "县",
        "下达资金（万元）",
        "户数（户）",
    ]
    assert [c.text for c in table.rows[1].cells] == ["张北县", "1,234.5", "1,200"]
    assert table.rows[2].cells[2].text == "—"
    footer = "\n".join(p.text for p in section.footer.paragraphs)
    assert "jingzhun-demo" in footer and "合成演示数据" in footer
    assert "GS(2024)1234号" in footer and "张北县, 2025" in footer
    fonts = document.element.body.findall(".//" + qn("w:rFonts"))
    assert {f.get(qn("w:eastAsia")) for f in fonts} >= {"黑体", "仿宋", "宋体"}
    normal = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋"


def test_pptx_has_title_slide_figure_table_units_and_footer(report):
    deck = Presentation(io.BytesIO(report_file(report, "pptx")))
    texts = [
        "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        for slide in deck.slides
    ]
    assert TITLE in texts[0] and "合成演示数据" in texts[0]
    assert all("jingzhun-demo" in text for text in texts)
    assert any(f"图 1  {CHART_TITLE}" in text for text in texts)
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 1
    tables = [s.table for slide in deck.slides for s in slide.shapes if s.has_table]
    assert tables[0].cell(0, 1).text == "下达资金（万元）"
    assert tables[0].cell(1, 0).text == "张北县"
    ea = deck.slides[0].shapes[0].text_frame.paragraphs[0].runs[0]._r.rPr
    assert ea.find(qn("a:ea")).get("typeface") == "黑体"


def test_pdf_is_a4_with_chinese_in_its_text_layer(report):
    reader = PdfReader(io.BytesIO(report_file(report, "pdf")))
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)
    # pypdf reads fpdf2's two-byte codes one byte at a time and yields a NUL before
    # each character; the glyph-to-text map itself is exact (人 is 人, not ⼈).
    text = "".join(p.extract_text() for p in reader.pages).replace("\x00", "")
    assert TITLE in text
    assert CHART_TITLE in text
    assert "下达资金（万元）" in text and "张北县" in text
    assert "jingzhun-demo" in text and "GS(2024)1234号" in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("NotoSansCJKSC" in name for name in fonts)
    assert any("/XObject" in page["/Resources"] for page in reader.pages)


def test_english_report_labels(chromium):
    figure = bar_figure().update_layout(title="Money allocated (¥ million)")
    report = Report(
        title="Poverty alleviation in Zhangbei",
        date="4 December 2026",
        blocks=(Figure(figure_image(figure), figure_caption(figure)),),
        provenance=provenance("en"),
    )
    document = Document(io.BytesIO(report_file(report, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Figure 1. Money allocated (¥ million)" in text
    assert "synthetic demo data" in text


def test_chart_with_a_chinese_title_as_pdf_and_png(chromium, tmp_path):
    pdf = figure_file(bar_figure(), "pdf", provenance=provenance())
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    # Chromium maps a few ideographs to their Kangxi-radical twins; none in this title
    # but 资 and 金 are checked as they are, the rest after NFKC.
    import unicodedata

    assert CHART_TITLE.removesuffix("（万元）") in unicodedata.normalize("NFKC", text)
    png = figure_file(bar_figure(), "png", provenance=provenance())
    (tmp_path / "chart.png").write_bytes(png)
    Path("artifacts").mkdir(exist_ok=True)
    Path("artifacts/chinese-title-chart.png").write_bytes(png)  # to look at
    image = Image.open(io.BytesIO(png)).convert("L")
    low, high = image.getextrema()
    assert high - low > 100  # dark text and bars on white, not a blank page
    dark = sum(image.histogram()[:128]) / (image.width * image.height)
    assert 0.005 < dark < 0.5


def test_captions_carry_the_unit_of_the_title_or_the_axis():
    figure = go.Figure().update_layout(
        title="资金下达与支付", yaxis_title="数值（亿元）"
    )
    assert figure_caption(figure) == "资金下达与支付（亿元）"
    figure.update_layout(title="Funds<br><sup>by year</sup>", yaxis_title="¥ (billion)")
    assert figure_caption(figure) == "Funds by year (billion)"
    assert figure_caption(bar_figure()) == CHART_TITLE
    assert figure_caption(go.Figure()) == ""


def test_figures_made_beside_streamlit_print_in_colour(chromium):
    import streamlit.elements.plotly_chart  # noqa: F401  (sets its plotly template)

    figure = bar_figure()
    colours = (
        Image.open(io.BytesIO(figure_image(figure))).convert("RGB").getcolors(1 << 20)
    )
    saturated = sum(n for n, (r, g, b) in colours if max(r, g, b) - min(r, g, b) > 60)
    assert saturated > 10_000  # the bars, in plotly's first colour, not near-black
    assert figure.layout.template.layout.colorway[0].startswith("#0000")  # unchanged


def test_cell_text():
    assert cell_text(1234567.0) == "1,234,567"
    assert cell_text(12.345) == "12.35"
    assert cell_text(float("nan")) == "—"
    assert cell_text(None) == "—"
    assert cell_text("130722") == "130722"
    assert cell_text(pd.NA) == "—"


def test_unknown_format_names_the_known_ones(report):
    with pytest.raises(ValueError, match="docx"):
        report_file(report, "odt")


def test_a_pdf_without_a_chinese_font_says_which_file_it_needs(monkeypatch, tmp_path):
    from charts.report import pdf_font_file

    monkeypatch.setenv("JINGZHUN_PDF_FONT", str(tmp_path / "missing.ttc"))
    with pytest.raises(FileNotFoundError, match="fonts-noto-cjk"):
        pdf_font_file()
