"""Read an import file into rows of text: CSV (UTF-8, UTF-8 with BOM, GB18030/GBK),
Excel (.xlsx, values only, never formulas), Parquet and GeoJSON points.

Everything comes out as NFKC-normalised, stripped text (or None for an empty cell),
each row with its number as the user sees it in the file, so the checks can say
"row 7" and mean the row the officer sees. Files are read from memory: an upload is
never written to disk.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from loaders.imports.problems import ImportRejected, Problem, problem

SUFFIXES = (".csv", ".txt", ".xlsx", ".parquet", ".geojson")


@dataclass
class RawTable:
    """The header and data rows of a file, as text."""

    headers: list[str]
    rows: list[list[str | None]]
    row_numbers: list[int]
    problems: list[Problem] = field(default_factory=list)


def read_file(data: bytes, name: str, *, max_mb: float) -> RawTable:
    """Read ``data`` (the bytes of a file called ``name``); raise
    :class:`ImportRejected` when the file as a whole cannot be read."""
    size_mb = len(data) / 1e6
    if size_mb > max_mb:
        raise ImportRejected(
            [problem("too_large", size_mb=f"{size_mb:.1f}", limit_mb=f"{max_mb:g}")]
        )
    if not data:
        raise ImportRejected([problem("empty_file")])
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in (".csv", ".txt"):
        table = _read_csv(data)
    elif suffix == ".xlsx":
        table = _read_excel(data)
    elif suffix == ".parquet":
        table = _read_parquet(data)
    elif suffix == ".geojson":
        table = _read_geojson(data)
    else:
        raise ImportRejected([problem("unknown_format", suffix=suffix or name)])
    if not table.rows:
        raise ImportRejected([*table.problems, problem("no_rows")])
    return table


def clean(value: object) -> str | None:
    """A cell as stripped NFKC text (full-width digits and letters made plain)."""
    if value is None:
        return None
    text = str(value)
    if text.isascii() and text.isprintable():  # most cells: nothing to normalise
        return text.strip() or None
    text = unicodedata.normalize("NFKC", text).strip()
    # NUL and other control characters never belong in a value.
    text = "".join(ch for ch in text if ch >= " " or ch == "\t").strip()
    return text or None


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK); else fail."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRejected([problem("encoding")])


def _read_csv(data: bytes) -> RawTable:
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportRejected([problem("unreadable", detail=str(error))]) from None
    if not records:
        raise ImportRejected([problem("empty_file")])
    headers = [clean(h) or "" for h in records[0]]
    while headers and not headers[-1]:
        headers.pop()
    table = RawTable(headers, [], [])
    # Rows are numbered as a spreadsheet shows the file: the header is row 1.
    for number, record in enumerate(records[1:], start=2):
        values = [clean(v) for v in record]
        if not any(values):
            continue
        if len(values) > len(headers) and any(values[len(headers) :]):
            table.problems.append(
                problem(
                    "extra_values", row=number, found=len(values), expected=len(headers)
                )
            )
            continue
        values = (values + [None] * len(headers))[: len(headers)]
        table.rows.append(values)
        table.row_numbers.append(number)
    return table


def _excel_text(value: object) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if abs(value) >= 1e15:
            # Excel keeps 15 significant digits: show what Excel shows, so the
            # checks can say the ID was shortened.
            return f"{value:.5E}"
        return repr(value)
    return clean(value)


def _read_excel(data: bytes) -> RawTable:
    """The first sheet's cached values, read by calamine (Rust; about ten times
    openpyxl's streaming reader on 100 k rows). Nothing is ever calculated: a cell
    that holds a formula is found in the sheet's XML and rejected."""
    from python_calamine import CalamineError, load_workbook

    try:
        book = load_workbook(io.BytesIO(data))
        sheet = book.get_sheet_by_index(0)
        # From A1, empty rows included, so that row i is the sheet's row i + 1.
        grid = sheet.to_python(skip_empty_area=False)
        merged = [_range_name(r) for r in sheet.merged_cell_ranges or []]
        formulas = _formulas(data)
    except (CalamineError, OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        detail = f"{type(error).__name__}: {error}"[:200]
        raise ImportRejected([problem("unreadable", detail=detail)]) from None
    in_header = [r for r in merged if _first_row(r) == 1]
    if in_header:
        raise ImportRejected([problem("merged_header", cells=", ".join(in_header))])
    problems = []
    if merged:
        problems.append(problem("merged_cells", cells=", ".join(merged[:10])))

    headers = [clean(v) or "" for v in (grid[0] if grid else [])]
    while headers and not headers[-1]:
        headers.pop()
    table = RawTable(headers, [], [], problems)
    for number, cells in enumerate(grid[1:], start=2):
        values = [_excel_text(v) for v in cells[: len(headers)]]
        for position, column in enumerate(headers):
            formula = formulas.get((number, position))
            if formula is not None:
                table.problems.append(
                    problem("formula", row=number, column=column, formula=formula)
                )
                values[position] = None
        extra = [v for v in cells[len(headers) :] if v not in (None, "")]
        if not any(values) and not extra:
            continue
        if extra:
            table.problems.append(
                problem(
                    "extra_values",
                    row=number,
                    found=len(headers) + len(extra),
                    expected=len(headers),
                )
            )
            continue
        table.rows.append((values + [None] * len(headers))[: len(headers)])
        table.row_numbers.append(number)
    return table


def _range_name(cell_range: tuple[tuple[int, int], tuple[int, int]]) -> str:
    """((0, 0), (0, 1)) as Excel writes it: A1:B1."""
    from openpyxl.utils.cell import get_column_letter  # with the Excel reader only

    (top, left), (bottom, right) = cell_range
    start = f"{get_column_letter(left + 1)}{top + 1}"
    return f"{start}:{get_column_letter(right + 1)}{bottom + 1}"


# Read with patterns, not an XML parser: the file is untrusted and the patterns
# cannot expand entities. Attributes may come in any order; prefixes (x:c) occur.
FIRST_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"')
RELATION = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
ATTRIBUTE = re.compile(rb'(\w+)="([^"]*)"')
ANY_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
FORMULA_CELL = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*>\s*'
    rb"<(?:\w+:)?f\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?f>)",
    re.S,
)


def _formulas(data: bytes) -> dict[tuple[int, int], str]:
    """(row number, column index) → "=formula" for every formula cell of the first
    sheet. A shared formula's later cells show the first cell's text."""
    from openpyxl.utils.cell import column_index_from_string

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(_first_sheet_path(archive))
    found, shared = {}, {}
    if not ANY_FORMULA.search(xml):  # most files: one quick pass
        return found
    for column, row, attributes, text in FORMULA_CELL.findall(xml):
        attrs = dict(ATTRIBUTE.findall(attributes))
        formula = html.unescape(text.decode("utf-8", "replace"))
        if b"si" in attrs:
            formula = shared.setdefault(attrs[b"si"], formula) or formula
        position = column_index_from_string(column.decode()) - 1
        found[(int(row), position)] = f"={formula}"[:60]
    return found


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    """Where the workbook's first sheet is stored, from its relationships."""
    first = FIRST_SHEET.search(archive.read("xl/workbook.xml"))
    if first is None:
        raise ValueError("the workbook lists no sheet")
    for relation in RELATION.findall(archive.read("xl/_rels/workbook.xml.rels")):
        attrs = dict(ATTRIBUTE.findall(relation))
        if attrs.get(b"Id") == first.group(1):
            target = attrs[b"Target"].decode()
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    raise ValueError("the first sheet has no file in the workbook")


def _first_row(cell_range: str) -> int:
    return int(re.match(r"[A-Z]+(\d+)", cell_range).group(1))


def _read_parquet(data: bytes) -> RawTable:
    import pyarrow.parquet as pq

    try:
        frame = pq.read_table(io.BytesIO(data)).to_pandas()
    except Exception as error:  # pyarrow raises several types for a broken file
        detail = f"{type(error).__name__}: {error}"[:200]
        raise ImportRejected([problem("unreadable", detail=detail)]) from None
    headers = [clean(h) or "" for h in frame.columns]
    table = RawTable(headers, [], [])
    columns = [frame[c].tolist() for c in frame.columns]
    for index, values in enumerate(zip(*columns, strict=True)):
        # A Parquet file has no header row; number rows as a spreadsheet would.
        table.rows.append([_parquet_text(v) for v in values])
        table.row_numbers.append(index + 2)
    return table


def _parquet_text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    try:
        import pandas as pd

        if value is pd.NaT or value is pd.NA:
            return None
        if isinstance(value, pd.Timestamp):
            return _excel_text(value.to_pydatetime())
    except TypeError:
        pass
    return _excel_text(value)


def _read_geojson(data: bytes) -> RawTable:
    """A FeatureCollection of points (villages, facilities): each feature is a row of
    its properties, with the point's coordinates as the ``lon`` and ``lat`` columns.
    Features are numbered from 1, as a GIS attribute table shows them."""
    try:
        collection = json.loads(decode(data))
    except ValueError as error:
        detail = str(error)[:200]
        raise ImportRejected([problem("not_geojson", detail=detail)]) from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list) or collection.get("type") != "FeatureCollection":
        detail = 'no "type": "FeatureCollection" with a "features" list'
        raise ImportRejected([problem("not_geojson", detail=detail)])
    records, problems = [], []
    for number, feature in enumerate(features, start=1):
        feature = feature if isinstance(feature, dict) else {}
        properties = feature.get("properties")
        record = dict(properties) if isinstance(properties, dict) else {}
        geometry = feature.get("geometry")
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        point = geometry.get("coordinates") if kind == "Point" else None
        if isinstance(point, list) and len(point) >= 2:
            record["lon"], record["lat"] = point[0], point[1]
        else:
            problems.append(problem("not_a_point", row=number, kind=str(kind)[:40]))
        records.append(record)
    headers = list(dict.fromkeys(key for record in records for key in record))
    table = RawTable([clean(h) or "" for h in headers], [], [], problems)
    for number, record in enumerate(records, start=1):
        table.rows.append([_excel_text(record.get(h)) for h in headers])
        table.row_numbers.append(number)
    return table
