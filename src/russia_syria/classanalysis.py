"""Item analysis of re-graded class results: per question, per student, per chapter; gradebook CSV; summary.

All figures count *earned* answers: right on re-grading by the quizzes' own grader, and not revealed with
"Show answer" first (see :mod:`russia_syria.classresults`).
"""

from __future__ import annotations

import csv
import html
import io
import math
from typing import Any

import pandas as pd

from .classresults import ClassResults, _key

UPPER_LOWER = 0.27  # Kelley's classic share for the upper and lower groups of the discrimination index
MISCONCEPTIONS = "{chapter}.html#common-misconceptions"  # the teacher's guide page of a chapter, beside this one


def course_questions(specs: dict[str, dict] | None = None) -> pd.DataFrame:
    """Every question of the course's quiz files: quiz id, chapter file name, question id, kind and prompt."""
    if specs is None:
        from .classgrade import course_specs

        specs, _ = course_specs()
    rows = [{"quiz": s["id"], "chapter": s.get("name", ""), "question": q["id"], "kind": q["kind"],
             "prompt": q["prompt"]} for s in specs.values() for q in s["questions"]]
    return pd.DataFrame(rows, columns=["quiz", "chapter", "question", "kind", "prompt"])


def known_questions(questions: pd.DataFrame) -> dict[str, set[str]]:
    """``course_questions()`` as the ``known`` mapping of :func:`~russia_syria.classresults.read_folder`."""
    return {q: set(g["question"]) for q, g in questions.groupby("quiz", sort=False)}


def questions_from_answers(results: ClassResults) -> pd.DataFrame:
    """The questions seen in the answers, for when the course's quiz files are not at hand."""
    seen = results.answers[["quiz", "question"]].drop_duplicates().sort_values(["quiz", "question"])
    return seen.assign(chapter="", kind="", prompt="")[["quiz", "chapter", "question", "kind", "prompt"]].reset_index(drop=True)


def _students(results: ClassResults) -> list[str]:
    """Every student with an accepted file (also those who answered nothing), in name order."""
    return sorted(dict.fromkeys(results.files["student"]), key=_key)


def per_student(results: ClassResults, questions: pd.DataFrame) -> pd.DataFrame:
    """One row per student: questions answered, earned, revealed, and completion of the whole course."""
    total = len(questions)
    a = results.answers
    g = a.groupby("student")
    out = pd.DataFrame({"student": _students(results)})
    out["answered"] = out["student"].map(g.size()).fillna(0).astype(int)
    out["right"] = out["student"].map(g["earned"].sum()).fillna(0).astype(int)
    out["revealed"] = out["student"].map(g["revealed"].sum()).fillna(0).astype(int)
    out["completion"] = out["answered"] / total if total else float("nan")
    return out


def discrimination(results: ClassResults) -> pd.Series:
    """Upper–lower discrimination index per (quiz, question): share earned in the top group minus the bottom.

    Students are ranked by their share of earned answers over everything they answered; the groups are the top
    and bottom 27 % (at least one student each) of those who answered the question. NaN below 4 answers.
    """
    a = results.answers
    if a.empty:
        return pd.Series(dtype=float)
    ability = a.groupby("student")["earned"].mean()
    out = {}
    for key, g in a.groupby(["quiz", "question"]):
        if len(g) < 4:
            out[key] = float("nan")
            continue
        ranked = g.assign(ability=g["student"].map(ability)).sort_values("ability", kind="stable")
        k = max(1, round(UPPER_LOWER * len(ranked)))
        out[key] = ranked["earned"].tail(k).mean() - ranked["earned"].head(k).mean()
    return pd.Series(out, dtype=float)


def per_question(results: ClassResults, questions: pd.DataFrame, top_wrong: int = 3) -> pd.DataFrame:
    """One row per course question: answered, earned, share correct, discrimination, most chosen wrong answers."""
    a = results.answers
    stats = a.groupby(["quiz", "question"])["earned"].agg(answered="size", right="sum")
    out = questions.merge(stats.reset_index(), on=["quiz", "question"], how="left")
    out[["answered", "right"]] = out[["answered", "right"]].fillna(0).astype(int)
    out["share_correct"] = (out["right"] / out["answered"]).where(out["answered"] > 0)  # NaN: nobody answered
    disc = discrimination(results)
    out["discrimination"] = [disc.get((q, x), float("nan")) for q, x in zip(out["quiz"], out["question"], strict=False)]
    wrong = a.loc[~a["correct"].astype(bool)].groupby(["quiz", "question"])["answer_text"]
    common = {k: [(t, int(n)) for t, n in g.value_counts().head(top_wrong).items()] for k, g in wrong}
    out["wrong_answers"] = [common.get((q, x), []) for q, x in zip(out["quiz"], out["question"], strict=False)]
    return out


def mastery(results: ClassResults, questions: pd.DataFrame) -> pd.DataFrame:
    """Students × chapters: the share of each chapter's questions the student earned (unanswered = not earned)."""
    sizes = questions.groupby("quiz", sort=False).size()
    earned = results.answers.groupby(["student", "quiz"])["earned"].sum().unstack(fill_value=0)
    table = earned.reindex(index=_students(results), columns=list(sizes.index), fill_value=0) / sizes
    table.index.name, table.columns.name = "student", None
    return table


def per_chapter(results: ClassResults, questions: pd.DataFrame) -> pd.DataFrame:
    """One row per chapter quiz: questions, students who answered any, and the class's mean mastery."""
    m = mastery(results, questions)
    started = results.answers.groupby("quiz")["student"].nunique()
    sizes = questions.groupby("quiz", sort=False).size()
    return pd.DataFrame({"quiz": sizes.index, "questions": sizes.values,
                         "students_started": [int(started.get(q, 0)) for q in sizes.index],
                         "mean_mastery": [m[q].mean() if len(m) else float("nan") for q in sizes.index]})


def _cell(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text: a leading = + - @ would otherwise run as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _round(share: float) -> str:
    """A share as a whole percent, halves rounded up (as the browser page's Math.round does)."""
    return str(math.floor(share * 100 + 0.5))


def gradebook_csv(results: ClassResults, questions: pd.DataFrame) -> str:
    """The gradebook: one row per student, one column per chapter (percent earned), then the course total."""
    m = mastery(results, questions)
    total = results.answers.groupby("student")["earned"].sum().reindex(m.index, fill_value=0) / max(len(questions), 1)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["student", *m.columns, "course"])
    for student, row in m.iterrows():
        w.writerow([_cell(student), *(_round(v) for v in row), _round(total[student])])
    return buf.getvalue()


def _pct(v: float) -> str:
    return "–" if pd.isna(v) else f"{v:.0%}"


def summary_html(results: ClassResults, questions: pd.DataFrame, hardest: int = 6) -> str:
    """A one-page printable class summary (self-contained HTML, escaped): chapters, hardest questions, problems."""
    e = html.escape
    pq = per_question(results, questions)
    pq = pq[pq["answered"] > 0].sort_values("share_correct", kind="stable").head(hardest)
    chapters = per_chapter(results, questions)
    files_with_problems = len({p.file for p in results.problems})
    rows_c = "".join(f"<tr><td>{e(r.quiz)}</td><td>{r.students_started}</td><td>{_pct(r.mean_mastery)}</td></tr>"
                     for r in chapters.itertuples())
    rows_q = "".join(
        f"<tr><td>{e(r.quiz)} / {e(r.question)}</td><td>{e(str(r.prompt))[:120]}</td><td>{_pct(r.share_correct)}"
        f" (n={r.answered})</td><td>{e('; '.join(f'{t} ({n})' for t, n in r.wrong_answers)[:160])}</td></tr>"
        for r in pq.itertuples())
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Class summary</title>
<style>@page{{size:A4;margin:12mm}}body{{font:10pt/1.3 system-ui,sans-serif;max-width:185mm}}
table{{border-collapse:collapse;width:100%;margin:.4em 0}}td,th{{border:1px solid #999;padding:2px 4px;text-align:left;vertical-align:top}}
h1{{font-size:14pt}}h2{{font-size:11pt;margin:.8em 0 .2em}}</style></head><body>
<h1>Class summary</h1>
<p>{len(results.files)} students' files read; {files_with_problems} file(s) with problems (listed in the class-results page).
Answers are re-graded; an answer shown with "Show answer" first is not counted.</p>
<h2>Mastery per chapter</h2><table><thead><tr><th scope="col">Quiz</th><th scope="col">Students who started</th>
<th scope="col">Mean mastery</th></tr></thead><tbody>{rows_c}</tbody></table>
<h2>Questions to revisit (lowest share correct)</h2><table><thead><tr><th scope="col">Question</th><th scope="col">Prompt</th>
<th scope="col">Correct</th><th scope="col">Most chosen wrong answers</th></tr></thead><tbody>{rows_q}</tbody></table>
<p>Practice records graded in the students' browsers and re-graded here: they show where the class stands, not who
did the work.</p></body></html>"""


def show_students(students: pd.DataFrame) -> Any:
    """``per_student`` as a styled table; names typed by students are shown as text, never as HTML."""
    return students.style.format({"completion": "{:.0%}"}, escape="html").hide(axis="index")


def show_questions(per_q: pd.DataFrame) -> Any:
    """``per_question`` as an HTML table, escaped; a chapter's wrong answers link to its misconceptions section."""
    from IPython.display import HTML

    e = html.escape
    head = ["Quiz", "Question", "Prompt", "Answered", "Share correct", "Discrimination", "Most chosen wrong answers"]
    body = []
    for r in per_q.itertuples():
        wrong = "; ".join(f"{e(str(t))} ({n})" for t, n in r.wrong_answers)
        if wrong and r.chapter:
            wrong += f' — <a href="{e(misconceptions_link(r.chapter))}">common misconceptions</a>'
        disc = "–" if pd.isna(r.discrimination) else f"{r.discrimination:+.2f}"
        cells = [e(r.quiz), e(r.question), e(str(r.prompt)), str(r.answered), _pct(r.share_correct), disc, wrong]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return HTML('<table class="rs-items"><thead><tr>' + "".join(f'<th scope="col">{h}</th>' for h in head)
                + "</tr></thead><tbody>" + "".join(body) + "</tbody></table>")


def misconceptions_link(chapter: str) -> str:
    """The teacher's guide section on a chapter's common misconceptions (relative to this guide's pages)."""
    return MISCONCEPTIONS.format(chapter=chapter)


def _bar_chart(labels: list[str], values: list[float], xlabel: str, title: str) -> Any:
    """A horizontal bar chart whose labels are plain text: a name like ``$\\foo$`` is never read as math."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 0.4 * len(labels) + 1.2))
    pos = list(range(len(labels)))
    ax.barh(pos, values)
    ax.set_yticks(pos, labels)
    for t in ax.get_yticklabels():
        t.set_parse_math(False)  # students type names; matplotlib would parse $...$ as mathtext and fail
    ax.set_xlim(0, 100)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.invert_yaxis()
    fig.tight_layout()
    return fig


def completion_chart(students: pd.DataFrame) -> Any:
    """Completion per student (``per_student``) as a bar chart."""
    return _bar_chart(students["student"].tolist(), (students["completion"] * 100).tolist(),
                      "questions answered (% of the course)", "Completion per student")


def share_chart(per_q: pd.DataFrame) -> Any:
    """Share correct per answered question (``per_question``) as a bar chart."""
    shown = per_q[per_q["answered"] > 0]
    labels = [f"{q} / {x} (n={n})" for q, x, n in zip(shown["quiz"], shown["question"], shown["answered"], strict=False)]
    return _bar_chart(labels, (shown["share_correct"] * 100).tolist(), "students who answered correctly (%)",
                      "Share correct per question (answered questions only)")


def downloads(results: ClassResults, questions: pd.DataFrame) -> Any:
    """Download links for the gradebook CSV and the printable summary, built in the page (no server, no request)."""
    import base64

    from IPython.display import HTML

    def link(data: str, mime: str, name: str, label: str) -> str:
        b64 = base64.b64encode(data.encode("utf-8")).decode("ascii")
        return f'<a download="{name}" href="data:{mime};charset=utf-8;base64,{b64}">{label}</a>'

    csv_text = "\ufeff" + gradebook_csv(results, questions)  # the BOM makes spreadsheet programs read UTF-8 names
    return HTML("<ul><li>" + link(csv_text, "text/csv", "class-gradebook.csv", "Gradebook (CSV, one row per student)")
                + "</li><li>" + link(summary_html(results, questions), "text/html", "class-summary.html",
                                      "Printable class summary (one page, HTML: open it, then print)") + "</li></ul>")
