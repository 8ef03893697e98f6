"""Where to add capacity: greedy maximal coverage of uncovered rural population.

A village is covered when a clinic with a qualified doctor lies within the radius.
Each candidate site (a village without such a clinic) covers the uncovered villages
within the radius of it; the greedy method picks, N times, the candidate that covers
the most people not yet covered. For maximal coverage this reaches at least
1 − 1/e ≈ 63 % of the best possible N sites (Nemhauser, Wolsey and Fisher, 1978), and
it is exact for N = 1. Gains only shrink as sites are chosen, so a candidate's gain
is recomputed only when it reaches the top of the heap (lazy greedy).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from loaders.access import km_to_chord, unit_vectors


@dataclass(frozen=True)
class Siting:
    """The chosen candidates in order, what each adds, and the coverage before."""

    chosen: np.ndarray  # indices into the candidates
    gains: np.ndarray  # people newly covered by each pick
    covered_before: float  # people covered before any pick
    total: float  # people in the demand


def greedy_coverage(
    demand_lon: np.ndarray,
    demand_lat: np.ndarray,
    weights: np.ndarray,
    covered: np.ndarray,
    candidate_lon: np.ndarray,
    candidate_lat: np.ndarray,
    *,
    radius_km: float,
    n: int,
) -> Siting:
    """Pick up to ``n`` candidates that cover the most uncovered weight within
    ``radius_km`` (great-circle), greedily. Stops early when no pick adds anything;
    ties go to the earlier candidate."""
    weights = np.asarray(weights, dtype=float)
    covered = np.asarray(covered, dtype=bool)
    open_demand = np.flatnonzero(~covered & (weights > 0))
    chosen: list[int] = []
    gains: list[float] = []
    if len(open_demand) and len(candidate_lon) and n > 0:
        tree = cKDTree(unit_vectors(demand_lon[open_demand], demand_lat[open_demand]))
        reach = tree.query_ball_point(
            unit_vectors(candidate_lon, candidate_lat), km_to_chord(radius_km)
        )
        left = weights[open_demand].copy()
        heap = [(-left[r].sum(), i) for i, r in enumerate(reach) if len(r)]
        heapq.heapify(heap)
        while heap and len(chosen) < n:
            _, i = heapq.heappop(heap)
            gain = left[reach[i]].sum()
            if gain <= 0:
                continue
            if heap and (-gain, i) > heap[0]:
                heapq.heappush(heap, (-gain, i))  # another may now be better
                continue
            chosen.append(i)
            gains.append(float(gain))
            left[reach[i]] = 0.0
    return Siting(
        chosen=np.asarray(chosen, dtype=np.int64),
        gains=np.asarray(gains, dtype=float),
        covered_before=float(weights[covered].sum()),
        total=float(weights.sum()),
    )
