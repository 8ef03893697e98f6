"""Malformed files never crash the importer: every failure is a reported problem
(ImportRejected), and a rejected file leaves the dataset as it was."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_cases import HOUSEHOLD_COLUMNS, household

from loaders.imports import ImportRejected, run_import
from loaders.imports.spec import IMPORT_TABLE_BY_NAME
from loaders.scope import Scope
from loaders.settings import Settings

HEADERS = [
    *HOUSEHOLD_COLUMNS,
    *(f.header_zh for f in IMPORT_TABLE_BY_NAME["households"].fields),
    "",
    "unknown",
]
# Cells that come close to valid, and cells that are hostile.
CELLS = st.one_of(
    st.sampled_from(list(household(1).values())),
    st.sampled_from(
        [
            "",
            " ",
            "NULL",
            "1e308",
            "-0",
            "NaN",
            "inf",
            "2024-13-45",
            "45000",
            "'; DROP TABLE households; --",
            "<b>x</b>",
            "是",
            "１２３",
            "1.30722E+17",
            "\x00",
            '"',
            "\r\n",
            "𠀀" * 40,
        ]
    ),
    st.text(max_size=30),
    st.integers(-(10**20), 10**20).map(str),
)
ROWS = st.lists(st.lists(CELLS, max_size=12), max_size=8)


def to_csv(header: list[str], rows: list[list[str]], sep: str) -> str:
    def quote(cell: str) -> str:
        return (
            '"' + cell.replace('"', '""') + '"'
            if any(ch in cell for ch in ('"', ",", "\n", "\r"))
            else cell
        )

    return "\n".join(sep.join(quote(c) for c in line) for line in [header, *rows])


@pytest.fixture(scope="module")
def dataset(tiny_db_path: Path, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "tiny.duckdb"
    shutil.copy(tiny_db_path, path)
    return path


def file_state(path: Path) -> tuple[int, int, int]:
    """An import replaces the file to change it: same inode, time and size means
    untouched (the full checksum is proved in test_imports.py; here it would cost
    most of the run)."""
    stat = path.stat()
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def attempt(dataset: Path, data: bytes, name: str = "f.csv") -> None:
    before = file_state(dataset)
    try:
        run_import(
            dataset,
            "households",
            data,
            name,
            username="fuzz",
            scope=Scope("admin"),
            settings=Settings(),
        )
    except ImportRejected as rejected:
        assert rejected.problems and rejected.total >= len(rejected.problems)
        for item in rejected.problems:
            assert item.message("zh") and item.message("en")
        assert file_state(dataset) == before
        return
    # Accepted: then the rows really were valid, and they are in.
    assert file_state(dataset) != before


FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=0, max_size=12),
    rows=ROWS,
    sep=st.sampled_from([",", "\t", ";"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
)
def test_malformed_csv_is_reported_never_a_crash(dataset, header, rows, sep, encoding):
    text = to_csv(header, rows, sep)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    attempt(dataset, data)


@FUZZ
@given(
    data=st.binary(max_size=400),
    name=st.sampled_from(["f.csv", "f.xlsx", "f.parquet", "f.geojson"]),
)
def test_random_bytes_are_reported_never_a_crash(dataset, data, name):
    attempt(dataset, data, name)


# Any JSON, leaning on the keys a GeoJSON file has.
KEYS = ["type", "features", "geometry", "coordinates", "properties", "household_id"]
JSON = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(KEYS) | st.text(max_size=4), inner, max_size=4
        )
    ),
    max_leaves=20,
)


@FUZZ
@given(value=JSON)
def test_odd_geojson_is_reported_never_a_crash(dataset, value):
    attempt(dataset, json.dumps(value).encode(), "f.geojson")


TABLES = sorted(IMPORT_TABLE_BY_NAME)


@FUZZ
@given(data=st.data(), table=st.sampled_from(TABLES), rows=ROWS)
def test_every_table_reports_bad_rows_never_a_crash(dataset, data, table, rows):
    spec = IMPORT_TABLE_BY_NAME[table]
    names = [f.name for f in spec.fields] + [f.header_zh for f in spec.fields]
    header = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=14))
    text = to_csv(header, rows, ",")
    before = file_state(dataset)
    try:
        run_import(
            dataset,
            table,
            text.encode(),
            "f.csv",
            username="fuzz",
            scope=Scope("official", "130722"),
            settings=Settings(),
        )
    except ImportRejected as rejected:
        assert rejected.problems
        assert file_state(dataset) == before
