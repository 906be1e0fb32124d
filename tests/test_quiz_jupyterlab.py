"""Live kernel, end to end: JupyterLab (headless Chromium) shows the quiz as a widget; an answer clicked in
the browser is graded by the JS module and reaches Python through the widget's ``answers`` trait."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_QUIZZES = ROOT / "tests" / "fixtures" / "quizbook" / "quizzes"
TOKEN = "quiz-test-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("lab")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("from russia_syria import quiz\nq = quiz.show('demo', values={'n_rows': 12})\nq"),
        nbformat.v4.new_code_cell("r = q.results().set_index('question')\n"
                                  "print('RESULT', r.loc['capital', 'answer'], r.loc['capital', 'correct'])"),
    ]
    nbformat.write(nb, work / "live.ipynb")
    port = free_port()
    env = {**os.environ, "RUSSIA_SYRIA_QUIZZES": str(FIXTURE_QUIZZES), "JUPYTER_CONFIG_DIR": str(work / ".cfg")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={work}", "--LabApp.news_url=", "--allow-root",
         "--ServerApp.disable_check_xsrf=True"],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}api/status?token={TOKEN}", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_quiz_widget_answer_reaches_python(page, lab):
    page.set_default_timeout(60_000)
    page.goto(f"{lab}lab/tree/live.ipynb?token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
    # The status bar reads "Python 3 (ipykernel) | Idle" once the kernel has started and connected (the
    # toolbar's execution indicator says "idle" from the start, so it cannot tell).
    page.locator(".jp-StatusBar-Item", has_text="| Idle").wait_for(timeout=90_000)
    page.locator(".jp-Cell").first.click()
    page.keyboard.press("Shift+Enter")  # run the quiz cell
    quiz_box = page.locator(".jp-OutputArea-output #rsq-demo")
    quiz_box.wait_for(timeout=90_000)
    quiz_box.get_by_label("Damascus").check()
    quiz_box.locator("#rsq-demo-capital .rsq-check").click()
    assert "✔ Correct." in quiz_box.locator("#rsq-demo-capital-fb").inner_text()
    page.locator(".jp-Cell").nth(1).click()
    page.keyboard.press("Shift+Enter")  # run the results cell
    out = page.locator(".jp-Cell").nth(1).locator(".jp-OutputArea-output")
    out.wait_for(timeout=60_000)
    assert out.inner_text().strip() == "RESULT Damascus True"
