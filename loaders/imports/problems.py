"""What is wrong with an import file: one problem per bad value, in both languages.

A problem names the row as the user sees it in the file (the header is row 1) and the
column as the file spells it, so an officer can go straight to the cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.errors import JingzhunError

# code -> (zh, en) message; {placeholders} are filled from the problem's values.
MESSAGES: dict[str, tuple[str, str]] = {
    "too_large": (
        "文件有 {size_mb} MB，超过上限 {limit_mb} MB；请分成几个文件导入。",
        "The file is {size_mb} MB, over the {limit_mb} MB limit; split it into "
        "several files.",
    ),
    "empty_file": ("文件是空的。", "The file is empty."),
    "unknown_format": (
        "不支持的文件类型“{suffix}”；请用 CSV、Excel（.xlsx）、Parquet 或 GeoJSON。",
        "Unsupported file type '{suffix}'; use CSV, Excel (.xlsx), Parquet or GeoJSON.",
    ),
    "not_geojson": (
        "不是 GeoJSON 要素集合（FeatureCollection）：{detail}",
        "Not a GeoJSON FeatureCollection: {detail}",
    ),
    "not_a_point": (
        "几何不是点（Point），而是“{kind}”；村和医疗机构各用一个点。",
        "The geometry is a '{kind}', not a Point; a village or a facility is one "
        "point.",
    ),
    "encoding": (
        "无法识别文件编码（已尝试 UTF-8 和 GB18030/GBK）；请另存为 UTF-8 CSV。",
        "Cannot tell the file's encoding (tried UTF-8 and GB18030/GBK); save it as "
        "UTF-8 CSV.",
    ),
    "unreadable": (
        "无法读取文件：{detail}",
        "Cannot read the file: {detail}",
    ),
    "merged_header": (
        "表头有合并单元格（{cells}）；请取消合并，每列一个表头。",
        "The header has merged cells ({cells}); unmerge them so each column has "
        "one header.",
    ),
    "merged_cells": (
        "有合并单元格（{cells}）；请取消合并并在每个单元格填值。",
        "Merged cells ({cells}); unmerge them and fill every cell.",
    ),
    "formula": (
        "单元格是公式（{formula}）；不计算公式，请粘贴为数值。",
        "The cell holds a formula ({formula}); formulas are not evaluated, paste "
        "the values instead.",
    ),
    "no_rows": ("文件没有数据行。", "The file has no data rows."),
    "duplicate_header": (
        "有两列都对应“{name}”。",
        "Two columns both mean '{name}'.",
    ),
    "unknown_header": (
        "无法识别的列“{header}”；请使用模板中的表头。",
        "Unknown column '{header}'; use the headers of the template.",
    ),
    "missing_column": (
        "缺少必填列“{name}”（{header_zh}）。",
        "Required column '{name}' ({header_zh}) is missing.",
    ),
    "extra_values": (
        "这一行有 {found} 个值，表头只有 {expected} 列。",
        "The row has {found} values but the header has {expected} columns.",
    ),
    "required": ("必填，不能为空。", "Required; may not be empty."),
    "too_long": (
        "长度 {length} 个字符，最多 {max_chars} 个。",
        "{length} characters long; at most {max_chars} allowed.",
    ),
    "bad_id": (
        "“{value}”不是有效编号：只能包含字母、数字、- 和 _，最多 64 个字符。",
        "'{value}' is not a valid ID: letters, digits, - and _ only, at most 64.",
    ),
    "excel_number": (
        "“{value}”是被 Excel 当作数字缩短的编号；请把该列设为文本格式后重新填写。",
        "'{value}' is an ID Excel shortened as a number; format the column as text "
        "and enter it again.",
    ),
    "not_integer": ("“{value}”不是整数。", "'{value}' is not a whole number."),
    "not_number": ("“{value}”不是数字。", "'{value}' is not a number."),
    "out_of_range": (
        "{value} 不在允许范围 {low} 至 {high} 内。",
        "{value} is outside the allowed range {low} to {high}.",
    ),
    "negative_money": (
        "金额 {value} 为负数；金额不能小于 0。",
        "The amount {value} is negative; amounts may not be below 0.",
    ),
    "bad_pct": (
        "百分比 {value} 不在 0 至 100 之间。",
        "The percentage {value} is not between 0 and 100.",
    ),
    "not_bool": (
        "“{value}”不是是/否（可填：是、否、1、0、true、false）。",
        "'{value}' is not yes/no (use yes, no, 1, 0, true, false, 是, 否).",
    ),
    "not_date": (
        "“{value}”不是日期（可填：2024-03-15、2024/3/15、2024年3月15日、Excel 日期）。",
        "'{value}' is not a date (use 2024-03-15, 2024/3/15, or an Excel date).",
    ),
    "date_range": (
        "日期 {value} 不在合理范围 {low} 至 {high} 内。",
        "The date {value} is outside the plausible range {low} to {high}.",
    ),
    "bad_choice": (
        "“{value}”不是可选值；可选：{choices}。",
        "'{value}' is not an allowed value; use one of: {choices}.",
    ),
    "id_length": (
        "身份证号“{value}”有 {length} 位，应为 18 位"
        "（15 位通常是 Excel 截断或旧号码）。",
        "ID number '{value}' has {length} characters, not 18 (15 usually means "
        "Excel cut it short or an old-style number).",
    ),
    "id_format": (
        "身份证号“{value}”格式不对：前 17 位应为数字，最后一位为数字或 X。",
        "ID number '{value}' is malformed: 17 digits then a digit or X.",
    ),
    "id_checksum": (
        "身份证号“{value}”校验位错误（按 GB 11643 应为 {expected}）。",
        "ID number '{value}' has a wrong check digit (GB 11643 gives {expected}).",
    ),
    "id_birth": (
        "身份证号“{value}”中的出生日期无效。",
        "ID number '{value}' holds an invalid birth date.",
    ),
    "unknown_region": (
        "区划代码“{value}”在数据集中不存在（或不是{level_zh}级）。",
        "Region code '{value}' does not exist in the dataset (as a {level}).",
    ),
    "wrong_parent": (
        "“{value}”不属于{parent_column_zh}“{parent}”。",
        "'{value}' does not belong to {parent_column} '{parent}'.",
    ),
    "wrong_level": (
        "类型为“{kind}”的机构应登记在{level_zh}级区划，“{value}”不是。",
        "A facility of kind '{kind}' belongs to a {level} code; '{value}' is not.",
    ),
    "duplicate_in_file": (
        "编号“{value}”在文件中重复（也在第 {first_row} 行）。",
        "ID '{value}' appears twice in the file (also row {first_row}).",
    ),
    "duplicate_in_dataset": (
        "编号“{value}”在数据集中已存在；导入只追加新记录。",
        "ID '{value}' already exists in the dataset; imports only add new records.",
    ),
    "exists_as_region": (
        "代码“{value}”在数据集中已是一个区划。",
        "Code '{value}' already names a region in the dataset.",
    ),
    "village_code_shape": (
        "村代码“{value}”应为 12 位数字，且以所属乡镇代码“{parent}”开头。",
        "Village code '{value}' must be 12 digits starting with its township code "
        "'{parent}'.",
    ),
    "unknown_reference": (
        "“{value}”在数据集中找不到（{target}）。",
        "'{value}' is not in the dataset ({target}).",
    ),
    "before": (
        "{value} 早于“{other}”（{other_value}）。",
        "{value} is earlier than '{other}' ({other_value}).",
    ),
    "greater_than": (
        "{value} 大于“{other}”（{other_value}）。",
        "{value} is larger than '{other}' ({other_value}).",
    ),
    "out_of_scope": (
        "“{value}”不在您的管辖范围（{scope}）内；只能导入本辖区的数据。",
        "'{value}' lies outside your region ({scope}); you may import data of your "
        "own region only.",
    ),
    "not_allowed": (
        "您的角色（{role}）不能导入数据；导入需要管理员或干部账号。",
        "Your role ({role}) may not import data; imports need an admin or official "
        "account.",
    ),
    "unknown_table": (
        "不能导入表“{value}”；可导入：{choices}。",
        "Table '{value}' cannot be imported; importable: {choices}.",
    ),
    "busy": (
        "另一个导入正在进行；请稍后再试。",
        "Another import is running; try again in a moment.",
    ),
    "write_failed": (
        "写入新版本失败，数据集未改变：{detail}",
        "Writing the new version failed; the dataset is unchanged: {detail}",
    ),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import, at a file row and column when it has one."""

    code: str
    row: int | None = None
    column: str | None = None
    values: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str) -> str:
        """What is wrong, without where."""
        zh, en = MESSAGES[self.code]
        return (en if lang == "en" else zh).format(**dict(self.values))

    def where(self, lang: str) -> str:
        parts = []
        if self.row is not None:
            parts.append(f"row {self.row}" if lang == "en" else f"第 {self.row} 行")
        if self.column is not None:
            parts.append(
                f"column '{self.column}'" if lang == "en" else f"“{self.column}”列"
            )
        return (", " if lang == "en" else "，").join(parts)

    def message(self, lang: str) -> str:
        """Where and what, e.g. "Row 3, column 'size': 'abc' is not a whole number."."""
        where = self.where(lang)
        if not where:
            return self.text(lang)
        if lang == "en":
            return f"{where[0].upper()}{where[1:]}: {self.text(lang)}"
        return f"{where}：{self.text(lang)}"


def problem(code: str, row=None, column=None, **values: object) -> Problem:
    """A problem with its message values (converted to text once, here)."""
    if code not in MESSAGES:
        raise KeyError(f"no message for problem {code!r}")
    return Problem(code, row, column, tuple((k, str(v)) for k, v in values.items()))


class ImportRejected(JingzhunError):
    """The file cannot be imported; ``problems`` says why, row by row."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = problems
        self.total = total if total is not None else len(problems)
        first = problems[0]
        more_zh = f"（共 {self.total} 个问题）" if self.total > 1 else ""
        more_en = f" ({self.total} problems in all)" if self.total > 1 else ""
        super().__init__(first.message("zh") + more_zh, first.message("en") + more_en)
