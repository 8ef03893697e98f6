"""Settings: defaults, the TOML override, and loud failure on unknown keys."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from loaders import JingzhunError, Settings, load_settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_without_a_file_the_defaults_apply(tmp_path: Path):
    assert load_settings(tmp_path / "absent.toml") == Settings()


def test_a_file_overrides_what_it_names(tmp_path: Path):
    path = tmp_path / "jingzhun.toml"
    path.write_text("on_track_progress_ratio = 0.9\nworst_regions_count = 10\n")
    settings = load_settings(path)
    assert settings.on_track_progress_ratio == 0.9
    assert settings.worst_regions_count == 10
    assert settings.default_year == Settings().default_year
    assert settings.source == str(path)


def test_an_unknown_key_fails_loudly(tmp_path: Path):
    path = tmp_path / "jingzhun.toml"
    path.write_text("worst_region_count = 7\n")
    with pytest.raises(JingzhunError, match="worst_region_count"):
        load_settings(path)


@pytest.mark.parametrize(
    "name", [f.name for f in dataclasses.fields(Settings) if f.name != "source"]
)
def test_every_setting_is_documented_in_the_readme(name: str):
    assert f"`{name}`" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("health_radii_km = [10, 5]", "health_radii_km"),
        ("health_radii_km = [0, 5]", "health_radii_km"),
        ("health_radii_km = []", "health_radii_km"),
        ("health_radii_km = [1, 2, 3, 4, 5, 6]", "health_radii_km"),
        ("health_siting_radius_km = 0", "health_siting_radius_km"),
        ("health_village_doctors_min = 0", "health_village_doctors_min"),
    ],
)
def test_impossible_health_settings_are_refused(tmp_path: Path, text, named):
    path = tmp_path / "jingzhun.toml"
    path.write_text(text + "\n")
    with pytest.raises(JingzhunError, match=named):
        load_settings(path)


def test_health_radii_from_a_file_stay_hashable(tmp_path: Path):
    path = tmp_path / "jingzhun.toml"
    path.write_text("health_radii_km = [3, 15]\n")
    settings = load_settings(path)
    assert settings.health_radii_km == (3, 15)
    hash(settings)
