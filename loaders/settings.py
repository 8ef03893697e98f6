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
    return dataclasses.replace(Settings(), **values, source=str(path))
