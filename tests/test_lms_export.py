"""LMS export: every question, option, correct answer and feedback read back by third-party parsers.

Readers: moodle-xml-parser (Moodle XML), pygiftparser (GIFT), qti2latex (Canvas QTI 1.2, and the QTI 1.2 items
of the Common Cartridge). None shares code with the writers in ``bookbuild/lms``. No third-party reader of
Common Cartridge packages was found on PyPI: the cartridge's manifest and items are checked here, field by field,
against the structure the IMS CC 1.1 specification and its QTI profile require.
"""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest
import qti2latex
from bookbuild.lms import bank as bankmod
from bookbuild.lms import cc, gift, moodle, qti12
from bookbuild.lms.common import pairs, prompt
from moodle_xml_parser import parser as mxp
from pygiftparser import parser as giftp
from pygiftparser import utils as giftu

from russia_syria import quiz
from russia_syria.quiz.schema import validate

NASTY = "Дамаск «د مشق» \"quoted\" 'single' <b>not bold</b> & more 🇸🇾😀 a=b c~d e#f x:y"
NASTY_QUIZ = {"id": "chx", "title": "Хард: test", "chapter": "book/01_reading_the_source", "questions": [
    {"id": "s", "kind": "single", "prompt": f"Single {NASTY}?", "section": "ch01-genre",
     "explanation": f"Because {NASTY}.", "feedback": "General & <i>", "options": [
         {"text": f"Right {NASTY}", "correct": True, "feedback": f"Yes — {NASTY}"},
         {"text": "سوريا wrong", "feedback": "Нет <no> & no"}]},
    {"id": "m", "kind": "multiple", "prompt": "Several 🙂?", "options": [
        {"text": "A & B", "correct": True, "feedback": "fa"}, {"text": "<C>", "correct": True, "feedback": "fc"},
        {"text": "Д", "feedback": "fd"}]},
    {"id": "tf", "kind": "truefalse", "prompt": "True? «ок»", "answer": False,
     "feedback_true": "No: it is false & <so>", "feedback_false": "Right: «false»"},
    {"id": "n", "kind": "numeric", "prompt": "How many?", "answer": 12.5, "tolerance": 0.5, "unit": "rows"},
    {"id": "t", "kind": "text", "prompt": "Capital?", "accept": ["Дамаск", "دمشق", "Damascus"]},
    {"id": "o", "kind": "order", "prompt": "Order «these»", "items": ["first & one", "второй", "ثالث 😀"]},
    {"id": "p", "kind": "match", "prompt": "Match", "pairs": [
        {"left": "Москва", "right": "Russia <RU>"}, {"left": "دمشق", "right": "Syria & more"},
        {"left": "Kyiv 'x'", "right": "Ukraine"}]},
]}


def _values() -> dict[str, dict]:
    """Stand-in computed values (distinct numbers): the round trip tests the writers, not the data."""
    out = {}
    for name in quiz.available():
        names = [q["computed"] for q in quiz.load(name)["questions"] if q.get("computed")]
        out[name] = {n: 100 + i for i, n in enumerate(names)}
    return out


@pytest.fixture(scope="module")
def bank() -> bankmod.Bank:
    b = bankmod.load(values=_values())
    nasty = validate(NASTY_QUIZ, "quizzes/nasty.yml", {})
    nasty["name"] = "nasty"
    b.quizzes.append(nasty)
    return b


def questions(bank: bankmod.Bank) -> list[tuple[dict, dict]]:
    return [(s, q) for s in bank.quizzes for q in s["questions"]]


def test_every_chapter_is_exported(bank):
    assert [s["id"] for s in bank.quizzes][:8] == [f"ch0{i}" for i in range(1, 9)]
    assert len(questions(bank)) > 60


def test_links_are_absolute_to_the_published_book(bank, tmp_path):
    s, q = questions(bank)[0]
    assert bank.link(s, q) == ("https://russia-syria-course.github.io/russia-syria-course/book/"
                               "01_reading_the_source.html#ch01-genre")
    (tmp_path / "_config.yml").write_text("html:\n  baseurl: https://school.example/course\n", encoding="utf-8")
    assert bankmod.base_url(tmp_path) == "https://school.example/course/"


# ---------- Moodle XML: moodle-xml-parser ----------

def _mxp_answers(node: ET.Element) -> object:
    # moodle-xml-parser reads multichoice and cloze only; its multichoice reader also reads the <answer> elements
    # of truefalse, numerical and shortanswer, which have the same structure.
    return mxp._parse_multichoice(node)


def test_moodle_xml_round_trip(bank):
    data = moodle.write(bank)
    parsed = mxp.parse_bytes(data)["multichoice"]
    by_name = {p.name: p for p in parsed}
    root = mxp._parse_to_root(data)
    nodes = {n.findtext("name/text"): n for n in root.findall("question") if n.get("type") != "category"}
    assert len(nodes) == len(questions(bank))
    for s, q in questions(bank):
        name = f"{s['id']}-{q['id']}"
        link = bank.link(s, q)
        if q["kind"] in ("single", "multiple"):
            p = by_name[name]
            assert p.single == (q["kind"] == "single") and p.text_pre_parse == prompt(q).strip()
            assert [o.answer for o in p.options] == [o["text"].strip() for o in q["options"]]
            assert [o.score_fraction > 0 for o in p.options] == [bool(o.get("correct")) for o in q["options"]]
            assert [o.feedback for o in p.options] == [o.get("feedback", "").strip() for o in q["options"]]
        else:
            p = _mxp_answers(nodes[name])
            assert p.text_pre_parse == prompt(q).strip()
            right = [o.answer for o in p.options if o.score_fraction == 100]
            if q["kind"] == "truefalse":
                assert right == [str(q["answer"]).lower()]
                fb = {o.answer: o.feedback for o in p.options}
                assert fb == {"true": q.get("feedback_true", ""), "false": q.get("feedback_false", "")}
            elif q["kind"] == "numeric":
                assert [float(r) for r in right] == [q["answer"]]
                assert float(nodes[name].findtext("answer/tolerance")) == q["tolerance"]
            elif q["kind"] == "text":
                assert right == q["accept"]
            else:  # matching: no third-party reader of Moodle's <subquestion>; read with ElementTree
                got = [(html.unescape(sq.findtext("text")), sq.findtext("answer/text"))
                       for sq in nodes[name].findall("subquestion")]
                assert got == pairs(q)
        assert link in p.general_feedback
        if q.get("explanation"):
            assert q["explanation"].strip() in p.general_feedback


# ---------- GIFT: pygiftparser ----------

def _gift_text(s: str) -> str:
    return html.unescape(giftu.reSpecialChar.sub(r"\g<char>", s)).strip()


def test_gift_round_trip(bank):
    parsed = giftp.parseFile(io.StringIO(gift.write(bank).decode("utf-8")))
    by_title = {_gift_text(p.title): p for p in parsed}
    assert len(by_title) == len(questions(bank)) and all(p.valid for p in parsed)
    for s, q in questions(bank):
        p = by_title[f"{s['id']}-{q['id']}"]
        assert p.markup == "html" and _gift_text(p.text) == prompt(q).strip()
        general = _gift_text(p.generalFeedback)
        assert bank.link(s, q) in general
        if q.get("explanation"):
            assert q["explanation"].strip() in general
        kind = type(p.answers).__name__
        answers = getattr(p.answers, "answers", [])
        if q["kind"] in ("single", "multiple"):
            assert kind == ("SelectSet" if q["kind"] == "single" else "MultipleChoicesSet")
            assert [_gift_text(a.answer) for a in answers] == [o["text"].strip() for o in q["options"]]
            assert [a.fraction > 0 for a in answers] == [bool(o.get("correct")) for o in q["options"]]
            assert [_gift_text(a.feedback) for a in answers] == [o.get("feedback", "").strip() for o in q["options"]]
        elif q["kind"] == "truefalse":
            assert kind == "TrueFalseSet" and p.answers.answer == q["answer"]
            right, wrong = (("feedback_true", "feedback_false") if q["answer"] else ("feedback_false", "feedback_true"))
            assert _gift_text(p.answers.feedbackCorrect) == q.get(right, "")
            assert _gift_text(p.answers.feedbackWrong) == q.get(wrong, "")
        elif q["kind"] == "numeric":
            assert kind == "NumericAnswerSet"
            assert (answers[0].value, answers[0].tolerance) == (q["answer"], q["tolerance"])
        elif q["kind"] == "text":
            assert kind == "ShortSet" and [_gift_text(a.answer) for a in answers] == q["accept"]
        else:
            assert kind == "MatchingSet"
            assert [(_gift_text(a.question), _gift_text(a.answer)) for a in answers] == pairs(q)


# ---------- QTI 1.2 (Canvas): qti2latex ----------

def test_qti12_round_trip(bank):
    z = zipfile.ZipFile(io.BytesIO(qti12.write(bank)))
    manifest = z.read("imsmanifest.xml").decode("utf-8")
    items = {}
    for s in bank.quizzes:
        assert f'href="{s["id"]}/{s["id"]}.xml"' in manifest
        root = ET.fromstring(z.read(f"{s['id']}/{s['id']}.xml"))
        items.update({i.get("ident"): i for i in qti2latex.findall_anyns(root, "item")})
    assert len(items) == len(questions(bank))
    for s, q in questions(bank):
        it = items[f"{s['id']}-{q['id']}"]
        assert html.unescape(qti2latex.get_item_stem(it)) == prompt(q).strip()
        assert qti2latex.guess_type(qti2latex.get_qti_metadata(it), it) == qti12.TYPES[q["kind"]]
        # qti2latex counts every <varequal> as a right answer, also in conditions that only show feedback:
        # give it the scoring conditions (those that set SCORE).
        scoring = ET.Element("item")
        rp = ET.SubElement(scoring, "resprocessing")
        rp.extend(rc for rc in qti2latex.findall_anyns(it, "respcondition") if qti2latex.findall_anyns(rc, "setvar"))
        correct = qti2latex.get_correct_idents(scoring)
        choices = [(i, html.unescape(t)) for i, t in qti2latex.get_choices(it)]
        feedback = {fb.get("ident"): html.unescape(qti2latex.text_of(qti2latex.first(qti2latex.findall_anyns(fb, "mattext"))))
                    for fb in qti2latex.findall_anyns(it, "itemfeedback")}
        assert bank.link(s, q) in feedback["general_fb"]
        if q["kind"] in ("single", "multiple", "truefalse"):
            opts = q.get("options") or [{"text": "True", "correct": q["answer"], "feedback": q.get("feedback_true", "")},
                                        {"text": "False", "correct": not q["answer"], "feedback": q.get("feedback_false", "")}]
            assert [t for _, t in choices] == [o["text"].strip() for o in opts]
            assert {t for i, t in choices if i in correct} == {o["text"].strip() for o in opts if o.get("correct")}
            assert [feedback.get(f"{i}_fb", "") for i, _ in choices] == [o.get("feedback", "").strip() for o in opts]
        elif q["kind"] == "numeric":
            assert {float(c) for c in correct} == {float(q["answer"])}
            assert re.search(rf">{q['answer'] - q['tolerance']}</\S*vargte>", ET.tostring(it, encoding="unicode"))
        elif q["kind"] == "text":
            assert correct == set(q["accept"])
        else:
            lefts = [html.unescape(qti2latex.text_of(qti2latex.first(qti2latex.findall_anyns(lid, "mattext"))))
                     for lid in qti2latex.findall_anyns(it, "response_lid")]
            rights = dict(choices)
            assert lefts == [left for left, _ in pairs(q)]
            assert sorted(rights[c] for c in correct) == sorted(right for _, right in pairs(q))


def test_nasty_text_survives_every_format(bank):
    s = bank.quizzes[-1]
    for data in (moodle.write(bank), gift.write(bank)):
        text = data.decode("utf-8")
        assert "🇸🇾😀" in text and "Дамаск" in text and "د مشق" in text
    assert "<b>not bold</b>" not in moodle.write(bank).decode("utf-8")  # escaped, never markup
    qti = zipfile.ZipFile(io.BytesIO(qti12.write(bank))).read(f"{s['id']}/{s['id']}.xml").decode("utf-8")
    assert "🇸🇾😀" in qti and "&amp;lt;b&amp;gt;" in qti
    imscc = zipfile.ZipFile(io.BytesIO(cc.write(bank)))
    for name in (f"{s['id']}/assessment.xml", "question_bank.xml"):
        text = imscc.read(name).decode("utf-8")
        assert "🇸🇾😀" in text and "Дамаск" in text and "د مشق" in text and "&amp;lt;b&amp;gt;" in text


def test_site_gets_the_files_only_with_the_teacher_page(bank, tmp_path, monkeypatch):
    """The book build writes <site>/lms/ when the guide's LMS page is built; the student edition gets none."""
    from types import SimpleNamespace

    from bookbuild.lms import sphinx_ext

    monkeypatch.setattr(bankmod, "load", lambda root, cache=None: bank)
    app = SimpleNamespace(builder=SimpleNamespace(format="html"), srcdir=str(tmp_path), outdir=str(tmp_path / "site"),
                          env=SimpleNamespace(found_docs={"book/intro"}, mystnb_config=None))
    sphinx_ext._write(app, None)
    assert not (tmp_path / "site").exists()
    app.env.found_docs.add(sphinx_ext.PAGE)
    sphinx_ext._write(app, None)
    written = sorted(p.name for p in (tmp_path / "site" / "lms").iterdir())
    assert written == ["export-report.md", "russia-syria-canvas-qti12.zip", "russia-syria-cc11.imscc",
                       "russia-syria-gift.txt", "russia-syria-moodle.xml"]
    report = (tmp_path / "site" / "lms" / "export-report.md").read_text(encoding="utf-8")
    assert "question 'o' (order → matching)" in report and "question 'm' (multiple → multichoice)" in report
    assert "question 'p' (match → cc.multiple_choice per item): " in report
    assert "question 'n' (numeric → cc.fib): " in report and "the text 12, 12.1, 12.2, 12.3, 12.4, 12.5, 12.6, 12.7, 12.8, 12.9, 13 (" in report


def test_teacher_page_links_every_file():
    page = (bankmod.ROOT / "book" / "teachers" / "lms.md").read_text(encoding="utf-8")
    from bookbuild.lms.__main__ import FILES

    for name in [*FILES.values(), "export-report.md"]:
        assert f'href="../../lms/{name}"' in page
