"""Reports: headings, paragraphs, figures and tables written as one DOCX, PPTX or PDF
in an official style (A4, title, date, numbered captions with units and source, the
provenance footer on every page).

A report is a list of blocks; the three writers lay the same blocks out in their own
format. Figures arrive as PNG bytes (``charts.export.figure_image``) and tables as
display-ready DataFrames whose headers carry their units.

Fonts: Word and PowerPoint files name their fonts and the reader's machine draws them,
so they name the fonts every Chinese Windows and WPS installation has (黑体 for titles
and headings, 仿宋 for text, 宋体 for tables) through the East Asian font slot; the
PDF embeds a subset of Noto Sans CJK SC from Debian's ``fonts-noto-cjk`` (or the
file named by ``JINGZHUN_PDF_FONT``).
"""

from __future__ import annotations

import io
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from charts.export import Provenance
from charts.i18n import t

REPORT_FORMATS = ("docx", "pptx", "pdf")
REPORT_MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}
# Rows of a table printed in a report; the caption says how many more there are and
# the page's Excel download holds them all.
TABLE_ROWS = 40
SLIDE_TABLE_ROWS = 12

# Word and PowerPoint: (Latin font, East Asian font).
TITLE_FONT = ("Times New Roman", "黑体")
HEADING_FONT = ("Times New Roman", "黑体")
BODY_FONT = ("Times New Roman", "仿宋")
TABLE_FONT = ("Times New Roman", "宋体")

# The PDF's font: the Simplified Chinese face of Debian's Noto Sans CJK collection.
PDF_FONT_FILES = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
)
PDF_FONT_INDEX = 2  # JP, KR, SC, TC, HK: the third face is Simplified Chinese


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Figure:
    """A chart: its PNG, its caption (title with unit) and where it comes from."""

    image: bytes
    caption: str
    source: str = ""


@dataclass(frozen=True)
class Table:
    """A table whose column headers carry their units."""

    frame: pd.DataFrame
    caption: str
    source: str = ""


Block = Heading | Paragraph | Figure | Table


@dataclass(frozen=True)
class Report:
    title: str
    date: str
    blocks: tuple[Block, ...]
    provenance: Provenance


_UNIT = re.compile(r"[（(]([^（()）]+)[）)]\s*$")


def figure_caption(figure: go.Figure) -> str:
    """A figure's title as plain text with its unit: charts state it in the title
    or on the value axis, and a caption taken from the title alone would lose the
    latter (资金下达与支付 → 资金下达与支付（亿元）)."""
    title = _plain(figure.layout.title.text or "")
    axis = _plain(figure.layout.yaxis.title.text or "")
    if not title:
        return axis
    unit = _UNIT.search(axis)
    if unit and not _UNIT.search(title):
        wide = axis[unit.start()] == "（"
        return f"{title}（{unit[1]}）" if wide else f"{title} ({unit[1]})"
    return title


def _plain(text: str) -> str:
    text = re.sub(r"<br\s*/?>", " ", text)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip()


def cell_text(value) -> str:
    """A table cell as printed: thousands separated, at most two decimals, a dash for
    a missing value."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float) or hasattr(value, "item"):
        number = value.item() if hasattr(value, "item") else value
        if isinstance(number, float):
            if math.isnan(number):
                return "—"
            if number.is_integer() and abs(number) < 1e15:
                return f"{int(number):,}"
            return f"{number:,.2f}".rstrip("0").rstrip(".")
        if isinstance(number, int):
            return f"{number:,}"
        return str(number)
    if pd.isna(value) if not isinstance(value, str) else False:
        return "—"
    return str(value)


def numbered(report: Report) -> list[tuple[Block, str]]:
    """Each block with its printed label: 图 1 / 表 1 (Figure 1 / Table 1)."""
    lang, out, counts = report.provenance.lang, [], {"figure": 0, "table": 0}
    for block in report.blocks:
        label = ""
        if isinstance(block, Figure | Table):
            kind = "figure" if isinstance(block, Figure) else "table"
            counts[kind] += 1
            label = t(
                f"report.{kind}_label", lang, n=counts[kind], caption=block.caption
            )
        out.append((block, label))
    return out


def _rows_note(frame: pd.DataFrame, limit: int, lang: str) -> str:
    if len(frame) <= limit:
        return ""
    return t("report.rows_shown", lang, shown=limit, total=f"{len(frame):,}")


# Word ------------------------------------------------------------------------------


def report_docx(report: Report) -> bytes:
    """The report as a Word document: A4 with the margins of GB/T 9704, a centred
    title and date, numbered figures and tables, the provenance footer on every
    page."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    text_width = Cm(21.0 - 2.8 - 2.6)

    normal = document.styles["Normal"]
    _docx_font(normal, BODY_FONT, Pt(12))
    for name in ("Heading 1", "Heading 2", "Title"):
        style = document.styles[name]
        _docx_font(style, HEADING_FONT, Pt(16 if name == "Heading 1" else 14))
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.bold = True

    title = document.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _docx_run(title.add_run(report.title), TITLE_FONT, Pt(22))
    date = document.add_paragraph()
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _docx_run(date.add_run(report.date), BODY_FONT, Pt(12))
    if report.provenance.synthetic:
        label = document.add_paragraph()
        label.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = label.add_run(t("report.synthetic_label", report.provenance.lang))
        _docx_run(run, HEADING_FONT, Pt(12))

    lang = report.provenance.lang
    for block, label in numbered(report):
        if isinstance(block, Heading):
            heading = document.add_heading(level=min(block.level, 2))
            _docx_run(heading.add_run(block.text), HEADING_FONT, None)
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(24)
            _docx_run(paragraph.add_run(block.text), BODY_FONT, None)
        elif isinstance(block, Figure):
            document.add_picture(io.BytesIO(block.image), width=text_width)
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _docx_caption(document, label, block.source)
        else:
            _docx_caption(document, label, "")
            frame = block.frame.head(TABLE_ROWS)
            table = document.add_table(rows=1, cols=len(frame.columns))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, column in zip(table.rows[0].cells, frame.columns, strict=True):
                _docx_cell(cell, str(column), bold=True)
            for row in frame.itertuples(index=False):
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    _docx_cell(cell, cell_text(value))
            note = " ".join(
                part
                for part in (_rows_note(block.frame, TABLE_ROWS, lang), block.source)
                if part
            )
            _docx_caption(document, "", note)

    footer = section.footer.paragraphs[0]
    for index, line in enumerate(report.provenance.lines()):
        run = footer.add_run(("\n" if index else "") + line)
        _docx_run(run, BODY_FONT, Pt(8))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_font(style, fonts: tuple[str, str], size) -> None:
    style.font.name = fonts[0]
    style.font.size = size
    _east_asian(style.element, fonts[1])


def _docx_run(run, fonts: tuple[str, str], size) -> None:
    run.font.name = fonts[0]
    if size is not None:
        run.font.size = size
    _east_asian(run._element, fonts[1])


def _east_asian(element, font: str) -> None:
    """Name the East Asian font (w:eastAsia): without it Word draws Chinese in a
    fallback chosen by the reader's machine."""
    from docx.oxml.ns import qn

    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)


def _docx_caption(document, label: str, source: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if not (label or source):
        return
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if label:
        _docx_run(paragraph.add_run(label), HEADING_FONT, Pt(10.5))
    if source:
        run = paragraph.add_run(("\n" if label else "") + source)
        _docx_run(run, TABLE_FONT, Pt(9))


def _docx_cell(cell, text: str, *, bold: bool = False) -> None:
    from docx.shared import Pt

    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    _docx_run(run, TABLE_FONT, Pt(9))


# PowerPoint ------------------------------------------------------------------------


def report_pptx(report: Report) -> bytes:
    """The report as a 16:9 deck: a title slide, a slide per figure and per table
    (long tables over several), text slides for the paragraphs under a heading, the
    provenance line at the foot of every slide."""
    from pptx import Presentation
    from pptx.util import Emu, Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    blank = deck.slide_layouts[6]
    lang, footer = report.provenance.lang, report.provenance.text()

    def slide(title: str):
        page = deck.slides.add_slide(blank)
        _pptx_text(page, title, Inches(0.5), Inches(0.3), Inches(12.3), Pt(24), True)
        _pptx_text(page, footer, Inches(0.5), Inches(6.75), Inches(12.3), Pt(9), False)
        return page

    first = deck.slides.add_slide(blank)
    _pptx_text(
        first, report.title, Inches(0.8), Inches(2.3), Inches(11.7), Pt(36), True
    )
    lines = [report.date]
    if report.provenance.synthetic:
        lines.append(t("report.synthetic_label", lang))
    _pptx_text(
        first, "\n".join(lines), Inches(0.8), Inches(3.6), Inches(11.7), Pt(18), False
    )
    _pptx_text(
        first,
        "\n".join(report.provenance.lines()),
        Inches(0.8),
        Inches(5.4),
        Inches(11.7),
        Pt(11),
        False,
    )

    heading, text = report.title, []

    def flush() -> None:
        if text:
            page = slide(heading)
            _pptx_text(
                page,
                "\n".join(text),
                Inches(0.6),
                Inches(1.2),
                Inches(12.1),
                Pt(16),
                False,
            )
            text.clear()

    for block, label in numbered(report):
        if isinstance(block, Heading):
            flush()
            heading = block.text
        elif isinstance(block, Paragraph):
            text.append(block.text)
        elif isinstance(block, Figure):
            flush()
            page = slide(label)
            width, height = _png_size(block.image)
            box_w, box_h = Inches(12.3), Inches(5.0)
            scale = min(box_w / width, box_h / height)
            picture_w, picture_h = Emu(int(width * scale)), Emu(int(height * scale))
            left = Emu(int((deck.slide_width - picture_w) / 2))
            page.shapes.add_picture(
                io.BytesIO(block.image), left, Inches(1.2), picture_w, picture_h
            )
            if block.source:
                _pptx_text(
                    page,
                    block.source,
                    Inches(0.5),
                    Inches(6.3),
                    Inches(12.3),
                    Pt(10),
                    False,
                )
        else:
            flush()
            frame = block.frame.head(TABLE_ROWS)
            for start in range(0, max(len(frame), 1), SLIDE_TABLE_ROWS):
                chunk = frame.iloc[start : start + SLIDE_TABLE_ROWS]
                page = slide(label)
                _pptx_table(page, chunk, Inches(0.5), Inches(1.2), Inches(12.3))
            note = " ".join(
                p
                for p in (_rows_note(block.frame, TABLE_ROWS, lang), block.source)
                if p
            )
            if note:
                _pptx_text(
                    page, note, Inches(0.5), Inches(6.3), Inches(12.3), Pt(10), False
                )
    flush()
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _pptx_text(slide, text, left, top, width, size, bold: bool):
    from pptx.util import Inches

    box = slide.shapes.add_textbox(left, top, width, Inches(0.6))
    frame = box.text_frame
    frame.word_wrap = True
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        _pptx_font(run, HEADING_FONT if bold else BODY_FONT, size, bold)
    return box


def _pptx_font(run, fonts: tuple[str, str], size, bold: bool) -> None:
    run.font.size = size
    run.font.bold = bold
    run.font.name = fonts[0]
    # The East Asian slot (a:ea): PowerPoint draws Chinese with it.
    properties = run._r.get_or_add_rPr()
    for tag in ("a:ea",):
        element = properties.find(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}ea"
        )
        if element is None:
            from pptx.oxml.xmlchemy import OxmlElement

            element = OxmlElement(tag)
            properties.append(element)
        element.set("typeface", fonts[1])


def _pptx_table(slide, frame: pd.DataFrame, left, top, width) -> None:
    from pptx.util import Inches, Pt

    rows, columns = len(frame) + 1, max(len(frame.columns), 1)
    shape = slide.shapes.add_table(rows, columns, left, top, width, Inches(0.4) * rows)
    table = shape.table
    for column, name in enumerate(frame.columns):
        _pptx_cell(table.cell(0, column), str(name), Pt(11), True)
    for row, values in enumerate(frame.itertuples(index=False), 1):
        for column, value in enumerate(values):
            _pptx_cell(table.cell(row, column), cell_text(value), Pt(11), False)


def _pptx_cell(cell, text: str, size, bold: bool) -> None:
    frame = cell.text_frame
    frame.paragraphs[0].text = ""
    run = frame.paragraphs[0].add_run()
    run.text = text
    _pptx_font(run, TABLE_FONT, size, bold)


def _png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


# PDF -------------------------------------------------------------------------------


def pdf_font_file() -> Path:
    """The CJK font the PDF embeds: ``$JINGZHUN_PDF_FONT`` or Debian's Noto Sans CJK."""
    named = os.environ.get("JINGZHUN_PDF_FONT")
    candidates = (Path(named),) if named else PDF_FONT_FILES
    for path in candidates:
        if path.is_file():
            return path
    raise FileNotFoundError(
        "no CJK font for PDF reports: install Debian's fonts-noto-cjk or set "
        "JINGZHUN_PDF_FONT to a .ttf/.otf/.ttc file (looked at "
        f"{', '.join(map(str, candidates))})"
    )


def report_pdf(report: Report) -> bytes:
    """The report as an A4 PDF with a subset of Noto Sans CJK SC embedded (its text
    layer maps every glyph to its ideograph, so the text can be searched and
    copied), the provenance footer and page number on every page."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    font_file = pdf_font_file()
    footer_lines = report.provenance.lines()
    lang = report.provenance.lang

    class Document(FPDF):
        def footer(self) -> None:
            self.set_y(-8 - 3.6 * len(footer_lines))
            self.set_font("cjk", size=7)
            self.set_text_color(90, 90, 90)
            for line in footer_lines:
                self.multi_cell(0, 3.6, line, new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 3.6, f"{self.page_no()}", align="C")
            self.set_text_color(0, 0, 0)

    pdf = Document(format="A4")
    pdf.set_margins(28, 30, 26)
    pdf.set_auto_page_break(True, margin=22 + 3.6 * len(footer_lines))
    index = PDF_FONT_INDEX if font_file.suffix.lower() == ".ttc" else 0
    pdf.add_font("cjk", fname=str(font_file), collection_font_number=index)
    pdf.set_title(report.title)
    pdf.set_creator("Jingzhun")
    pdf.add_page()
    pdf.set_font("cjk", size=20)
    pdf.multi_cell(0, 11, report.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=11)
    pdf.cell(0, 8, report.date, align="C", new_x="LMARGIN", new_y="NEXT")
    if report.provenance.synthetic:
        label = t("report.synthetic_label", lang)
        pdf.cell(0, 7, label, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    width = pdf.epw
    for block, label in numbered(report):
        if isinstance(block, Heading):
            pdf.ln(3)
            pdf.set_font("cjk", size=15 if block.level == 1 else 13)
            pdf.multi_cell(0, 8, block.text, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("cjk", size=11)
        elif isinstance(block, Paragraph):
            pdf.set_font("cjk", size=11)
            pdf.multi_cell(0, 6.5, block.text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif isinstance(block, Figure):
            w, h = _png_size(block.image)
            height = width * h / w
            if pdf.get_y() + height + 14 > pdf.page_break_trigger:
                pdf.add_page()
            pdf.image(io.BytesIO(block.image), w=width, h=height)
            _pdf_caption(pdf, label, block.source)
        else:
            _pdf_caption(pdf, label, "")
            frame = block.frame.head(TABLE_ROWS)
            pdf.set_font("cjk", size=8)
            heading = FontFace(emphasis=None, fill_color=(221, 228, 238))
            with pdf.table(
                headings_style=heading, line_height=4.6, text_align="LEFT"
            ) as table:
                table.row([str(c) for c in frame.columns])
                for values in frame.itertuples(index=False):
                    table.row([cell_text(v) for v in values])
            note = " ".join(
                p
                for p in (_rows_note(block.frame, TABLE_ROWS, lang), block.source)
                if p
            )
            _pdf_caption(pdf, "", note)
    return bytes(pdf.output())


def _pdf_caption(pdf, label: str, source: str) -> None:
    if label:
        pdf.set_font("cjk", size=10)
        pdf.multi_cell(0, 5.5, label, align="C", new_x="LMARGIN", new_y="NEXT")
    if source:
        pdf.set_font("cjk", size=8)
        pdf.set_text_color(90, 90, 90)
        pdf.multi_cell(0, 4.5, source, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.ln(3)


WRITERS = {"docx": report_docx, "pptx": report_pptx, "pdf": report_pdf}


def report_file(report: Report, fmt: str) -> bytes:
    """The report in ``fmt`` (docx, pptx or pdf)."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown report format {fmt!r}; use one of {REPORT_FORMATS}")
    return WRITERS[fmt](report)
