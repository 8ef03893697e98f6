"""Typed errors the app renders in one place, each with a message in both languages."""

from __future__ import annotations


class JingzhunError(Exception):
    """An error a user can act on: what went wrong, which value, what to do."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def message(self, lang: str) -> str:
        """The message in the user's language (Chinese unless English is asked for)."""
        return self.en if lang == "en" else self.zh


class DatasetMissingError(JingzhunError):
    """The DuckDB file is not there or is not a Jingzhun dataset."""


class UnknownRegionError(JingzhunError):
    """A region code that the dataset does not hold."""


class InvalidYearError(JingzhunError):
    """A year outside the dataset's span."""


class ScopeError(JingzhunError):
    """The viewer's role or region does not allow this request."""


class QueryError(JingzhunError):
    """DuckDB failed to answer; the message names the query, never shows its SQL."""
