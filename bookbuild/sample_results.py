"""Write the teacher's sample class folder (book/teachers/sample_results/) from the course's quiz files.

Fictional students, deterministic answers (seeded), plus a few bad files that the class-results notebook
must report one by one. Re-run after quiz ids change: `.venv/bin/python -m bookbuild.sample_results`.
"""

from __future__ import annotations

import json
import random

from bookbuild import ROOT
from russia_syria import classresults as cr
from russia_syria import quiz

OUT = ROOT / "book" / "teachers" / "sample_results"
STUDENTS = {"Amira K.": 0.9, "Boris P.": 0.7, "Chloé D.": 0.55, "Dmitri S.": 0.8, "Elif Y.": 0.4, "": 0.6}


def course() -> dict[str, list[str]]:
    """Quiz id → question ids from the course's quiz files (a placeholder quiz while there are none)."""
    found = {}
    for name in quiz.available():
        spec = quiz.load(name)
        found[spec["id"]] = [q["id"] for q in spec["questions"]]
    # The first three chapters' quizzes are enough for a sample, and keep it stable while later quizzes change.
    return dict(list(found.items())[:3]) or {"ch01": ["q1", "q2", "q3", "q4"]}


def export(student: str, quizzes: dict[str, list[str]], skill: float, rng: random.Random, day: int) -> dict:
    answers = []
    for qz, questions in quizzes.items():
        for q in questions:
            ok = rng.random() < skill
            answers.append({"quiz": qz, "question": q, "answer": 0 if ok else 1,
                            "answer_text": "(sample answer)", "correct": ok,
                            "timestamp": f"2026-03-{day:02d}T10:{len(answers):02d}:00.000Z"})
    return {"format": cr.FORMAT, "version": cr.VERSION, "course": cr.COURSE, "student": student,
            "exported_at": f"2026-03-{day:02d}T11:00:00.000Z", "quizzes": list(quizzes), "answers": answers}


def main() -> None:
    rng = random.Random(7)
    quizzes = course()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*"):
        old.unlink()
    for i, (student, skill) in enumerate(STUDENTS.items()):
        # Students stop at different points: completion differs, as in a real class.
        done = dict(list(quizzes.items())[: max(1, len(quizzes) - i // 2)])
        if i == 4:  # one student has not finished the last quiz they started
            last = list(done)[-1]
            done[last] = done[last][: max(1, len(done[last]) // 2)]
        data = export(student, done, skill, rng, 2 + i)
        name = f"student-{i + 1}.json"
        (OUT / name).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    # Bad files, one of each kind the notebook must report.
    first = (OUT / "student-1.json").read_text(encoding="utf-8")
    (OUT / "student-1-copy.json").write_text(first, encoding="utf-8")
    older = json.loads((OUT / "student-2.json").read_text(encoding="utf-8"))
    older["exported_at"] = "2026-02-20T09:00:00.000Z"
    (OUT / "student-2-old.json").write_text(json.dumps(older, indent=1) + "\n", encoding="utf-8")
    (OUT / "truncated.json").write_text(first[: len(first) // 2], encoding="utf-8")
    other = {"format": "another-app-export", "version": 3, "items": []}
    (OUT / "other-app.json").write_text(json.dumps(other) + "\n", encoding="utf-8")
    (OUT / "notes.txt").write_text("A text file handed in by mistake.\n", encoding="utf-8")


if __name__ == "__main__":
    main()
