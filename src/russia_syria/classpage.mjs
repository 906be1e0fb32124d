// The class-results page: a file picker (or drop zone) and the analysis of classresults.mjs, drawn with
// textContent only. Inlined after quiz.mjs and classresults.mjs in one module (see classpage.py).
function crEl(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") e.textContent = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of kids) if (c != null) e.append(c);
  return e;
}
const crPct = (v) => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : "–");
function crTable(caption, head, rows) {
  return crEl("table", { class: "rs-cr-table" }, crEl("caption", { text: caption }),
    crEl("thead", {}, crEl("tr", {}, ...head.map((h) => crEl("th", { scope: "col", text: h })))),
    crEl("tbody", {}, ...rows.map((r) => crEl("tr", {}, ...r.map((c) => crEl("td", { text: String(c) }))))));
}

export function mountClassPage(el, specs, fields) {
  const out = crEl("div", { class: "rs-cr-out" });
  const status = crEl("p", { role: "status", "aria-live": "polite", class: "rs-cr-status", text: "No files read yet." });
  const input = crEl("input", { type: "file", id: "rs-cr-files", multiple: "", accept: ".json,application/json" });
  const run = async (list) => {
    const files = [];
    for (const f of list) files.push({ name: f.name, size: f.size, text: f.size > 2_000_000 ? "" : await f.text() });
    const res = analyse(files, specs, { grade, answerText }, Date.now(), fields);
    const sum = summarise(res, specs);
    status.textContent = `${res.files.length} students' files used; ${new Set(res.problems.map((p) => p.file)).size} files with problems.`;
    const csv = gradebookCsv(sum);
    const dl = crEl("button", { type: "button", class: "rs-cr-csv", text: "Download the gradebook (CSV)", onclick: () => {
      const url = URL.createObjectURL(new Blob(["\ufeff" + csv], { type: "text/csv" }));
      const a = crEl("a", { href: url, download: "class-gradebook.csv" });
      document.body.append(a); a.click(); a.remove(); setTimeout(() => URL.revokeObjectURL(url), 5000);
    } });
    out.replaceChildren(
      crEl("h3", { text: "Files with problems" }),
      res.problems.length ? crEl("ul", { class: "rs-cr-problems" }, ...res.problems.map((p) => crEl("li", { text: `${p.file}: ${p.reason}` }))) : crEl("p", { text: "None." }),
      crTable("Per student", ["Student", "Answered", "Right", "Revealed", "Completion"],
        sum.student.map((s) => [s.student, s.answered, s.right, s.revealed, crPct(s.completion)])),
      crTable("Per chapter: mean mastery", ["Quiz", "Questions", "Mean mastery"],
        sum.chapters.map((c) => { const v = Object.values(c.mastery); return [c.quiz, c.questions, crPct(v.reduce((a, b) => a + b, 0) / v.length)]; })),
      crTable("Per question", ["Quiz", "Question", "Prompt", "Answered", "Share correct", "Discrimination", "Most chosen wrong answers"],
        sum.question.map((q) => [q.quiz, q.question, q.prompt, q.answered, crPct(q.share_correct),
          Number.isFinite(q.discrimination) ? q.discrimination.toFixed(2) : "–", q.wrong_answers.map(([t, n]) => `${t} (${n})`).join("; ")])),
      dl);
  };
  input.addEventListener("change", () => run([...input.files]));
  const drop = crEl("div", { class: "rs-cr-drop", text: "…or drop the files here." });
  drop.addEventListener("dragover", (e) => e.preventDefault());
  drop.addEventListener("drop", (e) => { e.preventDefault(); run([...e.dataTransfer.files]); });
  el.replaceChildren(crEl("div", { class: "rs-cr" },
    crEl("label", { for: "rs-cr-files", text: "Choose your class's exported files (they stay on this computer): " }), input, drop, status, out));
}
