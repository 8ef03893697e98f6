"""The Health coverage page's cards and tables: translated headers with units,
distances in km, money scaled per column, and the counts the loaders suppressed
shown as "<5"."""

from __future__ import annotations

import pandas as pd

from charts.i18n import code_label, t
from charts.numbers import (
    format_count,
    format_money_yuan,
    format_pct,
    scale_for,
    suppressed_label,
)

FACILITY_KINDS = ("village_clinic", "township_hospital", "county_hospital")


def _name(frame: pd.DataFrame, prefix: str, lang: str) -> pd.Series:
    return frame[f"{prefix}_{'en' if lang == 'en' else 'zh'}"]


def _count(value, below: int | None, lang: str) -> str:
    if pd.isna(value):
        return suppressed_label(below) if below else "—"
    return format_count(float(value), lang=lang)


def _counts(series: pd.Series, below: int | None) -> pd.Series:
    """A count column for a table: numbers; in a suppressed frame, text with "<5"
    where a count is hidden (one type per column, as the table widget needs)."""
    if below is None:
        return series
    return pd.Series(
        [suppressed_label(below) if pd.isna(v) else str(int(v)) for v in series],
        index=series.index,
        dtype=object,
    )


def _km(series: pd.Series) -> pd.Series:
    return series.astype(float).round(1)


def compliance_cards(summary: pd.Series, *, lang: str) -> list[tuple[str, str, str]]:
    """(label, share, "part / whole"): villages meeting both targets, with a
    clinic, with a doctor; townships and poverty counties meeting theirs."""
    cards = []
    for key, whole in (
        ("villages_compliant", "villages_count"),
        ("villages_with_clinic", "villages_count"),
        ("villages_with_doctor", "villages_count"),
        ("townships_compliant", "townships_count"),
        ("poor_counties_compliant", "poor_counties_count"),
    ):
        part = summary[f"{key}_count"]
        whole_text = format_count(summary[whole], lang=lang)
        share = format_pct(summary[f"{key}_pct"], lang=lang)
        detail = f"{format_count(part, lang=lang)} / {whole_text}"
        cards.append((t(f"hl.level.{key}", lang), share, detail))
    # Clinics that stand without a qualified doctor: a gap a doctor alone closes.
    alone = summary["clinics_without_doctor_count"]
    clinics = summary["villages_with_clinic_count"]
    cards.append(
        (
            t("hl.level.clinics_without_doctor", lang),
            format_count(alone, lang=lang),
            f"{format_pct(100.0 * alone / clinics if clinics else None, lang=lang)}",
        )
    )
    return cards


def everything_compliant(summary: pd.Series) -> bool:
    """Whether the region has villages and every unit of every level meets its
    target."""
    return bool(summary["villages_count"]) and all(
        summary[f"{key}_count"] == summary[whole]
        for key, whole in (
            ("villages_compliant", "villages_count"),
            ("townships_compliant", "townships_count"),
            ("poor_counties_compliant", "poor_counties_count"),
        )
    )


def gap_table(frame: pd.DataFrame, *, level: str, lang: str) -> pd.DataFrame:
    """A gap list of one level (village, township, county) for display and export."""
    below = frame.attrs.get("suppressed_below")
    col = lambda key: t(f"hl.col.{key}", lang)  # noqa: E731
    out = pd.DataFrame(
        {col("code"): frame["code"], col("name"): _name(frame, "name", lang)}
    )
    if level == "village":
        out[col("township")] = _name(frame, "township", lang).to_numpy()
        out[col("county")] = _name(frame, "county", lang).to_numpy()
        out[col("population")] = _counts(frame["population_count"], below).to_numpy()
        out[col("clinics")] = frame["clinics_count"].to_numpy()
        out[col("qualified_doctors")] = frame["qualified_doctors_count"].to_numpy()
        out[col("gap")] = [
            t("hl.gap.both", lang)
            if clinic and doctor
            else t("hl.gap.clinic" if clinic else "hl.gap.doctor", lang)
            for clinic, doctor in zip(
                frame["lacks_clinic"], frame["lacks_doctor"], strict=True
            )
        ]
        out[col("nearest_clinic_km")] = _km(frame["nearest_clinic_km"]).to_numpy()
        return out
    out[col("county" if level == "township" else "province")] = _name(
        frame, "county" if level == "township" else "province", lang
    ).to_numpy()
    out[col("hospitals")] = frame["hospitals_count"].to_numpy()
    out[col("standardised")] = frame["standard_count"].to_numpy()
    out[col("villages")] = frame["villages_count"].to_numpy()
    out[col("population")] = _counts(frame["population_count"], below).to_numpy()
    return out


def access_cards(total: pd.DataFrame, *, lang: str) -> list[tuple[str, str]]:
    """(label, value): the region's rural population within each radius of the
    nearest clinic, then the mean distance to each kind of facility."""
    cards = []
    clinic = total[total["kind"] == "village_clinic"]
    for row in clinic.itertuples(index=False):
        cards.append(
            (
                t("hl.card.within_clinic", lang, km=f"{row.radius_km:g}"),
                format_pct(row.near_pct, lang=lang),
            )
        )
    for kind in FACILITY_KINDS:
        rows = total[total["kind"] == kind]
        km = rows["mean_km"].iloc[0] if not rows.empty else None
        value = "—" if km is None or pd.isna(km) else f"{km:,.1f} km"
        cards.append(
            (
                t(
                    "hl.card.mean_km",
                    lang,
                    kind=code_label("facility_kind", kind, lang),
                ),
                value,
            )
        )
    return cards


def access_table(access: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """One row per region and kind of facility: the mean distance and the share of
    the rural population within each radius."""
    if access.empty:
        return pd.DataFrame()
    name_col = "name_en" if lang == "en" else "name_zh"
    lookup = dict(zip(access["code"], access[name_col], strict=True))
    shares = access.pivot_table(
        index=["code", "kind"], columns="radius_km", values="near_pct", dropna=False
    )
    wide = (
        access.drop_duplicates(["code", "kind"])[
            ["code", "kind", "population_count", "mean_km"]
        ]
        .merge(shares, left_on=["code", "kind"], right_index=True, how="left")
        .reset_index(drop=True)
    )
    col = lambda key, **v: t(f"hl.col.{key}", lang, **v)  # noqa: E731
    out = pd.DataFrame(
        {
            col("code"): wide["code"],
            col("name"): [lookup.get(c, c) for c in wide["code"]],
            col("kind"): [code_label("facility_kind", k, lang) for k in wide["kind"]],
            col("population"): wide["population_count"],
            col("mean_km"): _km(wide["mean_km"]),
        }
    )
    for radius in sorted(c for c in wide.columns if isinstance(c, float)):
        out[col("within", km=f"{radius:g}")] = wide[radius].round(1)
    return out


def remote_table(frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Villages far from a clinic, farthest first, with all three distances."""
    below = frame.attrs.get("suppressed_below")
    col = lambda key: t(f"hl.col.{key}", lang)  # noqa: E731
    return pd.DataFrame(
        {
            col("code"): frame["code"],
            col("name"): _name(frame, "name", lang),
            col("county"): _name(frame, "county", lang),
            col("population"): _counts(frame["population_count"], below),
            col("clinics"): frame["clinics_count"],
            col("nearest_clinic_km"): _km(frame["nearest_clinic_km"]),
            col("nearest_township_km"): _km(frame["nearest_township_hospital_km"]),
            col("nearest_county_km"): _km(frame["nearest_county_hospital_km"]),
        }
    )


def cost_cards(
    row: pd.Series, *, below: int | None, lang: str
) -> list[tuple[str, str]]:
    """(label, value) for one year of medical costs."""
    total = float(row["total_yuan"])
    reimbursed = float(row["insurance_yuan"]) + float(row["aid_yuan"])
    catastrophic = _count(row["catastrophic_count"], below, lang)
    if pd.notna(row["catastrophic_pct"]):
        catastrophic += f" · {format_pct(row['catastrophic_pct'], lang=lang)}"
    per_household = row["total_per_household_yuan"]
    oop = row["oop_per_household_yuan"]
    return [
        (
            t("hl.card.cost_households", lang),
            _count(row["households_count"], below, lang),
        ),
        (
            t("hl.card.cost_per_household", lang),
            "—"
            if pd.isna(per_household)
            else format_money_yuan(per_household, lang=lang),
        ),
        (
            t("hl.card.reimbursed", lang),
            format_pct(100.0 * reimbursed / total if total else None, lang=lang),
        ),
        (
            t("hl.card.oop_per_household", lang),
            "—" if pd.isna(oop) else format_money_yuan(oop, lang=lang),
        ),
        (t("hl.card.catastrophic", lang), catastrophic),
    ]


def costs_table(costs: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Medical costs per year: households, money by who paid (scaled), the
    out-of-pocket share and the catastrophic households."""
    below = costs.attrs.get("suppressed_below")
    divisor, unit = scale_for(costs["total_yuan"].tolist(), kind="yuan", lang=lang)
    col = lambda key, **v: t(f"hl.col.{key}", lang, **v)  # noqa: E731
    out = pd.DataFrame(
        {
            col("year"): costs["year"],
            col("households"): _counts(costs["households_count"], below),
            col("serious"): _counts(costs["serious_count"], below),
        }
    )
    for key in ("total_yuan", "insurance_yuan", "aid_yuan", "oop_yuan"):
        out[col(key, unit=unit)] = (costs[key] / divisor).round(2)
    out[col("oop_share")] = costs["oop_share_pct"].round(1)
    out[col("catastrophic")] = _counts(costs["catastrophic_count"], below)
    out[col("catastrophic_pct")] = costs["catastrophic_pct"].astype(float).round(1)
    return out


def illness_table(frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Villages meeting and missing the clinic-and-doctor target: registered and
    illness households and the share."""
    below = frame.attrs.get("suppressed_below")
    col = lambda key: t(f"hl.col.{key}", lang)  # noqa: E731
    return pd.DataFrame(
        {
            col("care"): [t(f"hl.care.{bool(c)}", lang) for c in frame["compliant"]],
            col("villages"): frame["villages_count"],
            col("registered"): _counts(frame["registered_count"], below),
            col("illness"): _counts(frame["illness_count"], below),
            col("illness_share"): frame["illness_share_pct"].astype(float).round(1),
        }
    )


def siting_cards(summary: pd.Series, *, lang: str) -> list[tuple[str, str]]:
    """(label, value): coverage before and after, sites proposed, people newly
    covered."""
    gained = summary["covered_after_count"] - summary["covered_before_count"]
    return [
        (
            t("hl.card.covered_before", lang),
            format_pct(summary["covered_before_pct"], lang=lang),
        ),
        (
            t("hl.card.covered_after", lang),
            format_pct(summary["covered_after_pct"], lang=lang),
        ),
        (t("hl.card.sites", lang), format_count(summary["sites_count"], lang=lang)),
        (t("hl.card.gained", lang), format_count(gained, lang=lang)),
    ]


def siting_table(picks: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The proposed sites in order, with what each adds and the coverage after it."""
    below = picks.attrs.get("suppressed_below")
    col = lambda key: t(f"hl.col.{key}", lang)  # noqa: E731
    return pd.DataFrame(
        {
            col("rank"): picks["rank"],
            col("code"): picks["code"],
            col("name"): _name(picks, "name", lang),
            col("county"): _name(picks, "county", lang),
            col("action"): [t(f"hl.action.{a}", lang) for a in picks["action"]],
            col("population"): _counts(picks["population"], below),
            col("gain"): _counts(picks["gain_count"], below),
            col("covered_after"): picks["covered_after_pct"].round(2),
        }
    )
