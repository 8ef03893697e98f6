"""Import templates: one header row to fill in, and a sheet explaining each column.

The Excel template formats ID and code columns as text, so Excel keeps the leading
zeros and all 18 digits of an ID number (as a number it would keep 15).
"""

from __future__ import annotations

import io

from loaders.imports.spec import (
    FACILITY_LEVEL,
    FIRST_YEAR,
    LAST_PLANNED_YEAR,
    Field,
    ImportTable,
    meaning,
)

TEXT_KINDS = ("id", "region", "id_number")
TEMPLATE_ROWS = 2000  # rows formatted as text in the ID columns

RULES: dict[str, tuple[str, str]] = {
    "id": (
        "编号：字母、数字、- 和 _，最多 64 位",
        "ID: letters, digits, - and _, up to 64",
    ),
    "region": ("数据集中已有的行政区划代码", "a region code the dataset holds"),
    "id_number": (
        "18 位身份证号，校验位按 GB 11643",
        "18-character ID number with a GB 11643 check digit",
    ),
    "year": (
        f"年份，{FIRST_YEAR}–{LAST_PLANNED_YEAR}",
        f"year, {FIRST_YEAR}–{LAST_PLANNED_YEAR}",
    ),
    "int": ("整数", "whole number"),
    "float": ("数字", "number"),
    "money": ("金额（元），不小于 0", "amount in yuan, not below 0"),
    "pct": ("百分比，0–100", "percentage, 0–100"),
    "bool": ("是/否（是、否、1、0）", "yes/no (yes, no, 1, 0)"),
    "date": (
        "日期：2024-03-15、2024/3/15、2024年3月15日 或 Excel 日期；不晚于导入当天",
        "date: 2024-03-15, 2024/3/15 or an Excel date; not after the day of import",
    ),
    "choice": (
        "可选值之一（代码或中文）",
        "one of the allowed values (code or Chinese)",
    ),
    "text": ("文字", "text"),
}


def header(spec: Field, lang: str) -> str:
    return spec.name if lang == "en" else spec.header_zh


def notes_rows(table: ImportTable) -> list[list[str]]:
    """One row per column: headers, required, rule and meaning in both languages."""
    rows = []
    for spec in table.fields:
        zh, en, unit = meaning(table.name, spec.name)
        rule_zh, rule_en = RULES[spec.kind]
        if spec.low is not None and spec.kind in ("int", "float"):
            rule_zh += f"，{spec.low:g}–{spec.high:g}"
            rule_en += f", {spec.low:g}–{spec.high:g}"
        if spec.derived:
            rule_zh += "；可留空，按上级自动填写"
            rule_en += "; may be left empty, filled from its parent"
        if spec.name == "region_code" and table.name == "facilities":
            levels = ", ".join(f"{k}: {v}" for k, v in FACILITY_LEVEL.items())
            rule_zh += f"（按类型：{levels}）"
            rule_en += f" (by kind: {levels})"
        choices = "; ".join(f"{code} = {label}" for code, label in spec.choices.items())
        rows.append(
            [
                spec.header_zh,
                spec.name,
                "是 / yes" if spec.required else "否 / no",
                rule_zh,
                rule_en,
                zh,
                en,
                unit,
                choices,
            ]
        )
    return rows


NOTES_HEADER = [
    "表头（中文）",
    "header (English)",
    "必填 / required",
    "规则",
    "rule",
    "含义",
    "meaning",
    "单位 / unit",
    "可选值 / allowed values",
]


def template_csv(table: ImportTable, lang: str) -> bytes:
    """The header row as UTF-8 CSV with a BOM (so Excel reads the Chinese)."""
    return (",".join(header(f, lang) for f in table.fields) + "\r\n").encode(
        "utf-8-sig"
    )


def template_xlsx(table: ImportTable, lang: str) -> bytes:
    """A workbook: the data sheet (one header row, ID columns as text) first, then
    the explanation of each column in Chinese and English."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = table.name
    sheet.append([header(f, lang) for f in table.fields])
    for index, spec in enumerate(table.fields, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 18
        sheet.cell(row=1, column=index).font = Font(bold=True)
        if spec.kind in TEXT_KINDS:
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"

    notes = book.create_sheet("说明 Notes")
    notes.append(NOTES_HEADER)
    for row in notes_rows(table):
        notes.append(row)
    for index in range(1, len(NOTES_HEADER) + 1):
        notes.cell(row=1, column=index).font = Font(bold=True)
        notes.column_dimensions[get_column_letter(index)].width = 28
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
