"""IMS QTI 1.2 in the flavour Canvas imports ("QTI .zip file" in Canvas's course import).

Written with ElementTree rather than text2qti (it reads every text as Markdown, so an asterisk or underscore in a
source title would change, and it has no matching questions) or qti-package-maker (its item model has no
per-option feedback).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from .bank import Bank
from .common import e, general_html, pairs, prompt

NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
SCHEMA = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2 http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
TYPES = {"single": "multiple_choice_question", "multiple": "multiple_answers_question",
         "truefalse": "true_false_question", "numeric": "numerical_question", "text": "short_answer_question",
         "match": "matching_question", "order": "matching_question"}


def _mat(parent: ET.Element, html_text: str) -> ET.Element:
    m = ET.SubElement(parent, "material")
    ET.SubElement(m, "mattext", {"texttype": "text/html"}).text = html_text
    return m


def _feedback(item: ET.Element, ident: str, html_text: str) -> None:
    fb = ET.SubElement(item, "itemfeedback", {"ident": ident})
    _mat(ET.SubElement(fb, "flow_mat"), html_text)


def _cond(rp: ET.Element, cont: str = "No") -> tuple[ET.Element, ET.Element]:
    rc = ET.SubElement(rp, "respcondition", {"continue": cont})
    return rc, ET.SubElement(rc, "conditionvar")


def _choices(pres: ET.Element, ident: str, labels: list[tuple[str, str]], cardinality: str = "Single") -> None:
    lid = ET.SubElement(pres, "response_lid", {"ident": ident, "rcardinality": cardinality})
    rc = ET.SubElement(lid, "render_choice")
    for lab_id, text in labels:
        _mat(ET.SubElement(rc, "response_label", {"ident": lab_id}), e(text))


def item(spec: dict, q: dict, link: str, meta: list[tuple[str, str]] | None = None) -> ET.Element:
    """One ``<item>`` for question ``q``; ``meta``: its ``qtimetadata`` fields (default: Canvas's)."""
    kind, qid = q["kind"], f"{spec['id']}-{q['id']}"
    it = ET.Element("item", {"ident": qid, "title": qid})
    md = ET.SubElement(ET.SubElement(it, "itemmetadata"), "qtimetadata")
    for label, entry in meta or [("question_type", TYPES[kind]), ("points_possible", "1.0")]:
        f = ET.SubElement(md, "qtimetadatafield")
        ET.SubElement(f, "fieldlabel").text, ET.SubElement(f, "fieldentry").text = label, entry
    pres = ET.SubElement(it, "presentation")
    _mat(pres, e(prompt(q)))
    rp = ET.SubElement(it, "resprocessing")
    dec = {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"}
    ET.SubElement(ET.SubElement(rp, "outcomes"), "decvar", dec)
    rc, cv = _cond(rp, "Yes")  # general feedback, whatever the answer
    ET.SubElement(cv, "other")
    ET.SubElement(rc, "displayfeedback", {"feedbacktype": "Response", "linkrefid": "general_fb"})
    fbs: list[tuple[str, str]] = [("general_fb", general_html(q, link))]

    if kind in ("single", "multiple", "truefalse"):
        if kind == "truefalse":
            opts = [{"text": "True", "correct": q["answer"], "feedback": q.get("feedback_true", "")},
                    {"text": "False", "correct": not q["answer"], "feedback": q.get("feedback_false", "")}]
        else:
            opts = q["options"]
        ids = [f"{qid}-o{i}" for i in range(len(opts))]
        _choices(pres, "response1", [(i, o["text"]) for i, o in zip(ids, opts, strict=True)],
                 "Multiple" if kind == "multiple" else "Single")
        for i, o in zip(ids, opts, strict=True):  # per-option feedback
            if o.get("feedback"):
                rc, cv = _cond(rp, "Yes")
                ET.SubElement(cv, "varequal", {"respident": "response1"}).text = i
                ET.SubElement(rc, "displayfeedback", {"feedbacktype": "Response", "linkrefid": f"{i}_fb"})
                fbs.append((f"{i}_fb", e(o["feedback"])))
        rc, cv = _cond(rp)
        if kind == "multiple":  # right only when exactly the correct set is chosen
            both = ET.SubElement(cv, "and")
            for i, o in zip(ids, opts, strict=True):
                parent = both if o.get("correct") else ET.SubElement(both, "not")
                ET.SubElement(parent, "varequal", {"respident": "response1"}).text = i
        else:
            right = next(i for i, o in zip(ids, opts, strict=True) if o.get("correct"))
            ET.SubElement(cv, "varequal", {"respident": "response1"}).text = right
        ET.SubElement(rc, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100"
    elif kind in ("numeric", "text"):
        rs = ET.SubElement(pres, "response_str", {"ident": "response1", "rcardinality": "Single"})
        fib = ET.SubElement(rs, "render_fib", {"fibtype": "Decimal" if kind == "numeric" else "String"})
        ET.SubElement(fib, "response_label", {"ident": "answer1"})
        rc, cv = _cond(rp)
        if kind == "numeric":
            either = ET.SubElement(cv, "or")
            ET.SubElement(either, "varequal", {"respident": "response1"}).text = str(q["answer"])
            tol = q.get("tolerance") or 0
            rng = ET.SubElement(either, "and")
            ET.SubElement(rng, "vargte", {"respident": "response1"}).text = str(q["answer"] - tol)
            ET.SubElement(rng, "varlte", {"respident": "response1"}).text = str(q["answer"] + tol)
        else:
            for accepted in q["accept"]:
                ET.SubElement(cv, "varequal", {"respident": "response1"}).text = accepted
        ET.SubElement(rc, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100"
    else:
        pr = pairs(q)
        rights = [(f"{qid}-r{j}", right) for j, (_, right) in enumerate(pr)]
        for k, (left, _) in enumerate(pr):
            lid = ET.SubElement(pres, "response_lid", {"ident": f"response_{qid}-l{k}"})
            _mat(lid, e(left))
            rcx = ET.SubElement(lid, "render_choice")
            for rid, text in rights:
                _mat(ET.SubElement(rcx, "response_label", {"ident": rid}), e(text))
            rc, cv = _cond(rp)
            ET.SubElement(cv, "varequal", {"respident": f"response_{qid}-l{k}"}).text = rights[k][0]
            ET.SubElement(rc, "setvar", {"action": "Add", "varname": "SCORE"}).text = f"{100 / len(pr):.2f}"
    for ident, text in fbs:
        _feedback(it, ident, text)
    return it


def assessment(spec: dict, bank: Bank) -> bytes:
    ET.register_namespace("xsi", XSI)
    root = ET.Element("questestinterop", {"xmlns": NS, f"{{{XSI}}}schemaLocation": SCHEMA})
    section = ET.SubElement(ET.SubElement(root, "assessment", {"ident": spec["id"], "title": spec["title"]}),
                            "section", {"ident": "root_section"})
    for q in spec["questions"]:
        section.append(item(spec, q, bank.link(spec, q)))
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def manifest(bank: Bank) -> bytes:
    ns = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
    root = ET.Element("manifest", {"identifier": "russia-syria-qti", "xmlns": ns})
    ET.SubElement(root, "organizations")
    res = ET.SubElement(root, "resources")
    for spec in bank.quizzes:
        r = ET.SubElement(res, "resource", {"identifier": spec["id"], "type": "imsqti_xmlv1p2",
                                            "href": f"{spec['id']}/{spec['id']}.xml"})
        ET.SubElement(r, "file", {"href": f"{spec['id']}/{spec['id']}.xml"})
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def write(bank: Bank) -> bytes:
    """A zip: ``imsmanifest.xml`` and one assessment per chapter (``ch01/ch01.xml``, ...)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("imsmanifest.xml", manifest(bank)),
                           *((f"{s['id']}/{s['id']}.xml", assessment(s, bank)) for s in bank.quizzes)]:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))  # fixed time: the same bank, the same bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()
