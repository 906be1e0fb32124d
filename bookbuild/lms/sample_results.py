"""Write the teacher's guide's sample class (``book/teachers/sample_results/``): fictional students' exports.

Run ``python -m bookbuild.lms.sample_results`` after a quiz changes. Answers are graded by the quizzes' own grader
(quiz.mjs via :mod:`russia_syria.regrade`), so the honest files carry the flags a browser would write; the
problem files (a forgery, revealed answers, look-alike names, nested brackets, ...) show each check at work.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from bookbuild.teacher import course_values
from russia_syria import classgrade, regrade

OUT = Path(__file__).resolve().parents[2] / "book" / "teachers" / "sample_results"
QUIZZES = ["ch01", "ch02", "ch03"]


def _right(q: dict) -> Any:
    kind = q["kind"]
    if kind == "single":
        return next(i for i, o in enumerate(q["options"]) if o.get("correct"))
    if kind == "multiple":
        return [i for i, o in enumerate(q["options"]) if o.get("correct")]
    if kind == "truefalse":
        return q["answer"]
    if kind == "numeric":
        return str(q["answer"])
    if kind == "text":
        return q["accept"][0]
    return list(range(len(q["items"] if kind == "order" else q["pairs"])))


def _wrong(q: dict, rng: random.Random) -> Any:
    kind, right = q["kind"], _right(q)
    if kind == "single":
        return rng.choice([i for i, _ in enumerate(q["options"]) if i != right])
    if kind == "multiple":
        return right[:-1] or [i for i, o in enumerate(q["options"]) if not o.get("correct")][:1]
    if kind == "truefalse":
        return not right
    if kind == "numeric":
        return str(q["answer"] + rng.choice([1, 2, 10]) + (q.get("tolerance") or 0))
    if kind == "text":
        return "I do not know"
    return [1, 0, *right[2:]]


def exports() -> dict[str, Any]:
    """File name → content (a dict for JSON, a str written as is)."""
    values, _ = course_values()
    specs, _ = classgrade.course_specs(values)
    rng = random.Random(16)
    files: dict[str, Any] = {}

    def student(name: str, ability: float, day: int, quizzes: list[str] = QUIZZES, forge: bool = False,
                reveal: int = 0) -> dict:
        cases, rows = [], []
        minute = 0
        for qid in quizzes:
            for q in specs[qid]["questions"]:
                a = _right(q) if rng.random() < ability else _wrong(q, rng)
                cases.append({"question": q, "answer": a})
                minute += 1
                rows.append({"quiz": qid, "question": q["id"], "answer": a,
                             "timestamp": f"2026-03-{day:02d}T10:{minute:02d}:00.000Z"})
        for row, v in zip(rows, regrade.grade_many(cases), strict=True):
            row["answer_text"], row["correct"] = v["answer_text"], v["status"] == "correct"
            row["attempts"] = 1 if row["correct"] else 2
            row["revealed"] = False
        if forge:  # hand-edited: every flag set to true
            for row in rows:
                row["correct"] = True
        for row in rows[:reveal]:  # "Show answer", then the answer typed back in
            row["answer"] = _right(specs[row["quiz"]]["questions"][[q["id"] for q in specs[row["quiz"]]["questions"]].index(row["question"])])
            row.update(correct=True, revealed=True, attempts=1)
        return {"format": "russia-syria-quiz-progress", "version": 1, "course": "russia-syria", "student": name,
                "exported_at": f"2026-03-{day:02d}T11:00:00.000Z", "quizzes": list(quizzes), "answers": rows}

    files["student-1.json"] = student("Amira K.", 0.9, 2)
    files["student-1-copy.json"] = files["student-1.json"]
    files["student-2-old.json"] = student("Boris P.", 0.4, 3, quizzes=["ch01"])
    files["student-2.json"] = student("Boris P.", 0.7, 5)
    files["student-3.json"] = student("Chen L.", 0.6, 4)
    files["student-4.json"] = student("Dana M.", 0.3, 4, forge=True)
    files["student-5.json"] = student("Elif S.", 0.5, 6, reveal=4)
    files["student-6.json"] = student("", 0.8, 7, quizzes=["ch01"])
    files["student-7.json"] = student("Аmira K.", 0.95, 8, quizzes=["ch02"])  # Cyrillic А: a look-alike name
    files["student-8.json"] = student(r"$\alpha$ Omar", 0.65, 8)  # a name matplotlib would read as math
    files["student-9.json"] = {**student("Farid N.", 0, 9, quizzes=["ch01"]), "answers": []}
    files["other-app.json"] = {"format": "another-app-export", "version": 3, "items": []}
    files["truncated.json"] = json.dumps(files["student-3.json"], indent=1)[:300]
    files["nested.json"] = "[" * 2048
    files["notes.txt"] = "A text file handed in by mistake.\n"
    return files


def main() -> None:
    for old in OUT.glob("*"):
        old.unlink()
    for name, content in exports().items():
        text = content if isinstance(content, str) else json.dumps(content, indent=1, ensure_ascii=False) + "\n"
        (OUT / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(list(OUT.iterdir()))} files to {OUT.relative_to(OUT.parents[2])}/")


if __name__ == "__main__":
    main()
