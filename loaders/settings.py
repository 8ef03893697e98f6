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
    # Official exit standard: 2,300 yuan per person per year at 2010 prices.
    poverty_line_2010_yuan: float = 2300.0
    # 2021 national monitoring line (中农组发〔2021〕7号); later years vary by province.
    monitoring_line_yuan: float = 6000.0
    # A project is "on track" when its progress is at least this share of elapsed time.
    on_track_progress_ratio: float = 0.8
    # Counts below this are suppressed as "<N" in the public role (DESIGN §7).
    small_cell_threshold: int = 5
    # Distance-to-care radii shown on the health page.
    care_radii_km: tuple[float, ...] = (5.0, 10.0, 20.0)
    # Allocation results must be disclosed within this many working days.
    disclosure_working_days: int = 15
    # "Where to look next" lists this many regions per indicator.
    worst_regions_count: int = 5
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

    if "care_radii_km" in values:
        values["care_radii_km"] = tuple(float(v) for v in values["care_radii_km"])
    return dataclasses.replace(Settings(), **values, source=str(path))
