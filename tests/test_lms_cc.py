"""The Common Cartridge 1.1 package: its structure as the IMS specification requires, and every question read back.

No third-party reader of Common Cartridge exists on PyPI (searched for cartridge/imscc readers): the manifest is
checked field by field against IMS CC 1.1 (manifest metadata, organization, resource types, files), the items
against CC's QTI 1.2 profile (one ``cc_profile`` per item, the interaction it allows), and the items' texts,
answers and feedback are read by qti2latex, a third-party QTI 1.2 reader, as for the Canvas package.
"""

from __future__ import annotations

import html
import io
import xml.etree.ElementTree as ET
import zipfile

import pytest
import qti2latex
from bookbuild.lms import cc
from bookbuild.lms.common import pairs, prompt
from tests.test_lms_export import bank, questions  # noqa: F401  (the shared bank fixture, with the nasty quiz)

CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
LOM = "{http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest}"
# CC 1.1 QTI profile: the item profiles it defines and the response each must use.
ITEM_PROFILES = {"cc.multiple_choice.v0p1": ("response_lid", "Single"),
                 "cc.multiple_response.v0p1": ("response_lid", "Multiple"),
                 "cc.true_false.v0p1": ("response_lid", "Single"), "cc.fib.v0p1": ("response_str", "Single")}


@pytest.fixture(scope="module")
def package(bank):  # noqa: F811
    return zipfile.ZipFile(io.BytesIO(cc.write(bank)))


def _meta(node: ET.Element) -> dict[str, str]:
    md = node.find(f"{QTI}qtimetadata") if node.tag != f"{QTI}item" else node.find(f"{QTI}itemmetadata/{QTI}qtimetadata")
    return {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry") for f in md.findall(f"{QTI}qtimetadatafield")}


def test_manifest_is_a_cc11_cartridge(bank, package):  # noqa: F811
    root = ET.fromstring(package.read("imsmanifest.xml"))
    assert root.tag == f"{CP}manifest" and root.get("identifier")
    assert root.findtext(f"{CP}metadata/{CP}schema") == "IMS Common Cartridge"
    assert root.findtext(f"{CP}metadata/{CP}schemaversion") == "1.1.0"
    assert root.findtext(f"{CP}metadata/{LOM}lom/{LOM}general/{LOM}title/{LOM}string")
    orgs = root.findall(f"{CP}organizations/{CP}organization")
    assert len(orgs) == 1 and orgs[0].get("structure") == "rooted-hierarchy"
    top = orgs[0].findall(f"{CP}item")
    assert len(top) == 1 and top[0].get("identifierref") is None  # the root item references nothing
    resources = {r.get("identifier"): r for r in root.findall(f"{CP}resources/{CP}resource")}
    refs = [i.get("identifierref") for i in top[0].iter(f"{CP}item") if i.get("identifierref")]
    assert refs == [s["id"] for s in bank.quizzes] and all(r in resources for r in refs)
    types = {i: r.get("type") for i, r in resources.items()}
    assert {i: t for i, t in types.items() if i in refs} == {
        i: "imsqti_xmlv1p2/imscc_xmlv1p1/assessment" for i in refs}
    banks = [i for i, t in types.items() if t == "imsqti_xmlv1p2/imscc_xmlv1p1/question-bank"]
    assert len(banks) == 1 and banks[0] not in refs  # CC 1.1: one bank, never in the organization
    assert set(types) == {*refs, *banks}
    listed = set()
    for r in resources.values():
        assert r.get("href") is None  # CC: only web content names an href
        files = [f.get("href") for f in r.findall(f"{CP}file")]
        assert len(files) == 1
        listed.update(files)
    assert listed | {"imsmanifest.xml"} == set(package.namelist())


def test_items_follow_the_cc_qti_profile(bank, package):  # noqa: F811
    for s in bank.quizzes:
        root = ET.fromstring(package.read(f"{s['id']}/assessment.xml"))
        assert root.tag == f"{QTI}questestinterop"
        a = root.find(f"{QTI}assessment")
        assert a.get("title") == s["title"] and _meta(a)["cc_profile"] == "cc.exam.v0p1"
        assert _meta(a)["qmd_assessmenttype"] == "Examination"
        assert a.findall(f"{QTI}section/{QTI}item")
    idents = [i.get("ident") for name in package.namelist() if name != "imsmanifest.xml"
              for i in ET.fromstring(package.read(name)).iter(f"{QTI}item")]
    assert len(idents) == len(set(idents))  # an LMS may key imported questions on the ident
    bank_root = ET.fromstring(package.read("question_bank.xml"))
    assert _meta(bank_root.find(f"{QTI}objectbank"))["cc_profile"] == "cc.objectbank.v0p1"
    for it in bank_root.iter(f"{QTI}item"):
        where = it.get("ident")
        profile = _meta(it)["cc_profile"]
        assert profile in ITEM_PROFILES, where
        tag, cardinality = ITEM_PROFILES[profile]
        responses = it.findall(f"{QTI}presentation/{QTI}{tag}")
        assert len(responses) == 1 and responses[0].get("rcardinality") == cardinality, where
        if profile == "cc.true_false.v0p1":
            assert len(responses[0].findall(f"{QTI}render_choice/{QTI}response_label")) == 2, where
        dec = it.find(f"{QTI}resprocessing/{QTI}outcomes/{QTI}decvar")
        assert (dec.get("varname"), dec.get("maxvalue"), dec.get("minvalue")) == ("SCORE", "100", "0"), where
        fb_ids = {fb.get("ident") for fb in it.findall(f"{QTI}itemfeedback")}
        shown = {d.get("linkrefid") for d in it.iter(f"{QTI}displayfeedback")}
        assert shown == fb_ids and "general_fb" in fb_ids, where  # every feedback shown, none dangling


def _expected(s: dict, q: dict) -> list[tuple[str, dict]]:
    """(item ident, what the item must hold) for question ``q``, written from the course's kinds, not cc's code."""
    qid = f"{s['id']}-{q['id']}"
    if q["kind"] == "truefalse":
        opts = [{"text": "True", "correct": q["answer"], "feedback": q.get("feedback_true", "")},
                {"text": "False", "correct": not q["answer"], "feedback": q.get("feedback_false", "")}]
        return [(qid, {"type": "true_false_question", "stem": prompt(q), "options": opts})]
    if q["kind"] in ("single", "multiple"):
        kind = "multiple_choice_question" if q["kind"] == "single" else "multiple_answers_question"
        return [(qid, {"type": kind, "stem": prompt(q), "options": q["options"]})]
    if q["kind"] == "text":
        return [(qid, {"type": "short_answer_question", "stem": prompt(q), "accept": q["accept"]})]
    if q["kind"] == "numeric":
        return [(qid, {"type": "short_answer_question", "stem": prompt(q), "number": q["answer"]})]
    ps = pairs(q)
    return [(f"{qid}-{k}", {"type": "multiple_choice_question", "left": left,
                            "options": [{"text": r, "correct": r == right} for _, r in ps]})
            for k, (left, right) in enumerate(ps, start=1)]


def test_every_question_round_trips(bank, package):  # noqa: F811
    for source in [*(f"{s['id']}/assessment.xml" for s in bank.quizzes), "question_bank.xml"]:
        root = ET.fromstring(package.read(source))
        prefix = "bank-" if source == "question_bank.xml" else ""  # the bank's copies have their own idents
        items = {i.get("ident").removeprefix(prefix): i for i in qti2latex.findall_anyns(root, "item")}
        assert all(i.get("ident").startswith(prefix) for i in qti2latex.findall_anyns(root, "item"))
        want = [(s, q, e) for s, q in questions(bank) for e in _expected(s, q)
                if source == "question_bank.xml" or source.startswith(f"{s['id']}/")]
        assert sorted(items) == sorted(ident for _, _, (ident, _) in want), source
        for s, q, (ident, exp) in want:
            it = items[ident]
            stem = html.unescape(qti2latex.get_item_stem(it))
            if "left" in exp:
                assert stem.startswith(q["prompt"].strip()) and exp["left"].strip() in stem, ident
            else:
                assert stem == exp["stem"].strip(), ident
            # qti2latex counts every <varequal> as a right answer, also those that only show feedback: give it the
            # presentation and the conditions that set SCORE. CC items carry no Canvas question_type, so
            # qti2latex guesses the kind from that structure.
            scoring = ET.Element("item")
            scoring.extend(qti2latex.findall_anyns(it, "presentation"))
            rp = ET.SubElement(scoring, "resprocessing")
            rp.extend(rc for rc in qti2latex.findall_anyns(it, "respcondition")
                      if qti2latex.findall_anyns(rc, "setvar"))
            assert qti2latex.get_qti_metadata(it).get("question_type") is None, ident
            assert qti2latex.guess_type({}, scoring) == exp["type"], ident
            correct = qti2latex.get_correct_idents(scoring)
            choices = [(i, html.unescape(t)) for i, t in qti2latex.get_choices(it)]
            feedback = {fb.get("ident"): html.unescape(qti2latex.text_of(qti2latex.first(
                qti2latex.findall_anyns(fb, "mattext")))) for fb in qti2latex.findall_anyns(it, "itemfeedback")}
            assert bank.link(s, q) in feedback["general_fb"], ident
            if q.get("explanation"):
                assert q["explanation"].strip() in feedback["general_fb"], ident
            if "options" in exp:
                opts = exp["options"]
                assert [t for _, t in choices] == [o["text"].strip() for o in opts], ident
                assert {t for i, t in choices if i in correct} == {o["text"].strip() for o in opts if o.get("correct")}
                assert [feedback.get(f"{i}_fb", "") for i, _ in choices] == [o.get("feedback", "").strip() for o in opts]
            elif "accept" in exp:
                assert correct == set(exp["accept"]), ident
            else:  # every value typed within the tolerance, both ends included
                got = sorted(float(c) for c in correct)
                tol = q.get("tolerance") or 0
                assert float(exp["number"]) in got and all(abs(v - exp["number"]) <= tol + 1e-9 for v in got), ident
                assert got[0] == pytest.approx(exp["number"] - tol) and got[-1] == pytest.approx(exp["number"] + tol)
