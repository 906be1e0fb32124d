"""A quiz as printed questions (the course PDF): prompt, then the options or a line to write on. No answers."""

from __future__ import annotations

from docutils import nodes

from bookbuild.teacher.printable import sheet_order

KIND_HINTS = {"single": "Tick one.", "multiple": "Tick all that apply.", "truefalse": "True or false?",
              "numeric": "Write a number.", "text": "Write a short answer.",
              "order": "Number these from 1 (first).", "match": "Match each item on the left to one on the right."}


def _para(text: str, cls: str | None = None) -> nodes.paragraph:
    p = nodes.paragraph(text=text)
    if cls:
        p["classes"].append(cls)
    return p


def _items(texts: list[str], mark: str) -> nodes.bullet_list:
    return nodes.bullet_list("", *(nodes.list_item("", _para(f"{mark} {t}".strip())) for t in texts), bullet="")


def questions(spec: dict) -> nodes.container:
    """The quiz as a container of text nodes (all text stays text: nothing is read as markup)."""
    box = nodes.container(classes=["rsq-print"])
    box += nodes.rubric(text=spec["title"])
    enum = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    for q in spec["questions"]:
        seed = spec["id"] + "/" + q["id"]
        item = nodes.list_item()
        item += _para(q["prompt"])
        item += _para(KIND_HINTS[q["kind"]], "rsq-print-hint")
        kind = q["kind"]
        if kind in ("single", "multiple"):
            item += _items([o["text"] for o in q["options"]], "☐")
        elif kind == "truefalse":
            item += _para("☐ True    ☐ False")
        elif kind in ("numeric", "text"):
            item += _para("Answer: ______________" + (f" {q['unit']}" if q.get("unit") else ""))
        elif kind == "order":
            # The quiz sheets' order, so the answer key's numbers fit the course PDF too.
            item += _items([q["items"][i] for i in sheet_order(len(q["items"]), seed)], "___")
        else:
            rights = [q["pairs"][i]["right"] for i in sheet_order(len(q["pairs"]), seed)]
            item += _items([f"{p['left']}  →  ___" for p in q["pairs"]], "")
            item += _items([f"{chr(65 + i)}. {r}" for i, r in enumerate(rights)], "")
        enum += item
    box += enum
    return box
