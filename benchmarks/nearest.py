"""``python -m benchmarks.nearest``: the nearest-facility computation at national size.

Synthetic arrays of the national counts (490 k villages; 600 k facilities: 480 k
clinics, 40 k township hospitals, the rest county hospitals), spread over China's
bounding box, run through the same code the build uses (``loaders.access``). Prints
the time of each step and checks a sample against brute-force haversine distances.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np
import pandas as pd

from loaders.access import great_circle_km, village_distances

BOX = ((73.5, 135.0), (18.0, 53.5))  # lon, lat


def synthetic(villages: int, facilities: int, seed: int):
    """Village and facility frames shaped like the build's, with random positions."""
    rng = np.random.default_rng(seed)

    def points(n: int) -> tuple[np.ndarray, np.ndarray]:
        return rng.uniform(*BOX[0], n), rng.uniform(*BOX[1], n)

    lon, lat = points(villages)
    village_frame = pd.DataFrame(
        {"village_code": np.arange(villages).astype(str), "lon": lon, "lat": lat}
    )
    lon, lat = points(facilities)
    share = rng.uniform(size=facilities)
    kind = np.where(
        share < 0.8,
        "village_clinic",
        np.where(share < 0.993, "township_hospital", "county_hospital"),
    )
    facility_frame = pd.DataFrame(
        {
            "facility_id": np.arange(facilities).astype(str),
            "kind": kind,
            "lon": lon,
            "lat": lat,
            "staffed": (kind == "village_clinic")
            & (rng.uniform(size=facilities) < 0.9),
        }
    )
    return village_frame, facility_frame


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.nearest")
    parser.add_argument("--villages", type=int, default=490_000)
    parser.add_argument("--facilities", type=int, default=600_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2014)
    args = parser.parse_args(argv)

    villages, facilities = synthetic(args.villages, args.facilities, args.seed)
    times = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        found = village_distances(villages, facilities)
        times.append(time.perf_counter() - started)

    # Brute force on a sample: the tree must find the true nearest clinic.
    sample = np.random.default_rng(args.seed).choice(len(villages), 200, replace=False)
    clinics = facilities[facilities["kind"] == "village_clinic"]
    worst = 0.0
    for i in sample:
        km = great_circle_km(
            villages["lon"].iat[i],
            villages["lat"].iat[i],
            clinics["lon"].to_numpy(),
            clinics["lat"].to_numpy(),
        ).min()
        worst = max(worst, abs(km - found["nearest_clinic_km"].iat[i]))
    result = {
        "villages": args.villages,
        "facilities": args.facilities,
        "seconds": sorted(times),
        "best_s": min(times),
        "sample_max_error_km": worst,
    }
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
