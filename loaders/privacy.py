"""Privacy rules applied in the query layer: masking and small-cell suppression.

Masking hides who a household is (name and ID number) from roles that may not see it.
Suppression hides how few households or people a public figure counts: a count of 1
to ``threshold - 1`` could point at a family in a small village. Zero stays visible;
it describes nobody. Suppressed cells become missing (``pd.NA``) and the frame keeps
the threshold in ``attrs["suppressed_below"]``, so a chart can print "<5", not "—".

Only counts of households and people are suppressed. Villages, projects, allocations and
money are public facts about places and programmes, not about persons.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from loaders.scope import Scope

SUPPRESSED_BELOW = "suppressed_below"


def suppression_threshold(scope: Scope | None, threshold: int) -> int | None:
    """The threshold that applies to the viewer: public views only (and anyone without a
    scope, who should see nothing anyway)."""
    if scope is None or scope.role == "public":
        return threshold
    return None


def suppressed_below(data: pd.DataFrame | pd.Series) -> int | None:
    """The threshold a frame was suppressed with, or None if it was not."""
    return data.attrs.get(SUPPRESSED_BELOW)


def suppress_counts(
    frame: pd.DataFrame,
    columns: Sequence[str],
    threshold: int | None,
    *,
    row_total: str | None = None,
    total_row: bool = False,
) -> pd.DataFrame:
    """A copy of ``frame`` with small counts in ``columns`` removed.

    Primary suppression removes every count ``c`` with ``0 < c < threshold``. Secondary
    suppression then protects cells a reader could recover by subtraction: wherever a
    shown total covers a line of cells (``row_total``: a column holding the sum of
    ``columns`` in each row; ``total_row``: the frame's last row holds the sum of the
    rows above it) and that line has exactly one hidden cell, the smallest other
    non-zero cell of the line is hidden too. This repeats until nothing changes, since
    hiding a cell in a row can expose one in a column.

    ``threshold=None`` returns the frame unchanged (roles that see exact counts).
    """
    if threshold is None:
        return frame
    cells = list(columns) + ([row_total] if row_total else [])
    out = frame.copy()
    values = out[cells].to_numpy(dtype=float, na_value=np.nan)
    hidden = (values > 0) & (values < threshold)

    inner = slice(0, len(columns))
    body_rows = slice(0, len(out) - 1 if total_row else len(out))
    changed = True
    while changed:
        changed = False
        if row_total:
            for i in range(len(out)):
                if not hidden[i, -1]:
                    changed |= _protect(values[i, inner], hidden[i, inner])
        if total_row:
            for j in range(len(cells)):
                if not hidden[-1, j]:
                    changed |= _protect(values[body_rows, j], hidden[body_rows, j])

    for j, column in enumerate(cells):
        out[column] = pd.array(
            np.where(hidden[:, j], np.nan, values[:, j]), dtype="Float64"
        ).round()
        out[column] = out[column].astype("Int64")
    out.attrs[SUPPRESSED_BELOW] = threshold
    return out


def _protect(values: np.ndarray, hidden: np.ndarray) -> bool:
    """Hide one more cell of a line whose total is shown, if exactly one is hidden."""
    if hidden.sum() != 1:
        return False
    candidates = np.where(~hidden & (values > 0))[0]
    if candidates.size == 0:
        # Every other cell is zero: the total equals the hidden cell. The caller's
        # total must then be hidden; it is, because it is a count below the threshold.
        return False
    smallest = candidates[np.argmin(values[candidates])]
    hidden[smallest] = True
    return True


def suppress_rates(
    frame: pd.DataFrame,
    rates: dict[str, str],
    threshold: int | None,
    *,
    drop_counts: bool = True,
) -> pd.DataFrame:
    """Hide rates whose numerator is a small count (``rates``: rate → count column).

    A rate over a known population gives its count back, so it is hidden exactly when
    the count would be. The numerator columns are dropped unless ``drop_counts`` is
    False; they were fetched for this check only.
    """
    out = frame.copy()
    if threshold is not None:
        for rate, count in rates.items():
            small = (out[count] > 0) & (out[count] < threshold)
            out[rate] = out[rate].astype(float).mask(small.fillna(False))
        out.attrs[SUPPRESSED_BELOW] = threshold
    if drop_counts:
        out = out.drop(columns=sorted(set(rates.values()) - set(rates)))
    return out


def suppress_series(
    facts: pd.Series, columns: Iterable[str], threshold: int | None
) -> pd.Series:
    """Primary suppression of the counts in one record of facts (no totals shown)."""
    if threshold is None:
        return facts
    out = facts.astype(object).copy()
    for column in columns:
        value = out[column]
        if pd.notna(value) and 0 < value < threshold:
            out[column] = pd.NA
    out.attrs[SUPPRESSED_BELOW] = threshold
    return out


def mask_name(name: str | None) -> str | None:
    """张三丰 → 张**; Zhang San → Z***: the surname's first character and stars."""
    if name is None or pd.isna(name) or not name:
        return name
    return name[0] + "*" * max(1, len(name) - 1)


def mask_id_number(number: str | None) -> str | None:
    """Keep the region prefix and the check digit of a resident ID number: the six
    digits say where it was issued (already visible on the page), the birth date and
    sequence number in between say who it is."""
    if number is None or pd.isna(number) or not number:
        return number
    if len(number) <= 7:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 7) + number[-1]


PERSONAL_COLUMNS = {"head_name": mask_name, "id_number": mask_id_number}


def mask_personal(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with names and ID numbers masked: every list, for every role. The one
    way to see a record whole is an auditor's logged unmask of that record."""
    out = frame.copy()
    for column, mask in PERSONAL_COLUMNS.items():
        if column in out.columns:
            out[column] = out[column].map(mask, na_action="ignore")
    return out
