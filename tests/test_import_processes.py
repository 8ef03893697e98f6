"""An import against other processes: killed mid-way it leaves the dataset as it
was; readers in other processes never see an error while it swaps a new version in."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from import_cases import csv_text, fingerprint, household

from benchmarks.imports import household_rows
from loaders.imports import run_import
from loaders.imports.write import temp_path
from loaders.scope import Scope
from loaders.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.fixture
def dataset(tiny_db_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "tiny.duckdb"
    shutil.copy(tiny_db_path, path)
    return path


def import_rows(dataset: Path, first: int, count: int = 3) -> None:
    rows = [household(n) for n in range(first, first + count)]
    run_import(
        dataset,
        "households",
        csv_text(rows).encode(),
        "h.csv",
        username="tester",
        scope=Scope("admin"),
        settings=Settings(),
    )


def test_an_import_killed_mid_way_leaves_the_dataset_intact(dataset, tmp_path):
    big = tmp_path / "big.csv"
    household_rows(dataset, 60_000).to_csv(big, index=False)
    before = fingerprint(dataset)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "loaders",
            "import",
            "households",
            str(big),
            "--db",
            str(dataset),
        ],
        cwd=tmp_path,
        env={**ENV, "JINGZHUN_AUDIT": str(tmp_path / "audit.sqlite")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Wait until it is writing the new version, then kill it without warning.
    deadline = time.monotonic() + 120
    while not temp_path(dataset).exists():
        assert process.poll() is None, "the import ended before it began writing"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL

    assert fingerprint(dataset) == before
    with duckdb.connect(str(dataset), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM households").fetchone()[0] > 0
        version = con.execute("SELECT version FROM dataset_info").fetchone()[0]
    assert version == "1.0.0"
    # The lock died with the process, and the next import clears its leftover.
    import_rows(dataset, 1)
    assert not temp_path(dataset).exists()


READER = r"""
import json, sys, time
from pathlib import Path
from loaders.db import Database

path, stop = Path(sys.argv[1]), Path(sys.argv[2])
held = Database(path)  # opened before any import: keeps reading its version
seen = {"held": set(), "fresh": set(), "errors": [], "reads": 0}
print("ready", flush=True)
while not stop.exists():
    try:
        count = "SELECT count(*) FROM households"
        seen["held"].add(int(held.query(count).iloc[0, 0]))
        fresh = Database(path)
        seen["fresh"].add(int(fresh.query(count).iloc[0, 0]))
        fresh.query("SELECT * FROM county_facts")
        fresh.close()
        seen["reads"] += 1
    except Exception as error:
        seen["errors"].append(f"{type(error).__name__}: {error}")
print(json.dumps({k: sorted(v) if isinstance(v, set) else v for k, v in seen.items()}))
"""


def test_readers_in_other_processes_never_fail_during_imports(dataset, tmp_path):
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(dataset), str(stop)],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout.readline().strip() == "ready"
    with duckdb.connect(str(dataset), read_only=True) as con:
        start = con.execute("SELECT count(*) FROM households").fetchone()[0]
    for batch in range(4):
        import_rows(dataset, 1 + 3 * batch)
        time.sleep(0.2)
    stop.touch()
    out, err = reader.communicate(timeout=60)
    seen = json.loads(out.strip().splitlines()[-1])

    assert seen["errors"] == [], seen["errors"][:3]
    assert seen["reads"] > 5
    assert seen["held"] == [start]  # the old version, undisturbed
    assert seen["fresh"][0] >= start and seen["fresh"][-1] == start + 12
