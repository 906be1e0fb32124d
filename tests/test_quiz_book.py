"""Every quiz in the built course book works in the static site: each notebook page's quiz renders all
its questions, answering every question right (answers read from the page's own spec) scores full marks,
with no request outside 127.0.0.1 and no JavaScript error. Uses the shared clean build (tests/conftest.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import toc_files
from russia_syria import quiz

ROOT = Path(__file__).resolve().parents[1]
# Quizzes whose lab notebook is in the book (a quiz written before its chapter is listed has no page yet;
# no skip, because CI treats a skip as a failure).
QUIZ_NAMES = sorted(p.stem for p in (ROOT / "quizzes").glob("*.yml") if f"notebooks/{p.stem}" in toc_files())
SPEC = re.compile(r'<script type="application/json" id="(rsq-[A-Za-z0-9_-]+)-spec">(.*?)</script>', re.S)


def page_specs(html: str) -> list[dict]:
    return [json.loads(m.group(2)) for m in SPEC.finditer(html) if m.group(1) != "rsq-progress"]


def answer_right(page, spec: dict, q: dict) -> None:
    """Give the right answer to question ``q`` the way a learner would."""
    box = page.locator(f"#{spec['dom']}-{q['id']}")
    kind = q["kind"]
    if kind in ("single", "multiple"):
        for i, o in enumerate(q["options"]):
            if o["correct"]:
                box.locator(f"#{spec['dom']}-{q['id']}-o{i}").check()
    elif kind == "truefalse":
        box.locator(f"#{spec['dom']}-{q['id']}-o{0 if q['answer'] else 1}").check()
    elif kind == "numeric":
        box.locator("input[type=text]").fill(str(q["answer"]))
    elif kind == "text":
        box.locator("input[type=text]").fill(q["accept"][0])
    elif kind == "order":
        for target, name in enumerate(q["items"]):
            for _ in range(len(q["items"])):
                shown = [t.strip() for t in box.locator("li span").all_inner_texts()]
                pos = shown.index(name)
                if pos == target:
                    break
                box.locator(f'button[data-pos="{pos}"][data-dir="up"]').click()
    elif kind == "match":
        for i in range(len(q["pairs"])):
            box.locator(f"#{spec['dom']}-{q['id']}-m{i}").select_option(str(i))
    box.locator(".rsq-check").click()


@pytest.mark.parametrize("name", QUIZ_NAMES)
def test_chapter_quiz_works_in_static_book(page, site_dir: Path, site_url: str, name: str):
    html_file = site_dir / "notebooks" / f"{name}.html"
    html = html_file.read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-state+json" not in html  # quiz widget state kept out
    assert quiz.page_quiz_js_bytes(html_file) <= quiz.BUDGET_BYTES
    specs = page_specs(html)
    expected_id = quiz.load(name)["id"]
    assert [s["id"] for s in specs] == [expected_id], "each chapter page shows its own quiz once"
    spec = specs[0]
    page.goto(site_url + f"notebooks/{name}.html")
    page.wait_for_selector(f"#{spec['dom']} fieldset")
    assert page.locator(f"#{spec['dom']} fieldset").count() == len(spec["questions"])
    for q in spec["questions"]:
        answer_right(page, spec, q)
        fb = page.locator(f"#{spec['dom']}-{q['id']}-fb").inner_text()
        assert "✔ Correct." in fb, (q["id"], fb)
    n = len(spec["questions"])
    assert page.locator(f"#{spec['dom']}-score").inner_text() == f"Score: {n} of {n} correct."
    assert page.external_requests == [] and page.js_errors == []


def test_each_chapter_quiz_comes_from_the_directive_and_each_file_is_parsed_once(site_dir: Path):
    """Every lab page's quiz is the ``{quiz}`` directive that replaces its cell tagged ``quiz`` (the page never
    shows the ``quiz.show`` code), with the values the lab glued; the build parsed each quiz file exactly once."""
    import pickle

    from bookbuild.quiz.nodes import quiz_node
    from bookbuild.quiz.source import PARSES_FILE, default_prefix

    doctrees = site_dir.parent / ".doctrees"
    env = pickle.loads((doctrees / "environment.pickle").read_bytes())
    for name in QUIZ_NAMES:
        doc = f"notebooks/{name}"
        assert env.rsq_directives[doc] == [(name, doc, default_prefix(name))], name
        tree = pickle.loads((doctrees / f"{doc}.doctree").read_bytes())
        assert [n["name"] for n in tree.findall(quiz_node)] == [name], name
        html = (site_dir / f"{doc}.html").read_text(encoding="utf-8")
        code = '<span class="n">quiz</span><span class="o">.</span><span class="n">show</span>'  # highlighted code
        assert code not in html, name
        computed = [q for q in page_specs(html)[0]["questions"] if "computed" in q]
        assert computed and all(isinstance(q["answer"], int | float) for q in computed), name  # glued values
    parses = json.loads((doctrees / PARSES_FILE).read_text(encoding="utf-8"))
    assert parses == {f"{name}.yml": 1 for name in sorted(p.stem for p in (ROOT / "quizzes").glob("*.yml"))}


def test_class_results_page_loads_its_module_as_a_file_on_that_page_only(site_dir: Path):
    from russia_syria.classpage import BOOT_JS

    html = (site_dir / "book" / "teachers" / "class_results.html").read_text(encoding="utf-8")
    assert f'src="../../_static/{BOOT_JS}' in html and "mountClassPage" not in html
    assert "mountClassPage(" in (site_dir / "_static" / BOOT_JS).read_text(encoding="utf-8")
    assert BOOT_JS not in (site_dir / "notebooks" / f"{QUIZ_NAMES[0]}.html").read_text(encoding="utf-8")
