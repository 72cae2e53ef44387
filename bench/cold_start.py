"""Cold start: the Data page's first render, and the Train page's first loss point.

    python bench/cold_start.py                  # AppTest x5, then the browser x3
    python bench/cold_start.py --repeats 9 --browser-repeats 0

AppTest part: each repeat is a fresh `python -c` subprocess that imports
Streamlit's AppTest and runs streamlit_app.py once (the Data page, lecture
corpus). Timed: the whole subprocess, the AppTest import, and the app run;
checked: that TensorFlow was never imported.

Browser part (Playwright driving /usr/bin/chromium): each repeat starts a
fresh `streamlit run` on a free 127.0.0.1 port and a fresh browser, then
times the server's start to its health check, `page.goto` to "Padded
tensors" on screen, opening /train to its Train button (the first import of
TensorFlow happens here), and, on the fully loaded Train page, a click on
Train to the first loss on screen, both as the progress text ("· loss") and
as the live Plotly chart (`.js-plotly-plot`), and to the end of training.
Prints figures; passes or fails nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "streamlit_app.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT = 120  # seconds for the server to pass its health check
PAGE_TIMEOUT_MS = 180_000  # for any one thing to show in the browser
TARGET_FIRST_POINT_S = 3.0
# the progress text once an epoch has ended: "epoch 2/30 · loss …"; "epoch 1/"
# alone shows while the first epoch still runs, before there is any loss
FIRST_LOSS_TEXT = re.compile(r"epoch \d+/\d+ · loss")

# runs in a fresh interpreter, so every import is cold; prints one JSON line
CHILD = """
import json, sys, time
start = time.perf_counter()
from streamlit.testing.v1 import AppTest
imported = time.perf_counter()
app = AppTest.from_file({app!r}, default_timeout=120).run()
ran = time.perf_counter()
print(json.dumps({{
    "import_s": imported - start,
    "run_s": ran - imported,
    "tensorflow_loaded": "tensorflow" in sys.modules,
    "exceptions": len(app.exception),
    "padded_tensors_shown": any(h.value == "Padded tensors" for h in app.subheader),
}}))
"""


def apptest_once() -> dict:
    """One cold AppTest run of the app's first page, in its own interpreter."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(app=str(APP))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    return {"process_s": wall, **json.loads(done.stdout.strip().splitlines()[-1])}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server() -> tuple[subprocess.Popen, str, float]:
    """A fresh `streamlit run`, its address, and seconds to its health check."""
    port = free_port()
    start = time.perf_counter()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(APP),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            return server, url, time.perf_counter() - start
        except OSError:
            if time.perf_counter() - start > START_TIMEOUT or server.poll() is not None:
                server.kill()
                raise RuntimeError("streamlit run did not start") from None
            time.sleep(0.1)


def browser_once(playwright) -> dict:
    """One fresh server and browser: Data page, Train page, a training's first point."""
    server, url, health_s = start_server()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        page.set_default_timeout(PAGE_TIMEOUT_MS)

        # the Data page, TensorFlow not yet imported by anyone
        start = time.perf_counter()
        page.goto(url)
        page.get_by_text("Padded tensors").wait_for()
        data_s = time.perf_counter() - start

        # the Train page is fully loaded once its last element, the hint, shows
        start = time.perf_counter()
        page.goto(f"{url}/train")
        button = page.get_by_role("button", name="Train", exact=True)
        button.wait_for()
        page.get_by_text("No model trained yet").wait_for()
        train_page_s = time.perf_counter() - start

        # a click to the first loss on screen, as text and on the live chart
        start = time.perf_counter()
        button.click()
        page.get_by_text(FIRST_LOSS_TEXT).first.wait_for()
        loss_text_s = time.perf_counter() - start
        page.locator(".js-plotly-plot").first.wait_for()
        chart_s = time.perf_counter() - start
        page.get_by_text("training accuracy (real tokens)").wait_for()
        finished_s = time.perf_counter() - start
    finally:
        browser.close()
        server.terminate()
        server.wait(timeout=30)
    return {
        "server_health_s": health_s,
        "data_page_s": data_s,
        "train_page_s": train_page_s,
        "click_to_loss_text_s": loss_text_s,
        "click_to_chart_s": chart_s,
        "click_to_first_point_s": min(loss_text_s, chart_s),
        "click_to_finished_s": finished_s,
    }


def medians_of(rows: list[dict]) -> dict:
    return {
        key: round(statistics.median(row[key] for row in rows), 3)
        for key, value in rows[0].items()
        if isinstance(value, float)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="AppTest subprocesses")
    parser.add_argument(
        "--browser-repeats",
        type=int,
        default=3,
        help="fresh servers and browsers; 0 skips the browser part",
    )
    args = parser.parse_args()
    figures = {"bench": "cold_start"}

    apptest = []
    for repeat in range(args.repeats):
        row = apptest_once()
        apptest.append(row)
        print(
            f"  AppTest {repeat + 1}: process {row['process_s']:.2f} s, import "
            f"{row['import_s']:.2f} s, run {row['run_s']:.2f} s, tensorflow "
            f"loaded {row['tensorflow_loaded']}, exceptions {row['exceptions']}",
            flush=True,
        )
    if apptest:
        figures["apptest"] = {
            **medians_of(apptest),
            "tensorflow_loaded": [row["tensorflow_loaded"] for row in apptest],
            "padded_tensors_shown": all(r["padded_tensors_shown"] for r in apptest),
            "exceptions": sum(row["exceptions"] for row in apptest),
        }

    browser_rows = []
    if args.browser_repeats and not os.path.exists(CHROMIUM):
        print(f"  no browser part: no Chromium at {CHROMIUM}")
    elif args.browser_repeats:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            for repeat in range(args.browser_repeats):
                row = browser_once(playwright)
                browser_rows.append(row)
                print(
                    f"  browser {repeat + 1}: "
                    + ", ".join(f"{k} {v:.2f}" for k, v in row.items()),
                    flush=True,
                )
        figures["browser"] = medians_of(browser_rows)

    print(
        f"cold start, medians, load average {os.getloadavg()[0]:.2f} on "
        f"{os.cpu_count()} CPUs"
    )
    if apptest:
        a = figures["apptest"]
        print(
            f"  Data page by AppTest: process {a['process_s']:.2f} s (import "
            f"{a['import_s']:.2f} s, run {a['run_s']:.2f} s); tensorflow "
            f"imported in {sum(a['tensorflow_loaded'])} of {len(apptest)} runs"
        )
    if browser_rows:
        b = figures["browser"]
        print(
            f"  browser: server up {b['server_health_s']:.2f} s, Data page "
            f"{b['data_page_s']:.2f} s, Train page {b['train_page_s']:.2f} s; "
            f"click to first loss as text {b['click_to_loss_text_s']:.2f} s, on "
            f"the chart {b['click_to_chart_s']:.2f} s (target <= "
            f"{TARGET_FIRST_POINT_S:g} s), to finished "
            f"{b['click_to_finished_s']:.2f} s"
        )
    figures["target_first_point_s"] = TARGET_FIRST_POINT_S
    figures["loadavg"] = [round(x, 2) for x in os.getloadavg()]
    figures["cpus"] = os.cpu_count()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
