"""Students and instructors in a real browser: Debian's chromium, headless, driven by Playwright.

A student fetches a lab in JupyterLab's Assignments panel, fills one
exercise, runs its public test, presses Validate, and submits through the
course exchange; the instructor collects and grades that submission and the
formgrader shows it with the expected score.  The formgrader shows the
graded class, and the HTML report renders.  Screenshots of every step go
to test-artifacts/browser/.
"""

from __future__ import annotations

import json
import shutil
import socket
import time
from pathlib import Path

import pytest
from classroom import CLASS, LAB, dlgrade
from conftest import ROOT

from autograder.labserver import instructor_lab, student_lab
from autograder.workflow import score_table

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STUDENT = "zoe"
ANSWER = '''def sigmoid(z):
    """Compute the sigmoid of z, elementwise."""
    s = 1 / (1 + np.exp(-z))
    return s
'''
WAIT = 120_000  # ms: a loaded 2-core machine starts kernels slowly


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def course(graded_class, tmp_path_factory) -> Path:
    """A copy of the graded class, so that a new student's submission changes no other test's data."""
    return shutil.copytree(graded_class, tmp_path_factory.mktemp("browser") / "course", symlinks=True)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (scripts/setup.sh installs it when run as root)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def instructor(course):
    with instructor_lab(course, port=_free_port(), log=course / "instructor-lab.log") as server:
        yield server


def _page(browser, server=None, height: int = 800):
    """A fresh browser context; the Jupyter token travels in a header, so page scripts are logged in too."""
    headers = {"Authorization": f"token {server.token}"} if server else {}
    context = browser.new_context(viewport={"width": 1280, "height": height}, extra_http_headers=headers)
    return context.new_page()


def _shot(page, name: str, **options) -> Path:
    path = ARTIFACTS / name
    page.screenshot(path=str(path), **options)
    assert path.stat().st_size > 10_000  # a real picture, not a blank page
    return path


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def _save(page) -> None:
    from playwright.sync_api import expect

    page.keyboard.press("Control+S")
    expect(page.locator(".lm-TabBar-tab.jp-mod-dirty")).to_have_count(0, timeout=WAIT)


def _center(locator) -> None:
    locator.evaluate("element => element.scrollIntoView({block: 'center'})")


def test_student_fetches_works_validates_submits_and_is_graded(course, browser, instructor):
    from playwright.sync_api import expect

    server = student_lab(course, STUDENT, port=_free_port(), log=course / "student-lab.log")
    # This test saves by hand; JupyterLab's autosave racing with that save raises a "File Changed" dialog.
    settings = server.folder / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    with server:
        page = _page(browser, server)
        page.goto(f"{server.base}/lab")
        page.wait_for_selector("#jp-main-dock-panel", timeout=WAIT)

        # 1. the Assignments panel lists the released lab
        _menu(page, "Nbgrader", "Assignment List")
        released = page.locator("#released_assignments_list")
        expect(released).to_contain_text(LAB, timeout=WAIT)
        _shot(page, "01-student-assignments.png")

        # 2. fetch it
        released.get_by_role("button", name="Fetch").click()
        fetched = page.locator("#fetched_assignments_list")
        expect(fetched).to_contain_text(LAB, timeout=WAIT)
        assert (course / "students" / STUDENT / LAB / f"{LAB}.ipynb").is_file()
        _shot(page, "02-student-fetched.png")

        # 3. open the notebook from the panel
        fetched.locator("a.assignment-notebooks-link").click()
        fetched.locator(".nested_list_item a", has_text=LAB).click()
        notebook = page.locator(".jp-NotebookPanel:visible")
        expect(notebook.locator(".jp-MarkdownCell").first).to_contain_text("Logistic regression", timeout=WAIT)
        expect(page.locator(".jp-StatusBar-Widget", has_text="Idle").first).to_be_visible(timeout=WAIT)  # kernel ready
        _shot(page, "03-student-notebook.png")

        # 4. fill the first exercise
        exercise = notebook.locator(".jp-CodeCell", has_text="def sigmoid(z):").first
        _center(exercise)
        exercise.locator(".cm-content").click()
        page.keyboard.press("Control+A")
        page.keyboard.insert_text(ANSWER)
        page.keyboard.press("Escape")
        expect(exercise).to_contain_text("s = 1 / (1 + np.exp(-z))")
        _shot(page, "04-student-exercise.png")

        # 5. run everything above the public test, then the test itself
        test = notebook.locator(".jp-CodeCell", has_text='public_check("sigmoid"').first
        _center(test)
        test.locator(".jp-InputPrompt").click()
        _menu(page, "Run", "Run All Above Selected Cell")
        page.keyboard.press("Control+Enter")
        output = test.locator(".jp-OutputArea")
        expect(output).to_contain_text("sigmoid: public example passed", timeout=WAIT)
        expect(output).to_contain_text("(sigmoid(z=array of shape (2,)))")  # the case it ran
        _center(test)
        _shot(page, "05-student-public-test.png")

        # 6. Validate: the exercises still to do are listed with their hints
        _save(page)
        notebook.locator(".jp-Toolbar").get_by_role("button", name="Validate").click()
        dialog = page.locator(".jp-Dialog")
        expect(dialog).to_contain_text("Validation Results", timeout=WAIT)
        expect(dialog).to_contain_text("initialize_with_zeros: public example FAILED", timeout=WAIT)
        expect(dialog).to_contain_text("hint: replace `raise NotImplementedError()` with your code")
        expect(dialog).not_to_contain_text("sigmoid: public example FAILED")
        expect(dialog).not_to_contain_text("Traceback")
        _shot(page, "06-student-validate.png")
        dialog.get_by_role("button", name="Ok").click()

        # 7. submit through the exchange
        page.locator(".lm-TabBar-tabLabel", has_text="Assignments").click()
        fetched.get_by_role("button", name="Submit").click()
        expect(page.locator("#submitted_assignments_list")).to_contain_text(LAB, timeout=WAIT)
        _shot(page, "07-student-submitted.png")
        page.context.close()
    assert list((course / "exchange" / "dl-course" / "inbound").glob(f"{STUDENT}+{LAB}+*"))

    # the instructor collects and grades it: one exercise of six, 1 point of 10
    dlgrade(course, "collect", LAB)
    graded = json.loads(dlgrade(course, "grade", LAB, "--student", STUDENT, "--json").stdout)
    assert [r["student"] for r in graded["results"]] == [STUDENT] and graded["results"][0]["ok"]
    assert graded["scores"][STUDENT][LAB] == 1.0

    page = _page(browser, instructor, height=500)
    page.goto(f"{instructor.base}/formgrader/manage_submissions/{LAB}")
    page.locator("input[type=search]").fill(STUDENT)
    row = page.locator("table tbody tr", has_text=STUDENT)
    expect(row).to_contain_text("graded", timeout=WAIT)
    expect(row).to_contain_text("1 / 10")
    _shot(page, "08-formgrader-student-graded.png")
    page.context.close()


def test_formgrader_shows_the_graded_class(course, browser, instructor):
    from playwright.sync_api import expect

    _, table, maxima = score_table(course)
    page = _page(browser, instructor, height=700)
    page.goto(f"{instructor.base}/formgrader/manage_submissions/{LAB}")
    rows = page.locator("table tbody tr")
    expect(rows.filter(has_text="rex")).to_contain_text("graded", timeout=WAIT)
    for student in CLASS:
        expect(rows.filter(has_text=student).first).to_contain_text(f"{table[student][LAB]:g} / {maxima[LAB]:g}")
    _shot(page, "09-formgrader-submissions.png", full_page=True)
    page.context.close()


def test_report_renders_in_the_browser(course, browser):
    from playwright.sync_api import expect

    out = course / "reports"
    dlgrade(course, "report", "--out", str(out), LAB)
    page = _page(browser, height=900)
    for name, shot in ((f"{LAB}.html", "10-report-lab.png"), ("index.html", "11-report-course.png")):
        page.goto((out / name).as_uri())
        expect(page.locator("h1")).to_be_visible()
        images = page.locator("img")
        assert images.count() >= 2
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not all(images.nth(i).evaluate("i => i.complete") for i in range(images.count())):
            time.sleep(0.1)
        widths = [images.nth(i).evaluate("i => i.naturalWidth") for i in range(images.count())]
        assert all(w > 300 for w in widths), widths  # every plot decoded
        _shot(page, shot, full_page=True)
    lab_page = page.context.new_page()
    lab_page.goto((out / f"{LAB}.html").as_uri())
    expect(lab_page.locator("body")).to_contain_text("Checks, hardest first")
    expect(lab_page.locator("body")).to_contain_text("out of memory")
    page.context.close()
