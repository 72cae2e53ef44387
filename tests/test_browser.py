"""The main flow in a real browser: `streamlit run`, train the birnn, tag a sentence.

Headless Chromium from Debian (/usr/bin/chromium), driven by Playwright.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 90  # seconds for the server to answer its health check
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM}"
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(mirror_url, tmp_path_factory):
    port = free_port()
    env = {
        **os.environ,
        "TAGGER_SOURCE_BASE": mirror_url,
        "TAGGER_CACHE": str(tmp_path_factory.mktemp("cache")),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "streamlit_app.py",
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
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("streamlit run did not start")
            time.sleep(0.5)
    yield url
    server.terminate()
    server.wait(timeout=20)


@pytest.fixture(scope="module")
def page(app_url):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        page.set_default_timeout(90_000)
        yield page
        browser.close()


def test_train_the_bidirectional_model_then_tag_a_sentence(app_url, page):
    page.goto(f"{app_url}/train")
    page.get_by_role("button", name="Train", exact=True).click()
    page.get_by_text("training accuracy (real tokens)").wait_for()
    assert page.get_by_text("100.0%").is_visible()

    page.get_by_role("link", name="Next: tag a sentence").click()
    table = page.locator("[data-testid='stTable'] table")
    table.wait_for()
    rows = [
        [cell.inner_text().strip() for cell in row.locator("th, td").all()]
        for row in table.locator("tr").all()
    ]
    header, body = rows[0], rows[1:]
    assert header[:5] == [
        "token",
        "known",
        "forward",
        "backward",
        "combined (bidirectional)",
    ]
    assert [row[0] for row in body] == ["tensorflow", "is", "very", "easy"]
    assert [row[1] for row in body] == ["yes", "yes", "yes", "no"]
    combined = [row[4].split()[0] for row in body]
    assert combined[:3] == ["noun", "verb", "adverb"]
    assert all(cell for row in body for cell in row[2:5])

    # typed markup is shown as typed, never rendered
    box = page.get_by_label("Sentence (words separated by spaces)")
    box.fill("<b>bold</b> **star** <script>alert(1)</script> www.example.com a@b.co")
    box.press("Enter")
    first = table.locator("tbody tr").first.locator("td, th").first
    page.wait_for_function(
        "el => el.innerText.includes('<b>')", arg=first.element_handle()
    )
    assert first.inner_text().strip() == "<b>bold</b>"
    assert table.locator("b, script, a").count() == 0  # no markup, no links


def test_upload_a_treebank_then_stop_training_keeps_the_finished_epochs(
    app_url, page, ewt_dev
):
    page.goto(app_url)
    page.get_by_text("Upload a file").click()
    page.locator("input[type=file]").set_input_files(str(ewt_dev))
    page.get_by_text(f"Corpus: {ewt_dev.name}").wait_for()

    page.get_by_role("link", name="Next: train a tagger on this corpus").click()
    epochs = page.get_by_role("slider").first
    epochs.focus()
    epochs.press("End")  # 200 epochs: still training when Stop lands, however slow
    page.get_by_test_id("stSliderThumbValue").get_by_text("200").wait_for()
    page.get_by_role("button", name="Train", exact=True).click()
    page.get_by_text("epoch 2/").wait_for()  # the first epoch has ended
    page.get_by_role("button", name="Stop").click()
    message = page.get_by_text("stopped after")
    message.wait_for()

    finished = int(message.inner_text().split("stopped after")[1].split()[0])
    assert finished >= 1
    shown = f"{finished} epoch" if finished == 1 else f"{finished} epochs"
    assert page.get_by_text(shown, exact=True).is_visible()
    assert page.get_by_text("training accuracy (real tokens)").is_visible()


def test_load_a_public_treebank_by_name(app_url, page, ewt_dev):
    page.goto(app_url)
    page.get_by_text("Public treebank").click()
    page.get_by_role("button", name="Load", exact=True).click()
    page.get_by_text("Corpus: en_ewt-ud-train.conllu").wait_for()

    assert page.get_by_text("12,544", exact=True).is_visible()
    assert page.get_by_text("2,001", exact=True).is_visible()
    assert page.get_by_text("dev tokens unknown to training").is_visible()


def test_a_file_over_the_upload_limit_is_refused_and_the_corpus_kept(
    app_url, page, tmp_path
):
    page.goto(app_url)
    page.get_by_text("Corpus: lecture").wait_for()
    page.get_by_text("Upload a file").click()
    too_big = tmp_path / "big.conllu"
    too_big.write_bytes(b"x\tX\n" * (51 * 1024 * 1024 // 4))  # the limit is 50 MB

    page.locator("input[type=file]").set_input_files(str(too_big))

    refusal = page.get_by_text("50.0MB")
    refusal.first.wait_for()
    assert page.get_by_text("Corpus: lecture").is_visible()


def test_a_shared_link_opens_the_same_training_settings(app_url, page):
    page.goto(f"{app_url}/train?train_epochs_lecture=45&train_lr_lecture=0.02")
    page.get_by_role("button", name="Train", exact=True).wait_for()

    sliders = page.get_by_test_id("stSliderThumbValue")
    assert sliders.all_inner_texts()[:2] == ["45", "0.02"]


def test_a_shared_link_reopens_the_models_settings_and_sentence(app_url, page):
    # a new page is a new session, in which nothing is trained yet
    fresh = page.context.browser.new_page(viewport={"width": 1280, "height": 1100})
    fresh.set_default_timeout(90_000)
    fresh.goto(
        f"{app_url}/predict?corpus=lecture&models=rnn,birnn&train_epochs_lecture=12"
        "&train_hidden_lecture=7&predict_text=I+love+deep+learning"
    )
    table = fresh.locator("[data-testid='stTable'] table")
    table.wait_for()

    box = fresh.get_by_label("Sentence (words separated by spaces)")
    assert box.input_value() == "I love deep learning"
    header = table.locator("thead th").all_inner_texts()
    assert "combined (bidirectional)" in header and "one-way RNN" in header

    fresh.get_by_role("button", name="Share this setup").click()
    link = fresh.get_by_test_id("stCode").first
    fresh.wait_for_function(
        "el => el.innerText.includes('models=')", arg=link.element_handle()
    )
    assert "train_epochs_lecture=12" in link.inner_text()
    fresh.keyboard.press("Escape")

    # the Train page shows the settings the models were trained with
    fresh.get_by_role("link", name="Train", exact=True).click()
    fresh.get_by_role("button", name="Train", exact=True).wait_for()
    sliders = fresh.get_by_test_id("stSliderThumbValue")
    assert sliders.all_inner_texts()[:2] == ["12", "0.1"]
    assert fresh.get_by_label("Hidden units per direction").input_value() == "7"
    fresh.close()
