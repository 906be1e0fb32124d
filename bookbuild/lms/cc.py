"""IMS Common Cartridge 1.1 (``.imscc``): the question bank in CC's QTI 1.2 profile, for any LMS importing CC.

One assessment per chapter (``imsqti_xmlv1p2/imscc_xmlv1p1/assessment``) and the whole bank once more as the
cartridge's single question bank (``.../question-bank``, which CC 1.1 allows one of). Version 1.1 because it is
the version Blackboard Learn, Moodle (import and export) and Canvas all name; see the teacher's guide.
Items come from the Canvas QTI 1.2 writer with CC's metadata, since the profile is a subset of QTI 1.2.
The profile has multiple choice, multiple response, true/false and fill-in-the-blank only: a numeric question
becomes fill-in-the-blank (every value within the tolerance, at the answer's precision), and a matching or ordering question one multiple-choice question
per item (``ch05-order-1``, ``ch05-order-2``, ...); each is a line in the export report.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from . import qti12
from .bank import Bank
from .common import accepted_numbers, pairs, positions, prompt

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
TYPE = "imsqti_xmlv1p2/imscc_xmlv1p1/"
PROFILES = {"single": "cc.multiple_choice.v0p1", "multiple": "cc.multiple_response.v0p1",
            "truefalse": "cc.true_false.v0p1", "text": "cc.fib.v0p1"}
BANK = "question_bank"


def cc_questions(q: dict) -> list[dict]:
    """``q`` as the profile's kinds: itself, a fill-in-the-blank, or one multiple choice per matched item."""
    if q["kind"] in PROFILES:
        return [q]
    if q["kind"] == "numeric":
        return [{**q, "kind": "text", "prompt": prompt(q), "accept": accepted_numbers(q)}]
    rights = [right for _, right in pairs(q)] if q["kind"] == "match" else positions(len(q["items"]))
    label = "position" if q["kind"] == "order" else "match"
    return [{**q, "kind": "single", "id": f"{q['id']}-{k}", "prompt": f"{q['prompt']} ({label} for: {left})",
             "options": [{"text": r, "correct": r == right} for r in rights]}
            for k, (left, right) in enumerate(pairs(q), start=1)]


def items(spec: dict, bank: Bank) -> list[ET.Element]:
    out = []
    for q in spec["questions"]:
        for cq in cc_questions(q):
            meta = [("cc_profile", PROFILES[cq["kind"]]), ("cc_weighting", "1"), ("qmd_computerscored", "Yes")]
            out.append(qti12.item(spec, cq, bank.link(spec, q), meta))
    return out


def _meta(parent: ET.Element, fields: list[tuple[str, str]]) -> None:
    md = ET.SubElement(parent, "qtimetadata")
    for label, entry in fields:
        f = ET.SubElement(md, "qtimetadatafield")
        ET.SubElement(f, "fieldlabel").text, ET.SubElement(f, "fieldentry").text = label, entry


def _doc(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def assessment(spec: dict, bank: Bank) -> bytes:
    root = ET.Element("questestinterop", {"xmlns": qti12.NS})
    a = ET.SubElement(root, "assessment", {"ident": f"{spec['id']}_assessment", "title": spec["title"]})
    _meta(a, [("cc_profile", "cc.exam.v0p1"), ("qmd_assessmenttype", "Examination"), ("cc_maxattempts", "1")])
    ET.SubElement(a, "section", {"ident": "root_section"}).extend(items(spec, bank))
    return _doc(root)


def question_bank(bank: Bank) -> bytes:
    root = ET.Element("questestinterop", {"xmlns": qti12.NS})
    ob = ET.SubElement(root, "objectbank", {"ident": BANK})
    _meta(ob, [("cc_profile", "cc.objectbank.v0p1")])  # the bank's title is the manifest's
    for spec in bank.quizzes:
        for it in items(spec, bank):
            it.set("ident", f"bank-{it.get('ident')}")  # idents unique in the cartridge; the title keeps the name
            ob.append(it)
    return _doc(root)


def manifest(bank: Bank) -> bytes:
    root = ET.Element("manifest", {"identifier": "russia_syria_cc", "xmlns": CP, "xmlns:lomimscc": LOM})
    md = ET.SubElement(root, "metadata")
    ET.SubElement(md, "schema").text, ET.SubElement(md, "schemaversion").text = "IMS Common Cartridge", "1.1.0"
    title = ET.SubElement(ET.SubElement(ET.SubElement(md, "lomimscc:lom"), "lomimscc:general"), "lomimscc:title")
    ET.SubElement(title, "lomimscc:string").text = "Russia and Syria: quizzes"
    org = ET.SubElement(ET.SubElement(root, "organizations"), "organization",
                        {"identifier": "org_1", "structure": "rooted-hierarchy"})
    top = ET.SubElement(org, "item", {"identifier": "root"})
    res = ET.SubElement(root, "resources")
    for spec in bank.quizzes:
        it = ET.SubElement(top, "item", {"identifier": f"item_{spec['id']}", "identifierref": spec["id"]})
        ET.SubElement(it, "title").text = spec["title"]
        r = ET.SubElement(res, "resource", {"identifier": spec["id"], "type": TYPE + "assessment"})
        ET.SubElement(r, "file", {"href": f"{spec['id']}/assessment.xml"})
    # the question bank is never in the organization: CC 1.1 lets an LMS import it, not show it
    ET.SubElement(ET.SubElement(res, "resource", {"identifier": BANK, "type": TYPE + "question-bank"}),
                  "file", {"href": f"{BANK}.xml"})
    return _doc(root)


def write(bank: Bank) -> bytes:
    """The ``.imscc`` zip: ``imsmanifest.xml``, ``chNN/assessment.xml`` per chapter, ``question_bank.xml``."""
    files = [("imsmanifest.xml", manifest(bank)),
             *((f"{s['id']}/assessment.xml", assessment(s, bank)) for s in bank.quizzes),
             (f"{BANK}.xml", question_bank(bank))]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))  # fixed time: same bank, same bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()
