// Export: a JSON file of the saved answers, re-graded, that the student hands in (format in quizzes/README.md).
import { h } from "./dom.mjs";
import { answerText } from "./grading.mjs";
import { answersOf, localStore, logOf, regrade, storeKey, VERSION } from "./storage.mjs";

const FORMAT = "russia-syria-quiz-progress";

/** The export of `quizzes` (each {id, questions}) from this browser's storage. Every saved answer is re-graded
 * against its question; one that cannot be graded (question removed, wrong shape) is exported with
 * `correct: false` and a `note`, never dropped. Quizzes whose saved data a newer page wrote are listed in
 * `skipped` (that data is kept in the browser). */
export function collect(course, quizzes, student, skipped = []) {
  const answers = [];
  for (const qz of quizzes) {
    const store = localStore(storeKey(course, qz.id));
    const loaded = store.load();
    const saved = answersOf(loaded), log = logOf(loaded);
    if (store.readOnly) skipped.push(qz.id);
    const byId = new Map((qz.questions || []).map((q) => [q.id, q]));
    for (const qid of Object.keys(saved)) {
      const r = saved[qid], q = byId.get(qid), status = regrade(q, r);
      const row = { quiz: qz.id, question: qid, answer: r.answer, answer_text: status === "invalid" ? String(typeof r.text === "string" ? r.text : JSON.stringify(r.answer) ?? "") : answerText(q, r.answer),
        correct: status === "correct", timestamp: typeof r.timestamp === "string" ? r.timestamp : null,
        attempts: log[qid] ? log[qid].attempts : null, revealed: !!(log[qid] && log[qid].revealed) };
      if (status === "invalid") row.note = q ? "the saved answer does not fit this question: not graded" : "this question is no longer in the quiz: not graded";
      answers.push(row);
    }
  }
  return { format: FORMAT, version: VERSION, course, student: student || "", exported_at: new Date().toISOString(), quizzes: quizzes.map((x) => x.id), answers };
}
export function exportUi(course, quizzes) {
  const nameKey = `rsq:${course}:student`;
  let name = "";
  try { name = localStorage.getItem(nameKey) || ""; } catch { /* storage unavailable */ }
  const id = `rsq-export-${quizzes.length === 1 ? quizzes[0].id : "all"}`;
  const inp = h("input", { type: "text", id: id + "-name", value: name, autocomplete: "name" });
  const msg = h("p", { class: "rsq-note", role: "status", "aria-live": "polite" });
  const go = () => {
    try { localStorage.setItem(nameKey, inp.value); } catch { /* optional */ }
    const skipped = [];
    let data;
    try { data = collect(course, quizzes, inp.value.trim(), skipped); } catch (e) {
      msg.textContent = `The file could not be made (${e && e.message}). Please report it.`; return;
    }
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)], { type: "application/json" }));
    const a = h("a", { href: url, download: `${course}-${quizzes.length === 1 ? quizzes[0].id : "all"}-answers.json` });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
    msg.textContent = `Saved a file with ${data.answers.length} answer(s). Hand it in as your teacher asks.` +
      (skipped.length ? ` Not included: ${skipped.join(", ")} (saved by a newer version of the course; export them from its current page).` : "");
  };
  return h("div", { class: "rsq-export" },
    h("label", { for: id + "-name", text: "Your name for the exported file (optional)" }), inp,
    h("button", { type: "button", class: "rsq-export-btn", id, onclick: go }, quizzes.length === 1 ? "Export my answers (JSON file)" : "Export all my answers (JSON file)"), msg);
}
