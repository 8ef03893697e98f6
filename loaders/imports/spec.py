"""What a county may send: the importable tables, their columns and each column's rule.

One definition feeds the reader (which headers are accepted), the checks (what a value
must be), the template (headers and the explanation sheet) and the README. Meanings
come from the data model (:mod:`loaders.schema`); this module adds the rule.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from loaders.schema import TABLE_BY_NAME

# Kinds of value. "id": a key or reference typed by people (letters, digits, - and _);
# "region": a code of the ``regions`` table at ``level``; "id_number": an 18-digit
# resident ID number (GB 11643); "year", "int", "float", "money", "pct", "bool",
# "date", "choice", "text" are what they say.
KINDS = (
    "id",
    "region",
    "id_number",
    "year",
    "int",
    "float",
    "money",
    "pct",
    "bool",
    "date",
    "choice",
    "text",
)

# Dates that record what has happened may not lie after the day of the import;
# planned dates may, up to this year.
LAST_PLANNED_YEAR = 2035
FIRST_YEAR = 2010


@dataclass(frozen=True)
class Field:
    """One importable column and its rule."""

    name: str
    kind: str
    header_zh: str
    required: bool = False
    low: float | None = None
    high: float | None = None
    level: str = ""
    # code -> Chinese label; both are accepted in a file, the code is stored.
    choices: dict[str, str] = field(default_factory=dict, hash=False)
    # Filled from another column when the file leaves it empty (and checked against
    # it when the file gives it).
    derived: bool = False
    planned: bool = False  # a date that may lie in the future
    max_chars: int = 100


@dataclass(frozen=True)
class ImportTable:
    """A table a county may send, keyed on one column."""

    name: str
    key: str
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)


def meaning(table: str, column: str) -> tuple[str, str, str]:
    """The column's meaning (zh, en) and unit from the data model. A village's name
    is kept with the regions (every region has one), so it is looked up there."""
    for source in (table, "regions"):
        for c in TABLE_BY_NAME[source].columns:
            if c.name == column:
                return c.zh, c.en, c.unit
    raise KeyError(f"{table}.{column} is not in the data model")


def stored_columns(table: ImportTable) -> list[str]:
    """The fields that are columns of the table itself (not of ``regions``)."""
    own = {c.name for c in TABLE_BY_NAME[table.name].columns}
    return [f.name for f in table.fields if f.name in own]


STATUS = {"exited": "已脱贫", "not_exited": "未脱贫", "monitored_only": "仅监测"}
CAUSES = {
    "illness": "因病",
    "disability": "因残",
    "schooling": "因学",
    "disaster": "因灾",
    "lack_land": "缺土地",
    "lack_water": "缺水",
    "lack_skills": "缺技术",
    "lack_labour": "缺劳力",
    "lack_funds": "缺资金",
    "poor_transport": "交通条件落后",
    "lack_motivation": "自身发展动力不足",
}
MONITOR_TYPES = {
    "unstable_exited": "脱贫不稳定户",
    "marginal": "边缘易致贫户",
    "sudden_hardship": "突发严重困难户",
}
TERRAIN = {"plain": "平原", "hill": "丘陵", "mountain": "山区", "plateau": "高原"}
FACILITY_KINDS = {
    "county_hospital": "县医院",
    "township_hospital": "乡镇卫生院",
    "village_clinic": "村卫生室",
}
# The region level a facility of each kind is registered at.
FACILITY_LEVEL = {
    "county_hospital": "county",
    "township_hospital": "township",
    "village_clinic": "village",
}
SOURCE_LEVELS = {
    "central": "中央",
    "provincial": "省级",
    "city": "市级",
    "county": "县级",
}
FUND_TYPES = {
    "development": "发展资金",
    "work_for_relief": "以工代赈",
    "ethnic_minority": "少数民族发展",
    "state_farms_forests": "国有贫困农场林场",
    "bridging": "衔接资金",
}
PURPOSES = {
    "industry": "产业发展",
    "infrastructure": "基础设施",
    "housing": "住房安全",
    "education": "教育",
    "health": "健康",
    "employment": "就业",
    "other": "其他",
}
CATEGORIES = {
    "planting": "特色种植",
    "livestock": "养殖",
    "processing": "农产品加工",
    "rural_tourism": "乡村旅游",
    "ecommerce": "电商",
    "photovoltaic": "光伏",
    "workshop": "扶贫车间",
    "infrastructure": "基础设施",
}
STAGES = {
    "library": "入库",
    "approved": "批复",
    "started": "开工",
    "accepted": "验收",
    "completed": "完成",
}
MECHANISMS = {
    "land_rent": "土地流转租金",
    "production_support": "生产奖补",
    "dividends": "资产收益分红",
    "employment": "务工就业",
    "purchase": "订单收购",
    "public_welfare_jobs": "公益岗位",
}


def _year(name: str, zh: str, **kw) -> Field:
    return Field(name, "year", zh, low=FIRST_YEAR, high=LAST_PLANNED_YEAR, **kw)


def _flag(name: str, zh: str, **kw) -> Field:
    return Field(name, "bool", zh, **kw)


def _risk(name: str, zh: str) -> Field:
    return Field(name, "int", zh, low=1, high=5)


IMPORT_TABLES: tuple[ImportTable, ...] = (
    ImportTable(
        "households",
        "household_id",
        (
            Field("household_id", "id", "户编号", required=True),
            Field("village_code", "region", "村代码", required=True, level="village"),
            Field("county_code", "region", "县代码", level="county", derived=True),
            Field("size", "int", "家庭人口", required=True, low=1, high=30),
            Field("labour_count", "int", "劳动力人数", low=0, high=30),
            _year("registered_year", "建档立卡年份"),
            _year("exit_year", "脱贫年份"),
            Field("status", "choice", "状态", required=True, choices=STATUS),
            Field("main_cause", "choice", "主要致贫原因", choices=CAUSES),
            Field("income_per_capita", "money", "人均纯收入"),
            _flag("food_clothing_ok", "不愁吃穿"),
            _flag("education_ok", "义务教育有保障"),
            _flag("medical_insurance_ok", "基本医疗保险"),
            _flag("housing_safe", "住房安全"),
            _flag("water_safe", "饮水安全"),
            _flag("disability", "家中有残疾人"),
            Field("monitor_type", "choice", "监测对象类型", choices=MONITOR_TYPES),
            _year("monitor_since_year", "纳入监测年份"),
            _year("monitor_end_year", "风险消除年份"),
            Field("head_name", "text", "户主姓名", max_chars=40),
            Field("id_number", "id_number", "户主身份证号"),
        ),
    ),
    ImportTable(
        "villages",
        "code",
        (
            Field("code", "id", "村代码", required=True),
            Field("name_zh", "text", "村名", required=True, max_chars=60),
            Field("name_en", "text", "英文名", max_chars=100),
            Field(
                "township_code", "region", "乡镇代码", required=True, level="township"
            ),
            Field("county_code", "region", "县代码", level="county", derived=True),
            _flag("poverty_village", "贫困村"),
            _year("exit_year", "出列年份"),
            Field("terrain", "choice", "地形", choices=TERRAIN),
            Field("remoteness_km", "float", "距县城距离", low=0, high=1000),
            Field("households", "int", "户数", low=0, high=100_000),
            Field("population", "int", "人口", low=0, high=500_000),
            _flag("paved_road", "通硬化路"),
            _flag("bus_service", "通客车"),
            _flag("safe_water", "集中供水"),
            _flag("grid_power", "通动力电"),
            _flag("broadband", "通宽带"),
            Field("safe_housing_pct", "pct", "安全住房户占比"),
            _flag("primary_school", "有小学或教学点"),
            Field("lon", "float", "经度", low=73, high=136),
            Field("lat", "float", "纬度", low=3, high=54),
        ),
    ),
    ImportTable(
        "facilities",
        "facility_id",
        (
            Field("facility_id", "id", "机构编号", required=True),
            Field("kind", "choice", "类型", required=True, choices=FACILITY_KINDS),
            Field("name_zh", "text", "机构名称", required=True, max_chars=60),
            Field("region_code", "region", "所在区划代码", required=True),
            Field("county_code", "region", "县代码", level="county", derived=True),
            Field("lon", "float", "经度", low=73, high=136),
            Field("lat", "float", "纬度", low=3, high=54),
            _flag("standardised", "达到标准化建设"),
            Field("beds", "int", "床位数", low=0, high=10_000),
            Field("doctors", "int", "医生数", low=0, high=10_000),
        ),
    ),
    ImportTable(
        "fund_allocations",
        "allocation_id",
        (
            Field("allocation_id", "id", "下达编号", required=True),
            _year("year", "年度", required=True),
            Field(
                "source_level",
                "choice",
                "资金来源层级",
                required=True,
                choices=SOURCE_LEVELS,
            ),
            Field("fund_type", "choice", "资金类型", required=True, choices=FUND_TYPES),
            Field("purpose", "choice", "用途", required=True, choices=PURPOSES),
            Field("county_code", "region", "县代码", required=True, level="county"),
            Field("amount", "money", "下达金额", required=True),
            Field("allocated_on", "date", "下达日期", required=True),
            Field("disclosed_on", "date", "公告日期"),
            _flag("disclosure_complete", "公告要素齐全"),
        ),
    ),
    ImportTable(
        "fund_disbursements",
        "disbursement_id",
        (
            Field("disbursement_id", "id", "支付编号", required=True),
            Field("allocation_id", "id", "下达编号", required=True),
            Field("project_id", "id", "项目编号"),
            Field("paid_on", "date", "支付日期", required=True),
            Field("amount", "money", "支付金额", required=True),
        ),
    ),
    ImportTable(
        "projects",
        "project_id",
        (
            Field("project_id", "id", "项目编号", required=True),
            Field("county_code", "region", "县代码", required=True, level="county"),
            Field("village_code", "region", "村代码", level="village"),
            Field("name_zh", "text", "项目名称", required=True, max_chars=100),
            Field("category", "choice", "类别", required=True, choices=CATEGORIES),
            Field("stage", "choice", "阶段", required=True, choices=STAGES),
            Field("start_on", "date", "开工日期"),
            Field("planned_end_on", "date", "计划完工日期", planned=True),
            Field("actual_end_on", "date", "实际完工日期"),
            Field("progress_pct", "pct", "进度"),
            Field("budget", "money", "预算"),
            Field("spent", "money", "已支出"),
            Field("beneficiary_households", "int", "受益户数", low=0, high=1_000_000),
            Field(
                "poor_beneficiary_households",
                "int",
                "受益脱贫户数",
                low=0,
                high=1_000_000,
            ),
            Field("benefit_mechanism", "choice", "带贫机制", choices=MECHANISMS),
            _flag("insured", "已投保"),
            _risk("risk_market", "市场风险"),
            _risk("risk_natural", "自然灾害风险"),
            _risk("risk_technical", "技术风险"),
            _risk("risk_management", "管理风险"),
            _risk("risk_policy", "政策风险"),
            Field("library_on", "date", "入库日期"),
            Field("approved_on", "date", "批复日期"),
            Field("completed_on", "date", "完成日期"),
            Field("risk_fund", "money", "风险保障金"),
        ),
    ),
)

IMPORT_TABLE_BY_NAME = {table.name: table for table in IMPORT_TABLES}


def header_aliases(table: ImportTable) -> dict[str, str]:
    """Every accepted header (column name, short Chinese header, the data model's
    Chinese meaning), case-folded, mapped to its column."""
    aliases: dict[str, str] = {}
    for f in table.fields:
        zh, en, _ = meaning(table.name, f.name)
        for header in (f.name, f.header_zh, zh, en):
            aliases.setdefault(normalise_header(header), f.name)
    return aliases


def normalise_header(text: str) -> str:
    """Headers compare without case, spaces, underscores or full-width forms."""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return "".join(ch for ch in folded if ch not in " _-\t\n\r*")
