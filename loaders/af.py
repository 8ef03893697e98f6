"""The Alkire-Foster counting method of multidimensional poverty, as pure functions.

A household is *deprived* in an indicator when it falls short of the indicator's
cut-off. Its *score* is the weighted share of indicators it is deprived in (weights sum
to one). It is *multidimensionally poor* when its score reaches the poverty cut-off k.
Then, over a population:

- headcount ratio H = q / n, the share of households that are poor;
- intensity A = the mean score of the poor;
- adjusted headcount ratio M0 = H × A, which also equals the mean *censored* score
  (scores of the non-poor set to zero);
- the contribution of indicator j to M0 is w_j × (censored headcount in j) / M0.

Reference: S. Alkire and J. Foster (2011), "Counting and multidimensional poverty
measurement", Journal of Public Economics 95(7–8), 476–487.

Missing indicators: a household's score is taken over the indicators it has, with
their weights scaled to sum to one (the usual reweighting when a survey item is
missing). A household with no indicator at all has no score and is left out of n.
The SQL in ``loaders.queries.households`` computes the same numbers over the whole
dataset; a test holds the two to each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

# Scores within this distance of k count as reaching it: 2/6 computed in floating
# point must identify a household deprived in two of six equally weighted indicators.
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Measures:
    """The Alkire-Foster figures for one population."""

    households: int  # n: households with a score
    poor: int  # q
    headcount_ratio: float  # H
    intensity: float  # A (NaN when nobody is poor)
    adjusted_headcount: float  # M0 = H × A
    contributions: dict[str, float]  # indicator → share of M0 (sums to 1)
    censored_headcounts: dict[str, float]  # indicator → share deprived and poor


def check_weights(weights: Mapping[str, float]) -> None:
    """Weights are positive and sum to one."""
    values = np.array(list(weights.values()), dtype=float)
    if len(values) == 0 or (values <= 0).any() or abs(values.sum() - 1) > 1e-6:
        raise ValueError(
            f"indicator weights must be positive and sum to 1, got {dict(weights)}"
        )


def scores(deprived: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    """Each household's deprivation score in [0, 1] (NaN with no indicator known).

    ``deprived`` holds one boolean (or missing) column per indicator in ``weights``.
    """
    check_weights(weights)
    columns = list(weights)
    w = np.array([weights[c] for c in columns], dtype=float)
    values = deprived[columns].astype("float64").to_numpy()
    known = ~np.isnan(values)
    weight_known = (known * w).sum(axis=1)
    weighted = (np.nan_to_num(values) * w).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        result = np.where(weight_known > 0, weighted / weight_known, np.nan)
    return pd.Series(result, index=deprived.index, name="score")


def is_poor(score: pd.Series, k: float) -> pd.Series:
    """Identified as multidimensionally poor: the score reaches k (k in (0, 1])."""
    if not 0 < k <= 1:
        raise ValueError(f"the poverty cut-off k must lie in (0, 1], got {k}")
    return score.notna() & (score >= k - TOLERANCE)


def measures(
    deprived: pd.DataFrame, weights: Mapping[str, float], k: float
) -> Measures:
    """H, A, M0 and each indicator's contribution for one population."""
    score = scores(deprived, weights)
    scored = score.notna()
    poor = is_poor(score, k)
    n, q = int(scored.sum()), int(poor.sum())
    h = q / n if n else np.nan
    a = float(score[poor].mean()) if q else np.nan
    m0 = h * a if q else (0.0 if n else np.nan)
    # Censored headcounts use each household's own (reweighted) weights, so that the
    # contributions add up to M0 also for households with a missing indicator.
    columns = list(weights)
    values = deprived[columns].astype("float64").to_numpy()
    w = np.array([weights[c] for c in columns], dtype=float)
    known_weight = (~np.isnan(values) * w).sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.nan_to_num(values) * w / known_weight
    share[~poor.to_numpy()] = 0.0
    per_indicator = np.nansum(share, axis=0) / n if n else np.full(len(columns), np.nan)
    contributions = {
        c: (float(per_indicator[i] / m0) if m0 else 0.0) for i, c in enumerate(columns)
    }
    censored = {
        c: (
            float(((np.nan_to_num(values[:, i]) > 0) & poor.to_numpy()).sum() / n)
            if n
            else np.nan
        )
        for i, c in enumerate(columns)
    }
    return Measures(n, q, h, a, m0, contributions, censored)


def decompose(
    deprived: pd.DataFrame, weights: Mapping[str, float], k: float, by: pd.Series
) -> pd.DataFrame:
    """H, A and M0 per group (a region, a household type) with each group's share of
    the population and its contribution to the total M0 (population share × M0 of
    the group / M0 of all: subgroup decomposability)."""
    total = measures(deprived, weights, k)
    rows = []
    for group, part in deprived.groupby(by, sort=True):
        m = measures(part, weights, k)
        share = m.households / total.households if total.households else np.nan
        rows.append(
            {
                "group": group,
                "households": m.households,
                "poor": m.poor,
                "headcount_ratio": m.headcount_ratio,
                "intensity": m.intensity,
                "adjusted_headcount": m.adjusted_headcount,
                "population_share": share,
                "contribution": (
                    share * m.adjusted_headcount / total.adjusted_headcount
                    if total.adjusted_headcount
                    else 0.0
                ),
            }
        )
    return pd.DataFrame(rows)
