"""The three dataset scales (DESIGN.md §3): all counties, villages thinned."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Scale:
    name: str
    # Share of the national villages kept in each covered county.
    village_share: float
    # Counties that get villages; None means every county.
    counties: tuple[str, ...] | None = None

    def covers(self, county_code: str) -> bool:
        """Whether villages are generated for this county."""
        return self.counties is None or county_code in self.counties

    def villages_for(
        self, county_code: str, national: int, rng: np.random.Generator
    ) -> int:
        """How many of a county's national villages this scale keeps."""
        if not self.covers(county_code):
            return 0
        if self.village_share >= 1:
            return national
        # Every covered county keeps at least one village, so no county map is empty.
        return max(1, int(rng.binomial(national, self.village_share)))


# tiny: 张北县 (Hebei, a poverty county whose exit year is not in the public record),
# 从江县 (Guizhou, last batch of 2020) and 正定县 (Hebei, never a poverty county): one
# county of each kind a test needs.
TINY_COUNTIES = ("130722", "522633", "130123")

SCALES = {
    "tiny": Scale("tiny", 0.3, TINY_COUNTIES),
    "demo": Scale("demo", 0.05),
    "national": Scale("national", 1.0),
}
