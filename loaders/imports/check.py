"""Check every value of an import file and collect every problem, not just the first.

Values are parsed column by column (types, ranges, formats), then checked against each
other (a household's county is its village's county), against the dataset (regions
exist at the right level and parent, references exist, keys are new) and against the
importer's scope. The result is either the rows to write, as text the database casts,
or the list of problems.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from loaders.db import Database
from loaders.imports.problems import Problem, problem
from loaders.imports.read import RawTable
from loaders.imports.spec import (
    FACILITY_LEVEL,
    FIRST_YEAR,
    LAST_PLANNED_YEAR,
    Field,
    ImportTable,
    header_aliases,
    meaning,
    normalise_header,
)
from loaders.privacy import mask_id_number
from loaders.scope import NATIONAL, Scope

ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
EXCEL_NUMBER = re.compile(r"^\d(\.\d+)?E\+?\d+$", re.IGNORECASE)
ID_NUMBER = re.compile(r"^\d{17}[\dX]$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T][\d:.]+)?$")
COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
EXCEL_EPOCH = dt.date(1899, 12, 30)
TRUE = {"1", "true", "t", "yes", "y", "是", "有", "√"}
FALSE = {"0", "false", "f", "no", "n", "否", "无", "×"}
LEVEL_ZH = {"county": "县", "township": "乡镇", "village": "村", "": ""}


class Bad(Exception):
    """A value that fails its rule: the problem code and message values."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def id_check_digit(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits of an ID number."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def parse_id_number(text: str, today: dt.date) -> str:
    # Messages show the number masked like every list does (region prefix and check
    # digit only): the report is shown and downloaded, the birth date is personal.
    value = text.upper()
    if EXCEL_NUMBER.match(value):
        raise Bad("excel_number", value=text)
    shown = mask_id_number(value)
    if len(value) != 18:
        raise Bad("id_length", value=shown, length=len(value))
    if not ID_NUMBER.match(value):
        raise Bad("id_format", value=shown)
    birth = value[6:14]
    try:
        born = dt.date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
    except ValueError:
        raise Bad("id_birth", value=shown) from None
    if not dt.date(1900, 1, 1) <= born <= today:
        raise Bad("id_birth", value=shown)
    expected = id_check_digit(value[:17])
    if value[17] != expected:
        raise Bad("id_checksum", value=shown, expected=expected)
    return value


def parse_date(text: str, low: dt.date, high: dt.date) -> str:
    match = DATE.match(text) or COMPACT_DATE.match(text)
    try:
        if match:
            day = dt.date(*(int(part) for part in match.groups()))
        elif text.isdigit() and 1 <= int(text) <= 2_958_465:
            day = EXCEL_EPOCH + dt.timedelta(days=int(text))  # an Excel serial
        else:
            raise ValueError(text)
    except ValueError:
        raise Bad("not_date", value=text) from None
    if not low <= day <= high:
        raise Bad("date_range", value=day.isoformat(), low=low, high=high)
    return day.isoformat()


def _number(text: str) -> float:
    try:
        value = float(text.replace(",", "").removesuffix("元"))
    except ValueError:
        raise Bad("not_number", value=text) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise Bad("not_number", value=text)
    return value


def _in_range(value: float, spec: Field, text: str) -> None:
    low = spec.low if spec.low is not None else float("-inf")
    high = spec.high if spec.high is not None else float("inf")
    if not low <= value <= high:
        raise Bad("out_of_range", value=text, low=f"{low:g}", high=f"{high:g}")


def parse_value(text: str, spec: Field, today: dt.date) -> str:
    """The value as text the database casts to the column's type; raises Bad."""
    kind = spec.kind
    if kind == "id":
        if EXCEL_NUMBER.match(text):
            raise Bad("excel_number", value=text)
        if not ID.match(text):
            raise Bad("bad_id", value=text[:80])
        return text
    if kind == "region":
        if not text.isdigit():
            raise Bad(
                "unknown_region",
                value=text[:80],
                level=spec.level or "region",
                level_zh=LEVEL_ZH.get(spec.level, ""),
            )
        return text
    if kind == "id_number":
        return parse_id_number(text, today)
    if kind in ("int", "year"):
        try:
            value = int(text.replace(",", ""))
        except ValueError:
            raise Bad("not_integer", value=text[:80]) from None
        _in_range(value, spec, text)
        return str(value)
    if kind in ("float", "money", "pct"):
        value = _number(text.removesuffix("%") if kind == "pct" else text)
        if kind == "money" and value < 0:
            raise Bad("negative_money", value=text)
        if kind == "pct" and not 0 <= value <= 100:
            raise Bad("bad_pct", value=text)
        _in_range(value, spec, text)
        return repr(round(value, 2) if kind == "money" else value)
    if kind == "bool":
        folded = text.casefold()
        if folded in TRUE:
            return "true"
        if folded in FALSE:
            return "false"
        raise Bad("not_bool", value=text[:80])
    if kind == "date":
        high = dt.date(LAST_PLANNED_YEAR, 12, 31) if spec.planned else today
        return parse_date(text, dt.date(FIRST_YEAR, 1, 1), high)
    if kind == "choice":
        if text in spec.choices:
            return text
        by_label = {label: code for code, label in spec.choices.items()}
        if text in by_label:
            return by_label[text]
        choices = ", ".join(f"{c} ({label})" for c, label in spec.choices.items())
        raise Bad("bad_choice", value=text[:80], choices=choices)
    if len(text) > spec.max_chars:
        raise Bad("too_long", length=len(text), max_chars=spec.max_chars)
    return text


@dataclass
class Checked:
    """The rows to write (column -> text values) or the problems found."""

    table: ImportTable
    columns: dict[str, list[str | None]]
    row_numbers: list[int]
    headers: dict[str, str]  # column -> the header as the file spells it
    problems: list[Problem]

    @property
    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.columns, dtype=object)


def map_headers(raw: RawTable, table: ImportTable) -> tuple[dict[str, int], list]:
    """Column name -> position in the file; problems with the header row."""
    aliases = header_aliases(table)
    found: dict[str, int] = {}
    problems = []
    for position, header in enumerate(raw.headers):
        name = aliases.get(normalise_header(header))
        if name is None:
            problems.append(problem("unknown_header", row=1, header=header[:80]))
        elif name in found:
            problems.append(problem("duplicate_header", row=1, name=header[:80]))
        else:
            found[name] = position
    for spec in table.fields:
        if spec.required and spec.name not in found:
            problems.append(
                problem("missing_column", name=spec.name, header_zh=spec.header_zh)
            )
    return found, problems


def check(
    raw: RawTable,
    table: ImportTable,
    db: Database,
    scope: Scope,
    *,
    today: dt.date | None = None,
) -> Checked:
    """Parse and check every value; collect every problem."""
    today = today or dt.date.today()
    positions, problems = map_headers(raw, table)
    problems = [*raw.problems, *problems]
    headers = {name: raw.headers[pos] for name, pos in positions.items()}
    checked = Checked(table, {}, raw.row_numbers, headers, problems)
    if any(p.row == 1 or p.code == "missing_column" for p in problems):
        return checked  # without the right columns the values cannot be read

    bad_rows: set[int] = set()
    for spec in table.fields:
        column: list[str | None] = []
        position = positions.get(spec.name)
        for index, row in enumerate(raw.rows):
            text = row[position] if position is not None else None
            column.append(_one(text, spec, today, checked, index, bad_rows))
        checked.columns[spec.name] = column
    for rule in RELATIONS.get(table.name, ()):
        rule(checked)
    DatasetChecks(checked, db, scope).run()
    return checked


def _one(text, spec: Field, today, checked: Checked, index: int, bad: set) -> object:
    if text is None:
        if spec.required:
            checked.problems.append(
                problem("required", checked.row_numbers[index], _header(checked, spec))
            )
            bad.add(index)
        return None
    try:
        return parse_value(text, spec, today)
    except Bad as error:
        checked.problems.append(
            problem(
                error.code,
                checked.row_numbers[index],
                _header(checked, spec),
                **error.values,
            )
        )
        bad.add(index)
        return None


def _header(checked: Checked, spec: Field) -> str:
    return checked.headers.get(spec.name, spec.name)


def _compare(
    checked: Checked, column: str, other: str, code: str, wrong: Callable
) -> None:
    """Flag rows where ``wrong(value, other_value)`` for two parsed columns."""
    values, others = checked.columns[column], checked.columns[other]
    spec = checked.table.field(column)
    other_header = _header(checked, checked.table.field(other))
    for index, (value, against) in enumerate(zip(values, others, strict=True)):
        if value is None or against is None:
            continue
        number = spec.kind not in ("date",)
        a, b = (float(value), float(against)) if number else (value, against)
        if wrong(a, b):
            checked.problems.append(
                problem(
                    code,
                    checked.row_numbers[index],
                    _header(checked, spec),
                    value=value,
                    other=other_header,
                    other_value=against,
                )
            )


def _earlier(checked: Checked, column: str, other: str) -> None:
    _compare(checked, column, other, "before", lambda a, b: a < b)


def _larger(checked: Checked, column: str, other: str) -> None:
    _compare(checked, column, other, "greater_than", lambda a, b: a > b)


RELATIONS: dict[str, tuple[Callable[[Checked], None], ...]] = {
    "households": (
        lambda c: _earlier(c, "exit_year", "registered_year"),
        lambda c: _larger(c, "labour_count", "size"),
        lambda c: _earlier(c, "monitor_end_year", "monitor_since_year"),
    ),
    "fund_allocations": (lambda c: _earlier(c, "disclosed_on", "allocated_on"),),
    "projects": (
        lambda c: _earlier(c, "actual_end_on", "start_on"),
        lambda c: _earlier(c, "planned_end_on", "start_on"),
        lambda c: _earlier(c, "approved_on", "library_on"),
        lambda c: _larger(c, "poor_beneficiary_households", "beneficiary_households"),
    ),
}


REGIONS_SQL = """
SELECT code, level, parent_code, county_code, province_code, city_code
FROM regions WHERE code IN (SELECT unnest(?::VARCHAR[]))
"""


class DatasetChecks:
    """Checks against the dataset: regions, references, new keys, the scope."""

    def __init__(self, checked: Checked, db: Database, scope: Scope) -> None:
        self.c = checked
        self.db = db
        self.scope = scope
        self.cols = checked.columns

    def run(self) -> None:
        getattr(self, f"_{self.c.table.name}")()
        self._keys()

    # -- lookups -----------------------------------------------------------------

    def _regions(self, codes) -> pd.DataFrame:
        wanted = sorted({c for c in codes if c})
        frame = self.db.query(REGIONS_SQL, [wanted], name="import_regions")
        return frame.set_index("code")

    def _existing(self, table: str, column: str, values) -> set[str]:
        wanted = sorted({v for v in values if v})
        if not wanted:
            return set()
        sql = (
            f"SELECT {column} FROM {table} "  # noqa: S608 -- names from the spec
            f"WHERE {column} IN (SELECT unnest(?::VARCHAR[]))"
        )
        return set(self.db.query(sql, [wanted], name=f"import_{table}")[column])

    def _flag(self, index: int, column: str, code: str, **values) -> None:
        spec = self.c.table.field(column)
        self.c.problems.append(
            problem(code, self.c.row_numbers[index], _header(self.c, spec), **values)
        )

    def _region_level(self, column: str, regions: pd.DataFrame, level: str) -> None:
        for index, code in enumerate(self.cols[column]):
            if code is None:
                continue
            if code not in regions.index or regions.at[code, "level"] != level:
                self._flag(
                    index,
                    column,
                    "unknown_region",
                    value=code,
                    level=level,
                    level_zh=LEVEL_ZH[level],
                )
                self.cols[column][index] = None

    def _parent(
        self, column: str, parent_column: str, parents: list, derive: bool
    ) -> None:
        """``parent_column`` must equal ``parents`` (what the dataset says); filled
        from it when the file leaves it empty and it is derived."""
        given = self.cols.setdefault(parent_column, [None] * len(parents))
        parent_zh, _, _ = meaning(self.c.table.name, parent_column)
        for index, expected in enumerate(parents):
            if expected is None:
                continue
            if given[index] is None and derive:
                given[index] = expected
            elif given[index] is not None and given[index] != expected:
                self._flag(
                    index,
                    column,
                    "wrong_parent",
                    value=self.cols[column][index],
                    parent=given[index],
                    parent_column=parent_column,
                    parent_column_zh=parent_zh,
                )

    def _scope_counties(self, column: str, counties: list) -> None:
        """Every row must lie inside an official's region."""
        if self.scope.role == "admin" or self.scope.region_code == NATIONAL:
            return
        regions = self._regions(counties)
        inside = {
            code
            for code, row in regions.iterrows()
            if self.scope.region_code in (code, row["province_code"], row["city_code"])
        }
        for index, county in enumerate(counties):
            if county is not None and county not in inside:
                self._flag(
                    index,
                    column,
                    "out_of_scope",
                    value=self.cols[column][index],
                    scope=self.scope.region_code,
                )

    def _keys(self) -> None:
        key = self.c.table.key
        first: dict[str, int] = {}
        for index, value in enumerate(self.cols[key]):
            if value is None:
                continue
            if value in first:
                self._flag(
                    index,
                    key,
                    "duplicate_in_file",
                    value=value,
                    first_row=self.c.row_numbers[first[value]],
                )
            else:
                first[value] = index
        existing = self._existing(self.c.table.name, key, first)
        for value in sorted(existing, key=first.get):
            self._flag(first[value], key, "duplicate_in_dataset", value=value)

    # -- per table ---------------------------------------------------------------

    def _households(self) -> None:
        villages = self._regions(self.cols["village_code"])
        self._region_level("village_code", villages, "village")
        counties = [
            villages.at[v, "county_code"] if v is not None else None
            for v in self.cols["village_code"]
        ]
        self._parent("village_code", "county_code", counties, derive=True)
        self._scope_counties("village_code", counties)

    def _villages(self) -> None:
        codes, townships = self.cols["code"], self.cols["township_code"]
        regions = self._regions([*codes, *townships])
        self._region_level("township_code", regions, "township")
        for index, (code, township) in enumerate(zip(codes, townships, strict=True)):
            if code is None:
                continue
            if code in regions.index:
                self._flag(index, "code", "exists_as_region", value=code)
            elif township is not None and not (
                len(code) == 12 and code.isdigit() and code.startswith(township)
            ):
                self._flag(
                    index, "code", "village_code_shape", value=code, parent=township
                )
        counties = [
            regions.at[t, "parent_code"] if t is not None else None for t in townships
        ]
        self._parent("township_code", "county_code", counties, derive=True)
        self._scope_counties("township_code", counties)
        for name in ("province_code", "city_code"):
            self.cols[name] = [
                regions.at[t, name] if t is not None else None for t in townships
            ]

    def _facilities(self) -> None:
        codes = self.cols["region_code"]
        regions = self._regions(codes)
        counties = []
        for index, (code, kind) in enumerate(
            zip(codes, self.cols["kind"], strict=True)
        ):
            level = FACILITY_LEVEL.get(kind or "", "")
            if code is None or not level:
                counties.append(None)
                continue
            if code not in regions.index:
                self._flag(
                    index,
                    "region_code",
                    "unknown_region",
                    value=code,
                    level=level,
                    level_zh=LEVEL_ZH[level],
                )
                counties.append(None)
            elif regions.at[code, "level"] != level:
                self._flag(
                    index,
                    "region_code",
                    "wrong_level",
                    value=code,
                    kind=kind,
                    level=level,
                    level_zh=LEVEL_ZH[level],
                )
                counties.append(None)
            else:
                counties.append(regions.at[code, "county_code"])
        self._parent("region_code", "county_code", counties, derive=True)
        self._scope_counties("region_code", counties)

    def _fund_allocations(self) -> None:
        counties = self._regions(self.cols["county_code"])
        self._region_level("county_code", counties, "county")
        self._scope_counties("county_code", self.cols["county_code"])

    def _fund_disbursements(self) -> None:
        ids = self.cols["allocation_id"]
        wanted = sorted({v for v in ids if v})
        frame = self.db.query(
            "SELECT allocation_id, county_code FROM fund_allocations "
            "WHERE allocation_id IN (SELECT unnest(?::VARCHAR[]))",
            [wanted],
            name="import_allocations",
        )
        county_of = dict(zip(frame["allocation_id"], frame["county_code"], strict=True))
        for index, value in enumerate(ids):
            if value is not None and value not in county_of:
                self._flag(
                    index,
                    "allocation_id",
                    "unknown_reference",
                    value=value,
                    target="fund_allocations",
                )
        projects = self._existing("projects", "project_id", self.cols["project_id"])
        for index, value in enumerate(self.cols["project_id"]):
            if value is not None and value not in projects:
                self._flag(
                    index,
                    "project_id",
                    "unknown_reference",
                    value=value,
                    target="projects",
                )
        self._scope_counties("allocation_id", [county_of.get(v) for v in ids])

    def _projects(self) -> None:
        counties, villages = self.cols["county_code"], self.cols["village_code"]
        regions = self._regions([*counties, *villages])
        self._region_level("county_code", regions, "county")
        self._region_level("village_code", regions, "village")
        for index, (county, village) in enumerate(zip(counties, villages, strict=True)):
            if county and village and regions.at[village, "county_code"] != county:
                self._flag(
                    index,
                    "village_code",
                    "wrong_parent",
                    value=village,
                    parent=county,
                    parent_column="county_code",
                    parent_column_zh="县代码",
                )
        self._scope_counties("county_code", counties)
