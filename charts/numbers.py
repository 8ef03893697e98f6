"""Number formats in Chinese and English: counts, money, percentages, axis scales."""

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, SupportsFloat

import pandas as pd

Lang = Literal["zh", "en"]

MISSING = "—"

# Unit ladders, largest first. Chinese groups digits by 万 (10^4), English by 10^3;
# the last rung (1) is the plain number with thousands separators.
_ZH_STEPS: tuple[tuple[float, str], ...] = (
    (1e12, "万亿"),
    (1e8, "亿"),
    (1e4, "万"),
    (1.0, ""),
)
_EN_STEPS: tuple[tuple[float, str], ...] = (
    (1e12, "trillion"),
    (1e9, "billion"),
    (1e6, "million"),
    (1.0, ""),
)

# kind -> (Chinese unit, English unit) for everything formatted as a count.
_COUNT_UNITS: dict[str, tuple[str, str]] = {
    "count": ("", ""),
    "people": ("人", "people"),
    "households": ("户", "households"),
    "villages": ("个", "villages"),
    "counties": ("个", "counties"),
    "km": ("公里", "km"),
    "days": ("天", "days"),
}
# Distances and durations read better unscaled: "1,200 km", not "0.12 万公里".
_UNSCALED_KINDS = frozenset({"km", "days"})
_EN_SINGULAR = {
    "people": "person",
    "households": "household",
    "villages": "village",
    "counties": "county",
    "days": "day",
}

KINDS = frozenset({*_COUNT_UNITS, "yuan", "pct", "year"})
# The attribute loaders.privacy sets on a frame whose small counts it removed.
SUPPRESSED_BELOW = "suppressed_below"


def suppressed_label(threshold: int) -> str:
    """How a suppressed count is shown: "<5"."""
    return f"<{threshold}"


def suppression_of(data) -> int | None:
    """The threshold a frame or series of the loaders was suppressed with."""
    return data.attrs.get(SUPPRESSED_BELOW)


def format_count(value: SupportsFloat | None, *, lang: Lang, unit: str = "") -> str:
    """Format a count with 万/亿 (Chinese) or million/billion (English) steps."""
    steps = _steps(lang)
    number = _to_number(value)
    if number is None:
        return MISSING

    text, word = _scaled(abs(number), steps)
    if lang == "en" and text == "1" and not word:
        unit = _EN_SINGULAR.get(unit, unit)
    signed = _sign(number, text) + text

    if lang == "zh":
        suffix = word + unit
        return f"{signed} {suffix}" if suffix else signed
    return " ".join(part for part in (signed, word, unit) if part)


def format_money_yuan(value: SupportsFloat | None, *, lang: Lang) -> str:
    """Format an amount of yuan: "1.23 亿元", "4,560 万元" or "¥1.46 billion"."""
    steps = _steps(lang)
    number = _to_number(value)
    if number is None:
        return MISSING

    # Money is never finer than a fen, whatever the magnitude.
    text, word = _scaled(abs(number), steps, max_decimals=2)
    sign = _sign(number, text)
    if lang == "zh":
        return f"{sign}{text} {word}元"
    return f"{sign}¥{text} {word}".rstrip()


def format_pct(value: SupportsFloat | None, *, lang: Lang, digits: int = 1) -> str:
    """Format a value already in percent (42.3, not 0.423) as "42.3%"."""
    _steps(lang)
    number = _to_number(value)
    if number is None:
        return MISSING

    # Fixed decimals, not trimmed, so a column of percentages lines up.
    text = _round_text(abs(number), digits, trim=False)
    return f"{_sign(number, text)}{text}%"


def format_value(
    value: SupportsFloat | None,
    *,
    kind: str,
    lang: Lang,
    suppressed_below: int | None = None,
) -> str:
    """Format a value by its kind (see KINDS), with the unit in the given language.

    A missing count from a suppressed frame (``suppressed_below`` set) reads "<5".
    """
    if suppressed_below is not None and _to_number(value) is None:
        return suppressed_label(suppressed_below)
    if kind == "yuan":
        return format_money_yuan(value, lang=lang)
    if kind == "pct":
        return format_pct(value, lang=lang)
    if kind == "year":
        return _format_year(value, lang=lang)
    if kind in _COUNT_UNITS:
        zh_unit, en_unit = _COUNT_UNITS[kind]
        return format_count(value, lang=lang, unit=zh_unit if lang == "zh" else en_unit)
    raise ValueError(f"unknown number kind {kind!r}; use one of {sorted(KINDS)}")


def scale_for(
    values: Sequence[SupportsFloat | None], *, kind: str, lang: Lang
) -> tuple[float, str]:
    """Return the divisor and unit label for an axis showing these values."""
    steps = _steps(lang)
    if kind not in KINDS:
        raise ValueError(f"unknown number kind {kind!r}; use one of {sorted(KINDS)}")

    numbers = (_to_number(value) for value in values)
    peak = max((abs(number) for number in numbers if number is not None), default=0.0)

    if kind == "pct":
        return 1.0, "%"
    if kind == "year":
        return 1.0, ""
    if kind == "yuan":
        divisor, word = _step_for(peak, steps)
        return divisor, f"{word}元" if lang == "zh" else f"¥ {word}".rstrip()

    zh_unit, en_unit = _COUNT_UNITS[kind]
    if kind in _UNSCALED_KINDS:
        return 1.0, zh_unit if lang == "zh" else en_unit
    divisor, word = _step_for(peak, steps)
    if lang == "zh":
        return divisor, word + zh_unit
    return divisor, f"{word} {en_unit}".strip()


def _steps(lang: str) -> tuple[tuple[float, str], ...]:
    """Return the unit ladder for a language, refusing unknown languages."""
    if lang == "zh":
        return _ZH_STEPS
    if lang == "en":
        return _EN_STEPS
    raise ValueError(f"unknown language {lang!r}; use 'zh' or 'en'")


def _to_number(value: SupportsFloat | None) -> float | None:
    """Return the value as a finite float, or None when it is missing."""
    if isinstance(value, str):
        # Text reaching a formatter means a column was never converted: say so loudly.
        raise TypeError(f"expected a number, got the text {value!r}; convert it first")
    if value is None or pd.isna(value):
        return None

    number = float(value)
    # Infinity only comes from a zero denominator; show it as missing, not as "inf".
    return number if math.isfinite(number) else None


def _step_for(
    magnitude: float, steps: tuple[tuple[float, str], ...]
) -> tuple[float, str]:
    """Return the largest step not above the magnitude, or the last for small ones."""
    for divisor, word in steps:
        if magnitude >= divisor:
            return divisor, word
    return steps[-1]


def _scaled(
    magnitude: float,
    steps: tuple[tuple[float, str], ...],
    *,
    max_decimals: int | None = None,
) -> tuple[str, str]:
    """Return the rounded number text and the step word for a non-negative value."""
    divisor, word = _step_for(magnitude, steps)
    # The decimal cap applies to plain numbers only: "1.23 亿元" keeps its digits.
    cap = max_decimals if divisor == 1.0 else None
    text = _significant(magnitude / divisor, max_decimals=cap)

    # Rounding can reach the next step (99,999,999 rounds to 10,000 万): move up.
    position = steps.index((divisor, word))
    if position > 0:
        bigger, bigger_word = steps[position - 1]
        if float(text.replace(",", "")) * divisor >= bigger:
            return _significant(magnitude / bigger), bigger_word
    return text, word


def _significant(number: float, *, max_decimals: int | None = None) -> str:
    """Round to three significant digits, but never drop digits before the point."""
    if number == 0:
        return "0"
    integer_digits = math.floor(math.log10(number)) + 1
    decimals = max(0, 3 - integer_digits)
    if max_decimals is not None:
        decimals = min(decimals, max_decimals)
    return _round_text(number, decimals, trim=True)


def _round_text(number: float, decimals: int, *, trim: bool) -> str:
    """Round half up (as people expect: 12.25 → 12.3) and group thousands."""
    # repr() gives the shortest decimal that round-trips, so 12.25 stays 12.25
    # instead of the binary 12.2499999… that float formatting would round down.
    rounded = Decimal(repr(number)).quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP
    )
    if trim:
        rounded = rounded.normalize()
    return f"{rounded:,f}"


def _sign(number: float, text: str) -> str:
    """Return "-" for a negative number whose rounded text is not zero."""
    is_zero = text.strip("0.,") == ""
    return "-" if number < 0 and not is_zero else ""


def _format_year(value: SupportsFloat | None, *, lang: Lang) -> str:
    """Format a calendar year without a thousands separator: "2016年" or "2016"."""
    _steps(lang)
    number = _to_number(value)
    if number is None:
        return MISSING
    year = round(number)
    return f"{year}年" if lang == "zh" else str(year)
