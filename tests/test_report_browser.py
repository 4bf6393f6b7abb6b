"""The brief in a real browser: headless Chromium loads it with no console error and no
network request, and a screenshot is kept in ``test-artifacts/``.

Skipped when Chromium is not installed (``apt-get install -y chromium``; CI installs it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from tests.test_plots import toy_analysis  # noqa: E402
from vision_analytics.report import Brief  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
#: Lines of Chromium's log that mean the page did something wrong.
PAGE_PROBLEMS = ("CONSOLE", "Failed to load resource", "net::ERR_", "Refused to",
                 "Uncaught", "Content Security Policy")


def _chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _base_command(work: Path) -> list[str]:
    return [
        _chromium(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", f"--user-data-dir={work / 'profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ]


def render_in_chromium(page: Path, screenshot: Path, work: Path, *, size="1280,2000"):
    """Open ``page`` in headless Chromium; return (stderr, URLs the page requested).

    Chromium's net log lists every URL request; the ones a page makes carry the
    page as initiator, the browser's own housekeeping says "not an origin".
    Host resolution is mapped to nothing, so no request can leave the machine.
    """
    net_log = work / "net-log.json"
    command = _base_command(work) + [
        "--enable-logging=stderr", "--v=0", f"--log-net-log={net_log}",
        f"--screenshot={screenshot}", f"--window-size={size}", page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    requested = set()
    if net_log.exists():
        try:
            events = json.loads(net_log.read_text(encoding="utf-8")).get("events", [])
        except json.JSONDecodeError:  # Chromium may leave the log unterminated
            text = net_log.read_text(encoding="utf-8").rstrip().rstrip(",")
            events = json.loads(text + "]}").get("events", [])
        for event in events:
            params = event.get("params") or {}
            if "url" in params and params.get("initiator") not in (None, "not an origin"):
                requested.add(params["url"])
    return done.stderr, requested


chromium_required = pytest.mark.skipif(
    _chromium() is None,
    reason="headless Chromium not found at /usr/bin/chromium or on PATH "
           "(install it with `apt-get install -y chromium`, or set $CHROMIUM)")


@chromium_required
def test_brief_loads_in_chromium_without_errors_or_network(tmp_path):
    brief = Brief(toy_analysis(hostile=True), title="Browser check")
    page = brief.write_html(tmp_path / "report.html")
    screenshot = tmp_path / "brief.png"
    stderr, requested = render_in_chromium(page, screenshot, tmp_path)
    problems = [line for line in stderr.splitlines()
                if any(marker in line for marker in PAGE_PROBLEMS)]
    assert problems == []  # an unescaped <script> or <img> would be reported here (CSP)
    assert sorted(u for u in requested if not u.startswith(("file:", "data:"))) == []
    assert screenshot.exists() and screenshot.stat().st_size > 20_000
    pixels = matplotlib.image.imread(screenshot)
    assert pixels.shape[:2] == (2000, 1280)
    assert np.std(pixels[..., :3]) > 0.05  # not a blank page
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(screenshot, ARTIFACTS / "brief-screenshot.png")


@chromium_required
def test_brief_prints_with_a_page_break_before_each_section(tmp_path):
    html = Brief(toy_analysis(n_requests=12)).html
    assert html.count("section.page { break-before: page; }") == 1

    def pages(text: str, name: str) -> int:
        page = tmp_path / f"{name}.html"
        page.write_text(text, encoding="utf-8")
        pdf = tmp_path / f"{name}.pdf"
        command = _base_command(tmp_path) + ["--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                                             page.resolve().as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120,
                              check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))

    with_breaks = pages(html, "brief")
    without = pages(html.replace("section.page { break-before: page; }", ""), "flowing")
    assert with_breaks >= 9 and with_breaks > without  # the print CSS is what breaks pages


@chromium_required
def test_the_check_catches_a_page_that_calls_out(tmp_path):
    """The harness itself: a page with a script and a remote image is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html><body><p>x</p><script>console.error("boom")</script>'
                   '<img src="http://example.invalid/x.png"></body></html>', encoding="utf-8")
    stderr, requested = render_in_chromium(bad, tmp_path / "bad.png", tmp_path,
                                           size="400,300")
    assert any("CONSOLE" in line and "boom" in line for line in stderr.splitlines())
    assert "http://example.invalid/x.png" in requested
