"""A live Jingzhun server on 127.0.0.1 and Debian's Chromium driven by Playwright.

Never downloads a browser: it uses /usr/bin/chromium (Debian package ``chromium``).
Without it the tests skip, except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from tour_accounts import BROWSER_ACCOUNTS, BROWSER_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "artifacts" / "browser"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RUN_TIMEOUT_MS = 120_000
# How long to look for the end of a click's run before relying on the idle state
# alone (a run still going then is waited for by wait_idle).
RUN_SEEN_MS = 15_000

# Streamlit marks its root element with the script's state (running, notRunning) for
# its own end-to-end tests. Count the runs that finish, so a test can wait for the
# run its click started rather than race a run that has not begun yet. The status
# widget cannot do this: it only appears once a run has lasted 500 ms.
COUNT_FINISHED_RUNS = """
window.__jingzhunRuns = 0;
new MutationObserver((records) => {
  for (const record of records) {
    const now = record.target.getAttribute("data-test-script-state");
    if (now === "notRunning" && record.oldValue !== "notRunning") {
      window.__jingzhunRuns += 1;
    }
  }
}).observe(document, {
  subtree: true,
  attributes: true,
  attributeOldValue: true,
  attributeFilter: ["data-test-script-state"],
});
"""
APP_IDLE = """
() => document.querySelector("[data-testid='stApp']")
  ?.getAttribute("data-test-script-state") === "notRunning"
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"streamlit did not answer at {url} within {seconds} s")


@contextmanager
def running_app(
    db_path: Path, log_name: str, accounts: dict[str, str] | None = None
) -> Iterator[str]:
    """Serve app.py on a free loopback port until the block ends; ``accounts`` are
    the environment variables naming its users file and audit log."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = ARTIFACTS.parent / log_name
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "JINGZHUN_DB": str(db_path), **(accounts or {})}
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_healthy(url, process)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=20)
    # Streamlit logs some failures it recovers from without showing them (a table
    # Arrow refused, a failed download callback): any traceback in the log fails.
    served = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in served, f"the server logged a traceback: see {log}"


@pytest.fixture(scope="session")
def browser_accounts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A users file with one account per signed-in role, and an empty audit log."""
    from loaders.accounts import User, UserStore, hash_password

    folder = tmp_path_factory.mktemp("accounts")
    store = UserStore(folder / "users.json")
    password_hash = hash_password(BROWSER_PASSWORD)
    for username, role, region, name in BROWSER_ACCOUNTS:
        store.save(User(username, role, region, name, password_hash))
    return {
        "JINGZHUN_USERS": str(store.path),
        "JINGZHUN_AUDIT": str(folder / "audit.sqlite"),
    }


@pytest.fixture(scope="session")
def server(tiny_db_path: Path, browser_accounts: dict[str, str]) -> Iterator[str]:
    """One server for the session's tests."""
    with running_app(tiny_db_path, "streamlit.log", browser_accounts) as url:
        yield url


@pytest.fixture
def fresh_server(tiny_db_path: Path) -> Iterator[str]:
    """A server that has answered no request yet (the first request is special)."""
    with running_app(tiny_db_path, "streamlit-fresh.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's chromium at /usr/bin/chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()


class Watched:
    """A page that records console errors, failed responses and every request
    leaving 127.0.0.1, and waits for the app runs its actions start."""

    def __init__(self, page) -> None:
        self.page = page
        self.outside: list[str] = []
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        page.on("request", self._request)
        page.on("console", self._console)
        page.on("response", self._response)

    def _request(self, request) -> None:
        if not request.url.startswith(
            ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")
        ):
            self.outside.append(request.url)

    def _response(self, response) -> None:
        # On a deep link (/data) Streamlit's frontend first looks for its server under
        # the page's path and then under the root: those two probes 404 by design.
        probe = response.url.endswith(("/_stcore/health", "/_stcore/host-config"))
        if response.status >= 400 and not probe:
            self.failed.append(f"{response.status} {response.url}")

    def _console(self, message) -> None:
        # Failed loads are judged by _response, which sees the URL; the console only
        # repeats them without it.
        if message.type == "error" and not message.text.startswith(
            "Failed to load resource"
        ):
            self.console_errors.append(message.text)

    def wait_idle(self) -> None:
        """Wait until no app run is going on and the running indicator is gone."""
        self.page.wait_for_function(APP_IDLE, timeout=RUN_TIMEOUT_MS)
        self.page.locator("[data-testid='stStatusWidget']").wait_for(
            state="detached", timeout=RUN_TIMEOUT_MS
        )

    @contextmanager
    def app_run(self) -> Iterator[None]:
        """Wait, after the block, for the app run that the block's action started."""
        before = self.page.evaluate("window.__jingzhunRuns")
        yield
        try:
            self.page.wait_for_function(
                "before => window.__jingzhunRuns > before",
                arg=before,
                timeout=RUN_SEEN_MS,
            )
        except PlaywrightTimeoutError:
            # A run short enough for React to batch "running" and "notRunning" into
            # one render never changes the attribute: nothing to count. Whatever the
            # block's action changed is checked by the test's own expectations.
            pass
        self.wait_idle()

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def assert_clean(self) -> None:
        exceptions = self.page.locator("[data-testid='stException']").all_inner_texts()
        assert exceptions == [], exceptions
        assert self.outside == [], self.outside
        assert self.failed == [], self.failed
        assert self.console_errors == [], self.console_errors


@pytest.fixture
def page(browser):
    # Tall enough to hold a whole page: Streamlit scrolls inside its own container,
    # so a full-page screenshot only ever shows the viewport.
    context = browser.new_context(
        viewport={"width": 1440, "height": 2600}, locale="zh-CN"
    )
    context.add_init_script(COUNT_FINISHED_RUNS)
    watched = Watched(context.new_page())
    yield watched
    context.close()


@pytest.fixture(scope="session")
def server_without_a_year(db_without_a_year: Path) -> Iterator[str]:
    """A server on the tiny dataset with one budget year's allocations removed."""
    with running_app(db_without_a_year, "streamlit-no-year.log") as url:
        yield url
