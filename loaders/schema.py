"""The data model (DESIGN.md §3): one definition feeds the DDL and the dictionary."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    zh: str
    en: str
    unit: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    grain_zh: str
    grain_en: str
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...]


def _c(name: str, sql_type: str, zh: str, en: str, unit: str = "") -> Column:
    return Column(name, sql_type, zh, en, unit)


_MONEY = "DECIMAL(18,2)"

TABLES: tuple[Table, ...] = (
    Table(
        "regions",
        "行政区划（省、市、县、乡镇、村）",
        "administrative unit (province, city, county, township, village)",
        ("code",),
        (
            _c("code", "VARCHAR", "行政区划代码", "administrative code"),
            _c(
                "level",
                "VARCHAR",
                "层级",
                "level: province, city, county, township, village",
            ),
            _c("name_zh", "VARCHAR", "中文名称", "name in Chinese"),
            _c(
                "name_en",
                "VARCHAR",
                "英文名称（拼音或官方译名）",
                "name in English (pinyin)",
            ),
            _c("parent_code", "VARCHAR", "上级区划代码", "code of the parent unit"),
            _c("province_code", "VARCHAR", "所属省份代码", "code of the province"),
            _c("city_code", "VARCHAR", "所属地市代码", "code of the city (prefecture)"),
            _c("county_code", "VARCHAR", "所属县代码", "code of the county"),
            _c("lon", "DOUBLE", "经度（GCJ-02）", "longitude (GCJ-02)", "°"),
            _c("lat", "DOUBLE", "纬度（GCJ-02）", "latitude (GCJ-02)", "°"),
            _c("area_km2", "DOUBLE", "面积", "area", "km²"),
        ),
    ),
    Table(
        "region_shapes",
        "省、市、县边界（已简化）及国界、南海十段线",
        "simplified boundary of a province, city or county; national outline; "
        "ten-dash line",
        ("code",),
        (
            _c("code", "VARCHAR", "行政区划代码", "administrative code"),
            _c("level", "VARCHAR", "层级", "level"),
            _c("geojson", "VARCHAR", "边界（GeoJSON，细）", "boundary, GeoJSON, fine"),
            _c(
                "geojson_coarse",
                "VARCHAR",
                "边界（GeoJSON，全国视图）",
                "boundary, GeoJSON, for the national view",
            ),
            _c("wkb", "BLOB", "边界（WKB）", "boundary, WKB"),
        ),
    ),
    Table(
        "counties",
        "县级单位",
        "county-level unit",
        ("code",),
        (
            _c("code", "VARCHAR", "县代码", "county code"),
            _c("province_code", "VARCHAR", "省代码", "province code"),
            _c("city_code", "VARCHAR", "地市代码", "city code"),
            _c(
                "poverty_county",
                "BOOLEAN",
                "是否国家级贫困县",
                "national poverty county",
            ),
            _c(
                "exit_year",
                "INTEGER",
                "脱贫摘帽年份（达标年份）",
                "year the county met the exit criteria",
                "年 / year",
            ),
            _c(
                "contiguous_area",
                "VARCHAR",
                "所属集中连片特困地区",
                "contiguous destitute area, if any",
            ),
            _c(
                "last_batch",
                "BOOLEAN",
                "是否最后一批（挂牌督战）",
                "in the last batch of 52 counties",
            ),
            _c(
                "source",
                "VARCHAR",
                "来源：公开记录或合成",
                "'public record' or 'synthetic'",
            ),
            _c("source_key", "VARCHAR", "参考来源编号", "reference source keys"),
            _c(
                "rural_population",
                "INTEGER",
                "农村人口（合成）",
                "rural population (synthetic)",
                "人 / people",
            ),
        ),
    ),
    Table(
        "villages",
        "行政村",
        "administrative village",
        ("code",),
        (
            _c("code", "VARCHAR", "村代码", "village code"),
            _c("county_code", "VARCHAR", "县代码", "county code"),
            _c("township_code", "VARCHAR", "乡镇代码", "township code"),
            _c("province_code", "VARCHAR", "省代码", "province code"),
            _c("city_code", "VARCHAR", "地市代码", "city code"),
            _c(
                "poverty_village",
                "BOOLEAN",
                "是否建档立卡贫困村",
                "registered poverty village",
            ),
            _c(
                "exit_year",
                "INTEGER",
                "出列年份",
                "year the village exited",
                "年 / year",
            ),
            _c(
                "terrain",
                "VARCHAR",
                "地形：平原、丘陵、山区、高原",
                "terrain: plain, hill, mountain, plateau",
            ),
            _c(
                "remoteness_km",
                "DOUBLE",
                "距县城距离",
                "distance to the county seat",
                "km",
            ),
            _c("households", "INTEGER", "户数", "households", "户 / households"),
            _c("population", "INTEGER", "人口", "population", "人 / people"),
            _c("paved_road", "BOOLEAN", "通硬化路", "hardened road to the village"),
            _c("bus_service", "BOOLEAN", "通客车", "bus service"),
            _c(
                "safe_water",
                "BOOLEAN",
                "集中供水（饮水安全）",
                "safe piped drinking water",
            ),
            _c("grid_power", "BOOLEAN", "通动力电", "grid power for production"),
            _c("broadband", "BOOLEAN", "通宽带", "broadband"),
            _c(
                "safe_housing_pct",
                "DOUBLE",
                "安全住房户占比",
                "households in safe housing",
                "%",
            ),
            _c(
                "primary_school",
                "BOOLEAN",
                "有小学或教学点",
                "primary school or teaching site",
            ),
            _c("lon", "DOUBLE", "经度", "longitude", "°"),
            _c("lat", "DOUBLE", "纬度", "latitude", "°"),
        ),
    ),
    Table(
        "households",
        "建档立卡户及监测户",
        "registered or monitored household",
        ("household_id",),
        (
            _c("household_id", "VARCHAR", "户编号", "household id"),
            _c("village_code", "VARCHAR", "村代码", "village code"),
            _c("county_code", "VARCHAR", "县代码", "county code"),
            _c("size", "INTEGER", "家庭人口", "household members", "人 / people"),
            _c(
                "labour_count",
                "INTEGER",
                "劳动力人数",
                "members able to work",
                "人 / people",
            ),
            _c(
                "registered_year",
                "INTEGER",
                "建档立卡年份（监测户为空）",
                "year registered as poor (empty for monitored-only)",
                "年 / year",
            ),
            _c(
                "exit_year",
                "INTEGER",
                "脱贫年份",
                "year the household exited",
                "年 / year",
            ),
            _c(
                "status",
                "VARCHAR",
                "状态：已脱贫、未脱贫、仅监测",
                "status: exited, not_exited, monitored_only",
            ),
            _c("main_cause", "VARCHAR", "主要致贫原因", "main cause of poverty"),
            _c(
                "income_per_capita",
                _MONEY,
                "人均纯收入（2025年）",
                "income per person (2025)",
                "元 / yuan",
            ),
            _c(
                "food_clothing_ok",
                "BOOLEAN",
                "不愁吃、不愁穿",
                "food and clothing assured",
            ),
            _c(
                "education_ok",
                "BOOLEAN",
                "义务教育有保障",
                "compulsory education assured",
            ),
            _c(
                "medical_insurance_ok",
                "BOOLEAN",
                "基本医疗保险",
                "basic medical insurance",
            ),
            _c("housing_safe", "BOOLEAN", "住房安全有保障", "safe housing"),
            _c("water_safe", "BOOLEAN", "饮水安全", "safe drinking water"),
            _c("disability", "BOOLEAN", "家中有残疾人", "a member has a disability"),
            _c(
                "monitor_type",
                "VARCHAR",
                "监测对象类型",
                "monitored type: unstable_exited, marginal, sudden_hardship",
            ),
            _c(
                "monitor_since_year",
                "INTEGER",
                "纳入监测年份",
                "year monitoring began",
                "年 / year",
            ),
            _c(
                "monitor_end_year",
                "INTEGER",
                "风险消除年份",
                "year the risk was cleared",
                "年 / year",
            ),
            _c(
                "head_name",
                "VARCHAR",
                "户主姓名（按角色脱敏）",
                "head of household (masked by role)",
            ),
            _c(
                "id_number",
                "VARCHAR",
                "户主身份证号（按角色脱敏）",
                "ID number of the head (masked by role)",
            ),
        ),
    ),
    Table(
        "household_checks",
        "跨部门比对记录",
        "cross-system record",
        ("household_id", "source"),
        (
            _c("household_id", "VARCHAR", "户编号", "household id"),
            _c(
                "source",
                "VARCHAR",
                "比对系统：车辆、工商、不动产、存款、财政供养",
                "system: vehicle, business, real_estate, deposits, public_employee",
            ),
            _c("detail", "VARCHAR", "比对结果说明", "what the system recorded"),
            _c("checked_on", "DATE", "比对日期", "date of the check"),
        ),
    ),
    Table(
        "medical_costs",
        "户 × 年医疗费用",
        "household × year medical costs",
        ("household_id", "year"),
        (
            _c("household_id", "VARCHAR", "户编号", "household id"),
            _c("year", "INTEGER", "年份", "year", "年 / year"),
            _c("total_cost", _MONEY, "医疗总费用", "total medical cost", "元 / yuan"),
            _c(
                "insurance_paid",
                _MONEY,
                "医保报销",
                "paid by basic and serious-illness insurance",
                "元 / yuan",
            ),
            _c("medical_aid", _MONEY, "医疗救助", "medical aid", "元 / yuan"),
            _c("out_of_pocket", _MONEY, "个人自付", "out of pocket", "元 / yuan"),
            _c("serious_illness", "BOOLEAN", "大病", "serious illness"),
        ),
    ),
    Table(
        "facilities",
        "医疗卫生机构",
        "health facility",
        ("facility_id",),
        (
            _c("facility_id", "VARCHAR", "机构编号", "facility id"),
            _c(
                "kind",
                "VARCHAR",
                "类型：县医院、乡镇卫生院、村卫生室",
                "kind: county_hospital, township_hospital, village_clinic",
            ),
            _c("name_zh", "VARCHAR", "机构名称", "facility name"),
            _c(
                "region_code",
                "VARCHAR",
                "所在区划代码（县、乡镇或村）",
                "code of the county, township or village it serves",
            ),
            _c("county_code", "VARCHAR", "县代码", "county code"),
            _c("lon", "DOUBLE", "经度", "longitude", "°"),
            _c("lat", "DOUBLE", "纬度", "latitude", "°"),
            _c(
                "standardised",
                "BOOLEAN",
                "达到标准化建设",
                "meets the building standard",
            ),
            _c("beds", "INTEGER", "床位数", "beds", "张 / beds"),
            _c("doctors", "INTEGER", "医生数", "doctors", "人 / people"),
        ),
    ),
    Table(
        "village_doctors",
        "乡村医生",
        "village doctor",
        ("doctor_id",),
        (
            _c("doctor_id", "VARCHAR", "医生编号", "doctor id"),
            _c("village_code", "VARCHAR", "村代码", "village code"),
            _c("facility_id", "VARCHAR", "所在卫生室", "clinic the doctor works in"),
            _c(
                "qualification",
                "VARCHAR",
                "资质：执业医师、执业助理医师、乡村医生证、无",
                "qualification: licensed, assistant, rural_certificate, none",
            ),
            _c("age", "INTEGER", "年龄", "age", "岁 / years"),
        ),
    ),
    Table(
        "fund_allocations",
        "资金下达",
        "allocation of money to a county",
        ("allocation_id",),
        (
            _c("allocation_id", "VARCHAR", "下达编号", "allocation id"),
            _c("year", "INTEGER", "年度", "budget year", "年 / year"),
            _c(
                "source_level",
                "VARCHAR",
                "资金来源层级：中央、省、市、县",
                "source level: central, provincial, city, county",
            ),
            _c("fund_type", "VARCHAR", "资金类型", "fund type"),
            _c("purpose", "VARCHAR", "用途", "purpose"),
            _c("county_code", "VARCHAR", "县代码", "county code"),
            _c("amount", _MONEY, "下达金额", "amount allocated", "元 / yuan"),
            _c("allocated_on", "DATE", "下达日期", "date allocated"),
            _c(
                "disclosed_on",
                "DATE",
                "公告日期（未公告为空）",
                "date disclosed (empty if not)",
            ),
            _c(
                "disclosure_complete",
                "BOOLEAN",
                "公告要素齐全",
                "disclosure has every required field",
            ),
        ),
    ),
    Table(
        "fund_disbursements",
        "资金支付",
        "payment",
        ("disbursement_id",),
        (
            _c("disbursement_id", "VARCHAR", "支付编号", "disbursement id"),
            _c("allocation_id", "VARCHAR", "下达编号", "allocation id"),
            _c("project_id", "VARCHAR", "项目编号", "project id"),
            _c("paid_on", "DATE", "支付日期", "date paid"),
            _c("amount", _MONEY, "支付金额", "amount paid", "元 / yuan"),
        ),
    ),
    Table(
        "projects",
        "扶贫项目",
        "poverty-alleviation project",
        ("project_id",),
        (
            _c("project_id", "VARCHAR", "项目编号", "project id"),
            _c("county_code", "VARCHAR", "县代码", "county code"),
            _c("village_code", "VARCHAR", "村代码", "village code"),
            _c("name_zh", "VARCHAR", "项目名称", "project name"),
            _c("category", "VARCHAR", "类别", "category"),
            _c(
                "stage",
                "VARCHAR",
                "阶段：入库、批复、开工、验收、完成",
                "stage: library, approved, started, accepted, completed",
            ),
            _c("start_on", "DATE", "开工日期", "start date"),
            _c("planned_end_on", "DATE", "计划完工日期", "planned end"),
            _c("actual_end_on", "DATE", "实际完工日期", "actual end"),
            _c("progress_pct", "DOUBLE", "进度", "progress", "%"),
            _c("budget", _MONEY, "预算", "budget", "元 / yuan"),
            _c("spent", _MONEY, "已支出", "spent", "元 / yuan"),
            _c(
                "beneficiary_households",
                "INTEGER",
                "受益户数",
                "households benefiting",
                "户 / households",
            ),
            _c(
                "poor_beneficiary_households",
                "INTEGER",
                "受益脱贫户数",
                "registered households benefiting",
                "户 / households",
            ),
            _c(
                "benefit_mechanism",
                "VARCHAR",
                "带贫机制",
                "how it benefits poor households",
            ),
            _c("insured", "BOOLEAN", "已投保", "insured"),
            _c("risk_market", "INTEGER", "市场风险（1–5）", "market risk (1–5)"),
            _c(
                "risk_natural",
                "INTEGER",
                "自然灾害风险（1–5）",
                "natural-disaster risk (1–5)",
            ),
            _c("risk_technical", "INTEGER", "技术风险（1–5）", "technical risk (1–5)"),
            _c(
                "risk_management", "INTEGER", "管理风险（1–5）", "management risk (1–5)"
            ),
            _c("risk_policy", "INTEGER", "政策风险（1–5）", "policy risk (1–5)"),
            _c("library_on", "DATE", "入库日期", "entered the project library"),
            _c("approved_on", "DATE", "批复日期", "approved on"),
            _c(
                "completed_on",
                "DATE",
                "验收后移交完成日期",
                "completed (handed over after acceptance) on",
            ),
            _c(
                "risk_fund",
                _MONEY,
                "风险保障金",
                "risk guarantee fund set aside",
                "元 / yuan",
            ),
        ),
    ),
    Table(
        "county_year_facts",
        "县 × 年汇总（由基础表计算，导入后重算）",
        "county × year summary (derived from the base tables, refreshed on import)",
        ("county_code", "year"),
        (
            _c("county_code", "VARCHAR", "县代码", "county code"),
            _c("year", "INTEGER", "年份", "year", "年 / year"),
            _c(
                "poor_households",
                "BIGINT",
                "年末未脱贫户数",
                "households still poor at year end",
                "户 / households",
            ),
            _c(
                "poor_people",
                "BIGINT",
                "年末贫困人口",
                "people still poor at year end",
                "人 / people",
            ),
            _c(
                "monitored_households",
                "BIGINT",
                "年末监测户数",
                "households under monitoring at year end",
                "户 / households",
            ),
            _c(
                "exited_villages",
                "BIGINT",
                "累计出列贫困村",
                "poverty villages exited so far",
                "个 / villages",
            ),
            _c(
                "allocated_yuan",
                "DOUBLE",
                "当年下达资金",
                "money allocated in the year",
                "元 / yuan",
            ),
            _c(
                "disbursed_yuan",
                "DOUBLE",
                "当年下达资金中已支付",
                "of that money, paid so far",
                "元 / yuan",
            ),
        ),
    ),
    Table(
        "county_facts",
        "县汇总（当前状态，由基础表计算）",
        "county summary, current state (derived from the base tables)",
        ("county_code",),
        (
            _c("county_code", "VARCHAR", "县代码", "county code"),
            _c(
                "villages",
                "BIGINT",
                "行政村数",
                "administrative villages",
                "个 / villages",
            ),
            _c(
                "poverty_villages",
                "BIGINT",
                "贫困村数",
                "poverty villages",
                "个 / villages",
            ),
            _c(
                "rural_population",
                "BIGINT",
                "农村人口",
                "rural population",
                "人 / people",
            ),
            _c(
                "villages_with_care",
                "BIGINT",
                "有卫生室且有合格村医的村",
                "villages with a clinic and a qualified doctor",
                "个 / villages",
            ),
            _c(
                "registered_households",
                "BIGINT",
                "建档立卡户数",
                "registered households",
                "户 / households",
            ),
            _c(
                "illness_households",
                "BIGINT",
                "因病致贫户数",
                "households poor mainly through illness",
                "户 / households",
            ),
        ),
    ),
    Table(
        "allocation_facts",
        "资金下达汇总（每笔下达一行，由基础表计算，导入后重算）",
        "allocation summary, one row per allocation (derived from the base tables, "
        "refreshed on import)",
        ("allocation_id",),
        (
            _c("allocation_id", "VARCHAR", "下达编号", "allocation id"),
            _c("year", "INTEGER", "年度", "budget year", "年 / year"),
            _c("source_level", "VARCHAR", "资金来源层级", "source level"),
            _c("fund_type", "VARCHAR", "资金类型", "fund type"),
            _c("purpose", "VARCHAR", "用途", "purpose"),
            _c("county_code", "VARCHAR", "县代码", "county code"),
            _c("allocated_yuan", "DOUBLE", "下达金额", "amount allocated", "元 / yuan"),
            _c("allocated_on", "DATE", "下达日期", "date allocated"),
            _c("disclosed_on", "DATE", "公告日期", "date disclosed"),
            _c(
                "disclosure_complete",
                "BOOLEAN",
                "公告要素齐全",
                "disclosure has every required field",
            ),
            _c("disbursed_yuan", "DOUBLE", "已支付", "paid so far", "元 / yuan"),
            _c(
                "spent_yuan",
                "DOUBLE",
                "已支出（付给项目的按项目支出占预算的比例计，未关联项目的支付即计）",
                "spent: payments to a project in the share of its budget it has spent, "
                "payments to no project when paid",
                "元 / yuan",
            ),
            _c("first_paid_on", "DATE", "首笔支付日期", "date of the first payment"),
            _c("last_paid_on", "DATE", "末笔支付日期", "date of the last payment"),
            _c(
                "payments_count",
                "BIGINT",
                "支付笔数",
                "payments",
                "笔 / payments",
            ),
        ),
    ),
    Table(
        "payment_facts",
        "资金支付汇总（每笔支付一行，由基础表计算，导入后重算）",
        "payment summary, one row per payment (derived from the base tables, "
        "refreshed on import)",
        ("disbursement_id",),
        (
            _c("disbursement_id", "VARCHAR", "支付编号", "disbursement id"),
            _c("allocation_id", "VARCHAR", "下达编号", "allocation id"),
            _c(
                "year",
                "INTEGER",
                "下达年度",
                "budget year of the allocation",
                "年 / year",
            ),
            _c("county_code", "VARCHAR", "下达县代码", "county of the allocation"),
            _c("project_id", "VARCHAR", "项目编号", "project id"),
            _c("paid_on", "DATE", "支付日期", "date paid"),
            _c("paid_yuan", "DOUBLE", "支付金额", "amount paid", "元 / yuan"),
            _c(
                "project_county_code",
                "VARCHAR",
                "项目所在县代码",
                "county of the project",
            ),
            _c("project_category", "VARCHAR", "项目类别", "category of the project"),
            _c(
                "project_completed_on",
                "DATE",
                "项目实际完工日期",
                "date the project was completed",
            ),
            _c("project_progress_pct", "DOUBLE", "项目进度", "project progress", "%"),
            _c(
                "project_budget_yuan",
                "DOUBLE",
                "项目预算",
                "project budget",
                "元 / yuan",
            ),
            _c(
                "project_spent_yuan",
                "DOUBLE",
                "项目已支出",
                "project spending",
                "元 / yuan",
            ),
            _c(
                "project_beneficiary_households",
                "INTEGER",
                "项目受益户数",
                "households the project benefits",
                "户 / households",
            ),
            _c(
                "project_poor_beneficiary_households",
                "INTEGER",
                "项目受益脱贫户数",
                "registered households the project benefits",
                "户 / households",
            ),
        ),
    ),
    Table(
        "village_health",
        "行政村卫生服务与就医距离（由基础表计算，导入后重算）",
        "village health services and distance to care (derived from the base "
        "tables, refreshed on import)",
        ("village_code",),
        (
            _c("village_code", "VARCHAR", "村代码", "village code"),
            _c("county_code", "VARCHAR", "县代码", "county code"),
            _c("township_code", "VARCHAR", "乡镇代码", "township code"),
            _c("population", "INTEGER", "人口", "population", "人 / people"),
            _c("clinics_count", "INTEGER", "村卫生室数", "village clinics", "个"),
            _c("doctors_count", "INTEGER", "村医数", "village doctors", "人 / people"),
            _c(
                "qualified_doctors_count",
                "INTEGER",
                "有执业资质的村医数",
                "village doctors with a qualification",
                "人 / people",
            ),
            _c(
                "registered_households",
                "INTEGER",
                "建档立卡户数",
                "registered households",
                "户 / households",
            ),
            _c(
                "illness_households",
                "INTEGER",
                "因病致贫户数",
                "registered households poor mainly through illness",
                "户 / households",
            ),
            _c(
                "nearest_clinic_km",
                "DOUBLE",
                "到最近村卫生室的球面距离（可在邻县）",
                "great-circle distance to the nearest village clinic (may lie in "
                "another county)",
                "km",
            ),
            _c("nearest_clinic_id", "VARCHAR", "最近村卫生室编号", "nearest clinic"),
            _c(
                "nearest_staffed_clinic_km",
                "DOUBLE",
                "到最近有合格村医的村卫生室的球面距离",
                "great-circle distance to the nearest clinic with a qualified doctor",
                "km",
            ),
            _c(
                "nearest_township_hospital_km",
                "DOUBLE",
                "到最近乡镇卫生院的球面距离",
                "great-circle distance to the nearest township hospital",
                "km",
            ),
            _c(
                "nearest_township_hospital_id",
                "VARCHAR",
                "最近乡镇卫生院编号",
                "nearest township hospital",
            ),
            _c(
                "nearest_county_hospital_km",
                "DOUBLE",
                "到最近县级医院的球面距离",
                "great-circle distance to the nearest county hospital",
                "km",
            ),
            _c(
                "nearest_county_hospital_id",
                "VARCHAR",
                "最近县级医院编号",
                "nearest county hospital",
            ),
            _c("lon", "DOUBLE", "经度", "longitude", "°"),
            _c("lat", "DOUBLE", "纬度", "latitude", "°"),
        ),
    ),
    Table(
        "medical_cost_facts",
        "县 × 年 × 自付负担档医疗费用汇总（由基础表计算，导入后重算）",
        "county × year × out-of-pocket burden band summary of medical costs "
        "(derived from the base tables, refreshed on import)",
        ("county_code", "year", "oop_share_band"),
        (
            _c("county_code", "VARCHAR", "县代码", "county code"),
            _c("year", "INTEGER", "年份", "year", "年 / year"),
            _c(
                "oop_share_band",
                "INTEGER",
                "个人自付占家庭年收入的百分比，向上取整（最高 1000）",
                "out of pocket as a percentage of household income, rounded up "
                "(at most 1000)",
                "%",
            ),
            _c(
                "households_count",
                "BIGINT",
                "有医疗费用的户数",
                "households with medical costs",
                "户 / households",
            ),
            _c(
                "serious_count",
                "BIGINT",
                "大病户数",
                "households with a serious illness",
                "户 / households",
            ),
            _c("total_yuan", "DOUBLE", "医疗总费用", "total medical cost", "元 / yuan"),
            _c(
                "insurance_yuan", "DOUBLE", "医保报销", "paid by insurance", "元 / yuan"
            ),
            _c("aid_yuan", "DOUBLE", "医疗救助", "medical aid", "元 / yuan"),
            _c("oop_yuan", "DOUBLE", "个人自付", "out of pocket", "元 / yuan"),
        ),
    ),
    Table(
        "reference_series",
        "公开的全国统计数据",
        "public national figure",
        ("series", "year"),
        (
            _c("series", "VARCHAR", "指标", "series"),
            _c("year", "INTEGER", "年份", "year", "年 / year"),
            _c("value", "DOUBLE", "数值", "value"),
            _c("unit", "VARCHAR", "单位", "unit"),
            _c("status", "VARCHAR", "直接引用或推算", "stated or derived"),
            _c("source", "VARCHAR", "来源", "source"),
        ),
    ),
    Table(
        "dataset_info",
        "数据集说明（一行）",
        "the dataset (one row)",
        ("name",),
        (
            _c("name", "VARCHAR", "数据集名称", "dataset name"),
            _c("synthetic", "BOOLEAN", "是否合成数据", "synthetic"),
            _c("scale", "VARCHAR", "规模", "scale: tiny, demo, national"),
            _c("seed", "INTEGER", "随机种子", "seed"),
            _c("built_at", "TIMESTAMP", "生成时间", "built at"),
            _c("version", "VARCHAR", "版本", "version"),
            _c("as_of", "DATE", "数据截至", "as of"),
            _c("boundary_source", "VARCHAR", "边界数据来源", "boundary data source"),
        ),
    ),
)

TABLE_BY_NAME = {table.name: table for table in TABLES}


def create_table_sql(table: Table) -> str:
    """DDL for one table, without its key (see :func:`primary_key_sql`)."""
    columns = ",\n  ".join(f"{c.name} {c.sql_type}" for c in table.columns)
    return f"CREATE TABLE {table.name} (\n  {columns}\n)"


def primary_key_sql(table: Table) -> str:
    """The statement that adds a table's primary key.

    Keys are added after the bulk load: indexing 30 M rows in one pass is several
    times faster than checking each insert, and it still proves the keys unique.
    """
    return f"ALTER TABLE {table.name} ADD PRIMARY KEY ({', '.join(table.primary_key)})"


def data_dictionary() -> pd.DataFrame:
    """Every column of every table with its meaning and unit, in both languages."""
    rows = [
        {
            "table": table.name,
            "column": column.name,
            "type": column.sql_type,
            "meaning_zh": column.zh,
            "meaning_en": column.en,
            "unit": column.unit,
            "grain_zh": table.grain_zh,
            "grain_en": table.grain_en,
            "primary_key": column.name in table.primary_key,
        }
        for table in TABLES
        for column in table.columns
    ]
    return pd.DataFrame(rows)
