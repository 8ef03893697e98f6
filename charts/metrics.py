"""One registry of metrics: label in both languages, unit and number kind.

Loader columns and map indicators are named by these keys, so a number is labelled and
formatted the same way on every page and in every export.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    key: str
    zh: str
    en: str
    # Number kind understood by charts.numbers.format_value.
    kind: str
    unit_zh: str
    unit_en: str
    description_zh: str = ""
    description_en: str = ""

    def label(self, lang: str) -> str:
        """The metric's name in the user's language."""
        return self.en if lang == "en" else self.zh

    def unit(self, lang: str) -> str:
        """The unit in the user's language."""
        return self.unit_en if lang == "en" else self.unit_zh

    def title(self, lang: str) -> str:
        """Label with its unit, for axes, legends and table headers."""
        unit = self.unit(lang)
        return (
            f"{self.label(lang)}（{unit}）"
            if lang != "en" and unit
            else (f"{self.label(lang)} ({unit})" if unit else self.label(lang))
        )

    def describe(self, lang: str) -> str:
        """One sentence saying how the number is computed."""
        return self.description_en if lang == "en" else self.description_zh


_METRICS = (
    Metric(
        "poor_people_count",
        "贫困人口",
        "Poor population",
        "people",
        "人",
        "people",
        "年末仍未脱贫的建档立卡户人口。",
        "Members of registered households not yet out of poverty at year end.",
    ),
    Metric(
        "poor_households_count",
        "未脱贫户",
        "Poor households",
        "households",
        "户",
        "households",
    ),
    Metric(
        "monitored_households_count",
        "监测户",
        "Households under monitoring",
        "households",
        "户",
        "households",
        "年末在监测中的脱贫不稳定户、边缘易致贫户和突发严重困难户。",
        "Unstable exited, marginal and sudden-hardship households under monitoring "
        "at year end.",
    ),
    Metric(
        "exited_villages_count",
        "已出列贫困村",
        "Poverty villages exited",
        "villages",
        "个",
        "villages",
    ),
    Metric(
        "exited_counties_count",
        "已摘帽贫困县",
        "Poverty counties exited",
        "counties",
        "个",
        "counties",
        "达到退出标准的国家级贫困县（按达标年份累计）。",
        "National poverty counties that met the exit criteria, by cohort year.",
    ),
    Metric(
        "poverty_counties_count",
        "贫困县",
        "Poverty counties",
        "counties",
        "个",
        "counties",
    ),
    Metric(
        "registered_households_count",
        "建档立卡户",
        "Registered households",
        "households",
        "户",
        "households",
    ),
    Metric("villages_count", "行政村", "Villages", "villages", "个", "villages"),
    Metric("allocated_yuan", "下达资金", "Funds allocated", "yuan", "元", "yuan"),
    Metric("disbursed_yuan", "已支付资金", "Funds disbursed", "yuan", "元", "yuan"),
    Metric(
        "disbursement_rate_pct",
        "资金支付率",
        "Disbursement rate",
        "pct",
        "%",
        "%",
        "当年下达的资金中已支付的比例。",
        "Share of the year's allocated money that has been paid out.",
    ),
    Metric(
        "care_coverage_pct",
        "村医覆盖率",
        "Clinic and doctor coverage",
        "pct",
        "%",
        "%",
        "既有村卫生室又有合格村医的行政村占比。",
        "Share of villages with both a clinic and a qualified village doctor.",
    ),
    Metric(
        "care_gap_pct",
        "缺医少药村占比",
        "Villages lacking care",
        "pct",
        "%",
        "%",
        "没有村卫生室或没有合格村医的行政村占比。",
        "Share of villages without a clinic or without a qualified doctor.",
    ),
    Metric(
        "projects_on_track_pct",
        "项目按期率",
        "Projects on track",
        "pct",
        "%",
        "%",
        "在建和已完成项目中，进度不落后于时间进度的比例。",
        "Share of started projects whose progress keeps up with elapsed time.",
    ),
    Metric(
        "illness_share_pct",
        "因病致贫占比",
        "Poor through illness",
        "pct",
        "%",
        "%",
        "主要致贫原因为疾病的建档立卡户占比。",
        "Share of registered households whose main cause of poverty is illness.",
    ),
    Metric(
        "poverty_incidence_pct",
        "贫困发生率",
        "Poverty incidence",
        "pct",
        "%",
        "%",
        "年末贫困人口占农村人口的比例。",
        "Poor population as a share of the rural population at year end.",
    ),
    Metric(
        "monitored_per_10k",
        "每万人监测户",
        "Monitored households per 10k people",
        "count",
        "户/万人",
        "per 10k people",
        "年末监测户数除以农村人口（万人）。",
        "Households under monitoring per 10,000 rural residents at year end.",
    ),
    Metric(
        "exit_year",
        "脱贫摘帽年份",
        "Exit year",
        "year",
        "",
        "",
        "贫困县达到退出标准的年份（批次年份）。",
        "Year the poverty county met the exit criteria (cohort year).",
    ),
    # Funds (资金使用)
    Metric(
        "spent_yuan",
        "已支出资金",
        "Funds spent",
        "yuan",
        "元",
        "yuan",
        "已支付资金中已被使用的部分：付给项目的按项目已支出占预算的比例计，未关联项目"
        "的支付（补贴、转移支付）支付即计。",
        "The part of the money paid out that has been used: for a project, in the "
        "share of its budget it has spent; payments to no project (subsidies, "
        "transfers) count when paid.",
    ),
    Metric(
        "spending_rate_pct",
        "资金支出率",
        "Spending rate",
        "pct",
        "%",
        "%",
        "当年下达的资金中已支出的比例。",
        "Share of the year's allocated money that has been spent.",
    ),
    Metric(
        "idle_yuan",
        "闲置资金",
        "Idle money",
        "yuan",
        "元",
        "yuan",
        "下达满设定天数仍未支付的资金。",
        "Money still unpaid a set number of days after it was allocated.",
    ),
    Metric(
        "compliance_rate_pct",
        "公告合规率",
        "Disclosure compliance",
        "pct",
        "%",
        "%",
        "按期公告且要素齐全的下达笔数占已到期下达笔数的比例。",
        "Share of allocations past their deadline that were announced in time "
        "with every required field.",
    ),
    Metric(
        "first_payment_days",
        "首笔支付天数",
        "Days to first payment",
        "days",
        "天",
        "days",
        "从资金下达到首笔支付的天数（中位数）。",
        "Days from allocation to the first payment (median).",
    ),
    Metric(
        "last_payment_days",
        "末笔支付天数",
        "Days to last payment",
        "days",
        "天",
        "days",
        "从资金下达到末笔支付的天数（中位数）。",
        "Days from allocation to the last payment (median).",
    ),
    # Industrial projects (产业扶贫)
    Metric(
        "projects_count",
        "项目数",
        "Projects",
        "count",
        "个",
        "projects",
        "项目库中的产业扶贫项目（含尚未开工的）。",
        "Projects of the library, those not started yet included.",
    ),
    Metric(
        "projects_behind_plan_pct",
        "落后于计划的项目占比",
        "Projects behind plan",
        "pct",
        "%",
        "%",
        "进度落后于时间进度的在建项目占全部项目的比例。",
        "Projects under way whose progress lags their elapsed time, as a share of "
        "all projects.",
    ),
    Metric(
        "projects_over_budget_pct",
        "超预算项目占比",
        "Projects over budget",
        "pct",
        "%",
        "%",
        "支出超过预算设定比例以上的项目占比。",
        "Share of projects that spent more than the set share above their budget.",
    ),
    Metric(
        "projects_high_risk_pct",
        "高风险项目占比",
        "High-risk projects",
        "pct",
        "%",
        "%",
        "可能性 × 影响达到高风险线的项目占比。",
        "Share of projects whose likelihood × impact reaches the high-risk line.",
    ),
    Metric(
        "projects_insured_pct",
        "投保项目占比",
        "Projects insured",
        "pct",
        "%",
        "%",
        "已投保的项目占比。",
        "Share of projects that are insured.",
    ),
    Metric(
        "high_risk_covered_pct",
        "高风险项目保障率",
        "High-risk projects covered",
        "pct",
        "%",
        "%",
        "已投保或风险保障金达标的高风险项目占高风险项目的比例。",
        "Share of high-risk projects insured or with a risk fund at the target.",
    ),
    Metric(
        "risk_fund_cover_pct",
        "风险保障金覆盖率",
        "Risk-fund cover",
        "pct",
        "%",
        "%",
        "高风险项目的风险保障金占其预算的比例。",
        "Risk funds of the high-risk projects as a share of their budgets.",
    ),
    Metric(
        "risk_score",
        "风险得分",
        "Risk score",
        "count",
        "1–5",
        "1–5",
        "五项风险因素（各 1–5 分）的加权平均。",
        "Weighted mean of the five risk factors, each rated 1–5.",
    ),
    # Health coverage (健康扶贫)
    Metric(
        "health_village_compliant_pct",
        "村卫生室和村医达标率",
        "Villages meeting the clinic-and-doctor target",
        "pct",
        "%",
        "%",
        "村卫生室和合格村医均达到目标数的行政村占比。",
        "Share of villages with at least the target number of clinics and of "
        "qualified doctors.",
    ),
    Metric(
        "health_township_compliant_pct",
        "乡镇卫生院达标率",
        "Townships meeting the hospital target",
        "pct",
        "%",
        "%",
        "有达到目标数的标准化乡镇卫生院的乡镇占比。",
        "Share of townships with the target number of standardised township hospitals.",
    ),
    Metric(
        "health_near_clinic_pct",
        "村卫生室近旁人口占比",
        "Rural population near a clinic",
        "pct",
        "%",
        "%",
        "离最近的村卫生室（球面距离）不超过第一个距离档的农村人口占比。",
        "Share of the rural population within the first radius (great-circle) of "
        "the nearest village clinic.",
    ),
    Metric(
        "health_illness_share_pct",
        "因病致贫户占比",
        "Poor through illness",
        "pct",
        "%",
        "%",
        "建档立卡户中主要致贫原因为疾病的占比。",
        "Share of registered households whose main cause of poverty is illness.",
    ),
    Metric("project_budget_yuan", "项目预算", "Project budget", "yuan", "元", "yuan"),
    Metric(
        "project_spent_yuan", "项目已支出", "Project spending", "yuan", "元", "yuan"
    ),
)

METRICS: dict[str, Metric] = {metric.key: metric for metric in _METRICS}


def metric(key: str) -> Metric:
    """The registered metric, or a KeyError naming the known keys."""
    try:
        return METRICS[key]
    except KeyError:
        raise KeyError(f"unknown metric {key!r}; known: {', '.join(METRICS)}") from None
