"""Data quality of the importable tables: completeness, validity, consistency and
freshness, counted inside the viewer's scope.

Shown to staff only (officials, auditors, admins): the counts are of records, and a
public reader has no use for them. Every check is a count of failing rows out of the
rows checked; the rules are the import rules (:mod:`loaders.imports`) applied to what
is already in the dataset, plus checks across tables that no single file can fail.
"""

from __future__ import annotations

import pandas as pd

from loaders.db import Database
from loaders.errors import ScopeError
from loaders.imports.spec import IMPORT_TABLES, stored_columns
from loaders.queries.catalog import TABLE_TO_COUNTY
from loaders.queries.regions import COUNTRY, county_filter
from loaders.scope import Scope
from loaders.settings import Settings

# GB 11643: 17 digits weighted, the sum modulo 11 picks the check character.
ID_NUMBER_VALID = """(regexp_full_match(t.id_number, '\\d{17}[\\dX]') AND
  substr('10X98765432', (list_sum(list_transform(range(17), lambda i:
    TRY_CAST(substr(t.id_number, (i + 1)::INTEGER, 1) AS INTEGER)
    * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][(i + 1)::INTEGER]))
    % 11)::INTEGER + 1, 1) = substr(t.id_number, 18, 1))"""

# (table, check code, failing-row condition on the table aliased t). Codes are
# labelled in charts.i18n ("quality.check.<code>").
VALIDITY: tuple[tuple[str, str, str], ...] = (
    ("households", "id_number", f"t.id_number IS NOT NULL AND NOT {ID_NUMBER_VALID}"),
    ("households", "size", "t.size IS NULL OR t.size < 1"),
    ("households", "labour_over_size", "t.labour_count > t.size"),
    ("households", "exit_before_registration", "t.exit_year < t.registered_year"),
    ("households", "negative_income", "t.income_per_capita < 0"),
    (
        "villages",
        "pct_range",
        "t.safe_housing_pct NOT BETWEEN 0 AND 100",
    ),
    (
        "villages",
        "coordinates",
        "t.lon NOT BETWEEN 73 AND 136 OR t.lat NOT BETWEEN 3 AND 54",
    ),
    ("facilities", "negative_count", "t.beds < 0 OR t.doctors < 0"),
    ("fund_allocations", "negative_money", "t.amount < 0"),
    (
        "fund_allocations",
        "disclosed_before_allocated",
        "t.disclosed_on < t.allocated_on",
    ),
    ("fund_disbursements", "negative_money", "t.amount < 0"),
    ("projects", "pct_range", "t.progress_pct NOT BETWEEN 0 AND 100"),
    ("projects", "negative_money", "t.budget < 0 OR t.spent < 0"),
    (
        "projects",
        "risk_range",
        " OR ".join(
            f"t.risk_{r} NOT BETWEEN 1 AND 5"
            for r in ("market", "natural", "technical", "management", "policy")
        ),
    ),
    ("projects", "ended_before_start", "t.actual_end_on < t.start_on"),
)

# Checks across tables: (table, check code, extra join, failing-row condition).
CONSISTENCY: tuple[tuple[str, str, str, str], ...] = (
    (
        "households",
        "orphan_village",
        "LEFT JOIN villages xv ON xv.code = t.village_code",
        "xv.code IS NULL",
    ),
    (
        "households",
        "county_mismatch",
        "LEFT JOIN villages xv ON xv.code = t.village_code",
        "xv.code IS NOT NULL AND xv.county_code <> t.county_code",
    ),
    (
        "villages",
        "registered_over_households",
        "LEFT JOIN (SELECT village_code, count(*) AS n FROM households GROUP BY ALL)"
        " xh ON xh.village_code = t.code",
        "coalesce(xh.n, 0) > t.households",
    ),
    (
        "fund_allocations",
        "disbursed_over_allocated",
        "LEFT JOIN (SELECT allocation_id, sum(amount) AS paid FROM fund_disbursements"
        " GROUP BY ALL) xd ON xd.allocation_id = t.allocation_id",
        "coalesce(xd.paid, 0) > t.amount + ?",
    ),
    (
        "fund_disbursements",
        "paid_before_allocated",
        "LEFT JOIN fund_allocations xa ON xa.allocation_id = t.allocation_id",
        "t.paid_on < xa.allocated_on",
    ),
    (
        "projects",
        "village_outside_county",
        "LEFT JOIN villages xv ON xv.code = t.village_code",
        "xv.code IS NOT NULL AND xv.county_code <> t.county_code",
    ),
    (
        "projects",
        "spent_over_budget",
        "",
        "t.budget > 0 AND t.spent > t.budget * (1 + ? / 100.0)",
    ),
)


def _require_staff(scope: Scope | None) -> None:
    if scope is None or scope.role == "public":
        raise ScopeError(
            "数据质量报告仅供干部、审计员和管理员查看。",
            "The data-quality report is for officials, auditors and admins.",
        )


def _source(table: str, where: str) -> str:
    """The table aliased t, joined to its county (aliased c) when scoped."""
    if where == "TRUE":
        return f"{table} t"
    return TABLE_TO_COUNTY[table]


def completeness(db: Database, scope: Scope | None) -> pd.DataFrame:
    """Per table and column: rows, missing values and their share (%)."""
    _require_staff(scope)
    where, params = county_filter(db, scope, COUNTRY)
    frames = []
    for table in IMPORT_TABLES:
        names = stored_columns(table)
        present = ", ".join(f"count(t.{n}) AS {n}" for n in names)
        sql = (
            f"SELECT count(*) AS rows, {present} "  # noqa: S608 -- names from spec
            f"FROM {_source(table.name, where)} WHERE {where}"
        )
        counts = db.query(sql, params, name=f"completeness_{table.name}").iloc[0]
        rows = int(counts["rows"])
        frames.append(
            pd.DataFrame(
                {
                    "table": table.name,
                    "column": names,
                    "required": [table.field(n).required for n in names],
                    "rows": rows,
                    "missing": [rows - int(counts[n]) for n in names],
                }
            )
        )
    frame = pd.concat(frames, ignore_index=True)
    frame["missing_pct"] = (
        100.0 * frame["missing"] / frame["rows"].where(frame["rows"] > 0)
    ).fillna(0.0)
    return frame


def rule_checks(db: Database, scope: Scope | None, settings: Settings) -> pd.DataFrame:
    """Every validity and consistency check: table, aspect, check, rows, failing,
    failing_pct."""
    _require_staff(scope)
    where, params = county_filter(db, scope, COUNTRY)
    records = []
    for table in dict.fromkeys(t for t, _, _ in VALIDITY):
        checks = [(code, cond) for t, code, cond in VALIDITY if t == table]
        counted = ", ".join(
            f"count(*) FILTER (WHERE {cond}) AS {code}" for code, cond in checks
        )
        sql = (
            f"SELECT count(*) AS rows, {counted} "  # noqa: S608 -- constants only
            f"FROM {_source(table, where)} WHERE {where}"
        )
        counts = db.query(sql, params, name=f"validity_{table}").iloc[0]
        for code, _ in checks:
            records.append((table, "validity", code, counts["rows"], counts[code]))
    for table, code, join, cond in CONSISTENCY:
        bound = [*_tolerance(code, settings), *params]
        sql = (
            "SELECT count(*) AS rows, "  # noqa: S608 -- constants only
            f"count(*) FILTER (WHERE {cond}) AS failing "
            f"FROM {_source(table, where)} {join} WHERE {where}"
        )
        counts = db.query(sql, bound, name=f"consistency_{code}").iloc[0]
        records.append((table, "consistency", code, counts["rows"], counts["failing"]))
    frame = pd.DataFrame(
        records, columns=["table", "aspect", "check", "rows", "failing"]
    ).astype({"rows": "int64", "failing": "int64"})
    frame["failing_pct"] = (
        100.0 * frame["failing"] / frame["rows"].where(frame["rows"] > 0)
    ).fillna(0.0)
    return frame


def _tolerance(code: str, settings: Settings) -> list[float]:
    if code == "disbursed_over_allocated":
        return [settings.funds_overpayment_tolerance_yuan]
    if code == "spent_over_budget":
        return [settings.projects_over_budget_pct]
    return []


IMPORT_LOG_EXISTS_SQL = (
    "SELECT count(*) > 0 FROM duckdb_tables() WHERE table_name = 'import_log'"
)
FRESHNESS_SQL = """
SELECT table_name AS table, max(imported_at) AS last_import,
       count(*) AS imports, sum(rows)::BIGINT AS rows_imported
FROM import_log GROUP BY table_name
"""


def freshness(db: Database, scope: Scope | None) -> pd.DataFrame:
    """Per importable table: the last import, how many, rows imported (tables never
    imported into have no last import)."""
    _require_staff(scope)
    tables = pd.DataFrame({"table": [t.name for t in IMPORT_TABLES]})
    exists = bool(db.query(IMPORT_LOG_EXISTS_SQL, name="has_import_log").iloc[0, 0])
    if not exists:
        return tables.assign(last_import=pd.NaT, imports=0, rows_imported=0).astype(
            {"imports": "int64", "rows_imported": "int64"}
        )
    log = db.query(FRESHNESS_SQL, name="freshness")
    frame = tables.merge(log, on="table", how="left")
    return frame.fillna({"imports": 0, "rows_imported": 0}).astype(
        {"imports": "int64", "rows_imported": "int64"}
    )
