"""Imports: every rule with a hand-made bad file and its exact message in both
languages (the dataset unchanged afterwards), the formats and encodings, and what a
good file changes. Every test works on its own copy of the tiny dataset."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from import_cases import (
    HOUSEHOLD_COLUMNS,
    ZHANGBEI_ALLOCATION,
    ZHANGBEI_PROJECT,
    ZHANGBEI_TOWNSHIP,
    ZHANGBEI_VILLAGE,
    ZHENGDING_VILLAGE,
    csv_text,
    fingerprint,
    household,
    id_number,
)
from known_places import ZHANGBEI
from openpyxl import Workbook, load_workbook

from loaders.audit import AuditLog, read_imports
from loaders.db import Database
from loaders.imports import ImportRejected, run_import
from loaders.imports.check import id_check_digit
from loaders.imports.spec import IMPORT_TABLE_BY_NAME
from loaders.imports.template import template_csv, template_xlsx
from loaders.scope import Scope
from loaders.settings import Settings

ADMIN = Scope("admin")


@pytest.fixture
def dataset(tiny_db_path: Path, tmp_path: Path) -> Path:
    """A private copy of the tiny dataset (never the shared file)."""
    path = tmp_path / "tiny.duckdb"
    shutil.copy(tiny_db_path, path)
    return path


def load(
    dataset: Path,
    table: str,
    data: bytes | str,
    name: str = "file.csv",
    scope: Scope = ADMIN,
    settings: Settings | None = None,
    audit: AuditLog | None = None,
):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return run_import(
        dataset,
        table,
        data,
        name,
        username="tester",
        scope=scope,
        settings=settings or Settings(),
        audit=audit,
    )


def rejected(dataset: Path, table: str, data, name="file.csv", **kw) -> ImportRejected:
    """Import, expect a rejection, and prove the dataset unchanged."""
    before = fingerprint(dataset)
    with pytest.raises(ImportRejected) as caught:
        load(dataset, table, data, name, **kw)
    assert fingerprint(dataset) == before
    assert not list(dataset.parent.glob(f".{dataset.name}.importing*"))
    return caught.value


def scalar(path: Path, sql: str, params=()):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, list(params)).fetchone()[0]


# -- each rule: a bad file, its exact message in both languages --------------------

H = HOUSEHOLD_COLUMNS
RULES = [
    pytest.param(
        "households",
        csv_text([household(1)], columns=[c for c in H if c != "size"]),
        "缺少必填列“size”（家庭人口）。",
        "Required column 'size' (家庭人口) is missing.",
        id="required-column",
    ),
    pytest.param(
        "households",
        csv_text([household(1, status="")]),
        "第 2 行，“status”列：必填，不能为空。",
        "Row 2, column 'status': Required; may not be empty.",
        id="required-value",
    ),
    pytest.param(
        "households",
        csv_text([household(1), household(2, size="four")]),
        "第 3 行，“size”列：“four”不是整数。",
        "Row 3, column 'size': 'four' is not a whole number.",
        id="type-integer",
    ),
    pytest.param(
        "households",
        csv_text([household(1, size="0")]),
        "第 2 行，“size”列：0 不在允许范围 1 至 30 内。",
        "Row 2, column 'size': 0 is outside the allowed range 1 to 30.",
        id="range",
    ),
    pytest.param(
        "households",
        csv_text([household(1, id_number=id_number(1)[:17] + "0")]),
        "第 2 行，“id_number”列：身份证号“130722***********0”校验位错误"
        f"（按 GB 11643 应为 {id_number(1)[17]}）。",
        "Row 2, column 'id_number': ID number '130722***********0' has a wrong "
        f"check digit (GB 11643 gives {id_number(1)[17]}).",
        id="id-check-digit",
    ),
    pytest.param(
        "households",
        csv_text([household(1, id_number="130722800101001")]),
        "第 2 行，“id_number”列：身份证号“130722********1”有 15 位，应为 18 位"
        "（15 位通常是 Excel 截断或旧号码）。",
        "Row 2, column 'id_number': ID number '130722********1' has 15 characters, "
        "not 18 (15 usually means Excel cut it short or an old-style number).",
        id="id-excel-truncated",
    ),
    pytest.param(
        "households",
        csv_text([household(1, id_number="130722" + "19801341" + "0017")]),
        "第 2 行，“id_number”列：身份证号“130722***********7”中的出生日期无效。",
        "Row 2, column 'id_number': ID number '130722***********7' holds an invalid "
        "birth date.",
        id="id-birth-date",
    ),
    pytest.param(
        "households",
        csv_text([household(1, id_number="1.30722E+17")]),
        "第 2 行，“id_number”列：“1.30722E+17”是被 Excel 当作数字缩短的编号；"
        "请把该列设为文本格式后重新填写。",
        "Row 2, column 'id_number': '1.30722E+17' is an ID Excel shortened as a "
        "number; format the column as text and enter it again.",
        id="id-excel-scientific",
    ),
    pytest.param(
        "households",
        csv_text([household(1, village_code="130722999999")]),
        "第 2 行，“village_code”列：区划代码“130722999999”在数据集中不存在"
        "（或不是村级）。",
        "Row 2, column 'village_code': Region code '130722999999' does not exist in "
        "the dataset (as a village).",
        id="region-unknown",
    ),
    pytest.param(
        "households",
        csv_text([{**household(1), "county_code": "130123"}]),
        "第 2 行，“village_code”列：“130722001001”不属于县代码“130123”。",
        "Row 2, column 'village_code': '130722001001' does not belong to county_code "
        "'130123'.",
        id="region-parent",
    ),
    pytest.param(
        "households",
        csv_text([household(1, exit_year="2013")]),
        "第 2 行，“exit_year”列：2013 早于“registered_year”（2014）。",
        "Row 2, column 'exit_year': 2013 is earlier than 'registered_year' (2014).",
        id="years-in-order",
    ),
    pytest.param(
        "households",
        csv_text([household(1, income_per_capita="-5")]),
        "第 2 行，“income_per_capita”列：金额 -5 为负数；金额不能小于 0。",
        "Row 2, column 'income_per_capita': The amount -5 is negative; amounts may "
        "not be below 0.",
        id="money-negative",
    ),
    pytest.param(
        "households",
        csv_text([household(1, status="poor")]),
        "第 2 行，“status”列：“poor”不是可选值；可选：exited (已脱贫), "
        "not_exited (未脱贫), monitored_only (仅监测)。",
        "Row 2, column 'status': 'poor' is not an allowed value; use one of: "
        "exited (已脱贫), not_exited (未脱贫), monitored_only (仅监测).",
        id="choice",
    ),
    pytest.param(
        "households",
        csv_text([household(1), household(1)]),
        "第 3 行，“household_id”列：编号“IMP00000001”在文件中重复（也在第 2 行）。",
        "Row 3, column 'household_id': ID 'IMP00000001' appears twice in the file "
        "(also row 2).",
        id="duplicate-in-file",
    ),
    pytest.param(
        "households",
        csv_text([household(1, household_id="1301230010010024")]),
        "第 2 行，“household_id”列：编号“1301230010010024”在数据集中已存在；"
        "导入只追加新记录。",
        "Row 2, column 'household_id': ID '1301230010010024' already exists in the "
        "dataset; imports only add new records.",
        id="duplicate-in-dataset",
    ),
    pytest.param(
        "households",
        csv_text([household(1, household_id="IMP 1")]),
        "第 2 行，“household_id”列：“IMP 1”不是有效编号：只能包含字母、数字、- 和 _，"
        "最多 64 个字符。",
        "Row 2, column 'household_id': 'IMP 1' is not a valid ID: letters, digits, - "
        "and _ only, at most 64.",
        id="id-format",
    ),
    pytest.param(
        "villages",
        "code,name_zh,township_code,safe_housing_pct\n"
        f"{ZHANGBEI_TOWNSHIP}901,新村,{ZHANGBEI_TOWNSHIP},101\n",
        "第 2 行，“safe_housing_pct”列：百分比 101 不在 0 至 100 之间。",
        "Row 2, column 'safe_housing_pct': The percentage 101 is not between 0 and "
        "100.",
        id="percentage",
    ),
    pytest.param(
        "villages",
        f"code,name_zh,township_code\n130722002901,新村,{ZHANGBEI_TOWNSHIP}\n",
        "第 2 行，“code”列：村代码“130722002901”应为 12 位数字，且以所属乡镇代码"
        "“130722001”开头。",
        "Row 2, column 'code': Village code '130722002901' must be 12 digits "
        "starting with its township code '130722001'.",
        id="village-code-under-township",
    ),
    pytest.param(
        "villages",
        f"code,name_zh,township_code,paved_road\n130722001901,新村,"
        f"{ZHANGBEI_TOWNSHIP},maybe\n",
        "第 2 行，“paved_road”列：“maybe”不是是/否"
        "（可填：是、否、1、0、true、false）。",
        "Row 2, column 'paved_road': 'maybe' is not yes/no (use yes, no, 1, 0, true, "
        "false, 是, 否).",
        id="boolean",
    ),
    pytest.param(
        "fund_allocations",
        "allocation_id,year,source_level,fund_type,purpose,county_code,amount,"
        "allocated_on\nNEW1,2024,central,development,industry,130722,100,2024-02-30\n",
        "第 2 行，“allocated_on”列：“2024-02-30”不是日期（可填：2024-03-15、2024/3/15、"
        "2024年3月15日、Excel 日期）。",
        "Row 2, column 'allocated_on': '2024-02-30' is not a date (use 2024-03-15, "
        "2024/3/15, or an Excel date).",
        id="date-format",
    ),
    pytest.param(
        "fund_allocations",
        "allocation_id,year,source_level,fund_type,purpose,county_code,amount,"
        "allocated_on\nNEW1,2024,central,development,industry,130722,100,1999-05-01\n",
        "第 2 行，“allocated_on”列：日期 1999-05-01 不在合理范围 2010-01-01 至 "
        f"{pd.Timestamp.today().date()} 内。",
        "Row 2, column 'allocated_on': The date 1999-05-01 is outside the plausible "
        f"range 2010-01-01 to {pd.Timestamp.today().date()}.",
        id="date-range",
    ),
    pytest.param(
        "fund_allocations",
        "allocation_id,year,source_level,fund_type,purpose,county_code,amount,"
        "allocated_on\nNEW1,2024,central,development,industry,130722001,100,"
        "2024-02-03\n",
        "第 2 行，“county_code”列：区划代码“130722001”在数据集中不存在（或不是县级）。",
        "Row 2, column 'county_code': Region code '130722001' does not exist in the "
        "dataset (as a county).",
        id="region-level",
    ),
    pytest.param(
        "fund_disbursements",
        "disbursement_id,allocation_id,paid_on,amount\nNEWD1,NOSUCH,2024-05-01,10\n",
        "第 2 行，“allocation_id”列：“NOSUCH”在数据集中找不到（fund_allocations）。",
        "Row 2, column 'allocation_id': 'NOSUCH' is not in the dataset "
        "(fund_allocations).",
        id="foreign-key",
    ),
    pytest.param(
        "projects",
        "project_id,county_code,name_zh,category,stage,progress_pct\n"
        "NEWP1,130722,新项目,planting,started,120\n",
        "第 2 行，“progress_pct”列：百分比 120 不在 0 至 100 之间。",
        "Row 2, column 'progress_pct': The percentage 120 is not between 0 and 100.",
        id="progress-percentage",
    ),
    pytest.param(
        "projects",
        "project_id,county_code,village_code,name_zh,category,stage\n"
        f"NEWP1,{ZHANGBEI},{ZHENGDING_VILLAGE},新项目,planting,started\n",
        "第 2 行，“village_code”列：“130123001001”不属于县代码“130722”。",
        "Row 2, column 'village_code': '130123001001' does not belong to county_code "
        "'130722'.",
        id="project-village-in-county",
    ),
    pytest.param(
        "facilities",
        "facility_id,kind,name_zh,region_code\nNEWF1,village_clinic,卫生室,130722\n",
        "第 2 行，“region_code”列：类型为“village_clinic”的机构应登记在村级区划，"
        "“130722”不是。",
        "Row 2, column 'region_code': A facility of kind 'village_clinic' belongs to "
        "a village code; '130722' is not.",
        id="facility-level",
    ),
    pytest.param(
        "households",
        csv_text([household(1)]).replace("household_id", "household_no"),
        "第 1 行：无法识别的列“household_no”；请使用模板中的表头。",
        "Row 1: Unknown column 'household_no'; use the headers of the template.",
        id="unknown-header",
    ),
]


@pytest.mark.parametrize(("table", "text", "zh", "en"), RULES)
def test_each_rule_names_the_row_and_column_in_both_languages(
    dataset, table, text, zh, en
):
    error = rejected(dataset, table, text)
    messages = [(p.message("zh"), p.message("en")) for p in error.problems]
    assert (zh, en) in messages, messages


def test_every_problem_is_collected_not_just_the_first(dataset):
    rows = [
        household(1, size="x"),
        household(2, status=""),
        household(3, id_number="123"),
        household(4, village_code="999"),
    ]
    error = rejected(dataset, "households", csv_text(rows))
    found = {(p.row, p.column, p.code) for p in error.problems}
    assert found >= {
        (2, "size", "not_integer"),
        (3, "status", "required"),
        (4, "id_number", "id_length"),
        (5, "village_code", "unknown_region"),
    }
    assert error.total == len(error.problems) == 4


def test_the_report_is_capped_but_the_total_counted(dataset):
    rows = [household(n, size="x") for n in range(1, 31)]
    settings = dataclasses.replace(Settings(), import_max_problems=10)
    error = rejected(dataset, "households", csv_text(rows), settings=settings)
    assert len(error.problems) == 10 and error.total == 30
    assert [p.row for p in error.problems] == list(range(2, 12))


# -- scope and roles -----------------------------------------------------------------


def test_an_official_imports_inside_their_region_only(dataset):
    zhangbei = Scope("official", ZHANGBEI)
    text = csv_text([household(1), household(2, village_code=ZHENGDING_VILLAGE)])
    error = rejected(dataset, "households", text, scope=zhangbei)
    assert [p.message("en") for p in error.problems] == [
        "Row 3, column 'village_code': '130123001001' lies outside your region "
        "(130722); you may import data of your own region only."
    ]
    done = load(dataset, "households", csv_text([household(1)]), scope=zhangbei)
    assert done.rows == 1
    # A provincial official covers every county of the province.
    hebei = Scope("official", "130000")
    assert load(dataset, "households", csv_text([household(9)]), scope=hebei).rows == 1


def test_an_official_cannot_pay_out_of_another_county(dataset):
    text = (
        "disbursement_id,allocation_id,paid_on,amount\n"
        "NEWD1,A13012320140000000,2024-05-01,10\n"
    )
    error = rejected(
        dataset, "fund_disbursements", text, scope=Scope("official", ZHANGBEI)
    )
    assert error.problems[0].code == "out_of_scope"


@pytest.mark.parametrize("role", ["public", "auditor"])
def test_public_and_auditors_cannot_import(dataset, role):
    error = rejected(dataset, "households", csv_text([household(1)]), scope=Scope(role))
    assert error.problems[0].code == "not_allowed"
    assert "may not import" in error.en and "不能导入" in error.zh


def test_only_the_importable_tables(dataset):
    error = rejected(dataset, "regions", "code\n1\n")
    assert error.problems[0].code == "unknown_table"


# -- reading ------------------------------------------------------------------------


def chinese_households(rows: int = 2) -> str:
    header = ",".join(IMPORT_TABLE_BY_NAME["households"].field(c).header_zh for c in H)
    lines = [",".join(household(n)[c] for c in H) for n in range(1, rows + 1)]
    return "\n".join([header, *lines]) + "\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_encodings_and_chinese_headers(dataset, encoding):
    text = chinese_households().replace("illness", "因病")
    done = load(dataset, "households", text.encode(encoding))
    assert done.rows == 2
    cause = scalar(
        dataset,
        "SELECT main_cause FROM households WHERE household_id = ?",
        ["IMP00000001"],
    )
    assert cause == "illness"


def test_an_unknown_encoding_fails_loudly(dataset):
    error = rejected(dataset, "households", b"household_id\n\xff\xfe\xff\n")
    assert error.problems[0].message("en").startswith("Cannot tell the file's encoding")


def test_full_width_digits_and_letters_are_normalised(dataset):
    full = str.maketrans("0123456789IMP", "０１２３４５６７８９ＩＭＰ")
    row = household(1)
    row = {k: v.translate(full) if k != "status" else v for k, v in row.items()}
    done = load(dataset, "households", csv_text([row]))
    assert done.rows == 1
    assert (
        scalar(
            dataset, "SELECT size FROM households WHERE household_id = 'IMP00000001'"
        )
        == 4
    )


def excel(rows: list[list], merged: str | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merged:
        sheet.merge_cells(merged)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_excel_with_dates_serials_and_text_ids(dataset):
    import datetime as dt

    header = [
        "allocation_id",
        "year",
        "source_level",
        "fund_type",
        "purpose",
        "county_code",
        "amount",
        "allocated_on",
        "disclosed_on",
    ]
    data = excel(
        [
            header,
            [
                "X1",
                2024,
                "central",
                "development",
                "industry",
                ZHANGBEI,
                1000.5,
                dt.datetime(2024, 3, 1),
                45352,
            ],  # 45352 is 2024-03-01 as an Excel serial
        ]
    )
    assert load(dataset, "fund_allocations", data, "a.xlsx").rows == 1
    on = scalar(
        dataset, "SELECT disclosed_on FROM fund_allocations WHERE allocation_id = 'X1'"
    )
    assert str(on) == "2024-03-01"


def test_excel_merged_header_cells_are_reported(dataset):
    data = excel([["household_id", "", "size"], ["IMP1", "x", "3"]], merged="A1:B1")
    error = rejected(dataset, "households", data, "h.xlsx")
    assert error.problems[0].message("en") == (
        "The header has merged cells (A1:B1); unmerge them so each column has one "
        "header."
    )


def test_excel_formulas_are_never_evaluated(dataset):
    row = household(1)
    data = excel(
        [list(H), [*(row[c] for c in H[:2]), "=1+3", *(row[c] for c in H[3:])]]
    )
    error = rejected(dataset, "households", data, "h.xlsx")
    assert error.problems[0].message("en") == (
        "Row 2, column 'size': The cell holds a formula (=1+3); formulas are not "
        "evaluated, paste the values instead."
    )


def test_excel_rows_keep_their_numbers_and_every_formula_is_found():
    """Rows are numbered as the sheet shows them (a blank row included), merged
    cells below the header are reported, and the later cells of a shared formula
    (stored without their text) are caught as well as the first."""
    import zipfile

    from loaders.imports.read import read_file

    data = excel(
        [["a", "b", "c"], ["x", "1", "=1+3"], [], ["y", "2", "=C2*2"], ["z", "", ""]],
        merged="B5:C5",
    )
    source, shared = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(shared, "w") as target:
        for entry in source.infolist():
            body = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(
                    b"<f>1+3</f>", b'<f t="shared" ref="C2:C4" si="0">1+3</f>'
                )
                body = body.replace(b"<f>C2*2</f>", b'<f t="shared" si="0"/>')
            target.writestr(entry, body)

    table = read_file(shared.getvalue(), "f.xlsx", max_mb=10)
    assert table.row_numbers == [2, 4, 5]
    assert [row[:2] for row in table.rows] == [["x", "1"], ["y", "2"], ["z", None]]
    found = [(p.code, p.row, dict(p.values).get("formula")) for p in table.problems]
    assert found == [
        ("merged_cells", None, None),
        ("formula", 2, "=1+3"),
        ("formula", 4, "=1+3"),
    ]


def test_excel_id_numbers_stored_as_numbers_are_caught(dataset):
    row = household(1)
    values = [row[c] for c in H]
    values[H.index("id_number")] = float(row["id_number"])
    error = rejected(dataset, "households", excel([list(H), values]), "h.xlsx")
    assert error.problems[0].code == "excel_number"
    assert error.problems[0].column == "id_number"


def test_parquet(dataset):
    frame = pd.DataFrame([household(n) for n in (1, 2)]).astype({"size": "int64"})
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    assert load(dataset, "households", buffer.getvalue(), "h.parquet").rows == 2


def geojson(*features: dict) -> bytes:
    collection = {"type": "FeatureCollection", "features": list(features)}
    return json.dumps(collection).encode()


def clinic(facility_id: str, geometry: dict | None) -> dict:
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "facility_id": facility_id,
            "kind": "village_clinic",
            "name_zh": "新卫生室",
            "region_code": ZHANGBEI_VILLAGE,
        },
    }


def test_geojson_points_become_rows_with_their_coordinates(dataset):
    point = {"type": "Point", "coordinates": [114.71, 41.15]}
    done = load(dataset, "facilities", geojson(clinic("GEOF1", point)), "f.geojson")
    assert done.rows == 1
    lon, lat = scalar(
        dataset,
        "SELECT [lon, lat] FROM facilities WHERE facility_id = 'GEOF1'",
    )
    assert (lon, lat) == pytest.approx((114.71, 41.15))


def test_a_geojson_feature_that_is_not_a_point_is_named(dataset):
    point = {"type": "Point", "coordinates": [114.71, 41.15]}
    area = {"type": "Polygon", "coordinates": [[[114, 41], [115, 41], [114, 42]]]}
    error = rejected(
        dataset,
        "facilities",
        geojson(clinic("GEOF1", point), clinic("GEOF2", area)),
        "f.geojson",
    )
    assert [(p.code, p.row) for p in error.problems] == [("not_a_point", 2)]
    assert error.problems[0].text("en") == (
        "The geometry is a 'Polygon', not a Point; a village or a facility is one "
        "point."
    )
    assert error.problems[0].text("zh").startswith("几何不是点（Point），而是“Polygon”")


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "h.csv", "empty_file"),
        (b"household_id,size\n", "h.csv", "no_rows"),
        (b"a", "h.json", "unknown_format"),
        (b"PK\x03\x04broken", "h.xlsx", "unreadable"),
        (b"not parquet", "h.parquet", "unreadable"),
        (b"{not json", "f.geojson", "not_geojson"),
        (b'{"type": "Feature"}', "f.geojson", "not_geojson"),
        (b"household_id\nA,B,C\n", "h.csv", "extra_values"),
    ],
)
def test_broken_files(dataset, data, name, code):
    assert rejected(dataset, "households", data, name).problems[0].code == code


def test_the_file_size_limit(dataset):
    settings = dataclasses.replace(Settings(), import_max_file_mb=0.0001)
    error = rejected(
        dataset, "households", csv_text([household(1)] * 3), settings=settings
    )
    assert error.problems[0].code == "too_large"


# -- what a good import changes -------------------------------------------------------


def test_a_good_import_adds_rows_refreshes_summaries_and_logs(dataset, tmp_path):
    audit = AuditLog(tmp_path / "audit.sqlite")
    before = scalar(
        dataset,
        "SELECT registered_households FROM county_facts WHERE county_code = ?",
        [ZHANGBEI],
    )
    done = load(
        dataset,
        "households",
        csv_text([household(n) for n in range(1, 6)]),
        audit=audit,
    )
    assert (done.rows, done.version) == (5, "1.0.0+import.1")
    county = scalar(
        dataset,
        "SELECT count(*) FROM households WHERE county_code = ? "
        "AND household_id LIKE 'IMP%'",
        [ZHANGBEI],
    )
    assert county == 5  # derived from the village
    after = scalar(
        dataset,
        "SELECT registered_households FROM county_facts WHERE county_code = ?",
        [ZHANGBEI],
    )
    assert after == before + 5
    with duckdb.connect(str(dataset), read_only=True) as con:
        log = con.execute(
            "SELECT username, table_name, rows, result, file_sha256 FROM import_log"
        ).fetchall()
    assert log == [("tester", "households", 5, "imported", done.file_sha256)]
    attempts = read_imports(audit, ADMIN)
    assert attempts["result"].tolist() == ["imported"]
    rejected(dataset, "households", csv_text([household(1)]), audit=audit)
    assert read_imports(audit, ADMIN)["result"].tolist() == ["rejected", "imported"]


def test_the_new_version_is_scored_before_the_import_returns(dataset):
    """The Households page's per-county scores of the new version are ready when the
    import ends (the build does the same), so no visitor computes them."""
    from loaders.queries.households import COUNTS, _cache_path

    done = load(dataset, "households", csv_text([household(n) for n in (1, 2)]))
    assert done.phases["households"] > 0
    db = Database(dataset)
    try:
        for kind in COUNTS:
            assert _cache_path(db, Settings(), kind).exists(), kind
    finally:
        db.close()


def test_a_new_village_becomes_a_region_with_its_county(dataset):
    text = (
        "村代码,村名,乡镇代码,户数,人口,贫困村,地形\n"
        f"{ZHANGBEI_TOWNSHIP}901,新建村,{ZHANGBEI_TOWNSHIP},120,400,是,山区\n"
    )
    assert load(dataset, "villages", text).rows == 1
    with duckdb.connect(str(dataset), read_only=True) as con:
        region = con.execute(
            "SELECT level, name_zh, parent_code, county_code "
            "FROM regions WHERE code = '130722001901'"
        ).fetchone()
        village = con.execute(
            "SELECT county_code, city_code, terrain, "
            "poverty_village FROM villages "
            "WHERE code = '130722001901'"
        ).fetchone()
    assert region == ("village", "新建村", ZHANGBEI_TOWNSHIP, ZHANGBEI)
    assert village == (ZHANGBEI, "130700", "mountain", True)
    # A household may now live there.
    row = household(1, village_code="130722001901")
    assert load(dataset, "households", csv_text([row])).rows == 1


def test_payments_and_projects_and_facilities(dataset):
    load(
        dataset,
        "projects",
        "project_id,county_code,village_code,name_zh,category,stage,budget,"
        f"start_on\nNEWP1,{ZHANGBEI},{ZHANGBEI_VILLAGE},新项目,养殖,开工,50000,"
        "2024年3月5日\n",
    )
    load(
        dataset,
        "fund_disbursements",
        "disbursement_id,allocation_id,project_id,paid_on,amount\n"
        f'NEWD1,{ZHANGBEI_ALLOCATION},NEWP1,2024/4/1,"1,200.50"\n'
        f"NEWD2,{ZHANGBEI_ALLOCATION},{ZHANGBEI_PROJECT},20240402,10\n",
    )
    load(
        dataset,
        "facilities",
        "facility_id,kind,name_zh,region_code,beds\n"
        f"NEWF1,village_clinic,新卫生室,{ZHANGBEI_VILLAGE},2\n",
    )
    with duckdb.connect(str(dataset), read_only=True) as con:
        paid = con.execute(
            "SELECT amount FROM fund_disbursements WHERE disbursement_id = 'NEWD1'"
        ).fetchone()[0]
        facts = con.execute(
            "SELECT count(*) FROM payment_facts WHERE disbursement_id LIKE 'NEWD%'"
        ).fetchone()[0]
        clinic = con.execute(
            "SELECT county_code FROM facilities WHERE facility_id = 'NEWF1'"
        ).fetchone()[0]
        version = con.execute("SELECT version FROM dataset_info").fetchone()[0]
    assert float(paid) == 1200.5 and facts == 2 and clinic == ZHANGBEI
    assert version == "1.0.0+import.3"


def test_id_check_digit_agrees_with_the_standard():
    # The worked example of GB 11643-1999.
    assert id_check_digit("11010519491231002") == "X"


# -- templates -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_excel_template_round_trips(dataset, lang):
    table = IMPORT_TABLE_BY_NAME["households"]
    book = load_workbook(io.BytesIO(template_xlsx(table, lang)))
    data, notes = book.worksheets
    headers = [c.value for c in data[1]]
    assert headers == [f.name if lang == "en" else f.header_zh for f in table.fields]
    id_col = headers.index("id_number" if lang == "en" else "户主身份证号") + 1
    assert data.cell(row=2, column=id_col).number_format == "@"
    assert data.cell(row=2, column=1).number_format == "@"
    explained = {row[1].value: row for row in notes.iter_rows(min_row=2)}
    assert set(explained) == {f.name for f in table.fields}
    assert "GB 11643" in explained["id_number"][4].value  # the English rule

    row = household(1)
    for index, field in enumerate(table.fields, start=1):
        data.cell(row=2, column=index, value=row.get(field.name))
    buffer = io.BytesIO()
    book.save(buffer)
    assert load(dataset, "households", buffer.getvalue(), "t.xlsx").rows == 1


def test_the_csv_template_has_one_header_row():
    text = template_csv(IMPORT_TABLE_BY_NAME["villages"], "zh").decode("utf-8-sig")
    assert text.splitlines() == [
        ",".join(f.header_zh for f in IMPORT_TABLE_BY_NAME["villages"].fields)
    ]


def test_summaries_after_an_import_equal_a_full_refresh(dataset, tmp_path):
    from loaders.summaries import refresh_summaries

    load(
        dataset,
        "fund_allocations",
        "allocation_id,year,source_level,fund_type,purpose,county_code,amount,"
        f"allocated_on\nNEWA1,2024,central,development,industry,{ZHANGBEI},5000,"
        "2024-02-03\n",
    )
    load(
        dataset,
        "fund_disbursements",
        "disbursement_id,allocation_id,project_id,paid_on,amount\n"
        "NEWD1,NEWA1,,2024-04-01,300\n"
        f"NEWD2,{ZHANGBEI_ALLOCATION},{ZHANGBEI_PROJECT},2024-04-02,10\n",
    )
    load(dataset, "households", csv_text([household(1)]))
    full = tmp_path / "full.duckdb"
    shutil.copy(dataset, full)
    with duckdb.connect(str(full)) as con:
        refresh_summaries(con)
    for table in (
        "county_year_facts",
        "county_facts",
        "allocation_facts",
        "payment_facts",
    ):
        assert (
            fingerprint(dataset)["tables"][table] == fingerprint(full)["tables"][table]
        ), table


def test_excel_rows_are_numbered_as_excel_shows_them(dataset):
    bad = household(2, size="x")
    data = excel([list(H), [household(1)[c] for c in H], [], [bad[c] for c in H]])
    error = rejected(dataset, "households", data, "h.xlsx")
    assert [(p.row, p.column) for p in error.problems] == [(4, "size")]


def test_values_looked_up_as_nan_are_written_as_missing():
    from loaders.imports.write import _texts

    assert _texts([None, float("nan"), "130100", 7]) == [None, None, "130100", "7"]


def test_the_command_line(dataset, tmp_path, capsys):
    from loaders.__main__ import main

    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(csv_text([household(1)]), encoding="utf-8")
    bad.write_text(csv_text([household(2, size="x")]), encoding="utf-8")
    assert main(["import", "households", str(good), "--db", str(dataset)]) == 0
    assert "1 rows imported into households" in capsys.readouterr().out
    before = fingerprint(dataset)
    assert (
        main(["import", "--table", "households", str(bad), "--db", str(dataset)]) == 2
    )
    err = capsys.readouterr().err
    assert "第 2 行，“size”列：“x”不是整数。" in err
    assert "Row 2, column 'size': 'x' is not a whole number." in err
    assert fingerprint(dataset) == before

    template = tmp_path / "villages.xlsx"
    assert main(["template", "villages", str(template), "--lang", "en"]) == 0
    headers = [c.value for c in load_workbook(template).worksheets[0][1]]
    assert headers[:3] == ["code", "name_zh", "name_en"]
