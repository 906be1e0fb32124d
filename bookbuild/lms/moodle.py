"""Moodle XML (the question bank format of Moodle's own import, "Moodle XML format").

Written with the standard library's ElementTree: the writers on PyPI (excel2moodle, caux8-moodle-parser) start
from spreadsheets or their own object models and carry no per-option feedback of the kinds we need.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .bank import Bank
from .common import e, fraction, general_html, multiple_share, pairs, prompt


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = value
    return el


def _answer(parent: ET.Element, frac: float, text: str, feedback: str = "", fmt: str = "html") -> ET.Element:
    a = ET.SubElement(parent, "answer", {"fraction": fraction(frac), "format": fmt})
    ET.SubElement(a, "text").text = text
    _text(a, "feedback", e(feedback) if feedback else "")
    return a


def question(spec: dict, q: dict, link: str) -> ET.Element:
    """One ``<question>`` element."""
    kind = q["kind"]
    mtype = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "numeric": "numerical",
             "text": "shortanswer", "match": "matching", "order": "matching"}[kind]
    el = ET.Element("question", {"type": mtype})
    _text(el, "name", f"{spec['id']}-{q['id']}", None)
    _text(el, "questiontext", e(prompt(q)))
    _text(el, "generalfeedback", general_html(q, link))
    for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"), ("idnumber", f"{spec['id']}-{q['id']}")):
        ET.SubElement(el, tag).text = value
    if kind in ("single", "multiple"):
        ET.SubElement(el, "single").text = "true" if kind == "single" else "false"
        ET.SubElement(el, "shuffleanswers").text = "true"
        ET.SubElement(el, "answernumbering").text = "abc"
        share = 100 if kind == "single" else multiple_share(q)
        for o in q["options"]:
            _answer(el, share if o.get("correct") else (0 if kind == "single" else -100), e(o["text"]), o.get("feedback", ""))
    elif kind == "truefalse":
        _answer(el, 100 if q["answer"] else 0, "true", q.get("feedback_true", ""), "moodle_auto_format")
        _answer(el, 0 if q["answer"] else 100, "false", q.get("feedback_false", ""), "moodle_auto_format")
    elif kind == "numeric":
        a = _answer(el, 100, repr(q["answer"]) if isinstance(q["answer"], float) else str(q["answer"]), "", "moodle_auto_format")
        ET.SubElement(a, "tolerance").text = str(q.get("tolerance") or 0)
        for tag, value in (("unitgradingtype", "0"), ("unitpenalty", "0"), ("showunits", "3"), ("unitsleft", "0")):
            ET.SubElement(el, tag).text = value
    elif kind == "text":
        ET.SubElement(el, "usecase").text = "0"  # the course ignores case
        for accepted in q["accept"]:
            _answer(el, 100, accepted, "", "moodle_auto_format")
    else:
        ET.SubElement(el, "shuffleanswers").text = "true"
        for left, right in pairs(q):
            sub = _text(el, "subquestion", e(left))
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = right  # Moodle shows right-hand texts as plain text
    return el


def write(bank: Bank) -> bytes:
    """The whole bank as one Moodle XML file, one category per chapter."""
    root = ET.Element("quiz")
    for spec in bank.quizzes:
        cat = ET.SubElement(root, "question", {"type": "category"})
        _text(cat, "category", f"$course$/top/Russia and Syria/{spec['title']}", None)
        for q in spec["questions"]:
            root.append(question(spec, q, bank.link(spec, q)))
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"
