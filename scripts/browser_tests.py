#!/usr/bin/env python3
"""Browser tests of the navigator page in a real headless Chromium (Selenium).

Run against a live `descent serve`:

    descent serve --port 8123 &
    python3 scripts/browser_tests.py --url http://127.0.0.1:8123/ --cli .build/debug/descent --out /tmp/nav-shots

Checks (exit status 1 if any fails):
  1. the page loads without console errors;
  2. narrow ravine, start (1.8, 0.5), η = 0.04, "Step" once shows step 1, (1.728, 0.100),
     L = 1.593, ‖∇L‖ = 2.643 — and these are the numbers `descent run --function ravine
     --lr 0.04 --start 1.8,0.5` prints (its JSON trajectory, rounded the same way);
  3. a bad formula shows its error inline, with the column and a caret under it;
  4. a shared URL restores the view (function, start, racers, step, readouts);
  5. the basin map and a multi-optimizer race render without errors.
Screenshots of each state are saved as PNG files under --out.
"""
import argparse
import json
import os
import subprocess
import sys
import time
import traceback

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

FAILURES = []


def check(condition, message):
    if condition:
        print(f"  ok    {message}")
    else:
        print(f"  FAIL  {message}")
        FAILURES.append(message)


def make_driver(width=1500, height=960):
    options = Options()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument("--disable-gpu")
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument("--force-device-scale-factor=1")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    binary = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
    if os.path.exists(binary):
        options.binary_location = binary
    driver_path = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
    service = Service(driver_path) if os.path.exists(driver_path) else Service()
    return webdriver.Chrome(service=service, options=options)


def wait_idle(driver, timeout=30):
    """Waits until the page is initialised and has no API request in flight."""
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script(
            "return document.body.dataset.ready === '1' && document.body.dataset.pending === '0'"))
    time.sleep(0.15)  # debounced follow-ups (curvature) start within 120 ms
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.body.dataset.pending === '0'"))


def console_errors(driver):
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def set_input(driver, element, value):
    element.clear()
    element.send_keys(str(value))
    element.send_keys(Keys.TAB)


def readout(driver, index=0):
    card = driver.find_element(By.ID, f"racer-{index}")
    get = lambda cls: card.find_element(By.CSS_SELECTOR, cls).text.strip()
    return {
        "step": get(".readout-step"),
        "xy": get(".readout-xy"),
        "loss": get(".readout-loss"),
        "grad": get(".readout-grad"),
    }


def fmt3(v):
    """The page's readout format (fmt3 in app.js): three decimals in [1e-3, 1e5)."""
    a = abs(v)
    if a == 0:
        return "0.000"
    if 1e-3 <= a < 1e5:
        return f"{v:.3f}"
    return f"{v:.2e}".replace("e-0", "e-").replace("e+0", "e+")


def cli_step_one(cli):
    """Step 1 of `descent run --function ravine --lr 0.04 --start 1.8,0.5`."""
    out = subprocess.run(
        [cli, "run", "--function", "ravine", "--lr", "0.04", "--start", "1.8,0.5", "--format", "json"],
        check=True, capture_output=True, text=True).stdout
    point = json.loads(out)["trajectory"][1]
    return {
        "step": str(point["step"]),
        "xy": f"({fmt3(point['x'][0])}, {fmt3(point['x'][1])})",
        "loss": fmt3(point["loss"]),
        "grad": fmt3(point["gradientNorm"]),
    }


def shot(driver, out, name):
    # Show the top of each column (a click may have scrolled one).
    driver.execute_script("document.querySelectorAll('.racers-panel, .insights').forEach(e => e.scrollTop = 0)")
    path = os.path.join(out, name + ".png")
    driver.save_screenshot(path)
    print(f"        screenshot {path}")


def test_loads_cleanly(driver, url, out):
    print("page loads without console errors")
    driver.get(url)
    wait_idle(driver)
    errors = console_errors(driver)
    check(not errors, f"no console errors ({errors})")
    check(driver.title.startswith("Descent"), "title")
    check(Select(driver.find_element(By.ID, "preset")).first_selected_option.get_attribute("value") == "narrow-ravine",
          "the narrow ravine is the first landscape")
    shot(driver, out, "01-first-load")


def test_ravine_step_once(driver, url, out, cli):
    print("narrow ravine, start (1.8, 0.5), η = 0.04, one step")
    driver.get(url)
    wait_idle(driver)
    driver.get_log("browser")  # start from an empty console log
    Select(driver.find_element(By.ID, "preset")).select_by_value("narrow-ravine")
    wait_idle(driver)
    set_input(driver, driver.find_element(By.ID, "start-x"), "1.8")
    set_input(driver, driver.find_element(By.ID, "start-y"), "0.5")
    wait_idle(driver)
    lr = driver.find_element(By.CSS_SELECTOR, "#racer-0 .lr-input")
    set_input(driver, lr, "0.04")
    wait_idle(driver)
    driver.find_element(By.ID, "reset").click()
    driver.find_element(By.ID, "step").click()
    wait_idle(driver)
    shown = readout(driver, 0)
    print(f"        page shows {shown}")
    check(shown == {"step": "1", "xy": "(1.728, 0.100)", "loss": "1.593", "grad": "2.643"},
          "step 1, (1.728, 0.100), L = 1.593, ‖∇L‖ = 2.643")
    if cli:
        expected = cli_step_one(cli)
        print(f"        CLI prints {expected}")
        check(shown == expected, "the page shows the numbers `descent run` prints")
    check(driver.find_element(By.ID, "step-counter").text == "1", "the step counter says 1")
    errors = console_errors(driver)
    check(not errors, f"no console errors ({errors})")
    shot(driver, out, "02-ravine-step-1")
    # Watch it run: a zig-zagging rate next to it.
    for _ in range(30):
        driver.find_element(By.ID, "step").click()
    wait_idle(driver)
    shot(driver, out, "03-ravine-step-31")


def test_bad_formula(driver, url, out):
    print("a bad formula shows its error inline")
    driver.get(url)
    wait_idle(driver)
    box = driver.find_element(By.ID, "formula")
    box.clear()
    box.send_keys("0.5*x^^2 + 10*y^2")
    box.send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "formula-error").is_displayed())
    message = driver.find_element(By.CSS_SELECTOR, "#formula-error .error-message").text
    excerpt = driver.find_element(By.CSS_SELECTOR, "#formula-error .error-excerpt").text
    print(f"        message: {message!r}")
    print(f"        excerpt: {excerpt!r}")
    check("column 7" in message and "'^'" in message, "the message names the problem and column 7")
    lines = excerpt.split("\n")
    check(len(lines) == 2 and lines[0] == "0.5*x^^2 + 10*y^2" and lines[1] == "      ^",
          "the excerpt shows the formula with a caret under column 7")
    check("invalid" in box.get_attribute("class"), "the formula box is marked invalid")
    shot(driver, out, "04-bad-formula")
    # Fixing it clears the error.
    box.clear()
    box.send_keys("0.5*x^2 + 10*y^2 + sin(3*x)")
    box.send_keys(Keys.ENTER)
    wait_idle(driver)
    check(not driver.find_element(By.ID, "formula-error").is_displayed(), "a fixed formula clears the error")
    # Too many variables: also inline, with the column of the third.
    box.clear()
    box.send_keys("x^2 + y^2 + z^2")
    box.send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "formula-error").is_displayed())
    message = driver.find_element(By.CSS_SELECTOR, "#formula-error .error-message").text
    check("two variables" in message and "column 13" in message, f"three variables: {message!r}")


def test_shared_url(driver, url, out):
    print("a shared URL restores the view")
    driver.get(url)
    wait_idle(driver)
    Select(driver.find_element(By.ID, "preset")).select_by_value("himmelblau")
    wait_idle(driver)
    set_input(driver, driver.find_element(By.ID, "start-x"), "-0.5")
    set_input(driver, driver.find_element(By.ID, "start-y"), "-1.5")
    wait_idle(driver)
    set_input(driver, driver.find_element(By.CSS_SELECTOR, "#racer-0 .lr-input"), "0.01")
    wait_idle(driver)
    driver.find_element(By.ID, "add-racer").click()
    wait_idle(driver)
    for _ in range(25):
        driver.find_element(By.ID, "step").click()
    wait_idle(driver)
    time.sleep(0.3)  # the URL is written 120 ms after the last change
    shared = driver.current_url
    step_before = driver.find_element(By.ID, "step-counter").text
    before = [readout(driver, i) for i in range(len(driver.find_elements(By.CSS_SELECTOR, ".racer")))]
    print(f"        link: {shared[:160]}…")
    shot(driver, out, "05-before-sharing")

    fresh = make_driver(1300, 900)  # another browser, another window size
    try:
        fresh.get(shared)
        wait_idle(fresh)
        after = [readout(fresh, i) for i in range(len(fresh.find_elements(By.CSS_SELECTOR, ".racer")))]
        check(Select(fresh.find_element(By.ID, "preset")).first_selected_option.get_attribute("value") == "himmelblau",
              "the landscape")
        check(fresh.find_element(By.ID, "start-x").get_attribute("value") == "-0.5"
              and fresh.find_element(By.ID, "start-y").get_attribute("value") == "-1.5", "the start")
        check(fresh.find_element(By.ID, "step-counter").text == step_before, f"the step ({step_before})")
        check(after == before, f"the racers and their readouts ({after})")
        check(not console_errors(fresh), "no console errors")
        shot(fresh, out, "06-restored-from-link")
    finally:
        fresh.quit()


def test_race_and_basins(driver, url, out):
    print("a race and a basin map")
    driver.get(url)
    wait_idle(driver)
    driver.get_log("browser")  # the bad-formula test's 400 answers are logged as errors
    Select(driver.find_element(By.ID, "preset")).select_by_value("himmelblau")
    wait_idle(driver)
    set_input(driver, driver.find_element(By.CSS_SELECTOR, "#racer-0 .lr-input"), "0.01")
    wait_idle(driver)
    Select(driver.find_element(By.ID, "basin-resolution")).select_by_value("64")
    driver.find_element(By.ID, "basin-run").click()
    WebDriverWait(driver, 60).until(
        lambda d: "%" in d.find_element(By.ID, "basin-legend").text and d.execute_script(
            "return document.body.dataset.pending === '0'"))
    legend = driver.find_element(By.ID, "basin-legend").text
    minima = driver.find_elements(By.CSS_SELECTOR, "#basin-legend .kind.minimum")
    check(len(minima) == 4, f"four minima share the plane ({legend!r})")
    driver.find_element(By.ID, "basin-overlay").click()
    driver.find_element(By.ID, "play").click()
    time.sleep(2.5)
    driver.find_element(By.ID, "play").click()
    wait_idle(driver)
    rows = driver.find_elements(By.CSS_SELECTOR, "#race-table tbody tr")
    check(len(rows) >= 2, "the race table lists every racer")
    errors = console_errors(driver)
    check(not errors, f"no console errors ({errors})")
    shot(driver, out, "07-himmelblau-basins-race")

    # The saddle with noise: the run escapes.
    Select(driver.find_element(By.ID, "preset")).select_by_value("saddle")
    wait_idle(driver)
    driver.find_element(By.ID, "basin-overlay").click()
    set_input(driver, driver.find_element(By.CSS_SELECTOR, "#racer-0 .noise"), "0.5")
    wait_idle(driver)
    driver.find_element(By.ID, "play").click()
    time.sleep(2)
    driver.find_element(By.ID, "play").click()
    wait_idle(driver)
    shot(driver, out, "08-saddle-noise")

    # Past the stability limit: the warning and the red track.
    Select(driver.find_element(By.ID, "preset")).select_by_value("narrow-ravine")
    wait_idle(driver)
    set_input(driver, driver.find_element(By.CSS_SELECTOR, "#racer-0 .noise"), "0")
    wait_idle(driver)
    set_input(driver, driver.find_element(By.CSS_SELECTOR, "#racer-0 .lr-input"), "0.105")
    wait_idle(driver)
    for _ in range(12):
        driver.find_element(By.ID, "step").click()
    wait_idle(driver)
    warning = driver.find_element(By.ID, "stability-warning")
    check(warning.is_displayed() and "2/λmax" in warning.text, f"the η > 2/λmax warning ({warning.text!r})")
    shot(driver, out, "09-ravine-unstable")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the navigator's address, e.g. http://127.0.0.1:8123/")
    parser.add_argument("--cli", help="the descent binary, to compare the numbers with `descent run`")
    parser.add_argument("--out", default="/tmp/navigator-screenshots", help="folder for the screenshots")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    driver = make_driver()
    try:
        for test in (
            lambda: test_loads_cleanly(driver, args.url, args.out),
            lambda: test_ravine_step_once(driver, args.url, args.out, args.cli),
            lambda: test_bad_formula(driver, args.url, args.out),
            lambda: test_shared_url(driver, args.url, args.out),
            lambda: test_race_and_basins(driver, args.url, args.out),
        ):
            try:
                test()
            except Exception as error:  # a test that throws fails, the others still run
                traceback.print_exc()
                FAILURES.append(f"exception: {error!r}")
    finally:
        driver.quit()
    if FAILURES:
        print(f"\n{len(FAILURES)} check(s) failed:")
        for f in FAILURES:
            print(f"  - {f}")
        return 1
    print("\nall browser checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
