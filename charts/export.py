"""Print exports: a plotly figure as PNG, SVG or PDF and a table as an Excel workbook,
each carrying the provenance footer (where the numbers come from).

Figures are drawn by kaleido in Debian's Chromium (``/usr/bin/chromium``; kaleido finds
it, or ``BROWSER_PATH`` names another). One browser is started on the first export of
a process (about 3 s) and kept running, so later exports take a fraction of a second.
Nothing is fetched: plotly.js comes from the installed plotly package and MathJax,
which kaleido would load from a CDN, is switched off. Chinese text needs CJK fonts
(Debian's ``fonts-noto-cjk``): without them it renders as boxes.
"""

from __future__ import annotations

import atexit
import io
import logging
import threading
import unicodedata
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from charts.i18n import t

logger = logging.getLogger(__name__)

FIGURE_FORMATS = ("png", "svg", "pdf")
MIME_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}
# 1,200 px at scale 2.5 is 3,000 px wide: 300 dpi across the 25 cm of an A4 page in
# landscape (or 17 cm at 450 dpi upright).
PRINT_WIDTH_PX = 1200
PRINT_SCALE = 2.5
# Printed figures are at least this tall (a chart squeezed into half a page on
# screen would otherwise print as a strip), footer excluded.
MIN_HEIGHT_PX = 600
# Tried in order; Debian's fonts-noto-cjk provides the first.
PRINT_FONTS = "Noto Sans CJK SC, Noto Sans SC, WenQuanYi Micro Hei, sans-serif"
FOOTER_FONT_PX = 13
FOOTER_LINE_PX = 18

_kaleido_lock = threading.Lock()
_kaleido_started = False


@dataclass(frozen=True)
class Provenance:
    """Where an exported file's numbers come from: what every export carries."""

    dataset: str
    version: str
    synthetic: bool
    as_of: str
    filters: str
    lang: str
    generated: str
    # The map approval number (审图号) of a deployment whose boundaries have one.
    approval_number: str = ""

    def lines(self) -> list[str]:
        """The footer, one statement a line."""
        lang = self.lang
        kind = "export.synthetic" if self.synthetic else "export.real"
        lines = [
            t("export.dataset", lang, name=self.dataset, version=self.version)
            + t(kind, lang),
            t("export.as_of", lang, as_of=self.as_of, filters=self.filters),
            t("export.generated", lang, generated=self.generated)
            + t("export.language", lang),
        ]
        if self.approval_number:
            lines.append(t("export.approval", lang, number=self.approval_number))
        return lines

    def text(self) -> str:
        """The footer as one line (a CSV column, a document's caption)."""
        return " ".join(self.lines())


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced view: CJK characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` display columns, at spaces where
    there are any (Chinese has none: it may break between any two characters)."""
    lines, line = [], ""
    for word in _breakable(text):
        if line and display_width(line + word) > width:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _breakable(text: str) -> list[str]:
    """Pieces of ``text`` a line may end after: words with their space, or single
    wide characters."""
    pieces, word = [], ""
    for char in text:
        if unicodedata.east_asian_width(char) in "WF":
            if word:
                pieces.append(word)
                word = ""
            pieces.append(char)
        else:
            word += char
            if char == " ":
                pieces.append(word)
                word = ""
    if word:
        pieces.append(word)
    return pieces


def printable_figure(
    figure: go.Figure, *, provenance: Provenance, width: int = PRINT_WIDTH_PX
) -> go.Figure:
    """A copy of ``figure`` for print: white, in CJK-capable fonts, with the
    provenance footer below everything else."""
    printable = _print_template(go.Figure(figure))
    # About 7.5 px per column of 13 px text.
    lines = [
        part
        for line in provenance.lines()
        for part in wrap(line, int(width / (FOOTER_FONT_PX * 0.58)))
    ]
    margin = printable.layout.margin
    bottom = (margin.b if margin.b is not None else 80) + 12
    extra = FOOTER_LINE_PX * len(lines) + 24
    printable.update_layout(
        font_family=PRINT_FONTS,
        paper_bgcolor="white",
        margin_b=bottom + extra,
        height=max(figure.layout.height or 0, MIN_HEIGHT_PX) + extra,
    )
    printable.add_annotation(
        text="<br>".join(lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-bottom,
        align="left",
        showarrow=False,
        font={"size": FOOTER_FONT_PX, "color": "#555555"},
    )
    return printable


# Colours Streamlit's plotly template uses as placeholders ("#000011", …) for the
# browser to replace with the theme's; printed as they are, they are near-black.
_PLACEHOLDER = "#0000"


def _print_template(figure: go.Figure) -> go.Figure:
    """``figure`` on plotly's white print template when it carries Streamlit's
    (every figure made in the app process does: importing Streamlit makes it the
    default). What the chart sets itself is kept."""
    colorway = figure.layout.template.layout.colorway or ()
    if any(str(colour).lower().startswith(_PLACEHOLDER) for colour in colorway):
        figure.update_layout(template="plotly_white")
    return figure


def figure_file(
    figure: go.Figure,
    fmt: str,
    *,
    provenance: Provenance,
    width: int = PRINT_WIDTH_PX,
) -> bytes:
    """``figure`` as a PNG, SVG or PDF file with the provenance footer, ``width``
    pixels wide (PNG at twice that) and as tall as it is drawn on the page."""
    if fmt not in FIGURE_FORMATS:
        raise ValueError(f"unknown figure format {fmt!r}; use one of {FIGURE_FORMATS}")
    printable = printable_figure(figure, provenance=provenance, width=width)
    options = {"format": fmt, "width": width, "height": printable.layout.height}
    if fmt == "png":
        options["scale"] = PRINT_SCALE
    import kaleido  # a browser driver: loaded by the first export, not by every page

    with _kaleido_lock:
        _start_kaleido(kaleido)
        return kaleido.calc_fig_sync(printable, opts=options)


# A report's figures span the A4 text width (15.6 cm): 1,200 px at scale 1.5 is
# 1,800 px, 300 dpi across it.
REPORT_SCALE = 1.5


def figure_image(
    figure: go.Figure, *, width: int = PRINT_WIDTH_PX, scale: float = REPORT_SCALE
) -> bytes:
    """``figure`` as a PNG for a report page, in print fonts on white and without
    the footer (the document carries it once, on every page)."""
    printable = _print_template(go.Figure(figure))
    printable.update_layout(
        font_family=PRINT_FONTS,
        paper_bgcolor="white",
        height=max(figure.layout.height or 0, MIN_HEIGHT_PX),
    )
    options = {
        "format": "png",
        "width": width,
        "height": printable.layout.height,
        "scale": scale,
    }
    import kaleido

    with _kaleido_lock:
        _start_kaleido(kaleido)
        return kaleido.calc_fig_sync(printable, opts=options)


def _start_kaleido(kaleido) -> None:
    """Keep one kaleido browser for the process (the lock is held)."""
    global _kaleido_started
    if _kaleido_started:
        return
    kaleido.start_sync_server(n=1, timeout=120, mathjax=False, silence_warnings=True)
    atexit.register(kaleido.stop_sync_server, silence_warnings=True)
    _kaleido_started = True
    logger.info("kaleido browser started for figure exports")


def table_xlsx(
    table: pd.DataFrame, *, title: str, provenance: Provenance, sheet: str = ""
) -> bytes:
    """``table`` as an Excel workbook: its title, a bold frozen header, the rows, then
    the provenance footer; a second sheet says where the numbers come from.

    Text stays text: codes and ID numbers keep their leading zeros and all their
    digits, and a value that starts with "=" is written as a string, never as a
    formula Excel would evaluate.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    lang = provenance.lang
    book = Workbook()
    data = book.active
    data.title = _sheet_name(sheet or t("export.sheet_data", lang))
    data.append([title])
    data["A1"].font = Font(bold=True, size=13)
    data.append([str(column) for column in table.columns])
    for cell in data[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    data.freeze_panes = "A3"

    numbers = [_is_number(dtype) for dtype in table.dtypes]
    for row_index, row in enumerate(table.itertuples(index=False), 3):
        for column, (value, number) in enumerate(zip(row, numbers, strict=True), 1):
            value = _cell_value(value)
            if value is None:
                continue
            cell = data.cell(row=row_index, column=column)
            if number:
                cell.value = value
            else:
                cell.value = str(value)
                cell.data_type = "s"  # never a formula, whatever it starts with
                cell.number_format = "@"

    data.append([])
    for line in provenance.lines():
        data.append([line])
        data.cell(row=data.max_row, column=1).font = Font(italic=True, color="555555")

    for index, column in enumerate(table.columns, 1):
        values = [str(column), *map(str, table.iloc[:200, index - 1].tolist())]
        width = max(display_width(v) for v in values) + 2
        data.column_dimensions[get_column_letter(index)].width = min(max(width, 8), 60)

    about = book.create_sheet(_sheet_name(t("export.sheet_about", lang)))
    about.append([t("export.about_title", lang)])
    about["A1"].font = Font(bold=True)
    for line in provenance.lines():
        about.append([line])
    about.column_dimensions["A"].width = 100

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(name: str) -> str:
    # Excel forbids these characters in sheet names and allows 31 characters.
    for char in "[]:*?/\\":
        name = name.replace(char, " ")
    return name[:31]


def _is_number(dtype) -> bool:
    return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(
        dtype
    )


def _cell_value(value):
    """A value openpyxl can write: missing values as empty cells."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value
